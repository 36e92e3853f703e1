import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { joinExtractedLines } from '../../src/core/text/extractedText';
import { validateSourceFile } from '../../src/core/lexicon/lexicon';
import { Matcher } from '../../src/core/matching/matcher';
import type { MinedEntry } from '../../src/core/mining/mine';
import { mine } from '../../src/core/mining/mine';
import { citationsIn, documentSentences } from '../../src/core/text/sentences';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { schemaProblems } from '../helpers/jsonSchema';

const builtin = new Matcher(loadBuiltinLexicon());
const ROOT = path.resolve(__dirname, '../..');
const review = fs.readFileSync(path.join(ROOT, 'data/review/abscopal-review-2024.txt'), 'utf8');

function mineOne(text: string, language: 'markdown' | 'latex' | 'plain' = 'markdown', file = 'review.md') {
  return mine([{ file, text, language }], builtin);
}
/** The entry that has a form (label, abbreviation, synonym or Chinese name) equal to `form`. */
function entryWith(entries: MinedEntry[], form: string): MinedEntry | undefined {
  return entries.find((e) => [e.label.en, e.label.zh, ...(e.abbreviations ?? []), ...(e.synonyms ?? []), ...(e.zh ?? [])].includes(form));
}

describe('joining the lines of text extracted from a PDF', () => {
  it('joins broken lines and words hyphenated at a line end, and keeps headings and paragraph ends', () => {
    const j = joinExtractedLines('1. Introduction\nThe abscopal effect of metas-\ntatic tumours involves\n\nPD-\nL1 and CD8+ T cells.\n\n2. Methods\n远端效应是由辐射\n\n介导的免疫反应。\n');
    assert.equal(j.text, '1. Introduction\n\nThe abscopal effect of metastatic tumours involves PD-L1 and CD8+ T cells.\n\n2. Methods\n\n远端效应是由辐射介导的免疫反应。\n');
  });
  it('maps offsets of the joined text back to the extracted text', () => {
    const src = 'an immune check-\npoint inhibitor';
    const j = joinExtractedLines(src);
    assert.equal(j.text.trim(), 'an immune checkpoint inhibitor');
    const at = j.text.indexOf('inhibitor');
    assert.equal(src.slice(j.origin(at), j.origin(at) + 9), 'inhibitor');
  });
});

describe('sentences with their sections and citations', () => {
  it('reads numbered, Markdown and LaTeX headings, and every citation form', () => {
    const md = documentSentences('# 3. Results\n\nRT helped [3]. It also [12] [13] worked [5-7]. See Smith et al. [@smith2020; @lee2021].\n', 'markdown');
    assert.deepEqual(md.map((s) => [s.section, s.sectionTitle, s.refs, s.keys]), [
      ['3', 'Results', [3], []],
      ['3', 'Results', [12, 13, 5, 6, 7], []],
      ['3', 'Results', [], ['smith2020', 'lee2021']],
    ]);
    const tex = documentSentences('\\section{Methods}\nWe gave SBRT \\cite{a,b}. Then \\citep[p.~3]{c}.\n', 'latex');
    assert.deepEqual(tex.map((s) => [s.section, s.keys]), [['Methods', ['a', 'b']], ['Methods', ['c']]]);
    const plain = documentSentences('2. 远端效应的机制\n\n电离辐射可以使肿瘤细胞死亡[3-5]。DAMP 增强运输[7]。\n', 'plain');
    assert.deepEqual(plain.map((s) => [s.section, s.sectionTitle, s.refs]), [['2', '远端效应的机制', [3, 4, 5]], ['2', '远端效应的机制', [7]]]);
    assert.deepEqual(citationsIn('as shown [3, 7]'), { refs: [3, 7], keys: [] });
  });
  it('reads a Markdown heading as before: closing hashes and spaces dropped, at most six hashes, a space after them', () => {
    const titles = ['## 2. Methods ##', '# a #b', '# ##', '#######  x', '#a', '#\tTab title', '# x # #'].map((h) => documentSentences(`${h}\n\nText.\n`, 'markdown')[0].sectionTitle);
    assert.deepEqual(titles, ['Methods', 'a #b', '#', '', '', 'Tab title', 'x #']);
  });
  it('leaves a References section out', () => {
    const s = documentSentences('# Intro\n\nT cells act.\n\n# References\n\n1. Smith J. T cells. Nature 2020.\n', 'markdown');
    assert.deepEqual(s.map((x) => x.section), ['Intro']);
  });
});

