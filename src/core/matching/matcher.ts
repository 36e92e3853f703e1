/**
 * The term matcher: a compact trie over folded forms, walked only from positions where a term can start:
 * the start of a word that is the first word of some form (words are hashed while they are scanned), or any
 * position for forms that begin with a CJK character or a symbol. Because every match starts at such a
 * position and the longest one is taken before moving past it, the result is the leftmost-longest,
 * non-overlapping set of mentions without failure links.
 *
 * Its tables are built from the lexicon (src/core/matching/matcherTables.ts), or come built with it (the built-in
 * lexicon's are built with the extension); the scanning runs in a WebAssembly kernel (assembly/kernel.ts),
 * which gets a copy of the tables and of each text. See the benchmark
 * (`npm run bench`) for its speed against a plain character scan.
 */
import {
  HEADER_AT, HEADER_SLOTS, MENTION_WORDS, NAME_SLOT_WORDS, NAME_SLOTS_MAX, RESULT_AT, SKIP_WORDS, SLOT_CHAIN, SLOT_CLS_MD, SLOT_CLS_PLAIN,
  SLOT_CLS_TEX, SLOT_COUNT, SLOT_CS_POOL, SLOT_DENSE, SLOT_EDGES, SLOT_FOLD, SLOT_FOLD_CS, SLOT_FOLD_TEX, SLOT_NAME_MASK, SLOT_NAME_POOL,
  SLOT_NAME_SLOTS, SLOT_NODES, SLOT_OUT, SLOT_OUT_CAP, SLOT_OUT_LIST, SLOT_PAT_CS, SLOT_PAT_FLAGS, SLOT_ROOT, SLOT_SKIPS, SLOT_SKIPS_CAP,
  SLOT_WORD_BITS, SLOT_WORD_MASK, SLOT_WORD_POOL, SLOT_WORD_SLOTS, TABLES_AT,
} from '../../../assembly/contract';
import type { Category, Entry, Lexicon, MatchEntry } from '../lexicon/lexicon';
import type { MatcherTables } from './matcherTables';
import type { TablesHome } from './matcherTables';
import { attachedTables, buildTables, freeSlot, kernelHash, takeTablesHome } from './matcherTables';
import { foldMathAlphanumerics, foldTables, widenToPairs } from '../text/normalize';
import type { DocLanguage, Regions } from '../text/regions';
import type { Kernel } from './kernel';
import { newKernel } from './kernel';
import { frontMatterProse, latexNameKinds } from '../text/regions';
import { MarkerRules } from './spans';

/** One mention of a lexicon entry in a text (UTF-16 offsets, half-open). */
export interface Mention {
  start: number;
  end: number;
  id: string;
  category: Category;
}

/** Mentions are made by a constructor: a few milliseconds cheaper per 100,000 than object literals. */
class FoundMention implements Mention {
  constructor(
    public start: number,
    public end: number,
    public id: string,
    public category: Category,
  ) {}
}

/**
 * A matcher for one lexicon. Making one copies its tables into a new WebAssembly instance (a few milliseconds
 * from built tables, some tens to build them): reuse it.
 */
export class Matcher {
  /** The entries as matching and the document's annotation read them: the lexicon's `matching` where it has them, else its entries. */
  readonly matching: readonly MatchEntry[];
  private readonly lexicon: Lexicon | readonly Entry[];
  private readonly patEntry: Int32Array;
  private readonly entryIds: string[];
  private readonly entryCategories: Category[];
  /** Markers composed with the cells they mark (spans.ts). */
  private readonly markers: MarkerRules;
  /** Number of distinct folded forms. */
  readonly formCount: number;
  /** The tables came built with the lexicon (see attachTables in matcherTables.ts), rather than built here. */
  readonly prebuilt: boolean;
  /** The WebAssembly kernel holding a copy of the tables, and where its output and text areas are. */
  private readonly kernel: Kernel;
  private outAt = 0;
  private skipsAt = 0;
  private textAt = 0;

