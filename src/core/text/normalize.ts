/**
 * Character folding for matching. Every table maps one UTF-16 code unit to one code unit, so offsets into
 * the folded view are offsets into the original text (VS Code positions are UTF-16 too).
 */

/** Code unit the walk ignores (soft hyphen, zero-width spaces, byte-order mark). */
export const IGNORABLE = 0;
/** What every whitespace character folds to; a run of whitespace matches one space of a form. */
export const SPACE = 0x20;

const HYPHENS = [0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xfe63, 0xff0d, 0x00ad];
const SPACES = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x202f, 0x205f, 0x3000, 0x2028, 0x2029];
const IGNORABLES = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
const SUPERSCRIPTS: Record<number, number> = {
  0x207a: 0x2b, // ⁺
  0x207b: 0x2d, // ⁻
  0x2070: 0x30, // ⁰
  0x00b9: 0x31, // ¹
  0x00b2: 0x32, // ²
  0x00b3: 0x33, // ³
};
const QUOTES: Record<number, number> = { 0x2018: 0x27, 0x2019: 0x27, 0x201c: 0x22, 0x201d: 0x22 };

/** The case-sensitive fold, and the code units it changes. */
function buildCaseSensitiveFold(): { t: Uint16Array; changed: number[] } {
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = c;
  const changed: number[] = [];
  const set = (c: number, v: number): void => {
    t[c] = v;
    changed.push(c);
  };
  // Full-width ASCII (ＰＤ－Ｌ１, Ｔ) to ASCII: the review itself writes a full-width Ｔ.
  for (let c = 0xff01; c <= 0xff5e; c++) set(c, c - 0xfee0);
  for (const c of HYPHENS) set(c, 0x2d);
  set(0x00ad, IGNORABLE); // soft hyphen is invisible
  for (const c of SPACES) set(c, SPACE);
  for (let c = 0x2000; c <= 0x200a; c++) set(c, SPACE);
  for (const c of IGNORABLES) set(c, IGNORABLE);
  // NUL is no invisible joiner: like every other control character it breaks a word (`Pembro\0lizumab` is
  // no drug). Left as itself it would equal IGNORABLE and be skipped.
  set(0x0000, 0xfffd);
  for (const [k, v] of Object.entries(SUPERSCRIPTS)) set(Number(k), v);
  for (const [k, v] of Object.entries(QUOTES)) set(Number(k), v);
  set(0x03c2, 0x03c3); // final sigma
  set(0x00b5, 0x03bc); // micro sign to mu
  return { t, changed };
}

/** The fold: the case-sensitive fold `cs` (which changes the code units `changed`), then lower case. */
function buildFold(cs: Uint16Array, changed: readonly number[]): Uint16Array {
  // The case-sensitive fold, then lower case: only these blocks have case, and only one-to-one lowercasings
  // are used. A code unit changes only where its case-sensitive fold is a cased letter: the letter itself,
  // or one the case-sensitive fold maps to it (full-width Ａ to A).
  const cased: [number, number][] = [
    [0x41, 0x5a], [0xc0, 0x24f], [0x370, 0x52f], [0x10a0, 0x10ff], [0x13a0, 0x13ff], [0x1e00, 0x1fff],
    [0x2160, 0x216f], [0x24b6, 0x24cf], [0x2c00, 0x2d2f], [0xa640, 0xa7ff],
  ];
  const lower = (v: number): number => {
    if (!cased.some(([a, b]) => v >= a && v <= b)) return v;
    const l = String.fromCharCode(v).toLowerCase();
    return l.length === 1 ? l.charCodeAt(0) : v;
  };
  const t = cs.slice();
  for (const [a, b] of cased) for (let v = a; v <= b; v++) if (cs[v] === v) t[v] = lower(v);
  for (const c of changed) if (cs[c] !== c) t[c] = lower(cs[c]);
  return t;
}

function buildWord(): Uint8Array {
  const t = new Uint8Array(65536);
  const ranges: [number, number][] = [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
    [0xc0, 0x24f],
    [0x370, 0x3ff],
    [0x400, 0x4ff],
    [0x1e00, 0x1eff],
    [0xff10, 0xff19],
    [0xff21, 0xff3a],
    [0xff41, 0xff5a],
  ];
  for (const [a, b] of ranges) t.fill(1, a, b + 1);
  t[0xd7] = 0; // ×
  t[0xf7] = 0; // ÷
  t[0x37e] = 0; // Greek question mark
  t[0x387] = 0;
  return t;
}

type FoldTables = { fold: Uint16Array; foldCs: Uint16Array; foldTex: Uint16Array; word: Uint8Array };
let tables: FoldTables | undefined;

