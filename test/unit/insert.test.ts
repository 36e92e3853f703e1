import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeLatex, escapeMarkdownInline, fullEnglishName, insertionText, isInMath, latexMath, primaryAbbreviation, textToInsert, writingLanguage } from '../../src/core/writing/insert';
import type { Entry } from '../../src/core/lexicon/lexicon';
import { indexById } from '../../src/core/lexicon/lexicon';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { miniLexicon } from '../helpers/mini-lexicon';

function entry(partial: Partial<Entry> & Pick<Entry, 'id' | 'label'>): Entry {
  return {
    category: 'concept',
    abbreviations: [],
    synonyms: [],
    zh: [],
    brands: [],
    definition: { en: 'Test.', zh: '测试。' },
    relations: [],
    ids: {},
    forms: [],
    evidence: [],
    ...partial,
  };
}

const mini = indexById(miniLexicon());
const treg = mini.get('treg')!;
const pdl1 = mini.get('pd-l1')!;
const ifnb = mini.get('ifn-beta')!;
const pembro = mini.get('pembrolizumab')!;

describe('insertionText', () => {
  it('gives the preferred term in either language', () => {
    assert.equal(insertionText(treg, 'preferred', 'en'), 'regulatory T cell');
    assert.equal(insertionText(treg, 'preferred', 'zh'), '调节性 T 细胞');
  });

  it('gives "full name (ABBR)" for first use', () => {
    assert.equal(insertionText(treg, 'firstUse', 'en'), 'regulatory T cell (Treg)');
    // The label is itself the abbreviation: the spelt-out synonym comes first.
    assert.equal(insertionText(pdl1, 'firstUse', 'en'), 'programmed death-ligand 1 (PD-L1)');
    assert.equal(insertionText(ifnb, 'firstUse', 'en'), 'interferon beta (IFN-β)');
  });

  it('gives 中文名（English name，ABBR） for first use in Chinese', () => {
    assert.equal(insertionText(treg, 'firstUse', 'zh'), '调节性 T 细胞（regulatory T cell，Treg）');
    assert.equal(insertionText(pdl1, 'firstUse', 'zh'), '程序性细胞死亡配体 1（programmed death-ligand 1，PD-L1）');
  });

  it('falls back to the name when there is no abbreviation', () => {
    assert.equal(insertionText(pembro, 'firstUse', 'en'), 'pembrolizumab');
    assert.equal(insertionText(pembro, 'abbreviation', 'en'), 'pembrolizumab');
    assert.equal(insertionText(pembro, 'firstUse', 'zh'), '帕博利珠单抗（pembrolizumab）');
  });

  it('does not introduce an abbreviation that is only the start of the name, nor repeat one in the label', () => {
    const cd8 = entry({ id: 'cd8-t-cell', label: { en: 'CD8+ T cell', zh: 'CD8+ T 细胞' }, abbreviations: ['CD8+T', 'CD8+ T'] });
    assert.equal(primaryAbbreviation(cd8), undefined);
    assert.equal(insertionText(cd8, 'firstUse', 'en'), 'CD8+ T cell');
    const gray = entry({ id: 'gray', label: { en: 'gray (Gy)', zh: '戈瑞' }, abbreviations: ['Gy', 'cGy'] });
    assert.equal(insertionText(gray, 'firstUse', 'en'), 'gray (Gy)');
  });

  it('finds the spelt-out name of an abbreviation-like label', () => {
    const ctla4 = entry({ id: 'ctla-4', label: { en: 'CTLA-4', zh: '细胞毒性 T 淋巴细胞相关蛋白 4' }, abbreviations: ['CTLA-4', 'CTLA4'], synonyms: ['CTLA4', 'cytotoxic T-lymphocyte-associated protein 4'] });
    assert.equal(fullEnglishName(ctla4), 'cytotoxic T-lymphocyte-associated protein 4');
    assert.equal(insertionText(ctla4, 'abbreviation', 'en'), 'CTLA-4');
  });
});

