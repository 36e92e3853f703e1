/**
 * A document's sentences, each with the section it is in and the citations it makes: what evidence for a
 * term is made of. Sections come from headings: Markdown `#`, LaTeX `\section{…}` (and `\subsection`,
 * `\chapter`) and, in plain text, numbered heading lines (`3. Title`, `2.1 Title`) and bare section words
 * (Abstract, 摘要); a heading's leading number is its section id.
 * Sentences end at `。！？`, at `. ! ?` followed by a space and a capital, digit, bracket or Chinese
 * character (not after `e.g.`, `et al.`, `Fig.`, `vs.`), and at blank lines and headings. The reference
 * markers right after a full stop stay with the sentence they close. Sentences of a References section are
 * left out: a reference list is not prose. One pass over the text.
 */
import { LatexCiteScanner } from '../citations/citationScan';
import { isHeadingLine } from './extractedText';
import type { DocLanguage } from './regions';

/** One sentence (UTF-16 offsets into the text, half-open). */
export interface Sentence {
  start: number;
  end: number;
  /** The section number (`3`, `2.1`) or, for an unnumbered heading, its title; '' before any heading. */
  section: string;
  sectionTitle: string;
  /** Reference numbers the sentence cites: `[3]`, `[12] [13]`, `[3-5]`, `[3, 7]`. */
  refs: number[];
  /** Citation keys the sentence cites: `\cite{a,b}` (and `\citep`, `\parencite`…), `[@key; @other]`. */
  keys: string[];
}

const TEX_HEADING = /^\\(?:sub)*(?:section|chapter)\*?(?:\[[^\]]*\])?\{(.+)\}\s*$/;
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s*(.+)$/;
const REFERENCES = /^(?:references|bibliography|参考文献|works cited)$/i;
/** Words after which a full stop does not end a sentence. */
const NO_END = /(?:\b(?:al|e\.g|i\.e|vs|Fig|Figs|No|approx|ca|cf|Dr|Ref|Refs|Eq)|\b[A-Z])$/;

/**
 * The title of a Markdown ATX heading (`## 2. Methods ##`): after one to six `#` and a space, without the
 * closing `#`s and spaces. Read by hand: the regular expression it replaces backtracked over a run of spaces
 * in cubic time (`# a`, 4,000 spaces, `b`: 21 s).
 */
function markdownHeading(line: string): string | undefined {
  let hashes = 0;
  while (hashes < line.length && line.charCodeAt(hashes) === 0x23) hashes++;
  if (hashes < 1 || hashes > 6 || hashes >= line.length || !/\s/.test(line[hashes])) return undefined;
  let start = hashes;
  while (start < line.length && /\s/.test(line[start])) start++;
  if (start >= line.length) return undefined;
  let end = line.length;
  while (end > start && /\s/.test(line[end - 1])) end--;
  while (end > start && line.charCodeAt(end - 1) === 0x23) end--;
  while (end > start && /\s/.test(line[end - 1])) end--;
  // At least one character: `# #` is titled `#`.
  return line.slice(start, Math.max(end, start + 1));
}

/** The heading a line is, or undefined: its section id and title. */
function heading(line: string, language: DocLanguage): { id: string; title: string } | undefined {
  let title: string | undefined;
  if (language === 'markdown') title = markdownHeading(line);
  else if (language === 'latex') title = TEX_HEADING.exec(line)?.[1];
  else if (isHeadingLine(line)) title = line;
  if (title === undefined) return undefined;
  const n = NUMBERED.exec(title);
  return n ? { id: n[1], title: n[2].trim() } : { id: title, title };
}

