import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildLexicon, serializeLexicon } from '../../src/core/lexicon/build';
import { CATEGORIES, LexiconError, definitionIn, indexById, labelIn, validateSourceFile } from '../../src/core/lexicon/lexicon';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { lookupTerm } from '../../src/core/lexicon/lookup';
import { Matcher } from '../../src/core/matching/matcher';
import { splitSections } from '../../src/core/lexicon/review';
import { LEXICON_OUT, ROOT, readSources } from '../../scripts/lexicon-sources';

const { input, errors } = readSources();
const lexicon = buildLexicon(input);
const find = (term: string) => lookupTerm(lexicon, term)?.id;

describe('lexicon sources and build', () => {
  it('validate without errors', () => {
    assert.deepEqual(errors.map((e) => e.message), []);
  });
  it('committed generated/lexicon.json is current (run npm run build:lexicon)', () => {
    assert.equal(fs.readFileSync(LEXICON_OUT, 'utf8'), serializeLexicon(lexicon), 'generated/lexicon.json is stale');
  });
  it('is deterministic', () => {
    assert.equal(serializeLexicon(buildLexicon(readSources().input)), serializeLexicon(lexicon));
  });
  it('has at least 150 entries in every category', () => {
    assert.ok(lexicon.entries.length >= 150, `${lexicon.entries.length} entries`);
    for (const c of CATEGORIES) assert.ok(lexicon.entries.some((e) => e.category === c), `category ${c} is empty`);
  });
  it('maps every abbreviation the review defines in parentheses to an entry, long form and short form alike', () => {
    const review = fs.readFileSync(path.join(ROOT, 'data/review/abscopal-review-2024.txt'), 'utf8');
    let checked = 0;
    for (const s of splitSections(review)) {
      for (const m of s.text.matchAll(/[(（]([^()（）]{1,80})[)）]/g)) {
        if (!/[A-Za-z]/.test(m[1])) continue;
        const parts = m[1].replace(/^例如\s*/, '').split(/\s*(?:,|，|\/|和)\s*/).filter(Boolean);
        const ids = parts.map((p) => {
          const id = find(p);
          assert.ok(id, `the review's (${m[1]}) — '${p}' has no entry`);
          return id;
        });
        if (/,/.test(m[1])) assert.equal(ids[0], ids[1], `(${m[1]}): long and short form map to different entries`);
        checked += parts.length;
      }
    }
    assert.ok(checked >= 15, `only ${checked} abbreviations checked`);
  });
  it('knows the spelling variants authors and the review use', () => {
    const cases: [string, string][] = [
      ['PD-L1', 'pd-l1'], ['PDL1', 'pd-l1'], ['B7-H1', 'pd-l1'], ['CD274', 'pd-l1'],
      ['IFN-β', 'ifn-beta'], ['IFN-beta', 'ifn-beta'], ['interferon beta', 'ifn-beta'], ['INF-β', 'ifn-beta'], ['IFN β', 'ifn-beta'],
      ['CTLA-4', 'ctla-4'], ['CTLA4', 'ctla-4'], ['HIF-1a', 'hif-1-alpha'], ['HIF-1α', 'hif-1-alpha'],
      ['CD8+T', 'cd8-t-cell'], ['CD8+ T cells', 'cd8-t-cell'], ['Tregs', 'treg'], ['PD 1', 'pd-1'], ['PD1', 'pd-1'],
      ['远端效应', 'abscopal-effect'], ['远位效应', 'abscopal-effect'], ['帕博利珠单抗', 'pembrolizumab'], ['Keytruda', 'pembrolizumab'],
    ];
    for (const [term, id] of cases) assert.equal(find(term), id, term);
  });
  it('finds the review’s own variants in its sentences (full-width Ｔ, CD8+T 细胞, Treg 细胞)', () => {
    const m = new Matcher(lexicon);
    const ids = (t: string) => m.annotate(t, 'plain').map((x) => `${t.slice(x.start, x.end)}=${x.id}`);
    assert.ok(ids('抑制Ｔ细胞的免疫效应').includes('Ｔ细胞=t-cell'));
    assert.ok(ids('这些激活的 CD8+T 细胞会移动').includes('CD8+T 细胞=cd8-t-cell'));
    assert.ok(ids('增加调节性 T 细胞(Treg 细胞)和').includes('Treg 细胞=treg'));
  });
  it('covers the checkpoint inhibitors authors write about, each with a target', () => {
    for (const drug of ['pembrolizumab', 'nivolumab', 'ipilimumab', 'durvalumab', 'atezolizumab', 'avelumab', 'cemiplimab', 'dostarlimab', 'tremelimumab', 'relatlimab', 'toripalimab', 'sintilimab', 'camrelizumab', 'tislelizumab']) {
      const e = lexicon.entries.find((x) => x.id === drug);
      assert.ok(e, `${drug} missing`);
      assert.equal(e.category, 'drug');
      assert.ok(e.relations.some((r) => r.type === 'targets'), `${drug} has no target`);
    }
    const target = (id: string) => lexicon.entries.find((x) => x.id === id)!.relations.filter((r) => r.type === 'targets').map((r) => r.id).sort();
    assert.deepEqual(target('pembrolizumab'), ['pd-1']);
    assert.deepEqual(target('durvalumab'), ['pd-l1']);
    assert.deepEqual(target('ipilimumab'), ['ctla-4']);
    assert.deepEqual(target('relatlimab'), ['lag-3']);
  });
  it('derives the inverse relations: a checkpoint lists its drugs', () => {
    const pd1 = lexicon.entries.find((x) => x.id === 'pd-1')!;
    const drugs = pd1.relations.filter((r) => r.type === 'targeted-by').map((r) => r.id);
    assert.ok(drugs.includes('pembrolizumab') && drugs.includes('nivolumab'), drugs.join(','));
  });
  it('records ipilimumab’s current ATC code if any (L01FX04 since 2022, not L01XC11)', () => {
    const atc = lexicon.entries.find((x) => x.id === 'ipilimumab')!.ids.atc;
    if (atc !== undefined) assert.equal(atc, 'L01FX04');
  });
  it('attaches the review’s evidence with section and reference numbers', () => {
    const pdl1 = lexicon.entries.find((x) => x.id === 'pd-l1')!;
    assert.ok(pdl1.evidence.some((ev) => ev.section === '4' && ev.refs.includes(15)), 'PD-L1 evidence from §4 [15]');
    const tlr4 = lexicon.entries.find((x) => x.id === 'tlr4')!;
    assert.ok(tlr4.evidence.every((ev) => ev.section === '2') && tlr4.evidence.some((ev) => ev.refs.includes(4)));
    const pacific = lexicon.entries.find((x) => x.id === 'durvalumab')!;
    assert.ok(pacific.evidence.some((ev) => ev.refs.includes(28)));
  });
});

