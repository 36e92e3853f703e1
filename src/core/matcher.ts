/**
 * The term matcher: a compact trie over folded forms, walked only from positions where a term can start
 * (a word start for forms that begin with a letter or digit, any position for forms that begin with a CJK
 * character or a symbol). Because every match starts at such a position and the longest one is taken
 * before moving past it, the result is the leftmost-longest, non-overlapping set of mentions without
 * failure links. See the benchmark (`npm run bench`) for its speed against a plain character scan.
 */
import type { Category, Entry, Lexicon } from './lexicon';
import { IGNORABLE, SPACE, foldForm, foldTables, isCjk } from './normalize';
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
    // Build a trie with Map children first, then flatten it into typed arrays.
    const children: Map<number, number>[] = [new Map()];
    const outputs: number[][] = [[]];
    const seen = new Set<string>();
    this.entries.forEach((entry, entryIndex) => {
      for (const form of entry.forms) {
        const key = foldForm(form.text, false);
        if (key === '') continue;
        const cs = form.caseSensitive ? foldForm(form.text, true) : '';
        const dedupe = `${entryIndex}\u0000${key}\u0000${cs}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        let node = 0;
        for (let i = 0; i < key.length; i++) {
          const c = key.charCodeAt(i);
          let next = children[node].get(c);
          if (next === undefined) {
            next = children.length;
            children.push(new Map());
            outputs.push([]);
            children[node].set(c, next);
          }
          node = next;
        }
        const first = key.charCodeAt(0);
        const last = key.charCodeAt(key.length - 1);
        outputs[node].push(this.patterns.length);
        this.patterns.push({ entry: entryIndex, cs, boundaryStart: this.word[first] === 1, boundaryEnd: this.word[last] === 1 });
      }
    });
    this.formCount = this.patterns.length;
    this.flatten(children, outputs);
  }

  private flatten(children: Map<number, number>[], outputs: number[][]): void {
    const n = children.length;
    this.childStart = new Int32Array(n);
    this.childCount = new Uint16Array(n);
    this.outStart = new Int32Array(n);
    this.outCount = new Uint16Array(n);
    let totalChildren = 0;
    let totalOut = 0;
    for (let i = 0; i < n; i++) {
      totalChildren += children[i].size;
      totalOut += outputs[i].length;
    }
    this.childKeys = new Uint16Array(totalChildren);
    this.childNodes = new Int32Array(totalChildren);
    this.outList = new Int32Array(totalOut);
    let cp = 0;
    let op = 0;
    for (let i = 0; i < n; i++) {
      const keys = [...children[i].keys()].sort((a, b) => a - b);
      this.childStart[i] = cp;
      this.childCount[i] = keys.length;
      for (const k of keys) {
        this.childKeys[cp] = k;
        this.childNodes[cp] = children[i].get(k)!;
        cp++;
      }
      this.outStart[i] = op;
      this.outCount[i] = outputs[i].length;
      for (const o of outputs[i]) this.outList[op++] = o;
    }
    // Root transitions dense; start classes for every code unit that folds to a first character.
    for (const [k, v] of children[0]) this.root[k] = v;
    for (let c = 0; c < 65536; c++) {
      const f = this.fold[c];
      if (f !== IGNORABLE && f !== SPACE && this.root[f] !== 0) {
        this.start[c] = this.word[f] === 1 ? START_AT_WORD_START : START_ANYWHERE;
      }
    }
    // In LaTeX a tilde folds to a space; no form starts with one, so nothing to add.
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
