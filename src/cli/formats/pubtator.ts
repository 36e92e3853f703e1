/**
 * PubTator: documents of a title line, an abstract line and one tab-separated line per mention, separated
 * by a blank line:
 *
 *   PMID|t|Title
 *   PMID|a|Abstract
 *   PMID<TAB>start<TAB>end<TAB>mention<TAB>type<TAB>identifier
 *
 * (the layout of PubTator's and PubTator3's exports, and of the BioCreative corpora; see the
 * pubtator-loader package, https://pypi.org/project/pubtator-loader/). Offsets count the title from 0 and
 * the abstract from the title's length plus one: NCBI's tmBioC key for PubTator says "Title has an offset of
 * zero, while the other passages (e.g., abstract) are assumed to begin after the previous passages and one
 * space". So title, a line break and the abstract are annotated as one text, whose offsets are PubTator's.
 *
 * Annotation and relation lines already in the input (PubTator3's own) are kept as they are, and OncoLex's
 * added: the input's annotation lines, then OncoLex's mentions except those the input already has (same
 * start, end, type and identifier — so annotating OncoLex's own output again changes nothing), then the
 * input's relation lines. The input's lines keep their offsets as they were (PubTator counts code points).
 */
import type { SourceDoc } from './model';
import type { FormatWriter, WriterContext } from './writer';
import { oneLine } from './writer';

const TITLE = /^([^|\t]+)\|t\|(.*)$/;
const ABSTRACT = /^([^|\t]+)\|a\|(.*)$/;
/** An annotation or relation line of the input: PMID, then tab-separated fields. */
const ANNOTATION = /^[^|\t]+\t/;

/**
 * The documents of a PubTator stream, fed one line at a time. A line that fits none of the forms is
 * reported (file and line) and its document skipped; the documents after it are read as usual.
 */
export class PubTatorReader {
  private doc: { pmid: string; title: string; abstract?: string; bad: boolean; lines?: { annotations: string[]; relations: string[] } } | undefined;

  constructor(
    private readonly file: string,
    private readonly problem: (message: string) => void,
  ) {}

  /** Reads line `n` (1-based); returns the document it completes, if any. */
  line(line: string, n: number): SourceDoc | undefined {
    if (line.trim() === '') return this.finish();
    const t = TITLE.exec(line);
    if (t) {
      // A new title without a blank line before it still starts a new document.
      const d = this.finish();
      this.doc = { pmid: t[1], title: t[2], bad: false };
      return d;
    }
    const doc = this.doc;
    const a = ABSTRACT.exec(line);
    if (a) {
      if (!doc || doc.pmid !== a[1] || doc.abstract !== undefined) {
        this.problem(`${this.file}:${n}: an abstract line for PMID ${a[1]} without its title line just before`);
        if (doc) doc.bad = true;
        return undefined;
      }
      doc.abstract = a[2];
      return undefined;
    }
    if (ANNOTATION.test(line) && doc) {
      const lines = (doc.lines ??= { annotations: [], relations: [] });
      (isAnnotationLine(line) ? lines.annotations : lines.relations).push(line);
      return undefined;
    }
    this.problem(`${this.file}:${n}: not a PubTator line (expected PMID|t|title, PMID|a|abstract or PMID<TAB>start<TAB>end…)`);
    if (doc) doc.bad = true;
    return undefined;
  }

  /** Skips the document now open (the caller has reported why, e.g. a line that is not UTF-8). */
  skipDocument(): void {
    if (this.doc) this.doc.bad = true;
  }

  /** The document still open at the end of the input (or of a piece cut at {@link isPubTatorCut}). */
  finish(): SourceDoc | undefined {
    const d = this.doc;
    this.doc = undefined;
    if (!d || d.bad) return undefined;
    const abstract = d.abstract ?? '';
    return { id: d.pmid, file: this.file, language: 'pubtator.txt', passages: [{ offset: 0, text: `${d.title}\n${abstract}` }], title: d.title, abstract, pubtatorLines: d.lines };
  }
}

/** PMID, start, end, mention, type and (optionally) identifier; anything else after a PMID and a tab is a relation. */
function isAnnotationLine(line: string): boolean {
  const f = line.split('\t');
  return f.length >= 5 && /^\d+$/.test(f[1]) && /^\d+$/.test(f[2]);
}

/** What makes two annotation lines the same annotation: start, end, type and identifier. */
function annotationKey(start: string | number, end: string | number, type: string, identifier: string): string {
  return `${start}\t${end}\t${type}\t${identifier}`;
}

const LF = 0x0a;
const CR = 0x0d;
const BAR = 0x7c;
const TAB = 0x09;

/**
 * Whether a PubTator input may be cut into independently read pieces at byte `at` (a line start): after a
 * blank line, or before a title line — the two places where {@link PubTatorReader} closes a document
 * whatever came before, so reading the pieces one by one gives the documents and problems of reading the
 * whole. A title line counts only once it is complete and reads as one (no U+2028/U+2029, which the title
 * pattern's `.` does not cross).
 */
export function isPubTatorCut(bytes: Uint8Array, at: number): boolean {
  if (at === 0 || bytes[at - 1] !== LF) return false;
  if (bytes[at - 2] === LF || (bytes[at - 2] === CR && bytes[at - 3] === LF)) return true;
  let j = at;
  while (j < bytes.length && bytes[j] !== BAR && bytes[j] !== TAB && bytes[j] !== LF && bytes[j] !== CR) j++;
  if (j === at || bytes[j] !== BAR || bytes[j + 1] !== 0x74 || bytes[j + 2] !== BAR) return false;
  const end = bytes.indexOf(LF, j);
  if (end < 0) return false;
  // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
  for (let k = bytes.indexOf(0xe2, j); k >= 0 && k < end; k = bytes.indexOf(0xe2, k + 1)) if (bytes[k + 1] === 0x80 && (bytes[k + 2] === 0xa8 || bytes[k + 2] === 0xa9)) return false;
  return true;
}

export function pubtatorWriter({ out }: WriterContext): FormatWriter {
  return {
    begin() {},
    doc({ source, passages }) {
      const pmid = source.id;
      // One string per document: a corpus has millions of mention lines.
      let text = `${pmid}|t|${source.title ?? ''}\n${pmid}|a|${source.abstract ?? ''}\n`;
      const kept = source.pubtatorLines;
      let theirs: Set<string> | undefined;
      if (kept) {
        theirs = new Set();
        for (const line of kept.annotations) {
          const f = line.split('\t');
          theirs.add(annotationKey(f[1], f[2], f[4], f[5] ?? ''));
          text += `${line}\n`;
        }
      }
      for (const m of passages[0].mentions) {
        if (theirs?.has(annotationKey(m.start, m.end, m.category, m.identifier))) continue;
        text += `${pmid}\t${m.start}\t${m.end}\t${oneLine(m.text)}\t${m.category}\t${m.identifier}\n`;
      }
      if (kept) for (const line of kept.relations) text += `${line}\n`;
      out.add(`${text}\n`);
    },
    end() {},
  };
}
