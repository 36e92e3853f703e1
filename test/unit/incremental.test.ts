import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { DocumentMention } from '../../src/core/matching/documentAnnotation';
import { annotateDocument } from '../../src/core/matching/documentAnnotation';
import { DocumentMentions, stringParagraphReader } from '../../src/core/matching/incremental';
import type { TextChange } from '../../src/core/matching/incremental';
import { Matcher } from '../../src/core/matching/matcher';
import type { DocLanguage } from '../../src/core/text/regions';
import { definitionsLexicon, miniLexicon } from '../helpers/mini-lexicon';

const matcher = new Matcher(miniLexicon());

function apply(text: string, c: TextChange): string {
  return text.slice(0, c.start) + c.insertedText + text.slice(c.start + c.removedLength);
}

/** Applies a change incrementally (falling back to a full scan when asked) and compares with a full scan. */
function check(doc: DocumentMentions, text: string, c: TextChange): { text: string; mode: string } {
  const next = apply(text, c);
  if (!doc.applyChange(c, stringParagraphReader(next))) doc.full(next);
  const expected = annotateDocument(matcher, next, doc.language).mentions;
  assert.deepEqual(doc.mentions, expected, `after ${JSON.stringify(c)} on ${JSON.stringify(text)}`);
  return { text: next, mode: doc.lastUpdate };
}

describe('incremental re-annotation', () => {
  it('re-scans only the edited paragraph and shifts later mentions', () => {
    const text = 'PD-1 here.\n\nA paragraph about RT.\n\nDC and Treg later.';
    const doc = new DocumentMentions(matcher, 'markdown');
    doc.full(text);
    const r = check(doc, text, { start: text.indexOf('RT'), removedLength: 0, insertedText: 'PD-L1 and ' });
    assert.equal(r.mode, 'paragraph');
    assert.deepEqual(doc.mentions.map((m) => r.text.slice(m.start, m.end)), ['PD-1', 'PD-L1', 'RT', 'DC', 'Treg']);
  });
  it('handles splitting and joining paragraphs', () => {
    let text = 'PD-1 and RT\nand DC.\n\nTreg.';
    const doc = new DocumentMentions(matcher, 'markdown');
    doc.full(text);
    text = check(doc, text, { start: text.indexOf('\nand'), removedLength: 1, insertedText: '\n\n' }).text;
    text = check(doc, text, { start: text.indexOf('\n\nand'), removedLength: 2, insertedText: ' ' }).text;
  });
  it('falls back to a full scan when a fence delimiter is typed or a block is touched', () => {
    const text = 'PD-1\n\n```\ncode PD-L1\n\nmore code\n```\n\nRT';
    const doc = new DocumentMentions(matcher, 'markdown');
    doc.full(text);
    assert.equal(check(doc, text, { start: text.indexOf('more'), removedLength: 4, insertedText: 'DC' }).mode, 'full');
    assert.equal(check(doc, text, { start: 0, removedLength: 0, insertedText: '```\n' }).mode, 'full');
  });
  it('agrees with a full scan after many random edits (Markdown and LaTeX)', () => {
    const pieces = ['PD-L1', ' ', '\n', '\n\n', 'RT', '$', '`', 'CD8+ T cells', '树突状细胞', 'Treg', '%', '\\cite{DC}', 'x', '```', '<!--', '-->', 'IFN-beta', '\\begin{verbatim}', '\\end{verbatim}'];
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (const language of ['markdown', 'latex'] as DocLanguage[]) {
      let text = 'Intro PD-1 text.\n\nSecond $x$ paragraph with DC.\n\nThird with Treg and RT.';
      const doc = new DocumentMentions(matcher, language);
      doc.full(text);
      for (let k = 0; k < 400; k++) {
        const start = rand(text.length + 1);
        const removedLength = Math.min(rand(6), text.length - start);
        const insertedText = rand(3) === 0 ? '' : pieces[rand(pieces.length)];
        text = check(doc, text, { start, removedLength, insertedText }).text;
      }
    }
  });
  it('finds the mention at an offset', () => {
    const text = 'see PD-L1 and DC';
    const doc = new DocumentMentions(matcher, 'plain');
    doc.full(text);
    assert.equal(doc.at(4)?.id, 'pd-l1');
    assert.equal(doc.at(9)?.id, 'pd-l1');
    assert.equal(doc.at(11), undefined);
    assert.deepEqual(doc.between(10, 16).map((m) => m.id), ['dendritic-cell']);
  });
});

