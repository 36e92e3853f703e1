/**
 * The LaTeX region scan (`scanLatex`; the lists of commands and environments are in src/core/text/regions.ts,
 * laid out by the matcher as a hash table of names with their kinds). What opens, what closes it, and what
 * bounds it when unclosed:
 * - `%` comments, to the end of the line;
 * - math: `$…$` and `$$…$$`, `\(…\)`, `\[…\]` and math environments, within the paragraph (TeX ends math
 *   at a blank line); unclosed: the paragraph;
 * - verbatim environments (`verbatim`, `comment`, `lstlisting`…) to their `\end{…}`, which may be paragraphs
 *   away; the search is memoized per environment name; unclosed: the paragraph;
 * - `\verb|…|` within its line, `\lstinline{…}` within the paragraph;
 * - command names; the arguments of `\cite`-like, `\ref`, `\label`, `\url`… commands (balanced within the
 *   paragraph and MAX_DEPTH); other commands' `{…}` arguments are text;
 * - markup tokens (`$^+$`, `\textsuperscript{+}`, `$\gamma$`, `\textgamma`) are text.
 */

import {
  END_MEMO_AT, NAME_MATH_ENVIRONMENT, NAME_SKIP_ONE_ARGUMENT, NAME_SKIP_TWO_ARGUMENTS, NAME_SLOT_WORDS, NAME_VERBATIM_COMMAND, NAME_VERBATIM_ENVIRONMENT,
} from './contract';
import { markupAt, markupLength } from './markup';
import { finish, flushSkip, skip } from './output';
import { backslashMath, beginRegions, bound, closingDollar, displayMathOrMarkup, generation, handOver, plainToConstruct } from './regions';
import { NAME_MASK, NAME_POOL, NAME_SLOTS, NL, TEXT_LEN, ch, chAt, findBalanced, indexOfChar, indexOfCharBefore, isAsciiLetter, lineEnd, paragraphEnd } from './text';

/** Kinds of names (the contract's NAME_…, as LATEX_NAME_KIND in src/core/text/regions.ts). */
export const SKIP_ONE_ARGUMENT: u32 = NAME_SKIP_ONE_ARGUMENT;

export const SKIP_TWO_ARGUMENTS: u32 = NAME_SKIP_TWO_ARGUMENTS;

export const VERBATIM_COMMAND: u32 = NAME_VERBATIM_COMMAND;

export const MATH_ENVIRONMENT: u32 = NAME_MATH_ENVIRONMENT;

export const VERBATIM_ENVIRONMENT: u32 = NAME_VERBATIM_ENVIRONMENT;

@inline export function isTexLetter(c: u32): bool {
  return isAsciiLetter(c) || c == 0x40;
}

/** The kinds of the name text[from, to) (case-sensitive), or 0. Slots: [length (0 = empty), hash, kinds, start in the pool]. */
/** The slot of the name nameKinds found last (for the memo of indexOfEnd). */
export let nameSlot: i32 = 0;

export function nameKinds(from: i32, to: i32): u32 {
  let h: u32 = 0;
  for (let k = from; k < to; k++) h = h * 31 + ch(k);
  const len = to - from;
  for (let s = h & NAME_MASK; ; s = (s + 1) & NAME_MASK) {
    const slot = NAME_SLOTS + ((<usize>s * NAME_SLOT_WORDS) << 2);
    const l = load<i32>(slot);
    if (l == 0) return 0;
    if (l != len || load<u32>(slot, 4) != h) continue;
    const pool = NAME_POOL + (<usize>load<i32>(slot, 12) << 1);
    let k = 0;
    while (k < len && <u32>load<u16>(pool + (<usize>k << 1)) == ch(from + k)) k++;
    if (k == len) {
      nameSlot = <i32>s;
      return load<u32>(slot, 8);
    }
  }
  return 0;
}

/** Whether text[from, to) contains "cite", any case. */
export function hasCite(from: i32, to: i32): bool {
  for (let k = from; k + 4 <= to; k++) {
    if ((ch(k) | 0x20) == 0x63 && (ch(k + 1) | 0x20) == 0x69 && (ch(k + 2) | 0x20) == 0x74 && (ch(k + 3) | 0x20) == 0x65) return true;
  }
  return false;
}

/** Per environment name (by its slot in the name table), three numbers: generation, search start, result. */
export const END_MEMO: usize = END_MEMO_AT;

/**
 * Index of `\end{` + text[envFrom, envTo) + `}` at or after `from`, or -1. The environment's name is the
 * one nameKinds found last; memoized per name like closingDollar, so unclosed `\begin{verbatim}`s do not
 * each search the rest of the document.
 */
export function indexOfEnd(envFrom: i32, envTo: i32, from: i32): i32 {
  const memo = END_MEMO + (<usize>nameSlot * 12);
  if (load<i32>(memo) == generation) {
    const f = load<i32>(memo, 4);
    const r = load<i32>(memo, 8);
    if (from >= f && (r < 0 || from <= r)) return r;
  }
  const len = envTo - envFrom;
  let found = -1;
  for (let n = indexOfChar(0x5c, from); n >= 0; n = indexOfChar(0x5c, n + 1)) {
    if (n + 6 + len > TEXT_LEN) break;
    if (ch(n + 1) != 0x65 || ch(n + 2) != 0x6e || ch(n + 3) != 0x64 || ch(n + 4) != 0x7b) continue;
    let k = 0;
    while (k < len && ch(n + 5 + k) == ch(envFrom + k)) k++;
    if (k == len && ch(n + 5 + len) == 0x7d) {
      found = n;
      break;
    }
  }
  store<i32>(memo, generation);
  store<i32>(memo, from, 4);
  store<i32>(memo, found, 8);
  return found;
}

