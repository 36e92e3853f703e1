/**
 * Search over the lexicon: the "Search Terms" QuickPick, the Lexicon view's filter and `oncolex search` share it.
 *
 * Plain fuse.js over every form of every entry is too slow for a keystroke (about 7-15 ms over 2,000
 * entries) and noisy for multi-word queries, so a query goes through two stages:
 * 1. A fast path over the folded, "compacted" keys of the names (case, width, dashes, spaces and `+`
 *    removed, so that "pdl1", "pd 1" and "PD-L1" meet): exact, prefix, word-prefix and substring hits found
 *    with `indexOf` in one concatenated string, plus word-prefix hits in the definitions. Chinese needs no
 *    word boundaries, so a Chinese query is a substring search. Besides each name, the haystack holds the
 *    keys an author types for it (searchReadings.ts, built at build time): the pinyin of a Chinese name
 *    (syllable starts are word starts: "pabolizhu", "tiaojiexing t xibao"), its initials (only whole or
 *    leading: "pbl", "pd1 yzj"), the name without an optional 性/状/的 and without accents. The query is
 *    also tried without its tone marks and (Chinese) without its own 性/状/的; traditional characters are
 *    made simplified first.
 * 2. For misspellings (when no name starts with the query, and it has no digit), a bigram filter picks the
 *    few entries with a name most like it (the share of letter pairs in common), and fuse.js
 *    (`ignoreLocation: true`) scores only their names (index built once), and, when weak hits are asked
 *    for, the definitions of the best few.
 *
 * Scores, in (0, 1], mean the same thing wherever they are shown:
 * - 1: the query is a preferred name; 0.85: it starts a name; 0.72: it starts a word of a name; 0.58: it
 *   is inside a name (three characters or more). Within a tier, the field (preferred names > abbreviations
 *   > brands > synonyms, {@link FIELD_WEIGHT}), the kind of key (a name > its pinyin > its initials) and
 *   the share of the name the query covers move a hit by at most ~0.1. A hit that splits a number ("cd19"
 *   in "CD192", which is CCR2) does not count.
 * - At most 0.55: a misspelling, by fuse.js's errors per character, tempered by how many of the query's
 *   letter pairs the name keeps and how much of the name the query covers.
 * - 0.3: the query starts a word of a definition only (looked for only when weak hits are asked for).
 * - An entry of the generated tier (from ontologies) loses 0.05, so that the curated entry of the same name
 *   comes first.
 * Results below {@link SHOW_THRESHOLD} (0.35) are not shown: it lies between the weakest right answer of
 * the relevance set (test/fixtures/search-relevance.json: "macrofage" → macrophage, 0.39) and the strongest
 * answer to a term the lexicon lacks ("foobar" → benmelstobart, 0.28) or a mention in a definition (0.3,
 * the olaparib and cervical cancer that once padded "pembro"). `minScore: 0` returns them for "show weak
 * matches".
 */
import Fuse from 'fuse.js';
import type { FuseIndex, IFuseOptions } from 'fuse.js';
import type { Entry, Lexicon } from '../lexicon/lexicon';
import { IGNORABLE, foldForm, foldTables } from '../text/normalize';
import { readingOf, toSimplified, withoutOptionalHan, withoutToneMarks } from './searchReadings';

/** One ranked hit. */
export interface SearchResult {
  entry: Entry;
  /** Relevance in (0, 1], higher is better: 1 is an exact match of a preferred name. */
  score: number;
}

export interface SearchOptions {
  /** At most this many results (default 20). */
  limit?: number;
  /** Only results scoring at least this (default {@link SHOW_THRESHOLD}; 0 for every weak hit too). */
  minScore?: number;
}

/**
 * How much each field counts, in the fast path and for fuse.js hits alike: preferred names beat
 * abbreviations, brands, synonyms and Chinese variants, which beat the generated variants (plurals,
 * spellings), and everything beats definitions.
 */
export const FIELD_WEIGHT = {
  label: 1,
  abbreviation: 0.95,
  brand: 0.9,
  synonym: 0.85,
  zh: 0.85,
  variant: 0.8,
  definition: 0.5,
} as const;
type Field = keyof typeof FIELD_WEIGHT;

