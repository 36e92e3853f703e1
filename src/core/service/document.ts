/**
 * The document the service reads, in the shape every host already has (VS Code's `TextDocument`, the
 * language server's `TextDocument`), and positions in the Language Server Protocol's shape: 0-based lines,
 * characters in UTF-16 code units. The CLI makes one from a string with {@link textDocument}.
 */
import { citationSyntaxFor } from '../citations/citationSyntax';
import type { CitationSyntax } from '../citations/citationSyntax';
import { lineIndexAt } from '../text/lines';
import { languageOf } from '../text/regions';
import type { DocLanguage } from '../text/regions';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Replace `range` (offsets `start`–`end` of the text it was computed on) with `newText`. */
export interface ServiceTextEdit {
  range: Range;
  start: number;
  end: number;
  newText: string;
}

/** What the service reads of a document. */
export interface ServiceDocument {
  /** A URI (or, in the CLI, a path): its extension decides the language when the id does not. */
  readonly uri: string;
  readonly languageId: string;
  getText(): string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

/** A {@link ServiceDocument} over a string (the CLI's files, tests). */
export function textDocument(uri: string, languageId: string, text: string): ServiceDocument {
  let starts: number[] | undefined;
  const lines = () => (starts ??= protocolLineStarts(text));
  return {
    uri,
    languageId,
    getText: () => text,
    // As vscode-languageserver-textdocument computes them, so that every host reports the same positions.
    positionAt(offset) {
      const s = lines();
      let o = Math.max(0, Math.min(offset, text.length));
      const line = lineIndexAt(s, o);
      o = beforeEol(text, o, s[line]);
      return { line, character: o - s[line] };
    },
    offsetAt(p) {
      const s = lines();
      if (p.line >= s.length) return text.length;
      if (p.line < 0) return 0;
      if (p.character <= 0) return s[p.line];
      const next = p.line + 1 < s.length ? s[p.line + 1] : text.length;
      return beforeEol(text, Math.min(s[p.line] + p.character, next), s[p.line]);
    },
  };
}

/** An offset moved back before the line break it falls in or after (never before its line's start). */
function beforeEol(text: string, offset: number, lineStart: number): number {
  let o = offset;
  while (o > lineStart && (text.charCodeAt(o - 1) === 10 || text.charCodeAt(o - 1) === 13)) o--;
  return o;
}

/** Where lines start, as the protocol counts them: a line ends at `\n`, `\r\n` or `\r`. */
function protocolLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** A document's markup for the core: by the language id, else by the file's extension. */
export function documentLanguage(doc: Pick<ServiceDocument, 'uri' | 'languageId'>): DocLanguage {
  const byId = languageOf(doc.languageId);
  return byId !== 'plain' ? byId : languageOf(doc.uri.replace(/^.*\./, '.'));
}

/** How a document cites, or undefined for one that does not: by the language id, else by its markup. */
export function citationSyntaxOf(doc: Pick<ServiceDocument, 'uri' | 'languageId'>): CitationSyntax | undefined {
  const l = documentLanguage(doc);
  return citationSyntaxFor(doc.languageId) ?? (l === 'latex' ? 'latex' : l === 'markdown' ? 'pandoc' : undefined);
}

/** The range of offsets [start, end). */
export function rangeOf(doc: Pick<ServiceDocument, 'positionAt'>, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}
