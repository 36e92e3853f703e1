/**
 * Markup tokens: markup that stands for one character of a term. Matching reads a token whole, as that
 * character (`CD8$^+$` as `CD8+`, `IFN-$\gamma$` as `IFN-γ`), and the region scans read it as plain text, so
 * a mention covers a whole token or stops before it, and both scans agree where a token ends.
 */

import { TEXT_LEN, ch, chAt, isAsciiLetter, isSign, latex, lower } from './text';

/** "\textsuperscript{" */
export function textsuperscriptAt(j: i32): bool {
  if (j + 17 > TEXT_LEN) return false;
  // t e x t s u p e r s c r i p t
  return ch(j + 1) == 0x74 && ch(j + 2) == 0x65 && ch(j + 3) == 0x78 && ch(j + 4) == 0x74 && ch(j + 5) == 0x73 && ch(j + 6) == 0x75 && ch(j + 7) == 0x70 && ch(j + 8) == 0x65 && ch(j + 9) == 0x72 && ch(j + 10) == 0x73 && ch(j + 11) == 0x63 && ch(j + 12) == 0x72 && ch(j + 13) == 0x69 && ch(j + 14) == 0x70 && ch(j + 15) == 0x74 && ch(j + 16) == 0x7b;
}

/** Letters a-z packed five bits each (a = 1), as greekLetter reads a name. */
@inline export function packLetter(p: u64, c: u32): u64 {
  return (p << 5) | <u64>(c - 0x60);
}

/**
 * The Greek letter named by the lower-case ASCII letters text[from, to) (`gamma` → γ; TeX's `\epsilon`,
 * `\varepsilon` → ε, `\phi`, `\varphi` → φ), also with the `up` prefix of upgreek (`upgamma`), or 0.
 */
export function greekLetter(from: i32, to: i32): u32 {
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
export function greekPacked(p: u64): u32 {
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
export function lettersEnd(j: i32): i32 {
  let k = j;
  while (k < TEXT_LEN && k - j <= 16) {
    const c = ch(k);
    if (c < 0x61 || c > 0x7a) break;
    k++;
  }
  return k;
}

/** A token as markupAt returns it: its length and the character it stands for. */
@inline export function token(length: i32, c: u32): u32 {
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
export function markupAt(j: i32): u32 {
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
@inline export function markupLength(m: u32): i32 {
  return <i32>(m & 255);
}

/** The code unit a non-zero markupAt result stands for. */
@inline export function markupChar(m: u32): u32 {
  return m >> 8;
}
