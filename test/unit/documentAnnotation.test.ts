import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { definedAsNote, renderDocumentTermCard } from '../../src/core/cards/card';
import type { DocumentAnnotation } from '../../src/core/matching/documentAnnotation';
import { annotateDocument } from '../../src/core/matching/documentAnnotation';
import { buildLexicon } from '../../src/core/lexicon/build';
import { indexById } from '../../src/core/lexicon/lexicon';
import { Matcher } from '../../src/core/matching/matcher';
import type { DocLanguage } from '../../src/core/text/regions';
import { definitionsLexicon } from '../helpers/mini-lexicon';

const matcher = new Matcher(definitionsLexicon());

function annotate(text: string, language: DocLanguage = 'markdown', includeGeneric = false): DocumentAnnotation {
  return annotateDocument(matcher, text, language, { includeGeneric });
}

/** The shown mentions as "text=id". */
function marks(text: string, language: DocLanguage = 'markdown', includeGeneric = false): string[] {
  return annotate(text, language, includeGeneric).mentions.map((m) => `${text.slice(m.start, m.end)}=${m.id}`);
}

function assertSortedDisjoint(a: DocumentAnnotation): void {
  for (const list of [a.mentions, a.all]) for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].end <= list[i].start, 'sorted and non-overlapping');
}