describe('mining a lexicon from a text', () => {
  it('finds defined abbreviations in both directions and both languages, with file and line', () => {
    const r = mineOne('# Intro\n\nWe studied Zorblat radiotherapy (ZB-RT) here.\nGiven XYZ1 (xenotropic yield zeta 1) twice.\n\n髓系抑制细胞（MDSC）增多。\n');
    assert.deepEqual(
      r.abbreviations.map((a) => [a.short, a.long, a.line]),
      [['ZB-RT', 'Zorblat radiotherapy', 3], ['XYZ1', 'xenotropic yield zeta 1', 4], ['MDSC', '髓系抑制细胞', 6]],
    );
    const flash = entryWith(r.entries, 'ZB-RT')!;
    assert.equal(flash.label.en, 'Zorblat radiotherapy');
    assert.equal(flash.status, 'candidate');
    assert.equal(flash.extends, undefined);
  });
  it('a Chinese long form is the lexicon\'s name of the entry its short form abbreviates, without the words before it', () => {
    const r = mineOne('近年来，随着表皮生长因子受体（EGFR）基因的发现和相关酪氨酸激酶抑制剂（TKIs）的成功研发。\n\n局部晚期非小细胞肺癌（LA-NSCLC）的治疗。\n');
    assert.deepEqual(r.abbreviations.map((a) => `${a.short}=${a.long}`), ['EGFR=表皮生长因子受体', 'TKIs=酪氨酸激酶抑制剂', 'LA-NSCLC=局部晚期非小细胞肺癌']);
  });
  it('…and the whole of that name where the guess stopped inside it (at the verb 释放)', () => {
    const r = mineOne('接受治疗后出现细胞因子释放综合征（CRS）。\n');
    assert.deepEqual(r.abbreviations.map((a) => `${a.short}=${a.long}`), ['CRS=细胞因子释放综合征']);
  });
  it('finds head terms (cells, receptor, factor, inhibitor, -mab, 细胞, 抑制剂, 单抗) and gene-like symbols, with a category from the head', () => {
    const r = mineOne('Frobnicated NK-like cells rose. The zeta receptor binds. Glowing factor rose. Blorp inhibitors failed. We gave fantolimab. CD999 rose.\n\n发光受体与格洛单抗结合。\n');
    const cat = (form: string) => entryWith(r.entries, form)?.category;
    assert.equal(cat('frobnicated NK-like cells'), 'immune-cell');
    assert.equal(cat('zeta receptor'), 'molecule');
    assert.equal(cat('glowing factor'), 'molecule');
    assert.equal(cat('blorp inhibitors'), 'drug');
    assert.equal(cat('fantolimab'), 'drug');
    assert.equal(cat('CD999'), 'molecule');
    assert.equal(cat('发光受体'), 'molecule');
    assert.equal(cat('格洛单抗'), 'drug');
  });
  it('proposes an immune cell only for a lineage, subset or marker: not cells named by a place, dose or state', () => {
    const r = mineOne(
      'Valley-dose lymphocytes may survive. Irradiated stromal cells die. Frobnicated CD4+ memory cells rise.\n\n正常细胞受损。辐射后能释放细胞因子的受辐射细胞增多。格洛树突状细胞成熟。\n',
    );
    for (const form of ['Valley-dose lymphocytes', 'valley-dose lymphocytes', 'Irradiated stromal cells', 'irradiated stromal cells', '正常细胞', '能释放细胞', '受辐射细胞']) {
      assert.equal(entryWith(r.entries, form), undefined, form);
    }
    assert.ok(!r.entries.some((e) => !e.extends && e.category === 'immune-cell' && !/CD4|树突/.test(`${e.label.en}${e.label.zh}`)), JSON.stringify(r.entries.map((e) => e.label)));
  });
  it('writes labels without the capital of the sentence they start, and gives Chinese terms ids from their pinyin', () => {
    const r = mineOne('Proton minibeam radiotherapy (pMBRT) spares tissue. Like FLASH radiotherapy at ultra-high dose rate (UHDR), pMBRT works.\n\n格洛树突状细胞成熟，格洛树突状细胞增多。\n');
    assert.equal(entryWith(r.entries, 'pMBRT')?.label.en, 'proton minibeam radiotherapy');
    const uhdr = entryWith(r.entries, 'UHDR');
    // The lexicon's category rules: radiotherapy and how it is given are concepts (FLASH radiotherapy is one).
    assert.equal(uhdr?.category, 'concept');
    assert.equal(entryWith(r.entries, '格洛树突状细胞')?.id, 'ge-luo-shu-tu-zhuang-xi-bao');
    assert.ok(r.entries.every((e) => !/^term(?:-\d+)?$/.test(e.id)), r.entries.map((e) => e.id).join(', '));
  });
  it('mines the review’s HIF-1a (a known entry, written with a Latin a)', () => {
    const e = entryWith(mine([{ file: 'review.txt', text: review, language: 'plain' }], builtin).entries, 'HIF-1a');
    assert.equal(e?.extends, 'hif-1-alpha');
  });
  it('marks what the built-in lexicon knows with extends and its category', () => {
    const r = mineOne('Programmed death-ligand 1 (PD-L1) rose in regulatory T cells.\n');
    const pdl1 = r.entries.find((e) => e.extends === 'pd-l1');
    assert.ok(pdl1, JSON.stringify(r.entries.map((e) => e.id)));
    assert.equal(pdl1.category, 'molecule');
    assert.ok(r.entries.some((e) => e.extends === 'treg'));
  });
  it('gives every sentence mentioning a term as evidence, with section, citations, file and line', () => {
    const r = mineOne('# 2. Methods\n\nZeta cells (ZCs) were counted [3].\nThe ZCs grew [4, 5]. Other text.\n\n# 3. Results\n\nZeta cells died \\cite{k1}.\n');
    const z = entryWith(r.entries, 'ZC')!;
    assert.deepEqual(
      z.evidence.map((e) => [e.section, e.refs, e.keys ?? [], e.line]),
      [['2', [3], [], 3], ['2', [4, 5], [], 4], ['3', [], ['k1'], 8]],
    );
    assert.equal(z.evidence[0].source, 'review.md');
  });
  it('writes entries valid for the lexicon validator and the JSON schema', () => {
    const r = mine([{ file: 'abscopal-review-2024.txt', text: review, language: 'plain' }], builtin);
    const data = { entries: r.entries };
    assert.deepEqual(validateSourceFile(JSON.parse(JSON.stringify(data)), 'x.oncolex.json').errors.map((e) => e.message), []);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/lexicon.schema.json'), 'utf8'));
    assert.deepEqual(schemaProblems(schema, JSON.parse(JSON.stringify(data))), []);
    assert.equal(new Set(r.entries.map((e) => e.id)).size, r.entries.length);
  });
  it('gives a file that loads as a workspace lexicon without problems: known terms keep their id and show the text’s evidence first', async () => {
    const { buildWorkspaceLexicon } = await import('../../src/core/lexicon/workspaceLexicon');
    const { compromiseInflector } = await import('../../src/node/inflect');
    const { indexById } = await import('../../src/core/lexicon/lexicon');
    const { minedLexiconText } = await import('../../src/core/mining/mine');
    const r = mine([{ file: 'abscopal-review-2024.txt', text: review, language: 'plain' }], builtin);
    const lexicon = loadBuiltinLexicon();
    const ws = buildWorkspaceLexicon([{ file: 'review.oncolex.json', text: minedLexiconText(r, ['abscopal-review-2024.txt']) }], lexicon, review, compromiseInflector);
    assert.deepEqual(ws.problems.map((p) => p.message), []);
    assert.equal(ws.lexicon.entries.length, lexicon.entries.length + r.entries.filter((e) => e.extends === undefined).length);
    const treg = indexById(ws.lexicon).get('treg')!;
    assert.equal(treg.evidence[0].source, 'abscopal-review-2024.txt');
    assert.ok(treg.evidence[0].line! > 1);
  });
  it('finds every abbreviation the review defines in parentheses', () => {
    const r = mine([{ file: 'abscopal-review-2024.txt', text: review, language: 'plain' }], builtin);
    const shorts = new Set(r.abbreviations.map((a) => a.short));
    for (const s of ['TLR4', 'IFN 1', 'DAMP', 'TME', 'IFN β', 'PD-1/PD-L1', 'Treg', 'CTLA4', 'ICI', 'NSCLC', 'GM-CSF', 'MDSC']) assert.ok(shorts.has(s), s);
  });
  it('finds at least 75% of the built-in entries with review evidence in the review (matched by form), and every specific one', async () => {
    const { foldForm } = await import('../../src/core/text/normalize');
    const r = mine([{ file: 'abscopal-review-2024.txt', text: review, language: 'plain' }], builtin);
    const mined = new Set(r.entries.flatMap((e) => [e.label.en, e.label.zh, ...(e.abbreviations ?? []), ...(e.synonyms ?? []), ...(e.zh ?? [])]).map((f) => foldForm(f, false)));
    const withEvidence = loadBuiltinLexicon().entries.filter((e) => e.evidence.length > 0);
    const found = withEvidence.filter((e) => e.forms.some((f) => mined.has(foldForm(f.text, false))));
    assert.ok(found.length >= 0.75 * withEvidence.length, `${found.length} of ${withEvidence.length}`);
    assert.deepEqual(withEvidence.filter((e) => e.generic !== true && !found.includes(e)).map((e) => e.id), []);
  });
  it('runs in linear time: a text 4 times longer takes less than 8 times as long', () => {
    const unit = 'Zeta cells (ZCs) bind the glowing receptor [3]. 髓系抑制细胞（MDSC）增多[4]。CD8+ T cells and IL-12 rose.\n\n';
    const time = (n: number) => {
      const text = unit.repeat(n);
      const t0 = performance.now();
      mineOne(text);
      return performance.now() - t0;
    };
    time(200);
    const small = Math.min(time(1000), time(1000));
    const large = Math.min(time(4000), time(4000));
    assert.ok(large < small * 8, `${small.toFixed(0)} ms vs ${large.toFixed(0)} ms`);
  });
});
