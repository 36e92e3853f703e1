/**
 * The term matcher: a compact trie over folded forms, walked only from positions where a term can start:
 * the start of a word that is the first word of some form (words are hashed while they are scanned), or any
 * position for forms that begin with a CJK character or a symbol. Because every match starts at such a position and the longest one is taken
 * before moving past it, the result is the leftmost-longest, non-overlapping set of mentions without
 * failure links. See the benchmark (`npm run bench`) for its speed against a plain character scan.
 */
import type { Category, Entry, Lexicon } from './lexicon';
import { IGNORABLE as IGNORABLE_CODE, SPACE as SPACE_CODE, foldForm, foldTables } from './normalize';
import type { DocLanguage, Regions } from './regions';
import { findRegions, isSpecial, markupAt } from './regions';

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

// Module-level copies: imported bindings may compile to property reads, which the hot loops must not pay.
const IGNORABLE = IGNORABLE_CODE;
const SPACE = SPACE_CODE;

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3040 && c <= 0x30ff);
}

/** Character class bits (see Matcher.cls). */
const CLS_WORD = 1;
const CLS_SPECIAL = 2;
const CLS_START_ANYWHERE = 4;
const CLS_IGNORABLE = 8;
const CLS_SPACE = 16;
/** Characters the walk cannot simply look up in the trie. */
const CLS_SLOW = CLS_SPECIAL | CLS_IGNORABLE | CLS_SPACE;

/**
 * A matcher for one lexicon. Building it costs a few milliseconds for the built-in lexicon; reuse it.
 */