describe('document-defined abbreviations', () => {
  it('a short form whose long form is a lexicon entry names that entry at every use, also as a modifier (IR-induced)', () => {
    const text = 'Damage from ionizing radiation (IR) accumulates. IR-induced death follows; IR again.';
    assert.deepEqual(marks(text), ['ionizing radiation=ionizing-radiation', 'IR=ionizing-radiation', 'IR=ionizing-radiation', 'IR=ionizing-radiation']);
  });
  it('the long form may be the lexicon entry itself in Chinese or English: TILs, PD-L1, TLR4', () => {
    assert.deepEqual(marks('研究发现肿瘤浸润淋巴细胞（TILs）增多，TILs 与预后相关。'), ['肿瘤浸润淋巴细胞=til', 'TILs=til', 'TILs=til']);
    assert.deepEqual(marks('程序性细胞死亡配体 1 (PD-L1) 与 PD-L1，PD-L1 抑制剂'), ['程序性细胞死亡配体 1=pd-l1', 'PD-L1=pd-l1', 'PD-L1=pd-l1', 'PD-L1 抑制剂=pd-l1-inhibitor']);
    assert.deepEqual(marks('It signals through (Toll-Like Receptor 4, TLR4). TLR4 is up.'), ['Toll-Like Receptor 4=tlr4', 'TLR4=tlr4', 'TLR4=tlr4']);
  });
  it('a short form the lexicon knows names its entry when the long form ends like one of its names, despite a PDF line break', () => {
    const text = 'It binds programmed death-\nligand 1 (PD-L1) here. PD-L1 is up.';
    assert.deepEqual(annotate(text).terms.get('PD-L1')?.id, 'pd-l1');
    assert.deepEqual(marks(text).filter((m) => m.startsWith('PD-L1')), ['PD-L1=pd-l1', 'PD-L1=pd-l1']);
  });
  it('a short form may end in a spaced number or Greek letter: interferon beta (IFN β)', () => {
    const text = 'Cells release interferon beta (IFN β); IFN β then acts.';
    assert.deepEqual(marks(text), ['interferon beta=ifn-beta', 'IFN β=ifn-beta', 'IFN β=ifn-beta']);
  });
  it('any other short form becomes a term of this document, long form and uses, in the category of the entry its head matches', () => {
    const text = 'Low-dose radiotherapy (LDRT) was given.\n\nLDRT was well tolerated.';
    const a = annotate(text);
    assert.deepEqual(a.mentions.map((m) => `${text.slice(m.start, m.end)}=${m.id}/${m.category}`), ['Low-dose radiotherapy=doc:LDRT/concept', 'LDRT=doc:LDRT/concept', 'LDRT=doc:LDRT/concept']);
    const term = a.terms.get('LDRT')!;
    assert.deepEqual({ long: term.long, local: term.local, related: term.related, definedAt: term.definedAt }, { long: 'Low-dose radiotherapy', local: true, related: 'radiotherapy', definedAt: 0 });
  });
  it('with no lexicon entry at its head, the head word gives the category (inhibitors → drug, response → outcome), else concept', () => {
    const text = 'Patients on checkpoint inhibitors (CPIs) did well: each CPI was dosed weekly.';
    assert.deepEqual(annotate(text).mentions.map((m) => `${text.slice(m.start, m.end)}=${m.id}/${m.category}`), ['checkpoint inhibitors=doc:CPI/drug', 'CPIs=doc:CPI/drug', 'CPI=doc:CPI/drug']);
    const bor = 'The best overall response (BOR) was partial; BOR was assessed centrally.';
    assert.deepEqual(annotate(bor).mentions.map((m) => `${bor.slice(m.start, m.end)}=${m.id}/${m.category}`), ['best overall response=doc:BOR/outcome', 'BOR=doc:BOR/outcome', 'BOR=doc:BOR/outcome']);
    assert.equal(annotate('Patients with insulin resistance (IR) were excluded.').terms.get('IR')!.category, 'concept');
    assert.equal(annotate('the Zeta-like receptor 9 (ZLR9) binds', 'plain').terms.get('ZLR9')!.category, 'molecule', 'a trailing number is not the head');
    assert.equal(annotate('毒性相关蛋白 4 (XTP4) 表达', 'plain').terms.get('XTP4')!.category, 'molecule', 'Chinese: …蛋白 → molecule');
  });
  it("the document's meaning wins: where insulin resistance (IR) is defined, IR is not ionizing radiation", () => {
    // The second sentence makes the text one of the field, where short forms are shown (the field gate).
    const field = ' Macrophages, HIF-1α and PD-L1 inhibitors were studied.';
    const text = `Patients with insulin resistance (IR) were excluded. IR was measured at baseline.${field}`;
    // Defined for something outside the field, IR is known to the document (its checks, hover) but not marked.
    assert.equal(annotate(text).terms.get('IR')?.id, 'doc:IR');
    assert.ok(!marks(text).some((m) => m.startsWith('IR=') || m.startsWith('insulin')), marks(text).join(', '));
    assert.ok(annotate(text).all.some((m) => m.id === 'doc:IR' && text.slice(m.start, m.end) === 'IR'), 'the uses are still known, for hover');
    assert.deepEqual(marks(`IR was measured at baseline.${field}`)[0], 'IR=ionizing-radiation', 'without the definition, the lexicon decides');
    assert.equal(annotate('一项研究显示受照射组（IR）更多。').terms.get('IR')?.id, 'ionizing-radiation', 'a Chinese long form is a guess and does not override the lexicon');
  });
  it('uses are whole words and case-sensitive, with a plural s, outside code and math', () => {
    const text = 'Low-dose radiotherapy (LDRT) helps. LDRTs, ldrt, LDRTx, `LDRT` and $LDRT$ differ; LDRT-treated mice.';
    assert.deepEqual(marks(text).filter((m) => m.startsWith('LDRT')), ['LDRT=doc:LDRT', 'LDRTs=doc:LDRT', 'LDRT=doc:LDRT']);
  });
  it('a use replaces lexicon mentions inside its span, never a longer mention around it', () => {
    const text = 'CD8 (cytotoxic differentiation antigen 8) is a co-receptor. CD8+ T cells and CD8 cells.';
    const a = annotate(text);
    assertSortedDisjoint(a);
    assert.deepEqual(a.mentions.map((m) => text.slice(m.start, m.end)), ['CD8', 'cytotoxic differentiation antigen 8', 'CD8+ T cells', 'CD8']);
  });
  it('the first definition of a short form wins for the whole document', () => {
    const text = 'IR is used early. Patients with insulin resistance (IR) were excluded. Later ionizing radiation (IR) was given.';
    const a = annotate(text);
    assert.equal(a.terms.get('IR')!.id, 'doc:IR');
    assert.equal(a.definitions.length, 2);
    assert.ok(a.mentions.filter((m) => text.slice(m.start, m.end) === 'IR').every((m) => m.id === 'doc:IR'));
  });
});

describe('generic words are known but quiet', () => {
  it('are not shown, counted or reported, but stay in the full list for hover', () => {
    const text = 'Cancer remains a leading cause of death, and the immune response recruits cells.';
    const a = annotate(text);
    assert.deepEqual(a.mentions, []);
    assert.deepEqual(a.all.map((m) => m.id), ['cancer', 'immune-response']);
  });
  it('are shown when asked for (the setting oncolex.highlight.generic, the flag --include-generic)', () => {
    assert.deepEqual(marks('Cancer and the immune response.', 'plain', true), ['Cancer=cancer', 'immune response=immune-response']);
  });
  it('still keep a shorter term inside them from matching: "response" in "immune response" is not a mention', () => {
    assert.deepEqual(marks('The immune response and the response rate.'), ['response=tumour-response']);
  });
});

