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
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { AnnotationPool } from '../../src/cli/pool';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import type { Growth } from '../helpers/corpus-linear';
import { BIOC_SHAPES } from '../helpers/corpus-linear';
import { IsolatedRunner } from '../helpers/isolate';

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

/** Standard error without the line saying that --jobs was capped at the cores (asserted there when it must be). */
function withoutCap(err: string, jobs: number): string {
  const cores = os.availableParallelism();
  const line = `oncolex: --jobs ${jobs} is more than the ${cores} cores: using ${cores}\n`;
  if (jobs <= cores) return err;
  assert.ok(err.startsWith(line), `expected the cap line first: ${err}`);
  return err.slice(line.length);
}

describe('the pool, property: any mix of good and bad inputs, any number of jobs, the bytes of one job', () => {
  it('BioC: the process exits with the stdout, stderr and status of --jobs 1', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...Object.keys(BIOC_INPUTS)), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('bioc-json', 'bioc-xml'), async (kinds, jobs, format) => {
        const files = kinds.map((k, i) => BIOC_INPUTS[k](i));
        const one = await run(['annotate', '--format', format, '--jobs', '1', ...files]);
        const many = spawnCli(['annotate', '--format', format, '--jobs', String(jobs), ...files]);
        assert.equal(withoutCap(many.err, jobs), one.err);
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
        assert.equal(withoutCap(many.err, jobs), one.err);
        assert.equal(many.out, one.out);
        assert.equal(many.code, one.code);
      }),
      { numRuns: 4, seed: 2025, endOnFailure: true },
    );
  });
});

const LINEAR = path.join(__dirname, '..', 'helpers', 'corpus-linear.ts');
const runner = new IsolatedRunner();
after(() => runner.close());

/** Asserts that `measure` of the helper module grows less than 6x from n to 4n, within a time limit (a hang or a quadratic path fails). */
async function assertLinear(exportName: string, arg: unknown, what: string): Promise<void> {
  const r = await runner.run<Growth>(LINEAR, exportName, arg, 60_000);
  if (r.kind === 'timeout') assert.fail(`${what}: no result within ${r.ms / 1000} s (a hang or a superlinear path)`);
  if (r.kind === 'error') assert.fail(r.message);
  const g = r.value;
  assert.ok(g.ratio < 6, `${what}: 4n took ${g.ratio.toFixed(1)}x the time of n (${g.small.toFixed(1)} ms vs ${g.large.toFixed(1)} ms)`);
}

describe('the corpus readers are linear (n and 4n, under 6x)', () => {
  for (const cut of ['jsonl', 'pubtator'] as const) {
    it(`the line buffer (${cut}): a line without a line feed, 16 MiB and 64 MiB read 4 KiB at a time`, { timeout: 120_000 }, () => assertLinear('lineBuffer', { cut }, `line buffer, ${cut}`));
  }
  for (const shape of Object.keys(BIOC_SHAPES)) {
    it(`BioC reader: ${shape}`, { timeout: 120_000 }, () => assertLinear('biocReader', { shape }, shape));
  }
});

