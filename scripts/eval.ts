/**
 * `npm run eval`: runs the CLI's default annotation (the built-in lexicon) on every passage of each evaluation
 * set (`passages`, then `pool`, then the held-out `fresh`, `fresh2`, `fresh3`, `fresh4`, `fresh5`, `fresh6` and `fresh7` where their
 * texts are present; `--set NAME` runs one)
 * and compares it with the gold mentions. Prints strict and overlap precision, recall and F1 per category
 * and overall, the misses and false marks of each passage, and ends each set with one JSON line for tools.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CliMention } from '../src/cli/annotate';
import { CATEGORIES } from '../src/core/lexicon/lexicon';
import { loadBuiltinLexicon } from '../src/node/builtin';
import type { Counts, Mode, Span } from './eval/score';
import { countByCategory, countDocument, prf } from './eval/score';
import { scoreAbbreviations } from './eval/abbreviations';
import type { EvalSet } from './eval/passages';
import { EVAL_SETS, goldDir, loadPassages, MissingTextError, OPTIONAL_SETS, textDir, textRoots, textsAvailable } from './eval/passages';

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
const round = (x: number): number => Math.round(x * 1000) / 1000;

function row(label: string, c: Counts): string {
  const { p, r, f1 } = prf(c);
  return `${label.padEnd(12)} ${String(c.gold).padStart(5)} ${String(c.pred).padStart(5)}   ${pct(p)} ${pct(r)} ${pct(f1)}`;
}

const WORKER = path.join(__dirname, 'eval', 'worker.ts');

/** A passage the matcher has not finished in this time counts as unmarked (and is reported). */
const PASSAGE_TIMEOUT_MS = Number(process.env.ONCOLEX_EVAL_TIMEOUT_MS ?? 2_000);

/**
 * The CLI's annotation of each passage, computed in a worker thread; a passage that takes longer than the
 * timeout yields no mentions (`undefined`), and a fresh worker takes the next one.
 */