describe('the hover card of a term the document defines', () => {
  const byId = indexById(definitionsLexicon());
  it('says "defined in this document, line N" and offers the lexicon entry its head matches', () => {
    const text = '# Methods\n\nLow-dose radiotherapy (LDRT) was given.';
    const term = annotate(text).terms.get('LDRT')!;
    const line = text.slice(0, term.definedAt).split('\n').length;
    const en = renderDocumentTermCard(term, { lang: 'en', line, byId, links: true });
    assert.match(en, /^\*\*LDRT\*\* · Low-dose radiotherapy/);
    assert.match(en, /concept · defined in this document, line 3/);
    assert.match(en, /Related lexicon entry:\*\* \[radiotherapy\]\(command:oncolex\.showEntry\?/);
    assert.match(renderDocumentTermCard(term, { lang: 'zh', line, byId }), /在本文档第 3 行定义[\s\S]*放射治疗/);
  });
  it('a short form naming a lexicon entry keeps the entry card, with a note of the document\'s own definition', () => {
    const term = annotate('Damage from ionizing radiation (IR) accumulates.').terms.get('IR')!;
    assert.equal(definedAsNote(term, 1, 'en'), '*Defined in this document as “ionizing radiation”, line 1.*');
  });
});

describe('the field gate: short capital-letter forms need context (docs/annotation.md §5)', () => {
  const shown = (text: string, options = {}) => annotateDocument(matcher, text, 'plain', options).mentions.map((m) => text.slice(m.start, m.end));

  it('leaves out RT and DC in a text outside the field: RT-Thread, Washington DC', () => {
    assert.deepEqual(shown('RT-Thread runs on an MCU. Washington, DC has 0.7% of the GDP; DC grew.'), []);
  });
  it('keeps them next to a term of the field, or anywhere in a document about the field', () => {
    assert.deepEqual(shown('Radiotherapy recruits DC.'), ['Radiotherapy', 'DC']);
    const far = `Radiotherapy was given. ${'Nothing else here. '.repeat(10)}Then DC.`;
    assert.deepEqual(shown(far), ['Radiotherapy'], 'one field term far away is not context');
    assert.deepEqual(shown(`Radiotherapy, macrophages and PD-1 were studied. ${'Nothing else here. '.repeat(10)}Then DC.`), ['Radiotherapy', 'macrophages', 'PD-1', 'DC']);
  });
  it('counts distinctive short forms (PD-1, CD8, Treg) as field terms, and leaves out a term the document defines outside the field', () => {
    assert.deepEqual(shown('PD-1 and RT.'), ['PD-1', 'RT']);
    assert.deepEqual(shown('Imperial Chemical Industries (ICI) made paints; ICI was sold.'), []);
  });
});

describe('the generated tier', () => {
  const generated = buildLexicon({
    sources: [{ file: 'curated.json', entries: [{ id: 'radiotherapy', category: 'concept', label: { en: 'radiotherapy', zh: '放射治疗' }, abbreviations: ['RT'], definition: { en: 'd', zh: '定义' } }] }],
    review: '',
    inflect: () => [],
    generated: {
      sources: [{ key: 'cl', name: 'Cell Ontology', version: '2026-03-26', licence: 'CC BY 4.0' }],
      entries: [
        { id: 'cl-0000453', category: 'immune-cell', kind: 'cell type', curie: 'CL:0000453', source: 'cl', label: 'Langerhans cell', definition: 'A dendritic cell.', symbols: ['RT'], names: ['Langerhans cell', 'radiotherapy'] },
      ],
    },
  });
  const m = new Matcher(generated);
  const text = 'Radiotherapy recruits Langerhans cells and macrophages near RT fields.';
  const ids = (options = {}) => annotateDocument(m, text, 'plain', options).mentions.map((x) => `${text.slice(x.start, x.end)}=${x.id}`);

  it('adds its entries with their plural, and never takes a form a curated entry has', () => {
    assert.deepEqual(ids(), ['Radiotherapy=radiotherapy', 'Langerhans cells=cl-0000453', 'RT=radiotherapy']);
    const e = generated.entries.find((x) => x.id === 'cl-0000453')!;
    assert.deepEqual(e.origin, { source: 'Cell Ontology 2026-03-26', licence: 'CC BY 4.0', curie: 'CL:0000453' });
    assert.equal(e.tier, 'generated');
    assert.deepEqual(e.ids, { cl: 'CL:0000453' });
  });
  it('is left out when the setting turns it off (oncolex.lexicon.generated)', () => {
    assert.deepEqual(ids({ includeGenerated: false }), ['Radiotherapy=radiotherapy', 'RT=radiotherapy']);
  });
});

describe('the category of a term the document defines, by the lexicon’s category rules', () => {
  it('a dose rate is how radiotherapy is given (concept), an end-point rate is an outcome', () => {
    const a = annotate('Like FLASH at ultra-high dose rate (UHDR), it spares tissue. UHDR again. The objective remission rate (ORMR) rose; ORMR again.');
    assert.equal(a.terms.get('UHDR')?.category, 'concept');
    assert.equal(a.terms.get('ORMR')?.category, 'outcome');
  });
});
