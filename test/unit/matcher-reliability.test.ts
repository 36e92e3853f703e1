/**
 * The matcher on the inputs that once hung it, made a scan quadratic, or ended a mention inside markup
 * (issue "Reliability"), with the built-in lexicon: the rule each checks is in its name.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DocumentMentions, stringParagraphReader } from '../../src/core/matching/incremental';
import { buildLexicon } from '../../src/core/lexicon/build';
import type { SourceEntry } from '../../src/core/lexicon/lexicon';
import { Matcher } from '../../src/core/matching/matcher';
import type { DocLanguage } from '../../src/core/text/regions';
import { isBlankLine, paragraphEnd, paragraphStart } from '../../src/core/text/regions';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const builtin = new Matcher(loadBuiltinLexicon());

/** The mentions as "text=id" strings, in order. */
function found(text: string, language: DocLanguage): string[] {
  return builtin.annotate(text, language).map((m) => `${text.slice(m.start, m.end)}=${m.id}`);
}
const texts = (text: string, language: DocLanguage) => builtin.annotate(text, language).map((m) => text.slice(m.start, m.end));

describe('matcher reliability: markup is one token, read whole or not at all', () => {
  it('returns on empty or sign-less superscript tags (RT<sup></sup> once hung the CLI)', () => {
    assert.deepEqual(found('RT<sup></sup>', 'markdown'), ['RT=radiotherapy']);
    assert.deepEqual(found('RT<sup>', 'markdown'), ['RT=radiotherapy']);
    assert.deepEqual(found('CD8<sup>+</sup> T cells', 'markdown'), ['CD8<sup>+</sup> T cells=cd8-t-cell']);
  });
  it('never ends a mention inside $^+$, so the scan keeps its place after it (LaTeX)', () => {
    const text = 'Tumour-infiltrating CD8$^+$ cells and FOXP3$^+$ cells were counted. PD-1 and PD-L1 were assessed after RT.';
    const got = texts(text, 'latex');
    for (const t of ['PD-1', 'PD-L1', 'RT']) assert.ok(got.includes(t), `${t} in ${JSON.stringify(got)}`);
    assert.ok(got.every((t) => !t.endsWith('$^') && !t.endsWith('$^+')), JSON.stringify(got));
  });
  it('never ends a mention inside $^+$ (Markdown): the ratio sentence keeps PD-1', () => {
    const got = texts('The CD8$^+$/CD4$^+$ ratio and PD-1 levels.', 'markdown');
    assert.ok(got.includes('PD-1'), JSON.stringify(got));
    assert.ok(got.every((t) => !/\$\^\+?$/.test(t)), JSON.stringify(got));
  });
  it('goes on after superscript math followed by ~, \\cite, punctuation or another $', () => {
    const got = texts('It stimulates cytotoxic cells, mainly CD8$^+$~\\cite{a}\\cite{b}. These are T cells and dendritic cells.', 'latex');
    assert.ok(got.includes('dendritic cells'), JSON.stringify(got));
    for (const after of ['~\\cite{x}', '.', ',', '$x$', ')', '\\footnote{y}']) {
      assert.ok(texts(`CD8$^+$${after} Then PD-1 rose.`, 'latex').includes('PD-1'), after);
      assert.ok(texts(`CD8$^+$${after} Then PD-1 rose.`, 'markdown').includes('PD-1'), after);
    }
  });
  it('reads Greek letters written as markup as the letter: IFN-$\\gamma$, TGF-$\\beta$, \\textgamma, \\(\\gamma\\)', () => {
    assert.deepEqual(found('IFN-$\\gamma$, TGF-$\\beta$, IL-1$\\beta$, TNF-$\\alpha$, interferon-$\\gamma$, IFN$\\gamma$, IFN-\\textgamma{} and IFN-\\(\\gamma\\)', 'latex'), [
      'IFN-$\\gamma$=ifn-gamma', 'TGF-$\\beta$=tgf-beta', 'IL-1$\\beta$=il-1-beta', 'TNF-$\\alpha$=tnf-alpha', 'interferon-$\\gamma$=ifn-gamma', 'IFN$\\gamma$=ifn-gamma', 'IFN-\\textgamma=ifn-gamma', 'IFN-\\(\\gamma\\)=ifn-gamma',
    ]);
    assert.deepEqual(found('IFN-$\\gamma$ and IFN-γ', 'markdown'), ['IFN-$\\gamma$=ifn-gamma', 'IFN-γ=ifn-gamma']);
  });
  it('does not read a Greek command that is not a token (\\gammas, $\\gamma x$) as the letter', () => {
    assert.deepEqual(found('IFN-$\\gamma x$ and IFN-\\textgammas', 'latex'), ['IFN=interferon', 'IFN=interferon']);
  });
});

