/**
 * The built-in lexicon as dist/ ships it (src/core/lexicon/builtLexicon.ts): a core file, what the first
 * mentions need, and a details file read on first use. Read that way, it is the lexicon of
 * generated/lexicon.json, entry for entry; its first mentions are those of the whole lexicon, generated tier
 * included, and are found without reading the details; a missing, stale or damaged details file is reported.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { mergeLexicons } from '../../src/core/lexicon/build';
import { caseFormsOf, readBuiltCore, splitBuiltLexicon } from '../../src/core/lexicon/builtLexicon';
import type { Entry, Lexicon } from '../../src/core/lexicon/lexicon';
import { annotateDocument } from '../../src/core/matching/documentAnnotation';
import { DocumentMentions } from '../../src/core/matching/incremental';
import { Matcher } from '../../src/core/matching/matcher';
import { attachedTables, decodeTables } from '../../src/core/matching/matcherTables';
import { detailsPath, readBuiltLexicon } from '../../src/node/builtin';

const ROOT = path.join(__dirname, '..', '..');
const CORE = path.join(ROOT, 'dist', 'lexicon.json');
const DETAILS = path.join(ROOT, 'dist', 'lexicon-details.json');
const TABLES = path.join(ROOT, 'dist', 'matcher-tables.bin');
const whole = JSON.parse(fs.readFileSync(path.join(ROOT, 'generated', 'lexicon.json'), 'utf8')) as { formsDigest: string; entries: Entry[] };

/** The built-in lexicon read from dist/ as the extension, the language server and the CLI read it. */
function shipped(): Lexicon {
  return readBuiltLexicon(CORE, TABLES, (problem) => assert.fail(problem));
}

/** A core whose details are read from `text` (counting the reads). */
function fromCore(details: string = fs.readFileSync(DETAILS, 'utf8')): { lexicon: Lexicon; reads: () => number } {
  let reads = 0;
  const { lexicon } = readBuiltCore(JSON.parse(fs.readFileSync(CORE, 'utf8')), CORE, {
    name: DETAILS,
    read: () => {
      reads++;
      return { text: details, bytes: Buffer.byteLength(details) };
    },
  });
  return { lexicon, reads: () => reads };
}

/** A manuscript of our own with terms of both tiers (the generated tier's genes, cells and tumours). */
const GENERATED_TIER_TEXT = `---
title: Dendritic cells, CCL19 and osteosarcoma
---

Dendritic cells follow CCL19 and CCL21 to the lymph node, where T-cell receptor signalling through LCK and
ZAP70 begins once HLA-A presents a tumour peptide to CD8+ T cells. Langerhans cells sit in the epidermis.
Patients with osteosarcoma, Ewing sarcoma or neuroblastoma received radiotherapy (RT) and pembrolizumab;
KRAS and BRCA1 were sequenced, and EGFR, ERBB2 and CD20 were stained. RT was given in five fractions.
`;

const DOCUMENTS: [string, string, 'markdown' | 'latex'][] = [
  ['generated-tier terms', GENERATED_TIER_TEXT, 'markdown'],
  ['examples/review-section.md', fs.readFileSync(path.join(ROOT, 'examples', 'review-section.md'), 'utf8'), 'markdown'],
  ['examples/zh-review.md', fs.readFileSync(path.join(ROOT, 'examples', 'zh-review.md'), 'utf8'), 'markdown'],
  ['examples/paper.tex', fs.readFileSync(path.join(ROOT, 'examples', 'paper.tex'), 'utf8'), 'latex'],
];

