/**
 * Builds generated/search-readings.json, what the lexicon search (src/core/search/search.ts) needs to find a Chinese
 * name the way an author at an English keyboard types it: the pinyin and the initials (首字母) of every
 * Chinese name, synonym, brand and abbreviation of every built lexicon in generated/ (the curated lexicon and
 * any generated tier beside it), a per-character reading for Chinese names the table lacks (workspace
 * lexicons), and a traditional → simplified table for the characters of this vocabulary.
 *
 * The readings come from pinyin-pro (word-level, so polyphonic characters are read in context: 单抗 dān kàng,
 * 调节 tiáo jié), corrected by {@link OVERRIDES} where it errs in this vocabulary; the traditional forms from
 * OpenCC (opencc-js). Both are devDependencies used here only: the hosts load the JSON this writes, never
 * either library. Deterministic: the same lexicons give byte-identical output (a unit test checks that the
 * committed file is not stale). Run by `npm run build:lexicon` after the lexicon, or alone with
 * `npm run build:readings`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as OpenCC from 'opencc-js';
import { customPinyin, pinyin } from 'pinyin-pro';

/** The repository's root: the first argument, else the working directory. */
const ROOT = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '.');
export const READINGS_FILE = 'search-readings.json';

const HAN = /\p{Script=Han}/u;

/**
 * Words of this vocabulary pinyin-pro reads wrong (checked for every polyphonic character of the lexicon:
 * run this script with `--polyphonic` to list them with the readings chosen).
 */
export const OVERRIDES: Record<string, string> = {
  // recombinant (重组人白细胞介素-2, 减数分裂重组蛋白): chóng, not zhòng (heavy, as in 重离子 heavy ion)
  重组: 'chóng zǔ',
  // intensity-modulated (调强放疗, 容积旋转调强放疗): tiáo, not diào
  调强: 'tiáo qiáng',
  // gamma (伽玛刀, Gamma Knife): gā, not jiā
  伽玛: 'gā mǎ',
  // grid (栅格放疗, GRID therapy): zhà, not shān
  栅格: 'zhà gé',
};

export interface SearchReadings {
  comment: string;
  /** Chinese text → [its pinyin, syllables separated by spaces; its initials]; other scripts kept as written. */
  readings: Record<string, [string, string]>;
  /** Han character → its most frequent reading in the vocabulary, for texts `readings` lacks. */
  chars: Record<string, string>;
  /** Traditional character → its simplified form, for the characters of the vocabulary that have one. */
  traditional: Record<string, string>;
}

/** A lexicon file's entries as far as their names go: built entries, or the source entries of a generated tier (one plain label). */
interface LexiconFile {
  entries: { label: { zh: string } | string; zh?: string[]; synonyms?: string[]; brands?: string[]; abbreviations?: string[]; names?: string[] }[];
}

/** The built lexicons in `dir`: every JSON file with an `entries` array (but our own output). */
export function builtLexicons(dir: string): { file: string; data: LexiconFile }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== READINGS_FILE)
    .sort()
    .map((f) => ({ file: f, data: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Partial<LexiconFile> }))
    .filter((x): x is { file: string; data: LexiconFile } => Array.isArray(x.data.entries));
}

/** Every distinct text with a Han character among the names of the entries, sorted. */
export function chineseTexts(lexicons: readonly LexiconFile[]): string[] {
  const texts = new Set<string>();
  for (const { entries } of lexicons) {
    for (const e of entries) {
      const label = typeof e.label === 'string' ? e.label : e.label.zh;
      for (const t of [label, ...(e.zh ?? []), ...(e.synonyms ?? []), ...(e.brands ?? []), ...(e.abbreviations ?? []), ...(e.names ?? [])]) {
        if (HAN.test(t)) texts.add(t);
      }
    }
  }
  return [...texts].sort();
}

let overridesInstalled = false;

/** pinyin-pro's syllables of a text, with {@link OVERRIDES}; non-Chinese runs are kept whole. */
function syllables(text: string): { origin: string; pinyin: string; isZh: boolean }[] {
  if (!overridesInstalled) {
    customPinyin(OVERRIDES);
    overridesInstalled = true;
  }
  return pinyin(text, { toneType: 'none', type: 'all', v: true, nonZh: 'consecutive' }).map((s) => ({ origin: s.origin, pinyin: s.pinyin, isZh: s.isZh }));
}

