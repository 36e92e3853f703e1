/**
 * Round trips on real corpus files by others (../shared/corpora, see its SOURCES.md; read there, never
 * copied into the project): each goes through `oncolex annotate` in its own format, and a structural diff
 * (test/helpers/corpusDiff.ts) proves that nothing of the input changed — every item present, unchanged, in
 * order, only OncoLex's annotations added — on every file. BioC XML output is validated against BioC.dtd
 * with xmllint where it is installed (CI installs it and sets ONCOLEX_REQUIRE_XMLLINT=1, so there it cannot
 * be skipped), and `--jobs 2` must write the bytes `--jobs 1` writes.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import { CATEGORIES } from '../../src/core/lexicon/lexicon';
import type { Diff } from '../helpers/corpusDiff';
import { biocJsonDiff, biocXmlDiff, pubtatorDiff, rawLines } from '../helpers/corpusDiff';

const CORPORA = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpora');
const DTD = path.join(__dirname, '..', 'fixtures', 'bioc', 'BioC.dtd');
const corpus = (name: string) => path.join(CORPORA, name);
const haveCorpora = fs.existsSync(corpus('SOURCES.md'));

const xmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
const needXmllint = process.env.ONCOLEX_REQUIRE_XMLLINT === '1';

async function annotate(format: string, file: string, jobs: number): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const chunks: Uint8Array[] = [];
  // Bytes as the CLI writes them (a byte-order mark or CR survives), decoded without dropping anything.
  const code = await main(['annotate', '--format', format, '--jobs', String(jobs), file], { out: (t) => (out += t), write: (b) => chunks.push(b), err: (t) => (err += t), stdin: Readable.from([]) });
  if (chunks.length > 0) out += new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(chunks));
  return { code, out, err };
}

function noChange(diff: Diff, what: string): void {
  assert.deepEqual(diff.changed.slice(0, 5), [], `${what}: ${diff.changed.length} changed items`);
  assert.ok(diff.added > 0, `${what}: OncoLex added nothing`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-roundtrip-'));

function validXml(xml: string, name: string): void {
  if (!xmllint) {
    assert.ok(!needXmllint, 'xmllint is required here (ONCOLEX_REQUIRE_XMLLINT=1) but not installed');
    return;
  }
  const out = path.join(tmp, name);
  fs.writeFileSync(out, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--dtdvalid', DTD, out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

describe('corpus round trips keep everything the input had', { skip: haveCorpora ? false : `no ${CORPORA}` }, () => {
  it('BioRED PubTator (CRLF): every line back byte for byte, CRLF kept, ours inserted; --jobs 2 = --jobs 1', async () => {
    const input = fs.readFileSync(corpus('biored-dev.pubtator'), 'utf8');
    const one = await annotate('pubtator', corpus('biored-dev.pubtator'), 1);
    assert.equal(one.code, 0, one.err);
    const diff = pubtatorDiff(input, one.out);
    noChange(diff, 'biored-dev.pubtator');
    // Every line of the output ends as the input's lines do.
    assert.deepEqual(new Set(rawLines(one.out).map((l) => /\r\n$/.test(l))), new Set([true]));
    assert.equal((await annotate('pubtator', corpus('biored-dev.pubtator'), 2)).out, one.out);
  });

  it('BioRED BioC JSON: every key and value back with its type and order; --jobs 2 = --jobs 1', async () => {
    const one = await annotate('bioc-json', corpus('biored-dev.bioc.json'), 1);
    assert.equal(one.code, 0, one.err);
    noChange(biocJsonDiff(JSON.parse(fs.readFileSync(corpus('biored-dev.bioc.json'), 'utf8')), JSON.parse(one.out)), 'biored-dev.bioc.json');
    assert.equal((await annotate('bioc-json', corpus('biored-dev.bioc.json'), 2)).out, one.out);
  });

  it('BioRED split into sentences (BioC XML): sentences and their 350 annotations kept, ours inside the sentences, valid against BioC.dtd', async () => {
    const input = fs.readFileSync(corpus('biored-test10-sentences.xml'), 'utf8');
    const one = await annotate('bioc-xml', corpus('biored-test10-sentences.xml'), 1);
    assert.equal(one.code, 0, one.err);
    noChange(biocXmlDiff(input, one.out), 'biored-test10-sentences.xml');
    validXml(one.out, 'sentences.xml');
    assert.equal((await annotate('bioc-xml', corpus('biored-test10-sentences.xml'), 2)).out, one.out);
    // As JSON: 116 sentences with their 350 annotations; each of ours lies inside its sentence, offsets in the document's frame.
    const json = JSON.parse((await annotate('bioc-json', corpus('biored-test10-sentences.xml'), 1)).out) as { documents: { passages: { sentences: { offset: number; text: string; annotations: { id: string; infons: Record<string, string>; text: string; locations: { offset: number; length: number }[] }[] }[] }[] }[] };
    const sentences = json.documents.flatMap((d) => d.passages.flatMap((p) => p.sentences));
    assert.equal(sentences.length, 116);
    const ours = (s: (typeof sentences)[number]) => s.annotations.filter((a) => a.infons.type === 'ABBR' || (CATEGORIES as readonly string[]).includes(a.infons.type));
    assert.equal(sentences.reduce((n, s) => n + s.annotations.length - ours(s).length, 0), 350);
    let checked = 0;
    for (const s of sentences) {
      for (const a of ours(s)) {
        const [{ offset, length }] = a.locations;
        assert.equal([...s.text].slice(offset - s.offset, offset - s.offset + length).join(''), a.text);
        checked++;
      }
    }
    assert.ok(checked > 20, `only ${checked} of our annotations in sentences`);
  });

  it("the bioc package's everything.xml and everything.json: back unchanged (valid against BioC.dtd), sentence annotations and relations kept", async () => {
    const xml = fs.readFileSync(corpus('everything.xml'), 'utf8');
    const x = await annotate('bioc-xml', corpus('everything.xml'), 1);
    assert.equal(x.code, 0, x.err);
    // Nothing in it is a term of ours: the output is the input, byte for byte.
    assert.equal(x.out, xml);
    validXml(x.out, 'everything.xml');
    const json = JSON.parse(fs.readFileSync(corpus('everything.json'), 'utf8')) as unknown;
    const j = await annotate('bioc-json', corpus('everything.json'), 1);
    assert.equal(j.code, 0, j.err);
    assert.deepEqual(JSON.parse(j.out), json);
    assert.deepEqual(biocJsonDiff(json, JSON.parse(j.out)).changed, []);
  });

  it('a PubTator3 export: typed infons, null, _id/pmid/meta/authors/relations_display kept; our ids collide with no id or refid; --jobs 2 = --jobs 1', async () => {
    const input = JSON.parse(fs.readFileSync(corpus('pubtator3-export.json'), 'utf8')) as Record<string, unknown>;
    const one = await annotate('bioc-json', corpus('pubtator3-export.json'), 1);
    assert.equal(one.code, 0, one.err);
    const out = JSON.parse(one.out) as { documents: Record<string, unknown>[] };
    const diff = biocJsonDiff(input, out);
    noChange(diff, 'pubtator3-export.json');
    const doc = out.documents[0];
    for (const key of ['_id', 'pmid', 'pmcid', 'meta', 'date', 'journal', 'authors', 'relations_display']) if (key in input) assert.deepEqual(doc[key], input[key], key);
    assert.deepEqual(Object.keys(doc), Object.keys(input));
    assert.equal((await annotate('bioc-json', corpus('pubtator3-export.json'), 2)).out, one.out);
    // Written as XML it is valid BioC too (infons as strings, as XML holds them).
    validXml((await annotate('bioc-xml', corpus('pubtator3-export.json'), 1)).out, 'pubtator3.xml');
  });
});

/** The mentions (not abbreviation spans) a format's output adds, as `document start end category identifier`. */
function pubtatorMentions(input: string, output: string): string[] {
  return (pubtatorDiff(input, output).ours as string[]).map((l) => {
    const [pmid, start, end, , category, identifier] = l.replace(/\r?\n$/, '').split('\t');
    return `${pmid} ${start} ${end} ${category} ${identifier}`;
  });
}

