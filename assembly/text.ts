/**
 * The kernel's memory and the text: the tables the matcher lays out (their addresses are read from the
 * header by `init`), the text as UTF-16 code units (decoded from UTF-8 by `decodeUtf8`), the current
 * language's tables, and the character and search helpers every scan shares.
 *
 * Lines end at `\n`, `\r\n` or a lone `\r`; a blank line holds only whitespace (JavaScript's \s, so U+3000
 * too): the same rule as src/core/text/regions.ts and VS Code's lines. Paragraphs are separated by blank lines.
 */

import {
  CLS_IGNORABLE, CLS_SPACE, CLS_SPECIAL, FOLD_IGNORABLE, FOLD_SPACE, HEADER_AT, NODE_WORDS, SLOT_CHAIN, SLOT_CLS_MD, SLOT_CLS_PLAIN, SLOT_CLS_TEX,
  SLOT_CS_POOL, SLOT_DENSE, SLOT_EDGES, SLOT_FOLD, SLOT_FOLD_CS, SLOT_FOLD_TEX, SLOT_NAME_MASK, SLOT_NAME_POOL, SLOT_NAME_SLOTS, SLOT_NODES,
  SLOT_OUT, SLOT_OUT_CAP, SLOT_OUT_LIST, SLOT_PAT_CS, SLOT_PAT_FLAGS, SLOT_ROOT, SLOT_SKIPS, SLOT_SKIPS_CAP, SLOT_WORD_BITS, SLOT_WORD_MASK,
  SLOT_WORD_POOL, SLOT_WORD_SLOTS,
} from './contract';

// Character class bits and fold values: the contract's (assembly/contract.ts).
export { CLS_IGNORABLE, CLS_SPACE, CLS_SPECIAL, CLS_START_ANYWHERE, CLS_WORD } from './contract';

export const CLS_SLOW: u32 = CLS_SPECIAL | CLS_IGNORABLE | CLS_SPACE;

export const SPACE: u32 = FOLD_SPACE;

export const NL: u32 = 0x0a;

export const CR: u32 = 0x0d;

export const IGNORABLE: u32 = FOLD_IGNORABLE;

// Table addresses, read from the header by init().
export let FOLD: usize = 0;

export let FOLD_TEX: usize = 0;

export let FOLD_CS: usize = 0;

export let CLS_PLAIN: usize = 0;

export let CLS_MD: usize = 0;

export let CLS_TEX: usize = 0;

export let ROOT: usize = 0;

export let NODES: usize = 0;

export let CHAIN: usize = 0;

export let EDGES: usize = 0;

export let DENSE: usize = 0;

export let OUT_LIST: usize = 0;

export let PAT_FLAGS: usize = 0;

export let PAT_CS: usize = 0;

export let CS_POOL: usize = 0;

export let WORD_BITS: usize = 0;

export let WORD_SLOTS: usize = 0;

export let WORD_MASK: u32 = 0;

export let WORD_POOL: usize = 0;

export let OUT: usize = 0;

export let OUT_CAP: i32 = 0;

export let SKIPS: usize = 0;

export let SKIPS_CAP: i32 = 0;

export let NAME_SLOTS: usize = 0;

export let NAME_MASK: u32 = 0;

export let NAME_POOL: usize = 0;

export let TEXT: usize = 0;

export let TEXT_LEN: i32 = 0;

// Per call.
export let cls: usize = 0;

export let fold: usize = 0;

export let latex: bool = false;

@inline export function hdr(k: i32): usize {
  return <usize>load<u32>(<usize>HEADER_AT + (<usize>k << 2));
}

/** Reads the table addresses from the header. */
export function init(): void {
  FOLD = hdr(SLOT_FOLD);
  FOLD_TEX = hdr(SLOT_FOLD_TEX);
  FOLD_CS = hdr(SLOT_FOLD_CS);
  CLS_PLAIN = hdr(SLOT_CLS_PLAIN);
  CLS_MD = hdr(SLOT_CLS_MD);
  CLS_TEX = hdr(SLOT_CLS_TEX);
  ROOT = hdr(SLOT_ROOT);
  NODES = hdr(SLOT_NODES);
  CHAIN = hdr(SLOT_CHAIN);
  EDGES = hdr(SLOT_EDGES);
  DENSE = hdr(SLOT_DENSE);
  OUT_LIST = hdr(SLOT_OUT_LIST);
  PAT_FLAGS = hdr(SLOT_PAT_FLAGS);
  PAT_CS = hdr(SLOT_PAT_CS);
  CS_POOL = hdr(SLOT_CS_POOL);
  WORD_BITS = hdr(SLOT_WORD_BITS);
  WORD_SLOTS = hdr(SLOT_WORD_SLOTS);
  WORD_MASK = <u32>hdr(SLOT_WORD_MASK);
  WORD_POOL = hdr(SLOT_WORD_POOL);
  OUT = hdr(SLOT_OUT);
  OUT_CAP = <i32>hdr(SLOT_OUT_CAP);
  SKIPS = hdr(SLOT_SKIPS);
  SKIPS_CAP = <i32>hdr(SLOT_SKIPS_CAP);
  NAME_SLOTS = hdr(SLOT_NAME_SLOTS);
  NAME_MASK = <u32>hdr(SLOT_NAME_MASK);
  NAME_POOL = hdr(SLOT_NAME_POOL);
}

