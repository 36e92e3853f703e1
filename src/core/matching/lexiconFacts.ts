/**
 * What the document layers need to know of a lexicon (documentTerms.ts, documentAnnotation.ts): which entry
 * each case-sensitive form names, which entries are generic or generated, an entry's short capital-letter forms
 * and its forms reduced to letters. Made once per lexicon, and by entry only for the entries asked about.
 */
import { caseFormsOf } from '../lexicon/builtLexicon';
import type { Category, MatchEntry } from '../lexicon/lexicon';

/**
 * A short ambiguous form: a case-sensitive form of at most this many capital letters (RT, DC, ATP, ICI), or
 * a term the document defines for something the lexicon lacks (`Imperial Chemical Industries (ICI)`). Outside the field these are other
 * things (RT-Thread, Washington DC, the ATP tour, the company ICI), so they need context (docs/annotation.md §5).
 */
export const SHORT_FORM = 4;
/** Short forms of capitals only (a plural s aside): RT, DC, ATP, ICIs. PD-1, CD8, Treg, cDC1 and IL-6 are distinctive. */
const SHORT_LETTERS = new RegExp(`^[A-Z]{1,${SHORT_FORM}}s?$`);

/** What the layers need to know of a lexicon: which entry each case-sensitive form names, which are generic. */
export interface LexiconFacts {
  /** Case-sensitive form → the first entry that has it (the built-in lexicon's lookup is made at build time: caseFormsOf). */
  abbreviations: { get(text: string): string | undefined };
  generic: Set<string>;
  generated: Set<string>;
  /** The lengths of an entry's short capital-letter forms ({@link SHORT_LETTERS}), made on first use. */
  shortForms(id: string): ReadonlySet<number>;
  /** The forms of an entry reduced to their letters and digits ({@link letters}), made on first use. */
  letters(id: string): string[];
  category(id: string): Category;
}

/** A name reduced to its lower-case letters, digits and Han characters: `Tumor Mi-\ncroenvironment` → `tumormicroenvironment`. */
export function letters(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | (s.charCodeAt(i) >= 65 && s.charCodeAt(i) <= 90 ? 0x20 : 0);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0x3b1 && c <= 0x3c9) || (c >= 0x4e00 && c <= 0x9fff)) out += String.fromCharCode(c);
  }
  return out;
}

/** How many characters two strings share at their ends. */
export function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/**
 * A long form ends like a name of the entry when their letters share the last {@link SUFFIX_AGREEMENT}
 * characters (or all of the long form's): PDF line breaks and hyphens, `Tumor Mi-croenvironment`, and a
 * Chinese long form whose start is a guess (`…噬细胞集落刺激因子` for GM-CSF) still agree; `insulin resistance`
 * and `ionizing radiation` do not.
 */
export const SUFFIX_AGREEMENT = 4;

const factsCache = new WeakMap<readonly MatchEntry[], LexiconFacts>();

export function factsOf(entries: readonly MatchEntry[]): LexiconFacts {
  let f = factsCache.get(entries);
  if (!f) {
    // What is read by entry is made for the entries asked about (those the document mentions), not for all:
    // no pass over every form before the first mentions.
    let byId: Map<string, MatchEntry> | undefined;
    const entry = (id: string): MatchEntry | undefined => (byId ??= new Map(entries.map((e) => [e.id, e]))).get(id);
    const lettersOf = new Map<string, string[]>();
    const forms = (id: string): string[] => {
      let l = lettersOf.get(id);
      if (!l) lettersOf.set(id, (l = (entry(id)?.forms ?? []).map((x) => letters(x.text)).filter((x) => x.length > 0)));
      return l;
    };
    const shortOf = new Map<string, ReadonlySet<number>>();
    const shortForms = (id: string): ReadonlySet<number> => {
      let s = shortOf.get(id);
      if (!s) shortOf.set(id, (s = new Set((entry(id)?.forms ?? []).filter((x) => x.caseSensitive && SHORT_LETTERS.test(x.text)).map((x) => x.text.length))));
      return s;
    };
    const built = caseFormsOf(entries);
    const abbreviations = new Map<string, string>();
    const generic = new Set<string>();
    // Read only when the generated tier is turned off.
    let generated: Set<string> | undefined;
    f = {
      abbreviations: built ?? abbreviations,
      generic,
      get generated() {
        return (generated ??= new Set(entries.filter((e) => e.tier === 'generated').map((e) => e.id)));
      },
      shortForms,
      letters: forms,
      category: (id) => entry(id)?.category ?? 'concept',
    };
    for (const e of entries) {
      if (e.generic) generic.add(e.id);
      if (built) continue;
      for (const form of e.forms) if (form.caseSensitive && !abbreviations.has(form.text)) abbreviations.set(form.text, e.id);
    }
    factsCache.set(entries, f);
  }
  return f;
}