describe('the built lexicon in dist/ (core and details)', () => {
  it('dist/lexicon.json and dist/lexicon-details.json are current: generated/lexicon.json split as this code splits it (run npm run build)', () => {
    const { core, details } = splitBuiltLexicon(whole);
    assert.equal(fs.readFileSync(CORE, 'utf8'), core, `${CORE} is stale: run npm run build`);
    assert.equal(fs.readFileSync(DETAILS, 'utf8'), details, `${DETAILS} is stale: run npm run build`);
  });

  it('read back, its entries are those of generated/lexicon.json: the same keys in the same order, the same values', () => {
    const lexicon = shipped();
    assert.deepStrictEqual(lexicon.entries, whole.entries);
    assert.equal(JSON.stringify(lexicon.entries), JSON.stringify(whole.entries));
    // What matching reads is the entries' own forms, in order.
    assert.equal(lexicon.matching?.length, whole.entries.length);
    lexicon.matching!.forEach((m, i) => assert.equal(m.forms, lexicon.entries[i].forms));
  });

  for (const [name, text, language] of DOCUMENTS) {
    it(`${name}: the first mentions (from the core, without reading the details) are those of the whole lexicon`, () => {
      const { lexicon, reads } = fromCore();
      const cold = annotateDocument(new Matcher(lexicon), text, language);
      assert.equal(reads(), 0, 'the first mentions read the details');
      const full = annotateDocument(new Matcher(whole.entries), text, language);
      assert.deepEqual(cold, full);
      // And incrementally, as the extension keeps them.
      const doc = new DocumentMentions(new Matcher(lexicon), language);
      doc.full(text);
      assert.deepEqual(doc.mentions, full.mentions);
      assert.equal(reads(), 0);
      assert.equal(lexicon.entries.length, whole.entries.length);
      assert.equal(reads(), 1);
      void lexicon.entries;
      assert.equal(reads(), 1, 'the details are read once');
    });
  }

  it("the core's lookup of case-sensitive forms (which entry an abbreviation names) is that of the whole lexicon's forms, the first entry winning", () => {
    const lexicon = shipped();
    const lookup = caseFormsOf(lexicon.matching!);
    assert.ok(lookup, 'the built lexicon has its lookup of case-sensitive forms');
    const first = new Map<string, string>();
    for (const e of whole.entries) for (const f of e.forms) if (f.caseSensitive && !first.has(f.text)) first.set(f.text, e.id);
    assert.ok(first.size > 5000);
    for (const [text, id] of first) assert.equal(lookup.get(text), id, text);
    for (const e of whole.entries) for (const f of e.forms) if (!f.caseSensitive && !first.has(f.text)) assert.equal(lookup.get(f.text), undefined, f.text);
    for (const text of ['', 'RTX', 'PD', 'pd-1', '\uffff']) assert.equal(lookup.get(text), first.get(text), text);
    assert.equal(caseFormsOf(whole.entries), undefined, 'other entries make their own from their forms');
  });

  it('a core whose lookup of case-sensitive forms is damaged is refused, naming the file', () => {
    const core = JSON.parse(fs.readFileSync(CORE, 'utf8')) as { caseEntries: number[]; caseForms: string; separator: string };
    const read = (c: unknown) => readBuiltCore(c, CORE, { name: DETAILS, read: () => assert.fail('the details are not read') });
    assert.throws(() => read({ ...core, caseEntries: [...core.caseEntries.slice(1), 1e6] }), /lexicon\.json: case-sensitive form \d+ names entry 1000000, the lexicon has \d+ \(the built lexicon is damaged; rebuild with npm run build\)/);
    assert.throws(() => read({ ...core, caseEntries: core.caseEntries.slice(1) }), /lexicon\.json: \d+ case-sensitive forms and \d+ entries for them/);
  });

  it("a core whose forms do not fit its entries is refused, naming the file: when read, or when the entry's forms are first read", () => {
    const core = JSON.parse(fs.readFileSync(CORE, 'utf8')) as { forms: string; separator: string; entrySeparator: string };
    const read = (c: unknown) => readBuiltCore(c, CORE, { name: DETAILS, read: () => assert.fail('the details are not read') });
    assert.throws(() => read({ ...core, forms: core.forms.replace(core.entrySeparator, '') }), /lexicon\.json: the forms of \d+ and \d+ entries for \d+ \(the built lexicon is damaged; rebuild with npm run build\)/);
    // Two forms of one entry made one: that entry's forms are refused when first read, the others are read.
    const at = core.forms.indexOf(core.separator);
    const entry = core.forms.slice(0, at).split(core.entrySeparator).length - 1;
    const { matching } = read({ ...core, forms: core.forms.slice(0, at) + core.forms.slice(at + 1) });
    assert.throws(() => matching[entry].forms, new RegExp(`lexicon\\.json: entry ${entry} has \\d+ \\+ \\d+ forms, its flags say \\d+ \\+ \\d+ \\(the built lexicon is damaged`));
    assert.deepEqual(matching[entry + 1].forms, whole.entries[entry + 1].forms);
  });

  it('the document with generated-tier terms has mentions of both tiers, the generated ones from the built tables', () => {
    const lexicon = shipped();
    const matcher = new Matcher(lexicon);
    assert.equal(matcher.prebuilt, true);
    const tier = new Map(whole.entries.map((e) => [e.id, e.tier ?? 'curated']));
    const written = annotateDocument(matcher, GENERATED_TIER_TEXT, 'markdown').mentions.filter((m) => tier.get(m.id) === 'generated').map((m) => GENERATED_TIER_TEXT.slice(m.start, m.end));
    for (const term of ['CCL19', 'CCL21', 'LCK', 'ZAP70', 'HLA-A', 'Langerhans cells', 'osteosarcoma', 'Ewing sarcoma', 'neuroblastoma', 'KRAS', 'BRCA1']) assert.ok(written.includes(term), `${term} not among ${written.join(', ')}`);
  });

  it('the tables are read into the kernel the first matcher takes; later matchers copy them from there, after its memory grew', () => {
    const lexicon = shipped();
    const first = new Matcher(lexicon);
    // A text far larger than the kernel's memory at first: the first matcher's memory grows (its first views are let go).
    const long = GENERATED_TIER_TEXT.repeat(2000);
    const expected = new Matcher(whole.entries).annotate(long, 'markdown');
    assert.deepEqual(first.annotate(long, 'markdown'), expected);
    const second = new Matcher(lexicon);
    assert.equal(second.prebuilt, true);
    assert.deepEqual(second.annotate(long, 'markdown'), expected);
    assert.deepEqual(first.annotate(long, 'markdown'), expected);
    const asBuilt = decodeTables(fs.readFileSync(TABLES)).tables;
    const attached = attachedTables(lexicon.matching!)!;
    for (const [name, value] of Object.entries(asBuilt)) assert.deepEqual(attached[name as keyof typeof attached], value, name);
  });

  it('a copy of the lexicon, a merge with a workspace lexicon and a structured clone read the whole entries', () => {
    const lexicon = shipped();
    const copy = { ...lexicon };
    assert.equal(copy.matching, undefined, 'a copy is another lexicon: its matcher reads its entries');
    assert.deepStrictEqual(copy.entries, whole.entries);
    assert.deepStrictEqual(structuredClone(lexicon).entries, whole.entries);
    const pembrolizumab = whole.entries.find((e) => e.id === 'pembrolizumab')!;
    const mine: Entry = { ...pembrolizumab, id: 'zorbimab', label: { en: 'zorbimab', zh: '佐比单抗' }, forms: [{ text: 'zorbimab', caseSensitive: false }], abbreviations: [], synonyms: [], zh: [], brands: [], relations: [], evidence: [] };
    const merged = mergeLexicons(lexicon, { source: 'mine.json', entries: [mine] }, 'merged');
    assert.deepEqual(
      new Matcher(merged).annotate('zorbimab and pembrolizumab', 'plain').map((m) => m.id),
      ['zorbimab', 'pembrolizumab'],
    );
    assert.equal(merged.entries.find((e) => e.id === 'pembrolizumab')?.label.en, pembrolizumab.label.en);
  });

  it('a missing details file, or one of another build, is reported naming it when the lexicon is read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-lexicon-'));
    const core = path.join(dir, 'lexicon.json');
    fs.copyFileSync(CORE, core);
    assert.throws(() => readBuiltLexicon(core, undefined), new RegExp(`${detailsPath(core).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is missing .*run npm run build`));
    fs.writeFileSync(detailsPath(core), fs.readFileSync(DETAILS, 'utf8').replace('"entries":[', '"entries":[{},'));
    assert.throws(() => readBuiltLexicon(core, undefined), /lexicon-details\.json was not built with .*lexicon\.json \(\d+ bytes, .* says \d+\); run npm run build/);
    fs.rmSync(dir, { recursive: true });
  });

  it('details of another build with the same length are refused when first read, naming the file', () => {
    const details = fs.readFileSync(DETAILS, 'utf8');
    // The same length, another lexicon: the forms' digest differs.
    const { lexicon } = fromCore(details.replace(/"formsDigest":"([0-9a-f]{16})"/, (_, d: string) => `"formsDigest":"${d.split('').reverse().join('')}"`));
    assert.equal(new Matcher(lexicon).annotate('Pembrolizumab blocks PD-1.', 'plain').length, 2);
    assert.throws(() => lexicon.entries, /lexicon-details\.json was not built with the lexicon's core \(rebuild with npm run build\)/);
  });
});
