/**
 * The shipped bundles (dist/, built by `npm test` before the unit tests) load citeproc and compromise from
 * dist/vendor only when a command uses them (scripts/build.mjs, `lazyVendor`): `oncolex annotate` with the
 * built-in lexicon starts without either, `oncolex cite` formats with citeproc, and a workspace lexicon gets
 * the plural forms the regular rules do not decide from compromise.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

const dist = path.join(__dirname, '..', '..', 'dist');
const cli = path.join(dist, 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-bundles-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A preload that lists, on stderr as the process exits, the files of dist/vendor it required. */
const hook = path.join(dir, 'hook.js');
fs.writeFileSync(
  hook,
  `const Module = require('module'); const load = Module._load; const seen = new Set();
Module._load = function (request, ...rest) { if (/[\\\\/]vendor[\\\\/]/.test(request)) seen.add(require('path').basename(request)); return load.call(this, request, ...rest); };
process.on('exit', () => require('fs').writeSync(2, '\\nVENDOR ' + JSON.stringify([...seen].sort()) + '\\n'));`,
);

/** Runs the shipped CLI; its output, and the vendor files it loaded. */
function runCli(args: string[]): { stdout: string; vendor: string[] } {
  const r = spawnSync(process.execPath, ['-r', hook, cli, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const m = /VENDOR (\[.*\])/.exec(r.stderr);
  assert.ok(m, r.stderr);
  return { stdout: r.stdout, vendor: JSON.parse(m[1]) as string[] };
}

describe('the shipped bundles load large libraries on first use', () => {
  it('the vendor bundles exist and the CLI bundle holds neither library', () => {
    for (const name of ['citeproc.js', 'compromise.js', 'pinyin-pro.js']) assert.ok(fs.existsSync(path.join(dist, 'vendor', name)), name);
    const bundle = fs.readFileSync(cli, 'utf8');
    assert.ok(!bundle.includes('CSL.Engine = function'), 'the CLI bundle contains citeproc');
    assert.ok(!bundle.includes('irregulars'), 'the CLI bundle contains compromise');
  });

  it('oncolex annotate with the built-in lexicon loads neither citeproc nor compromise', () => {
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, 'Pembrolizumab blocks PD-1.\n');
    const r = runCli(['annotate', file, '--format', 'table']);
    assert.match(r.stdout, /pembrolizumab/);
    assert.deepEqual(r.vendor, []);
  });

  it('oncolex cite formats a reference with citeproc, loaded from dist/vendor', () => {
    const bib = path.join(dir, 'r.bib');
    fs.writeFileSync(bib, '@article{smith2020,\n title={Abscopal responses after SBRT},\n author={Smith, Jane and Doe, John},\n journal={Lancet Oncol},\n year={2020}, volume={21}, pages={1--10}\n}\n');
    const r = runCli(['cite', '--bib', bib, '--style', 'apa', 'smith2020']);
    assert.equal(r.stdout.trim(), 'Smith, J., & Doe, J. (2020). Abscopal responses after SBRT. Lancet Oncol, 21, 1–10.');
    assert.deepEqual(r.vendor, ['citeproc.js']);
  });

  it('oncolex mine gives a new Chinese term its pinyin as id, with pinyin-pro loaded from dist/vendor', () => {
    const file = path.join(dir, 'zh.md');
    fs.writeFileSync(file, '格洛树突状细胞成熟。格洛树突状细胞增多。\n');
    const r = runCli(['mine', file]);
    const ids = (JSON.parse(r.stdout) as { entries: { id: string; extends?: string }[] }).entries.filter((e) => !e.extends).map((e) => e.id);
    assert.deepEqual(ids, ['ge-luo-shu-tu-zhuang-xi-bao']);
    assert.ok(r.vendor.includes('pinyin-pro.js'), r.vendor.join(', '));
  });

  it("a workspace lexicon entry's plural is found: a regular one by rule, without compromise; an irregular one by compromise loaded from dist/vendor", () => {
    const beam = { id: 'fast-beam', category: 'concept', label: { en: 'ultrafast proton beam', zh: '超快质子束' }, definition: { en: 'A beam.', zh: '超快质子束。' } };
    const lexicon = path.join(dir, 'lab.oncolex.json');
    fs.writeFileSync(lexicon, JSON.stringify({ entries: [beam] }));
    const file = path.join(dir, 'b.md');
    fs.writeFileSync(file, 'Two ultrafast proton beams were used, and zorbic stimuli.\n');
    const regular = runCli(['annotate', '--lexicon', lexicon, file, '--format', 'table']);
    assert.match(regular.stdout, /: 1 mention\n/);
    assert.deepEqual(regular.vendor, []);
    const stimulus = { id: 'zorbic-stimulus', category: 'concept', label: { en: 'zorbic stimulus', zh: '佐布刺激' }, definition: { en: 'A stimulus.', zh: '佐布刺激。' } };
    fs.writeFileSync(lexicon, JSON.stringify({ entries: [beam, stimulus] }));
    const irregular = runCli(['annotate', '--lexicon', lexicon, file, '--format', 'table']);
    assert.match(irregular.stdout, /: 2 mentions\n/);
    assert.deepEqual(irregular.vendor, ['compromise.js']);
  });

  it('a broken tables file beside the CLI is reported on stderr, naming it, and annotate still finds the mentions', () => {
    const copy = path.join(dir, 'dist-copy');
    fs.mkdirSync(copy, { recursive: true });
    for (const f of ['cli.js', 'lexicon.json', 'lexicon-details.json']) fs.copyFileSync(path.join(dist, f), path.join(copy, f));
    const tables = path.join(copy, 'matcher-tables.bin');
    fs.writeFileSync(tables, 'not tables at all, just some text. '.repeat(10));
    const file = path.join(dir, 'c.md');
    fs.writeFileSync(file, 'Pembrolizumab blocks PD-1.\n');
    const r = spawnSync(process.execPath, [path.join(copy, 'cli.js'), 'annotate', file, '--format', 'table'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr.trim(), `oncolex: ${tables}: matcher tables: not a tables file (bad magic number); the matcher is built instead`);
    assert.match(r.stdout, /pembrolizumab/);
  });
});