/** Pandoc citation keys inside one `[…]` that holds an `@`: `[@a; see @b, p. 3]`. */
const PANDOC_KEY = /(?:^|[\s;\-])@([\w:.#$%&+?<>~/-]*\w)/g;

/**
 * The citations in a piece of text (see {@link Sentence.refs} and {@link Sentence.keys}). Linear in the
 * text: `[3-5]` markers cannot reach over a `[`; `\cite…{keys}` commands are read by the annotator's
 * {@link LatexCiteScanner}; a Pandoc bracket runs from a `[` to the next `]` and is taken when an `@` comes
 * before that `]`, both found by pointers that only move forward (a regular expression here searched from
 * every `[` to the end of the text: cubic on `[@` repeated).
 */
export function citationsIn(text: string): { refs: number[]; keys: string[] } {
  const refs = new Set<number>();
  const keys = new Set<string>();
  for (const m of text.matchAll(/\[(\d+(?:\s*[-–,，]\s*\d+)*)\]/g)) {
    for (const part of m[1].split(/\s*[,，]\s*/)) {
      const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
      if (range && Number(range[2]) - Number(range[1]) <= 100) for (let n = Number(range[1]); n <= Number(range[2]); n++) refs.add(n);
      else refs.add(Number.parseInt(part, 10));
    }
  }
  if (text.includes('\\')) {
    for (const c of new LatexCiteScanner(text, false).citations()) {
      for (const k of text.slice(c.keysStart, c.keysEnd).split(',')) if (k.trim() !== '') keys.add(k.trim());
    }
  }
  // `[` … `]` with an `@` inside and no `]` before it; after a bracket, the search goes on after its `]`.
  let close = -1;
  let at = -1;
  for (let open = text.indexOf('['); open >= 0; ) {
    if (close <= open) close = text.indexOf(']', open + 1);
    if (close < 0) break;
    if (at <= open) at = text.indexOf('@', open + 1);
    if (at < 0) break;
    if (at < close) {
      for (const k of text.slice(open + 1, close).matchAll(PANDOC_KEY)) keys.add(k[1]);
      open = text.indexOf('[', close + 1);
    } else open = text.indexOf('[', open + 1);
  }
  return { refs: [...refs], keys: [...keys] };
}

const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
const isUpperOrDigit = (c: number) => (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

/**
 * The sentences of a document with their sections and citations (see the module comment).
 * @param language how headings are written (plain text has numbered headings only)
 */
export function documentSentences(text: string, language: DocLanguage): Sentence[] {
  const out: Sentence[] = [];
  let section = '';
  let sectionTitle = '';
  let inReferences = false;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (a >= b || inReferences) return;
    const { refs, keys } = citationsIn(text.slice(a, b));
    out.push({ start: a, end: b, section, sectionTitle, refs, keys });
  };
  let start = 0; // where the current sentence began
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).trim();
    const h = line === '' ? undefined : heading(line, language);
    if (line === '' || h) {
      push(start, pos);
      start = nl + 1;
      if (h) {
        section = h.id;
        sectionTitle = h.title;
        inReferences = REFERENCES.test(h.title);
      }
      pos = nl + 1;
      continue;
    }
    for (let i = pos; i < nl; i++) {
      const c = text.charCodeAt(i);
      let end = -1;
      if (c === 0x3002 || c === 0xff01 || c === 0xff1f) end = i + 1;
      else if ((c === 0x2e || c === 0x21 || c === 0x3f) && (i + 1 >= nl || text.charCodeAt(i + 1) === 0x20)) {
        let j = i + 1;
        while (j < nl && text.charCodeAt(j) === 0x20) j++;
        const next = j < nl ? text.charCodeAt(j) : -1;
        const starts = next < 0 || isUpperOrDigit(next) || isHan(next) || next === 0x5b || next === 0x28;
        if (starts && !(c === 0x2e && NO_END.test(text.slice(Math.max(pos, i - 6), i)))) end = i + 1;
      }
      if (end < 0) continue;
      // Reference markers right after the full stop stay with the sentence they close.
      const tail = /^\s*(?:\[\d+(?:\s*[-–,，]\s*\d+)*\]\s*)+/.exec(text.slice(end, Math.min(nl, end + 40)));
      if (tail) end += tail[0].length;
      push(start, end);
      start = end;
      i = end - 1;
    }
    pos = nl + 1;
  }
  push(start, text.length);
  return out;
}