/** Base relevance per tier; within a tier the field weight and coverage move a hit by at most ~0.1. */
const TIER = {
  exact: 1,
  prefix: 0.85,
  wordPrefix: 0.72,
  substring: 0.58,
  /** Ceiling of a fuzzy (fuse.js) hit. */
  fuzzy: 0.55,
  definition: 0.3,
} as const;

/** Results scoring below this are not shown (the file comment says how it was calibrated). */
export const SHOW_THRESHOLD = 0.35;

/** What a hit found only by leaving out an optional Chinese character the author typed loses. */
const LOOSE_QUERY_PENALTY = 0.05;

/**
 * Trial names reuse drug names (PEMBRO-RT, CheckMate): someone typing a drug's prefix more likely wants
 * the drug, so trials lose ties.
 */
const CATEGORY_PRIOR: Partial<Record<Entry['category'], number>> = { trial: -0.02 };

/**
 * An entry of the generated tier (from the field's ontologies) loses to a curated entry of the same name
 * (the CTLA4 gene to the CTLA-4 entry, the Cell Ontology's macrophage to ours), as the matcher lets curated
 * entries win; it still ranks above a worse hit of a curated entry.
 */
const GENERATED_PRIOR = -0.05;

function prior(entry: Entry): number {
  return (CATEGORY_PRIOR[entry.category] ?? 0) + ((entry as { tier?: string }).tier === 'generated' ? GENERATED_PRIOR : 0);
}

/** A text fuse.js searches: a name of an entry (one per distinct compact key) or a definition. */
interface FuseRecord {
  text: string;
  field: Field;
  entry: number;
  /** Contains Chinese characters; a query is only compared with records of its own script. */
  han: boolean;
}

const FUSE_OPTIONS: IFuseOptions<FuseRecord> = {
  keys: ['text'],
  includeScore: true,
  // Without it fuse.js ignores matches after the first ~60 characters (definitions, long synonyms).
  ignoreLocation: true,
  // Scores by the errors per character of the query alone: with the field-length norm, a misspelt
  // three-word name ("regulatroy t cell") scored below a stray match in a one-word name ("foobar" in
  // "benmelstobart"), and no threshold could tell them apart.
  ignoreFieldNorm: true,
  threshold: 0.4,
  minMatchCharLength: 2,
};

/** fuse.js runs over the names of at most this many bigram candidates, and the definitions of the first few. */
const FUZZY_CANDIDATES = 12;
const FUZZY_DEFINITIONS = 3;
/** Stop collecting occurrences of a very common query after this many (they are all weak). */
const MAX_OCCURRENCES = 4000;

const SEP = '\n';
/** Latin letters with accents, and the combining marks they decompose into. */
const ACCENTED = /[\u00c0-\u024f]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const HAN = /\p{Script=Han}/u;

function isHan(c: number): boolean {
  return c >= 0x3400 && c <= 0x9fff;
}

/** Characters authors vary or leave out (space, hyphen, plus, period, slash, apostrophe, underscore, ·, comma). */
function isDropped(c: number): boolean {
  return c === 0x20 || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x2f || c === 0x27 || c === 0x5f || c === 0xb7 || c === 0x2c;
}

/**
 * The compact search key of a text: folded like the matcher folds (case, width, dashes, spaces; see
 * {@link foldForm}) with the separators authors vary dropped, so "PD-L1", "pd l1" and "pdl1" share "pdl1".
 * `wordStarts[i]` says whether a word starts at `key[i]` (the start, after a dropped separator, or a
 * Chinese character).
 */
export function searchKey(text: string): { key: string; wordStarts: Uint8Array } {
  const key = compactKey(text);
  return { key, wordStarts: scratchStarts.slice(0, key.length) };
}

/** Word starts of the last {@link compactKey}, reused so that building the index allocates little. */
let scratchStarts = new Uint8Array(256);

/** {@link searchKey} without allocating the word-start table: it is left in `scratchStarts`. */
function compactKey(text: string): string {
  const { fold } = foldTables();
  if (scratchStarts.length < text.length) scratchStarts = new Uint8Array(text.length * 2);
  const starts = scratchStarts;
  let key = '';
  let n = 0;
  let boundary = true;
  for (let i = 0; i < text.length; i++) {
    const c = fold[text.charCodeAt(i)];
    if (c === IGNORABLE) continue;
    if (isDropped(c)) {
      boundary = true;
      continue;
    }
    const han = isHan(c);
    starts[n++] = boundary || han ? 1 : 0;
    key += String.fromCharCode(c);
    boundary = han;
  }
  return key;
}

