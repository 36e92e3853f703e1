/**
 * The abbreviation pairs of the evaluation set: gold pairs (`passages/<id>.abbr.tsv`, `SHORT<TAB>long form`
 * per line, `#` starts a comment; written by reading each passage) against the pairs `oncolex mine` reports
 * (src/core/mining/mine.ts, the same detector as a manuscript's own abbreviations). A pair counts when its short
 * form (a plural `s` aside) and its long form (case, spaces and dash kinds aside) are those of a gold pair.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { singular } from '../../src/core/matching/definedAbbreviations';
import { Matcher } from '../../src/core/matching/matcher';
import { mine } from '../../src/core/mining/mine';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import type { Passage } from './passages';
import { goldDir } from './passages';

export interface Pair {
  short: string;
  long: string;
}

/** Reads a `.abbr.tsv` file; throws naming the file and line when a line is not `SHORT<TAB>long`. */
export function parseAbbreviationGold(text: string, file: string): Pair[] {
  const out: Pair[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [short, long, ...rest] = line.split('\t');
    if (!short || !long || rest.length > 0) throw new Error(`${file}:${i + 1}: expected SHORT<TAB>long form`);
    out.push({ short: short.trim(), long: long.trim() });
  });
  return out;
}

/** What makes two pairs the same (see the module comment). */
export function pairKey(p: Pair): string {
  const long = p.long.toLowerCase().replace(/[\s]+/g, '').replace(/[‐‑‒–—−]/g, '-');
  return `${singular(p.short.trim())}\u0000${long}`;
}

export interface PairScore {
  gold: number;
  pred: number;
  correct: number;
  /** Per passage: gold pairs missed and predicted pairs not in the gold. */
  errors: { id: string; missed: Pair[]; wrong: Pair[] }[];
}

/** Scores the miner's pairs on the passages that have a `.abbr.tsv` file. */
export function scoreAbbreviations(passages: readonly Passage[]): PairScore {
  const matcher = new Matcher(loadBuiltinLexicon());
  const score: PairScore = { gold: 0, pred: 0, correct: 0, errors: [] };
  for (const p of passages) {
    const goldFile = path.join(goldDir(p.set), `${p.id}.abbr.tsv`);
    if (!fs.existsSync(goldFile)) continue;
    const gold = new Map(parseAbbreviationGold(fs.readFileSync(goldFile, 'utf8'), goldFile).map((g) => [pairKey(g), g]));
    const pred = new Map(mine([{ file: p.file, text: p.text, language: p.kind }], matcher).abbreviations.map((a) => [pairKey(a), { short: a.short, long: a.long }]));
    score.gold += gold.size;
    score.pred += pred.size;
    const missed = [...gold].filter(([k]) => !pred.has(k)).map(([, g]) => g);
    const wrong = [...pred].filter(([k]) => !gold.has(k)).map(([, g]) => g);
    score.correct += pred.size - wrong.length;
    if (missed.length > 0 || wrong.length > 0) score.errors.push({ id: p.id, missed, wrong });
  }
  return score;
}