  /**
   * A matcher for the lexicon's entries: with the tables built with them where there are (the built-in
   * lexicon's), else with tables built now, which costs some tens of milliseconds for the built-in lexicon.
   */
  constructor(lexicon: Lexicon | readonly Entry[]) {
    this.lexicon = lexicon;
    this.matching = Array.isArray(lexicon) ? lexicon : ((lexicon as Lexicon).matching ?? (lexicon as Lexicon).entries);
    const given = attachedTables(this.matching);
    const tables = given ?? buildTables(this.matching);
    this.prebuilt = given !== undefined;
    // The first matcher of built tables takes the kernel that checked them, with their copy in its memory.
    const home = given && takeTablesHome(given);
    this.kernel = home?.kernel ?? newKernel();
    this.formCount = tables.formCount;
    this.patEntry = tables.patEntry;
    this.entryIds = this.matching.map((e) => e.id);
    this.entryCategories = this.matching.map((e) => e.category);
    this.markers = new MarkerRules(this.matching);
    this.layoutKernel(tables, home);
  }

  /** The lexicon's entries, whole (the built-in lexicon's are read on first use: see Lexicon.matching). */
  get entries(): readonly Entry[] {
    return Array.isArray(this.lexicon) ? (this.lexicon as readonly Entry[]) : (this.lexicon as Lexicon).entries;
  }

  /**
   * Finds all mentions in `text` for a document language: skips its code, math, comments and other
   * regions. `from`/`to` restrict the scan (region rules then apply to that slice only).
   */
  annotate(text: string, language: DocLanguage, from = 0, to = text.length, frontMatter = from === 0): Mention[] {
    return this.run(text, language, from, to, frontMatter, false).mentions;
  }

  /**
   * Like {@link annotate}, and also returns the skipped regions. The document is read once, in the kernel:
   * its region scan skips the constructs and reads words and walks the trie in the plain text between them.
   */
  annotateWithRegions(text: string, language: DocLanguage, from = 0, to = text.length, frontMatter = from === 0): { mentions: Mention[]; regions: Regions } {
    return this.run(text, language, from, to, frontMatter, true);
  }

  private run(text: string, language: DocLanguage, from: number, to: number, frontMatter: boolean, withRegions: boolean): { mentions: Mention[]; regions: Regions } {
    const r = this.scan(text, language, from, to, frontMatter, withRegions || (language === 'markdown' && frontMatter && from === 0));
    return language === 'markdown' && frontMatter && from === 0 ? this.withFrontMatterProse(text, to, r, withRegions) : r;
  }

  /**
   * The scan of a Markdown text whose front matter the kernel skipped whole, with the prose values of that
   * front matter (title, abstract, keywords… see frontMatterProse) scanned as Markdown and their mentions put
   * in: the front matter's one skipped range becomes the ranges around those values.
   */
  private withFrontMatterProse(text: string, to: number, r: { mentions: Mention[]; regions: Regions }, withRegions: boolean): { mentions: Mention[]; regions: Regions } {
    const skips = r.regions.skips;
    const isFrontMatter = skips.length >= 2 && skips[0] === 0 && text.startsWith('---');
    const prose = isFrontMatter ? frontMatterProse(text, skips[1]) : [];
    if (prose.length === 0) return withRegions ? r : { mentions: r.mentions, regions: { skips: [] } };
    const mentions: Mention[] = [];
    const around: number[] = [];
    let at = 0;
    for (const [a, b] of prose) {
      if (a > at) around.push(at, a);
      // The text is in the kernel's memory already (the scan above loaded it).
      const p = this.scan(text, 'markdown', a, Math.min(b, to), false, withRegions, true);
      mentions.push(...p.mentions);
      around.push(...p.regions.skips);
      at = b;
    }
    if (skips[1] > at) around.push(at, skips[1]);
    return { mentions: [...mentions, ...r.mentions], regions: { skips: withRegions ? [...around, ...skips.slice(2)] : [] } };
  }