describe('incremental re-annotation with document-defined abbreviations and generic words', () => {
  const defMatcher = new Matcher(definitionsLexicon());

  /** Applies a change like an editor does and checks the result equals a full annotation of the new text. */
  function step(doc: DocumentMentions, text: string, c: TextChange): { text: string; mode: string } {
    const next = apply(text, c);
    if (!doc.applyChange(c, stringParagraphReader(next))) doc.full(next);
    const full = annotateDocument(defMatcher, next, doc.language, doc.options);
    const view = (ms: readonly DocumentMention[]) => ms.map((m) => `${m.start}-${m.end}:${m.id}:${m.category}`);
    assert.deepEqual(view(doc.mentions), view(full.mentions), `shown mentions after ${JSON.stringify(c)} on ${JSON.stringify(text)}`);
    assert.deepEqual(view(doc.all), view(full.all), `all mentions after ${JSON.stringify(c)}`);
    assert.deepEqual([...doc.terms.values()], [...full.terms.values()], `terms after ${JSON.stringify(c)}`);
    for (let i = 0; i < full.all.length; i++) {
      const m = full.all[i];
      assert.ok(m.start >= 0 && m.start < m.end && m.end <= next.length && (i === 0 || full.all[i - 1].end <= m.start), `sorted, non-overlapping, in bounds: ${JSON.stringify(m)}`);
    }
    return { text: next, mode: doc.lastUpdate };
  }

  it('stays equal to a full annotation when a definition is typed, edited and deleted', () => {
    // The last paragraph makes the document one of the field, so that the short form IR is shown (the field gate).
    let text = 'IR was measured first.\n\nPatients with insulin resistance were excluded.\n\nThen IR-induced changes and the immune response.\n\nMacrophages, HIF-1α and PD-L1 inhibitors.';
    const doc = new DocumentMentions(defMatcher, 'markdown');
    doc.full(text);
    assert.equal(doc.mentions[0].id, 'ionizing-radiation');
    // Typing the definition, one character at a time: "(", "I", "R", ")".
    let at = text.indexOf(' were excluded');
    for (const ch of [' (', 'I', 'R', ')']) {
      text = step(doc, text, { start: at, removedLength: 0, insertedText: ch }).text;
      at += ch.length;
    }
    assert.ok(doc.mentions.filter((m) => text.slice(m.start, m.end).startsWith('IR')).every((m) => m.id === 'doc:IR'));
    // Editing its long form: the same short form and id, a new long form, in place.
    const r = step(doc, text, { start: text.indexOf('insulin'), removedLength: 'insulin'.length, insertedText: 'intrinsic' });
    text = r.text;
    assert.equal(r.mode, 'paragraph');
    assert.equal(doc.terms.get('IR')!.long, 'intrinsic resistance');
    // Editing text above it moves where it is defined.
    text = step(doc, text, { start: 0, removedLength: 0, insertedText: 'Intro.\n\n' }).text;
    assert.equal(doc.terms.get('IR')!.definedAt, text.indexOf('intrinsic'));
    // Deleting the definition: IR is the lexicon's again.
    text = step(doc, text, { start: text.indexOf(' (IR)'), removedLength: ' (IR)'.length, insertedText: '' }).text;
    assert.equal(doc.terms.size, 0);
    assert.equal(doc.mentions.find((m) => text.slice(m.start, m.end) === 'IR')?.id, 'ionizing-radiation');
  });
  it('agrees with a full annotation after many random edits around definitions and generic words', () => {
    const pieces = ['(', ')', '（', '）', 'IR', 'LDRT', ' insulin resistance ', 'ionizing radiation', 'Low-dose radiotherapy ', 'immune response', 'Cancer', '\n\n', ' ', '`', 'TILs', '肿瘤浸润淋巴细胞', ', ', '-induced', 's', ' (IR)', ' (LDRT)', '（TILs）', ' (Toll-Like Receptor 4, TLR4)', 'TLR4', ' $IR$ ', 'CPIs', 'checkpoint inhibitors (CPIs)'];
    let seed = 777;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (const [language, includeGeneric] of [['markdown', false], ['latex', true], ['plain', false]] as [DocLanguage, boolean][]) {
      let text = 'Patients with insulin resistance (IR) were excluded.\n\nLow-dose radiotherapy (LDRT) and IR-induced immune response.\n\nLDRT, IR and Cancer.';
      const doc = new DocumentMentions(defMatcher, language, { includeGeneric });
      doc.full(text);
      for (let k = 0; k < 300; k++) {
        const start = rand(text.length + 1);
        const removedLength = Math.min(rand(6), text.length - start);
        const insertedText = rand(3) === 0 ? '' : pieces[rand(pieces.length)];
        text = step(doc, text, { start, removedLength, insertedText }).text;
      }
    }
  });
});

describe('the lexicon entry at an offset', () => {
  it('is the mention\'s entry, or for a term the document defines, the entry its head matches', () => {
    const text = 'Low-dose radiotherapy (LDRT) with PD-L1. LDRT again; insulin resistance (IR).';
    const doc = new DocumentMentions(new Matcher(definitionsLexicon()), 'plain');
    doc.full(text);
    assert.equal(doc.entryAt(text.indexOf('PD-L1') + 1), 'pd-l1');
    assert.equal(doc.entryAt(text.indexOf('LDRT again') + 1), 'radiotherapy');
    assert.equal(doc.entryAt(text.lastIndexOf('IR') + 1), undefined);
    assert.equal(doc.at(text.lastIndexOf('IR') + 1)?.id, 'doc:IR');
  });
});
