/**
 * The built-in lexicon as dist/ ships it: two files written from generated/lexicon.json at build time
 * (scripts/build-tables.ts), so that the first mentions need only the small one.
 *
 * - The core (dist/lexicon.json, ASCII JSON): what matching and the document's annotation read before the first
 *   mentions — each entry's id, category, tier, generic flag and forms — packed as a few flat arrays (the
 *   forms as two strings, Latin-1 and wider, so that a Latin-1 form is kept in one byte a character, each
 *   split into entries at load and an entry's into its forms when they are first read), which parse several
 *   times faster than the entries' objects; and the case-sensitive forms sorted, for {@link caseFormsOf}.
 *   `matching`'s entries make their forms on first read: the first mentions read those of a few entries.
 * - The details (dist/lexicon-details.json): everything else of each entry (names, definition, relations,
 *   identifiers, evidence, origin), by entry, with each generated source's name and licence written once.
 *   Parsed the first time any of it is read (a hover card, a view, search, a check that reads brands…).
 *
 * {@link readBuiltCore} gives the lexicon with its entries as matching reads them (`Lexicon.matching`: id,
 * category, tier, generic, forms), which the matcher and the document's annotation use; the lexicon's
 * `entries`, read by everything else (hover, views, search, checks, exports), are made from them and the
 * details on first use: plain objects with the same keys, in the same order, as generated/lexicon.json's
 * (test/unit/builtLexicon.test.ts).
 */
import type { Category, Entry, EntryOrigin, Form, Lexicon, MatchEntry } from './lexicon';
import { lowerBound } from '../text/sorted';

/** The core's `format`: a change of layout changes it. */
export const BUILT_LEXICON_FORMAT = 'oncolex-lexicon-core 4';

/** The keys read before the first mentions; the others are details. */
const CORE_KEY_LIST = ['id', 'category', 'tier', 'generic', 'forms'] as const;
const CORE_KEYS = new Set<string>(CORE_KEY_LIST);

/** A character outside Latin-1: a string holding one takes two bytes a character. */
const WIDE = /[^\u0000-\u00ff]/;

/** The characters the forms may be joined with: the first that no form holds is used. */
const SEPARATORS = ['|', '~', '^', '`', '\t', '\u0001', '\u001f'];

/** The core file's contents (see the module comment). */
interface CoreFile {
  generatedBy: string;
  format: string;
  formsDigest: string;
  /** The details file's length in UTF-8 bytes: a details file of another build is refused. */
  detailsBytes: number;
  id: string[];
  /** The categories of the entries, each once. */
  categories: Category[];
  /**
   * One character per entry, '0' plus: its category's index in `categories` × 6, plus 3 if its tier is
   * 'generated', plus 1 if its generic flag is false or 2 if true (0: the entry has no such key). One short
   * string instead of three arrays to parse.
   */
  kinds: string;
  /**
   * Each entry's number of forms; the forms' texts, those of Latin-1 characters only in `forms` and the others
   * in `wideForms`, in order, an entry's joined by `separator` and the entries' by `entrySeparator` (so that
   * the forms of one entry are found without splitting all); and one digit per form: 1 if it is
   * case-sensitive, plus 2 if it is in `wideForms`.
   */
  formCounts: number[];
  separator: string;
  entrySeparator: string;
  forms: string;
  wideForms: string;
  formFlags: string;
  /**
   * The case-sensitive forms' texts, each once, sorted by code unit and joined by `separator`, and for each
   * the index of the first entry that has it: which entry a case-sensitive form names is found by a binary
   * search, with no map of every form made at start-up (see {@link caseFormsOf}).
   */
  caseForms: string;
  caseEntries: number[];
}

/** The details file's contents. */
interface DetailsFile {
  generatedBy: string;
  formsDigest: string;
  /** Each generated source's [name, licence], once. */
  sources: [string, string][];
  /**
   * Each entry with every key it has, in its order: the core's keys hold 0 (their values are the core's),
   * an origin is [its source's index in `sources`, its CURIE]. So JSON.parse makes the entries' objects,
   * with their keys in order, and only the core's values and the origins are put in.
   */
  entries: Record<string, unknown>[];
}

/**
 * Splits a built lexicon (generated/lexicon.json's data) into its core and details files' texts. Throws
 * when an entry does not fit the format (which would otherwise be lost on the way).
 */
