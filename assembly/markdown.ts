/**
 * The Markdown region scan (`scanMarkdown`). What opens, what closes it, and what bounds it when unclosed:
 * - front matter: `---` on the first line, closed by a line of `---` or `...`; unclosed: the first paragraph;
 * - fences: a run of 3+ backticks or tildes at a line start, closed by a line of a run at least as long
 *   (runs longer than FENCE_CAP count as FENCE_CAP); unclosed: the paragraph. A failed search remembers the
 *   length it failed for, so at most FENCE_CAP slow failures happen per character and scan;
 * - code spans: a backtick run, closed by a run of the same length in the paragraph (runs up to
 *   CODE_RUN_CAP; longer ones are text); unclosed: the run is text. Memoized per run length;
 * - math: `$$…$$`, `\(…\)`, `\[…\]` within the paragraph; `$…$` with Pandoc's rules (no space after the
 *   opener, none before the closer, no digit after it), memoized; unclosed: to the paragraph end, or text;
 * - HTML comments `<!--…-->` (may span paragraphs; memoized search); unclosed: the paragraph;
 * - HTML tags and autolinks `<…>` within the paragraph and 2,048 characters: a tag never spans a blank line;
 * - link targets `](…)` and `][…]`, balanced within the paragraph and MAX_DEPTH; reference definitions
 *   `[id]: url` at a line start; Pandoc citation keys `@key`; bare URLs from their scheme;
 * - markup tokens (`^+^`, `<sup>+</sup>`, `$^+$`, `$\gamma$`, `\(\gamma\)`) are text.
 */

import { CODE_MEMO_AT } from './contract';
import { markupAt, markupLength } from './markup';
import { finish, flushSkip, lastSkipEnd, skip } from './output';
import { backslashMath, beginRegions, bound, closingDollar, displayMathOrMarkup, generation, handOver, plainToConstruct, regionStart } from './regions';
import { CR, NL, TEXT_LEN, ch, chAt, findBalanced, indexOfChar, isAsciiDigit, isAsciiLetter, isJsSpace, isLineStart, lineEnd, paragraphEnd } from './text';

/** A character of a Pandoc citation key (ASCII letters and digits and `_-:./#$&+?<>~`), as two 64-bit masks. */
@inline export function isKeyChar(c: u32): bool {
  if (c >= 128) return false;
  const mask: u64 = c < 64 ? 0xd7ffe85800000000 : 0x47fffffe87fffffe;
  return ((mask >> (<u64>c & 63)) & 1) != 0;
}

/**
 * Whether scanMarkdown would read the special character at i as plain text, so that its plain-text step
 * can go on instead of stopping there: `[` not at a line start, `]` not followed by `(` or `[`, `@` that
 * cannot start a citation key, `:` not followed by `//`, `^` that is not superscript markup. When in doubt
 * it answers no, and scanMarkdown decides.
 */
export function plainInMarkdown(i: i32, c: u32): bool {
  if (c == 0x5b) return !isLineStart(i, regionStart);
  if (c == 0x5d) {
    const n = chAt(i + 1);
    return n != 0x28 && n != 0x5b;
  }
  if (c == 0x40) return (i > regionStart && isKeyChar(ch(i - 1))) || !isKeyChar(chAt(i + 1));
  if (c == 0x3a) return chAt(i + 1) != 0x2f || chAt(i + 2) != 0x2f;
  if (c == 0x5e) return markupAt(i) == 0;
  return false;
}

/** Fence runs longer than this count as this long (a closing fence needs a run at least as long as its opener). */
export const FENCE_CAP: i32 = 32;

/** Per fence character (` and ~): no closing line of a run of at least failLen starts at or after failFrom. */
export let fenceFailFromTick: i32 = -1;

export let fenceFailLenTick: i32 = 0;

export let fenceFailGenTick: i32 = -1;

export let fenceFailFromTilde: i32 = -1;

export let fenceFailLenTilde: i32 = 0;

export let fenceFailGenTilde: i32 = -1;

/**
 * Finds a closing line for a fence (same character, a run at least as long, capped at FENCE_CAP), or -1.
 * A failed search proves there is no closer of that length or longer after it, so a later opener of at
 * least that length fails at once; a slow failure needs a shorter opener than the last one, so there are
 * at most FENCE_CAP of them per character and scan: linear.
 */
