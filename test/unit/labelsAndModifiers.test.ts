/**
 * Two class rules for real abstracts (issue 20): a bracket after a label is not a definition (`Type II
 * (non-insulin-dependent)` does not define II), and a cell name that only says where a malignancy arises is
 * not a mention of the cells (`T-cell` in `adult T-cell leukaemia`).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { annotateFile } from '../../src/cli/annotate';
import { findAbbreviationDefinitions } from '../../src/core/matching/definedAbbreviations';

const defined = (text: string) => findAbbreviationDefinitions(text).map((d) => `${text.slice(d.shortStart, d.shortEnd)}=${text.slice(d.longStart, d.longEnd)}`);
const mentions = (text: string) => annotateFile(text, 'abstract.txt').mentions.map((m) => `${m.text}/${m.category}`);

describe('a bracket after a label defines nothing', () => {
  it('a Roman numeral (type, stage, grade, class) before a bracket is not a short form', () => {
    assert.deepEqual(defined('Type II (non-insulin-dependent) diabetes mellitus'), []);
    assert.deepEqual(defined('patients with stage IV (inoperable) disease'), []);
    assert.deepEqual(defined('grade III (severe) neutropenia'), []);
  });
  it('nor is a short form whose bracket does not begin with its first letter', () => {
    assert.deepEqual(defined('the CTCAE (version 5.0) grades'), []);
  });
  it('so II is not marked across the abstract', () => {
    const text = 'Type II (non-insulin-dependent) diabetes was common. Phase II trials of nivolumab followed.';
    assert.ok(!mentions(text).some((m) => m.startsWith('II/')), mentions(text).join(', '));
  });
  it('real definitions stay, both ways round', () => {
    assert.deepEqual(defined('PD-1 (programmed death-1) blockade'), ['PD-1=programmed death-1']);
    assert.deepEqual(defined('given intravenous (IV) infusion'), ['IV=intravenous']);
    assert.deepEqual(defined('NSCLC (non-small cell lung cancer) patients'), ['NSCLC=non-small cell lung cancer']);
  });
});

describe('a cell name as the modifier of a malignancy is not a cell mention', () => {
  it('T-cell, B-cell, NK-cell before leukaemia, lymphoma, myeloma (with qualifiers between)', () => {
    // The tumour is marked (the lexicon's word, or the whole phrase where the generated tier knows it, as
    // B-cell lymphoma from the Disease Ontology); the cell name inside it never is.
    for (const text of ['adult T-cell leukaemia/lymphoma', 'T-cell acute lymphoblastic leukemia', 'B-cell lymphoma and NK-cell lymphoma', 'B cell non-Hodgkin lymphoma', 'NK-cell myeloma']) {
      const found = mentions(text);
      assert.ok(!found.some((m) => m.endsWith('/immune-cell')), `${text}: ${found.join(', ')}`);
      assert.ok(found.some((m) => m.endsWith('/tumor')), `${text}: ${found.join(', ')}`);
    }
    assert.deepEqual(mentions('adult T-cell leukaemia/lymphoma'), ['lymphoma/tumor']);
  });
  it('cells stay cells elsewhere, tumour words included', () => {
    assert.deepEqual(mentions('CD8+ T cell tumor infiltration'), ['CD8+ T cell/immune-cell']);
    assert.deepEqual(mentions('T cells in lymphoma'), ['T cells/immune-cell', 'lymphoma/tumor']);
    assert.deepEqual(mentions('T-cell responses against melanoma'), ['T-cell/immune-cell', 'melanoma/tumor']);
    assert.deepEqual(mentions('T cell-mediated immunity'), ['T cell/immune-cell']);
  });
});

describe('a term the document defines twice keeps one category', () => {
  it('the long form of the second definition takes the category of the definition in force', () => {
    // A document of the field (radiotherapy, PD-1, macrophages), so its own terms are shown (docs/annotation.md §5).
    const text = 'Radiotherapy, PD-1 and macrophages. A p62/sequestosome 1 protein (p62/SQSTM1) variant. Mutations of the p62/Sequestosome 1 gene (p62/SQSTM1) cause disease; p62/SQSTM1 is studied.';
    const ms = annotateFile(text, 'abstract.txt').mentions.filter((m) => m.id === 'doc:p62/SQSTM1');
    assert.equal(ms.length, 5, ms.map((m) => m.text).join(', '));
    assert.deepEqual([...new Set(ms.map((m) => m.category))], [ms[0].category]);
  });
  it('a short form redefined as something else keeps each long form its own meaning', () => {
    const text = 'Insulin resistance (IR) was measured. Later, ionizing radiation (IR) was given.';
    const longs = annotateFile(text, 'abstract.txt').mentions.filter((m) => m.text === 'ionizing radiation');
    assert.ok(longs.every((m) => m.id !== 'doc:IR'), longs.map((m) => m.id).join(', '));
  });
});
