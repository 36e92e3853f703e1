/**
 * Fuzzy search over the lexicon: the QuickPick of the extension and `oncolex search` share it.
 *
 * Plain fuse.js over every form of every entry is too slow for a keystroke (about 7-15 ms over 2,000
 * entries) and noisy for multi-word queries, so a query goes through two stages:
 * 1. A fast path over the folded, "compacted" forms (case, width, dashes, spaces and `+` removed, so that
 *    "pdl1", "pd 1" and "PD-L1" meet): exact, prefix, word-prefix and substring hits found with `indexOf` in
 *    one concatenated string, plus word-prefix hits in the definitions. Chinese needs no word boundaries,
 *    so a Chinese query is a substring search.
 * 2. For misspellings (when no name starts with the query), a bigram filter picks the few entries that
 *    share most letter pairs with it, and fuse.js (`ignoreLocation: true`) scores only their names (index
 *    built once) and the definitions of the best few; each hit is weighted by its field
 *    ({@link FIELD_WEIGHT}), so names beat definitions.
 * A hit's relevance depends on its tier first (exact > prefix > word prefix > substring > fuzzy >
 * definition), then on the field (preferred names > abbreviations > brands > synonyms) and the share of
 * the form the query covers.
 */
import Fuse from 'fuse.js';
import type { FuseIndex, IFuseOptions } from 'fuse.js';
import type { Entry, Lexicon } from './lexicon';
import { IGNORABLE, foldForm, foldTables } from './normalize';

/** One ranked hit. */
export interface SearchResult {
  entry: Entry;
  /** Relevance in (0, 1], higher is better: 1 is an exact match of a preferred name. */
  score: number;
}

export interface SearchOptions {
  /** At most this many results (default 20). */
  limit?: number;
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

/**
 * Trial names reuse drug names (PEMBRO-RT, CheckMate): someone typing a drug's prefix more likely wants
 * the drug, so trials lose ties.
 */
const CATEGORY_PRIOR: Partial<Record<Entry['category'], number>> = { trial: -0.02 };

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
  threshold: 0.4,
  minMatchCharLength: 2,
};

/** fuse.js runs over the names of at most this many bigram candidates, and the definitions of the first few. */
const FUZZY_CANDIDATES = 12;
const FUZZY_DEFINITIONS = 3;
/** Stop collecting occurrences of a very common query after this many (they are all weak). */
const MAX_OCCURRENCES = 4000;

const SEP = '\n';
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

