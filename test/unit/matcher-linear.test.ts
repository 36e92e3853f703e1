/**
 * Linear time on the shapes of issue 10 §1 (each unclosed opener used to search to the end of its
 * paragraph or document, and the next one searched again; two Markdown spellings hung): annotating 4n
 * characters must take less than 8 times as long as n (a ratio, not a wall-clock limit; best of three).
 * Each shape runs in a worker with a time limit, so a hang or a quadratic scan fails its test.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { IsolatedRunner } from '../helpers/isolate';
import { SHAPES } from '../helpers/matcher-linear';
import type { Growth } from '../helpers/matcher-linear';

const MODULE = path.join(__dirname, '..', 'helpers', 'matcher-linear.ts');
/** n: 64 K characters (ASCII, so bytes too), and 4n. */
const N = 64 * 1024;
const LIMIT_MS = 10000;
const runner = new IsolatedRunner();
after(() => runner.close());

describe('matcher: linear time on the shapes that were quadratic or hung (built-in lexicon, n and 4n)', () => {
  for (const shape of SHAPES) {
    it(`annotating 4n characters takes < 8x the time of n: ${shape.name}`, async () => {
      const r = await runner.run<Growth>(MODULE, 'measure', { shape: shape.name, n: N }, LIMIT_MS);
      if (r.kind === 'timeout') assert.fail(`no result within ${r.ms / 1000} s (a hang or a superlinear scan) while annotating ${JSON.stringify(r.last)}`);
      if (r.kind === 'error') assert.fail(r.message);
      const g = r.value;
      assert.ok(g.ratio < 8, `4n took ${g.ratio.toFixed(1)}x the time of n (${g.small.toFixed(1)} ms vs ${g.large.toFixed(1)} ms for ${g.reps} run(s), n = ${g.n}): superlinear`);
    });
  }
});
