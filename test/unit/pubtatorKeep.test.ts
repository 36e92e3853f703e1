/** PubTator in, PubTator out: every line as it was, malformed lines reported by file and line and kept. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), stdin: Readable.from([]) });
  return { code, out, err };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-pubtator-'));

describe('PubTator lines are kept as they were', () => {
  it('a malformed annotation line: one stderr line naming file and line, exit 1, the line kept in place, its document and the rest annotated', async () => {
    const file = path.join(dir, 'bad.pubtator');
    const input = ['9949209|t|Nivolumab in melanoma', '9949209|a|PD-1 blockade.', '9949209\tXX\t39\t54\tmelanoma\tDisease\tD008545', '9949209\t0\t9\tNivolumab\tChemical', '', '77|t|Durvalumab', ''].join('\r\n');
    fs.writeFileSync(file, input);
    const r = await run(['annotate', '--format', 'pubtator', '--jobs', '1', file]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.err.trim().split('\n'), [`oncolex: ${file}:3: a malformed annotation line (expected PMID<TAB>start<TAB>end<TAB>mention<TAB>type[<TAB>identifier], start ≤ end)`]);
    const lines = r.out.split('\r\n');
    // The input's lines, in order and unchanged; ours after the document's last annotation line, CRLF too.
    assert.deepEqual(lines.slice(0, 4), input.split('\r\n').slice(0, 4));
    assert.ok(lines[4].startsWith('9949209\t0\t9\tNivolumab\tdrug\t'), lines[4]);
    // The title-only document stays title-only: no empty `77|a|` line is added.
    assert.ok(!r.out.includes('77|a|'));
    assert.match(r.out, /\r\n\r\n77\|t\|Durvalumab\r\n77\t0\t10\tDurvalumab\tdrug\tDRUGBANK:DB11714\r\n$/);
    assert.ok(!/[^\r]\n/.test(r.out), 'a line end became LF');
  });
  it('a line of another PMID inside a document, and an empty document, are kept and the first reported', async () => {
    const file = path.join(dir, 'mixed.pubtator');
    const input = '5|t|\n5|a|\n6\t0\t3\tPD1\tGene\n\n8|t|PD-1\n';
    fs.writeFileSync(file, input);
    const r = await run(['annotate', '--format', 'pubtator', '--jobs', '1', file]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.err.trim().split('\n'), [`oncolex: ${file}:3: a line for PMID 6 inside the document of PMID 5`]);
    assert.equal(r.out, '5|t|\n5|a|\n6\t0\t3\tPD1\tGene\n\n8|t|PD-1\n8\t0\t4\tPD-1\tmolecule\tHGNC:8760\n');
  });
});
