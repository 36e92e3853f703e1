/**
 * The term matcher: a compact trie over folded forms, walked only from positions where a term can start:
 * the start of a word that is the first word of some form (words are hashed while they are scanned), or any
 * position for forms that begin with a CJK character or a symbol. Because every match starts at such a
 * position and the longest one is taken before moving past it, the result is the leftmost-longest,
 * non-overlapping set of mentions without failure links.
 *
 * This class builds the trie and its tables; the scanning runs in a WebAssembly kernel
 * (assembly/kernel.ts), which gets a copy of the tables and of each text. See the benchmark
 * (`npm run bench`) for its speed against a plain character scan.
 */
import type { Category, Entry, Lexicon } from './lexicon';
import { IGNORABLE, SPACE, foldForm, foldTables } from './normalize';
import type { DocLanguage, Regions } from './regions';
import { KERNEL_WASM } from './kernelWasm';
import { isSpecial, latexNameKinds } from './regions';
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

interface Pattern {
  entry: number;
  /** The form folded but case-preserved, for case-sensitive forms (else empty). */
  cs: string;
  /** The last folded character is a word character, so the match needs a word boundary after it. */
  boundaryEnd: boolean;
}


/** Character class bits (see Matcher.cls). */
const CLS_WORD = 1;
const CLS_SPECIAL = 2;
const CLS_START_ANYWHERE = 4;
const CLS_IGNORABLE = 8;
const CLS_SPACE = 16;

/**
 * A matcher for one lexicon. Building it costs a few milliseconds for the built-in lexicon; reuse it.
 */
export class Matcher {
  readonly entries: readonly Entry[];
  private readonly patterns: Pattern[] = [];
  private readonly patEntry: Int32Array;
  private readonly entryIds: string[];
  private readonly entryCategories: Category[];
  /** Root transitions, dense over all code units (folded). 0 = none. */
  private root = new Int32Array(65536);
  /**
   * The trie's nodes, numbered in depth-first order (so a node's first child is the next node), four
   * numbers each: [outputs | flags << 12 | children << 16, the pattern (one output) or the first output in
   * outList (several), the only child's key or the first edge in `edges`, where the node's row starts in
   * `dense` or -1]. The flags are those of a single output's pattern (see PAT_BOUNDARY_END, PAT_CASE), so
   * accepting it reads nothing else. A walk down a chain of single children reads consecutive memory.
   */
  private nodes!: Int32Array;
  /**
   * For a node with one child and no outputs, the child's key (else 0): the links of a chain, read in
   * order by the walk's tight loop.
   */
  private chainKey!: Uint16Array;
  /** Edges of nodes with several children, sorted by key within a node: [key, child] pairs. */
  private edges!: Int32Array;
  private outList!: Int32Array;
  /**
   * For each original code unit, one byte: bit 1 = word character, bit 2 = a construct of the language
   * may begin here (Markdown and LaTeX tables only), bit 4 = a term may start here anywhere (CJK and
   * symbols), bit 8 = ignorable inside a word. One load per character in the scan.
   */
  private cls = new Uint8Array(65536);
  private clsMd = new Uint8Array(65536);
  private clsTex = new Uint8Array(65536);
  /** Dense ASCII transitions (rows of 128) of nodes with many children. */
  private dense!: Int32Array;
  /**
   * The first words of forms (folded), in an open-addressed hash table of 32-byte slots: [length (0 = empty),
   * hash, the trie node reached by reading the word, where it starts in wordPool, its first 8 characters]
   * (one cache line holds all a lookup of a short word reads).
   */
  private wordSlots!: Int32Array;
  /** One bit per hash value (mod 2^16) of a first word: a filter small enough to stay in the L1 cache. */
  private wordBits = new Int32Array(2048);
  private wordSlotMask = 0;
  private wordPool!: Uint16Array;
  private readonly fold: Uint16Array;
  private readonly foldCs: Uint16Array;
  private readonly foldTex: Uint16Array;
  private readonly word: Uint8Array;
  /** Markers composed with the cells they mark (src/core/spans.ts). */
  private readonly markers: MarkerRules;
  /** Number of distinct folded forms. */
  readonly formCount: number;
  /** The WebAssembly kernel holding a copy of the tables above, and where its output and text areas are. */
  private readonly kernel = newKernel();
  private outAt = 0;
  private skipsAt = 0;
  private textAt = 0;