interface Slot {
  entry: number;
  weight: number;
  length: number;
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
  /** Bigram (two UTF-16 code units) of the compact names to the distinct entries having it, ascending. */
  private readonly bigrams = new Map<number, Int32Array>();
  /** The names of every entry, for fuse.js; definitions join per query (see {@link fuzzyHits}). */
  private readonly records: FuseRecord[] = [];
  /** Records of entry i are records[recordStart[i]] .. records[recordStart[i + 1] - 1]. */
  private recordStart = new Int32Array(1);
  private fuse: Fuse<FuseRecord> | undefined;
  private fuseIndex: FuseIndex<FuseRecord> | undefined;
  /** Per-entry scratch counters for the bigram filter. */
  private counts = new Uint16Array(0);
  /** The lengths of the distinct compact names of each entry, to prefer names about as long as the query. */
  private keyLengths: number[][] = [];

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
      const entryBigrams = new Set<number>();
      const lengths: number[] = [];
      this.keyLengths.push(lengths);
      const add = (text: string, field: Field) => {
        if (seenTexts.has(text)) return;
        seenTexts.add(text);
        const key = compactKey(text);
        if (key === '' || seenKeys.has(key)) return;
        seenKeys.add(key);
        lengths.push(key.length);
        this.names.add(key, scratchStarts, { entry: i, weight: FIELD_WEIGHT[field], length: key.length });
        // Generated variants differ from their source by separators only: fuse.js scores the source.
        if (field !== 'variant') this.records.push({ text, field, entry: i, han: HAN.test(text) });
        for (let k = 0; k + 1 < key.length; k++) entryBigrams.add(key.charCodeAt(k) * 0x10000 + key.charCodeAt(k + 1));
      };
      add(e.label.en, 'label');
      add(e.label.zh, 'label');
      for (const a of e.abbreviations) add(a, 'abbreviation');
      for (const b of e.brands) add(b, 'brand');
      for (const s of e.synonyms) add(s, 'synonym');
      for (const z of e.zh) add(z, 'zh');
      for (const f of e.forms) add(f.text, 'variant');
      for (const bg of entryBigrams) {
        const list = bigramLists.get(bg);
        if (list) list.push(i);
        else bigramLists.set(bg, [i]);
      }
      for (const def of [e.definition.en, e.definition.zh]) {
        const folded = foldDefinition(def);
        this.definitions.add(folded, undefined, { entry: i, weight: FIELD_WEIGHT.definition, length: folded.length });
      }
    });
    this.recordStart[entries.length] = this.records.length;
    this.names.seal();
    this.definitions.seal();
    for (const [bg, list] of bigramLists) this.bigrams.set(bg, Int32Array.from(list));
    this.counts = new Uint16Array(entries.length);
    this.fuseIndex = Fuse.createIndex(FUSE_OPTIONS.keys!, this.records);
    this.fuse = new Fuse(this.records, FUSE_OPTIONS, this.fuseIndex);
    this.built = true;
  }

  /** Ranks the entries for a query, best first. An empty query gives no results. */
  search(query: string, options: SearchOptions = {}): SearchResult[] {
    const limit = options.limit ?? 20;
    if (!this.built) this.buildNow();
    const { key: q } = searchKey(query);
    if (q === '' || limit <= 0) return [];
    const entries = this.lexicon.entries;
    const best = new Map<number, number>();
    const hit = (entry: number, score: number) => {
      const prev = best.get(entry);
      if (prev === undefined || score > prev) best.set(entry, score);
    };
    const folded = foldForm(query, false);
    this.nameHits(q, hit);
    const tokens = folded
      .split(/[\s\-+./,_'·]+/)
      .filter((t) => t !== '');
    if (tokens.length > 1) this.allTokenHits(tokens, hit);
    let confident = false;
    for (const s of best.values()) if (s >= TIER.wordPrefix - 0.1) confident = true;
    this.definitionHits(folded, hit);
    // Misspellings: only when no name starts with what was typed ("dendritc", "nivolimab"). Bitap (fuse.js)
    // handles patterns up to 32 characters at a time; longer queries are sentences, not names.
    if (!confident && q.length >= 3 && q.length <= 32) this.fuzzyHits(folded, q, hit);
    const ranked: SearchResult[] = [];
    // The generated tier (ontology entries) ranks after a curated entry of about the same score.
    for (const [i, score] of best) ranked.push({ entry: entries[i], score: score + (CATEGORY_PRIOR[entries[i].category] ?? 0) - (entries[i].tier === 'generated' ? 0.05 : 0) });
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
      const cover = q.length / slot.length;
      const penalty = (1 - slot.weight) * 0.1 + 0.06 * (1 - cover);
      let score: number;
      if (offset === 0 && q.length === slot.length) score = TIER.exact - (1 - slot.weight) * 0.1;
      // Chinese has no word boundaries to go by: how much of the name the query covers decides.
      else if (offset === 0 || han) score = TIER.prefix - penalty;
      else if (h.isWordStart(pos)) score = TIER.wordPrefix - penalty;
      else if (anywhere) score = TIER.substring - penalty;
      else continue;
      hit(slot.entry, score);
    }
  }

  /** Multi-word queries in another order or with words left out ("cell regulatory", "cd8 t"). */
  private allTokenHits(tokens: string[], hit: (entry: number, score: number) => void): void {
    const h = this.names;
    const keys = tokens.map((t) => searchKey(t).key).filter((t) => t !== '').slice(0, 16);
    // slot -> bit set of the tokens found at a word start in it
    const found = new Map<number, number>();
    keys.forEach((t, ti) => {
      let n = 0;
      for (let pos = h.text.indexOf(t); pos >= 0 && n < MAX_OCCURRENCES; pos = h.text.indexOf(t, pos + 1)) {
        n++;
        if (!h.isWordStart(pos)) continue;
        const s = h.slotAt(pos);
        found.set(s, (found.get(s) ?? 0) | (1 << ti));
      }
    });
    const all = (1 << keys.length) - 1;
    const qLen = keys.reduce((n, t) => n + t.length, 0);
    for (const [s, mask] of found) {
      if (mask !== all) continue;
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
  private fuzzyHits(folded: string, q: string, hit: (entry: number, score: number) => void): void {
    const qb = new Set<number>();
    for (let k = 0; k + 1 < q.length; k++) qb.add(q.charCodeAt(k) * 0x10000 + q.charCodeAt(k + 1));
    const counts = this.counts;
    const touched: number[] = [];
    for (const bg of qb) {
      const list = this.bigrams.get(bg);
      if (!list) continue;
      for (let k = 0; k < list.length; k++) {
        const e = list[k];
        if (counts[e] === 0) touched.push(e);
        counts[e]++;
      }
    }
    // A misspelling keeps most letter pairs: "dendritc" keeps 6 of its 7 in "dendritic".
    const need = Math.max(2, Math.ceil(qb.size * 0.5));
    const candidates = touched.filter((e) => counts[e] >= need);
    // Many entries can share every pair of a misspelt word ("radiotheraphy" is in each "… radiotherapy"):
    // among equals, the entries with a name about as long as the query come first.
    const gap = new Map<number, number>();
    for (const e of candidates) gap.set(e, Math.min(...this.keyLengths[e].map((n) => Math.abs(n - q.length))));
    // The generated tier's many ontology names are candidates after the curated entries' (so they never crowd
    // a curated entry out of the FUZZY_CANDIDATES).
    const generated = (e: number) => (this.lexicon.entries[e].tier === 'generated' ? 1 : 0);
    candidates.sort((a, b) => generated(a) - generated(b) || counts[b] - counts[a] || gap.get(a)! - gap.get(b)! || a - b);
    for (const e of touched) counts[e] = 0;
    if (candidates.length === 0) return;
    const chosen = candidates.slice(0, FUZZY_CANDIDATES);
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
    const definitions = chosen.slice(0, FUZZY_DEFINITIONS).map((entry): FuseRecord => {
      const d = this.lexicon.entries[entry].definition;
      return { text: han ? d.zh : d.en, field: 'definition', entry, han };
    });
    results.push(...new Fuse(definitions, FUSE_OPTIONS).search(pattern));
    for (const r of results) hit(r.item.entry, TIER.fuzzy * (1 - (r.score ?? 1)) * FIELD_WEIGHT[r.item.field]);
  }
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
