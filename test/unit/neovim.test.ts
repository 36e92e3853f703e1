/**
 * The language server in a real editor: headless Neovim opens a Markdown file with OncoLex attached
 * (test/neovim/attach.lua) and reports a hover's text and the diagnostics it received. Skipped, with a
 * message, where `nvim` is missing; CI installs it (.ci/run → scripts/ci-editors.sh) and sets
 * ONCOLEX_REQUIRE_NVIM=1 so that there it cannot be skipped.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const version = nvim.status === 0 ? nvim.stdout.split('\n')[0] : undefined;
const required = process.env.ONCOLEX_REQUIRE_NVIM === '1';
const skip = version === undefined && !required ? 'nvim is not installed (apt-get install neovim; CI installs it): the Neovim test is skipped' : false;
if (skip) console.log(`# ${skip}`);

describe('Neovim with oncolex lsp attached', { skip }, () => {
  it(`shows a hover card and the abbreviation hint (${version ?? 'nvim missing'})`, () => {
    assert.ok(version, 'nvim is required here (ONCOLEX_REQUIRE_NVIM=1) but is not installed');
    assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-nvim-'));
    try {
      const file = path.join(dir, 'paper.md');
      fs.writeFileSync(file, 'PD-L1 is up after radiotherapy.\n\nPembrolizumab blocks PD-1. Later: programmed death-ligand 1 (PD-L1) binds PD-1.\n');
      const out = path.join(dir, 'result.json');
      const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${path.join(root, 'test', 'neovim', 'attach.lua')}`, file], {
        env: { ...process.env, ONCOLEX_NVIM_OUT: out, ONCOLEX_CLI: cli, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.ok(fs.existsSync(out), `nvim wrote no result (status ${r.status}): ${r.stderr}${r.stdout}`);
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { diagnostics: { lnum: number; col: number; message: string; source: string }[]; hover: string | null; error: string | null };
      assert.equal(result.error, null);
      assert.equal(result.diagnostics.length, 1, JSON.stringify(result));
      assert.deepEqual({ ...result.diagnostics[0], message: undefined }, { lnum: 0, col: 0, source: 'OncoLex', message: undefined });
      assert.match(result.diagnostics[0].message, /“PD-L1” is used before it is defined \(line 3\)/);
      assert.match(result.hover ?? '', /^\*\*pembrolizumab\*\* · 帕博利珠单抗/);
      assert.match(result.hover ?? '', /\*\*Targets:\*\* PD-1/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
