import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { englishWords, extractPaths, readTierInput, TIER_OUT } from '../../scripts/build-ontology-tier';
import type { Tier } from '../../scripts/ontology/tier';
import { DRUG_ZH } from '../../scripts/ontology/drugsZh';
import { GENE_ZH } from '../../scripts/ontology/genesZh';
import { DISEASE_ZH } from '../../scripts/ontology/diseasesZh';
import { buildTier, serializeTier } from '../../scripts/ontology/tier';
import { renderCard } from '../../src/core/cards/card';
import { indexById } from '../../src/core/lexicon/lexicon';
import { Matcher } from '../../src/core/matching/matcher';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const committed = JSON.parse(fs.readFileSync(TIER_OUT, 'utf8')) as Tier;

describe('the generated tier (generated/ontology-tier.json)', () => {
  const missing = extractPaths()
    .map((x) => x.path)
    .filter((p) => !fs.existsSync(p));
  it('is current with the ontology extracts, where ../shared/ontologies/ (and the drug extracts) are here', { skip: missing.length === 0 ? false : `not here: ${missing.join(', ')}` }, () => {
    assert.equal(fs.readFileSync(TIER_OUT, 'utf8'), serializeTier(buildTier(readTierInput())), 'generated/ontology-tier.json is stale: run npm run build:ontology, then npm run build:lexicon');
  });

  it('names the source, release and licence of every entry, and its identifier', () => {
    const keys = new Set(committed.sources.map((s) => s.key));
    for (const s of committed.sources) for (const f of ['name', 'version', 'licence'] as const) assert.ok(s[f], `${s.key}: no ${f}`);
    for (const e of committed.entries) {
      assert.ok(keys.has(e.source), `${e.id}: unknown source ${e.source}`);
      assert.match(e.curie, /^(HGNC:\d+|CL:\d+|DOID:\d+|NCIT:C\d+)$/, e.id);
      if (e.source === 'ncit') assert.equal(`NCIT:${e.ncit}`, e.curie, e.id);
    }
  });

  it('holds no symbol that is an English word or shorter than three characters', () => {
    const words = englishWords();
    for (const e of committed.entries) {
      for (const s of e.symbols) {
        assert.ok(!words.has(s.toLowerCase()), `${e.id}: ${s} is an English word`);
        assert.ok(s.replace(/-/g, '').length >= 3, `${e.id}: ${s} is too short`);
      }
    }
  });
});

