/**
 * Linear time for mining, the manuscript checks and a document's own abbreviations (issue 25): on each
 * input that was quadratic or worse (`[@` repeated took minutes to mine at 16 KB; 5,000 defined
 * abbreviations made `check` take 76 s at 800 KB), 4n characters must take less than 6 times the CPU time
 * of n (a ratio, not a wall-clock limit; each size's best run). Each shape runs in a worker with a time limit,
 * so a hang fails its test instead of the suite.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { IsolatedRunner } from '../helpers/isolate';
import { TEXT_SHAPES, unsplitSentence } from '../helpers/text-linear';
import type { TextGrowth } from '../helpers/text-linear';
import { Matcher } from '../../src/core/matching/matcher';
import { mine } from '../../src/core/mining/mine';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const MODULE = path.join(__dirname, '..', 'helpers', 'text-linear.ts');
const LIMIT_MS = 30_000;
const runner = new IsolatedRunner();
after(() => runner.close());

describe('mining, checks and defined abbreviations: linear time (n and 4n, CPU time)', () => {
  for (const shape of TEXT_SHAPES) {
    it(`4n characters take < 6x the time of n: ${shape.name}`, async () => {
      const r = await runner.run<TextGrowth>(MODULE, 'measureText', { shape: shape.name }, LIMIT_MS);
      if (r.kind === 'timeout') assert.fail(`no result within ${r.ms / 1000} s (a hang or a superlinear path) on ${JSON.stringify(r.last)}`);
      if (r.kind === 'error') assert.fail(r.message);
      const g = r.value;
      assert.ok(g.ratio < 6, `4n took ${g.ratio.toFixed(1)}x the time of n (${g.small.toFixed(0)} ms vs ${g.large.toFixed(0)} ms, n = ${g.n}): superlinear`);
    });
  }

  it('5 MB of a real review is mined and checked without hanging (a loose CPU bound: the figures are the bench’s)', async () => {
    for (const shape of ['mine: the built-in review, repeated', 'check: the built-in review, repeated']) {
      const r = await runner.run<{ ms: number; output: number }>(MODULE, 'timeOnce', { shape, size: 5_000_000 }, 4 * LIMIT_MS);
      if (r.kind === 'timeout') assert.fail(`${shape}: no result within ${r.ms / 1000} s`);
      if (r.kind === 'error') assert.fail(r.message);
      assert.ok(r.value.ms < 30_000, `${shape}: ${(r.value.ms / 1000).toFixed(1)} s of CPU time for 5 MB`);
      assert.ok(r.value.output > 0);
    }
  });
});

describe('mining: bounded evidence', () => {
  const builtin = new Matcher(loadBuiltinLexicon());
  it('gives a window around the term, not the whole sentence, when a sentence does not end (200 KB gives JSON of bounded size)', () => {
    const text = unsplitSentence(200_000);
    const r = mine([{ file: 'x.txt', text, language: 'plain' }], builtin);
    const evidence = r.entries.flatMap((e) => e.evidence);
    assert.ok(evidence.length > 1000, `${evidence.length} pieces of evidence`);
    for (const e of evidence) assert.ok(e.sentence.length <= 404, `${e.sentence.length} characters of evidence`);
    // Each window names its term and is cut at spaces, with an ellipsis where it is cut.
    const stromal = r.entries.find((e) => e.label.en === 'wdaish suppressor cells')!;
    assert.ok(stromal, 'the term of the unsplit sentence is found');
    assert.match(stromal.evidence[0].sentence, /^… .*wdaish suppressor cells.* …$/);
    const json = JSON.stringify(r);
    assert.ok(json.length < 40 * text.length, `${json.length} characters of JSON for ${text.length} of text`);
  });
  it('keeps a short sentence whole, and a window keeps the citations it shows', () => {
    const short = mine([{ file: 'x.md', text: 'Zeta cells (ZCs) rose [@a].\n', language: 'markdown' }], builtin);
    const z = short.entries.find((e) => e.abbreviations?.includes('ZC'))!;
    assert.equal(z.evidence[0].sentence, 'Zeta cells (ZCs) rose [@a].');
    const long = `${'filler words here, '.repeat(40)}the ZCs rose [@b] ${'and more words follow, '.repeat(40)}. Zeta cells (ZCs) rose.\n`;
    const r = mine([{ file: 'x.md', text: long, language: 'markdown' }], builtin);
    const e = r.entries.find((x) => x.abbreviations?.includes('ZC'))!.evidence[0];
    assert.match(e.sentence, /^… .*the ZCs rose \[@b\].* …$/);
    assert.deepEqual(e.keys, ['b']);
  });
  it('keeps at most 50 sentences of evidence a term, the first ones: a term named on every line does not copy the text', () => {
    const text = 'Zeta cells (ZCs) rose.\n'.concat(Array.from({ length: 400 }, (_, i) => `Line ${i}: the ZCs rose again.\n`).join(''));
    const r = mine([{ file: 'x.md', text, language: 'markdown' }], builtin);
    const z = r.entries.find((x) => x.abbreviations?.includes('ZC'))!;
    assert.equal(z.evidence.length, 50);
    assert.equal(z.evidence[0].line, 1);
    assert.ok(z.evidence.every((e, i) => i === 0 || e.line! > z.evidence[i - 1].line!));
  });
});