describe('lexicon validation messages', () => {
  it('names the file, the entry and the field, and keeps the valid entries', () => {
    const data = {
      entries: [
        { id: 'ok-entry', category: 'molecule', label: { en: 'X', zh: '某' }, definition: { en: 'd', zh: '定义' } },
        { id: 'Bad Id', category: 'molecule', label: { en: 'X', zh: '某' }, definition: { en: 'd', zh: '定义' } },
        { id: 'no-zh', category: 'cell', label: { en: 'X', zh: '' }, definition: { en: 'd', zh: '定义' } },
        { id: 'bad-ids', category: 'drug', label: { en: 'X', zh: '某' }, definition: { en: 'd', zh: '定义' }, ids: { drugbank: 'DB1', atc: 'L01XC11x' } },
      ],
    };
    const r = validateSourceFile(data, 'my-lexicon.json');
    assert.deepEqual(r.entries.map((e) => e.id), ['ok-entry']);
    const msgs = r.errors.map((e) => e.message);
    assert.ok(msgs.includes("my-lexicon.json: entry 'Bad Id', field 'id': must be lower-case letters, digits and single hyphens"), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith("my-lexicon.json: entry 'no-zh', field 'category'")));
    assert.ok(msgs.some((m) => m.startsWith("my-lexicon.json: entry 'no-zh', field 'label'")));
    assert.ok(msgs.includes("my-lexicon.json: entry 'bad-ids', field 'ids.drugbank': 'DB1' is not a valid drugbank identifier"));
    assert.ok(r.errors.every((e) => e instanceof LexiconError && e.file === 'my-lexicon.json'));
  });
  it('rejects a file without an entries array', () => {
    const r = validateSourceFile([1, 2], 'x.json');
    assert.equal(r.errors[0].message, "x.json, field 'entries': expected an object with an \"entries\" array");
  });
  it('reports relations to unknown entries and clashing forms at build time', () => {
    const def = { en: 'd', zh: '定义' };
    assert.throws(
      () =>
        buildLexicon({
          sources: [{ file: 'a.json', entries: [
            { id: 'a', category: 'drug', label: { en: 'Alpha drug', zh: '甲' }, definition: def, relations: [{ type: 'targets', id: 'nope' }] },
            { id: 'b', category: 'drug', label: { en: 'Alpha drug', zh: '乙' }, definition: def },
          ] }],
          review: '',
          inflect: () => [],
        }),
      (e: Error) => /a\.json: entry 'a', field 'relations': 'targets' points to unknown entry 'nope'/.test(e.message) && /entry 'b', field 'forms': form 'Alpha drug' also belongs to 'a'/.test(e.message),
    );
  });
});

describe('names shown for an entry without a name in the UI language', () => {
  it('a generated entry with no Chinese name shows its English name and definition in a Chinese UI, never an empty string', () => {
    const byId = indexById(loadBuiltinLexicon());
    const cd19 = [...byId.values()].find((e) => e.tier === 'generated' && e.label.zh === '' && e.definition.zh === '')!;
    assert.ok(cd19, 'a generated entry without Chinese');
    assert.equal(labelIn(cd19, 'zh'), cd19.label.en);
    assert.equal(definitionIn(cd19, 'zh'), cd19.definition.en);
    const treg = byId.get('treg')!;
    assert.equal(labelIn(treg, 'zh'), '调节性 T 细胞');
    assert.equal(labelIn(treg, 'en'), 'regulatory T cell');
  });
});

describe('curated forms keep generic heads and modifiers outside (docs/annotation.md §3.4)', () => {
  it('no Chinese form begins with 中位 (median) or ends with the head 作用 (effect); 副作用 is a word of its own', () => {
    // 全身抗肿瘤作用 (the systemic antitumour effect) names the phenomenon itself, with 作用 as its head noun.
    const bad = loadBuiltinLexicon().entries.filter((e) => e.tier !== 'generated').flatMap((e) => e.forms.map((f) => f.text)).filter((t) => t.startsWith('中位') || (t.endsWith('作用') && !t.endsWith('副作用') && t !== '全身抗肿瘤作用'));
    assert.deepEqual(bad, []);
  });
});