describe('streamed input (JSON Lines, PubTator): the line buffer', () => {
  it('annotate --format jsonl /dev/zero is refused at once, like the plain-file formats', { timeout: 20_000 }, async () => {
    const good = file('after-zero.jsonl', '{"id":"z","text":"PD-1"}\n');
    const r = await run(['annotate', '--format', 'jsonl', '--jobs', '1', '/dev/zero', good]);
    assert.equal(r.err, 'oncolex: /dev/zero: is not a regular file (a device, FIFO or socket); give a file\n');
    assert.equal(r.code, 1);
    assert.match(r.out, /^\{"id":"z","mentions":\[\{/);
  });

  it('a record over the limit (a line without end among them) is one line naming file and line; the records after it are written, with their own line numbers', async () => {
    for (const eol of ['\n', '\r\n']) {
      const lines = ['{"id":1,"text":"PD-1 blockade"}', `{"id":2,"text":"${'x'.repeat(5000)}"}`, '{"id":3,"text":"SBRT"}', '{not json', '{"id":4,"text":"nivolumab"}'];
      const f = file(`limit${eol.length}.jsonl`, lines.join(eol) + eol);
      for (const jobs of ['1', '2']) {
        const r = await run(['annotate', '--format', 'jsonl', '--jobs', jobs, f], { maxRecordBytes: 1000 });
        assert.equal(r.err, `oncolex: ${f}:2: a record over 1000 bytes (the most one record may hold): skipped\noncolex: ${f}:4: not valid JSON\n`);
        assert.equal(r.code, 1);
        assert.deepEqual(r.out.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id), [1, 3, 4]);
      }
    }
    // Standard input that never ends its line: reported once, memory bounded.
    const r = await run(['annotate', '--format', 'jsonl', '--jobs', '1'], { maxRecordBytes: 1000 }, `{"id":1,"text":"PD-1"}\n{"id":2,"text":"${'y'.repeat(20_000)}`);
    assert.equal(r.err, 'oncolex: -:2: a record over 1000 bytes (the most one record may hold): skipped\n');
    assert.equal(r.code, 1);
    assert.match(r.out, /^\{"id":1,/);
  });

  it('a PubTator document over the limit is reported at its title line and skipped; the next documents are annotated', async () => {
    const doc = (pmid: number, abstract: string) => `${pmid}|t|Title ${pmid}\n${pmid}|a|${abstract}\n`;
    const f = file('limit.pubtator', [doc(1, 'PD-1 blockade.'), doc(2, 'radiotherapy '.repeat(200)), doc(3, 'Nivolumab.')].join('\n'));
    const r = await run(['annotate', '--format', 'pubtator', '--jobs', '1', f], { maxRecordBytes: 1000 });
    assert.equal(r.err, `oncolex: ${f}:4: a record over 1000 bytes (the most one record may hold): skipped\n`);
    assert.equal(r.code, 1);
    assert.deepEqual([...r.out.matchAll(/^(\d+)\|t\|/gm)].map((m) => m[1]), ['1', '3']);
  });
});

describe('BioC: what one collection may cost', () => {
  it('a file of more elements, or JSON objects and arrays, than the limit is refused by name and line before it is parsed; the other files are annotated', async () => {
    const xml = file('many.xml', `<collection>\n<!-- <a><a><a> -->\n<![CDATA[<b><b>]]>\n${'<document/>\n'.repeat(30)}</collection>`);
    const fewXml = file('few.xml', `<collection>${'<document><id>f</id></document>'.repeat(5)}</collection>`);
    const json = file('many.json', JSON.stringify({ documents: Array.from({ length: 15 }, (_, i) => ({ id: `m${i}`, passages: [] })) }, null, 1));
    const good = goodJson('fine.json', 'fine');
    const r = await run(['annotate', '--format', 'bioc-json', '--jobs', '1', xml, fewXml, json, good], { maxCollectionItems: 20 });
    assert.equal(
      r.err,
      [
        // Comments and CDATA are not elements: the 21st element is the 20th <document/>, on line 23.
        `oncolex: ${xml}:23: more than 20 XML elements (the most one BioC file may hold): split it into smaller files`,
        // `{` and `"documents": [` (lines 1–2), then per document (4 lines each) its object and its array: the
        // 21st is document 10's object, on line 3 + 9 * 4.
        `oncolex: ${json}:39: more than 20 JSON objects and arrays (the most one BioC file may hold): split it into smaller files`,
        '',
      ].join('\n'),
    );
    assert.equal(r.code, 1);
    assert.deepEqual(docIds(r.out, 'bioc-json'), ['f', 'f', 'f', 'f', 'f', 'fine']);
  });

  it('the limit is two million: 240 MB of empty XML elements or 8 million tiny JSON documents are refused, not read out of memory', async () => {
    const { MAX_COLLECTION_ITEMS, biocCostProblem } = await import('../../src/cli/corpusLimits');
    assert.equal(MAX_COLLECTION_ITEMS, 2_000_000);
    // A quarter of the issue's files, enough to pass the limit; each refused by a scan of its text.
    const xml = `<collection>${'<document/>'.repeat(MAX_COLLECTION_ITEMS + 1)}</collection>`;
    assert.match(biocCostProblem(xml, 'big.xml', 'xml') ?? '', /^big\.xml:1: more than 2,000,000 XML elements/);
    const json = `{"documents":[${'{"id":"1","passages":[]},'.repeat(MAX_COLLECTION_ITEMS / 2)}{"id":"1","passages":[]}]}`;
    assert.match(biocCostProblem(json, 'big.json', 'json') ?? '', /^big\.json:1: more than 2,000,000 JSON objects and arrays/);
    assert.equal(biocCostProblem(`{"documents":[${'{"id":"1","passages":[]},'.repeat(1000)}{"id":"x"}]}`, 'ok.json', 'json'), undefined);
  });

  it('JSON nested more than 10,000 deep is refused before parsing; strings with brackets and escaped quotes are not counted', async () => {
    const { biocCostProblem } = await import('../../src/cli/corpusLimits');
    assert.equal(biocCostProblem(`{"documents":[{"id":"a\\"[[{{","infons":{"x":"]]}}\\\\"},"passages":[]}]}`, 'q.json', 'json', 5), undefined);
    assert.equal(biocCostProblem(`{"x":\n${'['.repeat(10_001)}${']'.repeat(10_001)}}`, 'd.json', 'json'), 'd.json:2: JSON nested more than 10,000 deep');
  });
});

describe('streamed input that is not UTF-8', () => {
  const latin1 = (s: string) => Buffer.from(s, 'latin1');
  it('JSON Lines: a line that is not UTF-8 is one line naming file and line, its record skipped (not annotated with U+FFFD), exit 1', async () => {
    const f = file('latin1.jsonl', Buffer.concat([Buffer.from('{"id":1,"text":"PD-1 blockade"}\r\n'), latin1('{"id":2,"text":"caf\u00e9 PD-1"}\r\n'), Buffer.from('{"id":3,"text":"😀 SBRT"}\r\n')]));
    for (const offsets of ['utf8', 'utf16']) {
      const r = await run(['annotate', '--format', 'jsonl', '--jobs', '1', '--offsets', offsets, f]);
      assert.equal(r.err, `oncolex: ${f}:2: is not valid UTF-8 text\n`);
      assert.equal(r.code, 1);
      assert.deepEqual(r.out.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id), [1, 3]);
      assert.doesNotMatch(r.out, /\ufffd/);
    }
  });

  it('PubTator: a line that is not UTF-8 skips its document, named by file and line; the others are annotated', async () => {
    const f = file('latin1.pubtator', Buffer.concat([Buffer.from('1|t|PD-1\n1|a|SBRT.\n\n'), latin1('2|t|Caf\u00e9 study\n'), Buffer.from('2|a|Nivolumab.\n\n3|t|Durvalumab\n3|a|PD-L1.\n')]));
    const r = await run(['annotate', '--format', 'pubtator', '--jobs', '1', f]);
    assert.equal(r.err, `oncolex: ${f}:4: is not valid UTF-8 text (its document is skipped)\n`);
    assert.equal(r.code, 1);
    assert.deepEqual([...r.out.matchAll(/^(\d+)\|t\|/gm)].map((m) => m[1]), ['1', '3']);
  });
});

describe('--jobs and JSON Lines ids', () => {
  it('--jobs takes a positive decimal whole number: no value, 0x2, 1e1, 0, -1 and 2.5 are refused (exit 2); more than the cores is capped, saying so', async () => {
    const f = file('jobs.jsonl', '{"id":1,"text":"PD-1"}\n');
    for (const bad of [['--jobs'], ['--jobs', '0x2'], ['--jobs', '1e1'], ['--jobs', '0'], ['--jobs=-1'], ['--jobs', '2.5'], ['--jobs', '']]) {
      const r = await run(['annotate', '--format', 'jsonl', f, ...bad]);
      assert.equal(r.code, 2, bad.join(' '));
      assert.equal(r.err, 'oncolex: --jobs must be a whole number of at least 1 (such as --jobs 2)\n');
      assert.equal(r.out, '');
    }
    const cores = os.availableParallelism();
    const r = await run(['annotate', '--format', 'jsonl', '--jobs', '100', f]);
    assert.equal(r.err, `oncolex: --jobs 100 is more than the ${cores} cores: using ${cores}\n`);
    assert.equal(r.code, 0);
    assert.match(r.out, /^\{"id":1,"mentions":\[/);
  });

  it('JSON Lines ids keep their text: above 2^53, with a fraction or an exponent, repeated keys, keys in nested objects', async () => {
    const input = ['{"id":9007199254740993,"text":"PD-1"}', '{"text":"x","id" : 123456789012345678901234567890,"meta":{"id":5}}', '{"id":1.50,"text":"SBRT"}', '{"id":1E+2,"text":"a"}', '{"id":-0,"text":"a"}', '{"id":1,"id":"s","text":"a"}', '{"id":"s","\\u0069d":2e0,"text":"a"}', '{"meta":{"id":3},"text":"no id"}'].join('\n');
    const r = await run(['annotate', '--format', 'jsonl', '--jobs', '1'], {}, input);
    assert.equal(r.err, '');
    assert.deepEqual(
      r.out.trim().split('\n').map((l) => /^\{"id":([^,]*),/.exec(l)?.[1]),
      ['9007199254740993', '123456789012345678901234567890', '1.50', '1E+2', '-0', '"s"', '2e0', '8'],
    );
  });
});

describe('annotate --format brat --out-dir: no file replaced', () => {
  it('an existing paper.txt is kept (exit 2, nothing written) unless --force replaces it', async () => {
    const d = fs.mkdtempSync(path.join(dir, 'brat-'));
    const md = path.join(d, 'paper.md');
    fs.writeFileSync(md, 'Pembrolizumab after SBRT.\n');
    fs.writeFileSync(path.join(d, 'paper.txt'), 'my own notes\n');
    const r = await run(['annotate', '--format', 'brat', '--jobs', '1', '--out-dir', d, md]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `oncolex annotate: ${path.join(d, 'paper.txt')} exists: give --force to replace it, or another --out-dir\n`);
    assert.equal(fs.readFileSync(path.join(d, 'paper.txt'), 'utf8'), 'my own notes\n');
    assert.equal(fs.existsSync(path.join(d, 'paper.ann')), false);
    const forced = await run(['annotate', '--format', 'brat', '--jobs', '1', '--force', '--out-dir', d, md]);
    assert.equal(forced.code, 0, forced.err);
    assert.equal(fs.readFileSync(path.join(d, 'paper.txt'), 'utf8'), 'Pembrolizumab after SBRT.\n');
    assert.match(fs.readFileSync(path.join(d, 'paper.ann'), 'utf8'), /^T1\tdrug 0 13\tPembrolizumab\n/);
  });

  it('a .txt input is never written over, not even with --force (its BOM and text stay)', async () => {
    const d = fs.mkdtempSync(path.join(dir, 'brat-'));
    const txt = path.join(d, 'paper.txt');
    fs.writeFileSync(txt, '\ufeffNivolumab.\r\n');
    for (const force of [[], ['--force']]) {
      const r = await run(['annotate', '--format', 'brat', '--jobs', '1', ...force, '--out-dir', d, txt]);
      assert.equal(r.code, 2);
      assert.equal(r.err, `oncolex annotate: ${txt} would be written over the input ${txt}: give another --out-dir\n`);
      assert.equal(fs.readFileSync(txt, 'utf8'), '\ufeffNivolumab.\r\n');
    }
  });

  it('two inputs of the same name are refused before anything is written', async () => {
    const d = fs.mkdtempSync(path.join(dir, 'brat-'));
    const a = file(path.relative(dir, path.join(d, 'a', 'x.md')), 'PD-1.\n');
    const b = file(path.relative(dir, path.join(d, 'b', 'x.md')), 'SBRT.\n');
    const c = file(path.relative(dir, path.join(d, 'c.md')), 'Durvalumab.\n');
    const out = path.join(d, 'out');
    const r = await run(['annotate', '--format', 'brat', '--jobs', '1', '--force', '--out-dir', out, c, a, b]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `oncolex annotate: ${a} and ${b} would both be written to ${path.join(out, 'x.txt')}: rename one, or annotate them into different --out-dir\n`);
    assert.equal(fs.existsSync(out), false);
  });

  it('a file that cannot be written is one line naming it; the other documents are written (1 job)', async () => {
    const d = fs.mkdtempSync(path.join(dir, 'brat-'));
    // A directory where w.txt goes: replacing it fails (EISDIR) as a full disk or a read-only one would.
    fs.mkdirSync(path.join(d, 'w.txt'));
    const w = file('w.md', 'PD-1.\n');
    const v = file('v.md', 'Nivolumab.\n');
    const r = await run(['annotate', '--format', 'brat', '--jobs', '1', '--force', '--out-dir', d, w, v]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `oncolex: ${w}: EISDIR: illegal operation on a directory, open '${path.join(d, 'w.txt')}'\n`);
    assert.match(fs.readFileSync(path.join(d, 'v.ann'), 'utf8'), /^T1\tdrug 0 9\tNivolumab\n/);
  });
});

describe('annotate --format bioc-json: document ids', () => {
  it('two wrapped files of the same name get different ids (their paths); a lone file keeps its name', async () => {
    const a = file('ids/a/x.md', 'PD-1.\n');
    const b = file('ids/b/x.md', 'SBRT.\n');
    const c = file('ids/c.md', 'Durvalumab.\n');
    const r = await run(['annotate', '--format', 'bioc-json', '--jobs', '1', a, b, c]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(docIds(r.out, 'bioc-json'), [a, b, 'c.md']);
  });
});

describe('errors are one line, not a stack trace', () => {
  it('standard output on a full disk (ENOSPC): one line and exit 1; a closed pipe (EPIPE): a quiet exit', async (t) => {
    const { onOutputError } = await import('../../src/cli/io');
    const seen: (string | number)[] = [];
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    onOutputError(enospc, (text) => seen.push(text), (code) => seen.push(code));
    assert.deepEqual(seen, ['oncolex: cannot write the output (ENOSPC)\n', 1]);
    seen.length = 0;
    // EPIPE exits with the status the run has so far: none yet here (another test of this process may have set one).
    const status = process.exitCode;
    process.exitCode = undefined;
    onOutputError(Object.assign(new Error('EPIPE'), { code: 'EPIPE' }), (text) => seen.push(text), (code) => seen.push(code));
    process.exitCode = status;
    assert.deepEqual(seen, [0]);
    if (!fs.existsSync('/dev/full')) {
      t.skip('no /dev/full to write to');
      return;
    }
    // The real thing: /dev/full fails every write with ENOSPC.
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'annotate', '--format', 'jsonl', '--jobs', '1'], { input: '{"id":1,"text":"PD-1"}\n', stdio: ['pipe', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.stderr, 'oncolex: cannot write the output (ENOSPC)\n');
      assert.equal(r.status, 1);
    } finally {
      fs.closeSync(full);
    }
  });

  it('cite: a CSL style with recursive macros, and a .csl that is not XML, are one line saying why (exit 2)', async () => {
    const bib = file('refs.bib', '@article{a, title={Radiotherapy and immunity}, author={Smith, John}, journal={Lancet}, year={2020}}\n');
    const recursive = file(
      'recursive.csl',
      '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>R</title><id>r</id><updated>2020-01-01T00:00:00+00:00</updated></info><macro name="a"><text macro="b"/></macro><macro name="b"><text macro="a"/></macro><citation><layout><text macro="a"/></layout></citation><bibliography><layout><text macro="a"/></layout></bibliography></style>',
    );
    const r = await run(['cite', '--bib', bib, '--style', recursive, 'a']);
    assert.equal(r.code, 2);
    assert.match(r.err, /^oncolex cite: the CSL style could not be read: .*call to macro "a" would cause an infinite loop\n$/);
    const notXml = file('not-xml.csl', 'this is not a style\n');
    const n = await run(['cite', '--bib', bib, '--style', notXml, 'a']);
    assert.equal(n.code, 2);
    assert.equal(n.err, `oncolex cite: ${notXml}: is not a CSL style (a CSL style is XML)\n`);
  });
});
