/**
 * How an author types a Chinese name at an English keyboard, for the lexicon search (search.ts): its pinyin
 * (pabolizhudankang) and initials (pbl…), and the near-misses of Chinese input (traditional characters, tone
 * marks, a dropped or added 性/状/的).
 *
 * The readings are computed at build time (scripts/build-search-readings.ts, with pinyin-pro, polyphonic
 * characters read in context and corrected where it errs in this vocabulary) and loaded here as data:
 * nothing computes pinyin at a keystroke, and no host loads pinyin-pro.
 */
import data from '../../../generated/search-readings.json';

interface ReadingsFile {
  readings: Record<string, [string, string]>;
  chars: Record<string, string>;
  traditional: Record<string, string>;
}

const table = data as unknown as ReadingsFile;

const HAN = /\p{Script=Han}/u;

/** A Chinese name's pinyin (syllables separated by spaces, other scripts as written) and its initials. */
export interface Reading {
  pinyin: string;
  initials: string;
}

/**
 * The reading of a text with Chinese characters: the built one for the names of the built lexicons, else
 * one composed from the usual reading of each character in this vocabulary (a workspace lexicon's names;
 * a polyphonic character may then be misread). Undefined for a text without Chinese or with a character
 * the vocabulary never uses.
 */
export function readingOf(text: string): Reading | undefined {
  const built = table.readings[text];
  if (built) return { pinyin: built[0], initials: built[1] };
  if (!HAN.test(text)) return undefined;
  const full: string[] = [];
  let initials = '';
  let run = '';
  const flush = () => {
    const kept = run.trim();
    if (kept !== '') {
      full.push(kept);
      initials += kept;
    }
    run = '';
  };
  for (const c of toSimplified(text)) {
    if (!HAN.test(c)) {
      run += c;
      continue;
    }
    const p = table.chars[c];
    if (p === undefined) return undefined;
    flush();
    full.push(p);
    initials += p[0];
  }
  flush();
  return { pinyin: full.join(' '), initials };
}

/** Traditional characters of this vocabulary in their simplified form (調節性T細胞 → 调节性T细胞); the rest unchanged. */
export function toSimplified(text: string): string {
  let out = '';
  let changed = false;
  for (const c of text) {
    const s = table.traditional[c];
    if (s !== undefined) changed = true;
    out += s ?? c;
  }
  return changed ? out : text;
}

/** Pinyin tone marks and other accents removed (pà bó lì → pa bo li); ü (and u:) become v, as pinyin keyboards type it. */
export function withoutToneMarks(text: string): string {
  return text
    .replace(/[üǖǘǚǜ]|u:/gi, 'v')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/**
 * The characters Chinese authors add or leave out without changing the term: 性 (调节性 T 细胞 / 调节 T 细胞),
 * 状 (树突状细胞 / 树突细胞) and 的 (活化的 T 细胞).
 */
const OPTIONAL_HAN = /[性状的]/g;

/** A Chinese text without its optional characters ({@link OPTIONAL_HAN}); the text itself when it has none. */
export function withoutOptionalHan(text: string): string {
  return text.replace(OPTIONAL_HAN, '');
}