export function findFenceClose(from: i32, end: i32, c: u32, run: i32): i32 {
  const len = min(run, FENCE_CAP);
  const tick = c == 0x60;
  const failGen = tick ? fenceFailGenTick : fenceFailGenTilde;
  if (failGen == generation && from >= (tick ? fenceFailFromTick : fenceFailFromTilde) && len >= (tick ? fenceFailLenTick : fenceFailLenTilde)) return -1;
  let i = from;
  while (i < end) {
    const le = lineEnd(i, end);
    let j = i;
    while (j < le && j - i < 4 && ch(j) == 0x20) j++;
    let k = j;
    while (k < le && ch(k) == c) k++;
    if (min(k - j, FENCE_CAP) >= len) {
      let r = k;
      while (r < le && (ch(r) == 0x20 || ch(r) == 0x09)) r++;
      if (r == le) return le;
    }
    i = le < end && ch(le) == CR && chAt(le + 1) == NL ? le + 2 : le + 1;
  }
  if (tick) {
    fenceFailGenTick = generation;
    fenceFailFromTick = from;
    fenceFailLenTick = len;
  } else {
    fenceFailGenTilde = generation;
    fenceFailFromTilde = from;
    fenceFailLenTilde = len;
  }
  return -1;
}

export function isKeyPunct(c: u32): bool {
  return c == 0x2e || c == 0x3a || c == 0x3f || c == 0x2d || c == 0x2b;
}

export function isUrlStop(c: u32): bool {
  return c <= 0x20 || c == 0x29 || c == 0x3e || c == 0x5d || c == 0x22 || c >= 0x3000;
}

/**
 * An autolink `<scheme:...>` or an HTML tag `<name ...>`, `</name>`, `<name/>` at i, read within `limit`:
 * its length, or 0.
 */
export function htmlAt(i: i32, limit: i32): i32 {
  const first = i + 1 < limit ? ch(i + 1) : 0xffff;
  if (isAsciiLetter(first)) {
    // <scheme:...>: a scheme of 2 to 32 characters, then anything but whitespace, < and >.
    let k = i + 2;
    while (k < limit && k - (i + 2) < 32) {
      const c = ch(k);
      if (isAsciiLetter(c) || isAsciiDigit(c) || c == 0x2b || c == 0x2e || c == 0x2d) k++;
      else break;
    }
    if (k > i + 2 && k - (i + 2) <= 31 && k < limit && ch(k) == 0x3a) {
      let m = k + 1;
      while (m < limit) {
        const c = ch(m);
        if (isJsSpace(c) || c == 0x3c || c == 0x3e) break;
        m++;
      }
      if (m < limit && ch(m) == 0x3e) return m + 1 - i;
    }
  }
  // <name ...>, </name>, <name/>
  let k = i + 1;
  if (k < limit && ch(k) == 0x2f) k++;
  if (k >= limit || !isAsciiLetter(ch(k))) return 0;
  k++;
  while (k < limit) {
    const c = ch(k);
    if (isAsciiLetter(c) || isAsciiDigit(c) || c == 0x2d) k++;
    else break;
  }
  if (k < limit && isJsSpace(ch(k))) {
    let m = k + 1;
    while (m < limit && ch(m) != 0x3c && ch(m) != 0x3e) m++;
    if (m < limit && ch(m) == 0x3e) return m + 1 - i;
  }
  if (k < limit && ch(k) == 0x2f) k++;
  return k < limit && ch(k) == 0x3e ? k + 1 - i : 0;
}

/** `[id]: target` at i, reading the line up to `le`. */
export function referenceDefinitionAt(i: i32, le: i32): bool {
  let k = i + 1;
  while (k < le && ch(k) != 0x5d) k++;
  if (k == i + 1 || k >= le || k + 1 >= le || ch(k + 1) != 0x3a) return false;
  let m = k + 2;
  while (m < le && (ch(m) == 0x20 || ch(m) == 0x09)) m++;
  return m < le && !isJsSpace(ch(m));
}