/** The readings of a text: its pinyin (syllables separated by a space) and its initials (首字母). */
export function readingOf(text: string): [string, string] {
  const full: string[] = [];
  let initials = '';
  for (const s of syllables(text)) {
    if (s.isZh) {
      full.push(s.pinyin);
      initials += s.pinyin[0];
    } else {
      // Latin, digits and punctuation as written: "PD-1 抑制剂" is "PD-1 yi zhi ji", initials "PD-1yzj".
      const kept = s.origin.trim();
      if (kept !== '') {
        full.push(kept);
        initials += kept;
      }
    }
  }
  return [full.join(' '), initials];
}

export function buildSearchReadings(lexicons: readonly LexiconFile[]): SearchReadings {
  const texts = chineseTexts(lexicons);
  const readings: Record<string, [string, string]> = {};
  const counts = new Map<string, Map<string, number>>();
  for (const t of texts) {
    readings[t] = readingOf(t);
    for (const s of syllables(t)) {
      if (!s.isZh || [...s.origin].length !== 1) continue;
      const m = counts.get(s.origin) ?? new Map<string, number>();
      counts.set(s.origin, m);
      m.set(s.pinyin, (m.get(s.pinyin) ?? 0) + 1);
    }
  }
  const chars: Record<string, string> = {};
  for (const c of [...counts.keys()].sort()) {
    // Most frequent reading; ties go to the alphabetically first, so the output is deterministic.
    chars[c] = [...counts.get(c)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  }
  const traditional: Record<string, string> = {};
  // Whole texts (OpenCC picks the traditional form by word) and single characters (the default form).
  const converters = [OpenCC.Converter({ from: 'cn', to: 't' }), OpenCC.Converter({ from: 'cn', to: 'tw' }), OpenCC.Converter({ from: 'cn', to: 'hk' })];
  // A traditional form that is itself a character of the vocabulary (著 in 显著, which OpenCC may give for 着)
  // is left alone: mapping it would break the names that use it.
  const pair = (s: string, t: string) => {
    if (s !== t && HAN.test(s) && HAN.test(t) && chars[t] === undefined && traditional[t] === undefined) traditional[t] = s;
  };
  for (const convert of converters) {
    for (const t of texts) {
      const s = [...t];
      const tr = [...convert(t)];
      if (tr.length === s.length) s.forEach((c, i) => pair(c, tr[i]));
    }
    for (const c of Object.keys(chars)) pair(c, convert(c));
  }
  const sortedTraditional: Record<string, string> = {};
  for (const k of Object.keys(traditional).sort()) sortedTraditional[k] = traditional[k];
  return {
    comment:
      'Generated by scripts/build-search-readings.ts from the lexicons in generated/ with pinyin-pro and opencc-js (versions in package.json); do not edit. Read by src/core/search/searchReadings.ts.',
    readings,
    chars,
    traditional: sortedTraditional,
  };
}

export function serializeSearchReadings(r: SearchReadings): string {
  return `${JSON.stringify(r, null, 0).replace(/^\{/, '{\n').replace(/,"(readings|chars|traditional)":/g, ',\n"$1":')}\n`;
}

/** For review: every polyphonic character of the vocabulary with the readings chosen and example texts. */
function listPolyphonic(texts: readonly string[]): void {
  const byChar = new Map<string, Map<string, string[]>>();
  for (const t of texts) {
    for (const s of syllables(t)) {
      if (!s.isZh) continue;
      const all = new Set(pinyin(s.origin, { toneType: 'none', multiple: true, type: 'array' }));
      if (all.size < 2) continue;
      const m = byChar.get(s.origin) ?? new Map<string, string[]>();
      byChar.set(s.origin, m);
      m.set(s.pinyin, [...(m.get(s.pinyin) ?? []), t]);
    }
  }
  for (const [c, m] of byChar) console.log(`${c}  ${[...m].map(([p, ts]) => `${p} (${ts.length}: ${ts.slice(0, 3).join('、')})`).join('  |  ')}`);
}

function main(): void {
  const dir = path.join(ROOT, 'generated');
  const lexicons = builtLexicons(dir).map((x) => x.data);
  if (process.argv.includes('--polyphonic')) {
    listPolyphonic(chineseTexts(lexicons));
    return;
  }
  const out = buildSearchReadings(lexicons);
  fs.writeFileSync(path.join(dir, READINGS_FILE), serializeSearchReadings(out));
  console.log(`search readings: ${Object.keys(out.readings).length} Chinese names, ${Object.keys(out.chars).length} characters, ${Object.keys(out.traditional).length} traditional forms`);
}

if (/build-search-readings\.[cm]?[tj]s$/.test(process.argv[1] ?? '')) main();
