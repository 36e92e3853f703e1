/**
 * Property tests of the matcher (issue 10 §5, issue 11): random Markdown, LaTeX and CJK documents built
 * from the lexicon's forms and every construct the region scanners know. Fixed seeds, so a failure
 * reproduces; the generators and properties are in test/helpers/matcher-props.ts. Each property runs in a
 * worker thread with a time limit, so an input that makes the matcher hang fails its test (naming the
 * input) instead of hanging the suite.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { IsolatedRunner } from '../helpers/isolate';
import type { LexiconName, PropertyArgs, PropertyResult } from '../helpers/matcher-props';
import type { DocLanguage } from '../../src/core/text/regions';

const PROPS = path.join(__dirname, '..', 'helpers', 'matcher-props.ts');
const SEED = 42;
/** The time one property may take (a hang on one input fails the test after it). */
const LIMIT_MS = 10000;
/** One worker runs the properties in turn (the lexicons load once); a hang replaces it. */
const runner = new IsolatedRunner();
after(() => runner.close());

async function check(property: string, language: DocLanguage, lexicon: LexiconName, numRuns: number): Promise<void> {
  const args: PropertyArgs = { property, language, lexicon, seed: SEED, numRuns };
  const r = await runner.run<PropertyResult>(PROPS, 'runProperty', args, LIMIT_MS);
  if (r.kind === 'timeout') assert.fail(`the matcher did not return within ${r.ms / 1000} s (a hang or a superlinear scan); the input running: ${JSON.stringify(r.last)}`);
  if (r.kind === 'error') assert.fail(r.message);
  const v = r.value;
  if (v.failed) assert.fail(`${v.error}\n  seed ${SEED}, after ${v.numRuns} runs and ${v.numShrinks} shrinks; counterexample: ${v.counterexample}`);
}

const LANGUAGES: DocLanguage[] = ['markdown', 'latex', 'plain'];

describe('matcher properties (fast-check, fixed seeds)', () => {
  for (const language of LANGUAGES) {
    for (const lexicon of ['builtin', 'differential'] as LexiconName[]) {
      it(`${language}, ${lexicon === 'builtin' ? 'built-in' : 'mini (+2 Chinese terms)'} lexicon: the matcher returns, and mentions are sorted, non-overlapping, in bounds, non-empty, of known entries`, () => check('shape', language, lexicon, 400));
    }
    it(`${language}, built-in lexicon: no mention starts or ends inside a superscript/Greek markup token ($^+$, $^{+}$, ^+^, <sup>+</sup>, \\textsuperscript{+}, $\\gamma$), nor at whitespace or a zero-width character`, () =>
      check('markup', language, 'builtin', 400));
    it(`${language}, built-in lexicon: prepending a paragraph and a blank line shifts every mention by its length and changes nothing else`, () => check('prefix', language, 'builtin', 300));
    it(`${language}, built-in lexicon: incremental re-annotation after random edits equals a full annotation`, () => check('incremental', language, 'builtin', 400));
  }
  for (const language of ['latex', 'markdown'] as DocLanguage[]) {
    it(`${language}, built-in lexicon: superscript/subscript math directly followed by ~, \\cite, punctuation or another $ is read through or skipped whole, and the rest of the paragraph is still matched`, () =>
      check('superscript-follower', language, 'builtin', 300));
  }
  it('plain text, mini lexicon and two Chinese terms: the matcher equals a small reference matcher (case, word boundaries, whitespace runs but not blank lines, CJK wraps, invisible zero-width characters, leftmost-longest)', () =>
    check('differential', 'plain', 'differential', 1000));
});
