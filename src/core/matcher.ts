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
import { findRegions } from './regions';

/** One mention of a lexicon entry in a text (UTF-16 offsets, half-open). */
export interface Mention {
  start: number;
  end: number;
  id: string;
  category: Category;
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
const CLS_START_ANYWHERE = 4;
const CLS_IGNORABLE = 8;
const FIRST_WORD_MASK = (1 << 18) - 1;

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
  /** Root transitions, dense over all code units (folded). 0 = none. */
  private readonly root = new Int32Array(65536);
  private childStart!: Int32Array;
  private childCount!: Uint16Array;
  private childKeys!: Uint16Array;
  private childNodes!: Int32Array;
  private outStart!: Int32Array;
  private outCount!: Uint16Array;
  private outList!: Int32Array;
  /**
   * For each original code unit, one byte: bit 1 = word character, bit 4 = a term may start here anywhere
   * (CJK and symbols), bit 8 = ignorable inside a word. One load per character in the scan.
   */
  private readonly cls = new Uint8Array(65536);
  /** Dense ASCII transitions of the root's children (index by child node via dense1Base). */
  private dense1!: Int32Array;
  private dense1Base!: Int32Array;
  /** Hashed set of the first words of forms (folded): a cheap "no term starts at this word" test. */
  private readonly firstWords = new Uint8Array(FIRST_WORD_MASK + 1);
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
          let h = 0;
          for (let i = 0; i < key.length && this.word[key.charCodeAt(i)] === 1; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
          this.firstWords[h & FIRST_WORD_MASK] = 1;
        }
        this.patterns.push({ entry: entryIndex, cs, boundaryEnd: this.word[key.charCodeAt(key.length - 1)] === 1 });
      }
    }
    this.formCount = this.patterns.length;
    this.patEntry = Int32Array.from(this.patterns, (p) => p.entry);
    this.entryIds = entries.map((e) => e.id);
    this.entryCategories = entries.map((e) => e.category);
    this.patBoundaryEnd = Uint8Array.from(this.patterns, (p) => (p.boundaryEnd ? 1 : 0));
    this.flatten(edges, nodeCount, outNode);
  }

  private flatten(edges: Map<number, number>, n: number, outNode: number[]): void {
    const keys = Float64Array.from(edges.keys()).sort();
    this.childStart = new Int32Array(n);
    this.childCount = new Uint16Array(n);
    this.childKeys = new Uint16Array(keys.length);
    this.childNodes = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const node = Math.floor(k / 65536);
      const c = k - node * 65536;
      if (this.childCount[node] === 0) this.childStart[node] = i;
      this.childCount[node]++;
      this.childKeys[i] = c;
      this.childNodes[i] = edges.get(k)!;
      if (node === 0) this.root[c] = this.childNodes[i];
    }
    // Outputs per node, in pattern order.
    this.outStart = new Int32Array(n);
    this.outCount = new Uint16Array(n);
    for (const node of outNode) this.outCount[node]++;
    let acc = 0;
    for (let i = 0; i < n; i++) {
      this.outStart[i] = acc;
      acc += this.outCount[i];
    }
    this.outList = new Int32Array(acc);
    const fill = new Uint16Array(n);
    outNode.forEach((node, p) => {
      this.outList[this.outStart[node] + fill[node]++] = p;
    });
    // Character classes: word character, and where a term may start.
    const fold = this.fold;
    for (let c = 0; c < 65536; c++) {
      const f = fold[c];
      let k = this.word[f] === 1 ? CLS_WORD : f === IGNORABLE ? CLS_IGNORABLE : 0;
      // Forms that begin with a word character start at word starts (found through firstWords); the others
      // (CJK, symbols) may start anywhere.
      if (f !== IGNORABLE && f !== SPACE && this.root[f] !== 0 && this.word[f] !== 1) k |= CLS_START_ANYWHERE;
      this.cls[c] = k;
    }
    // The second step of a walk is the busiest (many words share a first letter): make it one load.
    this.dense1Base = new Int32Array(n).fill(-1);
    const firstLevel: number[] = [];
    for (let c = 0; c < 65536; c++) if (this.root[c] !== 0) firstLevel.push(this.root[c]);
    this.dense1 = new Int32Array(firstLevel.length * 128);
    firstLevel.forEach((node, k) => {
      this.dense1Base[node] = k * 128;
      const from = this.childStart[node];
      for (let i = from; i < from + this.childCount[node]; i++) {
        if (this.childKeys[i] < 128) this.dense1[k * 128 + this.childKeys[i]] = this.childNodes[i];
      }
    });
  }

  private child(node: number, c: number): number {
    if (c < 128) {
      const base = this.dense1Base[node];
      if (base >= 0) return this.dense1[base + c];
    }
    let lo = this.childStart[node];
    let hi = lo + this.childCount[node] - 1;
    const keys = this.childKeys;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = keys[mid];
      if (k === c) return this.childNodes[mid];
      if (k < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /**
   * Finds all mentions in `text` for a document language: skips its code, math, comments and other
   * regions. `from`/`to` restrict the scan (region rules then apply to that slice only).
   */
  annotate(text: string, language: DocLanguage, from = 0, to = text.length): Mention[] {
    const regions = findRegions(text, language, from, to);
    return this.annotateWithRegions(text, regions, language === 'latex', from, to);
  }

  /** Like {@link annotate} with regions found beforehand. */
  annotateWithRegions(text: string, regions: Regions, latex: boolean, from = 0, to = text.length): Mention[] {
    const out: Mention[] = [];
    const skips = regions.skips;
    const transparent = regions.transparent.length > 0 ? new Set(regions.transparent) : undefined;
    let segStart = from;
    for (let s = 0; s <= skips.length; s += 2) {
      const segEnd = s < skips.length ? Math.min(skips[s], to) : to;
      if (segEnd > segStart) this.scanSegment(text, segStart, segEnd, latex, transparent, out);
      if (s < skips.length) segStart = Math.max(segStart, skips[s + 1]);
      if (segStart >= to) break;
    }
    return out;
  }

  private scanSegment(text: string, a: number, b: number, latex: boolean, transparent: Set<number> | undefined, out: Mention[]): void {
    const cls = this.cls;
    const fold = latex ? this.foldTex : this.fold;
    const firstWords = this.firstWords;
    // Words are read whole while their folded hash is computed; a walk starts at a word only when some
    // form begins with exactly that word. A region boundary counts as a word boundary.
    let wordStart = -1;
    let h = 0;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      const k = cls[c];
      if ((k & CLS_WORD) !== 0) {
        if (wordStart < 0) {
          wordStart = i;
          h = 0;
        }
        h = (Math.imul(h, 31) + fold[c]) | 0;
        continue;
      }
      if ((k & CLS_IGNORABLE) !== 0 && wordStart >= 0) continue;
      if (wordStart >= 0) {
        const from = wordStart;
        wordStart = -1;
        if (firstWords[h & FIRST_WORD_MASK] !== 0) {
          const end = this.walk(text, from, b, latex, transparent, out);
          if (end > i) {
            i = end - 1;
            continue;
          }
        }
      }
      if ((k & CLS_START_ANYWHERE) !== 0) {
        const end = this.walk(text, i, b, latex, transparent, out);
        if (end > 0) i = end - 1;
      }
    }
    if (wordStart >= 0 && firstWords[h & FIRST_WORD_MASK] !== 0) this.walk(text, wordStart, b, latex, transparent, out);
  }

  /** Walks the trie from `i`; pushes the longest valid mention and returns its end, or 0. */
  private walk(text: string, i: number, limit: number, latex: boolean, transparent: Set<number> | undefined, out: Mention[]): number {
    const fold = latex ? this.foldTex : this.fold;
    const outCount = this.outCount;
    const childCount = this.childCount;
    const childStart = this.childStart;
    const childKeys = this.childKeys;
    const childNodes = this.childNodes;
    const dense1 = this.dense1;
    const dense1Base = this.dense1Base;
    let node = this.root[fold[text.charCodeAt(i)]];
    if (node === 0) return 0;
    let j = i + 1;
    let bestPattern = -1;
    let bestEnd = 0;
    let last = text.charCodeAt(i);
    for (;;) {
      if (outCount[node] !== 0) {
        const p = this.acceptAny(text, i, j, node, latex, transparent);
        if (p >= 0) {
          bestPattern = p;
          bestEnd = j;
        }
      }
      if (j >= limit || childCount[node] === 0) break;
      const raw = text.charCodeAt(j);
      const c = fold[raw];
      if (c === IGNORABLE || (transparent !== undefined && transparent.has(j))) {
        j++;
        continue;
      }
      if (c === SPACE) {
        // A run of whitespace matches one space of a form, but never across a blank line.
        let k = j;
        let newlines = 0;
        while (k < limit && fold[text.charCodeAt(k)] === SPACE) {
          if (text.charCodeAt(k) === 0x0a) newlines++;
          k++;
        }
        if (newlines >= 2) break;
        const next = this.child(node, SPACE);
        if (next !== 0) {
          node = next;
          j = k;
          continue;
        }
        // Chinese hard-wrapped across a line break: 树突状\n细胞 reads as 树突状细胞.
        if (newlines === 1 && isCjk(last) && k < limit && isCjk(text.charCodeAt(k))) {
          j = k;
          continue;
        }
        break;
      }
      // Inlined child lookup: dense for the busy second level, binary search below.
      let next = 0;
      const base = c < 128 ? dense1Base[node] : -1;
      if (base >= 0) next = dense1[base + c];
      else {
        let lo = childStart[node];
        let hi = lo + childCount[node] - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const key = childKeys[mid];
          if (key === c) {
            next = childNodes[mid];
            break;
          }
          if (key < c) lo = mid + 1;
          else hi = mid - 1;
        }
      }
      if (next === 0) break;
      node = next;
      last = raw;
      j++;
    }
    if (bestPattern < 0) return 0;
    // Ids and categories come from flat arrays: entries parsed from JSON have many shapes, and reading
    // their properties here would be a megamorphic load per mention.
    const e = this.patEntry[bestPattern];
    out.push({ start: i, end: bestEnd, id: this.entryIds[e], category: this.entryCategories[e] });
    return bestEnd;
  }

  /** The first pattern ending at `node` that is valid for text[i, j) (word boundary, case), or -1. */
  private acceptAny(text: string, i: number, j: number, node: number, latex: boolean, transparent: Set<number> | undefined): number {
    // Whether the character after the match continues a word (markup read through does not).
    const nextIsWord = j < text.length && (this.cls[text.charCodeAt(j)] & CLS_WORD) !== 0 && !(transparent !== undefined && transparent.has(j));
    const from = this.outStart[node];
    const to = from + this.outCount[node];
    for (let o = from; o < to; o++) {
      const p = this.outList[o];
      if (nextIsWord && this.patBoundaryEnd[p] === 1) continue;
      const cs = this.patterns[p].cs;
      if (cs !== '' && !this.equalsCaseSensitive(text, i, j, cs, latex, transparent)) continue;
      return p;
    }
    return -1;
  }

  /** Compares text[i, j) with a case-sensitive folded form, reading through spaces and markup as the walk does. */
  private equalsCaseSensitive(text: string, i: number, j: number, cs: string, latex: boolean, transparent: Set<number> | undefined): boolean {
    const fold = this.foldCs;
    let k = 0;
    for (let x = i; x < j; x++) {
      let c = fold[text.charCodeAt(x)];
      if (latex && c === 0x7e) c = SPACE;
      if (c === IGNORABLE || (transparent !== undefined && transparent.has(x))) continue;
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