/**
 * Folds a definition for substring search: lower case only (curated definitions use plain spaces and
 * hyphens), far cheaper than {@link foldForm} on long texts.
 */
function foldDefinition(text: string): string {
  return text.toLowerCase();
}

/**
 * What a key of the names haystack is: a name as written (compacted), that name without its optional Chinese
 * characters (性/状/的), its pinyin, or its initials (首字母).
 */
const enum KeyKind {
  Name,
  Loose,
  Pinyin,
  Initials,
}

/** How much a key counts relative to the name it comes from: typing the name itself beats typing its pinyin. */
const KIND_WEIGHT: Record<KeyKind, number> = { [KeyKind.Name]: 1, [KeyKind.Loose]: 0.97, [KeyKind.Pinyin]: 0.95, [KeyKind.Initials]: 0.92 };

interface Slot {
  entry: number;
  weight: number;
  length: number;
  kind: KeyKind;
}

/** Concatenated keys with a parallel table, so one `indexOf` loop finds every hit. */
class Haystack {
  private readonly parts: string[] = [SEP];
  private length = 1;
  private readonly starts: number[] = [];
  readonly slots: Slot[] = [];
  /** Word starts by position; empty for a haystack whose words start after any non-word character. */
  private wordStart = new Uint8Array(0);
  text = '';

  constructor(private readonly tracksWordStarts: boolean) {
    if (tracksWordStarts) this.wordStart = new Uint8Array(4096);
  }

  /** Appends a key; `wordStarts` (when tracked) holds at least `key.length` flags. */
  add(key: string, wordStarts: Uint8Array | undefined, slot: Slot): void {
    this.starts.push(this.length);
    this.slots.push(slot);
    this.parts.push(key, SEP);
    if (this.tracksWordStarts && wordStarts) {
      if (this.wordStart.length < this.length + key.length + 1) {
        const grown = new Uint8Array((this.length + key.length + 1) * 2);
        grown.set(this.wordStart);
        this.wordStart = grown;
      }
      this.wordStart.set(wordStarts.subarray(0, key.length), this.length);
    }
    this.length += key.length + 1;
  }

  seal(): void {
    this.text = this.parts.join('');
    this.parts.length = 0;
  }

  /** Index of the slot containing position `pos`. */
  slotAt(pos: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  startOf(slot: number): number {
    return this.starts[slot];
  }

  isWordStart(pos: number): boolean {
    if (this.tracksWordStarts) return this.wordStart[pos] === 1;
    const c = this.text.charCodeAt(pos);
    return isHan(c) || !isWordChar(this.text.charCodeAt(pos - 1));
  }
}

/**
 * The search index of one lexicon. Cheap to construct: the haystacks, the bigram table and the fuse.js
 * index are built on the first query (or by {@link SearchIndex.build}).
 */
export class SearchIndex {
  private built = false;
  private readonly names = new Haystack(true);
  private readonly definitions = new Haystack(false);
  /**
   * Bigram (two UTF-16 code units) of the compact names to the names having it, ascending. By name, not by
   * entry: an entry with many long synonyms (the Cell Ontology's) would otherwise have every pair of a
   * misspelt word without having the word.
   */
  private readonly bigrams = new Map<number, Int32Array>();
  /** The entry, the length and the number of distinct bigrams of each compact name the bigram table knows. */
  private nameEntry: number[] = [];
  private nameLength: number[] = [];
  private namePairs: number[] = [];
  /** The names of every entry, for fuse.js; definitions join per query (see {@link fuzzyHits}). */
  private readonly records: FuseRecord[] = [];
  /** Records of entry i are records[recordStart[i]] .. records[recordStart[i + 1] - 1]. */
  private recordStart = new Int32Array(1);
  private fuse: Fuse<FuseRecord> | undefined;
  private fuseIndex: FuseIndex<FuseRecord> | undefined;
  /** Per-name scratch counters for the bigram filter. */
  private counts = new Uint16Array(0);

  constructor(readonly lexicon: Lexicon) {}

  /** Builds the index now (otherwise the first query does). Returns the time it took in milliseconds. */
  build(): number {
    const t0 = performance.now();
    if (!this.built) this.buildNow();
    return performance.now() - t0;
  }