/** The folding tables, built once on first use (a few milliseconds), or copied by {@link seedFoldTables}. */
export function foldTables(): FoldTables {
  if (!tables) {
    const cs = buildCaseSensitiveFold();
    tables = withFold(cs.t, buildFold(cs.t, cs.changed));
  }
  return tables;
}

function withFold(foldCs: Uint16Array, fold: Uint16Array): FoldTables {
  // In LaTeX a tilde is a non-breaking space (T~cell).
  const foldTex = fold.slice();
  foldTex[0x7e] = SPACE;
  return { fold, foldCs, foldTex, word: buildWord() };
}

/**
 * Makes the fold tables from copies of `foldCs` and `fold` as {@link foldTables} builds them (stored with the
 * matcher's tables, src/core/matching/matcherTables.ts, so that a start-up needs none of the lowercasing
 * that building them takes), unless they are made already.
 */
export function seedFoldTables(d: { foldCs: Uint16Array; fold: Uint16Array }): void {
  if (tables) return;
  tables = withFold(d.foldCs.slice(), d.fold.slice());
}

/** True for CJK ideographs and kana, which are matched without word boundaries. */
export function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3040 && c <= 0x30ff);
}

/**
 * Mathematical Alphanumeric Symbols (U+1D400–U+1D7FF: 𝛾, 𝐓, 𝜶, pasted from PDFs, which set Greek and
 * italic letters in math fonts) as the letters they style, for matching: `IFN-𝛾` reads as IFN-γ. Each is a
 * surrogate pair (U+D835 and a low surrogate) and becomes a zero-width space (ignored by the fold) and the
 * letter, so the text keeps its length and every offset into it stays an offset into the original; a
 * mention that starts or ends inside such a pair is widened to the whole pair ({@link widenToPairs}).
 * Returns the text itself when it holds none (the usual case, found with one native search).
 */
export function foldMathAlphanumerics(text: string): string {
  if (text.indexOf('\uD835') < 0) return text;
  return text.replace(/\uD835[\uDC00-\uDFFF]/g, (pair) => {
    const letter = pair.normalize('NFKC');
    return letter.length === 1 ? `\u200B${letter}` : pair;
  });
}

/** Moves [start, end) off the middle of a surrogate pair: a start on a low surrogate back, an end before one forward. */
export function widenToPairs(text: string, start: number, end: number): [number, number] {
  const low = (i: number) => {
    const c = text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
  };
  return [low(start) ? start - 1 : start, low(end) ? end + 1 : end];
}

/**
 * Folds a lexicon form the way text is folded: case (unless `caseSensitive`), width, dashes, spaces (runs
 * become one space), mathematical letters (`𝛾` → `γ`) and ignorable characters removed.
 */
export function foldForm(form: string, caseSensitive: boolean): string {
  // 𝛾 (a mathematical italic from a PDF) folds as γ, as it does in a scanned text.
  form = foldMathAlphanumerics(form);
  const { fold, foldCs } = foldTables();
  const table = caseSensitive ? foldCs : fold;
  // Collected as code units and made into one flat string (not a chain of concatenations, which every
  // later comparison or hash would first have to flatten).
  if (foldBuffer.length < form.length) foldBuffer = new Uint16Array(2 * form.length);
  const out = foldBuffer;
  let n = 0;
  let prevSpace = true;
  for (let i = 0; i < form.length; i++) {
    const c = table[form.charCodeAt(i)];
    if (c === IGNORABLE) continue;
    if (c === SPACE) {
      if (!prevSpace) out[n++] = SPACE;
      prevSpace = true;
      continue;
    }
    out[n++] = c;
    prevSpace = false;
  }
  if (n > 0 && out[n - 1] === SPACE) n--;
  let s = '';
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return s;
}

let foldBuffer = new Uint16Array(256);

const GREEK_NAMES: [string, string][] = [
  ['α', 'alpha'],
  ['β', 'beta'],
  ['γ', 'gamma'],
  ['δ', 'delta'],
  ['κ', 'kappa'],
  ['ε', 'epsilon'],
  ['ζ', 'zeta'],
];

/** Roman numerals as words (type I, class II, stage III, MHC-II) and as the one character of Number Forms (Ⅰ…Ⅳ). */
const ROMAN: [string, string][] = [
  ['IV', 'Ⅳ'],
  ['III', 'Ⅲ'],
  ['II', 'Ⅱ'],
  ['I', 'Ⅰ'],
];

