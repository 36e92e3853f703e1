/**
 * The term matcher's tables (see {@link Matcher}): built from a lexicon's forms, or read back from their
 * built form. The built-in lexicon is fixed when the extension is built, so its tables are built then
 * (scripts/build-tables.ts writes dist/matcher-tables.bin) and a new matcher only copies them into its kernel;
 * any other lexicon (a workspace's, a mined one) has its tables built here, in time linear in its forms.
 */
import {
  CLS_IGNORABLE, CLS_SPACE, CLS_SPECIAL, CLS_START_ANYWHERE, CLS_WORD, DENSE_ROW, NODE_CHILDREN_SHIFT, NODE_FLAGS_SHIFT, NODE_MANY_OUTPUTS, NODE_WORDS,
  PAT_BOUNDARY_END, PAT_CASE, TABLES_BAD_CASE_FORMS, TABLES_BAD_EDGES, TABLES_BAD_NODES, TABLES_BAD_OUTPUTS, TABLES_BAD_WORD_SLOTS, TABLES_OK,
  WORD_BITS_WORDS, WORD_INLINE, WORD_SLOT_WORDS,
} from '../../../assembly/contract';
import type { Kernel } from './kernel';
import { kernelChecksum, kernelWithCopy, newKernel } from './kernel';
import { TABLES_AT } from '../../../assembly/contract';
import type { MatchEntry } from '../lexicon/lexicon';
import { IGNORABLE, SPACE, foldForm, foldTables, seedFoldTables } from '../text/normalize';
import { isSpecial } from '../text/regions';

/** The tables a matcher's kernel reads, apart from those it derives from the fold tables (see Matcher). */
export interface MatcherTables {
  /** Number of distinct folded forms (patterns). */
  formCount: number;
  /** The entry of each pattern (its index in the lexicon's entries). */
  patEntry: Int32Array;
  /** Each pattern's flags: PAT_BOUNDARY_END, PAT_CASE. */
  patFlags: Uint8Array;
  /** Where each case-sensitive pattern's form is in csPool, and its length: [start, length] pairs. */
  patCs: Int32Array;
  csPool: Uint16Array;
  /** Root transitions, dense over all code units (folded). 0 = none. */
  root: Int32Array;
  /**
   * For each original code unit, one byte: bit 1 = word character, bit 2 = a construct of the language may
   * begin here (the Markdown and LaTeX tables only), bit 4 = a term may start here anywhere (CJK and
   * symbols), bit 8 = ignorable inside a word, bit 16 = space. One load per character in the scan.
   */
  cls: Uint8Array;
  clsMd: Uint8Array;
  clsTex: Uint8Array;
  /**
   * The trie's nodes in depth-first order (a node's first child is the next node), four numbers each:
   * [outputs | flags << 12 | children << 16, the pattern (one output) or the first output in outList
   * (several), the only child's key or the first edge in `edges`, where the node's row starts in `dense` or -1].
   */
  nodes: Int32Array;
  /** For a node with one child and no outputs, the child's key (else 0). */
  chainKey: Uint16Array;
  /** Edges of nodes with several children, sorted by key within a node: [key, child] pairs. */
  edges: Int32Array;
  /** Dense ASCII transitions (rows of 128) of nodes with many children. */
  dense: Int32Array;
  outList: Int32Array;
  /**
   * The first words of forms, in an open-addressed hash table of 32-byte slots: [length (0 = empty), hash,
   * the trie node reached by reading the word, where it starts in wordPool, its first 8 characters].
   */
  wordSlots: Int32Array;
  wordSlotMask: number;
  /** One bit per hash value (mod 2^16) of a first word. */
  wordBits: Int32Array;
  wordPool: Uint16Array;
  /**
   * The fold tables the classes were made with (see normalize.ts), whole: a start-up copies them instead of
   * making them (no lowercasing, no loop over the code units).
   */
  foldCs: Uint16Array;
  fold: Uint16Array;
}

// The character class bits, the trie node's layout, the pattern flags and the word table's slots are the
// kernel's contract (assembly/contract.ts).