  private buildNow(): void {
    const entries = this.lexicon.entries;
    const bigramLists = new Map<number, number[]>();
    this.recordStart = new Int32Array(entries.length + 1);
    entries.forEach((e, i) => {
      this.recordStart[i] = this.records.length;
      // One slot per distinct key. Fields come best first, so a key keeps the weight of its best field.
      const seenTexts = new Set<string>();
      const seenKeys = new Set<string>();
      const add = (text: string, field: Field) => {
        if (seenTexts.has(text)) return;
        seenTexts.add(text);
        const key = compactKey(text);
        if (key === '' || seenKeys.has(key)) return;
        seenKeys.add(key);
        this.names.add(key, scratchStarts, { entry: i, weight: FIELD_WEIGHT[field], length: key.length, kind: KeyKind.Name });
        if (field !== 'variant') this.addAlternativeKeys(text, key, FIELD_WEIGHT[field], i, seenKeys);
        // Generated variants differ from their source by separators only: fuse.js scores the source.
        if (field !== 'variant') this.records.push({ text, field, entry: i, han: HAN.test(text) });
        const name = this.nameEntry.length;
        this.nameEntry.push(i);
        this.nameLength.push(key.length);
        const nameBigrams = new Set<number>();
        for (let k = 0; k + 1 < key.length; k++) nameBigrams.add(key.charCodeAt(k) * 0x10000 + key.charCodeAt(k + 1));
        this.namePairs.push(nameBigrams.size);
        for (const bg of nameBigrams) {
          const list = bigramLists.get(bg);
          if (list) list.push(name);
          else bigramLists.set(bg, [name]);
        }
      };
      add(e.label.en, 'label');
      add(e.label.zh, 'label');
      for (const a of e.abbreviations) add(a, 'abbreviation');
      for (const b of e.brands) add(b, 'brand');
      for (const s of e.synonyms) add(s, 'synonym');
      for (const z of e.zh) add(z, 'zh');
      for (const f of e.forms) add(f.text, 'variant');
      for (const def of [e.definition.en, e.definition.zh]) {
        const folded = foldDefinition(def);
        this.definitions.add(folded, undefined, { entry: i, weight: FIELD_WEIGHT.definition, length: folded.length, kind: KeyKind.Name });
      }
    });
    this.recordStart[entries.length] = this.records.length;
    this.names.seal();
    this.definitions.seal();
    for (const [bg, list] of bigramLists) this.bigrams.set(bg, Int32Array.from(list));
    this.counts = new Uint16Array(this.nameEntry.length);
    this.fuseIndex = Fuse.createIndex(FUSE_OPTIONS.keys!, this.records);
    this.fuse = new Fuse(this.records, FUSE_OPTIONS, this.fuseIndex);
    this.built = true;
  }

  /**
   * The keys a name adds besides itself: without its accents (Calmette-Guérin is found by "guerin"); for a
   * Chinese name, without its optional characters (调节 T 细胞 finds 调节性 T 细胞), its pinyin (syllable
   * starts are word starts, so "xibao" finds 细胞 inside a longer name) and its initials.
   */
  private addAlternativeKeys(text: string, key: string, weight: number, entry: number, seenKeys: Set<string>): void {
    const addKey = (k: string, kind: KeyKind) => {
      if (k === '' || seenKeys.has(k)) return;
      seenKeys.add(k);
      this.names.add(k, scratchStarts, { entry, weight: weight * KIND_WEIGHT[kind], length: k.length, kind });
    };
    if (!HAN.test(text)) {
      if (ACCENTED.test(text)) addKey(compactKey(text.normalize('NFD').replace(COMBINING_MARKS, '')), KeyKind.Loose);
      return;
    }
    const loose = withoutOptionalHan(key);
    if (loose !== key) addKey(compactKey(loose), KeyKind.Loose);
    const reading = readingOf(text);
    if (!reading) return;
    addKey(compactKey(reading.pinyin), KeyKind.Pinyin);
    addKey(compactKey(reading.initials), KeyKind.Initials);
  }

