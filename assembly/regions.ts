/**
 * What the Markdown and LaTeX region scans share: the hand-over of the plain text between constructs to the
 * word scan, the paragraph bound of inline constructs, math delimiters, and the memos of forward searches.
 *
 * Why the scans stay linear: an unclosed opener must not search again what an earlier search has proved
 * holds no closer. Every forward search for a closer is either bounded (by a line, a paragraph, or a
 * nesting depth that each position is read at most that many times for), or memoized: a memo says
 * "searching from at least F finds R (or nothing)", which answers every later search that starts between F
 * and R. Memos hold for one scan (one text and end) and are numbered by `generation`; a scan resumed after a
 * hand-over keeps them.
 */

import { markupAt, markupLength } from './markup';
import { beginOutput, outFull, outputFull, skip, skipCount } from './output';
import { SKIPS_CAP, ch, chAt, indexOf2, indexOfChar, isAsciiDigit, paragraphEnd, setLanguage } from './text';
import { scanPlain } from './walk';

// Memos of the forward searches for closers. An unclosed opener must not search again what an earlier
// search has proved holds no closer: each memo says "searching from at least F finds R (or nothing)".
// They hold for one scan (one text, one end), numbered by `generation`.
export let generation: i32 = 0;

/** Skips a construct opened at i by a two-character delimiter up to its closer, or to the paragraph end pe. */
export function skipMath(i: i32, c0: u32, c1: u32, pe: i32): i32 {
  const close = indexOf2(c0, c1, i + 2, pe);
  const stop = close >= 0 ? close + 2 : pe;
  skip(i, stop);
  return stop;
}

export let paraEnd: i32 = -1;

@inline export function bound(pos: i32, end: i32): i32 {
  if (pos >= paraEnd) paraEnd = paragraphEnd(pos, end);
  return paraEnd;
}

/** Set when a region scan must hand its output over before going on (an output area is full). */
export let handOver = false;

/**
 * A region scan's plain-text step: reads from i to the next construct (see scanPlain). Sets handOver, and
 * returns where to resume, when an output area is nearly full.
 */
export function plainToConstruct(i: i32, end: i32): i32 {
  handOver = outputFull() || skipCount >= SKIPS_CAP - 8;
  if (handOver) return i;
  const stop = scanPlain(i, end);
  handOver = outFull;
  return stop;
}

/**
 * `$$…$$` display math, or superscript markup, at a `$` at i (both languages): returns where the scan goes
 * on, or -1 when it is neither.
 */
export function displayMathOrMarkup(i: i32, pe: i32): i32 {
  if (chAt(i + 1) == 0x24) return skipMath(i, 0x24, 0x24, pe);
  const sup = markupAt(i);
  return sup != 0 ? i + markupLength(sup) : -1;
}

// Whether a `$` closes inline math does not depend on where the math opened, so the closer found (or the
// paragraph end reached) by one search answers every later search from before it in the same paragraph.
export let dollarGen: i32 = -1;

export let dollarFrom: i32 = 0;

export let dollarBound: i32 = 0;

export let dollarFound: i32 = -1;

/**
 * The unescaped `$` that closes inline math opened at i, before pe, or -1. With Pandoc's rules (Markdown)
 * it has no space before it and no digit after it. Memoized (see dollarFound): every `$` of a paragraph is
 * read by at most one search, so a paragraph of unclosed dollars (a table of prices) stays linear.
 */
export function closingDollar(i: i32, pe: i32, pandoc: bool): i32 {
  const from = i + 1;
  if (dollarGen == generation && dollarBound == pe && from >= dollarFrom && (dollarFound < 0 || from <= dollarFound)) return dollarFound;
  let j = from;
  let found = -1;
  while (j < pe) {
    const n = indexOfChar(0x24, j);
    if (n < 0 || n >= pe) break;
    j = n + 1;
    if (ch(n - 1) == 0x5c) continue;
    if (!pandoc) {
      found = n;
      break;
    }
    const prev = ch(n - 1);
    if (prev != 0x20 && prev != 0x09 && !isAsciiDigit(chAt(n + 1))) {
      found = n;
      break;
    }
  }
  dollarGen = generation;
  dollarFrom = from;
  dollarBound = pe;
  dollarFound = found;
  return found;
}

/** `\(…\)` or `\[…\]` math at a backslash at i: returns where the scan goes on, or -1. */
export function backslashMath(i: i32, end: i32): i32 {
  const n = chAt(i + 1);
  return n == 0x28 || n == 0x5b ? skipMath(i, 0x5c, n == 0x28 ? 0x29 : 0x5d, bound(i, end)) : -1;
}

/** Where the region scan began (a line start and a citation key look no further back). */
export let regionStart: i32 = 0;

/** Starts, or resumes after a hand-over, a region scan in a language that began at `start`. */
export function beginRegions(language: i32, start: i32, resume: bool): void {
  setLanguage(language);
  regionStart = start;
  beginOutput(resume);
  if (!resume) {
    // A resumed scan goes on in the same text to the same end: its memos (the paragraph end too) still hold.
    generation++;
    paraEnd = -1;
  }
}

// the matcher lays the lists out as a hash table of names with their kinds).