  private scan(text: string, language: DocLanguage, from: number, to: number, frontMatter: boolean, withRegions: boolean, loaded = false): { mentions: Mention[]; regions: Regions } {
    const mentions: Mention[] = [];
    const k = this.kernel;
    // The kernel reads 𝛾 (a mathematical italic from a PDF) as γ; offsets stay those of `text`.
    const folded = foldMathAlphanumerics(text);
    if (!loaded) this.loadText(folded);
    const out = new Int32Array(k.memory.buffer, this.outAt, MENTION_WORDS * OUT_CAPACITY);
    const result = new Int32Array(k.memory.buffer, RESULT_AT, 3);
    const patEntry = this.patEntry;
    const ids = this.entryIds;
    const categories = this.entryCategories;
    const drain = () => {
      const n = 3 * result[0];
      for (let q = 0; q < n; q += 3) {
        const e = patEntry[out[q + 2]];
        if (folded === text) mentions.push(new FoundMention(out[q], out[q + 1], ids[e], categories[e]));
        else {
          const [start, end] = widenToPairs(text, out[q], out[q + 1]);
          mentions.push(new FoundMention(start, end, ids[e], categories[e]));
        }
      }
      return result[1] === 0;
    };
    if (language === 'plain') {
      for (let i = from; ; ) {
        i = k.scan(i, to);
        if (drain()) return { mentions: this.markers.compose(text, mentions), regions: { skips: [] } };
      }
    }
    // The kernel runs the whole region scan, handing over mentions and skipped ranges whenever its output
    // areas fill up.
    const skips: number[] = [];
    const skipArea = new Int32Array(k.memory.buffer, this.skipsAt, SKIP_WORDS * SKIPS_CAPACITY);
    for (let i = from, resume = 0; ; resume = 1) {
      i = language === 'markdown' ? k.scanMarkdown(from, i, to, frontMatter ? 1 : 0, resume) : k.scanLatex(from, i, to, resume);
      const n = withRegions ? 2 * result[2] : 0;
      for (let q = 0; q < n; q++) skips.push(skipArea[q]);
      if (drain()) break;
    }
    return { mentions: this.markers.compose(text, mentions), regions: { skips } };
  }

  /**
   * Copies the text into the kernel's memory as UTF-16 code units: the native UTF-8 encoder writes it, and
   * the kernel decodes it. Grows the memory when needed.
   */
  private loadText(text: string): void {
    const k = this.kernel;
    const n = text.length;
    const utf8At = (this.textAt + 2 * n + 8) & ~7;
    const need = utf8At + 3 * n + 64;
    const have = k.memory.buffer.byteLength;
    if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
    const { written } = UTF8.encodeInto(text, new Uint8Array(k.memory.buffer, utf8At, 3 * n));
    const units = k.decodeUtf8(utf8At, written, this.textAt);
    if (units !== n) throw new Error(`OncoLex matcher: the text was copied as ${units} code units, not ${n}`);
    k.setText(this.textAt, n);
  }

