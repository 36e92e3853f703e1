/**
 * Text extracted from a PDF, made readable again: the extraction ends a line wherever the page did, often
 * with a blank line after every line, and hyphenates words across lines (`metas-\ntatic`). Joining the lines
 * of a paragraph back into running text lets sentences, brackets and multi-word terms be read whole.
 *
 * Rules, one line at a time (one pass, linear):
 * - a heading line (`3. Title`, `2.1 Title`, `Abstract`, `摘 要`, `References`, `参考文献`) stays a paragraph
 *   of its own;
 * - a line break, even with a blank line after it, is joined unless the line before ends a sentence
 *   (`。` `.` `!` `?`, possibly followed by reference markers `[12]`) and a blank line follows: then it stays a
 *   paragraph break;
 * - a lower-case word hyphenated at the line end is joined without its hyphen (`metas-` + `tatic`);
 *   any other hyphen at a line end joins without a space and stays (`PD-` + `L1`);
 * - Chinese text joins without a space; two Latin words or numbers join with one.
 */

/** The joined text, and where each of its characters came from in the extracted text. */
export interface JoinedText {
  text: string;
  /** The offset in the original text of an offset in {@link text}. */
  origin(offset: number): number;
}

const HEADING_WORDS = /^(?:abstract|摘\s*要|keywords?|关键词|introduction|references|bibliography|参考文献|conclusions?|acknowledge?ments?|致\s*谢)$/i;

/**
 * Whether a trimmed line is a heading: a numbered short title (`3. Title`, `2.1 Title`; at most 60
 * characters, not ending like a sentence) or a bare section word (Abstract, 摘要, References, 参考文献…).
 */
export function isHeadingLine(line: string): boolean {
  if (HEADING_WORDS.test(line)) return true;
  return line.length <= 60 && /^\d{1,2}(?:\.\d{1,2})*\.?\s*[^\d\s.]/.test(line) && !/[。，,;；.:：]$/.test(line) && !/[。，；]/.test(line);
}

const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);
const isLowerLatin = (c: number) => c >= 97 && c <= 122;
/** A sentence end, possibly followed by reference markers: `…。` `….[3]` `…? [3-5]`. */
const SENTENCE_END = /[。！？.!?](?:\s*\[[\d,，\s\-–]+\])*$/;

/** Joins the broken lines of text extracted from a PDF (see the module comment). */
export function joinExtractedLines(extracted: string): JoinedText {
  const parts: string[] = [];
  // Segments of the output copied from the original: output offset and original offset of each start.
  const outAt: number[] = [];
  const origAt: number[] = [];
  let length = 0;
  const emit = (s: string, orig: number) => {
    if (s === '') return;
    if (orig >= 0) {
      outAt.push(length);
      origAt.push(orig);
    }
    parts.push(s);
    length += s.length;
  };
  // The last text line, not yet written: its hyphen may still go.
  let pending = '';
  let pendingAt = -1;
  let blankSince = false;
  let pendingHeading = false;
  const flush = (sep: string, dropHyphen: boolean) => {
    emit(dropHyphen ? pending.slice(0, -1) : pending, pendingAt);
    emit(sep, -1);
    pending = '';
  };
  let pos = 0;
  while (pos <= extracted.length) {
    let nl = extracted.indexOf('\n', pos);
    if (nl < 0) nl = extracted.length;
    let a = pos;
    let b = nl;
    while (a < b && /\s/.test(extracted[a])) a++;
    while (b > a && /\s/.test(extracted[b - 1])) b--;
    pos = nl + 1;
    if (a === b) {
      blankSince = true;
      continue;
    }
    const line = extracted.slice(a, b);
    const heading = isHeadingLine(line);
    if (pending !== '') {
      if (heading || pendingHeading || (blankSince && SENTENCE_END.test(pending))) flush('\n\n', false);
      else {
        const last = pending.charCodeAt(pending.length - 1);
        const first = line.charCodeAt(0);
        const hyphenated = last === 0x2d && pending.length >= 2 && isLowerLatin(pending.charCodeAt(pending.length - 2)) && isLowerLatin(first);
        if (hyphenated) flush('', true);
        else flush(isHan(last) || isHan(first) || last === 0x2d ? '' : ' ', false);
      }
    }
    pending = line;
    pendingAt = a;
    pendingHeading = heading;
    blankSince = false;
  }
  if (pending !== '') flush('\n', false);
  const text = parts.join('');
  return {
    text,
    origin(offset: number): number {
      let lo = 0;
      let hi = outAt.length - 1;
      if (hi < 0) return 0;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (outAt[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return origAt[lo] + Math.max(0, offset - outAt[lo]);
    },
  };
}