  constructor(lexicon: Lexicon | readonly Entry[]) {
    this.entries = Array.isArray(lexicon) ? lexicon : (lexicon as Lexicon).entries;
    const t = foldTables();
    this.fold = t.fold;
    this.foldCs = t.foldCs;
    this.foldTex = t.foldTex;
    this.word = t.word;
    // Build the trie with one numeric-keyed map of edges (node * 65536 + char -> child), then lay the
    // edges out sorted by (node, char), which is exactly the numeric order of the keys.
    const edges = new Map<number, number>();
    let nodeCount = 1;
    const outNode: number[] = [];
    const seen = new Set<string>();
    // The first word of each form beginning with a word character, and the (build-time) node it leads to.
    const firstWords = new Map<string, number>();
    const entries = this.entries;
    for (let entryIndex = 0; entryIndex < entries.length; entryIndex++) {
      const forms = entries[entryIndex].forms;
      for (let fi = 0; fi < forms.length; fi++) {
        const form = forms[fi];
        const key = foldForm(form.text, false);
        if (key === '') continue;
        const cs = form.caseSensitive ? foldForm(form.text, true) : '';
        const dedupe = `${entryIndex} ${key} ${cs}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        let firstWord = 0;
        if (this.word[key.charCodeAt(0)] === 1) while (firstWord < key.length && this.word[key.charCodeAt(firstWord)] === 1) firstWord++;
        let node = 0;
        for (let i = 0; i < key.length; i++) {
          const edge = node * 65536 + key.charCodeAt(i);
          let next = edges.get(edge);
          if (next === undefined) {
            next = nodeCount++;
            edges.set(edge, next);
          }
          node = next;
          if (i === firstWord - 1) firstWords.set(key.slice(0, firstWord), node);
        }
        outNode.push(node);
        this.patterns.push({ entry: entryIndex, cs, boundaryEnd: this.word[key.charCodeAt(key.length - 1)] === 1 });
      }
    }
    this.formCount = this.patterns.length;
    this.patEntry = Int32Array.from(this.patterns, (p) => p.entry);
    this.entryIds = entries.map((e) => e.id);
    this.entryCategories = entries.map((e) => e.category);
    this.markers = new MarkerRules(entries);
    const order = this.flatten(edges, nodeCount, outNode);
    this.indexFirstWords(firstWords, order);
    this.layoutKernel();
  }

  /** Lays out the first words of forms for the kernel; `order` maps build-time nodes to their final numbers. */
  private indexFirstWords(words: Map<string, number>, order: Int32Array): void {
    let size = 2048;
    while (size < words.size * 2) size *= 2;
    const slots = new Int32Array(size * 8);
    const inline = new Uint16Array(slots.buffer);
    this.wordSlotMask = size - 1;
    this.wordPool = new Uint16Array([...words.keys()].reduce((n, w) => n + w.length, 0));
    let p = 0;
    for (const [w, node] of words) {
      const h = kernelHash(w);
      const at = freeSlot(slots, 8, h);
      slots.set([w.length, h, order[node], p], at);
      for (let i = 0; i < w.length; i++) {
        this.wordPool[p + i] = w.charCodeAt(i);
        if (i < 8) inline[2 * at + 8 + i] = w.charCodeAt(i);
      }
      p += w.length;
      this.wordBits[(h >>> 5) & 2047] |= 1 << (h & 31);
    }
    this.wordSlots = slots;
  }

  /** Numbers the trie depth-first and lays it out (see `nodes`); returns the new number of each node. */
  private flatten(edges: Map<number, number>, n: number, outNode: number[]): Int32Array {
    // Children of each node, sorted by key (the numeric order of the edge keys).
    const keys = Float64Array.from(edges.keys()).sort();
    const kids: number[][] = Array.from({ length: n }, () => []);
    for (const k of keys) kids[Math.floor(k / 65536)].push(k);
    // Depth-first numbering.
    const order = new Int32Array(n);
    let next = 0;
    const stack = [0];
    while (stack.length > 0) {
      const node = stack.pop()!;
      order[node] = next++;
      const list = kids[node];
      for (let i = list.length - 1; i >= 0; i--) stack.push(edges.get(list[i])!);
    }
    const outputs = new Int32Array(n);
    for (const node of outNode) outputs[order[node]]++;
    const nodes = new Int32Array(n * 4);
    const edgePairs: number[] = [];
    const denseRows: number[] = [];
    let outAcc = 0;
    for (let old = 0; old < n; old++) {
      const id = order[old];
      const list = kids[old];
      nodes[id * 4] = Math.min(outputs[id], MANY_OUTPUTS) | (list.length << 16);
      nodes[id * 4 + 3] = -1;
      if (list.length === 1) nodes[id * 4 + 2] = list[0] - old * 65536;
      else if (list.length > 1) {
        nodes[id * 4 + 2] = edgePairs.length / 2;
        for (const k of list) edgePairs.push(k - old * 65536, order[edges.get(k)!]);
        // Busy branch points (first letters, mostly) get a dense row: one load per step.
        if (list.length >= 8 && old !== 0) {
          nodes[id * 4 + 3] = denseRows.length;
          const row = new Array<number>(128).fill(0);
          for (const k of list) if (k - old * 65536 < 128) row[k - old * 65536] = order[edges.get(k)!];
          denseRows.push(...row);
        }
      }
      if (old === 0) for (const k of list) this.root[k] = order[edges.get(k)!];
    }
    for (let id = 0; id < n; id++) {
      // A node with MANY_OUTPUTS or more (thousands of case variants of one form) has its count just before its list.
      if (outputs[id] >= MANY_OUTPUTS) outAcc++;
      nodes[id * 4 + 1] = outAcc;
      outAcc += outputs[id];
    }
    this.nodes = nodes;
    this.chainKey = new Uint16Array(n);
    for (let id = 0; id < n; id++) if (nodes[id * 4] >>> 16 === 1 && outputs[id] === 0) this.chainKey[id] = nodes[id * 4 + 2];
    this.edges = Int32Array.from(edgePairs);
    this.dense = Int32Array.from(denseRows);
    // Outputs per node, in pattern order.
    this.outList = new Int32Array(outAcc);
    for (let id = 0; id < n; id++) if (outputs[id] >= MANY_OUTPUTS) this.outList[nodes[id * 4 + 1] - 1] = outputs[id];
    const fill = new Int32Array(n);
    outNode.forEach((old, p) => {
      const id = order[old];
      this.outList[nodes[id * 4 + 1] + fill[id]++] = p;
    });
    // A single output is kept in the node itself, with its pattern's flags.
    for (let id = 0; id < n; id++) {
      if (outputs[id] !== 1) continue;
      const p = this.outList[nodes[id * 4 + 1]];
      nodes[id * 4 + 1] = p;
      nodes[id * 4] |= this.patternFlags(p) << 12;
    }
    // Character classes: word character, and where a term may start.
    const fold = this.fold;
    for (let c = 0; c < 65536; c++) {
      const f = fold[c];
      let k = this.word[f] === 1 ? CLS_WORD : f === IGNORABLE ? CLS_IGNORABLE : f === SPACE ? CLS_SPACE : 0;
      // Forms that begin with a word character start at word starts (found through the first words); the
      // others (CJK, symbols) may start anywhere.
      if (f !== IGNORABLE && f !== SPACE && this.root[f] !== 0 && this.word[f] !== 1) k |= CLS_START_ANYWHERE;
      this.cls[c] = k;
      this.clsMd[c] = isSpecial('markdown', c) ? k | CLS_SPECIAL : k;
      this.clsTex[c] = isSpecial('latex', c) ? k | CLS_SPECIAL : k;
    }
    // In LaTeX a tilde is a non-breaking space.
    this.clsTex[0x7e] = (this.clsTex[0x7e] & ~CLS_START_ANYWHERE) | CLS_SPACE;
    return order;
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
    const mentions: Mention[] = [];
    const k = this.kernel;
    this.loadText(text);
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

  /** A pattern's flags for the kernel: PAT_BOUNDARY_END, PAT_CASE. */
  private patternFlags(p: number): number {
    const pattern = this.patterns[p];
    return (pattern.boundaryEnd ? PAT_BOUNDARY_END : 0) | (pattern.cs !== '' ? PAT_CASE : 0);
  }

  /** Lays the tables out in a new kernel instance's memory (see assembly/kernel.ts). */
  private layoutKernel(): void {
    const patCount = this.patterns.length;
    const patFlags = new Uint8Array(patCount);
    const patCs = new Int32Array(2 * patCount);
    const csPool: number[] = [];
    this.patterns.forEach((p, i) => {
      patFlags[i] = this.patternFlags(i);
      patCs[2 * i] = csPool.length;
      patCs[2 * i + 1] = p.cs.length;
      for (let c = 0; c < p.cs.length; c++) csPool.push(p.cs.charCodeAt(c));
    });
    const outArea = new Int32Array(3 * OUT_CAPACITY);
    const skipArea = new Int32Array(2 * SKIPS_CAPACITY);
    // Header slots, in the order init() reads them: a table, or a number.
    const slots: (ArrayBufferView | number)[] = [
      this.fold, this.foldTex, this.foldCs, this.cls, this.clsMd, this.clsTex, this.root, this.nodes, this.chainKey,
      this.edges, this.dense, this.outList, patFlags, patCs, Uint16Array.from(csPool),
      this.wordBits, this.wordSlots, this.wordSlotMask, this.wordPool,
      outArea, OUT_CAPACITY, skipArea, SKIPS_CAPACITY,
      ...latexNameTable(),
    ];
    let end = KERNEL_TABLES_AT;
    const offsets = slots.map((t) => {
      if (typeof t === 'number') return t;
      const at = end;
      end = (end + t.byteLength + 7) & ~7;
      return at;
    });
    this.outAt = offsets[slots.indexOf(outArea)];
    this.skipsAt = offsets[slots.indexOf(skipArea)];
    this.textAt = end;
    const memory = this.kernel.memory;
    memory.grow(Math.ceil((end + 65536) / 65536) - memory.buffer.byteLength / 65536);
    const bytes = new Uint8Array(memory.buffer);
    slots.forEach((t, i) => {
      if (typeof t !== 'number') bytes.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), offsets[i]);
    });
    new Int32Array(memory.buffer, KERNEL_HEADER_AT, offsets.length).set(offsets);
    this.kernel.init();
    // The kernel has its own copy: let the build's tables go.
    this.root = this.nodes = this.edges = this.dense = this.outList = this.wordSlots = this.wordBits = new Int32Array(0);
    this.cls = this.clsMd = this.clsTex = new Uint8Array(0);
    this.chainKey = this.wordPool = new Uint16Array(0);
  }
}

/** The largest output count a node's 12-bit field holds; at this count or more the list is preceded by its count. */
const MANY_OUTPUTS = 0xfff;

/** The pattern's last character is a word character: the match needs a word boundary after it. */
const PAT_BOUNDARY_END = 1;
/** The pattern is case-sensitive. */
const PAT_CASE = 2;

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

/** The kernel's string hash (h * 31 + each code unit, 32 bits): its word and name tables are keyed by it. */
function kernelHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Where hash h goes in an open-addressed table of slots of `stride` numbers (a power-of-two count of them;
 * a slot whose first number is 0 is free): the index of the first free slot's first number, probing on.
 */
function freeSlot(slots: Int32Array, stride: number, h: number): number {
  const mask = slots.length / stride - 1;
  let s = h & mask;
  while (slots[s * stride] !== 0) s = (s + 1) & mask;
  return s * stride;
}

let kernelModule: WebAssembly.Module | undefined;
const UTF8 = new TextEncoder();

/** A new instance of the kernel, with its own memory (the module is compiled once). */
function newKernel(): Kernel {
  kernelModule ??= new WebAssembly.Module(Uint8Array.from(atob(KERNEL_WASM), (c) => c.charCodeAt(0)));
  return new WebAssembly.Instance(kernelModule, {}).exports as unknown as Kernel;
}