export function splitBuiltLexicon(data: { generatedBy?: string; formsDigest: string; entries: Entry[] }): { core: string; details: string } {
  const generatedBy = 'scripts/build-tables.ts from generated/lexicon.json — do not edit';
  const all = data.entries.flatMap((e) => e.forms.map((f) => f.text));
  const [separator, entrySeparator] = SEPARATORS.filter((s) => all.every((t) => !t.includes(s)));
  if (entrySeparator === undefined) throw new Error('built lexicon: all but one of the separators occur in some form');
  const joined = (wide: boolean): string => data.entries.map((e) => e.forms.map((f) => f.text).filter((t) => WIDE.test(t) === wide).join(separator)).join(entrySeparator);
  const sources: [string, string][] = [];
  const sourceIndex = new Map<string, number>();
  const details = data.entries.map((e) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(e)) {
      if (CORE_KEYS.has(key)) out[key] = 0;
      else if (key === 'origin') {
        const o = value as EntryOrigin;
        const k = JSON.stringify([o.source, o.licence]);
        if (!sourceIndex.has(k)) {
          sourceIndex.set(k, sources.length);
          sources.push([o.source, o.licence]);
        }
        if (Object.keys(o).join() !== 'source,licence,curie') throw new Error(`built lexicon: entry '${e.id}': its origin has keys ${Object.keys(o).join(', ')}`);
        out.origin = [sourceIndex.get(k), o.curie];
      } else out[key] = value;
    }
    return out;
  });
  for (const e of data.entries) {
    if (Object.keys(e).some((k) => (e as unknown as Record<string, unknown>)[k] === undefined)) throw new Error(`built lexicon: entry '${e.id}' has a key whose value is undefined`);
    for (const f of e.forms) if (Object.keys(f).join() !== 'text,caseSensitive') throw new Error(`built lexicon: entry '${e.id}': a form has keys ${Object.keys(f).join(', ')}`);
    if (e.tier !== undefined && e.tier !== 'generated') throw new Error(`built lexicon: entry '${e.id}': tier '${String(e.tier)}'`);
    if (e.generic !== undefined && typeof e.generic !== 'boolean') throw new Error(`built lexicon: entry '${e.id}': generic is not true or false`);
  }
  // The first entry of each case-sensitive form, by form text, in code-unit order (as JavaScript's < compares).
  const firstOfForm = new Map<string, number>();
  data.entries.forEach((e, i) => {
    for (const f of e.forms) if (f.caseSensitive && !firstOfForm.has(f.text)) firstOfForm.set(f.text, i);
  });
  const categories = [...new Set(data.entries.map((e) => e.category))];
  const caseForms = [...firstOfForm.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const detailsText = JSON.stringify({ generatedBy, formsDigest: data.formsDigest, sources, entries: details } satisfies DetailsFile);
  const core: CoreFile = {
    generatedBy,
    format: BUILT_LEXICON_FORMAT,
    formsDigest: data.formsDigest,
    detailsBytes: utf8Length(detailsText),
    id: data.entries.map((e) => e.id),
    categories,
    kinds: data.entries.map((e) => String.fromCharCode(48 + 6 * categories.indexOf(e.category) + (e.tier === 'generated' ? 3 : 0) + (e.generic === undefined ? 0 : e.generic ? 2 : 1))).join(''),
    formCounts: data.entries.map((e) => e.forms.length),
    separator,
    entrySeparator,
    forms: joined(false),
    wideForms: joined(true),
    formFlags: data.entries.map((e) => e.forms.map((f) => String((f.caseSensitive ? 1 : 0) + (WIDE.test(f.text) ? 2 : 0))).join('')).join(''),
    caseForms: caseForms.join(separator),
    caseEntries: caseForms.map((t) => firstOfForm.get(t)!),
  };
  // The core in ASCII (what is wider written as \u escapes): read as Latin-1, it needs no UTF-8 decoding.
  return { core: JSON.stringify(core).replace(/[^\u0000-\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), details: detailsText };
}

/** Whether a parsed lexicon file is a core file of this format (else it is a whole lexicon, as generated/lexicon.json). */
export function isBuiltLexiconCore(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { format?: unknown }).format === BUILT_LEXICON_FORMAT;
}

/** Where the details come from, when first read: their text and their length in UTF-8 bytes. */
export interface DetailsSource {
  /** Names the details file in messages. */
  name: string;
  read(): { text: string; bytes: number };
}

