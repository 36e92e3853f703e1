/**
 * `npm run bench`: speed figures for the matcher, incremental re-annotation, hover, activation work,
 * search, BibTeX parsing and mining. Prints one JSON line per benchmark. Figures are medians of several runs.
 * search, BibTeX parsing and the CLI annotating a PubTator corpus. Prints one JSON line per benchmark. Figures are medians of several runs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderCard } from '../src/core/cards/card';
import { DocumentMentions, stringParagraphReader } from '../src/core/matching/incremental';
import type { Entry, Lexicon } from '../src/core/lexicon/lexicon';
import { indexById } from '../src/core/lexicon/lexicon';
import { Matcher } from '../src/core/matching/matcher';
import { mine } from '../src/core/mining/mine';
import { loadBuiltinLexicon, readBuiltLexicon } from '../src/node/builtin';
import { benchBib } from './bench-bib';
import { benchCorpus } from './bench-corpus';
import { benchSearch } from './bench-search';
import { benchStarts } from './bench-starts';

/** The repository root: benchmarks run from it (npm run bench). */
const ROOT = process.cwd();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn: () => void, runs: number): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

/** A deterministic pseudo-random generator, so every run benchmarks the same text. */
function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

/** A Markdown manuscript of about `bytes` characters with terms, prose, code, math, links and comments. */
export function generateManuscript(lexicon: Lexicon, bytes: number): string {
  const r = rng(42);
  const forms = lexicon.entries.flatMap((e) => e.forms.map((f) => f.text));
  const prose = 'the patients received treatment and the response was assessed after several weeks of follow up in this cohort while the investigators measured'.split(' ');
  const parts: string[] = ['---\ntitle: Generated manuscript\n---\n\n'];
  let size = 0;
  let para = 0;
  while (size < bytes) {
    let p = '';
    const kind = para++ % 12;
    if (kind === 5) p = '```python\nx = run("PD-L1")\nprint(x)\n```';
    else if (kind === 9) p = '$$\n\\frac{a}{b} + PD\n$$';
    else {
      const words: string[] = [];
      for (let i = 0; i < 90; i++) {
        const x = r(100);
        if (x < 12) words.push(forms[r(forms.length)]);
        else if (x < 13) words.push('`code`');
        else if (x < 14) words.push('$x_i$');
        else if (x < 15) words.push('[link](https://example.org/a)');
        else if (x < 16) words.push('<!-- note -->');
        else if (x < 17) words.push('[@smith2020]');
        else words.push(prose[r(prose.length)]);
      }
      p = words.join(' ') + '.';
    }
    parts.push(p, '\n\n');
    size += p.length + 2;
  }
  return parts.join('');
}

/** A synthetic lexicon of n entries with plausible-looking forms (for scaling figures). */
export function syntheticEntries(n: number): Entry[] {
  const r = rng(7);
  const syll = ['ka', 'lo', 'mi', 'zen', 'tor', 'vex', 'qui', 'ran', 'sul', 'pha', 'dro', 'nex', 'bri', 'cal', 'mab', 'tin'];
  const out: Entry[] = [];
  for (let i = 0; i < n; i++) {
    const name = Array.from({ length: 3 + r(3) }, () => syll[r(syll.length)]).join('');
    const abbr = `${name.slice(0, 3).toUpperCase()}-${i}`;
    out.push({
      id: `synthetic-${i}`,
      category: 'molecule',
      label: { en: `${name} factor`, zh: `合成${i}` },
      abbreviations: [abbr],
      synonyms: [`${name} protein`],
      zh: [],
      brands: [],
      definition: { en: 'Synthetic.', zh: '合成。' },
      relations: [],
      ids: {},
      forms: [
        { text: `${name} factor`, caseSensitive: false },
        { text: `${name} protein`, caseSensitive: false },
        { text: abbr, caseSensitive: true },
      ],
      evidence: [],
    });
  }
  return out;
}

/** The floor: one pass of charCodeAt over the text, doing as little as possible with each code unit. */
function charCodeAtFloor(text: string): number {
  let h = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) h = (h + text.charCodeAt(i)) | 0;
  return h;
}