/** Sets where the text is (UTF-16 code units) and how long it is. */
export function setText(at: usize, length: i32): void {
  TEXT = at;
  TEXT_LEN = length;
}

/** Four bytes (the low half of x) spread to four 16-bit lanes. */
@inline export function widen4(x: u64): u64 {
  const t = (x | (x << 16)) & 0x0000ffff0000ffff;
  return (t | (t << 8)) & 0x00ff00ff00ff00ff;
}

/**
 * Decodes `length` bytes of UTF-8 at `from` (as TextEncoder writes it) to UTF-16 code units at `to`;
 * returns the number of code units.
 */
export function decodeUtf8(from: usize, length: i32, to: usize): i32 {
  let i: usize = from;
  const end: usize = from + <usize>length;
  let o: usize = to;
  while (i < end) {
    // Eight ASCII bytes at a time, widened to eight code units in two stores.
    if (i + 8 <= end) {
      const w = load<u64>(i);
      if ((w & 0x8080808080808080) == 0) {
        store<u64>(o, widen4(w & 0xffffffff));
        store<u64>(o, widen4(w >> 32), 8);
        i += 8;
        o += 16;
        continue;
      }
    }
    const b = <u32>load<u8>(i);
    if (b < 0x80) {
      store<u16>(o, <u16>b);
      i += 1;
      o += 2;
    } else if (b < 0xe0) {
      store<u16>(o, <u16>(((b & 0x1f) << 6) | (<u32>load<u8>(i, 1) & 0x3f)));
      i += 2;
      o += 2;
    } else if (b < 0xf0) {
      store<u16>(o, <u16>(((b & 0x0f) << 12) | ((<u32>load<u8>(i, 1) & 0x3f) << 6) | (<u32>load<u8>(i, 2) & 0x3f)));
      i += 3;
      o += 2;
    } else {
      const cp = ((b & 0x07) << 18) | ((<u32>load<u8>(i, 1) & 0x3f) << 12) | ((<u32>load<u8>(i, 2) & 0x3f) << 6) | (<u32>load<u8>(i, 3) & 0x3f);
      const v = cp - 0x10000;
      store<u16>(o, <u16>(0xd800 | (v >> 10)));
      store<u16>(o, <u16>(0xdc00 | (v & 0x3ff)), 2);
      i += 4;
      o += 4;
    }
  }
  return <i32>((o - to) >> 1);
}

@inline export function ch(j: i32): u32 {
  return <u32>load<u16>(TEXT + (<usize>j << 1));
}

/** A code unit, or 0xffff past the end of the text. */
@inline export function chAt(j: i32): u32 {
  return j < TEXT_LEN ? ch(j) : 0xffff;
}

@inline export function clsOf(c: u32): u32 {
  return <u32>load<u8>(cls + <usize>c);
}

@inline export function foldOf(c: u32): u32 {
  return <u32>load<u16>(fold + (<usize>c << 1));
}

@inline export function node0(node: i32): u32 {
  return load<u32>(NODES + ((<usize>node * NODE_WORDS) << 2));
}

@inline export function nodeField(node: i32, k: i32): i32 {
  return load<i32>(NODES + ((<usize>node * NODE_WORDS + <usize>k) << 2));
}

export function isCjk(c: u32): bool {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3040 && c <= 0x30ff);
}

@inline export function isSign(c: u32): bool {
  return c == 0x2b || c == 0x2d;
}