export class Matcher {
  readonly entries: readonly Entry[];
  private readonly patterns: Pattern[] = [];
  private readonly patEntry: Int32Array;
  private readonly entryIds: string[];
  private readonly entryCategories: Category[];
  private readonly patBoundaryEnd: Uint8Array;
  private readonly patCs: string[];
  /** Root transitions, dense over all code units (folded). 0 = none. */
  private readonly root = new Int32Array(65536);
  /**
   * The trie's nodes, numbered in depth-first order (so a node's first child is the next node), four
   * numbers each: [outputs | children << 16, first output in outList, the only child's key or the first
   * edge in edgeKeys/edgeNodes, where the node's row starts in `dense` or -1]. A walk down a chain of single children
   * reads consecutive memory.
   */
  private nodes!: Int32Array;
  /**
   * For a node with one child and no outputs, the child's key (else 0): the links of a chain, read in
   * order by the walk's tight loop.
   */
  private chainKey!: Uint16Array;
  private edgeKeys!: Uint16Array;
  private edgeNodes!: Int32Array;
  private outList!: Int32Array;
  /**
   * For each original code unit, one byte: bit 1 = word character, bit 2 = a construct of the language
   * may begin here (Markdown and LaTeX tables only), bit 4 = a term may start here anywhere (CJK and
   * symbols), bit 8 = ignorable inside a word. One load per character in the scan.
   */
  private readonly cls = new Uint8Array(65536);
  private readonly clsMd = new Uint8Array(65536);
  private readonly clsTex = new Uint8Array(65536);
  /** Dense ASCII transitions (rows of 128) of nodes with many children. */
  private dense!: Int32Array;
  /**
   * The first words of forms (folded), in an open-addressed hash table: slot s holds [word number, hash]
   * at [2s, 2s + 1] (word 0 = empty slot). A word's characters are wordPool[wordStart, + wordLength), and
   * wordNode is the trie node reached by reading it.
   */
  private wordSlots!: Int32Array;
  /** One bit per hash value (mod 2^16) of a first word: a filter small enough to stay in the L1 cache. */
  private readonly wordBits = new Int32Array(2048);
  private wordSlotMask = 0;
  private wordPool!: Uint16Array;
  private wordStart!: Int32Array;
  private wordLength!: Int32Array;
  private wordNode!: Int32Array;
  private readonly fold: Uint16Array;
  private readonly foldCs: Uint16Array;
  private readonly foldTex: Uint16Array;
  private readonly word: Uint8Array;
  /** Number of distinct folded forms. */
  readonly formCount: number;

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
    const firstWords = new Set<string>();
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
        let node = 0;
        for (let i = 0; i < key.length; i++) {
          const edge = node * 65536 + key.charCodeAt(i);
          let next = edges.get(edge);
          if (next === undefined) {
            next = nodeCount++;
            edges.set(edge, next);
          }
          node = next;
        }
        outNode.push(node);
        if (this.word[key.charCodeAt(0)] === 1) {
          let n = 1;
          while (n < key.length && this.word[key.charCodeAt(n)] === 1) n++;
          firstWords.add(key.slice(0, n));
        }
        this.patterns.push({ entry: entryIndex, cs, boundaryEnd: this.word[key.charCodeAt(key.length - 1)] === 1 });
      }
    }
    this.formCount = this.patterns.length;
    this.patEntry = Int32Array.from(this.patterns, (p) => p.entry);
    this.entryIds = entries.map((e) => e.id);
    this.entryCategories = entries.map((e) => e.category);
    this.patBoundaryEnd = Uint8Array.from(this.patterns, (p) => (p.boundaryEnd ? 1 : 0));
    this.patCs = this.patterns.map((p) => p.cs);
    this.flatten(edges, nodeCount, outNode);
    this.indexFirstWords(firstWords);
  }

  private indexFirstWords(words: Set<string>): void {
    let size = 4096;
    while (size < words.size * 8) size *= 2;
    this.wordSlots = new Int32Array(size * 2);
    this.wordSlotMask = size - 1;
    const list = [...words];
    this.wordStart = new Int32Array(list.length + 1);
    this.wordLength = new Int32Array(list.length + 1);
    this.wordNode = new Int32Array(list.length + 1);
    this.wordPool = new Uint16Array(list.reduce((n, w) => n + w.length, 0));
    let p = 0;
    list.forEach((w, k) => {
      const id = k + 1;
      let h = 0;
      let node = 0;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        h = (Math.imul(h, 31) + c) | 0;
        this.wordPool[p + i] = c;
        node = i === 0 ? this.root[c] : this.child(node, c);
      }
      this.wordStart[id] = p;
      this.wordLength[id] = w.length;
      this.wordNode[id] = node;
      p += w.length;
      let s = h & this.wordSlotMask;
      while (this.wordSlots[s * 2] !== 0) s = (s + 1) & this.wordSlotMask;
      this.wordSlots[s * 2] = id;
      this.wordSlots[s * 2 + 1] = h;
      this.wordBits[(h >>> 5) & 2047] |= 1 << (h & 31);
    });
  }

  private flatten(edges: Map<number, number>, n: number, outNode: number[]): void {
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
    const outputs = new Uint16Array(n);
    for (const node of outNode) outputs[order[node]]++;
    const nodes = new Int32Array(n * 4);
    const edgeKeys: number[] = [];
    const edgeNodes: number[] = [];
    const denseRows: number[] = [];
    let outAcc = 0;
    for (let old = 0; old < n; old++) {
      const id = order[old];
      const list = kids[old];
      nodes[id * 4] = outputs[id] | (list.length << 16);
      nodes[id * 4 + 3] = -1;
      if (list.length === 1) nodes[id * 4 + 2] = list[0] - old * 65536;
      else if (list.length > 1) {
        nodes[id * 4 + 2] = edgeKeys.length;
        for (const k of list) {
          edgeKeys.push(k - old * 65536);
          edgeNodes.push(order[edges.get(k)!]);
        }
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
      nodes[id * 4 + 1] = outAcc;
      outAcc += outputs[id];
    }
    this.nodes = nodes;
    this.chainKey = new Uint16Array(n);
    for (let id = 0; id < n; id++) if (nodes[id * 4] >>> 16 === 1 && (nodes[id * 4] & 0xffff) === 0) this.chainKey[id] = nodes[id * 4 + 2];
    this.edgeKeys = Uint16Array.from(edgeKeys);
    this.edgeNodes = Int32Array.from(edgeNodes);
    this.dense = Int32Array.from(denseRows);
    // Outputs per node, in pattern order.
    this.outList = new Int32Array(outAcc);
    const fill = new Uint16Array(n);
    outNode.forEach((old, p) => {
      const id = order[old];
      this.outList[nodes[id * 4 + 1] + fill[id]++] = p;
    });
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
  }

  /** The child of `node` by folded code unit `c`, or 0. */
  private child(node: number, c: number): number {
    const b = node << 2;
    const children = this.nodes[b] >>> 16;
    if (children === 1) return this.nodes[b + 2] === c ? node + 1 : 0;
    if (children === 0) return 0;
    const row = this.nodes[b + 3];
    if (row >= 0 && c < 128) return this.dense[row + c];
    const keys = this.edgeKeys;
    let lo = this.nodes[b + 2];
    let hi = lo + children - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = keys[mid];
      if (k === c) return this.edgeNodes[mid];
      if (k < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /**
   * Finds all mentions in `text` for a document language: skips its code, math, comments and other
   * regions. `from`/`to` restrict the scan (region rules then apply to that slice only).
   */
  annotate(text: string, language: DocLanguage, from = 0, to = text.length, frontMatter = from === 0): Mention[] {
    return this.annotateWithRegions(text, language, from, to, frontMatter).mentions;
  }

  /**
   * Like {@link annotate}, and also returns the skipped regions. The document is read once: the region
   * scan hands the plain text between constructs to the word scan.
   */
  annotateWithRegions(text: string, language: DocLanguage, from = 0, to = text.length, frontMatter = from === 0): { mentions: Mention[]; regions: Regions } {
    const mentions: Mention[] = [];
    const latex = language === 'latex';
    const cls = language === 'markdown' ? this.clsMd : latex ? this.clsTex : this.cls;
    const regions = findRegions(text, language, from, to, frontMatter, (t, a, b) => this.scanPlain(t, a, b, latex, cls, mentions));
    return { mentions, regions };
  }

  /**
   * Reads plain text from `a` up to the next special character of the language (or `b`), pushing the
   * mentions that start there; returns where it stopped (see {@link PlainTextScanner}).
   */
  private scanPlain(text: string, a: number, b: number, latex: boolean, cls: Uint8Array, out: Mention[]): number {
    const fold = latex ? this.foldTex : this.fold;
    const bits = this.wordBits;
    // Words are read whole in an inner loop while their folded hash is computed; a walk starts at a word
    // only when some form begins with exactly that word, and then goes on from the trie node after it.
    let i = a;
    while (i < b) {
      let c = text.charCodeAt(i);
      let k = cls[c];
      if ((k & CLS_WORD) !== 0) {
        const ws = i;
        let h = fold[c];
        for (;;) {
          if (++i >= b) break;
          c = text.charCodeAt(i);
          k = cls[c];
          if ((k & CLS_WORD) !== 0) h = (Math.imul(h, 31) + fold[c]) | 0;
          else if ((k & CLS_IGNORABLE) === 0) break;
        }
        if ((bits[(h >>> 5) & 2047] & (1 << (h & 31))) !== 0) {
          const end = this.walkWord(text, ws, i, h, b, latex, cls, out);
          if (end > i) {
            i = end;
            continue;
          }
        }
        if (i >= b) break;
      }
      // A character that is not part of a word.
      if ((k & CLS_SPECIAL) !== 0) return i;
      if ((k & CLS_START_ANYWHERE) !== 0) {
        const node = this.root[fold[c]];
        const end = node === 0 ? 0 : this.walk(text, i, node, i + 1, b, latex, cls, out);
        if (end > 0) {
          i = end;
          continue;
        }
      }
      i++;
    }
    return b;
  }

  /**
   * Looks up the word text[ws, we) (folded hash `h`) among the first words of forms and, if it is one,
   * walks on from the trie node after it. Returns the end of the mention pushed, or 0.
   */
  private walkWord(text: string, ws: number, we: number, h: number, limit: number, latex: boolean, cls: Uint8Array, out: Mention[]): number {
    const slots = this.wordSlots;
    const mask = this.wordSlotMask;
    const fold = latex ? this.foldTex : this.fold;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const w = slots[s << 1];
      if (w === 0) return 0;
      if (slots[(s << 1) + 1] !== h) continue;
      // Compare the word with the stored one (hashes can collide), skipping ignorable characters.
      const pool = this.wordPool;
      let p = this.wordStart[w];
      const pe = p + this.wordLength[w];
      let x = ws;
      for (; x < we && p < pe; x++) {
        const c = fold[text.charCodeAt(x)];
        if (c === IGNORABLE) continue;
        if (c !== pool[p]) break;
        p++;
      }
      while (x < we && fold[text.charCodeAt(x)] === IGNORABLE) x++;
      if (x === we && p === pe) return this.walk(text, ws, this.wordNode[w], we, limit, latex, cls, out);
    }
  }

  /**
   * Walks the trie from `node`, reached by reading text[i, j); pushes the longest valid mention starting
   * at `i` and returns its end, or 0.
   */
  private walk(text: string, i: number, node: number, j: number, limit: number, latex: boolean, cls: Uint8Array, out: Mention[]): number {
    const fold = latex ? this.foldTex : this.fold;
    const nodes = this.nodes;
    const chainKey = this.chainKey;
    let bestPattern = -1;
    let bestEnd = 0;
    // Closing superscript markup to read through once the sign after its opening is read.
    let closeAt = -1;
    let closeLength = 0;
    for (;;) {
      // Down a chain: one compare per character, until a branch, an output or a character that needs care.
      for (let key = chainKey[node]; key !== 0 && j < limit; key = chainKey[node]) {
        const raw = text.charCodeAt(j);
        if (fold[raw] !== key || (cls[raw] & CLS_SLOW) !== 0) break;
        node++;
        j++;
      }
      const info = nodes[node << 2];
      if ((info & 0xffff) !== 0) {
        const p = this.acceptAny(text, i, j, node, latex, cls);
        if (p >= 0) {
          bestPattern = p;
          bestEnd = j;
        }
      }
      if (j === closeAt) {
        j += closeLength;
        closeAt = -1;
        continue;
      }
      const children = info >>> 16;
      if (j >= limit || children === 0) break;
      const raw = text.charCodeAt(j);
      const k = cls[raw];
      if ((k & CLS_SLOW) === 0) {
        // The common step. A chain of single children (most of the trie) is one compare.
        const c = fold[raw];
        if (children === 1) {
          if (nodes[(node << 2) + 2] !== c) break;
          node++;
        } else {
          node = this.child(node, c);
          if (node === 0) break;
        }
        j++;
        continue;
      }
      if ((k & CLS_IGNORABLE) !== 0) {
        j++;
        continue;
      }
      if ((k & CLS_SPECIAL) !== 0) {
        // Only superscript markup is read through; any other construct ends the walk.
        const m = markupAt(text, j, latex);
        if (m === 0) break;
        closeAt = j + (m & 31) + ((m >> 5) & 1);
        closeLength = m >> 6;
        j += m & 31;
        continue;
      }
      // Whitespace: a run of it matches one space of a form, but never across a blank line.
      let e = j;
      let newlines = 0;
      while (e < limit && (cls[text.charCodeAt(e)] & CLS_SPACE) !== 0) {
        if (text.charCodeAt(e) === 0x0a) newlines++;
        e++;
      }
      if (newlines >= 2) break;
      const next = this.child(node, SPACE);
      if (next !== 0) {
        node = next;
        j = e;
        continue;
      }
      // Chinese hard-wrapped across a line break: 树突状\n细胞 reads as 树突状细胞.
      if (newlines === 1 && isCjk(text.charCodeAt(j - 1)) && e < limit && isCjk(text.charCodeAt(e))) {
        j = e;
        continue;
      }
      break;
    }
    if (bestPattern < 0) return 0;
    // Ids and categories come from flat arrays: entries parsed from JSON have many shapes, and reading
    // their properties here would be a megamorphic load per mention.
    const e = this.patEntry[bestPattern];
    out.push(new FoundMention(i, bestEnd, this.entryIds[e], this.entryCategories[e]));
    return bestEnd;
  }

  /** The first pattern ending at `node` that is valid for text[i, j) (word boundary, case), or -1. */
  private acceptAny(text: string, i: number, j: number, node: number, latex: boolean, cls: Uint8Array): number {
    // Whether the character after the match continues a word.
    const nextIsWord = j < text.length && (cls[text.charCodeAt(j)] & CLS_WORD) !== 0;
    const from = this.nodes[(node << 2) + 1];
    const to = from + (this.nodes[node << 2] & 0xffff);
    for (let o = from; o < to; o++) {
      const p = this.outList[o];
      if (nextIsWord && this.patBoundaryEnd[p] === 1) continue;
      const cs = this.patCs[p];
      if (cs !== '' && !this.equalsCaseSensitive(text, i, j, cs, latex, cls)) continue;
      return p;
    }
    return -1;
  }

  /** Compares text[i, j) with a case-sensitive folded form, reading through spaces and markup as the walk does. */
  private equalsCaseSensitive(text: string, i: number, j: number, cs: string, latex: boolean, cls: Uint8Array): boolean {
    const fold = this.foldCs;
    let k = 0;
    let closeAt = -1;
    let closeLength = 0;
    for (let x = i; x < j; x++) {
      if (x === closeAt) {
        x += closeLength - 1;
        continue;
      }
      const raw = text.charCodeAt(x);
      let c = fold[raw];
      if (latex && c === 0x7e) c = SPACE;
      if (c === IGNORABLE) continue;
      if ((cls[raw] & CLS_SPECIAL) !== 0) {
        const m = markupAt(text, x, latex);
        if (m !== 0) {
          closeAt = x + (m & 31) + ((m >> 5) & 1);
          closeLength = m >> 6;
          x += (m & 31) - 1;
          continue;
        }
      }
      if (c === SPACE) {
        while (x + 1 < j && fold[text.charCodeAt(x + 1)] === SPACE) x++;
        if (cs.charCodeAt(k) === SPACE) k++;
        continue;
      }
      if (cs.charCodeAt(k) !== c) return false;
      k++;
    }
    return k === cs.length;
  }
}
