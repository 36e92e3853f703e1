/**
 * The CLI on hostile inputs (issue 10): devices and FIFOs are refused instead of read forever, a file over
 * the size limit is called too large, and the JSON report is written in pieces, never built as one string.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CliIo } from '../../src/cli/io';
import { MAX_INPUT_BYTES } from '../../src/cli/io';
import { main } from '../../src/cli/main';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-cli-hostile-'));
const md = path.join(dir, 'a.md');
fs.writeFileSync(md, 'Pembrolizumab blocks PD-1 on CD8$^+$ T cells after radiotherapy.\n');
const tex = path.join(dir, 'b.tex');
fs.writeFileSync(tex, 'Durvalumab after chemoradiotherapy; PD-L1 and the abscopal effect \\cite{pacific}.\n');

async function run(argv: string[], extra: Partial<CliIo> = {}): Promise<{ code: number; out: string; writes: string[]; err: string }> {
  const writes: string[] = [];
  let err = '';
  const code = await main(argv, { out: (t) => writes.push(t), err: (t) => (err += t), ...extra });
  return { code, out: writes.join(''), writes, err };
}

describe('oncolex annotate on hostile inputs', () => {
  it('refuses /dev/zero with one line naming it, and still annotates the other files', { timeout: 20_000 }, async () => {
    const r = await run(['annotate', '/dev/zero', md]);
    assert.equal(r.code, 1);
    assert.equal(r.err, 'oncolex: /dev/zero: is not a regular file (a device, FIFO or socket); give a file\n');
    const json = JSON.parse(r.out) as { files: { file: string; mentions: unknown[] }[] };
    assert.deepEqual(json.files.map((f) => f.file), [md]);
    assert.ok(json.files[0].mentions.length >= 3);
  });

  it('refuses a FIFO instead of waiting for a writer', { timeout: 20_000 }, async (t) => {
    const fifo = path.join(dir, 'pipe.md');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      t.skip('mkfifo is not available');
      return;
    }
    const r = await run(['annotate', '--format', 'table', fifo, md]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `oncolex: ${fifo}: is not a regular file (a device, FIFO or socket); give a file\n`);
    assert.match(r.out, /a\.md: \d+ mentions/);
  });

  it('calls a file over the size limit too large, not "not valid UTF-8"', async () => {
    assert.equal(MAX_INPUT_BYTES, 256 * 1024 * 1024);
    const big = path.join(dir, 'big.md');
    fs.writeFileSync(big, 'radiotherapy '.repeat(100));
    const r = await run(['annotate', big, md], { maxInputBytes: 1024 });
    assert.equal(r.code, 1);
    assert.equal(r.err, `oncolex: ${big}: is too large (1.3 KiB; the limit is 1 KiB): split it into smaller files\n`);
    assert.doesNotMatch(r.err, /UTF-8/);
    assert.deepEqual((JSON.parse(r.out) as { files: { file: string }[] }).files.map((f) => f.file), [md]);
    const bib = await run(['bib', big], { maxInputBytes: 1024 });
    assert.match(bib.err, /big\.md: is too large/);
  });

  it('writes the JSON report in pieces of about the chunk size, the same text as one JSON.stringify', async () => {
    const whole = await run(['annotate', md, tex, md]);
    assert.equal(whole.writes.length, 1, 'a small report is one write by default');
    const json = JSON.parse(whole.out) as { files: { mentions: unknown[] }[] };
    assert.equal(whole.out, `${JSON.stringify(json)}\n`);
    const pieces = await run(['annotate', md, tex, md], { chunk: 64 });
    assert.equal(pieces.out, whole.out);
    assert.ok(pieces.writes.length > 5, `${pieces.writes.length} writes`);
    // A piece is at most the chunk plus one mention: no string grows with the report.
    const longestMention = Math.max(...json.files.flatMap((f) => f.mentions.map((m) => JSON.stringify(m).length + 1)));
    for (const w of pieces.writes) assert.ok(w.length < 64 + longestMention + 64, `a write of ${w.length} characters`);
    const bibs = ['strings-crossref.bib', 'zotero-bbt.bib', 'broken-middle.bib'].map((f) => path.join(__dirname, '..', 'fixtures', 'bib', f));
    const bibWhole = await run(['bib', ...bibs]);
    const bibPieces = await run(['bib', ...bibs], { chunk: 64 });
    assert.equal(bibPieces.out, bibWhole.out);
    assert.ok(bibPieces.writes.length > 3 && bibWhole.writes.length === 1);
    assert.equal(bibWhole.out, `${JSON.stringify(JSON.parse(bibWhole.out), null, 2)}\n`);
    const table = await run(['annotate', '--format', 'table', md, tex], { chunk: 16 });
    assert.equal(table.out, (await run(['annotate', '--format', 'table', md, tex])).out);
    assert.ok(table.writes.length > 2);
  });
});
