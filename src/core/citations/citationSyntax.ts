/**
 * Citations in a document: the syntax of each language (LaTeX `\cite{…}`, Pandoc `[@…]`), the citation being
 * typed at the cursor (for completion), the citations a document makes (for checks and hover), and writing one.
 */
import { BracketTracker, LatexCiteScanner, maskMarkdownCode } from './citationScan';
import { DOCUMENT_LANGUAGES } from '../text/documentLanguages';

/** How a document cites: LaTeX `\cite{…}` or Pandoc `[@…]` (Markdown, Quarto, R Markdown). */
export type CitationSyntax = 'latex' | 'pandoc';

/** The citation syntax of a VS Code language id (documentLanguages.ts), or undefined when the language does not cite. */
export function citationSyntaxFor(languageId: string): CitationSyntax | undefined {
  // Sweave is LaTeX with R chunks: it cites as LaTeX, though the scan does not read it.
  if (languageId === 'rsweave') return 'latex';
  return DOCUMENT_LANGUAGES.find((l) => l.id === languageId)?.citation;
}

/** `\cite{a,b}` or `[@a; @b]`. */
export function formatCitation(keys: readonly string[], syntax: CitationSyntax, command = 'cite'): string {
  return syntax === 'latex' ? `\\${command}{${keys.join(',')}}` : `[${keys.map((k) => `@${k}`).join('; ')}]`;
}

/** The citation being typed at the cursor, for completion. */
export interface CitationContext {
  /** What has been typed of the key so far. */
  prefix: string;
  /** Offsets of the whole key around the cursor ([start, end)), to replace on completion. */
  start: number;
  end: number;
  /** Keys already in the same citation before this one. */
  otherKeys: string[];
  /** LaTeX: the command ("citep"); Pandoc: "[@" or "@". */
  command: string;
}

const NOT_CITE_COMMANDS = new Set(['citestyle', 'citesetup', 'citereset', 'citeindexfalse', 'citeindextrue', 'bibliographystyle']);
const LOOKBEHIND = 1000;

const isPandocKeyChar = (c: string) => /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u.test(c);

/**
 * Detects a citation key being typed at `offset`: inside `\cite{…}` (and variants, with optional `[…]`
 * arguments, several comma-separated keys) in LaTeX; after `[@`, `@` at a word start, or `; @` in Pandoc
 * Markdown. Returns undefined elsewhere (e-mail addresses, code).
 */
export function citationContextAt(text: string, offset: number, syntax: CitationSyntax): CitationContext | undefined {
  const from = Math.max(0, offset - LOOKBEHIND);
  const before = text.slice(from, offset);
  if (syntax === 'latex') {
    // LaTeX commands whose braces hold citation keys: \cite, \citep, \citet, \parencite, \autocite, …
    const cmd = new LatexCiteScanner(before, true).openAtEnd();
    if (cmd === undefined || NOT_CITE_COMMANDS.has(cmd.name)) return undefined;
    const inside = before.slice(cmd.open + 1);
    const parts = inside.split(',');
    const last = parts[parts.length - 1];
    const prefix = last.replace(/^\s+/, '');
    let end = offset;
    while (end < text.length && !/[,}\s\\{]/.test(text[end])) end++;
    return {
      prefix,
      start: offset - prefix.length,
      end,
      otherKeys: parts.slice(0, -1).map((k) => k.trim()).filter((k) => k !== ''),
      command: cmd.name,
    };
  }
  let i = before.length;
  while (i > 0 && isPandocKeyChar(before[i - 1])) i--;
  if (i === 0 || before[i - 1] !== '@') return undefined;
  const atPos = i - 1;
  const prev = atPos > 0 ? before[atPos - 1] : '\n';
  // `@` must start a word: not an e-mail address (x@y) nor a decorator inside a word.
  if (/[\p{L}\p{N}_]/u.test(prev) || prev === '@' || prev === '`') return undefined;
  if (atPos === 0 && from > 0 && /[\p{L}\p{N}_]/u.test(text[from - 1])) return undefined;
  const prefix = before.slice(i);
  if (prefix !== '' && !/^[\p{L}\p{N}_]/u.test(prefix)) return undefined;
  let end = offset;
  while (end < text.length && isPandocKeyChar(text[end])) end++;
  // Trailing punctuation ends a sentence, not a key.
  while (end > offset && /[.:?;,]/.test(text[end - 1])) end--;
  const bracket = bracketOpenBefore(before, atPos);
  const otherKeys: string[] = [];
  if (bracket >= 0) {
    for (const km of before.slice(bracket, atPos).matchAll(/@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)/gu)) otherKeys.push(trimKey(km[1]));
  }
  return { prefix, start: offset - prefix.length, end, otherKeys, command: bracket >= 0 ? '[@' : '@' };
}

/** Offset of the `[` that opens the bracketed citation containing `pos`, or -1. */
function bracketOpenBefore(text: string, pos: number): number {
  for (let j = pos - 1; j >= 0 && pos - j < 500; j--) {
    const c = text[j];
    if (c === '[') return j;
    if (c === ']' || c === '\n') return -1;
  }
  return -1;
}

function trimKey(k: string): string {
  return k.replace(/[.:?;,]+$/, '');
}

/** A citation key used in a document. */
export interface CitationUse {
  key: string;
  /** Offsets of the key itself ([start, end)). */
  start: number;
  end: number;
  /** Pandoc: inside `[…]`; LaTeX: always true. Bare `@word` in Markdown may be a handle, not a citation. */
  bracketed: boolean;
}

/**
 * Finds the citation keys of a document with their offsets, skipping LaTeX comments and, in Markdown,
 * code (fenced blocks, inline code) and HTML comments.
 */
export function findCitations(text: string, syntax: CitationSyntax): CitationUse[] {
  const out: CitationUse[] = [];
  if (syntax === 'latex') {
    const masked = maskLatexComments(text);
    for (const c of new LatexCiteScanner(masked, false).citations()) {
      if (NOT_CITE_COMMANDS.has(c.name)) continue;
      let p = c.keysStart;
      for (const part of masked.slice(c.keysStart, c.keysEnd).split(',')) {
        const lead = part.length - part.trimStart().length;
        const key = part.trim();
        if (key !== '' && key !== '*') out.push({ key, start: p + lead, end: p + lead + key.length, bracketed: true });
        p += part.length + 1;
      }
    }
    return out;
  }
  const masked = maskMarkdownCode(text);
  const brackets = new BracketTracker(masked);
  const re = /@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)/gu;
  for (const m of masked.matchAll(re)) {
    const at = m.index ?? 0;
    const prev = at > 0 ? masked[at - 1] : '\n';
    if (/[\p{L}\p{N}_@`]/u.test(prev)) continue;
    const key = trimKey(m[1]);
    if (key === '') continue;
    out.push({ key, start: at + 1, end: at + 1 + key.length, bracketed: brackets.openBefore(at) >= 0 && brackets.closesAfter(at) });
  }
  return out;
}

/** Pandoc-crossref and Quarto cross-references look like citations but are not (@fig-x, @tbl:y). */
export function isCrossReference(key: string): boolean {
  return /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|apx)[-:]/.test(key);
}

/** Replaces LaTeX comments by spaces, keeping offsets. */
function maskLatexComments(text: string): string {
  return text.replace(/(^|[^\\])(%[^\n]*)/g, (_m, pre: string, c: string) => pre + ' '.repeat(c.length));
}
