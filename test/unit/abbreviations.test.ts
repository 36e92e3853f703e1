import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { abbreviationsUsedBeforeDefinition } from '../../src/core/abbreviations';
import { annotateDocument } from '../../src/core/documentAnnotation';
import type { Lexicon } from '../../src/core/lexicon';
import { Matcher } from '../../src/core/matcher';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { definitionsLexicon } from '../helpers/mini-lexicon';

const matchers = new Map<Lexicon, Matcher>();

function early(text: string, lexicon = loadBuiltinLexicon()): string[] {
  let matcher = matchers.get(lexicon);
  if (!matcher) matchers.set(lexicon, (matcher = new Matcher(lexicon)));
  const a = annotateDocument(matcher, text, 'markdown');
  return abbreviationsUsedBeforeDefinition(a.mentions, a.terms).map((x) => `${text.slice(x.start, x.end)}@${x.start}<${x.definedAt}`);
}

describe('abbreviations used before their definition', () => {
  it('flags the first bare use before "long form (ABBR)"', () => {
    const text = 'PD-L1 is up. Later: programmed death-ligand 1 (PD-L1) binds PD-1. PD-L1 again.';
    assert.deepEqual(early(text), [`PD-L1@0<${text.indexOf('programmed')}`]);
  });
  it('accepts the definition before use, in English and in Chinese brackets', () => {
    assert.deepEqual(early('Tumour microenvironment (TME) matters; the TME is hostile.'), []);
    assert.deepEqual(early('肿瘤微环境（TME）很重要，TME 抑制免疫。'), []);
    assert.deepEqual(early('电离辐射还可影响肿瘤微环境(Tumor Microenvironment, TME)，TME 被认为是驱动因素。'), []);
  });
  it('says nothing about abbreviations the document never defines', () => {
    assert.deepEqual(early('PD-1 and CTLA-4 blockade with RT.'), []);
  });
  it('flags uses before the review-style definition (Chinese name, English name, ABBR)', () => {
    const text = 'TLR4 信号。随后：toll 样受体 4 (Toll-Like Receptor 4, TLR4)。';
    assert.equal(early(text).length, 1);
    assert.match(early(text)[0], /^TLR4@0</);
  });
  it('flags a term the document defines that the lexicon lacks (LDRT), with the same detector as the highlighting', () => {
    const text = 'LDRT was safe.\n\nWe gave staggered low-dose radiotherapy (LDRT). LDRT again.';
    assert.deepEqual(early(text, definitionsLexicon()), [`LDRT@0<${text.indexOf('low-dose')}`]);
  });
  it('raises nothing for a generic word, which is not shown', () => {
    assert.deepEqual(early('IRS rises. The immune response (IRS) then fades.', definitionsLexicon()), []);
  });
});