function matcherBench(): object {
  const lexicon = loadBuiltinLexicon();
  const big: Lexicon = { source: 'bench', entries: [...lexicon.entries, ...syntheticEntries(2000)] };
  const text = generateManuscript(lexicon, 5 * 1024 * 1024);
  const mb = text.length / (1024 * 1024);
  const matcher = new Matcher(lexicon);
  const bigMatcher = new Matcher(big);
  let sink = 0;
  // The floor and the full annotation are timed in alternation, so both see the same machine load; the
  // ratio is that of their medians, and of their best runs.
  const floorTimes: number[] = [];
  const fullTimes: number[] = [];
  let mentions = 0;
  for (let r = 0; r < 21; r++) {
    let t0 = performance.now();
    sink ^= charCodeAtFloor(text);
    floorTimes.push(performance.now() - t0);
    t0 = performance.now();
    mentions = matcher.annotate(text, 'markdown').length;
    fullTimes.push(performance.now() - t0);
  }
  const floorMs = median(floorTimes);
  const fullMs = median(fullTimes);
  const bigMs = time(() => {
    sink ^= bigMatcher.annotate(text, 'markdown').length;
  }, 5);
  // What simple highlighters do: one RegExp per form. Too slow for 5 MB, so measured on a slice, with the
  // curated tier's forms (the generated tier's 12,000 more RegExps exhaust the heap: this is the yardstick).
  const slice = text.slice(0, 256 * 1024);
  const regexes = lexicon.entries.filter((e) => e.tier === undefined).flatMap((e) =>
    e.forms.map((f) => new RegExp(`(?<![\\p{L}\\p{N}])${f.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, f.caseSensitive ? 'gu' : 'giu')),
  );
  const perTermMs = time(() => {
    for (const re of regexes) {
      re.lastIndex = 0;
      while (re.exec(slice)) sink++;
    }
  }, 3);
  const perTermMbPerSec = slice.length / (1024 * 1024) / (perTermMs / 1000);
  // Re-annotating one edited paragraph in the middle of the 5 MB document.
  const doc = new DocumentMentions(matcher, 'markdown');
  doc.full(text);
  let current = text;
  const editTimes: number[] = [];
  const keystrokeTimes: number[] = [];
  const r = rng(3);
  for (let k = 0; k < 60; k++) {
    let at = Math.floor(current.length / 2) + r(100000);
    while (current[at] !== ' ') at++;
    const change = { start: at, removedLength: 0, insertedText: k % 2 ? ' PD-L1' : ' x' };
    const next = current.slice(0, at) + change.insertedText + current.slice(at);
    next.indexOf('\u0000'); // flattens the concatenated string, as a document's text is flat
    const reader = stringParagraphReader(next);
    const t0 = performance.now();
    const ok = doc.applyChange(change, reader);
    const t1 = performance.now();
    editTimes.push(t1 - t0);
    if (!ok) doc.full(next);
    // The rest of the extension's own work per keystroke on a large document: the mentions of the visible
    // window (±200 lines, about 24 KB here) grouped by category for the decoration types (VS Code's own
    // position conversion and rendering are not included).
    const t2 = performance.now();
    const byCategory = new Map<string, number[]>();
    for (const m of doc.between(at - 12000, at + 12000)) {
      const list = byCategory.get(m.category) ?? [];
      list.push(m.start, m.end);
      byCategory.set(m.category, list);
    }
    keystrokeTimes.push(t1 - t0 + (performance.now() - t2));
    current = next;
  }
  // Hover: find the mention under the cursor and render its card.
  const byId = indexById(lexicon);
  const hoverTimes: number[] = [];
  for (let k = 0; k < 200; k++) {
    const m = doc.mentions[(k * 7919) % doc.mentions.length];
    const t0 = performance.now();
    const found = doc.at(m.start + 1)!;
    sink ^= renderCard(byId.get(found.id)!, { lang: 'en', byId, maxEvidence: 3, mentionCount: 1, links: true }).length;
    hoverTimes.push(performance.now() - t0);
  }
  const mbPerSec = mb / (fullMs / 1000);
  const floorMbPerSec = mb / (floorMs / 1000);
  if (sink === 0.5) console.log(sink);
  return {
    bench: 'matcher',
    mb: +mb.toFixed(2),
    entries: lexicon.entries.length,
    forms: matcher.formCount,
    mentions,
    mbPerSec: +mbPerSec.toFixed(1),
    floorMbPerSec: +floorMbPerSec.toFixed(1),
    ratioToFloor: +(floorMbPerSec / mbPerSec).toFixed(2),
    ratioToFloorBestRuns: +(Math.min(...fullTimes) / Math.min(...floorTimes)).toFixed(2),
    perTermRegexMbPerSec: +perTermMbPerSec.toFixed(3),
    speedupVsPerTermRegex: +(mbPerSec / perTermMbPerSec).toFixed(1),
    synthetic2000MbPerSec: +(mb / (bigMs / 1000)).toFixed(1),
    synthetic2000Entries: big.entries.length,
    paragraphReannotateMs: +median(editTimes).toFixed(4),
    keystrokeWorkMedianMs: +median(keystrokeTimes).toFixed(4),
    paragraphReannotateP95Ms: +[...editTimes].sort((a, b) => a - b)[Math.floor(editTimes.length * 0.95)].toFixed(4),
    hoverMedianMs: +median(hoverTimes).toFixed(4),
  };
}

async function activationBench(): Promise<object> {
  // What activate() does before it returns: read the built lexicon (with the matcher tables built with it).
  // The matcher is made right after activation returns (first annotation), so it is reported apart: from
  // the built tables (the built-in lexicon), and built from the entries (what a workspace lexicon costs).
  const file = path.join(ROOT, 'dist', 'lexicon.json');
  const t0 = performance.now();
  const lexicon = readBuiltLexicon(file, path.join(ROOT, 'dist', 'matcher-tables.bin'));
  const t1 = performance.now();
  const m = new Matcher(lexicon);
  const t2 = performance.now();
  const builds = Array.from({ length: 5 }, () => {
    const t = performance.now();
    new Matcher([...lexicon.entries]);
    return performance.now() - t;
  });
  const bundle = path.join(ROOT, 'dist', 'extension.js');
  return {
    bench: 'activation',
    activateLexiconLoadMs: +(t1 - t0).toFixed(2),
    matcherFromTablesMs: m.prebuilt ? +(t2 - t1).toFixed(2) : null,
    matcherBuildMedianMs: +median(builds).toFixed(2),
    forms: m.formCount,
    bundleKB: fs.existsSync(bundle) ? Math.round(fs.statSync(bundle).size / 1024) : null,
    ...coldStart(),
    ...(await benchStarts(ROOT, path.join(ROOT, 'out', 'bench', 'manuscript-20k.md'))),
  };
}

/**
 * `oncolex mine` on 1 MB: the review (text extracted from a PDF, English and Chinese) repeated to 1 MB, and a
 * generated 1 MB Markdown manuscript. The built-in matcher is built once before (as the CLI does).
 */
export function mineBench(): object {
  const lexicon = loadBuiltinLexicon();
  const matcher = new Matcher(lexicon);
  const reviewText = fs.readFileSync(path.join(ROOT, 'data', 'review', 'abscopal-review-2024.txt'), 'utf8');
  const review = reviewText.repeat(Math.ceil((1 << 20) / reviewText.length)).slice(0, 1 << 20);
  const manuscript = generateManuscript(lexicon, 1 << 20);
  let entries = 0;
  const reviewMs = time(() => (entries = mine([{ file: 'review.txt', text: review, language: 'plain' }], matcher).entries.length), 3);
  let manuscriptEntries = 0;
  const manuscriptMs = time(() => (manuscriptEntries = mine([{ file: 'manuscript.md', text: manuscript, language: 'markdown' }], matcher).entries.length), 3);
  return {
    bench: 'mine',
    reviewChars: review.length,
    review1MbMs: +reviewMs.toFixed(0),
    reviewEntries: entries,
    markdown1MbMs: +manuscriptMs.toFixed(0),
    markdownEntries: manuscriptEntries,
  };
}

/**
 * A 20 KB manuscript: the example review section, each copy followed by a paragraph with terms of the
 * generated tier (genes, cells and tumours from the field's ontologies), so that the first mentions include
 * both tiers.
 */
function manuscript20k(): string {
  const section = fs.readFileSync(path.join(ROOT, 'examples', 'review-section.md'), 'utf8') + GENERATED_TIER_PARAGRAPH;
  return section.repeat(Math.ceil(20000 / section.length)).slice(0, 20000);
}

const GENERATED_TIER_PARAGRAPH = `
Dendritic cells follow CCL19 and CCL21 to the lymph node, where T-cell receptor signalling through LCK and
ZAP70 begins once HLA-A presents a tumour peptide. Langerhans cells sit in the epidermis. Patients with
osteosarcoma, Ewing sarcoma or neuroblastoma were included; KRAS and BRCA1 were sequenced, and EGFR, ERBB2
and CD20 were stained.
`;

/**
 * §3 of issue 15: from loading the code to the first mentions of a 20 KB manuscript, in fresh processes
 * (out/bench/cold.js, built by run-bench.mjs); the median of five.
 */
function coldStart(): object {
  const cold = path.join(ROOT, 'out', 'bench', 'cold.js');
  if (!fs.existsSync(cold)) return { coldStartToFirstMentionsMs: null };
  const textFile = path.join(ROOT, 'out', 'bench', 'manuscript-20k.md');
  fs.writeFileSync(textFile, manuscript20k());
  const script = `const t0 = performance.now(); const c = require(${JSON.stringify(cold)}); process.stdout.write(JSON.stringify(c.firstMentions(t0, ${JSON.stringify(path.join(ROOT, 'dist', 'lexicon.json'))}, ${JSON.stringify(path.join(ROOT, 'dist', 'matcher-tables.bin'))}, require('fs').readFileSync(${JSON.stringify(textFile)}, 'utf8'))))`;
  const runs = Array.from({ length: 5 }, () => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Record<string, number>);
  runs.sort((a, b) => a.coldStartToFirstMentionsMs - b.coldStartToFirstMentionsMs);
  return runs[2];
}

/** `npm run bench [name…]`: every line, or only the named ones (activation, matcher, search, bibtex, mine, corpus). */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const benches: [string, () => object | Promise<object>][] = [
    ['activation', activationBench],
    ['matcher', matcherBench],
    ['search', benchSearch],
    ['bibtex', benchBib],
    ['mine', mineBench],
    ['corpus', () => benchCorpus(ROOT, loadBuiltinLexicon())],
  ];
  const unknown = only.filter((name) => !benches.some(([n]) => n === name));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; the benches are ${benches.map(([n]) => n).join(', ')}`);
  for (const [name, run] of benches) if (only.length === 0 || only.includes(name)) console.log(JSON.stringify(await run()));
}

if (/bench\.[cm]?[tj]s$/.test(process.argv[1] ?? '')) void main();
