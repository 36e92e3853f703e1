/**
 * Gold mentions of the evaluation set: each passage's gold file lists mentions as surface strings with their
 * category, and this module resolves them to offsets (UTF-16 code units, as JavaScript counts), so no offset
 * is ever typed by hand. The format is described in docs/annotation.md §4:
 *
 *   category<TAB>surface                  every occurrence of surface
 *   category<TAB>surface<TAB>#2           only the 2nd occurrence
 *   category<TAB>surface<TAB>@left|right  the one occurrence with `left` just before it and `right` just after
 *
 * Longer surfaces are resolved first and claim their spans; an occurrence of a shorter surface inside a claimed
 * span is not a mention of its own. An occurrence is whole-word (no Latin letter, digit or underscore just before or
 * after), and never inside the passage's non-prose regions: a Markdown file's front matter, a LaTeX citation,
 * reference or label argument. Every listed line must yield at least one span, or resolution fails.
 */
import { CATEGORIES } from '../../src/core/lexicon/lexicon';

export interface GoldSpan {
  start: number;
  end: number;
  category: string;
  text: string;
}

/** One line of a gold file. */
export interface GoldLine {
  line: number;
  category: string;
  surface: string;
  /** undefined: every occurrence; a number: that occurrence (1-based); a pair: the occurrence in that context. */
  select?: number | { left: string; right: string };
}

/** A gold file that does not fit its passage; the message names the file, the line and what is wrong. */
export class GoldError extends Error {}

export function parseGold(source: string, file: string): GoldLine[] {
  const lines: GoldLine[] = [];
  source.split('\n').forEach((raw, i) => {
    const text = raw.replace(/\r$/, '');
    if (text.trim() === '' || text.startsWith('#')) return;
    const [category, surface, selector, extra] = text.split('\t');
    const where = `${file}:${i + 1}`;
    if (!(CATEGORIES as readonly string[]).includes(category)) throw new GoldError(`${where}: unknown category '${category}'`);
    if (!surface) throw new GoldError(`${where}: no surface string`);
    if (extra !== undefined) throw new GoldError(`${where}: too many fields`);
    // A surface may span a line break of the passage, written {NL}.
    const g: GoldLine = { line: i + 1, category, surface: surface.replaceAll('{NL}', '\n') };
    if (selector !== undefined && selector !== '') {
      if (/^#\d+$/.test(selector)) g.select = Number(selector.slice(1));
      else if (selector.startsWith('@') && selector.includes('|')) {
        const bar = selector.indexOf('|');
        g.select = { left: selector.slice(1, bar), right: selector.slice(bar + 1) };
      } else throw new GoldError(`${where}: the selector must be #N or @left|right, not '${selector}'`);
    }
    lines.push(g);
  });
  return lines;
}

/** The front matter keys whose values are prose (docs/annotation.md §2). */
export const PROSE_KEYS = ['title', 'subtitle', 'abstract', 'description', 'summary', 'keywords'];

/**
 * The parts of a Markdown file's YAML front matter (`---` on the first line to a line of `---` or `...`) that
 * are not prose: the fences, every key, and the values of keys other than {@link PROSE_KEYS}. A top-level
 * key's value runs from its colon to the next top-level key (so block scalars and lists are included).
 */
export function frontMatterOutsideProse(text: string): [number, number][] {
  const fm = /^---\r?\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(text);
  if (!fm || fm.index !== 0) return [];
  const body = fm[0].indexOf('\n') + 1;
  const bodyEnd = body + fm[1].length;
  const out: [number, number][] = [];
  let from = 0;
  let proseOpen = false;
  for (const key of fm[1].matchAll(/^([A-Za-z_][\w-]*)[ \t]*:/gm)) {
    const at = body + key.index;
    if (proseOpen) from = at;
    proseOpen = PROSE_KEYS.includes(key[1]);
    if (proseOpen) {
      out.push([from, at + key[0].length]);
    }
  }
  if (!proseOpen) out.push([from, fm[0].length]);
  else out.push([bodyEnd, fm[0].length]);
  return out.filter(([s, e]) => e > s);
}

/** Regions of the passage where no gold mention can be: front matter outside its prose, citation keys, labels and references. */
export function excludedRegions(text: string, kind: 'markdown' | 'latex' | 'plain'): [number, number][] {
  const out: [number, number][] = [];
  if (kind === 'markdown') {
    out.push(...frontMatterOutsideProse(text));
    for (const m of text.matchAll(/\[@[^\]]*\]|\]\([^)]*\)|https?:\/\/\S+/g)) out.push([m.index, m.index + m[0].length]);
  }
  if (kind === 'latex') {
    for (const m of text.matchAll(/\\(?:cite[a-z]*|ref|eqref|label|includegraphics|url|href)\*?(?:\[[^\]]*\])*\{[^}]*\}/g)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** Whole-word occurrences of `surface`, outside the excluded regions, in text order. */
function occurrences(text: string, surface: string, excluded: [number, number][]): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(surface); i >= 0; i = text.indexOf(surface, i + 1)) {
    const end = i + surface.length;
    if (isWordChar(surface[0]) && isWordChar(text[i - 1])) continue;
    if (isWordChar(surface[surface.length - 1]) && isWordChar(text[end])) continue;
    if (excluded.some(([s, e]) => i < e && end > s)) continue;
    found.push(i);
  }
  return found;
}

/** Resolves the gold lines of one passage to non-overlapping spans, sorted by start. */
export function resolveGold(text: string, lines: GoldLine[], kind: 'markdown' | 'latex' | 'plain', file: string): GoldSpan[] {
  const excluded = excludedRegions(text, kind);
  const spans: GoldSpan[] = [];
  const overlaps = (s: number, e: number): GoldSpan | undefined => spans.find((g) => s < g.end && e > g.start);
  const ordered = [...lines].sort((a, b) => b.surface.length - a.surface.length || a.line - b.line);
  for (const g of ordered) {
    const where = `${file}:${g.line} (${g.category} '${g.surface}')`;
    const all = occurrences(text, g.surface, excluded);
    if (all.length === 0) throw new GoldError(`${where}: not found in the passage`);
    let chosen: number[];
    if (g.select === undefined) {
      chosen = all.filter((i) => !overlaps(i, i + g.surface.length));
      if (chosen.length === 0) throw new GoldError(`${where}: every occurrence lies inside a longer listed mention`);
    } else if (typeof g.select === 'number') {
      if (g.select > all.length) throw new GoldError(`${where}: asks for occurrence #${g.select} of ${all.length}`);
      chosen = [all[g.select - 1]];
    } else {
      const { left, right } = g.select;
      chosen = all.filter((i) => text.slice(0, i).endsWith(left) && text.startsWith(right, i + g.surface.length));
      if (chosen.length !== 1) throw new GoldError(`${where}: context @${left}|${right} matches ${chosen.length} occurrences, not one`);
    }
    for (const i of chosen) {
      const other = overlaps(i, i + g.surface.length);
      if (other) throw new GoldError(`${where}: the span at ${i} overlaps '${other.text}' at ${other.start}`);
      spans.push({ start: i, end: i + g.surface.length, category: g.category, text: g.surface });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
