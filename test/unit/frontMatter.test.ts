import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { annotateDocument } from '../../src/core/matching/documentAnnotation';
import { DocumentMentions, stringParagraphReader } from '../../src/core/matching/incremental';
import { Matcher } from '../../src/core/matching/matcher';
import { frontMatterProse } from '../../src/core/text/regions';
import { miniLexicon } from '../helpers/mini-lexicon';

const matcher = new Matcher(miniLexicon());

const quarto = [
  '---',
  'title: "Radiotherapy and PD-1"',
  'subtitle: dendritic cells',
  'author: RT Smith',
  'bibliography: radiotherapy.bib',
  'abstract: |',
  '  Radiation therapy recruits CD8+ T cells',
  '  and macrophages.',
  'keywords:',
  '  - abscopal effect',
  '  - PD-L1',
  'csl: pd-1.csl',
  'description: >',
  '  pembrolizumab',
  '---',
  '',
  'Body: radiotherapy.',
  '',
].join('\n');

const marked = (text: string) => annotateDocument(matcher, text, 'markdown').mentions.map((m) => text.slice(m.start, m.end));

describe('front matter prose (Quarto, R Markdown, Pandoc, Jekyll)', () => {
  it('marks the values of title, subtitle, abstract, keywords and description, whatever their YAML form', () => {
    assert.deepEqual(marked(quarto), ['Radiotherapy', 'PD-1', 'dendritic cells', 'Radiation therapy', 'CD8+ T cells', 'macrophages', 'abscopal effect', 'PD-L1', 'pembrolizumab', 'radiotherapy']);
  });
  it('never marks keys or other values: author, bibliography, csl', () => {
    const spans = annotateDocument(matcher, quarto, 'markdown').mentions;
    for (const key of ['author: RT Smith', 'bibliography: radiotherapy.bib', 'csl: pd-1.csl']) {
      const at = quarto.indexOf(key);
      assert.ok(!spans.some((m) => m.start < at + key.length && m.end > at), key);
    }
  });
  it('finds the prose values by key, to the next top-level key or the closing fence', () => {
    const fmEnd = quarto.indexOf('\n---\n') + 5;
    const values = frontMatterProse(quarto, fmEnd).map(([a, b]) => quarto.slice(a, b));
    assert.deepEqual(values, [' "Radiotherapy and PD-1"\n', ' dendritic cells\n', ' |\n  Radiation therapy recruits CD8+ T cells\n  and macrophages.\n', '\n  - abscopal effect\n  - PD-L1\n', ' >\n  pembrolizumab\n']);
    assert.deepEqual(frontMatterProse('---\nauthor: x\nlayout: post\n---\n', 29), []);
  });
  it('keeps a text without front matter, or with a rule later on, as before', () => {
    assert.deepEqual(marked('Radiotherapy.\n\n---\ntitle: PD-1\n---\n'), ['Radiotherapy', 'PD-1']);
  });
  it('gives the same marks when the front matter is edited one paragraph at a time', () => {
    const doc = new DocumentMentions(matcher, 'markdown');
    doc.full(quarto);
    const at = quarto.indexOf('Radiotherapy and');
    const next = `${quarto.slice(0, at)}Macrophages and ${quarto.slice(at)}`;
    if (!doc.applyChange({ start: at, removedLength: 0, insertedText: 'Macrophages and ' }, stringParagraphReader(next))) doc.full(next);
    assert.deepEqual(doc.mentions, annotateDocument(matcher, next, 'markdown').mentions);
    assert.equal(next.slice(doc.mentions[0].start, doc.mentions[0].end), 'Macrophages');
  });
});
