/**
 * The term matcher: a compact trie over folded forms, walked only from positions where a term can start
 * (a word start for forms that begin with a letter or digit, any position for forms that begin with a CJK
 * character or a symbol). Because every match starts at such a position and the longest one is taken
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
  /** The first/last folded character is a word character, so the match needs a word boundary there. */
  boundaryStart: boolean;
  boundaryEnd: boolean;
}

// Module-level copies: imported bindings may compile to property reads, which the hot loops must not pay.
const IGNORABLE = IGNORABLE_CODE;
const SPACE = SPACE_CODE;

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3040 && c <= 0x30ff);
}

/** Start-position classes per code unit. */
const START_NONE = 0;
const START_AT_WORD_START = 1;
const START_ANYWHERE = 2;

/**
 * A matcher for one lexicon. Building it costs a few milliseconds for the built-in lexicon; reuse it.
 */
export class Matcher {
  readonly entries: readonly Entry[];
  private readonly patterns: Pattern[] = [];
  /** Root transitions, dense over all code units (folded). 0 = none. */
  private readonly root = new Int32Array(65536);
  private childStart!: Int32Array;
  private childCount!: Uint16Array;
  private childKeys!: Uint16Array;
  private childNodes!: Int32Array;
  private outStart!: Int32Array;
  private outCount!: Uint16Array;
  private outList!: Int32Array;
  /** For each original code unit: may a term start here, and does it need a word start. */
  private readonly start = new Uint8Array(65536);
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
        this.patterns.push({ entry: entryIndex, cs, boundaryStart: this.word[key.charCodeAt(0)] === 1, boundaryEnd: this.word[key.charCodeAt(key.length - 1)] === 1 });
      }
    }
    this.formCount = this.patterns.length;
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
    // Start classes for every code unit that folds to a first character.
    const fold = this.fold;
    for (let c = 0; c < 65536; c++) {
      const f = fold[c];
      if (f !== IGNORABLE && f !== SPACE && this.root[f] !== 0) this.start[c] = this.word[f] === 1 ? START_AT_WORD_START : START_ANYWHERE;
    }
  }

  private child(node: number, c: number): number {
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
    const start = this.start;
    const word = this.word;
    const fold = this.fold;
    // A region boundary counts as a word boundary, except for transparent markup before the segment.
    let prevWord = 0;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      const s = start[c];
      if (s !== START_NONE && (s === START_ANYWHERE || prevWord === 0)) {
        const end = this.walk(text, i, b, latex, transparent, out);
        if (end > 0) {
          i = end - 1;
          prevWord = word[fold[text.charCodeAt(end - 1)]];
          continue;
        }
      }
      prevWord = word[fold[c]];
    }
  }

  /** Walks the trie from `i`; pushes the longest valid mention and returns its end, or 0. */
  private walk(text: string, i: number, limit: number, latex: boolean, transparent: Set<number> | undefined, out: Mention[]): number {
    const fold = latex ? this.foldTex : this.fold;
    let node = this.root[fold[text.charCodeAt(i)]];
    if (node === 0) return 0;
    let j = i + 1;
    let bestPattern = -1;
    let bestEnd = 0;
    let prevCjk = isCjk(text.charCodeAt(i));
    for (;;) {
      const oc = this.outCount[node];
      if (oc !== 0) {
        for (let o = 0; o < oc; o++) {
          const p = this.outList[this.outStart[node] + o];
          if (this.accept(text, i, j, p, latex, transparent)) {
            bestPattern = p;
            bestEnd = j;
            break;
          }
        }
      }
      if (j >= limit) break;
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
        if (newlines === 1 && prevCjk && k < limit && isCjk(text.charCodeAt(k))) {
          j = k;
          continue;
        }
        break;
      }
      const next = this.child(node, c);
      if (next === 0) break;
      node = next;
      prevCjk = isCjk(raw);
      j++;
    }
    if (bestPattern < 0) return 0;
    const entry = this.entries[this.patterns[bestPattern].entry];
    out.push({ start: i, end: bestEnd, id: entry.id, category: entry.category });
    return bestEnd;
  }

  private accept(text: string, i: number, j: number, p: number, latex: boolean, transparent: Set<number> | undefined): boolean {
    const pat = this.patterns[p];
    if (pat.boundaryEnd && j < text.length) {
      const next = text.charCodeAt(j);
      if (this.word[this.fold[next]] === 1 && !(transparent !== undefined && transparent.has(j))) return false;
    }
    if (pat.cs !== '') return this.equalsCaseSensitive(text, i, j, pat.cs, latex, transparent);
    return true;
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

  /** The entry of a mention. */
  entryOf(m: Mention): Entry | undefined {
    return this.byId().get(m.id);
  }

  private idIndex: Map<string, Entry> | undefined;
  private byId(): Map<string, Entry> {
    if (!this.idIndex) this.idIndex = new Map(this.entries.map((e) => [e.id, e]));
    return this.idIndex;
  }
}
