/**
 * `oncolex annotate` over corpora on hostile inputs (issue 25): one bad document never stops, hangs or
 * changes the others; with any number of jobs the process exits with the bytes one job writes.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { AnnotationPool } from '../../src/cli/pool';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const MAIN = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-corpus-'));
function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

async function run(argv: string[], extra: Partial<CliIo> = {}, stdin = ''): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), stdin: Readable.from(stdin === '' ? [] : [stdin]), ...extra });
  return { code, out, err };
}

/** The CLI as its own process (so a worker left running shows as a process that never exits). */
function spawnCli(argv: string[], input = ''): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...argv], { encoding: 'utf8', input, timeout: 90_000, maxBuffer: 64 << 20 });
  assert.notEqual(r.signal, 'SIGTERM', `oncolex ${argv.join(' ')} did not exit within 90 s`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** JSON nested `depth` deep, built without recursion. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const GOOD_DOC = (id: string) => ({ id, passages: [{ offset: 0, text: `Pembrolizumab after stereotactic body radiotherapy (SBRT) in ${id}.` }] });
const goodJson = (name: string, ...ids: string[]) => file(name, JSON.stringify({ source: 'test', date: '', key: '', infons: {}, documents: ids.map(GOOD_DOC) }));
/** Two documents: the first with infons nested 5,000 deep, the second fine. */
const deepJson = (name: string) =>
  file(name, `{"source":"test","documents":[{"id":"deep","infons":{"x":${nested(5000)}},"passages":[{"offset":0,"text":"PD-1 blockade"}]},${JSON.stringify(GOOD_DOC('after-deep'))}]}`);

function docIds(out: string, format: 'bioc-json' | 'bioc-xml'): string[] {
  if (format === 'bioc-json') return (JSON.parse(out) as { documents: { id: string }[] }).documents.map((d) => d.id);
  return [...out.matchAll(/<document><id>([^<]*)<\/id>/g)].map((m) => m[1]);
}

describe('annotate --format bioc-json|bioc-xml: one bad document', () => {
  for (const format of ['bioc-json', 'bioc-xml'] as const) {
    it(`${format}, 2 jobs: infons nested 5,000 deep are one line naming file and document; the process exits with the rest written`, { timeout: 120_000 }, () => {
      const a = goodJson(`a-${format}.json`, 'a1');
      const deep = deepJson(`deep-${format}.json`);
      const b = goodJson(`b-${format}.json`, 'b1', 'b2');
      const r = spawnCli(['annotate', '--format', format, '--jobs', '2', a, deep, b]);
      assert.equal(r.err, `oncolex: ${deep}: document 1 (id deep): infon "x" is nested more than 100 deep\n`);
      assert.equal(r.code, 1);
      assert.deepEqual(docIds(r.out, format), ['a1', 'after-deep', 'b1', 'b2']);
    });
  }

  it('1 job, in process: the same report and output', async () => {
    const a = goodJson('a1.json', 'a1');
    const deep = deepJson('deep1.json');
    const r = await run(['annotate', '--format', 'bioc-json', '--jobs', '1', a, deep]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `oncolex: ${deep}: document 1 (id deep): infon "x" is nested more than 100 deep\n`);
    assert.deepEqual(docIds(r.out, 'bioc-json'), ['a1', 'after-deep']);
  });

  it('collection infons nested 5,000 deep: the file is reported, the other files annotated', async () => {
    const deep = file('deep-collection.json', `{"source":"x","infons":{"k":${nested(5000)}},"documents":[${JSON.stringify(GOOD_DOC('lost'))}]}`);
    const a = goodJson('a2.json', 'a2');
    const r = await run(['annotate', '--format', 'bioc-xml', '--jobs', '1', deep, a]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `oncolex: ${deep}: the collection's infons: infon "k" is nested more than 100 deep\n`);
    assert.deepEqual(docIds(r.out, 'bioc-xml'), ['a2']);
  });
});

describe('AnnotationPool.close', () => {
  it('settles what is queued and starts no worker after it', async () => {
    const lexicon = loadBuiltinLexicon();
    const pool = new AnnotationPool(2, { options: {} }, lexicon);
    // Queued for the next turn of the event loop, then the pool is closed before it is sent.
    const queued = pool.annotate([{ text: 'PD-1 blockade', language: 'a.txt' }]);
    await pool.close();
    await assert.rejects(queued, /closed/);
    await assert.rejects(pool.annotate([{ text: 'PD-1', language: 'a.txt' }]), /closed/);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal((pool as unknown as { slots: unknown[] }).slots.length, 0);
  });
});

/** One input of a BioC run, good or bad in one of the ways a corpus is. */
const BIOC_INPUTS: Record<string, (k: number) => string> = {
  good: (k) => goodJson(`p${k}-good.json`, `g${k}a`, `g${k}b`),
  deep: (k) => deepJson(`p${k}-deep.json`),
  invalid: (k) => file(`p${k}-invalid.json`, '{"documents": [ {"id": "x", '),
  noPassages: (k) => file(`p${k}-nopassages.json`, JSON.stringify({ documents: [{ id: 'np' }, GOOD_DOC(`after-np${k}`)] })),
  xml: (k) => file(`p${k}-good.xml`, `<collection><source>s</source><document><id>x${k}</id><passage><offset>0</offset><text>Durvalumab and PD-L1</text></passage></document></collection>`),
  badXml: (k) => file(`p${k}-bad.xml`, '<collection><document><id>u</id>'),
  missing: (k) => path.join(dir, `p${k}-missing.json`),
  markdown: (k) => file(`p${k}-paper.md`, `# Paper ${k}\n\nAtezolizumab with chemoradiotherapy; the abscopal effect.\n`),
  notUtf8: (k) => file(`p${k}-latin1.md`, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])),
};

