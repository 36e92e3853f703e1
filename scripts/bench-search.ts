/**
 * Benchmark of the lexicon search: index build time and the median time of one query over the built-in
 * lexicon and over a synthetic 2,000-entry lexicon (the built-in entries plus generated ones). The queries
 * are those of the relevance set (test/fixtures/search-relevance.json): abbreviations, partial words,
 * misspellings, Chinese and brand names. `npm run bench` calls it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { entryForms, toEntry } from '../src/core/lexicon/build';
import type { Category, Entry, Lexicon, SourceEntry } from '../src/core/lexicon/lexicon';
import { CATEGORIES } from '../src/core/lexicon/lexicon';
import { SearchIndex } from '../src/core/search/search';
import { loadBuiltinLexicon } from '../src/node/builtin';

/** Resolved from the repository root, where benchmarks and tests run. */
export const RELEVANCE_FILE = path.join(process.cwd(), 'test', 'fixtures', 'search-relevance.json');

export interface RelevanceQuery {
  query: string;
  /** The entry the author looks for; null for a term the lexicon lacks, which must show nothing. */
  expect: string | null;
  /** The expected entry must rank first (1) or among the first three (3). */
  rank?: 1 | 3;
  kind: string;
  /** For an absent term: entries that may still be shown (they name the term, e.g. CD19 CAR-T products). */
  allow?: string[];
  /** Entries that must not be shown for this query (padding a user would have to read past). */
  forbid?: string[];
  /**
   * For an absent term: absent from the curated entries only, so that the generated tier (from the field's
   * ontologies, which may hold it: the CD19 gene) may show it.
   */
  absentFrom?: 'curated';
}

export function readRelevanceQueries(): RelevanceQuery[] {
  return (JSON.parse(fs.readFileSync(RELEVANCE_FILE, 'utf8')) as { queries: RelevanceQuery[] }).queries;
}

/** How a search does on the relevance set: what is shown (`search` returns only what the user sees). */
export interface RelevanceReport {
  /** Queries with an expected entry, and how many have it first and among the first three. */
  withEntry: number;
  top1: number;
  top3: number;
  /** Absent terms, and how many show nothing (but their allowed entries). */
  absent: number;
  absentEmpty: number;
  /** One line per query that misses its rank, shows an absent term's results, or shows a forbidden entry. */
  misses: string[];
}

export function evaluateRelevance(search: (query: string) => { entry: { id: string; tier?: string } }[], queries: readonly RelevanceQuery[]): RelevanceReport {
  const report: RelevanceReport = { withEntry: 0, top1: 0, top3: 0, absent: 0, absentEmpty: 0, misses: [] };
  for (const q of queries) {
    const results = search(q.query);
    const got = results.map((r) => r.entry.id);
    const label = `'${q.query}' (${q.kind})`;
    const forbidden = got.filter((id) => q.forbid?.includes(id));
    if (forbidden.length > 0) report.misses.push(`${label}: shows ${forbidden.join(', ')}`);
    if (q.expect === null) {
      report.absent++;
      const shown = results.filter((r) => !q.allow?.includes(r.entry.id) && !(q.absentFrom === 'curated' && r.entry.tier === 'generated')).map((r) => r.entry.id);
      if (shown.length === 0) report.absentEmpty++;
      else report.misses.push(`${label}: absent term, shows [${shown.slice(0, 5).join(', ')}]`);
      continue;
    }
    report.withEntry++;
    const rank = got.indexOf(q.expect) + 1;
    if (rank === 1) report.top1++;
    if (rank >= 1 && rank <= 3) report.top3++;
    if (rank === 0 || rank > (q.rank ?? 1)) report.misses.push(`${label}: expected ${q.expect} at rank <= ${q.rank ?? 1}, got [${got.slice(0, 3).join(', ')}]`);
  }
  return report;
}