/** Skips optional [..] and up to `count` {..} arguments (and a star before them); returns the position after. */
export function skipArgs(from: i32, count: i32, pe: i32): i32 {
  let k = from;
  if (chAt(k) == 0x2a) k++;
  let braces = 0;
  while (true) {
    let w = k;
    while (w < pe) {
      const c = ch(w);
      if (c == 0x20 || c == 0x09 || c == NL || c == 0x0d) w++;
      else break;
    }
    const c = chAt(w);
    if (c == 0x5b) {
      const close = findBalanced(w, pe, 0x5b, 0x5d);
      if (close < 0) return k;
      k = close + 1;
    } else if (c == 0x7b && braces < count) {
      const close = findBalanced(w, pe, 0x7b, 0x7d);
      if (close < 0) return pe;
      k = close + 1;
      braces++;
    } else return k;
  }
  return k;
}

/** The LaTeX region scan of text[from, end), with the same protocol as scanMarkdown. */
export function scanLatex(start: i32, from: i32, end: i32, resume: bool): i32 {
  beginRegions(2, start, resume);
  let i = from;
  while (i < end) {
    i = plainToConstruct(i, end);
    if (handOver) return finish(i, true);
    if (i >= end) break;
    const c = ch(i);
    if (c == 0x25) {
      // % comment to the end of the line
      const le = lineEnd(i, end);
      skip(i, le);
      i = le;
      continue;
    }
    if (c == 0x24) {
      const pe = bound(i, end);
      const after = displayMathOrMarkup(i, pe);
      if (after >= 0) {
        i = after;
        continue;
      }
      const close = closingDollar(i, pe, false);
      const stop = close >= 0 ? close + 1 : pe;
      skip(i, stop);
      i = stop;
      continue;
    }
    if (c != 0x5c) {
      i++;
      continue;
    }
    // A backslash: a markup token (\textsuperscript{+}, \textgamma, \(\gamma\)), math delimiters, a control
    // symbol, or a command.
    const sup = markupAt(i);
    if (sup != 0) {
      i += markupLength(sup);
      continue;
    }
    const after = backslashMath(i, end);
    if (after >= 0) {
      i = after;
      continue;
    }
    if (!isTexLetter(chAt(i + 1))) {
      skip(i, min(i + 2, end));
      i += 2;
      continue;
    }
    let k = i + 1;
    while (k < end && isTexLetter(ch(k))) k++;
    const kinds = nameKinds(i + 1, k);
    if ((kinds & VERBATIM_COMMAND) != 0) {
      // \verb|..|, \lstinline{..}
      let d = k;
      if (chAt(d) == 0x2a) d++;
      // \verb never spans a line; \lstinline{…} is bounded by the paragraph.
      const pe = bound(i, end);
      const le = lineEnd(i, end);
      let close = -1;
      if (d < TEXT_LEN) close = ch(d) == 0x7b ? findBalanced(d, pe, 0x7b, 0x7d) : indexOfCharBefore(ch(d), d + 1, le);
      const stop = close >= 0 && close < pe ? close + 1 : le;
      skip(i, stop);
      i = stop;
      continue;
    }
    if (k - i == 6 && ch(i + 1) == 0x62 && ch(i + 2) == 0x65 && ch(i + 3) == 0x67 && ch(i + 4) == 0x69 && ch(i + 5) == 0x6e && chAt(k) == 0x7b) {
      // \begin{name}: math and verbatim environments are skipped whole.
      let m = k + 1;
      while (m < k + 40 && m < TEXT_LEN && (isAsciiLetter(ch(m)) || ch(m) == 0x2a)) m++;
      if (m > k + 1 && m < k + 40 && m < TEXT_LEN && ch(m) == 0x7d) {
        const env = nameKinds(k + 1, m);
        if ((env & (MATH_ENVIRONMENT | VERBATIM_ENVIRONMENT)) != 0) {
          const close = indexOfEnd(k + 1, m, k);
          const tagLength = m - k + 5; // \end{ name }
          let stop: i32;
          if ((env & MATH_ENVIRONMENT) != 0) {
            // TeX ends math at a blank line ("Missing $ inserted"), so a math environment never spans one.
            const pe = bound(i, end);
            stop = close >= 0 && close < pe ? close + tagLength : pe;
          } else stop = close >= 0 && close < end ? close + tagLength : paragraphEnd(i, end);
          skip(i, stop);
          i = stop;
          continue;
        }
      }
    }
    const pe = bound(i, end);
    if ((kinds & (SKIP_ONE_ARGUMENT | SKIP_TWO_ARGUMENTS)) != 0 || hasCite(i + 1, k)) {
      const stop = skipArgs(k, (kinds & SKIP_TWO_ARGUMENTS) != 0 ? 2 : 1, pe);
      skip(i, stop);
      i = stop;
      continue;
    }
    // Any other command: skip its name (and optional arguments); its {text} arguments are text.
    let stop = k;
    if (chAt(stop) == 0x2a) stop++;
    if (chAt(stop) == 0x5b) {
      const close = findBalanced(stop, pe, 0x5b, 0x5d);
      if (close >= 0) stop = close + 1;
    }
    skip(i, stop);
    i = stop;
  }
  flushSkip();
  return finish(end, false);
}
