/**
 * Property tests for the corpus round trips: generated BioC (JSON and XML) and PubTator documents — with
 * sentences, relations, typed infons, unknown keys, CRLF, blank lines, text outside the Basic Multilingual
 * Plane and ids that collide with OncoLex's numbering — go through `oncolex annotate` in their own format,
 * and the structural diffs of test/helpers/corpusDiff.ts must find nothing of the input changed.
 */
import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { main } from '../../src/cli/main';
import { biocJsonDiff, biocXmlDiff, pubtatorDiff } from '../helpers/corpusDiff';

async function annotate(format: string, stdin: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const chunks: Uint8Array[] = [];
  const code = await main(['annotate', '--format', format, '--jobs', '1', '-'], { out: (t) => (out += t), write: (b) => chunks.push(b), err: (t) => (err += t), stdin: Readable.from([stdin]) });
  if (chunks.length > 0) out += new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(chunks));
  return { code, out, err };
}

/** Words of the field (so OncoLex adds annotations), other words, and characters of 2 UTF-16 units. */
const word = fc.oneof(
  fc.constantFrom('PD-1', 'nivolumab', 'SBRT', 'stereotactic body radiotherapy (SBRT)', 'CD8+ T cells', 'melanoma', 'durvalumab', 'abscopal effect', 'low-dose radiotherapy (LDRT)', 'LDRT'),
  fc.constantFrom('😀', '𝛾', '测试', 'é', '&', '<b>', '"q"', "it's", 'x|t|y'),
  fc.stringMatching(/^[a-z]{1,8}$/),
);
const text = fc.array(word, { minLength: 0, maxLength: 12 }).map((w) => w.join(' '));
const codePoints = (s: string) => [...s].length;

/** Keys BioC does not define, with any JSON value (booleans, null, arrays, objects, numbers). */
const unknownKeys = fc.dictionary(
  fc.stringMatching(/^[a-z_][a-z_]{0,7}$/).filter((k) => !['id', 'offset', 'text', 'infons', 'passages', 'sentences', 'annotations', 'relations', 'locations', 'nodes', 'documents', '__proto__'].includes(k)),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);
const infons = fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.oneof(fc.string({ maxLength: 6 }), fc.boolean(), fc.constant(null), fc.integer(), fc.array(fc.integer(), { maxLength: 3 })), { maxKeys: 3 });
/** Ids as OncoLex numbers its own (1, 2, R1 …), so that collisions are likely. */
const id = fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), fc.integer({ min: 0, max: 4 }).map((n) => `R${n}`));

type Json = Record<string, unknown>;

/** A unit (passage or sentence) at `offset` with its own annotations and relations. */
function unit(offset: number, t: string, inf: Json, extra: Json, annotationIds: string[], relationIds: string[]): Json {
  const n = codePoints(t);
  return {
    offset,
    infons: inf,
    text: t,
    ...extra,
    annotations: annotationIds.map((a, k) => ({ id: a, infons: { type: 'Gene', identifier: k % 2 ? 7 : '7', valid: true }, text: [...t].slice(0, Math.min(n, 2)).join(''), locations: [{ offset, length: Math.min(n, 2) }] })),
    relations: relationIds.map((r) => ({ id: r, infons: { type: 'Association', score: 0.5, entities: { a: 1 } }, nodes: annotationIds.slice(0, 2).map((a) => ({ refid: a, role: 'Arg' })) })),
  };
}

const passageSpec = fc.record({
  texts: fc.array(text, { minLength: 1, maxLength: 3 }),
  split: fc.boolean(),
  infons,
  extra: unknownKeys,
  annotationIds: fc.array(id, { maxLength: 2 }),
  relationIds: fc.array(id, { maxLength: 2 }),
});

interface DocumentSpec {
  id: string | number;
  infons: Json;
  extra: Json;
  passages: { texts: string[]; split: boolean; infons: Json; extra: Json; annotationIds: string[]; relationIds: string[] }[];
}

const documentSpec: fc.Arbitrary<DocumentSpec> = fc.record({ id: fc.oneof(fc.stringMatching(/^[0-9]{1,8}$/), fc.integer({ min: 1, max: 99 })), infons, extra: unknownKeys, passages: fc.array(passageSpec, { minLength: 1, maxLength: 3 }) });