/** Cell names are written hyphenated too: T cells / T-cells, NK cells / NK-cells, T lymphocytes / T-lymphocytes. */
export function hyphenatedCellName(form: string): string {
  return form.replace(/\b([A-Z]{1,3}) (cells?|lymphocytes?)\b/g, '$1-$2');
}

/**
 * Spelling variants of a form that authors write: Greek letters spelt out and back (IFN-β / IFN-beta),
 * hyphens dropped or spaced (PD-L1 / PDL1, CTLA-4 / CTLA4), a hyphen before a Greek letter dropped (TNF-α /
 * TNFα). Deterministic; the form itself comes first.
 */
export function spellingVariants(form: string): string[] {
  const out = new Set<string>([form]);
  const add = (s: string) => {
    if (s.trim() !== '' && s !== form) out.add(s);
  };
  for (const base of [...out]) {
    for (const [letter, name] of GREEK_NAMES) {
      if (base.includes(letter)) {
        add(base.split(letter).join(name));
        add(base.split(`-${letter}`).join(` ${name}`));
      }
      const re = new RegExp(`(^|[-\\s])${name}(?![a-z])`, 'gi');
      if (re.test(base)) add(base.replace(re, (_m, pre: string) => `${pre}${letter}`));
    }
  }
  const joined = /([A-Za-z0-9\u0370-\u03ff])-(?=[A-Za-z0-9\u0370-\u03ff])/g;
  for (const base of [...out]) {
    if (/[A-Za-z0-9\u0370-\u03ff]-[A-Za-z0-9\u0370-\u03ff]/.test(base)) {
      add(base.replace(joined, '$1'));
      add(base.replace(joined, '$1 '));
      // Names joined by a slash are spelt each its own way: PD1/PD-L1 blockade, PD-1/PDL1 blockade.
      const parts = base.split('/');
      if (parts.length === 2) {
        add(`${parts[0].replace(joined, '$1')}/${parts[1]}`);
        add(`${parts[0]}/${parts[1].replace(joined, '$1')}`);
        // …and two symbols by a dash, as a receptor and its ligand are: PD-1–PD-L1 inhibitors (any dash reads as
        // `-`); not other names with a slash (DExD/H-box helicase).
        if (/^[A-Z][A-Za-z\u0370-\u03ff-]*\d[A-Za-z0-9\u0370-\u03ff-]*$/.test(parts[0]) && /^[A-Z][A-Za-z\u0370-\u03ff-]*\d[A-Za-z0-9\u0370-\u03ff-]*(?: |$)/.test(parts[1])) add(`${parts[0]}-${parts[1]}`);
      }
    }
  }
  for (const base of [...out]) add(hyphenatedCellName(base));
  // A Roman numeral after a word is hyphenated too (MHC class I / class-I, type I / type-I interferon), and
  // written as one character, as Chinese texts do (MHC-Ⅱ, Ⅰ型干扰素).
  for (const base of [...out]) {
    add(base.replace(/\b([a-z]{3,}) (IV|I{1,3})(?![A-Za-z0-9])/g, '$1-$2'));
    let roman = base;
    for (const [word, char] of ROMAN) roman = roman.replace(new RegExp(`(?<=[\\s-]|^)${word}(?![A-Za-z0-9])(?=.)|(?<=[A-Za-z][\\s-])${word}$`, 'g'), char);
    add(roman);
  }
  // anti-PD-1 is written αPD-1 and α-PD-1; checkpoint is also written check-point, and immune checkpoint
  // immunocheckpoint.
  for (const base of [...out]) {
    if (/^anti-(?=[A-Z0-9])/.test(base)) {
      add(base.replace(/^anti-/, 'α'));
      add(base.replace(/^anti-/, 'α-'));
    }
    if (/checkpoint/i.test(base)) {
      add(base.replace(/(c)heckpoint/gi, '$1heck-point'));
      add(base.replace(/\b(i)mmune checkpoint/gi, '$1mmunocheckpoint'));
    }
  }
  // Chinese writers put a space between a Latin term and Chinese text or not (T 细胞 / T细胞).
  for (const base of [...out]) {
    add(base.replace(/([A-Za-z0-9+\u0370-\u03ff\u2160-\u216f]) (?=\p{Script=Han})/gu, '$1').replace(/(\p{Script=Han}) (?=[A-Za-z0-9\u0370-\u03ff\u2160-\u216f])/gu, '$1'));
    add(base.replace(/([A-Za-z0-9+\u0370-\u03ff\u2160-\u216f])(?=\p{Script=Han})/gu, '$1 ').replace(/(\p{Script=Han})(?=[A-Za-z0-9\u0370-\u03ff\u2160-\u216f])/gu, '$1 '));
  }
  return [...out];
}