/**
 * The lexicon of a core file (parsed): its entries as matching reads them now (`matching`), and its whole
 * entries (`entries`) made from them and the details the first time they are read. Throws (naming the file)
 * when the core does not fit its format; reading the entries throws when the details file is not the one
 * built with the core.
 */
export function readBuiltCore(data: unknown, coreName: string, details: DetailsSource): { formsDigest: string; lexicon: Lexicon; matching: MatchEntry[] } {
  const core = data as CoreFile;
  const fail = (what: string): never => {
    throw new Error(`${coreName}: ${what} (the built lexicon is damaged; rebuild with npm run build)`);
  };
  if (!isBuiltLexiconCore(core)) fail(`not a built lexicon of format '${BUILT_LEXICON_FORMAT}'`);
  const n = Array.isArray(core.id) ? core.id.length : fail('no ids');
  if (!Array.isArray(core.formCounts) || core.formCounts.length !== n) fail("'formCounts' does not have one item per entry");
  const kinds = core.kinds;
  if (typeof kinds !== 'string' || kinds.length !== n || !Array.isArray(core.categories)) fail("'kinds' does not have one character per entry");
  const kindLimit = 6 * core.categories.length;
  const flags = core.formFlags;
  const separator = core.separator;
  if (typeof core.forms !== 'string' || typeof core.wideForms !== 'string' || typeof flags !== 'string' || typeof separator !== 'string' || separator.length !== 1 || typeof core.entrySeparator !== 'string' || core.entrySeparator.length !== 1 || core.entrySeparator === separator) fail('a field is missing');
  // Where each entry's flags start.
  const formAt = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const count = core.formCounts[i];
    if (!Number.isInteger(count) || count < 0 || formAt[i] + count > flags.length) fail(`entry ${i} has ${String(count)} forms, the flags are for ${flags.length}`);
    formAt[i + 1] = formAt[i] + count;
  }
  if (formAt[n] !== flags.length) fail(`${flags.length} flags for ${formAt[n]} forms`);
  // Each entry's forms, joined: split into its forms when they are first read.
  const texts = core.forms.split(core.entrySeparator);
  const wideTexts = core.wideForms.split(core.entrySeparator);
  if (texts.length !== n || wideTexts.length !== n) fail(`the forms of ${texts.length} and ${wideTexts.length} entries for ${n}`);
  const caseTexts = core.caseForms === '' ? [] : typeof core.caseForms === 'string' ? core.caseForms.split(separator) : fail('no case-sensitive forms');
  const caseEntries = core.caseEntries;
  if (!Array.isArray(caseEntries) || caseEntries.length !== caseTexts.length) fail(`${caseTexts.length} case-sensitive forms and ${Array.isArray(caseEntries) ? caseEntries.length : 'no'} entries for them`);
  // Their order is not checked here (a core out of order finds fewer abbreviations, never a wrong one: a form
  // found is the form asked for); each names an entry of the core.
  for (let i = 0; i < caseEntries.length; i++) {
    if (!Number.isInteger(caseEntries[i]) || caseEntries[i] < 0 || caseEntries[i] >= n) fail(`case-sensitive form ${i} names entry ${String(caseEntries[i])}, the lexicon has ${n}`);
  }
  // Each entry's forms are made when first read: the first mentions read those of a few entries (the matcher
  // has its tables built, and the annotation asks only about the entries it found).
  const formLists: (Form[] | undefined)[] = new Array(n);
  const formsOf = (i: number): Form[] => {
    let forms = formLists[i];
    if (forms === undefined) {
      let wide = 0;
      for (let at = formAt[i]; at < formAt[i + 1]; at++) if (flags.charCodeAt(at) >= 50) wide++;
      const count = formAt[i + 1] - formAt[i];
      // An entry without forms of a kind has '' for them (one form '' would be one '').
      const narrowTexts = count === wide && texts[i] === '' ? [] : texts[i].split(separator);
      const widerTexts = wide === 0 && wideTexts[i] === '' ? [] : wideTexts[i].split(separator);
      if (narrowTexts.length !== count - wide || widerTexts.length !== wide) fail(`entry ${i} has ${narrowTexts.length} + ${widerTexts.length} forms, its flags say ${count - wide} + ${wide}`);
      forms = new Array(count);
      for (let f = 0, narrow = 0, wider = 0; f < count; f++) {
        const flag = flags.charCodeAt(formAt[i] + f) - 48;
        forms[f] = { text: flag >= 2 ? widerTexts[wider++] : narrowTexts[narrow++], caseSensitive: (flag & 1) === 1 };
      }
      formLists[i] = forms;
    }
    return forms;
  };
  /**
   * An entry as matching reads it, its forms made on first read by a getter of the class (several times
   * cheaper to make than an object with a getter of its own; a spread copy, `{ ...e }`, has no forms).
   */
  class CoreEntry implements MatchEntry {
    readonly #index: number;
    declare tier?: 'generated';
    declare generic?: boolean;
    constructor(
      readonly id: string,
      readonly category: Category,
      index: number,
    ) {
      this.#index = index;
    }
    get forms(): Form[] {
      return formsOf(this.#index);
    }
  }
  const matching: MatchEntry[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const kind = kinds.charCodeAt(i) - 48;
    if (!(kind >= 0 && kind < kindLimit)) fail(`entry ${i} is of kind ${kind}, the core has ${core.categories.length} categories`);
    const e = new CoreEntry(core.id[i], core.categories[(kind / 6) | 0], i);
    if (kind % 6 >= 3) e.tier = 'generated';
    if (kind % 3 !== 0) e.generic = kind % 3 === 2;
    matching[i] = e;
  }
  // What making the entries needs of the core (not the core itself, which is let go).
  const layout: Layout = { formsDigest: core.formsDigest, detailsBytes: core.detailsBytes, count: n };
  let entries: Entry[] | undefined;
  const lexicon = {
    source: 'built-in',
    get entries(): Entry[] {
      return (entries ??= wholeEntries(matching, readDetails(details, layout)));
    },
  };
  // Not enumerable: a copy of the lexicon (`{ ...builtin, entries }`) is another lexicon, which a matcher reads whole.
  Object.defineProperty(lexicon, 'matching', { value: matching, enumerable: false });
  const ids = core.id;
  caseFormLookups.set(matching, { get: (text) => caseFormEntry(caseTexts, caseEntries, ids, text) });
  return { formsDigest: core.formsDigest, lexicon, matching };
}

