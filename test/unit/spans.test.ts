/** The span rules of docs/annotation.md that the matcher follows: each test names its rule. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildLexicon } from '../../src/core/lexicon/build';
import { withoutGenericHead } from '../../src/core/lexicon/forms';
import type { SourceEntry } from '../../src/core/lexicon/lexicon';
import { Matcher } from '../../src/core/matching/matcher';
import type { DocLanguage } from '../../src/core/text/regions';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { compromiseInflector } from '../../src/node/inflect';

const def = { en: 'Test definition.', zh: '测试定义。' };
const SOURCES: SourceEntry[] = [
  { id: 'cd8', category: 'molecule', label: { en: 'CD8', zh: 'CD8 分子' }, abbreviations: ['CD8'], definition: def },
  { id: 'cd4', category: 'molecule', label: { en: 'CD4', zh: 'CD4 分子' }, abbreviations: ['CD4'], definition: def },
  { id: 'xcr1', category: 'molecule', label: { en: 'XCR1', zh: 'XCR1 受体' }, abbreviations: ['XCR1'], definition: def },
  { id: 'pd-l1', category: 'molecule', label: { en: 'PD-L1', zh: '程序性细胞死亡配体 1' }, abbreviations: ['PD-L1'], definition: def },
  { id: 'cd8-t-cell', category: 'immune-cell', label: { en: 'CD8+ T cell', zh: 'CD8+ T 细胞' }, abbreviations: ['CD8+T'], definition: def },
  { id: 'ctl', category: 'immune-cell', label: { en: 'cytotoxic T cell', zh: '细胞毒性 T 细胞' }, abbreviations: ['CTL'], definition: def },
  { id: 't-cell', category: 'immune-cell', label: { en: 'T cell', zh: 'T 细胞' }, synonyms: ['T lymphocyte'], definition: def },
  { id: 'dc', category: 'immune-cell', label: { en: 'dendritic cell', zh: '树突状细胞' }, abbreviations: ['DC'], definition: def },
  { id: 'treg', category: 'immune-cell', label: { en: 'regulatory T cell', zh: '调节性 T 细胞' }, abbreviations: ['Treg'], definition: def },
  { id: 'pacific', category: 'trial', label: { en: 'PACIFIC', zh: 'PACIFIC 研究' }, synonyms: ['PACIFIC trial'], definition: def },
  { id: 'cgas-sting', category: 'molecule', label: { en: 'cGAS-STING pathway', zh: 'cGAS-STING 通路' }, definition: def },
  { id: 'gm-csf-trial', category: 'trial', label: { en: 'radiotherapy plus GM-CSF trial', zh: '放疗联合 GM-CSF 试验' }, definition: def },
];
const lexicon = buildLexicon({ sources: [{ file: 'spans.json', entries: SOURCES }], review: '', inflect: compromiseInflector });
const matcher = new Matcher(lexicon);
const found = (text: string, language: DocLanguage = 'plain') => matcher.annotate(text, language).map((m) => `${text.slice(m.start, m.end)}=${m.id}`);

describe('span rules: markers belong to the cells they mark', () => {
  it('takes a cell population with its markers as one mention of the cells', () => {
    assert.deepEqual(found('CD8+ cytotoxic T cells and XCR1+ dendritic cells'), ['CD8+ cytotoxic T cells=ctl', 'XCR1+ dendritic cells=dc']);
  });
  it('takes a chain of markers, known to the lexicon or not (CD25), with the cells', () => {
    assert.deepEqual(found('CD4+CD25+ Tregs expand'), ['CD4+CD25+ Tregs=treg']);
    assert.deepEqual(found('CD45RA-CCR7+ T cells'), ['CD45RA-CCR7+ T cells=t-cell']);
  });
  it('reads the markers\' signs in markup too (LaTeX and Markdown)', () => {
    assert.deepEqual(found('CD4$^+$CD25$^{+}$ Tregs and CD8\\textsuperscript{+} cytotoxic T cells', 'latex'), ['CD4$^+$CD25$^{+}$ Tregs=treg', 'CD8\\textsuperscript{+} cytotoxic T cells=ctl']);
    assert.deepEqual(found('XCR1^+^ dendritic cells and XCR1<sup>+</sup> DC', 'markdown'), ['XCR1^+^ dendritic cells=dc', 'XCR1<sup>+</sup> DC=dc']);
  });
  it('reads a marker with its sign alone as the cells it marks, where the lexicon has them (CD8+ → CD8+ T cells)', () => {
    assert.deepEqual(found('Tumour-infiltrating CD8$^+$ and CD8+ cells rose', 'latex'), ['Tumour-infiltrating CD8$^+$=cd8-t-cell', 'CD8+ cells=cd8-t-cell']);
  });
  it('leaves a marker of other cells, or one without a sign, as the molecule (PD-L1+ tumour cells, CD8 expression)', () => {
    assert.deepEqual(found('PD-L1+ tumour cells and CD8 expression'), ['PD-L1=pd-l1', 'CD8=cd8']);
  });
  it('never reaches across a blank line or a word for a marker', () => {
    assert.deepEqual(found('CD8+\n\nT cells'), ['CD8+=cd8-t-cell', 'T cells=t-cell']);
    assert.deepEqual(found('CD8+ and many T cells'), ['CD8+=cd8-t-cell', 'T cells=t-cell']);
  });
});

describe('span rules: generic heads stay outside a named trial or pathway', () => {
  it('marks [PACIFIC] trial and [cGAS-STING] pathway, in English and Chinese', () => {
    assert.deepEqual(found('The PACIFIC trial tested the cGAS-STING pathway; PACIFIC 研究 and cGAS-STING 通路.'), [
      'PACIFIC=pacific', 'cGAS-STING=cgas-sting', 'PACIFIC=pacific', 'cGAS-STING=cgas-sting',
    ]);
  });
  it('keeps the head of a descriptive name (it describes, not names) and is case-sensitive for the bare acronym', () => {
    assert.equal(withoutGenericHead('radiotherapy plus GM-CSF trial'), undefined);
    assert.equal(withoutGenericHead('KEYNOTE-001 study'), 'KEYNOTE-001');
    assert.equal(withoutGenericHead('MDACC 放疗试验'), undefined);
    assert.deepEqual(found('the Pacific Ocean'), []);
  });
});

describe('span rules: hyphenated cell names and modifiers', () => {
  it('finds T-cells, T-lymphocytes and CD8+ T-cells', () => {
    assert.deepEqual(found('T-cells, T-lymphocytes and CD8+ T-cells'), ['T-cells=t-cell', 'T-lymphocytes=t-cell', 'CD8+ T-cells=cd8-t-cell']);
  });
  it('marks a term used as a modifier: DC-derived, post-DC, Treg-mediated', () => {
    assert.deepEqual(found('DC-derived and post-DC and Treg-mediated'), ['DC=dc', 'DC=dc', 'Treg=treg']);
  });
});

describe('span rules: Chinese is cut where a reader cuts it', () => {
  const builtin = new Matcher(loadBuiltinLexicon());
  const zh = (text: string) => builtin.annotate(text, 'plain').map((m) => text.slice(m.start, m.end));
  it('never ends a mention inside a longer term that starts within it (放疗 · 免疫检查点抑制剂 · 非小细胞肺癌)', () => {
    assert.deepEqual(zh('放疗联合免疫检查点抑制剂治疗晚期非小细胞肺癌'), ['放疗', '免疫检查点抑制剂', '非小细胞肺癌']);
  });
  it('never ends a mention where the text goes on to name a longer molecule (no 腺苷 in 腺苷合成酶, no 干扰素 in 干扰素受体)', () => {
    assert.ok(!zh('环磷酸鸟苷-腺苷合成酶-干扰素基因刺激蛋白').includes('腺苷'));
    assert.deepEqual(zh('干扰素受体和干扰素'), ['干扰素']);
  });
  it('still takes the longest term where nothing longer crosses it, and reads a coordination as two (放疗 · 免疫治疗)', () => {
    assert.deepEqual(zh('低剂量放疗联合免疫治疗的远端效应'), ['低剂量放疗', '免疫治疗', '远端效应']);
  });
});
