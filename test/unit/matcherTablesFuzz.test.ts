/**
 * Issue 25: the matcher tables file is not trusted. Random damage to dist/matcher-tables.bin (fast-check,
 * fixed seed; the generators and the property are in test/helpers/tables-fuzz.ts) never hangs, never traps
 * and never changes mentions silently: the damage is reported, naming the file, and the matcher is built
 * from the entries, or the mentions are exactly those of a built matcher. A crafted file (its checksum made
 * to match) may change mentions, but must not hang or trap either. The property runs in a worker
 * thread with a time limit, so a file that makes the kernel loop fails the test instead of hanging it.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { IsolatedRunner } from '../helpers/isolate';
import type { FuzzArgs, FuzzResult } from '../helpers/tables-fuzz';

const FUZZ = path.join(__dirname, '..', 'helpers', 'tables-fuzz.ts');
const RUNS = 300;
/** A generous bound for the whole property on a busy machine; a hang on one file fails the test after it. */
const LIMIT_MS = 240000;
const runner = new IsolatedRunner();
after(() => runner.close());

describe('matcher tables file fuzzed (fast-check, fixed seed)', () => {
  it(`${RUNS} damaged tables files (bytes flipped in the header or the body, header numbers replaced, with or without a matching checksum, the file cut or lengthened): each is reported and not used, or finds exactly the mentions of a built matcher; none hangs or traps, crafted ones (a matching checksum) included`, async () => {
    const args: FuzzArgs = { seed: 25, numRuns: RUNS };
    const r = await runner.run<FuzzResult>(FUZZ, 'runFuzz', args, LIMIT_MS);
    if (r.kind === 'timeout') assert.fail(`loading or using a damaged tables file did not return within ${r.ms / 1000} s (a hang); the damage: ${JSON.stringify(r.last)}`);
    if (r.kind === 'error') assert.fail(r.message);
    const v = r.value;
    if (v.failed) assert.fail(`${v.error}\n  seed ${args.seed}, after ${v.numRuns} runs; the damage: ${v.counterexample}`);
    assert.equal(v.numRuns, RUNS);
    // Both branches of the property ran: damage reported, and the file as built used.
    assert.ok(v.reported > RUNS / 2, `reported ${v.reported}`);
    assert.ok(v.used > 0, 'the undamaged file was never among the runs');
    assert.ok(v.craftedUsed > 0, 'no crafted file within bounds was used');
    // The checksum and the layout checks were both reached.
    assert.ok(v.messages.some((m) => /checksum does not match/.test(m)), v.messages.join('\n'));
    assert.ok(v.messages.some((m) => /the header does not fit the body/.test(m)), v.messages.join('\n'));
    assert.ok(v.messages.some((m) => /the body does not fit the tables/.test(m)), v.messages.join('\n'));
  });
});
