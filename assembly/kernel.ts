/**
 * The matcher's hot loops, compiled to WebAssembly (AssemblyScript; `npm run build:wasm` writes
 * src/core/kernelWasm.ts). src/core/matcher.ts builds the trie and its tables, lays them out in this
 * module's memory (it writes the header read by `init`) and calls `scanMarkdown`, `scanLatex` or, for
 * plain text, `scan`. A document is read once: the region scan skips code, math, comments and the like,
 * and in the plain text between them words are hashed as they are read; a walk starts only at a word that
 * is the first word of some form (or at a CJK character or symbol that starts a form).
 *
 * Mentions are written to the output area as (start, end, pattern) triples, skipped ranges as
 * (start, end) pairs.
 */

// Character class bits (as in matcher.ts).
const CLS_WORD: u32 = 1;
const CLS_SPECIAL: u32 = 2;
const CLS_START_ANYWHERE: u32 = 4;
const CLS_IGNORABLE: u32 = 8;
const CLS_SPACE: u32 = 16;
const CLS_SLOW: u32 = CLS_SPECIAL | CLS_IGNORABLE | CLS_SPACE;
const SPACE: u32 = 0x20;
const NL: u32 = 0x0a;
const CR: u32 = 0x0d;
const IGNORABLE: u32 = 0;

// Table addresses, read from the header by init().
let FOLD: usize = 0;
let FOLD_TEX: usize = 0;
let FOLD_CS: usize = 0;
let CLS_PLAIN: usize = 0;
let CLS_MD: usize = 0;
let CLS_TEX: usize = 0;
let ROOT: usize = 0;
let NODES: usize = 0;
let CHAIN: usize = 0;
let EDGES: usize = 0;
let DENSE: usize = 0;
let OUT_LIST: usize = 0;
let PAT_FLAGS: usize = 0;
let PAT_CS: usize = 0;
let CS_POOL: usize = 0;
let WORD_BITS: usize = 0;
let WORD_SLOTS: usize = 0;
let WORD_MASK: u32 = 0;
let WORD_POOL: usize = 0;
let OUT: usize = 0;
let OUT_CAP: i32 = 0;
let SKIPS: usize = 0;
let SKIPS_CAP: i32 = 0;
let NAME_SLOTS: usize = 0;
let NAME_MASK: u32 = 0;
let NAME_POOL: usize = 0;
let TEXT: usize = 0;
let TEXT_LEN: i32 = 0;

// Per call.
let cls: usize = 0;
let fold: usize = 0;
let latex: bool = false;
let outCount: i32 = 0;
let outFull: bool = false;

const HEADER: usize = 1024;

@inline function hdr(k: i32): usize {
  return <usize>load<u32>(HEADER + (<usize>k << 2));
}

/** Reads the table addresses from the header. */
export function init(): void {
  FOLD = hdr(0);
  FOLD_TEX = hdr(1);
  FOLD_CS = hdr(2);
  CLS_PLAIN = hdr(3);
  CLS_MD = hdr(4);
  CLS_TEX = hdr(5);
  ROOT = hdr(6);
  NODES = hdr(7);
  CHAIN = hdr(8);
  EDGES = hdr(9);
  DENSE = hdr(10);
  OUT_LIST = hdr(11);
  PAT_FLAGS = hdr(12);
  PAT_CS = hdr(13);
  CS_POOL = hdr(14);
  WORD_BITS = hdr(15);
  WORD_SLOTS = hdr(16);
  WORD_MASK = <u32>hdr(17);
  WORD_POOL = hdr(18);
  OUT = hdr(19);
  OUT_CAP = <i32>hdr(20);
  SKIPS = hdr(21);
  SKIPS_CAP = <i32>hdr(22);
  NAME_SLOTS = hdr(23);
  NAME_MASK = <u32>hdr(24);
  NAME_POOL = hdr(25);
}

/**
 * After each scan: the number of mentions written, 1 if it stopped early because an output area is full
 * (call again from its result), and the number of skipped ranges written.
 */
const RESULT: usize = HEADER + 32 * 4;

function finish(stop: i32, full: bool): i32 {
  store<i32>(RESULT, outCount);
  store<i32>(RESULT, full ? 1 : 0, 4);
  store<i32>(RESULT, skipCount, 8);
  return stop;
}

/** Sets where the text is (UTF-16 code units) and how long it is. */
export function setText(at: usize, length: i32): void {
  TEXT = at;
  TEXT_LEN = length;
}