describe('the built-in lexicon with its generated tier', () => {
  const lexicon = loadBuiltinLexicon();
  const matcher = new Matcher(lexicon);
  const byId = indexById(lexicon);

  it('finds the everyday names the curated lexicon lacked (issue 22)', () => {
    const text = 'EGFR, HER2, KRAS, BRCA1, CD20, CCL19, CCL21, HLA-A, ZAP70, LCK and SHP-2 in Langerhans cells, ILC2, sarcoma, osteosarcoma and neuroblastoma.';
    const found = new Set(matcher.annotate(text, 'plain').map((m) => text.slice(m.start, m.end)));
    for (const name of ['EGFR', 'HER2', 'KRAS', 'BRCA1', 'CD20', 'CCL19', 'CCL21', 'HLA-A', 'ZAP70', 'LCK', 'SHP-2', 'Langerhans cells', 'sarcoma', 'osteosarcoma', 'neuroblastoma']) {
      assert.ok(found.has(name), `${name} is not found (found: ${[...found].join(', ')})`);
    }
  });

  it('finds the drugs of the field the curated lexicon lacked, as generated drugs with their NCIt codes (issue 22)', () => {
    const text = 'Temozolomide, bevacizumab, trastuzumab, sorafenib and lenvatinib; adalimumab for colitis.';
    const mentions = matcher.annotate(text, 'plain');
    for (const [name, code] of [['Temozolomide', 'C1244'], ['bevacizumab', 'C2039'], ['trastuzumab', 'C1647'], ['sorafenib', 'C61948'], ['lenvatinib', 'C95124'], ['adalimumab', 'C65216']]) {
      const m = mentions.find((x) => text.slice(x.start, x.end) === name);
      assert.ok(m, `${name} is not found`);
      const e = byId.get(m.id)!;
      assert.equal(e.category, 'drug', name);
      assert.equal(e.tier, 'generated', name);
      assert.equal(e.ids.ncit, code, name);
      assert.equal(e.origin?.curie, `NCIT:${code}`, name);
    }
  });

  it('shows on a generated drug’s hover card its source, NCIt code and licence', () => {
    const md = renderCard(byId.get('ncit-c95124')!, { lang: 'en', byId });
    assert.match(md, /^\*\*Lenvatinib\*\*/);
    assert.ok(md.includes('*Generated from NCI Thesaurus drug subsets via NCI GDC 2024-02-13 and NCI term maps 2018 (NCIT:C95124; licence CC BY 4.0 (NCI Thesaurus))*'), md);
    assert.ok(md.includes('](https://ncit.nci.nih.gov/ncitbrowser/ConceptReport.jsp?dictionary=NCI_Thesaurus&code=C95124)'), md);
  });

  it('finds a generated drug by its verified Chinese generic name, and shows it as the label in Chinese', () => {
    const text = '贝伐珠单抗联合化疗，或贝伐单抗；替莫唑胺同步放化疗；仑伐替尼。';
    const drugs = matcher
      .annotate(text, 'plain')
      .filter((m) => m.id.startsWith('ncit-'))
      .map((m) => [text.slice(m.start, m.end), m.id]);
    assert.deepEqual(drugs, [
      ['贝伐珠单抗', 'ncit-c2039'],
      ['贝伐单抗', 'ncit-c2039'],
      ['替莫唑胺', 'ncit-c1244'],
      ['仑伐替尼', 'ncit-c95124'],
    ]);
    assert.match(renderCard(byId.get('ncit-c2039')!, { lang: 'zh', byId }), /^\*\*贝伐珠单抗\*\*/);
  });

  it('has each verified Chinese name on a drug the tier holds', () => {
    const tierCodes = new Set(committed.entries.filter((e) => e.source === 'ncit').map((e) => e.ncit));
    for (const code of Object.keys(DRUG_ZH)) assert.ok(tierCodes.has(code), `${code}: not a generated drug`);
  });

  it('finds genes by their verified Chinese names, with the Chinese name on the card', () => {
    const text = '表皮生长因子受体突变与人表皮生长因子受体2扩增，以及间变性淋巴瘤激酶融合。';
    const genes = matcher
      .annotate(text, 'plain')
      .filter((m) => m.id.startsWith('hgnc-'))
      .map((m) => [text.slice(m.start, m.end), m.id]);
    assert.deepEqual(genes, [
      ['表皮生长因子受体', 'hgnc-3236'],
      ['人表皮生长因子受体2', 'hgnc-3430'],
      ['间变性淋巴瘤激酶', 'hgnc-427'],
    ]);
    assert.match(renderCard(byId.get('hgnc-3236')!, { lang: 'zh', byId }), /^\*\*表皮生长因子受体\*\* · EGFR/);
    const tierGenes = new Set(committed.entries.filter((e) => e.source === 'hgnc').map((e) => e.curie));
    for (const id of Object.keys(GENE_ZH)) assert.ok(tierGenes.has(id), `${id}: not a generated gene`);
  });

  it('finds a gland’s cancer by its Chinese name, not the histology (腺癌) inside it', () => {
    const text = '甲状腺癌与胸腺癌患者；甲状腺乳头状癌；肺腺癌；神经母细胞瘤。';
    const found = matcher.annotate(text, 'plain').map((m) => [text.slice(m.start, m.end), m.id]);
    assert.deepEqual(found, [
      ['甲状腺癌', 'doid-1781'],
      ['胸腺癌', 'doid-3284'],
      ['甲状腺乳头状癌', 'doid-3969'],
      ['肺腺癌', 'lung-adenocarcinoma'],
      ['神经母细胞瘤', 'doid-769'],
    ]);
    const tierCancers = new Set(committed.entries.filter((e) => e.source === 'doid').map((e) => e.curie));
    for (const id of Object.keys(DISEASE_ZH)) assert.ok(tierCancers.has(id), `${id}: not a generated cancer`);
  });

  it('finds the drugs of a Chinese manuscript by their verified generic names and development codes, the longer name first', () => {
    const text =
      '一线可选埃克替尼、阿美替尼、伏美替尼或瑞齐替尼（BPI-7711），ALK 融合者用阿来替尼或洛拉替尼；HER2 阳性乳腺癌用吡咯替尼、恩美曲妥珠单抗或德曲妥珠单抗；化疗为奥沙利铂联合伊立替康、异环磷酰胺，或白蛋白结合型紫杉醇。';
    const drugs = matcher
      .annotate(text, 'plain')
      .filter((m) => byId.get(m.id)?.category === 'drug')
      .map((m) => [text.slice(m.start, m.end), m.id]);
    assert.deepEqual(drugs, [
      ['埃克替尼', 'icotinib'],
      ['阿美替尼', 'aumolertinib'],
      ['伏美替尼', 'furmonertinib'],
      ['瑞齐替尼', 'rezivertinib'],
      ['BPI-7711', 'rezivertinib'],
      ['阿来替尼', 'ncit-c101790'],
      ['洛拉替尼', 'ncit-c113655'],
      ['吡咯替尼', 'ncit-c111895'],
      ['恩美曲妥珠单抗', 'ncit-c82492'],
      ['德曲妥珠单抗', 'ncit-c128799'],
      ['化疗', 'chemotherapy'],
      ['奥沙利铂', 'ncit-c1181'],
      ['伊立替康', 'ncit-c62040'],
      ['异环磷酰胺', 'ncit-c564'],
      ['白蛋白结合型紫杉醇', 'nab-paclitaxel'],
    ]);
    assert.match(renderCard(byId.get('ncit-c1181')!, { lang: 'zh', byId }), /^\*\*奥沙利铂\*\*/);
  });

  it('finds curated bispecifics and CAR-T products by their verified Chinese generic names, shown as the label', () => {
    const text = '贝林妥欧单抗（博纳吐单抗）、格菲妥单抗、西达基奥仑赛与瑞基奥仑赛注射液。';
    const found = matcher.annotate(text, 'plain').map((m) => [text.slice(m.start, m.end), m.id]);
    assert.deepEqual(found, [
      ['贝林妥欧单抗', 'blinatumomab'],
      ['博纳吐单抗', 'blinatumomab'],
      ['格菲妥单抗', 'glofitamab'],
      ['西达基奥仑赛', 'ciltacabtagene-autoleucel'],
      ['瑞基奥仑赛注射液', 'relmacabtagene-autoleucel'],
    ]);
    assert.match(renderCard(byId.get('blinatumomab')!, { lang: 'zh', byId }), /^\*\*贝林妥欧单抗\*\*/);
  });

  it('keeps the curated entry of a drug the tier also has (rezivertinib, mobocertinib, HS-10296, DZD9008): its forms, its NCIt code', () => {
    const text = 'Rezivertinib (BPI-7711), mobocertinib (TAK-788, AP32788), HS-10296 and DZD9008.';
    const found = matcher.annotate(text, 'plain').map((m) => [text.slice(m.start, m.end), m.id]);
    assert.deepEqual(found, [
      ['Rezivertinib', 'rezivertinib'],
      ['BPI-7711', 'rezivertinib'],
      ['mobocertinib', 'mobocertinib'],
      ['TAK-788', 'mobocertinib'],
      ['AP32788', 'mobocertinib'],
      ['HS-10296', 'aumolertinib'],
      ['DZD9008', 'sunvozertinib'],
    ]);
    for (const [id, code] of [['rezivertinib', 'C154286'], ['mobocertinib', 'C126752'], ['aumolertinib', 'C133691'], ['sunvozertinib', 'C167205']]) {
      assert.equal(byId.get(id)!.tier, undefined, id);
      assert.equal(byId.get(id)!.ids.ncit, code, id);
      assert.equal(byId.get(`ncit-${code.toLowerCase()}`), undefined, `the generated ${id} adds nothing and is not built`);
      assert.ok(committed.entries.some((e) => e.ncit === code), `${code} is in the tier`);
    }
  });

  it('keeps a curated drug curated: cisplatin is the curated entry, not the generated one', () => {
    const text = 'Cisplatin with radiotherapy.';
    const m = matcher.annotate(text, 'plain').find((x) => text.slice(x.start, x.end) === 'Cisplatin');
    assert.ok(m);
    assert.equal(m.id, 'cisplatin');
    assert.equal(byId.get('cisplatin')!.tier, undefined);
    assert.equal(byId.get('ncit-c376'), undefined, 'the generated cisplatin adds nothing and is not built');
  });

  it('marks no drug name that is an English word (garlic, quinine and platinum are NCIt agents)', () => {
    const text = 'She roasted garlic, drank tonic with quinine and wore a platinum ring.';
    assert.deepEqual(matcher.annotate(text, 'plain').map((m) => text.slice(m.start, m.end)), []);
  });

  it('lets curated entries win: no generated entry has a form of a curated one', () => {
    const curated = new Set(lexicon.entries.filter((e) => e.tier === undefined).flatMap((e) => e.forms.map((f) => f.text.toLowerCase())));
    for (const e of lexicon.entries) if (e.tier === 'generated') for (const f of e.forms) assert.ok(!curated.has(f.text.toLowerCase()), `${e.id}: ${f.text} is curated`);
  });

  it('lets a curated short form win in the singular and plural too: TAM is the tumour-associated macrophage, not a DO syndrome', () => {
    const curated = new Set(lexicon.entries.filter((e) => e.tier === undefined).flatMap((e) => e.abbreviations));
    for (const e of lexicon.entries) {
      if (e.tier !== 'generated') continue;
      for (const f of e.forms) if (f.caseSensitive) assert.ok(!curated.has(`${f.text}s`) && !(f.text.endsWith('s') && curated.has(f.text.slice(0, -1))), `${e.id}: ${f.text} is a curated short form's singular or plural`);
    }
    const text = '另可分化为肿瘤相关巨噬细胞(TAM)；TAM 浸润增加。';
    assert.deepEqual(matcher.annotate(text, 'plain').map((m) => `${text.slice(m.start, m.end)}=${m.id}`), ['肿瘤相关巨噬细胞=tumor-associated-macrophage', 'TAM=tumor-associated-macrophage', 'TAM=tumor-associated-macrophage']);
  });

  it('shows on the hover card where a generated entry comes from, with its licence', () => {
    const md = renderCard(byId.get('cl-0000453')!, { lang: 'en', byId });
    assert.match(md, /^\*\*Langerhans cell\*\*/);
    assert.ok(md.includes('*Generated from Cell Ontology 2026-03-26 (CL:0000453; licence CC BY 4.0)*'), md);
    assert.ok(md.includes('](https://www.ebi.ac.uk/ols4/ontologies/cl/classes?obo_id=CL%3A0000453)'), md);
    const zh = renderCard(byId.get('cl-0000453')!, { lang: 'zh', byId });
    assert.match(zh, /自动生成自 Cell Ontology/);
  });
});