  /**
   * Ranks the entries for a query, best first: those scoring at least `minScore` (default
   * {@link SHOW_THRESHOLD}). An empty query gives no results.
   */
  search(query: string, options: SearchOptions = {}): SearchResult[] {
    const limit = options.limit ?? 20;
    const minScore = options.minScore ?? SHOW_THRESHOLD;
    if (!this.built) this.buildNow();
    const simplified = toSimplified(query);
    const { key: q } = searchKey(simplified);
    if (q === '' || limit <= 0) return [];
    const entries = this.lexicon.entries;
    const best = new Map<number, number>();
    const hit = (entry: number, score: number) => {
      const prev = best.get(entry);
      if (prev === undefined || score > prev) best.set(entry, score);
    };
    const folded = foldForm(simplified, false);
    // What was typed, and the forms an author means by it: pinyin without its tone marks (pà bó lì), Chinese
    // without an optional 性/状/的 (names have their loose key too, so either side may have left one out).
    const forms = [simplified];
    const toneless = withoutToneMarks(simplified);
    if (toneless !== simplified) forms.push(toneless);
    if (HAN.test(simplified)) {
      const loose = withoutOptionalHan(simplified);
      if (loose !== simplified) forms.push(loose);
    }
    for (const form of forms) {
      const formKey = form === simplified ? q : searchKey(form).key;
      if (formKey === '') continue;
      // Leaving out a 性 the author typed is a guess: it must not outrank what was typed ("调节性" is treg,
      // not every name with 调节).
      const penalty = form === forms[0] || form === toneless ? 0 : LOOSE_QUERY_PENALTY;
      const formHit = penalty === 0 ? hit : (entry: number, score: number) => hit(entry, score - penalty);
      this.nameHits(formKey, formHit);
    }
    // Words in another order or with some left out, unless what was typed starts a name as it stands
    // ("pa bo li zhu dan kang", "stereotactic body"): the names that merely contain each word would pad it.
    let startsName = false;
    for (const s of best.values()) if (s >= TIER.prefix - 0.1) startsName = true;
    if (!startsName) {
      for (const form of forms) {
        const tokens = foldForm(form, false)
          .split(/[\s\-+./,_'·]+/)
          .filter((t) => t !== '');
        const penalty = form === forms[0] || form === toneless ? 0 : LOOSE_QUERY_PENALTY;
        if (tokens.length > 1) this.allTokenHits(tokens, (entry, score) => hit(entry, score - penalty));
      }
    }
    let confident = false;
    for (const s of best.values()) if (s >= TIER.wordPrefix - 0.1) confident = true;
    // Definitions only give weak hits: looked for when weak hits are asked for ("show weak matches").
    const weak = minScore <= TIER.definition;
    if (weak) this.definitionHits(folded, hit);
    // Misspellings: only when no name starts with what was typed ("dendritc", "nivolimab"). Bitap (fuse.js)
    // handles patterns up to 32 characters at a time; longer queries are sentences, not names. A query with
    // a digit is an identifier: CD19 is not a misspelt CD192 (CCR2).
    if (!confident && q.length >= 3 && q.length <= 32 && !/[0-9]/.test(q)) this.fuzzyHits(folded, q, hit, weak);
    const ranked: SearchResult[] = [];
    for (const [i, raw] of best) {
      const score = raw + prior(entries[i]);
      if (score >= minScore) ranked.push({ entry: entries[i], score });
    }
    ranked.sort((a, b) => b.score - a.score || a.entry.label.en.length - b.entry.label.en.length || a.entry.id.localeCompare(b.entry.id));
    return ranked.slice(0, limit).map((r) => ({ entry: r.entry, score: Math.max(0.001, Math.round(r.score * 1000) / 1000) }));
  }

  /** Exact, prefix, word-prefix and substring hits of the whole compact query on names. */
  private nameHits(q: string, hit: (entry: number, score: number) => void): void {
    const h = this.names;
    const han = HAN.test(q);
    // One or two Latin characters only find names or words that start with them: anything else is noise.
    const anywhere = han || q.length >= 3;
    let found = 0;
    for (let pos = h.text.indexOf(q); pos >= 0 && found < MAX_OCCURRENCES; pos = h.text.indexOf(q, pos + 1)) {
      found++;
      const slotIndex = h.slotAt(pos);
      const slot = h.slots[slotIndex];
      const offset = pos - h.startOf(slotIndex);
      if (splitsNumber(h.text, pos, q.length)) continue;
      const cover = q.length / slot.length;
      const penalty = (1 - slot.weight) * 0.1 + 0.06 * (1 - cover);
      const exact = offset === 0 && q.length === slot.length;
      // Initials are short and shared: only a whole or leading run of them (pbl → pblzdk) means the name.
      if (slot.kind === KeyKind.Initials && !(exact || (offset === 0 && q.length >= 2))) continue;
      let score: number;
      if (exact) score = TIER.exact - (1 - slot.weight) * 0.1;
      // Chinese has no word boundaries to go by: how much of the name the query covers decides.
      else if (offset === 0 || (han && slot.kind !== KeyKind.Pinyin)) score = TIER.prefix - penalty;
      else if (h.isWordStart(pos)) score = TIER.wordPrefix - penalty;
      // Inside a pinyin syllable ("ang" in "kang") is noise.
      else if (anywhere && slot.kind !== KeyKind.Pinyin) score = TIER.substring - penalty;
      else continue;
      hit(slot.entry, score);
    }
  }

  /** Multi-word queries in another order or with words left out ("cell regulatory", "cd8 t"). */
  private allTokenHits(tokens: string[], hit: (entry: number, score: number) => void): void {
    const h = this.names;
    // The longest word first: it occurs least, and the others are only looked for in the names it is in
    // (a short word such as "t" or "xi" occurs thousands of times in the whole haystack).
    const keys = tokens
      .map((t) => searchKey(t).key)
      .filter((t) => t !== '')
      .slice(0, 16)
      .sort((a, b) => b.length - a.length);
    const atWordStart = (pos: number, t: string) => h.isWordStart(pos) && !splitsNumber(h.text, pos, t.length);
    let slots: number[] = [];
    let n = 0;
    for (let pos = h.text.indexOf(keys[0]); pos >= 0 && n < MAX_OCCURRENCES; pos = h.text.indexOf(keys[0], pos + 1)) {
      n++;
      if (!atWordStart(pos, keys[0])) continue;
      const s = h.slotAt(pos);
      if (h.slots[s].kind !== KeyKind.Initials && slots[slots.length - 1] !== s) slots.push(s);
    }
    for (let k = 1; k < keys.length && slots.length > 0; k++) {
      const t = keys[k];
      slots = slots.filter((s) => {
        const start = h.startOf(s);
        const name = h.text.substring(start, start + h.slots[s].length);
        for (let i = name.indexOf(t); i >= 0; i = name.indexOf(t, i + 1)) if (atWordStart(start + i, t)) return true;
        return false;
      });
    }
    const qLen = keys.reduce((sum, t) => sum + t.length, 0);
    for (const s of slots) {
      const slot = h.slots[s];
      hit(slot.entry, TIER.wordPrefix - 0.04 - (1 - slot.weight) * 0.1 - 0.06 * (1 - Math.min(1, qLen / slot.length)));
    }
  }

  /** The query at a word start in a definition (anywhere, for Chinese): a weak hit. */
  private definitionHits(folded: string, hit: (entry: number, score: number) => void): void {
    const text = folded.trim();
    if (HAN.test(text) ? text.length < 2 : text.length < 3) return;
    const h = this.definitions;
    let n = 0;
    for (let pos = h.text.indexOf(text); pos >= 0 && n < MAX_OCCURRENCES; pos = h.text.indexOf(text, pos + 1)) {
      n++;
      if (h.isWordStart(pos)) hit(h.slots[h.slotAt(pos)].entry, TIER.definition);
    }
  }

  /** fuse.js over the names of the entries sharing the most bigrams with the query, for misspellings. */
  private fuzzyHits(folded: string, q: string, hit: (entry: number, score: number) => void, withDefinitions: boolean): void {
    const qb = new Set<number>();
    for (let k = 0; k + 1 < q.length; k++) qb.add(q.charCodeAt(k) * 0x10000 + q.charCodeAt(k + 1));
    const counts = this.counts;
    const touched: number[] = [];
    for (const bg of qb) {
      const list = this.bigrams.get(bg);
      if (!list) continue;
      for (let k = 0; k < list.length; k++) {
        const n = list[k];
        if (counts[n] === 0) touched.push(n);
        counts[n]++;
      }
    }
    // A misspelling keeps most letter pairs: "dendritc" keeps 6 of its 7 in "dendritic".
    const need = Math.max(2, Math.ceil(qb.size * 0.5));
    const names = touched.filter((n) => counts[n] >= need);
    // The names most like the query come first: by the share of the pairs of both that they have in common
    // (Jaccard), so that a long name holding every pair of a misspelt word scattered over other words
    // ("lymphocite" in "Hodgkin's lymphocytic depletion of unspecified site") does not beat "lymphocyte";
    // among equals, the names about as long as the query.
    const like = new Map<number, number>();
    for (const n of names) like.set(n, counts[n] / (qb.size + this.namePairs[n] - counts[n]));
    const gap = (n: number) => Math.abs(this.nameLength[n] - q.length);
    names.sort((a, b) => like.get(b)! - like.get(a)! || gap(a) - gap(b) || a - b);
    for (const n of touched) counts[n] = 0;
    const chosen: number[] = [];
    for (const n of names) {
      const e = this.nameEntry[n];
      if (!chosen.includes(e)) chosen.push(e);
      if (chosen.length === FUZZY_CANDIDATES) break;
    }
    if (chosen.length === 0) return;
    const han = HAN.test(q);
    const full = this.fuseIndex!;
    const records: typeof full.records = [];
    for (const e of chosen) {
      for (let r = this.recordStart[e]; r < this.recordStart[e + 1]; r++) if (this.records[r].han === han) records.push(full.records[r]);
    }
    const pattern = folded.trim();
    // The names index is built once; a query only swaps in the records of its candidates.
    this.fuse!.setCollection(this.records, Fuse.parseIndex<FuseRecord>({ keys: full.keys, records }));
    const results = this.fuse!.search(pattern);
    // Definitions are long (about 100 µs each for fuse.js), so only the best candidates' are searched.
    const definitions = chosen.slice(0, withDefinitions ? FUZZY_DEFINITIONS : 0).map((entry): FuseRecord => {
      const d = this.lexicon.entries[entry].definition;
      return { text: han ? d.zh : d.en, field: 'definition', entry, han };
    });
    if (definitions.length > 0) results.push(...new Fuse(definitions, FUSE_OPTIONS).search(pattern));
    for (const r of results) {
      // How many of the query's letter pairs the matched name has tempers fuse.js's score: a misspelling
      // keeps most ("lymphocite" 6 of 9 of "lymphocyte"), a chance likeness few ("foobar" 3 of 5 of
      // "benmelstobart"). Among equally good matches, the name about as long as the query comes first
      // ("neoantigin": neoantigen before neoantigen vaccine).
      const text = r.item.field === 'definition' ? r.item.text : compactKey(r.item.text);
      let shared = 0;
      for (const bg of qb) if (text.includes(String.fromCharCode(bg >>> 16, bg & 0xffff))) shared++;
      const cover = Math.min(1, q.length / Math.max(1, text.length));
      const score = TIER.fuzzy * (1 - (r.score ?? 1)) * FIELD_WEIGHT[r.item.field] * (0.7 + (0.3 * shared) / qb.size) - 0.08 * (1 - cover);
      hit(r.item.entry, score);
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Whether the text at `pos` (`length` long) starts or ends inside a number of the name: "cd19" in "cd192" is
 * another molecule (CCR2's CD192), "il2" in "il21" another cytokine.
 */
function splitsNumber(text: string, pos: number, length: number): boolean {
  return (isDigit(text.charCodeAt(pos + length - 1)) && isDigit(text.charCodeAt(pos + length))) || (isDigit(text.charCodeAt(pos)) && isDigit(text.charCodeAt(pos - 1)));
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x3ff);
}

const indexes = new WeakMap<Lexicon, SearchIndex>();

/**
 * The search index of a lexicon, created on first use and kept as long as the lexicon object lives: a
 * replaced lexicon (a new object) gets a new index.
 */
export function searchIndexFor(lexicon: Lexicon): SearchIndex {
  let index = indexes.get(lexicon);
  if (!index) {
    index = new SearchIndex(lexicon);
    indexes.set(lexicon, index);
  }
  return index;
}

/** Ranks the entries of a lexicon for a query, best first (see {@link SearchIndex.search}). */
export function searchLexicon(lexicon: Lexicon, query: string, options?: SearchOptions): SearchResult[] {
  return searchIndexFor(lexicon).search(query, options);
}