/** A BioC JSON document: passages one after another, each of one text or split into sentences (the passage's text then empty). */
function biocDocument(spec: DocumentSpec): Json {
  let offset = 0;
  const passages = spec.passages.map((p) => {
    const start = offset;
    if (!p.split) {
      const t = p.texts.join(' ');
      offset += codePoints(t) + 1;
      return { ...unit(start, t, p.infons, p.extra, p.annotationIds, p.relationIds), sentences: [] };
    }
    const sentences = p.texts.map((t, k) => {
      const s = unit(offset, t, k === 0 ? p.infons : {}, {}, k === 0 ? p.annotationIds : [], []);
      offset += codePoints(t) + 1;
      return s;
    });
    return { offset: start, infons: p.infons, text: '', sentences, annotations: [], relations: p.relationIds.map((r) => ({ id: r, infons: {}, nodes: [] })), ...p.extra };
  });
  return { id: spec.id, infons: spec.infons, passages, ...spec.extra, relations: [] };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same document as BioC XML, compact or indented, with LF or CRLF, the text sometimes in CDATA (infons as strings). */
function biocXml(doc: Json, pretty: boolean, eol: string, cdata: boolean): string {
  const nl = (depth: number) => (pretty ? `${eol}${'  '.repeat(depth)}` : '');
  const infonXml = (inf: unknown, d: number) => Object.entries((inf ?? {}) as Json).map(([k, v]) => `${nl(d)}<infon key="${escape(k)}">${escape(typeof v === 'string' ? v : JSON.stringify(v))}</infon>`).join('');
  const textXml = (t: string, d: number) => `${nl(d)}<text>${cdata && !t.includes(']]>') ? `<![CDATA[${t}]]>` : escape(t)}</text>`;
  const kept = (u: Json, d: number) =>
    (u.annotations as Json[]).map((a) => `${nl(d)}<annotation id="${escape(String(a.id))}">${infonXml(a.infons, d + 1)}${(a.locations as Json[]).map((l) => `${nl(d + 1)}<location offset="${String(l.offset)}" length="${String(l.length)}"/>`).join('')}${textXml(String(a.text), d + 1)}${nl(d)}</annotation>`).join('') +
    (u.relations as Json[]).map((r) => `${nl(d)}<relation id="${escape(String(r.id))}">${infonXml(r.infons, d + 1)}${(r.nodes as Json[]).map((n) => `${nl(d + 1)}<node refid="${escape(String(n.refid))}" role="${escape(String(n.role))}"/>`).join('')}${nl(d)}</relation>`).join('');
  const passages = (doc.passages as Json[])
    .map((p) => {
      const sentences = p.sentences as Json[];
      const inner = sentences.length > 0 ? sentences.map((s) => `${nl(3)}<sentence>${infonXml(s.infons, 4)}${nl(4)}<offset>${String(s.offset)}</offset>${textXml(String(s.text), 4)}${kept(s, 4)}${nl(3)}</sentence>`).join('') + kept({ annotations: [], relations: p.relations }, 3) : `${textXml(String(p.text), 3)}${kept(p, 3)}`;
      return `${nl(2)}<passage>${infonXml(p.infons, 3)}${nl(3)}<offset>${String(p.offset)}</offset>${inner}${nl(2)}</passage>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>${eol}<!-- generated -->${eol}<collection>${nl(1)}<source>gen</source>${nl(1)}<date>2026</date>${nl(1)}<key>k</key>${nl(1)}<document>${nl(2)}<id>${escape(String(doc.id))}</id>${infonXml(doc.infons, 2)}${passages}${nl(1)}</document>${eol}</collection>${eol}`;
}

describe('property: generated corpora survive annotation unchanged', () => {
  it('BioC JSON: sentences, relations, typed infons, unknown keys and non-BMP text come back as they were', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(documentSpec, { minLength: 1, maxLength: 3 }), unknownKeys, async (specs, collectionKeys) => {
        const input = { source: 'gen', date: '2026', key: 'k', ...collectionKeys, infons: { n: 1 }, documents: specs.map(biocDocument) };
        // The input is its text: what JSON.stringify wrote (-0 is written 0).
        const written = JSON.stringify(input);
        const r = await annotate('bioc-json', written);
        assert.equal(r.code, 0, r.err);
        assert.deepEqual(biocJsonDiff(JSON.parse(written), JSON.parse(r.out)).changed, []);
      }),
      { numRuns: 60 },
    );
  });

  it('BioC XML: compact or indented, LF or CRLF, CDATA or escaped — the output less our annotations is the input, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(documentSpec, fc.boolean(), fc.constantFrom('\n', '\r\n'), fc.boolean(), async (spec, pretty, eol, cdata) => {
        const input = biocXml(biocDocument(spec), pretty, eol, cdata);
        const r = await annotate('bioc-xml', input);
        assert.equal(r.code, 0, r.err);
        assert.deepEqual(biocXmlDiff(input, r.out).changed, []);
      }),
      { numRuns: 60 },
    );
  });

  it('PubTator: every line with its own line end, blank lines, title-only documents, their annotation and relation lines', async () => {
    const line = text.map((t) => t.replace(/[\t\r\n]/g, ' '));
    const docSpec = fc.record({
      pmid: fc.stringMatching(/^[1-9][0-9]{0,7}$/),
      title: line,
      abstract: fc.option(line, { nil: undefined }),
      annotations: fc.array(fc.record({ start: fc.nat(30), length: fc.nat(5), type: fc.constantFrom('Gene', 'Chemical', 'drug'), id: fc.constantFrom('MESH:D1', '5970', '', 'DRUGBANK:DB09037') }), { maxLength: 3 }),
      relations: fc.array(fc.constantFrom('Association\tMESH:D1\t5970', 'CID\tD1\tD2', 'Positive_Correlation\t1627\tD003924\tNovel'), { maxLength: 2 }),
      eol: fc.constantFrom('\n', '\r\n'),
      blanks: fc.integer({ min: 1, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(docSpec, { minLength: 1, maxLength: 4 }), fc.boolean(), async (docs, finalBreak) => {
        let input = '';
        docs.forEach((d, k) => {
          const lines = [`${d.pmid}|t|${d.title}`];
          if (d.abstract !== undefined) lines.push(`${d.pmid}|a|${d.abstract}`);
          for (const a of d.annotations) lines.push(`${d.pmid}\t${a.start}\t${a.start + a.length}\tx\t${a.type}${a.id ? `\t${a.id}` : ''}`);
          for (const rel of d.relations) lines.push(`${d.pmid}\t${rel}`);
          input += lines.join(d.eol);
          if (k < docs.length - 1 || finalBreak) input += d.eol.repeat(k < docs.length - 1 ? 1 + d.blanks : 1);
        });
        const r = await annotate('pubtator', input);
        assert.equal(r.err, '');
        assert.equal(r.code, 0);
        assert.deepEqual(pubtatorDiff(input, r.out).changed, []);
        assert.equal(r.out.endsWith('\n'), finalBreak);
      }),
      { numRuns: 80 },
    );
  });
});
