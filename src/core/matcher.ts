/**
 * The term matcher: a compact trie over folded forms, walked only from positions where a term can start:
 * the start of a word that is the first word of some form (words are hashed while they are scanned), or any
 * position for forms that begin with a CJK character or a symbol. Because every match starts at such a
 * position and the longest one is taken before moving past it, the result is the leftmost-longest,
 * non-overlapping set of mentions without failure links.
 *
 * Its tables are built from the lexicon (src/core/matcherTables.ts), or come built with it (the built-in
 * lexicon's are built with the extension); the scanning runs in a WebAssembly kernel (assembly/kernel.ts),
 * which gets a copy of the tables and of each text. See the benchmark
 * (`npm run bench`) for its speed against a plain character scan.
 */
import type { Category, Entry, Lexicon } from './lexicon';
import type { MatcherTables } from './matcherTables';
import { attachedTables, buildTables, freeSlot, kernelHash } from './matcherTables';
import { foldTables } from './normalize';
import type { DocLanguage, Regions } from './regions';
import { KERNEL_WASM } from './kernelWasm';
import { frontMatterProse, latexNameKinds } from './regions';
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
  readonly entries: readonly Entry[];
  private readonly patEntry: Int32Array;
  private readonly entryIds: string[];
  private readonly entryCategories: Category[];
  /** Markers composed with the cells they mark (src/core/spans.ts). */
  private readonly markers: MarkerRules;
  /** Number of distinct folded forms. */
  readonly formCount: number;
  /** The tables came built with the lexicon (see attachTables in matcherTables.ts), rather than built here. */
  readonly prebuilt: boolean;
  /** The WebAssembly kernel holding a copy of the tables, and where its output and text areas are. */
  private readonly kernel = newKernel();
  private outAt = 0;
  private skipsAt = 0;
  private textAt = 0;

  /**
   * A matcher for the lexicon's entries: with the tables built with them where there are (the built-in
   * lexicon's), else with tables built now, which costs some tens of milliseconds for the built-in lexicon.
   */
  constructor(lexicon: Lexicon | readonly Entry[]) {
    this.entries = Array.isArray(lexicon) ? lexicon : (lexicon as Lexicon).entries;
    const given = attachedTables(this.entries);
    const tables = given ?? buildTables(this.entries);
    this.prebuilt = given !== undefined;
    this.formCount = tables.formCount;
    this.patEntry = tables.patEntry;
    this.entryIds = this.entries.map((e) => e.id);
    this.entryCategories = this.entries.map((e) => e.category);
    this.markers = new MarkerRules(this.entries);
    this.layoutKernel(tables);
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
    if (!loaded) this.loadText(text);
    const out = new Int32Array(k.memory.buffer, this.outAt, 3 * OUT_CAPACITY);
    const result = new Int32Array(k.memory.buffer, KERNEL_RESULT_AT, 3);
    const patEntry = this.patEntry;
    const ids = this.entryIds;
    const categories = this.entryCategories;
    const drain = () => {
      const n = 3 * result[0];
      for (let q = 0; q < n; q += 3) {
        const e = patEntry[out[q + 2]];
        mentions.push(new FoundMention(out[q], out[q + 1], ids[e], categories[e]));
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
    const skipArea = new Int32Array(k.memory.buffer, this.skipsAt, 2 * SKIPS_CAPACITY);
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

  /** Lays the tables out in the kernel's memory (see assembly/kernel.ts for the order init() reads them in). */
  private layoutKernel(t: MatcherTables): void {
    const { fold, foldCs, foldTex } = foldTables();
    const outArea = new Int32Array(3 * OUT_CAPACITY);
    const skipArea = new Int32Array(2 * SKIPS_CAPACITY);
    // Header slots, in the order init() reads them: a table, or a number.
    const slots: (ArrayBufferView | number)[] = [
      fold, foldTex, foldCs, t.cls, t.clsMd, t.clsTex, t.root, t.nodes, t.chainKey,
      t.edges, t.dense, t.outList, t.patFlags, t.patCs, t.csPool,
      t.wordBits, t.wordSlots, t.wordSlotMask, t.wordPool,
      outArea, OUT_CAPACITY, skipArea, SKIPS_CAPACITY,
      ...latexNameTable(),
    ];
    let end = KERNEL_TABLES_AT;
    const offsets = slots.map((s) => {
      if (typeof s === 'number') return s;
      const at = end;
      end = (end + s.byteLength + 7) & ~7;
      return at;
    });
    this.outAt = offsets[slots.indexOf(outArea)];
    this.skipsAt = offsets[slots.indexOf(skipArea)];
    this.textAt = end;
    const memory = this.kernel.memory;
    memory.grow(Math.ceil((end + 65536) / 65536) - memory.buffer.byteLength / 65536);
    const bytes = new Uint8Array(memory.buffer);
    slots.forEach((s, i) => {
      if (typeof s !== 'number') bytes.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), offsets[i]);
    });
    new Int32Array(memory.buffer, KERNEL_HEADER_AT, offsets.length).set(offsets);
    this.kernel.init();
  }
}

/** Where the kernel's header and tables start in its memory (it uses none of its own). */
const KERNEL_HEADER_AT = 1024;
/** Where the kernel writes the counts of mentions and skipped ranges of a scan, and whether it must be called again. */
const KERNEL_RESULT_AT = KERNEL_HEADER_AT + 32 * 4;
const KERNEL_TABLES_AT = 65536;
/** Mentions the kernel writes before handing them over. */
const OUT_CAPACITY = 4096;
/** Skipped ranges the kernel writes before handing them over. */
const SKIPS_CAPACITY = 4096;

/** The kernel's exports (assembly/kernel.ts). */
interface Kernel {
  memory: WebAssembly.Memory;
  init(): void;
  setText(at: number, length: number): void;
  decodeUtf8(from: number, length: number, to: number): number;
  scan(a: number, b: number): number;
  scanMarkdown(start: number, from: number, end: number, frontMatter: number, resume: number): number;
  scanLatex(start: number, from: number, end: number, resume: number): number;
}

/**
 * The LaTeX names the region scan treats specially, as the kernel reads them: an open-addressed table of
 * 16-byte slots [length (0 = empty), hash, kinds, start in the pool], its mask, and the pool.
 */
function latexNameTable(): [Int32Array, number, Uint16Array] {
  const names = latexNameKinds();
  let size = 64;
  while (size < names.size * 4) size *= 2;
  // The kernel keeps a memo per slot in a fixed area (END_MEMO in assembly/latex.ts) of 4,096 slots.
  if (size > 4096) throw new Error(`OncoLex matcher: ${names.size} LaTeX names do not fit the kernel's table`);
  const slots = new Int32Array(size * 4);
  const pool: number[] = [];
  for (const [name, kinds] of names) {
    const h = kernelHash(name);
    slots.set([name.length, h, kinds, pool.length], freeSlot(slots, 4, h));
    for (let i = 0; i < name.length; i++) pool.push(name.charCodeAt(i));
  }
  return [slots, size - 1, Uint16Array.from(pool)];
}

let kernelModule: WebAssembly.Module | undefined;
const UTF8 = new TextEncoder();

/** A new instance of the kernel, with its own memory (the module is compiled once). */
function newKernel(): Kernel {
  if (!kernelModule) {
    const text = atob(KERNEL_WASM);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    kernelModule = new WebAssembly.Module(bytes);
  }
  return new WebAssembly.Instance(kernelModule, {}).exports as unknown as Kernel;
}