describe('escaping', () => {
  it('escapes the ten LaTeX special characters in text', () => {
    assert.equal(escapeLatex('50% of CD8_a & #1 costs $5 {x} ~ ^ \\'), '50\\% of CD8\\_a \\& \\#1 costs \\$5 \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
  });

  it('applies no Markdown escaping in LaTeX and keeps Greek letters as Unicode text', () => {
    assert.equal(textToInsert(ifnb, { form: 'preferred', lang: 'en', markup: 'latex' }), 'IFN-β');
    const t = entry({ id: 'x', label: { en: 'TGF-β_1 [high] *', zh: '测试' } });
    assert.equal(textToInsert(t, { form: 'preferred', lang: 'en', markup: 'latex' }), 'TGF-β\\_1 [high] *');
  });

  it('writes Greek letters as commands in math', () => {
    assert.equal(latexMath('IFN-γ'), '\\text{IFN-}\\gamma');
    assert.equal(latexMath('γδ T cell'), '\\gamma{}\\delta{}\\text{ T cell}');
    assert.equal(textToInsert(ifnb, { form: 'preferred', lang: 'en', markup: 'latex', inMath: true }), '\\text{IFN-}\\beta');
  });

  it('escapes Markdown only where inline markup would start, and no LaTeX escaping', () => {
    assert.equal(escapeMarkdownInline('IL-2_high *x* [a](b) <b> 5% a|b'), 'IL-2\\_high \\*x\\* \\[a\\](b) \\<b> 5% a\\|b');
    assert.equal(textToInsert(ifnb, { form: 'firstUse', lang: 'en', markup: 'markdown' }), 'interferon beta (IFN-β)');
    const cd8 = entry({ id: 'cd8', label: { en: 'CD8+ T cell', zh: 'CD8+ T 细胞' } });
    assert.equal(textToInsert(cd8, { form: 'preferred', lang: 'en', markup: 'markdown' }), 'CD8+ T cell');
  });

  it('leaves plain text alone', () => {
    const t = entry({ id: 'x', label: { en: 'a_b 5% *c*', zh: '测试' } });
    assert.equal(textToInsert(t, { form: 'preferred', lang: 'en', markup: 'plain' }), 'a_b 5% *c*');
  });
});

describe('writingLanguage', () => {
  it('reads Chinese prose with English terms as Chinese', () => {
    assert.equal(writingLanguage('放疗联合 PD-1 抑制剂可增强远端效应，CD8+ T 细胞浸润增加。'), 'zh');
    assert.equal(writingLanguage('Radiotherapy combined with PD-1 blockade enhances the abscopal effect (远端效应).'), 'en');
    assert.equal(writingLanguage(''), 'en');
  });
});

describe('isInMath', () => {
  const at = (text: string, markup: 'latex' | 'markdown' = 'latex') => isInMath(text.replace('|', ''), text.indexOf('|'), markup);
  it('finds inline and display math in LaTeX', () => {
    assert.equal(at('the dose $D = | $ and'), true);
    assert.equal(at('the dose $D$ and | here'), false);
    assert.equal(at('costs \\$5 and | here'), false);
    assert.equal(at('see \\( x | \\) and'), true);
    assert.equal(at('see \\[ x \\] and |'), false);
    assert.equal(at('\\begin{equation}\n\na = |\n\\end{equation}'), true);
    assert.equal(at('\\begin{align*}\nx\n\\end{align*}\n|'), false);
    assert.equal(at('\\begin{itemize}\n\\item |\n\\end{itemize}'), false);
    assert.equal(at('% a comment with $ sign\nnow | here'), false);
  });

  it('does not carry inline math across a blank line', () => {
    assert.equal(at('a stray $ sign\n\nnew paragraph |'), false);
  });

  it('finds $ math in Markdown', () => {
    assert.equal(at('The $\\gamma | $ value', 'markdown'), true);
    assert.equal(at('$$\nx = |\n$$', 'markdown'), true);
    assert.equal(at('plain | text', 'markdown'), false);
  });
});

describe('built-in lexicon', () => {
  it('gives a first-use form for every entry without throwing, and never an empty text', () => {
    for (const e of loadBuiltinLexicon().entries) {
      for (const lang of ['en', 'zh'] as const) {
        for (const markup of ['latex', 'markdown', 'plain'] as const) {
          assert.notEqual(textToInsert(e, { form: 'firstUse', lang, markup }), '', e.id);
        }
      }
    }
  });
});