function biocMentions(output: string): string[] {
  const c = JSON.parse(output) as { documents: { id: string; passages: { annotations?: { infons: Record<string, unknown>; locations: { offset: number; length: number }[] }[]; sentences?: { annotations?: { infons: Record<string, unknown>; locations: { offset: number; length: number }[] }[] }[] }[] }[] };
  const list: string[] = [];
  for (const d of c.documents) {
    for (const p of d.passages) {
      for (const a of [...(p.annotations ?? []), ...(p.sentences ?? []).flatMap((s) => s.annotations ?? [])]) {
        const type = String(a.infons.type);
        if (!(CATEGORIES as readonly string[]).includes(type) || typeof a.infons.identifier !== 'string' || !/^(oncolex:|[A-Z]+:)/.test(a.infons.identifier)) continue;
        // BioRED's own annotations have types of their own (GeneOrGeneProduct, …), never ours.
        list.push(`${d.id} ${a.locations[0].offset} ${a.locations[0].offset + a.locations[0].length} ${type} ${a.infons.identifier}`);
      }
    }
  }
  return list;
}

describe('one document model: the same abstracts give the same mentions in every format', { skip: haveCorpora ? false : `no ${CORPORA}` }, () => {
  it('BioRED dev as PubTator and as BioC JSON (and JSON written as BioC XML): the same mentions, span, category and id', async () => {
    const pubtatorIn = fs.readFileSync(corpus('biored-dev.pubtator'), 'utf8');
    const fromPubtator = pubtatorMentions(pubtatorIn, (await annotate('pubtator', corpus('biored-dev.pubtator'), 1)).out).sort();
    const fromBioc = biocMentions((await annotate('bioc-json', corpus('biored-dev.bioc.json'), 1)).out).sort();
    assert.ok(fromPubtator.length > 500, `${fromPubtator.length} mentions`);
    assert.deepEqual(fromBioc, fromPubtator);
    // The same collection through the XML writer and back through the XML reader.
    const xmlFile = path.join(tmp, 'biored-dev.xml');
    fs.writeFileSync(xmlFile, (await annotate('bioc-xml', corpus('biored-dev.bioc.json'), 1)).out);
    assert.deepEqual(biocMentions((await annotate('bioc-json', xmlFile, 1)).out).sort(), fromPubtator);
    // PubAnnotation reads the .pubtator file too: each document named by its PMID, the same mentions.
    const pubannotation = (await annotate('pubannotation', corpus('biored-dev.pubtator'), 1)).out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { sourcedb: string; sourceid: string; denotations: { id: string; span: { begin: number; end: number }; obj: string }[]; attributes: { subj: string; obj: string }[] });
    assert.equal(pubannotation.length, 100);
    assert.ok(pubannotation.every((d) => d.sourcedb === 'PubMed' && /^\d+$/.test(d.sourceid)));
    const fromPubannotation = pubannotation.flatMap((d) =>
      d.denotations.filter((t) => (CATEGORIES as readonly string[]).includes(t.obj)).map((t) => `${d.sourceid} ${t.span.begin} ${t.span.end} ${t.obj} ${d.attributes.find((a) => a.subj === t.id)!.obj}`),
    );
    assert.deepEqual(fromPubannotation.sort(), fromPubtator);
    // An abbreviation the abstract defines is a mention in the title too, in every format alike.
    const titleLength = new Map(pubtatorIn.split(/\r?\n/).flatMap((l) => (/^(\d+)\|t\|(.*)$/.exec(l) ? [[l.split('|')[0], [...l.slice(l.indexOf('|t|') + 3)].length] as const] : [])));
    const titleUses = fromPubtator.filter((m) => {
      const [pmid, , end, , identifier] = m.split(' ');
      return identifier.startsWith('oncolex:doc:') && Number(end) <= titleLength.get(pmid)!;
    });
    assert.ok(titleUses.length >= 3, titleUses.join('\n'));
  });
});