describe('matcher reliability: where spans end', () => {
  it('never ends a Chinese mention with the line break of a hard wrap', () => {
    assert.deepEqual(found('激活树突状细胞\n并产生', 'plain'), ['树突状细胞=dendritic-cell']);
  });
  it('reads a Chinese term broken across a line as one, even where a spaced variant exists', () => {
    const def = { en: 'x', zh: '测试' };
    const sources: SourceEntry[] = [
      { id: 'anti-pd-1', category: 'drug', label: { en: 'anti-PD-1', zh: '抗 PD-1' }, definition: def },
      { id: 'antigen-presentation', category: 'concept', label: { en: 'antigen presentation', zh: '抗原递呈' }, definition: def },
    ];
    const m = new Matcher(buildLexicon({ sources: [{ file: 't.json', entries: sources }], review: '', inflect: () => [] }));
    const text = '促进抗\n原递呈，以及抗\nPD-1';
    assert.deepEqual(m.annotate(text, 'plain').map((x) => `${text.slice(x.start, x.end)}=${x.id}`), ['抗\n原递呈=antigen-presentation', '抗\nPD-1=anti-pd-1']);
  });
  it('never ends a mention with a zero-width character, and reads one inside a word as part of the word', () => {
    assert.deepEqual(found('RT\u200b and RT\u00ad. R\u200bT', 'plain'), ['RT=radiotherapy', 'RT=radiotherapy', 'R\u200bT=radiotherapy']);
    assert.deepEqual(found('RT\u200bX and CD8\u00ad0', 'plain'), ['CD8\u00ad0=cd80']);
  });
  it('finds the right entry among more case variants of one form than a trie node counts in 12 bits', () => {
    const variants: string[] = [];
    for (let n = 0; n < 5000; n++) variants.push([...'abcdefghijklm'].map((c, i) => ((n >> i) & 1 ? c.toUpperCase() : c)).join(''));
    const def = { en: 'x', zh: '测试' };
    const sources: SourceEntry[] = [
      { id: 'many', category: 'concept', label: { en: 'many', zh: '多' }, abbreviations: variants, definition: def, inflect: false },
      { id: 'other', category: 'concept', label: { en: 'other', zh: '别' }, abbreviations: ['ABCDEFGHIJKLM'], definition: def, inflect: false },
    ];
    const m = new Matcher(buildLexicon({ sources: [{ file: 't.json', entries: sources }], review: '', inflect: () => [] }));
    const got = (t: string) => m.annotate(t, 'plain').map((x) => x.id);
    assert.deepEqual(got(variants[4999]), ['many']);
    assert.deepEqual(got(variants[4096]), ['many']);
    assert.deepEqual(got('ABCDEFGHIJKLM'), ['other']);
  });
});

describe('matcher reliability: an HTML tag never spans a blank line', () => {
  it('reads a stray <word as text, keeping the paragraphs after it', () => {
    assert.deepEqual(texts('PD-L1 expression <low in group A.\n\nPD-1 and RT.\n\nGroup A > group B.', 'markdown').slice(1), ['PD-1', 'RT']);
  });
});

describe('paragraphs: one definition for the core, the kernel and the editor', () => {
  it('counts a line of only U+3000 or other whitespace as blank, as VS Code does', () => {
    assert.ok(isBlankLine('\u3000'));
    assert.ok(isBlankLine(' \t\u00a0'));
    assert.ok(!isBlankLine('\u3000a'));
    const text = 'PD-1 x\n\u3000\nRT y';
    assert.equal(paragraphEnd(text, 0), 6);
    assert.equal(paragraphStart(text, text.length), 9);
  });
  it('ends lines at a lone \\r as at \\n and \\r\\n', () => {
    assert.equal(paragraphEnd('a\r\rb', 0), 1);
    assert.equal(paragraphEnd('a\r\n\r\nb', 0), 1);
    assert.equal(paragraphStart('a\r\rb', 3), 3);
    assert.equal(paragraphStart('a\r\n\r\nb', 5), 5);
  });
  it('never matches a term across a blank line of U+3000 or of lone \\r', () => {
    assert.deepEqual(found('regulatory\n\u3000\nT cell', 'plain'), ['T cell=t-cell']);
    assert.deepEqual(found('regulatory\r\rT cell', 'plain'), ['T cell=t-cell']);
  });
  for (const [name, text, edit] of [
    ['U+3000 line', '$ PD-1\n\u3000\nRT and PD-L1.', 'RT'],
    ['lone \\r', '$ PD-1\r\rRT and PD-L1.', 'RT'],
    ['front matter closed by ...', '---\ntitle: x\n...\n\nPD-1 and RT.', 'title'],
    ['stray tag', 'PD-L1 <low in A.\n\nPD-1 and RT.\n\nA > B.', 'RT'],
  ] as const) {
    it(`re-annotates incrementally exactly as in full (${name})`, () => {
      for (const language of ['markdown', 'latex'] as const) {
        const doc = new DocumentMentions(builtin, language);
        doc.full(text);
        const at = text.indexOf(edit);
        for (const insertedText of ['x', ' DC ', '\n\n', '...\n', '>']) {
          const next = text.slice(0, at) + insertedText + text.slice(at);
          const d = new DocumentMentions(builtin, language);
          d.full(text);
          if (!d.applyChange({ start: at, removedLength: 0, insertedText }, stringParagraphReader(next))) d.full(next);
          assert.deepEqual(d.mentions, builtin.annotate(next, language), `${language}: ${JSON.stringify(insertedText)} into ${JSON.stringify(text)}`);
        }
      }
    });
  }
});