/** A small deterministic PRNG (mulberry32), so the synthetic lexicon is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ab', 'ci', 'do', 'li', 'mab', 'zu', 'ne', 'tro', 'phi', 'lo', 'gen', 'ka', 'ri', 'sta', 'vel', 'mu', 'cyt', 'ox', 'pla', 'sin', 'ter', 'ul', 'van', 'qui'];
const WORDS = ['cell', 'receptor', 'ligand', 'factor', 'kinase', 'antibody', 'inhibitor', 'protein', 'response', 'therapy', 'tumour', 'carcinoma', 'pathway', 'antigen', 'marker', 'agonist'];
const HAN_CHARS = '细胞因子受体配抗原激酶蛋白抑制剂肿瘤免疫治疗反应标志物通路效应调节性活化浸润淋巴';

/** A synthetic lexicon of `size` entries: the built-in entries first, then generated ones. Deterministic. */
export function syntheticLexicon(base: Lexicon, size: number): Lexicon {
  const rand = prng(2024);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const word = () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SYLLABLES)).join('');
  const han = (n: number) => Array.from({ length: n }, () => pick([...HAN_CHARS])).join('');
  const defWords = base.entries.flatMap((e) => e.definition.en.split(/\s+/)).slice(0, 5000);
  const entries: Entry[] = [...base.entries];
  for (let i = 0; entries.length < size; i++) {
    const name = `${word()} ${pick(WORDS)}`;
    const abbr = `${name.slice(0, 2).toUpperCase()}${i % 97}`;
    const source: SourceEntry = {
      id: `synthetic-${i}`,
      category: pick(CATEGORIES) as Category,
      label: { en: name, zh: `${han(3)}${han(2)}` },
      abbreviations: [abbr],
      synonyms: [`${word()} ${pick(WORDS)}`, `${name} ${pick(WORDS)}`],
      zh: [han(4)],
      brands: rand() < 0.2 ? [word().replace(/^./, (c) => c.toUpperCase())] : [],
      definition: {
        en: Array.from({ length: 40 }, () => pick(defWords)).join(' '),
        zh: `${han(30)}。${han(30)}。`,
      },
    };
    entries.push(toEntry(source, entryForms(source, () => []), []));
  }
  return { source: `synthetic-${size}`, entries };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The value below which 95% of `xs` lie. */
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))];
}

/**
 * Median build time over `runs` fresh indexes; the median over every query of its median time, and the 95th
 * percentile of those per-query medians (the slow queries: long misspellings, pinyin that matches nothing).
 */
function measure(lexicon: Lexicon, queries: string[], runs: number): { buildMs: number; queryMedianMs: number; queryP95Ms: number } {
  const builds: number[] = [];
  let index = new SearchIndex(lexicon);
  index.build(); // warm-up (JIT, folding tables)
  for (let r = 0; r < runs; r++) {
    index = new SearchIndex(lexicon);
    builds.push(index.build());
  }
  for (const q of queries) index.search(q); // warm-up
  const perQuery = queries.map((q) => {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      index.search(q);
      times.push(performance.now() - t0);
    }
    return median(times);
  });
  return { buildMs: median(builds), queryMedianMs: median(perQuery), queryP95Ms: p95(perQuery) };
}

/** The search benchmark (see the file comment). */
export async function benchSearch(runs = 7): Promise<{
  bench: string;
  entries: number;
  buildMs: number;
  queryMedianMs: number;
  queryP95Ms: number;
  synthetic2000QueryMedianMs: number;
  synthetic2000QueryP95Ms: number;
  synthetic2000BuildMs: number;
}> {
  const builtin = loadBuiltinLexicon();
  const queries = readRelevanceQueries().map((q) => q.query);
  const real = measure(builtin, queries, runs);
  const synthetic = measure(syntheticLexicon(builtin, 2000), queries, runs);
  return {
    bench: 'search',
    entries: builtin.entries.length,
    buildMs: round(real.buildMs),
    queryMedianMs: round(real.queryMedianMs),
    queryP95Ms: round(real.queryP95Ms),
    synthetic2000QueryMedianMs: round(synthetic.queryMedianMs),
    synthetic2000QueryP95Ms: round(synthetic.queryP95Ms),
    synthetic2000BuildMs: round(synthetic.buildMs),
  };
}

if (/bench-search\.[cm]?[tj]s$/.test(process.argv[1] ?? '')) {
  benchSearch().then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
