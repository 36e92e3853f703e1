/**
 * `npm run bench`, line `{"bench":"corpus",…}`: the shipped CLI (dist/cli.js) annotating 10,000 generated
 * PubTator abstracts end to end (start-up, reading, matching, writing), with one job and with two, beside
 * the published figure for OGER++ (about 9.7 abstracts/s). Process start-up is part of every run, as it is
 * for a user; it is also why two jobs cannot be twice as fast.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Lexicon } from '../src/core/lexicon/lexicon';

const OGER_PLUS_PLUS_ABSTRACTS_PER_SEC = 9.7;

/** `count` PubTator abstracts of about 250 words (a PubMed abstract's length), 1 word in 12 a lexicon form, some outside the BMP. */
export function generateAbstracts(lexicon: Lexicon, count: number): string {
  let s = 7;
  const r = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return (s >>> 8) % n;
  };
  const forms = lexicon.entries.flatMap((e) => e.forms.map((f) => f.text));
  const prose = 'patients were enrolled between and the primary end point was assessed after weeks of follow up in this cohort while investigators measured the 𝛾 rates of'.split(' ');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words: string[] = [];
    for (let w = 0; w < 250; w++) words.push(r(12) === 0 ? forms[r(forms.length)] : prose[r(prose.length)]);
    out.push(`${10000000 + i}|t|${forms[r(forms.length)]} and ${forms[r(forms.length)]} in a phase II trial`, `${10000000 + i}|a|${words.join(' ')}.`, '');
  }
  return `${out.join('\n')}\n`;
}

/**
 * Two independent `--jobs 1` processes on the same input at once: the milliseconds until both are done.
 * Twice the one-job time divided by this is what two cores give this work with no coordination at all (the
 * machine's ceiling for `--jobs 2`: shared caches, memory bandwidth, V8's background threads of each).
 */
function runTwoApart(cli: string, input: string, outputs: [string, string]): number {
  const t0 = performance.now();
  const one = (out: string) => `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} annotate --format pubtator --jobs 1 ${JSON.stringify(input)} > ${JSON.stringify(out)}`;
  execFileSync('sh', ['-c', `${one(outputs[0])} & ${one(outputs[1])}; wait`], { stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - t0;
}

function runCli(cli: string, input: string, output: string, jobs: number): number {
  const fd = fs.openSync(output, 'w');
  const t0 = performance.now();
  execFileSync(process.execPath, [cli, 'annotate', '--format', 'pubtator', '--jobs', String(jobs), input], { stdio: ['ignore', fd, 'inherit'] });
  const ms = performance.now() - t0;
  fs.closeSync(fd);
  return ms;
}

/**
 * `ceilingTwoProcessesApart` (see runTwoApart) says how far two cores can take this work on this machine.
 * Both modes run the same input file from the page cache, in fresh processes, after one untimed run each
 * (so neither pays for a cold disk or a first build); then `runs` rounds alternate the order (1, N, N, 1…),
 * so a neighbour's load drifts over both alike. Figures are medians, with the fastest and slowest run beside
 * them: on a shared machine the spread says how far to trust them.
 */
export function benchCorpus(root: string, lexicon: Lexicon, count = 10000, runs = 7): object {
  const cli = path.join(root, 'dist', 'cli.js');
  // Always the current sources: a stale dist/ would measure old code.
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-bench-'));
  const input = path.join(dir, 'abstracts.pubtator');
  fs.writeFileSync(input, generateAbstracts(lexicon, count));
  const jobs = Math.max(2, os.availableParallelism());
  const oneOut = path.join(dir, 'one.pubtator');
  const manyOut = path.join(dir, 'many.pubtator');
  runCli(cli, input, oneOut, 1);
  runCli(cli, input, manyOut, jobs);
  const one: number[] = [];
  const many: number[] = [];
  const apart: number[] = [];
  for (let k = 0; k < runs; k++) {
    if (k % 2 === 0) {
      one.push(runCli(cli, input, oneOut, 1));
      many.push(runCli(cli, input, manyOut, jobs));
    } else {
      many.push(runCli(cli, input, manyOut, jobs));
      one.push(runCli(cli, input, oneOut, 1));
    }
  }
  for (let k = 0; k < Math.ceil(runs / 2); k++) apart.push(runTwoApart(cli, input, [path.join(dir, 'a.pubtator'), path.join(dir, 'b.pubtator')]));
  const same = fs.readFileSync(oneOut, 'utf8') === fs.readFileSync(manyOut, 'utf8');
  const mentions = fs.readFileSync(oneOut, 'utf8').split('\n').filter((l) => /^\d+\t/.test(l)).length;
  fs.rmSync(dir, { recursive: true, force: true });
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
  const perSec = (ms: number) => Math.round(count / (ms / 1000));
  /** Abstracts per second: [slowest run, fastest run]. */
  const range = (xs: number[]) => [perSec(sorted(xs)[xs.length - 1]), perSec(sorted(xs)[0])];
  return {
    bench: 'corpus',
    abstracts: count,
    mentions,
    jobs,
    cores: os.availableParallelism(),
    runs,
    abstractsPerSec: perSec(median(many)),
    abstractsPerSecRange: range(many),
    abstractsPerSecOneJob: perSec(median(one)),
    abstractsPerSecOneJobRange: range(one),
    speedupVsOneJob: +(median(one) / median(many)).toFixed(2),
    speedupVsOneJobFastestRuns: +(sorted(one)[0] / sorted(many)[0]).toFixed(2),
    ceilingTwoProcessesApart: +((2 * median(one)) / median(apart)).toFixed(2),
    sameOutputAsOneJob: same,
    ogerPlusPlusAbstractsPerSec: OGER_PLUS_PLUS_ABSTRACTS_PER_SEC,
    timesOgerPlusPlus: Math.round(perSec(median(many)) / OGER_PLUS_PLUS_ABSTRACTS_PER_SEC),
  };
}