/** Four bytes (the low half of x) spread to four 16-bit lanes. */
@inline function widen4(x: u64): u64 {
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

@inline function ch(j: i32): u32 {
  return <u32>load<u16>(TEXT + (<usize>j << 1));
}
/** A code unit, or 0xffff past the end of the text. */
@inline function chAt(j: i32): u32 {
  return j < TEXT_LEN ? ch(j) : 0xffff;
}
@inline function clsOf(c: u32): u32 {
  return <u32>load<u8>(cls + <usize>c);
}
@inline function foldOf(c: u32): u32 {
  return <u32>load<u16>(fold + (<usize>c << 1));
}
@inline function node0(node: i32): u32 {
  return load<u32>(NODES + (<usize>node << 4));
}
@inline function nodeField(node: i32, k: i32): i32 {
  return load<i32>(NODES + (<usize>node << 4) + (<usize>k << 2));
}

function isCjk(c: u32): bool {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3040 && c <= 0x30ff);
}
@inline function isSign(c: u32): bool {
  return c == 0x2b || c == 0x2d;
}
@inline function lower(c: u32): u32 {
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

/** "\textsuperscript{" */
function textsuperscriptAt(j: i32): bool {
  if (j + 17 > TEXT_LEN) return false;
  // t e x t s u p e r s c r i p t
  return ch(j + 1) == 0x74 && ch(j + 2) == 0x65 && ch(j + 3) == 0x78 && ch(j + 4) == 0x74 && ch(j + 5) == 0x73 && ch(j + 6) == 0x75 && ch(j + 7) == 0x70 && ch(j + 8) == 0x65 && ch(j + 9) == 0x72 && ch(j + 10) == 0x73 && ch(j + 11) == 0x63 && ch(j + 12) == 0x72 && ch(j + 13) == 0x69 && ch(j + 14) == 0x70 && ch(j + 15) == 0x74 && ch(j + 16) == 0x7b;
}

/** Letters a-z packed five bits each (a = 1), as greekLetter reads a name. */
@inline function packLetter(p: u64, c: u32): u64 {
  return (p << 5) | <u64>(c - 0x60);
}

/**
 * The Greek letter named by the lower-case ASCII letters text[from, to) (`gamma` → γ; TeX's `\epsilon`,
 * `\varepsilon` → ε, `\phi`, `\varphi` → φ), also with the `up` prefix of upgreek (`upgamma`), or 0.
 */
function greekLetter(from: i32, to: i32): u32 {
  const n = to - from;
  if (n < 2 || n > 12) return 0;
  let p: u64 = 0;
  for (let k = from; k < to; k++) {
    const c = ch(k);
    if (c < 0x61 || c > 0x7a) return 0;
    p = packLetter(p, c);
  }
  const g = greekPacked(p);
  if (g != 0 || n < 4 || ch(from) != 0x75 || ch(from + 1) != 0x70) return g;
  // \upgamma: the name without "up" (not \upsilon, found above).
  let q: u64 = 0;
  for (let k = from + 2; k < to; k++) q = packLetter(q, ch(k));
  return greekPacked(q);
}

/** The letter of a packed lower-case Greek name (see packLetter), or 0. */
function greekPacked(p: u64): u32 {
  if (p == 0x164101) return 0x3b1; // alpha
  if (p == 0x11681) return 0x3b2; // beta
  if (p == 0x70b5a1) return 0x3b3; // gamma
  if (p == 0x42b281) return 0x3b4; // delta
  if (p == 0x16134b1ee || p == 0x2c1916134b1ee) return 0x3b5; // epsilon, varepsilon
  if (p == 0xd1681) return 0x3b6; // zeta
  if (p == 0x1681) return 0x3b7; // eta
  if (p == 0x1441681 || p == 0xb065441681) return 0x3b8; // theta, vartheta
  if (p == 0x4be81) return 0x3b9; // iota
  if (p == 0xb0c201) return 0x3ba; // kappa
  if (p == 0x18168881) return 0x3bb; // lambda
  if (p == 0x1b5) return 0x3bc; // mu
  if (p == 0x1d5) return 0x3bd; // nu
  if (p == 0x309) return 0x3be; // xi
  if (p == 0x209) return 0x3c0; // pi
  if (p == 0x490f || p == 0x2c19490f) return 0x3c1; // rho, varrho
  if (p == 0x1349da1) return 0x3c3; // sigma
  if (p == 0x5035) return 0x3c4; // tau
  if (p == 0x56134b1ee) return 0x3c5; // upsilon
  if (p == 0x4109 || p == 0x2c194109) return 0x3c6; // phi, varphi
  if (p == 0xd09) return 0x3c7; // chi
  if (p == 0x4269) return 0x3c8; // psi
  if (p == 0xf694e1) return 0x3c9; // omega
  return 0;
}

/** The end of the lower-case ASCII letters from j (at most 16 of them are read). */
function lettersEnd(j: i32): i32 {
  let k = j;
  while (k < TEXT_LEN && k - j <= 16) {
    const c = ch(k);
    if (c < 0x61 || c > 0x7a) break;
    k++;
  }
  return k;
}

/** A token as markupAt returns it: its length and the character it stands for. */
@inline function token(length: i32, c: u32): u32 {
  return <u32>length | (c << 8);
}

/**
 * Markup at j that stands for one character of a term, so that matching reads it as that character and a
 * mention either covers the whole token or stops before it (never inside):
 * - superscript signs: `$^+$`, `$^{+}$` (both languages), `^+^` and `<sup>+</sup>` (Markdown),
 *   `\textsuperscript{+}` (LaTeX), and the same with `-`;
 * - Greek letters: `$\gamma$` and `\(\gamma\)` (both languages), `\textgamma` (LaTeX, textgreek), also
 *   upgreek's `\upgamma`.
 * Returns 0, or the token's length (bits 0-7) and the code unit it stands for (bits 8-23). The region scans
 * read a token as plain text (it is neither math nor a command), so both scans agree on where it ends.
 */
function markupAt(j: i32): u32 {
  const c = chAt(j);
  if (c == 0x24) {
    const n = chAt(j + 1);
    if (n == 0x5e) {
      const s = chAt(j + 2);
      if (isSign(s)) return chAt(j + 3) == 0x24 ? token(4, s) : 0;
      if (s == 0x7b && isSign(chAt(j + 3)) && chAt(j + 4) == 0x7d && chAt(j + 5) == 0x24) return token(6, chAt(j + 3));
      return 0;
    }
    if (n == 0x5c) {
      // $\gamma$
      const e = lettersEnd(j + 2);
      const g = greekLetter(j + 2, e);
      return g != 0 && chAt(e) == 0x24 ? token(e + 1 - j, g) : 0;
    }
    return 0;
  }
  if (c == 0x5c) {
    const n = chAt(j + 1);
    if (n == 0x28) {
      // \(\gamma\)
      if (chAt(j + 2) != 0x5c) return 0;
      const e = lettersEnd(j + 3);
      const g = greekLetter(j + 3, e);
      return g != 0 && chAt(e) == 0x5c && chAt(e + 1) == 0x29 ? token(e + 2 - j, g) : 0;
    }
    if (!latex || n != 0x74) return 0;
    if (textsuperscriptAt(j)) return isSign(chAt(j + 17)) && chAt(j + 18) == 0x7d ? token(19, chAt(j + 17)) : 0;
    // \textgamma (not followed by another letter)
    if (chAt(j + 2) != 0x65 || chAt(j + 3) != 0x78 || chAt(j + 4) != 0x74) return 0;
    const e = lettersEnd(j + 5);
    if (isAsciiLetter(chAt(e))) return 0;
    const g = greekLetter(j + 5, e);
    return g != 0 ? token(e - j, g) : 0;
  }
  if (latex) return 0;
  if (c == 0x5e) return isSign(chAt(j + 1)) && chAt(j + 2) == 0x5e ? token(3, chAt(j + 1)) : 0;
  if (c == 0x3c) {
    // <sup>+</sup>, any case
    if (lower(chAt(j + 1)) != 0x73 || lower(chAt(j + 2)) != 0x75 || lower(chAt(j + 3)) != 0x70 || chAt(j + 4) != 0x3e) return 0;
    const s = chAt(j + 5);
    if (!isSign(s) || chAt(j + 6) != 0x3c || chAt(j + 7) != 0x2f) return 0;
    if (lower(chAt(j + 8)) != 0x73 || lower(chAt(j + 9)) != 0x75 || lower(chAt(j + 10)) != 0x70 || chAt(j + 11) != 0x3e) return 0;
    return token(12, s);
  }
  return 0;
}

/** The length of the token described by a non-zero markupAt result. */
@inline function markupLength(m: u32): i32 {
  return <i32>(m & 255);
}

/** The code unit a non-zero markupAt result stands for. */
@inline function markupChar(m: u32): u32 {
  return m >> 8;
}

/** The child of `node` by folded code unit c, or 0. */
function child(node: i32, c: u32): i32 {
  const info = node0(node);
  const children = info >>> 16;
  if (children == 1) return <u32>nodeField(node, 2) == c ? node + 1 : 0;
  if (children == 0) return 0;
  const row = nodeField(node, 3);
  if (row >= 0 && c < 128) return load<i32>(DENSE + ((<usize>row + <usize>c) << 2));
  let lo = nodeField(node, 2);
  let hi = lo + <i32>children - 1;
  if (children <= 8) {
    // A few sorted edges: read them in order.
    for (let e = lo; e <= hi; e++) {
      const k = load<u32>(EDGES + (<usize>e << 3));
      if (k >= c) return k == c ? load<i32>(EDGES + (<usize>e << 3), 4) : 0;
    }
    return 0;
  }
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = load<u32>(EDGES + (<usize>mid << 3));
    if (k == c) return load<i32>(EDGES + (<usize>mid << 3), 4);
    if (k < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Compares text[i, j) with a case-sensitive folded form, reading through spaces and markup as the walk does. */
function equalsCaseSensitive(i: i32, j: i32, p: i32): bool {
  const at = load<i32>(PAT_CS + (<usize>p << 3));
  const len = load<i32>(PAT_CS + (<usize>p << 3) + 4);
  const pool = CS_POOL + (<usize>at << 1);
  let k = 0;
  for (let x = i; x < j; x++) {
    const raw = ch(x);
    let c = <u32>load<u16>(FOLD_CS + (<usize>raw << 1));
    if (latex && c == 0x7e) c = SPACE;
    if (c == IGNORABLE) continue;
    if ((clsOf(raw) & CLS_SPECIAL) != 0) {
      const m = markupAt(x);
      if (m != 0) {
        c = <u32>load<u16>(FOLD_CS + (<usize>markupChar(m) << 1));
        x += markupLength(m) - 1;
      }
    }
    if (c == SPACE) {
      while (x + 1 < j && load<u16>(FOLD_CS + (<usize>ch(x + 1) << 1)) == SPACE) x++;
      if (k < len && <u32>load<u16>(pool + (<usize>k << 1)) == SPACE) k++;
      continue;
    }
    if (k >= len || <u32>load<u16>(pool + (<usize>k << 1)) != c) return false;
    k++;
  }
  return k == len;
}

/** Whether the text after j (past ignorable characters) continues a word. */
function wordContinuesAt(j: i32): bool {
  let x = j;
  while (x < TEXT_LEN) {
    const k = clsOf(ch(x));
    if ((k & CLS_IGNORABLE) == 0) return (k & CLS_WORD) != 0;
    x++;
  }
  return false;
}

/** The number of outputs of a node (a count of 0xfff or more is kept before the node's output list). */
@inline function outputCount(node: i32, info: u32): i32 {
  const n = <i32>(info & 0xfff);
  return n == 0xfff ? load<i32>(OUT_LIST + ((<usize>nodeField(node, 1) - 1) << 2)) : n;
}

/** The first pattern ending at `node` that is valid for text[i, j) (word boundary, case), or -1. */
function acceptAny(i: i32, j: i32, node: i32): i32 {
  // Whether the character after the match continues a word.
  const nextIsWord = wordContinuesAt(j);
  const info = node0(node);
  if ((info & 0xfff) == 1) {
    // One output, kept in the node with its flags.
    const p = nodeField(node, 1);
    if (nextIsWord && (info & (1 << 12)) != 0) return -1;
    if ((info & (2 << 12)) != 0 && !equalsCaseSensitive(i, j, p)) return -1;
    return p;
  }
  const from = nodeField(node, 1);
  const to = from + outputCount(node, info);
  for (let o = from; o < to; o++) {
    const p = load<i32>(OUT_LIST + (<usize>o << 2));
    const flags = load<u8>(PAT_FLAGS + <usize>p);
    if (nextIsWord && (flags & 1) != 0) continue;
    if ((flags & 2) != 0 && !equalsCaseSensitive(i, j, p)) continue;
    return p;
  }
  return -1;
}

/** Whether the code unit at j ends a line: `\n`, or `\r` not followed by `\n` (as editors count lines). */
@inline function endsLine(j: i32): bool {
  const c = ch(j);
  return c == NL || (c == CR && chAt(j + 1) != NL);
}

/**
 * Walks the trie from `node`, reached by reading text[i, j); writes the longest valid mention starting at
 * i and returns its end, or 0. A mention ends only after a character or a whole markup token of the term:
 * never inside a token, and never on whitespace, a line break or a zero-width character.
 */
function walk(i: i32, node: i32, j: i32, limit: i32): i32 {
  const text = TEXT;
  const folds = fold;
  const classes = cls;
  const chain = CHAIN;
  const nodes = NODES;
  let bestPattern = -1;
  let bestEnd = 0;
  // Whether the last thing read was a character of the term (not a gap: whitespace, a wrap, a zero-width character).
  let canEnd = true;
  while (true) {
    // Down a chain: one compare per character, until a branch, an output or a character that needs care.
    while (j < limit) {
      const key = <u32>load<u16>(chain + (<usize>node << 1));
      if (key == 0) break;
      const raw = <u32>load<u16>(text + (<usize>j << 1));
      if (<u32>load<u16>(folds + (<usize>raw << 1)) != key || (<u32>load<u8>(classes + <usize>raw) & CLS_SLOW) != 0) break;
      node++;
      j++;
      canEnd = true;
    }
    const info = load<u32>(nodes + (<usize>node << 4));
    if ((info & 0xfff) != 0 && canEnd) {
      const p = acceptAny(i, j, node);
      if (p >= 0) {
        bestPattern = p;
        bestEnd = j;
      }
    }
    const children = info >>> 16;
    if (j >= limit || children == 0) break;
    const raw = <u32>load<u16>(text + (<usize>j << 1));
    const k = <u32>load<u8>(classes + <usize>raw);
    if ((k & CLS_SLOW) == 0) {
      const c = <u32>load<u16>(folds + (<usize>raw << 1));
      if (children == 1) {
        if (load<u32>(nodes + (<usize>node << 4), 8) != c) break;
        node++;
      } else {
        node = child(node, c);
        if (node == 0) break;
      }
      j++;
      canEnd = true;
      continue;
    }
    if ((k & CLS_IGNORABLE) != 0) {
      j++;
      canEnd = false;
      continue;
    }
    if ((k & CLS_SPECIAL) != 0) {
      // Only a markup token is read through, as the character it stands for; any other construct ends the walk.
      const m = markupAt(j);
      if (m == 0 || j + markupLength(m) > limit) break;
      const next = child(node, <u32>load<u16>(folds + (<usize>markupChar(m) << 1)));
      if (next == 0) break;
      node = next;
      j += markupLength(m);
      canEnd = true;
      continue;
    }
    // Whitespace: a run of it matches one space of a form, but never across a blank line.
    let e = j;
    let lines = 0;
    while (e < limit && (clsOf(ch(e)) & CLS_SPACE) != 0) {
      if (endsLine(e)) lines++;
      e++;
    }
    if (lines >= 2) break;
    // Chinese hard-wrapped across a line break reads as one term (tried before a space of a form, so that
    // a spaced variant of a term does not hide the term itself).
    if (lines == 1 && isCjk(ch(j - 1)) && e < limit && isCjk(ch(e))) {
      const c = <u32>load<u16>(folds + (<usize>ch(e) << 1));
      if (child(node, c) != 0) {
        j = e;
        canEnd = false;
        continue;
      }
    }
    const next = child(node, SPACE);
    if (next != 0) {
      node = next;
      j = e;
      canEnd = false;
      continue;
    }
    break;
  }
  if (bestPattern < 0) return 0;
  const o = OUT + (<usize>outCount * 12);
  store<i32>(o, i);
  store<i32>(o, bestEnd, 4);
  store<i32>(o, bestPattern, 8);
  outCount++;
  return bestEnd;
}

/**
 * Looks up the word text[ws, we) (folded hash h) among the first words of forms and, if it is one, walks on
 * from the trie node after it. Returns the end of the mention written, or 0.
 */
function walkWord(ws: i32, we: i32, h: u32, limit: i32): i32 {
  for (let s = h & WORD_MASK; ; s = (s + 1) & WORD_MASK) {
    // A slot: [length (0 = empty), hash, node, start in the pool, the first 8 characters].
    const slot = WORD_SLOTS + (<usize>s << 5);
    const len = load<i32>(slot);
    if (len == 0) return 0;
    if (load<u32>(slot, 4) != h) continue;
    // Compare the word with the stored one (hashes can collide), skipping ignorable characters.
    const pool = WORD_POOL + (<usize>load<i32>(slot, 12) << 1);
    let p = 0;
    let x = ws;
    for (; x < we && p < len; x++) {
      const c = foldOf(ch(x));
      if (c == IGNORABLE) continue;
      const stored = p < 8 ? <u32>load<u16>(slot + 16 + (<usize>p << 1)) : <u32>load<u16>(pool + (<usize>p << 1));
      if (c != stored) break;
      p++;
    }
    // The walk goes on from the word's last character, so that a mention never ends on a zero-width one.
    const last = x;
    while (x < we && foldOf(ch(x)) == IGNORABLE) x++;
    if (x == we && p == len) return walk(ws, load<i32>(slot, 8), last, limit);
  }
  return 0;
}

/** A character of a Pandoc citation key (ASCII letters and digits and `_-:./#$&+?<>~`), as two 64-bit masks. */
@inline function isKeyChar(c: u32): bool {
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
function plainInMarkdown(i: i32, c: u32): bool {
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

/**
 * Reads plain text (a document without regions) from a to b, writing its mentions; returns where it
 * stopped: b, or after the last mention written if the output area filled up (see RESULT).
 */
export function scan(a: i32, b: i32): i32 {
  setLanguage(0);
  outCount = 0;
  skipCount = 0;
  const i = scanPlain(a, b, 0);
  return finish(i, outFull);
}

function setLanguage(language: i32): void {
  cls = language == 1 ? CLS_MD : language == 2 ? CLS_TEX : CLS_PLAIN;
  latex = language == 2;
  fold = latex ? FOLD_TEX : FOLD;
}

/** Whether the output area is full (one more mention would not fit); sets outFull. */
@inline function outputFull(): bool {
  outFull = outCount >= OUT_CAP - 1;
  return outFull;
}

/**
 * The scan proper: returns where it stopped (a special character, b, or after the mention that filled the
 * output area, with outFull set).
 */
function scanPlain(a: i32, b: i32, language: i32): i32 {
  outFull = false;
  // Locals for the hot loop (globals are reloaded at every use).
  const text = TEXT;
  const classes = cls;
  const folds = fold;
  const bits = WORD_BITS;
  let i = a;
  while (i < b) {
    let c = <u32>load<u16>(text + (<usize>i << 1));
    let k = <u32>load<u8>(classes + <usize>c);
    if ((k & CLS_WORD) != 0) {
      // A word: read it whole, hashing it folded.
      const ws = i;
      let h: u32 = <u32>load<u16>(folds + (<usize>c << 1));
      while (true) {
        if (++i >= b) break;
        c = <u32>load<u16>(text + (<usize>i << 1));
        k = <u32>load<u8>(classes + <usize>c);
        if ((k & CLS_WORD) != 0) h = h * 31 + <u32>load<u16>(folds + (<usize>c << 1));
        else if ((k & CLS_IGNORABLE) == 0) break;
      }
      if ((load<u32>(bits + (<usize>((h >>> 5) & 2047) << 2)) & (<u32>1 << (h & 31))) != 0) {
        const end = walkWord(ws, i, h, b);
        if (end > i) {
          i = end;
          if (outputFull()) return i;
          continue;
        }
        if (end > 0 && outputFull()) return i;
      }
      if (i >= b) break;
    }
    // A character that is not part of a word.
    if ((k & CLS_SPECIAL) != 0) {
      if (language != 1 || !plainInMarkdown(i, c)) return i;
      i++;
      continue;
    }
    if ((k & CLS_START_ANYWHERE) != 0) {
      const node = load<i32>(ROOT + (<usize>foldOf(c) << 2));
      const end = node == 0 ? 0 : walk(i, node, i + 1, b);
      if (end > 0) {
        i = end;
        if (outputFull()) return i;
        continue;
      }
    }
    i++;
  }
  return b;
}

// ------------------------------------------------------------------------------------------ Markdown regions
//
// The Markdown region scan (the rules documented in src/core/regions.ts), run here so that a Markdown
// document is read in one pass: plain text goes to scanPlain, constructs are skipped and recorded.


/** Index of code unit c at or after `from` in the whole text, or -1. Reads four code units at a time. */
function indexOfChar(c: u32, from: i32): i32 {
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
function indexOfCharBefore(c: u32, from: i32, to: i32): i32 {
  for (let k = from; k < to; k++) if (ch(k) == c) return k;
  return -1;
}

/** Index of the two code units c0 c1 at or after `from` and before `to`, or -1. */
function indexOf2(c0: u32, c1: u32, from: i32, to: i32): i32 {
  for (let k = from; k + 1 < to; k++) if (ch(k) == c0 && ch(k + 1) == c1) return k;
  return -1;
}

/** Index of the next line break (`\n` or `\r`) at or after `from` in the whole text, or -1. Four code units at a time. */
function indexOfBreak(from: i32): i32 {
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
@inline function isBlankSpace(c: u32): bool {
  return c != NL && c != CR && isJsSpace(c);
}

/**
 * End of the paragraph containing pos: the index of the line break before the first blank line, or end.
 * A line ends at `\n`, `\r\n` or a lone `\r`; a blank line holds only whitespace (JavaScript's \s, so
 * U+3000 too). The same rule as paragraphEnd in src/core/regions.ts, and as VS Code's lines.
 */
function paragraphEnd(pos: i32, end: i32): i32 {
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
function lineEnd(pos: i32, end: i32): i32 {
  const t = indexOfBreak(pos);
  return t < 0 || t > end ? end : t;
}

function isLineStart(pos: i32, start: i32): bool {
  for (let j = pos - 1; j >= start; j--) {
    const c = ch(j);
    if (c != 0x20 && c != 0x09) return c == NL || c == CR;
  }
  return true;
}

// Memos of the forward searches for closers. An unclosed opener must not search again what an earlier
// search has proved holds no closer: each memo says "searching from at least F finds R (or nothing)".
// They hold for one scan (one text, one end), numbered by `generation`.
let generation: i32 = 0;

/** Fence runs longer than this count as this long (a closing fence needs a run at least as long as its opener). */
const FENCE_CAP: i32 = 32;
/** Per fence character (` and ~): no closing line of a run of at least failLen starts at or after failFrom. */
let fenceFailFromTick: i32 = -1;
let fenceFailLenTick: i32 = 0;
let fenceFailGenTick: i32 = -1;
let fenceFailFromTilde: i32 = -1;
let fenceFailLenTilde: i32 = 0;
let fenceFailGenTilde: i32 = -1;

/**
 * Finds a closing line for a fence (same character, a run at least as long, capped at FENCE_CAP), or -1.
 * A failed search proves there is no closer of that length or longer after it, so a later opener of at
 * least that length fails at once; a slow failure needs a shorter opener than the last one, so there are
 * at most FENCE_CAP of them per character and scan: linear.
 */
function findFenceClose(from: i32, end: i32, c: u32, run: i32): i32 {
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

/** Brackets nested deeper than this are not balanced (a link target, a key or an argument never nests so deep). */
const MAX_DEPTH: i32 = 32;

/**
 * Index of the bracket closing the one at `open`, balancing nested ones, or -1 before `end` or when they
 * nest deeper than MAX_DEPTH. Linear overall: two searches that both read a position are at different
 * depths there (the earlier one has read the later one's opening bracket too), so at most MAX_DEPTH
 * searches read any one position.
 */
function findBalanced(open: i32, end: i32, oc: u32, cc: u32): i32 {
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
function isJsSpace(c: u32): bool {
  return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}
@inline function isAsciiLetter(c: u32): bool {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
@inline function isAsciiDigit(c: u32): bool {
  return c >= 0x30 && c <= 0x39;
}
function isKeyPunct(c: u32): bool {
  return c == 0x2e || c == 0x3a || c == 0x3f || c == 0x2d || c == 0x2b;
}
function isUrlStop(c: u32): bool {
  return c <= 0x20 || c == 0x29 || c == 0x3e || c == 0x5d || c == 0x22 || c >= 0x3000;
}

/**
 * An autolink `<scheme:...>` or an HTML tag `<name ...>`, `</name>`, `<name/>` at i, read within `limit`:
 * its length, or 0.
 */
function htmlAt(i: i32, limit: i32): i32 {
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
function referenceDefinitionAt(i: i32, le: i32): bool {
  let k = i + 1;
  while (k < le && ch(k) != 0x5d) k++;
  if (k == i + 1 || k >= le || k + 1 >= le || ch(k + 1) != 0x3a) return false;
  let m = k + 2;
  while (m < le && (ch(m) == 0x20 || ch(m) == 0x09)) m++;
  return m < le && !isJsSpace(ch(m));
}

/** `http`, `https` or `ftp`, any case, in text[from, to). */
function isUrlScheme(from: i32, to: i32): bool {
  const n = to - from;
  const c0 = ch(from) | 0x20;
  if (n == 3) return c0 == 0x66 && (ch(from + 1) | 0x20) == 0x74 && (ch(from + 2) | 0x20) == 0x70;
  if (n != 4 && n != 5) return false;
  if (c0 != 0x68 || (ch(from + 1) | 0x20) != 0x74 || (ch(from + 2) | 0x20) != 0x74 || (ch(from + 3) | 0x20) != 0x70) return false;
  return n == 4 || (ch(from + 4) | 0x20) == 0x73;
}

// Skipped ranges: merged as they come (a range that overlaps the pending one extends it) and written out
// once the next one starts after it.
let skipCount: i32 = 0;
let pendingStart: i32 = -1;
let pendingEnd: i32 = 0;

function skip(a: i32, b: i32): void {
  if (b <= a) return;
  if (pendingStart >= 0 && pendingEnd >= a) {
    if (b > pendingEnd) pendingEnd = b;
    return;
  }
  flushSkip();
  pendingStart = a;
  pendingEnd = b;
}

function flushSkip(): void {
  if (pendingStart < 0) return;
  const o = SKIPS + (<usize>skipCount << 3);
  store<i32>(o, pendingStart);
  store<i32>(o, pendingEnd, 4);
  skipCount++;
  pendingStart = -1;
}

/**
 * The end of the last skipped range, or 0. Within a scan the last range is always the pending one: a range
 * is written out only when the next one starts, or when the scan ends.
 */
function lastSkipEnd(): i32 {
  return pendingStart >= 0 ? pendingEnd : 0;
}

/** Skips a construct opened at i by a two-character delimiter up to its closer, or to the paragraph end pe. */
function skipMath(i: i32, c0: u32, c1: u32, pe: i32): i32 {
  const close = indexOf2(c0, c1, i + 2, pe);
  const stop = close >= 0 ? close + 2 : pe;
  skip(i, stop);
  return stop;
}

let paraEnd: i32 = -1;
@inline function bound(pos: i32, end: i32): i32 {
  if (pos >= paraEnd) paraEnd = paragraphEnd(pos, end);
  return paraEnd;
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
    i = plainToConstruct(i, end, 1);
    if (handOver) return finish(i, true);
    if (i >= end) break;
    const c = ch(i);
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

let commentGen: i32 = -1;
let commentFrom: i32 = 0;
let commentFound: i32 = -1;

/** Index of the next `-->` at or after `from` in the whole text, or -1; memoized like closingDollar. */
function commentClose(from: i32): i32 {
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
const CODE_RUN_CAP: i32 = 32;
/** Per run length 1..CODE_RUN_CAP, three numbers: the generation, where the last search started, what it found. */
const CODE_MEMO: usize = 4096;

/**
 * The end of the backtick run of exactly `run` backticks closing a code span, searching [from, pe), or -1.
 * Memoized per run length like closingDollar, so each backtick is read by at most one search per length.
 */
function codeSpanClose(from: i32, pe: i32, run: i32): i32 {
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

/** Set when a region scan must hand its output over before going on (an output area is full). */
let handOver = false;

/**
 * A region scan's plain-text step: reads from i to the next construct (see scanPlain). Sets handOver, and
 * returns where to resume, when an output area is nearly full.
 */
function plainToConstruct(i: i32, end: i32, language: i32): i32 {
  handOver = outputFull() || skipCount >= SKIPS_CAP - 8;
  if (handOver) return i;
  const stop = scanPlain(i, end, language);
  handOver = outFull;
  return stop;
}

/**
 * `$$…$$` display math, or superscript markup, at a `$` at i (both languages): returns where the scan goes
 * on, or -1 when it is neither.
 */
function displayMathOrMarkup(i: i32, pe: i32): i32 {
  if (chAt(i + 1) == 0x24) return skipMath(i, 0x24, 0x24, pe);
  const sup = markupAt(i);
  return sup != 0 ? i + markupLength(sup) : -1;
}

// Whether a `$` closes inline math does not depend on where the math opened, so the closer found (or the
// paragraph end reached) by one search answers every later search from before it in the same paragraph.
let dollarGen: i32 = -1;
let dollarFrom: i32 = 0;
let dollarBound: i32 = 0;
let dollarFound: i32 = -1;

/**
 * The unescaped `$` that closes inline math opened at i, before pe, or -1. With Pandoc's rules (Markdown)
 * it has no space before it and no digit after it. Memoized (see dollarFound): every `$` of a paragraph is
 * read by at most one search, so a paragraph of unclosed dollars (a table of prices) stays linear.
 */
function closingDollar(i: i32, pe: i32, pandoc: bool): i32 {
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
function backslashMath(i: i32, end: i32): i32 {
  const n = chAt(i + 1);
  return n == 0x28 || n == 0x5b ? skipMath(i, 0x5c, n == 0x28 ? 0x29 : 0x5d, bound(i, end)) : -1;
}

/** Where the region scan began (a line start and a citation key look no further back). */
let regionStart: i32 = 0;

/** Starts, or resumes after a hand-over, a region scan in a language that began at `start`. */
function beginRegions(language: i32, start: i32, resume: bool): void {
  setLanguage(language);
  regionStart = start;
  outCount = 0;
  skipCount = 0;
  if (!resume) {
    // A resumed scan goes on in the same text to the same end: its memos (the paragraph end too) still hold.
    pendingStart = -1;
    generation++;
    paraEnd = -1;
  }
}

// ------------------------------------------------------------------------------------------ LaTeX regions
//
// The LaTeX region scan (the rules and the lists of commands and environments are in src/core/regions.ts;
// the matcher lays the lists out as a hash table of names with their kinds).

/** Kinds of names (LATEX_NAME_KIND in src/core/regions.ts). */
const SKIP_ONE_ARGUMENT: u32 = 1;
const SKIP_TWO_ARGUMENTS: u32 = 2;
const VERBATIM_COMMAND: u32 = 4;
const MATH_ENVIRONMENT: u32 = 8;
const VERBATIM_ENVIRONMENT: u32 = 16;

@inline function isTexLetter(c: u32): bool {
  return isAsciiLetter(c) || c == 0x40;
}

/** The kinds of the name text[from, to) (case-sensitive), or 0. Slots: [length (0 = empty), hash, kinds, start in the pool]. */
/** The slot of the name nameKinds found last (for the memo of indexOfEnd). */
let nameSlot: i32 = 0;

function nameKinds(from: i32, to: i32): u32 {
  let h: u32 = 0;
  for (let k = from; k < to; k++) h = h * 31 + ch(k);
  const len = to - from;
  for (let s = h & NAME_MASK; ; s = (s + 1) & NAME_MASK) {
    const slot = NAME_SLOTS + (<usize>s << 4);
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
function hasCite(from: i32, to: i32): bool {
  for (let k = from; k + 4 <= to; k++) {
    if ((ch(k) | 0x20) == 0x63 && (ch(k + 1) | 0x20) == 0x69 && (ch(k + 2) | 0x20) == 0x74 && (ch(k + 3) | 0x20) == 0x65) return true;
  }
  return false;
}

/** Per environment name (by its slot in the name table), three numbers: generation, search start, result. */
const END_MEMO: usize = 8192;

/**
 * Index of `\end{` + text[envFrom, envTo) + `}` at or after `from`, or -1. The environment's name is the
 * one nameKinds found last; memoized per name like closingDollar, so unclosed `\begin{verbatim}`s do not
 * each search the rest of the document.
 */
function indexOfEnd(envFrom: i32, envTo: i32, from: i32): i32 {
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
function skipArgs(from: i32, count: i32, pe: i32): i32 {
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
    i = plainToConstruct(i, end, 2);
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