@inline export function lower(c: u32): u32 {
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

export function setLanguage(language: i32): void {
  cls = language == 1 ? CLS_MD : language == 2 ? CLS_TEX : CLS_PLAIN;
  latex = language == 2;
  fold = latex ? FOLD_TEX : FOLD;
}

/** Index of code unit c at or after `from` in the whole text, or -1. Reads four code units at a time. */
export function indexOfChar(c: u32, from: i32): i32 {
  let k = from;
  const ones: u64 = 0x0001000100010001;
  const pattern = <u64>c * ones;
  while (k + 4 <= TEXT_LEN) {
    // A lane of x ^ pattern is zero where c is (the classic "has a zero lane" test).
    const y = load<u64>(TEXT + (<usize>k << 1)) ^ pattern;
    if (((y - ones) & ~y & 0x8000800080008000) != 0) break;
    k += 4;
  }
  for (; k < TEXT_LEN; k++) if (ch(k) == c) return k;
  return -1;
}

/** Index of code unit c at or after `from` and before `to`, or -1. */
export function indexOfCharBefore(c: u32, from: i32, to: i32): i32 {
  for (let k = from; k < to; k++) if (ch(k) == c) return k;
  return -1;
}

/** Index of the two code units c0 c1 at or after `from` and before `to`, or -1. */
export function indexOf2(c0: u32, c1: u32, from: i32, to: i32): i32 {
  for (let k = from; k + 1 < to; k++) if (ch(k) == c0 && ch(k + 1) == c1) return k;
  return -1;
}

/** Index of the next line break (`\n` or `\r`) at or after `from` in the whole text, or -1. Four code units at a time. */
export function indexOfBreak(from: i32): i32 {
  let k = from;
  const ones: u64 = 0x0001000100010001;
  const nl: u64 = <u64>NL * ones;
  const cr: u64 = <u64>CR * ones;
  while (k + 4 <= TEXT_LEN) {
    const w = load<u64>(TEXT + (<usize>k << 1));
    const y = w ^ nl;
    const z = w ^ cr;
    if ((((y - ones) & ~y) | ((z - ones) & ~z)) & 0x8000800080008000) break;
    k += 4;
  }
  for (; k < TEXT_LEN; k++) {
    const c = ch(k);
    if (c == NL || c == CR) return k;
  }
  return -1;
}

/** Whitespace that may fill a blank line: JavaScript's \s without the line breaks (so U+3000 too). */
@inline export function isBlankSpace(c: u32): bool {
  return c != NL && c != CR && isJsSpace(c);
}

/**
 * End of the paragraph containing pos: the index of the line break before the first blank line, or end.
 * A line ends at `\n`, `\r\n` or a lone `\r`; a blank line holds only whitespace (JavaScript's \s, so
 * U+3000 too). The same rule as paragraphEnd in src/core/text/regions.ts, and as VS Code's lines.
 */
export function paragraphEnd(pos: i32, end: i32): i32 {
  let i = pos;
  while (true) {
    const t = indexOfBreak(i);
    if (t < 0 || t >= end) return end;
    let j = ch(t) == CR && chAt(t + 1) == NL ? t + 2 : t + 1;
    while (j < end && isBlankSpace(ch(j))) j++;
    if (j >= end) return t;
    const c = ch(j);
    if (c == NL || c == CR) return t;
    i = j;
  }
  return end;
}

/** The line break ending the line at pos (or end). */
export function lineEnd(pos: i32, end: i32): i32 {
  const t = indexOfBreak(pos);
  return t < 0 || t > end ? end : t;
}

export function isLineStart(pos: i32, start: i32): bool {
  for (let j = pos - 1; j >= start; j--) {
    const c = ch(j);
    if (c != 0x20 && c != 0x09) return c == NL || c == CR;
  }
  return true;
}

/** Brackets nested deeper than this are not balanced (a link target, a key or an argument never nests so deep). */
export const MAX_DEPTH: i32 = 32;

/**
 * Index of the bracket closing the one at `open`, balancing nested ones, or -1 before `end` or when they
 * nest deeper than MAX_DEPTH. Linear overall: two searches that both read a position are at different
 * depths there (the earlier one has read the later one's opening bracket too), so at most MAX_DEPTH
 * searches read any one position.
 */
export function findBalanced(open: i32, end: i32, oc: u32, cc: u32): i32 {
  let depth = 0;
  for (let k = open; k < end; k++) {
    const c = ch(k);
    if (c == 0x5c) {
      k++;
      continue;
    }
    if (c == oc) {
      if (++depth > MAX_DEPTH) return -1;
    } else if (c == cc && --depth == 0) return k;
  }
  return -1;
}

/** JavaScript's \s. */
export function isJsSpace(c: u32): bool {
  return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

@inline export function isAsciiLetter(c: u32): bool {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

@inline export function isAsciiDigit(c: u32): bool {
  return c >= 0x30 && c <= 0x39;
}