/** Which entry a case-sensitive form names (the first that has it), for entries read from a core file. */
const caseFormLookups = new WeakMap<readonly MatchEntry[], CaseForms>();

/** A lookup of case-sensitive forms: the id of the first entry with this form, case-sensitive, if any. */
export interface CaseForms {
  get(text: string): string | undefined;
}

/**
 * The lookup of case-sensitive forms of entries read from a core file (exactly this array), made at build
 * time; undefined for any other entries (their reader makes its own from their forms).
 */
export function caseFormsOf(entries: readonly MatchEntry[]): CaseForms | undefined {
  return caseFormLookups.get(entries);
}

/** Binary search of the sorted case-sensitive forms. */
function caseFormEntry(texts: readonly string[], entries: readonly number[], ids: readonly string[], text: string): string | undefined {
  const lo = lowerBound(texts, text);
  return lo < texts.length && texts[lo] === text ? ids[entries[lo]] : undefined;
}

/** What the entries are made with, besides the details. */
type Layout = Pick<CoreFile, 'formsDigest' | 'detailsBytes'> & { count: number };

/** The entries of the details file with the core's values and the origins put in; forms are those of `matching`. */
function wholeEntries(matching: readonly MatchEntry[], file: DetailsFile): Entry[] {
  const origins = file.sources.map(([source, licence]) => ({ source, licence }));
  return matching.map((m, i) => {
    const e = file.entries[i];
    for (const key of CORE_KEY_LIST) if (key in e) e[key] = m[key];
    if ('origin' in e) {
      const [s, curie] = e.origin as [number, string];
      e.origin = { ...origins[s], curie };
    }
    return e as unknown as Entry;
  });
}

/** The details file, parsed and checked against the core it was built with. */
function readDetails(source: DetailsSource, core: Layout): DetailsFile {
  const { text, bytes } = source.read();
  const stale = `${source.name} was not built with the lexicon's core (rebuild with npm run build)`;
  if (bytes !== core.detailsBytes) throw new Error(`${stale}: ${bytes} bytes, the core says ${core.detailsBytes}`);
  const file = JSON.parse(text) as DetailsFile;
  if (file.formsDigest !== core.formsDigest || !Array.isArray(file.entries) || file.entries.length !== core.count || !Array.isArray(file.sources)) throw new Error(stale);
  return file;
}

/** The length of a string in UTF-8 bytes. */
function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}
