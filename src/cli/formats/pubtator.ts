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
 * Nothing of the input changes: every line is written back as it was, with its own line end (BioRED's CRLF
 * stays CRLF), blank lines and documents without an abstract included, and OncoLex's lines are inserted
 * after the document's title, abstract and annotation lines, before its relation lines, with the line end
 * of its title line. A mention the input already has (same start, end, type and identifier) is not added
 * again, so annotating OncoLex's own output again changes nothing. A line that is neither a title, an
 * abstract, an annotation (PMID, start, end, mention, type[, identifier]) nor a relation (PMID, a type,
 * one to three more fields) of its document is reported by file and line, kept where it was, and the
 * exit code is 1.
 */
import type { SourceDoc } from './model';
import type { FormatWriter, WriterContext } from './writer';
import { oneLine } from './writer';

const TITLE = /^([^|\t]+)\|t\|(.*)$/;
const ABSTRACT = /^([^|\t]+)\|a\|(.*)$/;
const WHOLE = /^\d+$/;
const RELATION_TYPE = /^[A-Za-z][\w.:-]*$/;

/** One line of the input as it was: its text and its line end (`\n`, `\r\n`, `\r`, or '' at the end of the input). */
export interface RawLine {
  text: string;
  end: string;
}

/** A PubTator document as read: its lines as they were and where OncoLex's lines go. */
export interface PubTatorSource {
  lines: RawLine[];
  /** OncoLex's lines follow line `after` (-1: before all, for a piece of blank lines only). */
  after: number;
  /** The line end OncoLex's lines take: the title line's. */
  eol: string;
  /** The input's own annotations, as start, end, type and identifier. */
  theirs: Set<string>;
}

interface OpenDoc {
  pmid: string;
  title?: string;
  abstract?: string;
  lines: RawLine[];
  after: number;
  /** Past the document's first blank line: what follows belongs to no document until the next title. */
  closed: boolean;
  theirs: Set<string>;
  /** Skipped (see {@link PubTatorReader.skipDocument}): not written. */
  bad?: boolean;
}

/**
 * The documents of a PubTator stream, fed one line at a time. A document runs from its title line to the
 * next title line, so the blank lines after it are written back with it; lines before the first title of a
 * piece are a document of their own with nothing to annotate.
 */
export class PubTatorReader {
  private doc: OpenDoc | undefined;

  constructor(
    private readonly file: string,
    private readonly problem: (message: string) => void,
  ) {}

  /** Reads line `n` (1-based) with its line end; returns the document it completes, if any. */
  line(r: RawLine, n: number): SourceDoc | undefined {
    // A byte-order mark is kept in the output but is not part of the PMID.
    const line = n === 1 && r.text.startsWith('\ufeff') ? r.text.slice(1) : r.text;
    const t = TITLE.exec(line);
    if (t) {
      const d = this.finish();
      this.doc = { pmid: t[1], title: t[2], lines: [r], after: 0, closed: false, theirs: new Set() };
      return d;
    }
    const doc = (this.doc ??= { pmid: '', lines: [], after: -1, closed: true, theirs: new Set() });
    doc.lines.push(r);
    if (line.trim() === '') {
      doc.closed = true;
      return undefined;
    }
    const where = `${this.file}:${n}`;
    if (doc.closed) {
      this.problem(`${where}: a line outside any document (expected PMID|t|title to start one)`);
      return undefined;
    }
    const a = ABSTRACT.exec(line);
    if (a) {
      if (doc.pmid !== a[1] || doc.abstract !== undefined) this.problem(`${where}: an abstract line for PMID ${a[1]} that does not follow its title line`);
      else {
        doc.abstract = a[2];
        doc.after = doc.lines.length - 1;
      }
      return undefined;
    }
    const f = line.split('\t');
    if (f.length < 2) {
      this.problem(`${where}: not a PubTator line (expected PMID|t|title, PMID|a|abstract or PMID<TAB>start<TAB>end…)`);
      return undefined;
    }
    if (f[0] !== doc.pmid) {
      this.problem(`${where}: a line for PMID ${f[0]} inside the document of PMID ${doc.pmid}`);
      return undefined;
    }
    if (WHOLE.test(f[1]) && WHOLE.test(f[2] ?? '') && f.length >= 5 && Number(f[1]) <= Number(f[2])) {
      doc.theirs.add(annotationKey(f[1], f[2], f[4], f[5] ?? ''));
      doc.after = doc.lines.length - 1;
    } else if (WHOLE.test(f[1]) || !RELATION_TYPE.test(f[1]) || f.length < 3 || f.length > 5) {
      this.problem(`${where}: a malformed annotation line (expected PMID<TAB>start<TAB>end<TAB>mention<TAB>type[<TAB>identifier], start ≤ end)`);
    }
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
    const eol = d.lines.find((l) => l.end !== '')?.end ?? '\n';
    const pubtator: PubTatorSource = { lines: d.lines, after: d.after, eol: d.lines[0].end || eol, theirs: d.theirs };
    if (d.title === undefined) return { id: '', file: this.file, language: 'pubtator.txt', passages: [], pubtator };
    const passages = [{ offset: 0, text: d.title }];
    if (d.abstract !== undefined) passages.push({ offset: 0, text: d.abstract });
    return { id: d.pmid, file: this.file, language: 'pubtator.txt', passages, offsetsFromText: true, pubtator, sourcedb: 'PubMed', sourceid: d.pmid };
  }
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
      const kept = source.pubtator;
      if (!kept) return;
      const { lines, after, eol, theirs } = kept;
      const ours: string[] = [];
      for (const p of passages) {
        for (const m of p.mentions) {
          if (theirs.size === 0 || !theirs.has(annotationKey(m.start, m.end, m.category, m.identifier))) ours.push(`${source.id}\t${m.start}\t${m.end}\t${oneLine(m.text)}\t${m.category}\t${m.identifier}`);
        }
      }
      // One string per document: a corpus has millions of mention lines.
      let text = '';
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        text += l.text;
        if (i !== after || ours.length === 0) text += l.end;
        // A last line without a line end: ours follow it, and the output still ends without one.
        else if (l.end === '') text += ours.map((o) => `${eol}${o}`).join('');
        else text += l.end + ours.map((o) => `${o}${eol}`).join('');
      }
      out.add(text);
    },
    end() {},
  };
}

/** The documents of a whole PubTator text (for formats that read a `.pubtator` file whole, as PubAnnotation does). */
export function readPubTator(text: string, file: string, problem: (message: string) => void): SourceDoc[] {
  const reader = new PubTatorReader(file, problem);
  const docs: SourceDoc[] = [];
  const breaks = /\r\n|\n|\r/g;
  let from = 0;
  let n = 1;
  const take = (d: SourceDoc | undefined) => {
    if (d && d.passages.length > 0) docs.push(d);
  };
  for (let m = breaks.exec(text); m; m = breaks.exec(text), n++) {
    take(reader.line({ text: text.slice(from, m.index), end: m[0] }, n));
    from = m.index + m[0].length;
  }
  if (from < text.length) take(reader.line({ text: text.slice(from), end: '' }, n));
  take(reader.finish());
  return docs;
}
