import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { englishWords, readTierInput, TIER_OUT } from '../../scripts/build-ontology-tier';
import { ONTOLOGY_DIR } from '../../scripts/ontology/sources';
import type { Tier } from '../../scripts/ontology/tier';
import { buildTier, serializeTier } from '../../scripts/ontology/tier';
import { renderCard } from '../../src/core/cards/card';
import { indexById } from '../../src/core/lexicon/lexicon';
import { Matcher } from '../../src/core/matching/matcher';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const committed = JSON.parse(fs.readFileSync(TIER_OUT, 'utf8')) as Tier;

describe('the generated tier (generated/ontology-tier.json)', () => {
  it('is current with the ontology extracts, where ../shared/ontologies/ is beside the checkout', { skip: fs.existsSync(ONTOLOGY_DIR) ? false : `${ONTOLOGY_DIR} is not here` }, () => {
    assert.equal(fs.readFileSync(TIER_OUT, 'utf8'), serializeTier(buildTier(readTierInput())), 'generated/ontology-tier.json is stale: run npm run build:ontology, then npm run build:lexicon');
  });

  it('names the source, release and licence of every entry, and its identifier', () => {
    const keys = new Set(committed.sources.map((s) => s.key));
    for (const s of committed.sources) for (const f of ['name', 'version', 'licence'] as const) assert.ok(s[f], `${s.key}: no ${f}`);
    for (const e of committed.entries) {
      assert.ok(keys.has(e.source), `${e.id}: unknown source ${e.source}`);
      assert.match(e.curie, /^(HGNC|CL|DOID):\d+$/, e.id);
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

  it('lets curated entries win: no generated entry has a form of a curated one', () => {
    const curated = new Set(lexicon.entries.filter((e) => e.tier === undefined).flatMap((e) => e.forms.map((f) => f.text.toLowerCase())));
    for (const e of lexicon.entries) if (e.tier === 'generated') for (const f of e.forms) assert.ok(!curated.has(f.text.toLowerCase()), `${e.id}: ${f.text} is curated`);
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
