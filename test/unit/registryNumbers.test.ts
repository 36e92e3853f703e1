/**
 * Trial registry numbers by their registry's pattern (docs/annotation.md §3.14): what an author sees marked
 * and on the hover card, in the CLI, the editor's incremental annotation and a document outside the field.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { annotateFile } from '../../src/cli/annotate';
import { mentionCardAt } from '../../src/core/cards/card';
import { indexById } from '../../src/core/lexicon/lexicon';
import { annotateDocument } from '../../src/core/matching/documentAnnotation';
import { DocumentMentions, stringParagraphReader } from '../../src/core/matching/incremental';
import { Matcher } from '../../src/core/matching/matcher';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const marks = (text: string, file = 'abstract.txt') => annotateFile(text, file).mentions.map((m) => `${m.text}=${m.id}`);
const matcher = new Matcher(loadBuiltinLexicon());
const byId = indexById({ entries: matcher.entries } as Parameters<typeof indexById>[0]);

describe('trial registry numbers', () => {
  it('marks the numbers of every registry the guideline names as trials, and keeps the lexicon’s own trial for a number it lists', () => {
    const text = 'PACIFIC (NCT02125461), NCT01234567, ChiCTR2000029335, ChiCTR-IOR-17012345, ISRCTN12345678, EudraCT-Number: 2019–003454-83, NL8435 and NTR7012 in NSCLC treated with radiotherapy.';
    assert.deepEqual(marks(text), [
      'PACIFIC=pacific', 'NCT02125461=pacific', 'NCT01234567=registry:NCT01234567', 'ChiCTR2000029335=registry:ChiCTR2000029335',
      'ChiCTR-IOR-17012345=registry:ChiCTR-IOR-17012345', 'ISRCTN12345678=registry:ISRCTN12345678', '2019–003454-83=registry:2019-003454-83',
      'NL8435=registry:NL8435', 'NTR7012=registry:NTR7012', 'NSCLC=nsclc', 'radiotherapy=radiotherapy',
    ]);
    for (const m of annotateFile(text, 'a.txt').mentions) if (m.id.startsWith('registry:')) assert.equal(m.category, 'trial');
  });
  it('finds the shortest number the pattern allows (NTR and 3 digits) in a text with no longer run of digits', () => {
    assert.deepEqual(marks('Radiotherapy in melanoma, registered as NTR701.'), ['Radiotherapy=radiotherapy', 'melanoma=melanoma', 'NTR701=registry:NTR701']);
  });
  it('finds a number inside Chinese text', () => {
    assert.deepEqual(marks('该研究（注册号：ChiCTR2000029335）纳入非小细胞肺癌患者。'), ['ChiCTR2000029335=registry:ChiCTR2000029335', '非小细胞肺癌=nsclc']);
  });
  it('negative: no number in a URL, in code, inside a longer code, or with a digit too many or too few', () => {
    assert.deepEqual(marks('See https://clinicaltrials.gov/study/NCT01234567 and `NCT01234568`.', 'a.md'), []);
    assert.deepEqual(marks('NCT012345671, NCT0123456, XNCT01234567, ISRCTN1234567 and 2019-0034543-83 with radiotherapy.'), ['radiotherapy=radiotherapy']);
  });
  it('a bare EudraCT or Dutch number needs the field gate’s context; an NCT number does not', () => {
    assert.deepEqual(marks('Order 2019-003454-83 shipped; part NL8435 arrived on time.'), []);
    assert.deepEqual(marks('Order NCT01234567 shipped.'), ['NCT01234567=registry:NCT01234567']);
  });
  it('the editor’s incremental annotation marks a number typed into a paragraph as a full scan does', () => {
    const doc = new DocumentMentions(matcher, 'markdown');
    let text = 'Radiotherapy with PD-1 blockade.\n\nThe trial is registered.';
    doc.full(text);
    const at = text.indexOf('registered.') + 'registered'.length;
    text = `${text.slice(0, at)} as NCT01234567${text.slice(at)}`;
    assert.ok(doc.applyChange({ start: at, removedLength: 0, insertedText: ' as NCT01234567' }, stringParagraphReader(text)));
    assert.equal(doc.lastUpdate, 'paragraph');
    assert.deepEqual(doc.mentions, annotateDocument(matcher, text, 'markdown').mentions);
    assert.deepEqual(doc.mentions.map((m) => `${text.slice(m.start, m.end)}=${m.id}`), ['Radiotherapy=radiotherapy', 'PD-1 blockade=pd-1-inhibitor', 'NCT01234567=registry:NCT01234567']);
  });
  it('the hover card names the registry and links to the number’s page, in English and Chinese', () => {
    const text = 'Radiotherapy in NSCLC (NCT01234567).';
    const doc = new DocumentMentions(matcher, 'plain');
    doc.full(text);
    const card = (lang: 'en' | 'zh') => mentionCardAt(doc, text.indexOf('NCT') + 2, { lang, byId, lineOf: () => 0, links: true, maxEvidence: 2 })?.markdown ?? '';
    assert.match(card('en'), /^\*\*NCT01234567\*\*/);
    assert.ok(card('en').includes('ClinicalTrials.gov'), card('en'));
    assert.ok(card('en').includes('](https://clinicaltrials.gov/study/NCT01234567)'), card('en'));
    assert.ok(card('zh').includes('试验 · 注册号 · ClinicalTrials.gov'), card('zh'));
    assert.equal(doc.entryAt(text.indexOf('NCT') + 2), undefined, 'no lexicon entry to open for a number the lexicon does not list');
  });
});