/** The largest output count a node's 12-bit field holds; at this count or more the list is preceded by its count. */
const MANY_OUTPUTS = NODE_MANY_OUTPUTS;

/**
 * Builds the tables for a lexicon's entries. The distinct folded forms are sorted by code unit, so the trie's
 * nodes are made in depth-first order with their children in key order: the layout the kernel reads, with
 * no map of edges and no renumbering.
 */
export function buildTables(entries: readonly MatchEntry[]): MatcherTables {
  const { word } = foldTables();
  // Patterns in lexicon order, each once per entry; the patterns of each folded form, in that order.
  const patEntry: number[] = [];
  const patFlagList: number[] = [];
  const patCsText: string[] = [];
  const byKey = new Map<string, number[]>();
  const seen = new Set<string>();
  for (let e = 0; e < entries.length; e++) {
    for (const form of entries[e].forms) {
      const key = foldForm(form.text, false);
      if (key === '') continue;
      const cs = form.caseSensitive ? foldForm(form.text, true) : '';
      const dedupe = `${e} ${key} ${cs}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const p = patEntry.length;
      patEntry.push(e);
      patCsText.push(cs);
      patFlagList.push((word[key.charCodeAt(key.length - 1)] === 1 ? PAT_BOUNDARY_END : 0) | (cs !== '' ? PAT_CASE : 0));
      const list = byKey.get(key);
      if (list) list.push(p);
      else byKey.set(key, [p]);
    }
  }
  const keys = [...byKey.keys()].sort();
  let capacity = 1;
  let longest = 0;
  for (const k of keys) {
    capacity += k.length;
    longest = Math.max(longest, k.length);
  }
  // The trie, one node per distinct prefix: each node's parent and the key that leads to it.
  const parent = new Int32Array(capacity);
  const key = new Uint16Array(capacity);
  const outCount = new Int32Array(capacity);
  const terminal = new Int32Array(keys.length);
  const path = new Int32Array(longest + 1);
  const firstWords = new Map<string, number>();
  let n = 1;
  let prev = '';
  keys.forEach((k, ki) => {
    let common = 0;
    while (common < prev.length && common < k.length && prev.charCodeAt(common) === k.charCodeAt(common)) common++;
    for (let i = common; i < k.length; i++) {
      parent[n] = path[i];
      key[n] = k.charCodeAt(i);
      path[i + 1] = n++;
    }
    terminal[ki] = path[k.length];
    outCount[path[k.length]] = byKey.get(k)!.length;
    let firstWord = 0;
    if (word[k.charCodeAt(0)] === 1) while (firstWord < k.length && word[k.charCodeAt(firstWord)] === 1) firstWord++;
    if (firstWord > 0) firstWords.set(k.slice(0, firstWord), path[firstWord]);
    prev = k;
  });
  // Children of each node, contiguous (nodes are numbered in depth-first order, so a node's children come
  // in key order).
  const childCount = new Int32Array(n);
  for (let c = 1; c < n; c++) childCount[parent[c]]++;
  const childStart = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) childStart[v + 1] = childStart[v] + childCount[v];
  const children = new Int32Array(n);
  const filled = childStart.slice(0, n);
  for (let c = 1; c < n; c++) children[filled[parent[c]]++] = c;

  const nodes = new Int32Array(n * NODE_WORDS);
  const chainKey = new Uint16Array(n);
  const root = new Int32Array(65536);
  let edgeCount = 0;
  let denseCount = 0;
  for (let v = 0; v < n; v++) {
    if (childCount[v] > 1) edgeCount += childCount[v];
    if (childCount[v] >= 8 && v !== 0) denseCount++;
  }
  const edges = new Int32Array(2 * edgeCount);
  const dense = new Int32Array(DENSE_ROW * denseCount);
  let e = 0;
  let d = 0;
  let outTotal = 0;
  for (let v = 0; v < n; v++) {
    const kids = childCount[v];
    const first = childStart[v];
    const at = v * NODE_WORDS;
    nodes[at] = Math.min(outCount[v], MANY_OUTPUTS) | (kids << NODE_CHILDREN_SHIFT);
    nodes[at + 3] = -1;
    if (kids === 1) {
      nodes[at + 2] = key[children[first]];
      if (outCount[v] === 0) chainKey[v] = key[children[first]];
    } else if (kids > 1) {
      nodes[at + 2] = e / 2;
      for (let i = first; i < first + kids; i++) {
        edges[e++] = key[children[i]];
        edges[e++] = children[i];
      }
      // Busy branch points (first letters, mostly) get a dense row: one load per step.
      if (kids >= 8 && v !== 0) {
        nodes[at + 3] = d;
        for (let i = first; i < first + kids; i++) if (key[children[i]] < DENSE_ROW) dense[d + key[children[i]]] = children[i];
        d += DENSE_ROW;
      }
    }
    if (v === 0) for (let i = first; i < first + kids; i++) root[key[children[i]]] = children[i];
    // A node with MANY_OUTPUTS or more (thousands of case variants of one form) has its count just before its list.
    if (outCount[v] >= MANY_OUTPUTS) outTotal++;
    nodes[at + 1] = outTotal;
    outTotal += outCount[v];
  }
  // Outputs per node, in pattern order; a single output is kept in the node itself, with its pattern's flags.
  const outList = new Int32Array(outTotal);
  keys.forEach((k, ki) => {
    const v = terminal[ki];
    const list = byKey.get(k)!;
    let at = nodes[v * NODE_WORDS + 1];
    if (list.length >= MANY_OUTPUTS) outList[at - 1] = list.length;
    for (const p of list) outList[at++] = p;
    if (list.length === 1) {
      nodes[v * NODE_WORDS + 1] = list[0];
      nodes[v * NODE_WORDS] |= patFlagList[list[0]] << NODE_FLAGS_SHIFT;
    }
  });
  const patCs = new Int32Array(2 * patEntry.length);
  const csPool = new Uint16Array(patCsText.reduce((sum, s) => sum + s.length, 0));
  let at = 0;
  patCsText.forEach((s, p) => {
    patCs[2 * p] = at;
    patCs[2 * p + 1] = s.length;
    for (let i = 0; i < s.length; i++) csPool[at++] = s.charCodeAt(i);
  });
  return {
    formCount: patEntry.length,
    patEntry: Int32Array.from(patEntry),
    patFlags: Uint8Array.from(patFlagList),
    patCs,
    csPool,
    root,
    nodes,
    chainKey,
    edges,
    dense,
    outList,
    ...classes(root),
    ...wordTable(firstWords),
    ...folds(),
  };
}

function folds(): Pick<MatcherTables, 'foldCs' | 'fold'> {
  const { foldCs, fold } = foldTables();
  return { foldCs: foldCs.slice(), fold: fold.slice() };
}

/** The character classes (see MatcherTables.cls), which depend on the forms through the root's transitions. */
function classes(root: Int32Array): Pick<MatcherTables, 'cls' | 'clsMd' | 'clsTex'> {
  const { fold, word } = foldTables();
  const cls = new Uint8Array(65536);
  const clsMd = new Uint8Array(65536);
  const clsTex = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    const f = fold[c];
    let k = word[f] === 1 ? CLS_WORD : f === IGNORABLE ? CLS_IGNORABLE : f === SPACE ? CLS_SPACE : 0;
    // Forms that begin with a word character start at word starts (found through the first words); the
    // others (CJK, symbols) may start anywhere.
    if (f !== IGNORABLE && f !== SPACE && root[f] !== 0 && word[f] !== 1) k |= CLS_START_ANYWHERE;
    cls[c] = k;
    clsMd[c] = isSpecial('markdown', c) ? k | CLS_SPECIAL : k;
    clsTex[c] = isSpecial('latex', c) ? k | CLS_SPECIAL : k;
  }
  // In LaTeX a tilde is a non-breaking space.
  clsTex[0x7e] = (clsTex[0x7e] & ~CLS_START_ANYWHERE) | CLS_SPACE;
  return { cls, clsMd, clsTex };
}

/** Lays out the first words of forms and the trie nodes they lead to (see MatcherTables.wordSlots). */
function wordTable(words: Map<string, number>): Pick<MatcherTables, 'wordSlots' | 'wordSlotMask' | 'wordBits' | 'wordPool'> {
  let size = 2048;
  while (size < words.size * 2) size *= 2;
  const wordSlots = new Int32Array(size * WORD_SLOT_WORDS);
  const inline = new Uint16Array(wordSlots.buffer);
  const wordBits = new Int32Array(WORD_BITS_WORDS);
  let total = 0;
  for (const w of words.keys()) total += w.length;
  const wordPool = new Uint16Array(total);
  let p = 0;
  for (const [w, node] of words) {
    const h = kernelHash(w);
    const at = freeSlot(wordSlots, WORD_SLOT_WORDS, h);
    wordSlots.set([w.length, h, node, p], at);
    for (let i = 0; i < w.length; i++) {
      wordPool[p + i] = w.charCodeAt(i);
      if (i < WORD_INLINE) inline[2 * at + 8 + i] = w.charCodeAt(i);
    }
    p += w.length;
    wordBits[(h >>> 5) & (WORD_BITS_WORDS - 1)] |= 1 << (h & 31);
  }
  return { wordSlots, wordSlotMask: size - 1, wordBits, wordPool };
}

/** The kernel's string hash (h * 31 + each code unit, 32 bits): its word and name tables are keyed by it. */
export function kernelHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Where hash h goes in an open-addressed table of slots of `stride` numbers (a power-of-two count of them;
 * a slot whose first number is 0 is free): the index of the first free slot's first number, probing on.
 */
export function freeSlot(slots: Int32Array, stride: number, h: number): number {
  const mask = slots.length / stride - 1;
  let s = h & mask;
  while (slots[s * stride] !== 0) s = (s + 1) & mask;
  return s * stride;
}

/**
 * A digest of what the tables depend on: the number of entries and each entry's forms (text and case), in
 * order. Two 32-bit hashes of the same stream (FNV-1a and the kernel's), as 16 hex digits.
 */
export function formsDigest(entries: readonly MatchEntry[]): string {
  let a = 0x811c9dc5;
  let b = entries.length;
  const mix = (c: number): void => {
    a = Math.imul(a ^ c, 0x01000193);
    b = (Math.imul(b, 31) + c) | 0;
  };
  for (const entry of entries) {
    for (const form of entry.forms) {
      const t = form.text;
      for (let i = 0; i < t.length; i++) mix(t.charCodeAt(i));
      mix(form.caseSensitive ? 1 : 2);
    }
    mix(3);
  }
  return hex(a) + hex(b);
}

function hex(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}

/** Tables read back from their built form, with the digest of the forms they were built from ({@link formsDigest}). */
export interface BuiltTables {
  digest: string;
  tables: MatcherTables;
  /** The kernel that checked them, holding the copy it checked (see {@link TablesHome}). */
  home?: TablesHome;
}

/**
 * A kernel instance whose memory holds the checked copy of a tables file, and where each of the tables'
 * arrays is in it: the first matcher of the tables takes it as its own kernel and lays out only what the
 * file does not hold, instead of a new instance and a second copy of the whole file.
 */
export interface TablesHome {
  kernel: Kernel;
  /** Each array of the tables (by identity) → its address in the kernel's memory. */
  at: Map<ArrayBufferView, number>;
  /** The end of the copy in the kernel's memory. */
  end: number;
}

/** Tables built with a lexicon, by the very array of entries they serve (see {@link attachTables}). */
const prebuilt = new WeakMap<readonly MatchEntry[], MatcherTables>();
/** The kernel holding the checked copy of attached tables, until a matcher takes it (see {@link takeTablesHome}). */
const homes = new WeakMap<MatcherTables, TablesHome>();

/**
 * Lets matchers of exactly these entries (this array, not a copy or a changed one) use tables built with
 * them, when `digest` (the lexicon's own record of its forms' digest, written when it was built) is the one
 * the tables were built from. Returns whether they were attached; throws when the tables name entries the
 * lexicon does not have.
 */
export function attachTables(entries: readonly MatchEntry[], built: BuiltTables, digest: string | undefined): boolean {
  if (digest === undefined || built.digest !== digest) return false;
  const tables = built.tables;
  // Each pattern's entry must be one of these (the matcher looks their ids up by it).
  const patEntry = tables.patEntry;
  for (let p = 0; p < patEntry.length; p++) {
    if (patEntry[p] < 0 || patEntry[p] >= entries.length) throw new Error(`matcher tables: pattern ${p} names entry ${patEntry[p]}, the lexicon has ${entries.length}`);
  }
  prebuilt.set(entries, tables);
  if (built.home) homes.set(tables, built.home);
  // The fold tables they were built with (cheaper than making them).
  seedFoldTables(tables);
  return true;
}

/**
 * Tables read straight into a kernel's memory ({@link readTablesInto}) → the same tables with their arrays
 * viewed afresh in that memory: once the matcher that took the kernel grows its memory, the first views are
 * detached, and a second matcher copies the tables from there.
 */
const viewedAfresh = new WeakMap<MatcherTables, () => MatcherTables>();

/** The tables attached to these entries, if any. */
export function attachedTables(entries: readonly MatchEntry[]): MatcherTables | undefined {
  const tables = prebuilt.get(entries);
  // Until a matcher takes their kernel (and may grow its memory), the tables' own views are valid.
  return tables === undefined || homes.has(tables) ? tables : (viewedAfresh.get(tables)?.() ?? tables);
}

/** The kernel holding the checked copy of these tables, to the first caller only (a kernel serves one matcher). */
export function takeTablesHome(tables: MatcherTables): TablesHome | undefined {
  const home = homes.get(tables);
  homes.delete(tables);
  return home;
}

/** The built form's first bytes ("OLXT") and the version of its layout; a change of layout bumps it. */
const MAGIC = 0x54584c4f;
const FORMAT = 4;

/**
 * The largest tables file read (the built-in lexicon's is under 6 MB): a larger file is not tables of ours,
 * and is refused before it is read.
 */
export const MAX_TABLES_BYTES = 64 * 1024 * 1024;

/** The typed arrays of the built form, in the order they are written. */
const ARRAYS = ['patEntry', 'patFlags', 'patCs', 'csPool', 'cls', 'clsMd', 'clsTex', 'nodes', 'chainKey', 'edges', 'dense', 'outList', 'wordSlots', 'wordBits', 'wordPool', 'foldCs', 'fold'] as const;
type ArrayName = (typeof ARRAYS)[number];
const KINDS: Record<ArrayName, Int32ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor> = {
  patEntry: Int32Array,
  patFlags: Uint8Array,
  patCs: Int32Array,
  csPool: Uint16Array,
  cls: Uint8Array,
  clsMd: Uint8Array,
  clsTex: Uint8Array,
  nodes: Int32Array,
  chainKey: Uint16Array,
  edges: Int32Array,
  dense: Int32Array,
  outList: Int32Array,
  wordSlots: Int32Array,
  wordBits: Int32Array,
  wordPool: Uint16Array,
  foldCs: Uint16Array,
  fold: Uint16Array,
};

/** Header words: [magic, format, checksum ×2, byte length, formCount, wordSlotMask, root transitions, digest ×2, each array's length]. */
const H_CHECKSUM = 2;
const H_BYTES = 4;
const H_FORMS = 5;
const H_WORD_MASK = 6;
const H_ROOTS = 7;
const H_DIGEST = 8;
const H_ARRAYS = 10;
const HEADER_WORDS = H_ARRAYS + ARRAYS.length;

/**
 * The built form of the tables: a header of 32-bit numbers (see H_CHECKSUM…H_ARRAYS), the root's [key, node]
 * pairs, then each array, 8-byte aligned. Little-endian, as WebAssembly is. The checksum covers every byte
 * after it (the rest of the header and the body), so a damaged file is never used.
 */
export function encodeTables(t: MatcherTables, digest: string): Uint8Array {
  const rootPairs: number[] = [];
  for (let c = 0; c < 65536; c++) if (t.root[c] !== 0) rootPairs.push(c, t.root[c]);
  const parts: ArrayBufferView[] = [new Int32Array(HEADER_WORDS), Int32Array.from(rootPairs), ...ARRAYS.map((name) => t[name])];
  let size = 0;
  for (const p of parts) size += align8(p.byteLength);
  const header = [MAGIC, FORMAT, 0, 0, size, t.formCount, t.wordSlotMask, rootPairs.length / 2, ...digestWords(digest), ...ARRAYS.map((name) => t[name].length)];
  parts[0] = Int32Array.from(header);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += align8(p.byteLength);
  }
  sealTables(out);
  return out;
}

/**
 * Writes the checksum of tables in their built form into their header (after any change to them; exported
 * for the tests that make damaged files which only the layout checks can catch).
 */
export function sealTables(bytes: Uint8Array): void {
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  const { kernel, at } = kernelWithCopy(bytes);
  const [a, b] = checksum(kernel, at, bytes.byteLength);
  words[H_CHECKSUM] = a;
  words[H_CHECKSUM + 1] = b;
}

/**
 * The checksum of everything after the header's checksum words (the rest of the header and the body) of
 * tables copied into a kernel's memory at `at`: the kernel's (assembly/checksum.ts), which runs at full
 * speed on a cold start.
 */
function checksum(kernel: Kernel, at: number, size: number): [number, number] {
  const from = 4 * (H_CHECKSUM + 2);
  return kernelChecksum(kernel, at + from, size - from);
}

/** What the kernel's checkTables found, in words (see TABLES_BAD_… in assembly/contract.ts). */
const BODY_PROBLEMS: Record<number, string> = {
  [TABLES_BAD_NODES]: "a trie node's child, edges or dense row lie outside the tables",
  [TABLES_BAD_EDGES]: 'a transition leads outside the trie',
  [TABLES_BAD_OUTPUTS]: "a node's outputs lie outside the output list or name a pattern that does not exist",
  [TABLES_BAD_CASE_FORMS]: 'a case-sensitive form lies outside its pool',
  [TABLES_BAD_WORD_SLOTS]: "a first word's node or characters lie outside the tables, or the word table has no free slot",
};

/**
 * Reads tables back from {@link encodeTables}'s form (the arrays are views of `bytes`, not copies). Before
 * anything is used it checks the size, the checksum of the contents, and every header number against the
 * body (lengths, counts, the word table's mask); throws an Error saying what is wrong otherwise.
 */
export function decodeTables(bytes: Uint8Array): BuiltTables {
  const buffer = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  checkSize(buffer.byteLength);
  const { kernel, at } = kernelWithCopy(buffer);
  return decodeCopy(buffer, kernel, at);
}

/**
 * Reads tables of `size` bytes (a file's size) straight into a new kernel's memory, `fill` writing the bytes
 * into the array it is given (src/node/builtin.ts reads the file into it; it throws when it cannot fill it
 * whole), then checks and reads them back as {@link decodeTables} does: one copy of the file instead of two,
 * in the memory of the kernel that the first matcher takes. The arrays the matcher reads in JavaScript
 * (the patterns' entries, the fold differences) are copied out; the others are views of the kernel's memory,
 * viewed afresh for each matcher after the first ({@link attachedTables}).
 */
export function readTablesInto(size: number, fill: (into: Uint8Array) => void): BuiltTables {
  checkSize(size);
  const kernel = newKernel();
  const pages = Math.ceil((TABLES_AT + size) / 65536) - kernel.memory.buffer.byteLength / 65536;
  if (pages > 0) kernel.memory.grow(pages);
  const into = new Uint8Array(kernel.memory.buffer, TABLES_AT, size);
  fill(into);
  const built = decodeCopy(into, kernel, TABLES_AT);
  const t = built.tables;
  const own = { patEntry: t.patEntry.slice(), foldCs: t.foldCs.slice(), fold: t.fold.slice() };
  const tables: MatcherTables = { ...t, ...own };
  const at = built.home!.at;
  const views = ARRAYS.filter((name) => !(name in own)).map((name) => [name, KINDS[name], at.get(t[name])!, t[name].length] as const);
  viewedAfresh.set(tables, () => {
    const fresh = { ...tables };
    for (const [name, Kind, offset, length] of views) (fresh as Record<ArrayName, unknown>)[name] = new Kind(kernel.memory.buffer, offset, length);
    return fresh;
  });
  return { ...built, tables };
}

/** A tables file's size must hold the header and not exceed {@link MAX_TABLES_BYTES}. */
function checkSize(size: number): void {
  if (size < 4 * HEADER_WORDS) throw new Error(`matcher tables: ${size} bytes is too short for the header`);
  if (size > MAX_TABLES_BYTES) throw new Error(`matcher tables: ${size} bytes is more than tables can be (${MAX_TABLES_BYTES})`);
}

/**
 * Checks and reads back tables whose bytes are `buffer` (8-byte aligned), a copy of which is in the kernel's
 * memory at `copyAt` (or `buffer` is that copy).
 */
function decodeCopy(buffer: Uint8Array, kernel: Kernel, copyAt: number): BuiltTables {
  const size = buffer.byteLength;
  const header = new Int32Array(buffer.buffer, buffer.byteOffset, HEADER_WORDS);
  if (header[0] !== MAGIC) throw new Error('matcher tables: not a tables file (bad magic number)');
  if (header[1] !== FORMAT) throw new Error(`matcher tables: layout ${header[1]}, this version reads layout ${FORMAT}; rebuild with npm run build`);
  if (header[H_BYTES] !== size) throw new Error(`matcher tables: the file is truncated or extended (${size} bytes, the header says ${header[H_BYTES]})`);
  if (size % 8 !== 0) throw new Error(`matcher tables: ${size} bytes is not a whole number of 8-byte blocks`);
  const [a, b] = checksum(kernel, copyAt, size);
  if (a !== header[H_CHECKSUM] || b !== header[H_CHECKSUM + 1]) throw new Error('matcher tables: the checksum does not match the contents (the file is damaged)');
  const lengths = checkHeader(header, size);
  let at = align8(4 * HEADER_WORDS);
  const view = (Kind: (typeof KINDS)[ArrayName], length: number): Int32Array | Uint16Array | Uint8Array => {
    const v = new Kind(buffer.buffer as ArrayBuffer, buffer.byteOffset + at, length);
    at += align8(length * Kind.BYTES_PER_ELEMENT);
    return v;
  };
  const rootPairs = view(Int32Array, 2 * header[H_ROOTS]) as Int32Array;
  const arrays = {} as Record<ArrayName, Int32Array | Uint16Array | Uint8Array>;
  const offsets = {} as Record<ArrayName, number>;
  const home: TablesHome = { kernel, at: new Map(), end: copyAt + size };
  ARRAYS.forEach((name, i) => {
    offsets[name] = copyAt + at;
    arrays[name] = view(KINDS[name], lengths[i]);
    home.at.set(arrays[name], offsets[name]);
  });
  const nodeCount = lengths[ARRAYS.indexOf('nodes')] / NODE_WORDS;
  // The body's numbers that the scans use as indexes, checked by the kernel on its copy.
  const found = kernel.checkTables(
    offsets.nodes, nodeCount, offsets.chainKey, offsets.edges, arrays.edges.length / 2, offsets.dense, arrays.dense.length, offsets.outList,
    arrays.outList.length, offsets.patCs, header[H_FORMS], arrays.csPool.length, offsets.wordSlots, header[H_WORD_MASK] + 1, arrays.wordPool.length,
  );
  if (found !== TABLES_OK) throw new Error(`matcher tables: ${BODY_PROBLEMS[found] ?? `check ${found} failed`} (the body does not fit the tables)`);
  const root = new Int32Array(65536);
  for (let i = 0; i < rootPairs.length; i += 2) {
    const key = rootPairs[i];
    const node = rootPairs[i + 1];
    if (key >>> 16 !== 0 || node <= 0 || node >= nodeCount) throw new Error(`matcher tables: root transition ${i / 2} (${key} to node ${node}) is outside the trie`);
    root[key] = node;
  }
  return {
    digest: hex(header[H_DIGEST]) + hex(header[H_DIGEST + 1]),
    tables: { ...(arrays as Pick<MatcherTables, ArrayName>), formCount: header[H_FORMS], wordSlotMask: header[H_WORD_MASK], root },
    home,
  };
}

/**
 * Checks every number of the header against the others and against the file's size: each array has the
 * length its role gives it (the pattern arrays formCount entries, the class tables one byte per code unit,
 * the word table (wordSlotMask + 1) slots of a power-of-two count…), and the arrays fill the file exactly.
 * Returns the arrays' lengths.
 */
function checkHeader(header: Int32Array, size: number): number[] {
  const lengths = ARRAYS.map((_, i) => header[H_ARRAYS + i]);
  const length = (name: ArrayName): number => lengths[ARRAYS.indexOf(name)];
  const forms = header[H_FORMS];
  const mask = header[H_WORD_MASK];
  const roots = header[H_ROOTS];
  const fail = (what: string): never => {
    throw new Error(`matcher tables: ${what} (the header does not fit the body)`);
  };
  lengths.forEach((n, i) => {
    if (n < 0 || n > size) fail(`${ARRAYS[i]} has ${n} entries`);
  });
  if (forms < 0 || forms > size) fail(`formCount is ${forms}`);
  if (roots < 0 || roots > 65536) fail(`${roots} root transitions`);
  for (const name of ['patEntry', 'patFlags'] as const) if (length(name) !== forms) fail(`${name} has ${length(name)} entries for ${forms} forms`);
  if (length('patCs') !== 2 * forms) fail(`patCs has ${length('patCs')} entries for ${forms} forms`);
  for (const name of ['cls', 'clsMd', 'clsTex'] as const) if (length(name) !== 65536) fail(`${name} has ${length(name)} entries, not one per code unit`);
  const nodes = length('nodes');
  if (nodes < NODE_WORDS || nodes % NODE_WORDS !== 0) fail(`nodes has ${nodes} numbers, not ${NODE_WORDS} per node`);
  if (length('chainKey') !== nodes / NODE_WORDS) fail(`chainKey has ${length('chainKey')} entries for ${nodes / NODE_WORDS} nodes`);
  if (length('edges') % 2 !== 0) fail(`edges has ${length('edges')} numbers, not pairs`);
  if (length('dense') % DENSE_ROW !== 0) fail(`dense has ${length('dense')} numbers, not rows of ${DENSE_ROW}`);
  if (mask < 0 || (mask & (mask + 1)) !== 0) fail(`wordSlotMask ${mask} is not one less than a power of two`);
  if (length('wordSlots') !== WORD_SLOT_WORDS * (mask + 1)) fail(`wordSlots has ${length('wordSlots')} numbers for wordSlotMask ${mask}`);
  if (length('wordBits') !== WORD_BITS_WORDS) fail(`wordBits has ${length('wordBits')} numbers, not ${WORD_BITS_WORDS}`);
  for (const name of ['foldCs', 'fold'] as const) if (length(name) !== 65536) fail(`${name} has ${length(name)} entries, not one per code unit`);
  let total = align8(4 * HEADER_WORDS) + align8(8 * roots);
  ARRAYS.forEach((name, i) => (total += align8(lengths[i] * KINDS[name].BYTES_PER_ELEMENT)));
  if (total !== size) fail(`its arrays take ${total} bytes, the file has ${size}`);
  return lengths;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function digestWords(digest: string): number[] {
  return [parseInt(digest.slice(0, 8), 16) | 0, parseInt(digest.slice(8, 16), 16) | 0];
}