  /**
   * Lays the tables out in the kernel's memory and writes the header init() reads (assembly/text.ts): each
   * slot (assembly/contract.ts) holds a table's address, or a number. A table the kernel's memory holds
   * already (`home`: the checked copy of a tables file) stays where it is; the others go after it.
   */
  private layoutKernel(t: MatcherTables, home: TablesHome | undefined): void {
    const { fold, foldCs, foldTex } = foldTables();
    const outArea = new Int32Array(MENTION_WORDS * OUT_CAPACITY);
    const skipArea = new Int32Array(SKIP_WORDS * SKIPS_CAPACITY);
    const [nameSlots, nameMask, namePool] = latexNameTable();
    const slots = new Array<ArrayBufferView | number>(SLOT_COUNT);
    slots[SLOT_FOLD] = fold;
    slots[SLOT_FOLD_TEX] = foldTex;
    slots[SLOT_FOLD_CS] = foldCs;
    slots[SLOT_CLS_PLAIN] = t.cls;
    slots[SLOT_CLS_MD] = t.clsMd;
    slots[SLOT_CLS_TEX] = t.clsTex;
    slots[SLOT_ROOT] = t.root;
    slots[SLOT_NODES] = t.nodes;
    slots[SLOT_CHAIN] = t.chainKey;
    slots[SLOT_EDGES] = t.edges;
    slots[SLOT_DENSE] = t.dense;
    slots[SLOT_OUT_LIST] = t.outList;
    slots[SLOT_PAT_FLAGS] = t.patFlags;
    slots[SLOT_PAT_CS] = t.patCs;
    slots[SLOT_CS_POOL] = t.csPool;
    slots[SLOT_WORD_BITS] = t.wordBits;
    slots[SLOT_WORD_SLOTS] = t.wordSlots;
    slots[SLOT_WORD_MASK] = t.wordSlotMask;
    slots[SLOT_WORD_POOL] = t.wordPool;
    slots[SLOT_OUT] = outArea;
    slots[SLOT_OUT_CAP] = OUT_CAPACITY;
    slots[SLOT_SKIPS] = skipArea;
    slots[SLOT_SKIPS_CAP] = SKIPS_CAPACITY;
    slots[SLOT_NAME_SLOTS] = nameSlots;
    slots[SLOT_NAME_MASK] = nameMask;
    slots[SLOT_NAME_POOL] = namePool;
    let end = home === undefined ? TABLES_AT : (home.end + 7) & ~7;
    const offsets = Int32Array.from(slots, (s, i) => {
      if (s === undefined) throw new Error(`OncoLex matcher: header slot ${i} is not filled`);
      if (typeof s === 'number') return s;
      const there = home?.at.get(s);
      if (there !== undefined) return there;
      const at = end;
      end = (end + s.byteLength + 7) & ~7;
      return at;
    });
    this.outAt = offsets[SLOT_OUT];
    this.skipsAt = offsets[SLOT_SKIPS];
    this.textAt = end;
    const memory = this.kernel.memory;
    memory.grow(Math.ceil((end + 65536) / 65536) - memory.buffer.byteLength / 65536);
    const bytes = new Uint8Array(memory.buffer);
    slots.forEach((s, i) => {
      if (typeof s !== 'number' && !home?.at.has(s)) bytes.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), offsets[i]);
    });
    new Int32Array(memory.buffer, HEADER_AT, HEADER_SLOTS).set(offsets);
    this.kernel.init();
  }
}

/** Mentions the kernel writes before handing them over. */
const OUT_CAPACITY = 4096;
/** Skipped ranges the kernel writes before handing them over. */
const SKIPS_CAPACITY = 4096;

/**
 * The LaTeX names the region scan treats specially, as the kernel reads them: an open-addressed table of
 * 16-byte slots [length (0 = empty), hash, kinds, start in the pool], its mask, and the pool.
 */
function latexNameTable(): [Int32Array, number, Uint16Array] {
  const names = latexNameKinds();
  let size = 64;
  while (size < names.size * 4) size *= 2;
  // The kernel keeps a memo per slot in a fixed area (END_MEMO_AT in assembly/contract.ts).
  if (size > NAME_SLOTS_MAX) throw new Error(`OncoLex matcher: ${names.size} LaTeX names do not fit the kernel's table`);
  const slots = new Int32Array(size * NAME_SLOT_WORDS);
  const pool: number[] = [];
  for (const [name, kinds] of names) {
    const h = kernelHash(name);
    slots.set([name.length, h, kinds, pool.length], freeSlot(slots, NAME_SLOT_WORDS, h));
    for (let i = 0; i < name.length; i++) pool.push(name.charCodeAt(i));
  }
  return [slots, size - 1, Uint16Array.from(pool)];
}

const UTF8 = new TextEncoder();