/** `http`, `https` or `ftp`, any case, in text[from, to). */
export function isUrlScheme(from: i32, to: i32): bool {
  const n = to - from;
  const c0 = ch(from) | 0x20;
  if (n == 3) return c0 == 0x66 && (ch(from + 1) | 0x20) == 0x74 && (ch(from + 2) | 0x20) == 0x70;
  if (n != 4 && n != 5) return false;
  if (c0 != 0x68 || (ch(from + 1) | 0x20) != 0x74 || (ch(from + 2) | 0x20) != 0x74 || (ch(from + 3) | 0x20) != 0x70) return false;
  return n == 4 || (ch(from + 4) | 0x20) == 0x73;
}

/**
 * The Markdown region scan of text[from, end) (from = start, or where the last call stopped because an
 * output area filled up; `start` is where the scan began, `resume` 0 on the first call). Writes mentions
 * and skipped ranges; RESULT says how many, and whether to call again from the returned position.
 */
export function scanMarkdown(start: i32, from: i32, end: i32, frontMatter: bool, resume: bool): i32 {
  beginRegions(1, start, resume);
  let i = from;
  if (!resume && frontMatter && start == 0 && TEXT_LEN >= 4 && ch(0) == 0x2d && ch(1) == 0x2d && ch(2) == 0x2d && (ch(3) == NL || (ch(3) == 0x0d && chAt(4) == NL))) {
    // Front matter, closed by a line of --- or ... (searched in the whole text).
    let stop = -1;
    for (let k = indexOfChar(NL, 3); k >= 0; k = indexOfChar(NL, k + 1)) {
      const a = chAt(k + 1);
      if (!((a == 0x2d && chAt(k + 2) == 0x2d && chAt(k + 3) == 0x2d) || (a == 0x2e && chAt(k + 2) == 0x2e && chAt(k + 3) == 0x2e))) continue;
      let m = k + 4;
      while (m < TEXT_LEN && (ch(m) == 0x20 || ch(m) == 0x09)) m++;
      if (m < TEXT_LEN && ch(m) == 0x0d) m++;
      if (m < TEXT_LEN && ch(m) != NL) continue;
      if (k < end) stop = m < TEXT_LEN ? m + 1 : m;
      break;
    }
    if (stop < 0) stop = paragraphEnd(0, end);
    skip(0, stop);
    i = stop;
  }
  while (i < end) {
    i = plainToConstruct(i, end);
    if (handOver) return finish(i, true);
    if (i >= end) break;
    const c = ch(i);
    if (plainInMarkdown(i, c)) {
      i++;
      continue;
    }
    if (c == 0x60 || c == 0x7e) {
      // ``` or ~~~ fence, or inline code.
      let k = i;
      while (k < end && ch(k) == c) k++;
      const run = k - i;
      if (run >= 3 && isLineStart(i, start)) {
        const le = lineEnd(k, end);
        const close = findFenceClose(le + 1, end, c, run);
        const stop = close >= 0 ? close : paragraphEnd(i, end);
        skip(i, stop);
        i = stop;
        continue;
      }
      if (c == 0x60) {
        // Inline code: the next backtick run of the same length within the paragraph.
        const found = run <= CODE_RUN_CAP ? codeSpanClose(k, bound(i, end), run) : -1;
        if (found >= 0) {
          skip(i, found);
          i = found;
        } else i = k;
        continue;
      }
      i = k;
      continue;
    }
    if (c == 0x24) {
      // $$ display or $ inline math (Pandoc rules: no space after the opening $, none before the closing).
      const pe = bound(i, end);
      const after = displayMathOrMarkup(i, pe);
      if (after >= 0) {
        i = after;
        continue;
      }
      const next = chAt(i + 1);
      if (i + 1 < pe && next != 0x20 && next != 0x09 && next != NL) {
        const close = closingDollar(i, pe, true);
        if (close >= 0) {
          skip(i, close + 1);
          i = close + 1;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c == 0x5c) {
      // A Greek letter token \(\gamma\); \( \) and \[ \] math; backslash escapes.
      const greek = markupAt(i);
      if (greek != 0) {
        i += markupLength(greek);
        continue;
      }
      const after = backslashMath(i, end);
      if (after >= 0) {
        i = after;
        continue;
      }
      skip(i, min(i + 2, end));
      i += 2;
      continue;
    }
    if (c == 0x3c) {
      // <!-- comments -->, <sup>…</sup>, other tags, <autolinks>
      if (chAt(i + 1) == 0x21 && chAt(i + 2) == 0x2d && chAt(i + 3) == 0x2d) {
        const close = commentClose(i + 4);
        const stop = close >= 0 && close < end ? close + 3 : paragraphEnd(i, end);
        skip(i, stop);
        i = stop;
        continue;
      }
      const tag = markupAt(i);
      if (tag != 0) {
        i += markupLength(tag);
        continue;
      }
      const len = htmlAt(i, min(bound(i, end), i + 2048));
      if (len > 0) {
        skip(i, i + len);
        i += len;
        continue;
      }
      i++;
      continue;
    }
    if (c == 0x5d) {
      // ](target) and ][ref]
      const n = chAt(i + 1);
      if (n == 0x28 || n == 0x5b) {
        const close = findBalanced(i + 1, bound(i, end), n, n == 0x28 ? 0x29 : 0x5d);
        if (close >= 0) {
          skip(i + 1, close + 1);
          i = close + 1;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c == 0x5b) {
      // Reference definitions: [id]: url "title" at a line start.
      if (isLineStart(i, start)) {
        const le = lineEnd(i, end);
        if (referenceDefinitionAt(i, le)) {
          skip(i, le);
          i = le;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c == 0x40) {
      // Pandoc citation keys: @key, [@key; @other]
      const p = i > start ? ch(i - 1) : 0x20;
      if (!isKeyChar(p)) {
        let k = i + 1;
        while (k < end && isKeyChar(ch(k))) k++;
        while (k > i + 1 && isKeyPunct(ch(k - 1))) k--;
        if (k > i + 1) {
          skip(i, k);
          i = k;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c == 0x3a) {
      // Bare URLs (http://, https://, ftp://): found at the colon, skipped from the scheme on.
      if (chAt(i + 1) == 0x2f && chAt(i + 2) == 0x2f) {
        let f = i;
        const floor = max(start, lastSkipEnd());
        while (f > floor && isAsciiLetter(ch(f - 1))) f--;
        if (isUrlScheme(f, i)) {
          let k = i;
          while (k < end && !isUrlStop(ch(k))) k++;
          skip(f, k);
          i = k;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c == 0x5e) {
      // Pandoc superscript CD8^+^ (read through by the walk), or a caret in text.
      const sup = markupAt(i);
      i += sup != 0 ? markupLength(sup) : 1;
      continue;
    }
    i++;
  }
  flushSkip();
  return finish(end, false);
}

export let commentGen: i32 = -1;

export let commentFrom: i32 = 0;

export let commentFound: i32 = -1;

/** Index of the next `-->` at or after `from` in the whole text, or -1; memoized like closingDollar. */
export function commentClose(from: i32): i32 {
  if (commentGen == generation && from >= commentFrom && (commentFound < 0 || from <= commentFound)) return commentFound;
  let found = -1;
  for (let k = from; k + 2 < TEXT_LEN; k++) {
    if (ch(k) == 0x2d && ch(k + 1) == 0x2d && ch(k + 2) == 0x3e) {
      found = k;
      break;
    }
  }
  commentGen = generation;
  commentFrom = from;
  commentFound = found;
  return found;
}

/** Code spans' backtick runs longer than this are read as text. */
export const CODE_RUN_CAP: i32 = 32;

/** Per run length 1..CODE_RUN_CAP, three numbers: the generation, where the last search started, what it found. */
export const CODE_MEMO: usize = CODE_MEMO_AT;

/**
 * The end of the backtick run of exactly `run` backticks closing a code span, searching [from, pe), or -1.
 * Memoized per run length like closingDollar, so each backtick is read by at most one search per length.
 */
export function codeSpanClose(from: i32, pe: i32, run: i32): i32 {
  const memo = CODE_MEMO + (<usize>run * 16);
  if (load<i32>(memo) == generation && load<i32>(memo, 12) == pe) {
    const f = load<i32>(memo, 4);
    const r = load<i32>(memo, 8);
    if (from >= f && (r < 0 || from <= r - run)) return r;
  }
  let j = from;
  let found = -1;
  while (j < pe) {
    const n = indexOfChar(0x60, j);
    if (n < 0 || n >= pe) break;
    let m = n;
    while (m < pe && ch(m) == 0x60) m++;
    if (m - n == run) {
      found = m;
      break;
    }
    j = m;
  }
  store<i32>(memo, generation);
  store<i32>(memo, from, 4);
  store<i32>(memo, found, 8);
  store<i32>(memo, pe, 12);
  return found;
}
