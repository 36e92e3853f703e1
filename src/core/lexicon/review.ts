/**
 * Reads the review text (extracted from its PDF) into numbered sections and sentences with the `[n]`
 * reference numbers each sentence cites. The extraction breaks lines mid-sentence and hyphenates words
 * across lines (`Mi-\ncroenvironment`); both are undone here.
 */

export interface ReviewSentence {
  /** "abstract", "abstract-en" or the section number ("1".."8"). */
  section: string;
  sectionTitle: string;
  text: string;
  refs: number[];
}

export interface ReviewSection {
  id: string;
  title: string;
  text: string;
}

const HEADING_RE = /^\s*(\d+)\.\s*(\S.*?)\s*$/;
const HAN = /\p{Script=Han}/u;
const BODY_START = /^\s*摘\s*要\s*$/;

function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

/** Joins the extracted lines of one section into running text. */
export function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (out === '') {
      out = line;
      continue;
    }
    const last = out[out.length - 1];
    const first = line[0];
    if (last === '-' && /[a-z]/.test(out[out.length - 2] ?? '') && /^[a-z]/.test(line)) {
      out = out.slice(0, -1) + line; // a word hyphenated across lines
    } else if (isHan(last) || isHan(first) || /[，。；：、（）—–]/.test(last) || /^[，。；：、（）)\]]/.test(first)) {
      // Chinese text has no spaces between words; keep a space only between two Latin words/digits.
      out += /[A-Za-z0-9%)\]]/.test(last) && /^[A-Za-z0-9(]/.test(line) ? ' ' + line : line;
    } else {
      out += ' ' + line;
    }
  }
  return out;
}

/** Splits the review into its sections: the Chinese abstract, the English abstract and the numbered sections. */
export function splitSections(review: string): ReviewSection[] {
  const lines = review.split(/\r?\n/);
  const sections: { id: string; title: string; lines: string[] }[] = [];
  let current: { id: string; title: string; lines: string[] } | undefined;
  let started = false;
  let expected = 1;
  for (const line of lines) {
    if (!started) {
      if (BODY_START.test(line)) {
        started = true;
        current = { id: 'abstract', title: '摘要', lines: [] };
        sections.push(current);
      }
      continue;
    }
    if (/^\s*Abstract\s*$/.test(line)) {
      current = { id: 'abstract-en', title: 'Abstract', lines: [] };
      sections.push(current);
      continue;
    }
    const h = HEADING_RE.exec(line);
    // A heading is the next expected number followed by a short title (not a sentence that starts with a number).
    if (h && Number(h[1]) === expected && h[2].length <= 30 && !/[。，]/.test(h[2])) {
      current = { id: h[1], title: h[2], lines: [] };
      sections.push(current);
      expected++;
      continue;
    }
    current?.lines.push(line);
  }
  return sections.map((s) => ({ id: s.id, title: s.title, text: joinLines(s.lines) }));
}

const REF_RE = /\[(\d+(?:\s*[-–,]\s*\d+)*)\]/g;

/** The reference numbers cited in a piece of text, in order, without duplicates ([12] [13], [3-5]). */
export function citedRefs(text: string): number[] {
  const refs: number[] = [];
  for (const m of text.matchAll(REF_RE)) {
    for (const part of m[1].split(/\s*,\s*/)) {
      const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
      if (range) for (let n = Number(range[1]); n <= Number(range[2]); n++) refs.push(n);
      else refs.push(Number(part));
    }
  }
  return [...new Set(refs)];
}

/**
 * Splits section text into sentences: after 。！？ (Chinese) or after . ! ? followed by a space and a
 * capital (English). A run of reference markers right after the full stop stays with its sentence.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let startAt = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    let end = -1;
    if (ch === '。' || ch === '！' || ch === '？') end = i + 1;
    else if ((ch === '.' || ch === '!' || ch === '?') && text[i + 1] === ' ' && /[A-Z]/.test(text[i + 2] ?? '') && !/\b(?:al|e\.g|i\.e|vs|Fig|No)$/.test(text.slice(Math.max(0, i - 4), i))) end = i + 1;
    if (end < 0) continue;
    // Keep trailing reference markers ("…。[15]") with the sentence they close.
    const tail = /^\s*(?:\[\d+(?:[-–,]\s*\d+)*\]\s*)+/.exec(text.slice(end));
    if (tail) end += tail[0].length;
    const s = text.slice(startAt, end).trim();
    if (s) out.push(s);
    startAt = end;
    i = end - 1;
  }
  const rest = text.slice(startAt).trim();
  if (rest) out.push(rest);
  return out;
}

/** All sentences of the review with their section and reference numbers. */
export function reviewSentences(review: string): ReviewSentence[] {
  const out: ReviewSentence[] = [];
  for (const section of splitSections(review)) {
    for (const sentence of splitSentences(section.text)) {
      out.push({ section: section.id, sectionTitle: section.title, text: sentence, refs: citedRefs(sentence) });
    }
  }
  return out;
}