async function annotateAll(passages: { text: string; file: string }[]): Promise<(CliMention[] | undefined)[]> {
  const out: (CliMention[] | undefined)[] = [];
  let worker: Worker | undefined;
  for (const p of passages) {
    // The worker loads the TypeScript sources as this process does, through tsx (a worker does not inherit
    // the loader that `tsx` registered here).
    if (!worker) {
      worker = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(WORKER)});`, { eval: true });
      const starting = worker;
      await new Promise<void>((resolve, reject) => {
        starting.once('message', () => resolve());
        starting.once('error', reject);
      });
      starting.removeAllListeners('error');
    }
    const w = worker;
    const result = await new Promise<CliMention[] | undefined>((resolve, reject) => {
      const timer = setTimeout(() => resolve(undefined), PASSAGE_TIMEOUT_MS);
      w.once('message', (m: CliMention[]) => {
        clearTimeout(timer);
        resolve(m);
      });
      w.once('error', reject);
      w.postMessage(p);
    });
    if (result === undefined) {
      await w.terminate();
      worker = undefined;
    } else w.removeAllListeners('error');
    out.push(result);
  }
  await worker?.terminate();
  return out;
}

/**
 * The sets to run: `--set NAME` runs one; by default all, each reported on its own, except an optional set
 * whose texts this checkout lacks (main says so).
 */
function setsFromArgs(argv: readonly string[]): EvalSet[] {
  const i = argv.indexOf('--set');
  if (i < 0) return [...EVAL_SETS];
  const name = argv[i + 1];
  if (!(EVAL_SETS as readonly string[]).includes(name)) throw new Error(`--set takes one of ${EVAL_SETS.join(', ')}, not '${name ?? ''}'`);
  return [name as EvalSet];
}

async function evaluate(set: EvalSet): Promise<void> {
  const started = Date.now();
  const passages = loadPassages(set);
  console.log(`\n===== ${set}: gold in ${path.relative(process.cwd(), goldDir(set))}, texts in ${textDir(set)} =====`);
  const annotations = await annotateAll(passages);
  const docs = passages.map((ps, i) => {
    const pred: (Span & { text: string })[] = (annotations[i] ?? []).map((m) => ({ start: m.start, end: m.end, category: m.category, text: m.text }));
    return { ps, gold: ps.gold, pred, timedOut: annotations[i] === undefined };
  });

  const results = {} as Record<Mode, ReturnType<typeof countByCategory>>;
  for (const mode of ['strict', 'overlap'] as Mode[]) {
    results[mode] = countByCategory(docs, mode);
    console.log(`\n${mode}: gold, predicted, P, R, F1 (%)`);
    console.log(`${'category'.padEnd(12)} ${'gold'.padStart(5)} ${'pred'.padStart(5)}   ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}`);
    const cats = [...CATEGORIES, ...[...results[mode].byCategory.keys()].filter((c) => !(CATEGORIES as readonly string[]).includes(c))];
    for (const c of cats) {
      const k = results[mode].byCategory.get(c);
      if (k) console.log(row(c, k));
    }
    console.log(row('overall', results[mode].overall));
  }

  // Per tier: the curated lexicon, the generated tier (ontologies), and terms the document defines (doc:…).
  const tierOf = new Map(loadBuiltinLexicon().entries.map((e) => [e.id, e.tier ?? 'curated']));
  console.log('\nby tier (strict / overlap): predicted, correct, P (%), gold found');
  for (const tier of ['curated', 'generated', 'document']) {
    for (const mode of ['strict', 'overlap'] as Mode[]) {
      let pred = 0;
      let correct = 0;
      let found = 0;
      for (const d of docs) {
        const mine = d.pred.filter((m) => (tierOf.get((annotations[docs.indexOf(d)] ?? []).find((a) => a.start === m.start && a.end === m.end)?.id ?? '') ?? 'document') === tier);
        const c = countDocument(d.gold, mine, mode).counts;
        pred += c.pred;
        correct += c.tpPred;
        found += c.tpGold;
      }
      console.log(`${`${tier}${mode === 'overlap' ? '~' : ''}`.padEnd(12)} ${String(pred).padStart(5)} ${String(correct).padStart(5)}   ${pct(pred === 0 ? 1 : correct / pred)} ${String(found).padStart(5)}`);
    }
  }

  console.log('\nby kind and language (strict / overlap): gold, predicted, P, R, F1 (%)');
  const groups = new Map<string, typeof docs>();
  for (const d of docs) for (const key of [d.ps.kind, d.ps.language]) groups.set(key, [...(groups.get(key) ?? []), d]);
  for (const [key, group] of groups) {
    for (const mode of ['strict', 'overlap'] as Mode[]) console.log(row(`${key}${mode === 'overlap' ? '~' : ''}`, countByCategory(group, mode).overall));
  }

  console.log('\nper passage (strict): - missed gold, + false mark; [category] text');
  const show = (s: Span & { text: string }): string => `[${s.category}] ${s.text.replace(/\s+/g, ' ')}`;
  for (const { ps, gold, pred, timedOut } of docs) {
    const { missed, falseMarks } = countDocument(gold, pred, 'strict');
    const { p, r } = prf(countDocument(gold, pred, 'strict').counts);
    const stopped = timedOut ? `  STOPPED: the annotation did not finish in ${PASSAGE_TIMEOUT_MS} ms; counted as unmarked` : '';
    console.log(`${ps.id} (${ps.kind}, ${ps.language}): gold ${gold.length}, pred ${pred.length}, P ${pct(p)} R ${pct(r)}${stopped}`);
    if (missed.length) console.log(`  - ${missed.map((s) => show(s as Span & { text: string })).join(' · ')}`);
    if (falseMarks.length) console.log(`  + ${falseMarks.map((s) => show(s as Span & { text: string })).join(' · ')}`);
  }

  const s = prf(results.strict.overall);
  const o = prf(results.overlap.overall);
  const gold = docs.reduce((n, d) => n + d.gold.length, 0);
  const stopped = docs.filter((d) => d.timedOut).map((d) => d.ps.id);
  console.log(`\n${set}: ${passages.length} passages, ${gold} gold mentions, ${Date.now() - started} ms${stopped.length ? `; stopped (no result): ${stopped.join(', ')}` : ''}`);
  // Abbreviation pairs (what `oncolex mine` reports) against the gold pairs, where a passage has them.
  const ab = scoreAbbreviations(passages);
  if (ab.gold > 0) {
    const abP = ab.pred === 0 ? 1 : ab.correct / ab.pred;
    const abR = ab.gold === 0 ? 1 : ab.correct / ab.gold;
    console.log(`\nabbreviation pairs: gold ${ab.gold}, found ${ab.pred}, correct ${ab.correct}, P ${pct(abP)} R ${pct(abR)}`);
    for (const e of ab.errors) {
      const show = (xs: { short: string; long: string }[]) => xs.map((x) => `${x.short} = ${x.long}`).join(' · ');
      console.log(`${e.id}:${e.missed.length ? `\n  - ${show(e.missed)}` : ''}${e.wrong.length ? `\n  + ${show(e.wrong)}` : ''}`);
    }
    console.log(JSON.stringify({ eval: 'abbreviations', set, precision: round(abP), recall: round(abR), gold: ab.gold, found: ab.pred, correct: ab.correct }));
  }
  console.log(
    JSON.stringify({ eval: 'mentions', set, strictP: round(s.p), strictR: round(s.r), strictF1: round(s.f1), overlapP: round(o.p), overlapR: round(o.r), overlapF1: round(o.f1), passages: passages.length, gold }),
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const named = args.includes('--set');
  for (const set of setsFromArgs(args)) {
    if (!named && OPTIONAL_SETS.includes(set) && !textsAvailable(set)) {
      const looked = textRoots().map((r) => path.join(r, set)).join(', ');
      console.log(`\n===== ${set}: not run, its texts are not in ${looked} (gold in ${path.relative(process.cwd(), goldDir(set))}; set ONCOLEX_EVAL_TEXTS to a folder holding ${set}/) =====`);
      continue;
    }
    await evaluate(set);
  }
}

main().catch((e: unknown) => {
  // Missing texts are the user's setup, not a bug: the message names where they were looked for.
  console.error(`oncolex eval: ${e instanceof MissingTextError ? e.message : ((e as Error).stack ?? String(e))}`);
  process.exitCode = 1;
});
