import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { abbreviationsUsedBeforeDefinition, firstUseEdits, firstUseForm } from '../../src/core/checks/abbreviations';
import { annotateDocument } from '../../src/core/matching/documentAnnotation';
import type { Lexicon } from '../../src/core/lexicon/lexicon';
import { Matcher } from '../../src/core/matching/matcher';
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

describe('abbreviations used before their definition: uses inside longer terms, lexicon-vouched definitions, and the fix', () => {
  const lexicon = loadBuiltinLexicon();
  const byId = new Map(lexicon.entries.map((e) => [e.id, e]));
  const matcher = new Matcher(lexicon);
  /** The text after the first-use fix of its first early use, applied as the one edit it is. */
  function fixed(text: string, markup: 'markdown' | 'latex' = 'markdown'): string {
    const a = annotateDocument(matcher, text, markup);
    const [x] = abbreviationsUsedBeforeDefinition(a.mentions, a.terms, text);
    assert.ok(x, `no early use in: ${text}`);
    const form = firstUseForm(x, x.local ? undefined : byId.get(x.id), /\p{Script=Han}/u.test(text) ? 'zh' : 'en', markup);
    let out = text;
    const edits = firstUseEdits(x, form);
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i].start >= edits[i - 1].end, 'edits overlap');
    for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }
  it('counts a use inside a longer term (PD-L1 expression, PD-1 blockade, anti-PD-1) as a use before the definition', () => {
    assert.deepEqual(early('We measured PD-L1 expression. Programmed death-ligand 1 (PD-L1) is induced.'), ['PD-L1@12<30']);
    assert.equal(early('PD-1 blockade works. Programmed cell death protein 1 (PD-1) is a receptor.').length, 1);
    assert.match(early('An anti-PD-1 antibody. Programmed cell death protein 1 (PD-1) is a receptor.')[0] ?? '', /^PD-1@8</);
  });
  it('recognises a definition whose short form is the lexicon’s abbreviation of the long form (regulatory T cells (Tregs))', () => {
    assert.deepEqual(early('Regulatory T cells (Tregs) suppress. Tregs rise.'), []);
    assert.deepEqual(early('Tregs rise. Regulatory T cells (Tregs) suppress.'), ['Tregs@0<12']);
    // Not every bracket after a name is a definition: one of another entry's abbreviations is not.
    assert.deepEqual(early('PD-1 rises. Regulatory T cells (PD-1) suppress.'), []);
  });
  it('fixes at a sentence start with a capital, in the number of the use, and drops the later definition in the same edit', () => {
    assert.equal(fixed('PD-L1 is high. Later, programmed death-ligand 1 (PD-L1) is induced.'), 'Programmed death-ligand 1 (PD-L1) is high. Later, programmed death-ligand 1 is induced.');
    assert.equal(fixed('We saw that PD-L1 is high. Programmed death-ligand 1 (PD-L1) is induced.'), 'We saw that programmed death-ligand 1 (PD-L1) is high. Programmed death-ligand 1 is induced.');
    assert.equal(fixed('MDSCs expand. Myeloid-derived suppressor cells (MDSCs) too.'), 'Myeloid-derived suppressor cells (MDSCs) expand. Myeloid-derived suppressor cells too.');
    assert.equal(fixed('PD-L1 rises. PD-L1 (programmed death-ligand 1) is a ligand.'), 'Programmed death-ligand 1 (PD-L1) rises. PD-L1 is a ligand.');
    assert.equal(fixed('TLR4 binds. The receptor (Toll-Like Receptor 4, TLR4) binds.'), 'Toll-like receptor 4 (TLR4) binds. The receptor (Toll-Like Receptor 4) binds.');
    assert.equal(fixed('PD-L1 上调。程序性细胞死亡配体 1（PD-L1）表达。'), '程序性细胞死亡配体 1（programmed death-ligand 1，PD-L1） 上调。程序性细胞死亡配体 1表达。');
  });
});