/** One input of a JSON Lines run. */
const JSONL_INPUTS: Record<string, (k: number) => string> = {
  good: (k) => file(`l${k}-good.jsonl`, `${JSON.stringify({ id: `r${k}`, text: 'Nivolumab with ipilimumab' })}\n`),
  // Over one piece (64 KiB), so workers annotate part of it.
  large: (k) => file(`l${k}-large.jsonl`, Array.from({ length: 1500 }, (_, i) => JSON.stringify({ id: i, text: `Record ${i}: PD-1 blockade after SBRT, regulatory T cells and the abscopal effect.` })).join('\n')),
  invalid: (k) => file(`l${k}-invalid.jsonl`, `{"id":1,"text":"ok"}\n{not json\n["array"]\n{"id":2,"text":"radiotherapy"}\n`),
  missing: (k) => path.join(dir, `l${k}-missing.jsonl`),
};

describe('the pool, property: any mix of good and bad inputs, any number of jobs, the bytes of one job', () => {
  it('BioC: the process exits with the stdout, stderr and status of --jobs 1', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...Object.keys(BIOC_INPUTS)), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('bioc-json', 'bioc-xml'), async (kinds, jobs, format) => {
        const files = kinds.map((k, i) => BIOC_INPUTS[k](i));
        const one = await run(['annotate', '--format', format, '--jobs', '1', ...files]);
        const many = spawnCli(['annotate', '--format', format, '--jobs', String(jobs), ...files]);
        assert.equal(many.err, one.err);
        assert.equal(many.out, one.out);
        assert.equal(many.code, one.code);
      }),
      { numRuns: 6, seed: 2025, endOnFailure: true },
    );
  });

  it('JSON Lines: the process exits with the stdout, stderr and status of --jobs 1', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...Object.keys(JSONL_INPUTS)), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), async (kinds, jobs) => {
        const files = kinds.map((k, i) => JSONL_INPUTS[k](i));
        const one = await run(['annotate', '--format', 'jsonl', '--jobs', '1', ...files]);
        const many = spawnCli(['annotate', '--format', 'jsonl', '--jobs', String(jobs), ...files]);
        assert.equal(many.err, one.err);
        assert.equal(many.out, one.out);
        assert.equal(many.code, one.code);
      }),
      { numRuns: 4, seed: 2025, endOnFailure: true },
    );
  });
});
