// End-to-end test in a real VS Code: code-server 4.100.0 driven by headless Chromium.
// Run through scripts/e2e.sh (`npm run test:e2e`), which builds, packages and installs the extension and
// the runner extension first. Prints one PASS/FAIL line per check and ends with `N passed, N failed`.
//
// Two server runs: the first runs the integration suite inside the extension host (the runner extension
// reads ONCOLEX_INTEGRATION_SUITE), the second drives the UI like a user. Separate runs keep the suite's
// edits and toggles out of the UI checks.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { Entry, Lexicon } from '../../src/core/lexicon';
import type { E2eState } from '../e2e-runner-extension/src/extension';
import type { SuiteResults } from '../integration/index';

const root = path.resolve(__dirname, '../..');
const cache = process.env.ONCOLEX_E2E_CACHE ?? path.join(root, '.e2e-cache');
const entry = process.env.ONCOLEX_E2E_CODE_SERVER ?? path.join(cache, 'code-server-4.100.0/node_modules/code-server/out/node/entry.js');
const extensionsDir = process.env.ONCOLEX_E2E_EXTENSIONS ?? path.join(cache, 'extensions');
const workspace = process.env.ONCOLEX_E2E_WORKSPACE ?? path.join(cache, 'workspace');
const shots = path.join(root, 'screenshots');
const chromiumPath = process.env.ONCOLEX_E2E_CHROMIUM ?? '/usr/bin/chromium';

// Extension decorations render as overlay boxes (background/border styles) or as classes on the text
// spans (colour styles); `ced-` is the class prefix VS Code gives contributed decoration types.
const DECORATION = '.editor-instance .view-overlays .cdr[class*="ced-"], .editor-instance .view-lines span[class*="ced-"]';

// ---------------------------------------------------------------------------------------------- report

let passed = 0;
let failed = 0;
let shotNo = 0;
let page: Page | undefined;

async function screenshot(name: string): Promise<void> {
  if (!page) return;
  const file = path.join(shots, `${String(++shotNo).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60)}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
}

/** Runs one check, prints PASS/FAIL and saves a screenshot of the state it left behind. */
async function check(name: string, fn: () => Promise<void>): Promise<boolean> {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`PASS ${name} (${Date.now() - t0} ms)`);
    await screenshot(name);
    return true;
  } catch (err) {
    failed++;
    const msg = err instanceof Error ? err.message : String(err);
    console.log(`FAIL ${name}: ${msg.split('\n').slice(0, 12).join('\n     ')}`);
    await screenshot(`FAILED-${name}`);
    return false;
  }
}

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg);
}

// ---------------------------------------------------------------------------------------------- server

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

interface Server {
  url: string;
  proc: ChildProcess;
  log: string[];
}

async function startServer(name: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const userData = path.join(cache, `user-data-${name}`);
  fs.rmSync(userData, { recursive: true, force: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  // Quiet, deterministic workbench: no welcome page, no trust prompt, no auto-save into the examples.
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'files.autoSave': 'off',
    'editor.minimap.enabled': false,
    'editor.wordWrap': 'on',
    'editor.hover.delay': 300,
    'update.mode': 'none',
  }, null, 2));
  // --config: otherwise code-server writes ~/.config/code-server/config.yaml.
  const args = [entry, '--config', path.join(cache, 'code-server-config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--extensions-dir', extensionsDir, '--user-data-dir', userData, workspace];
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  const logFile = fs.createWriteStream(path.join(cache, 'logs', `code-server-${name}.log`));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${log.slice(-20).join('')}`)), 60_000);
    const onData = (d: Buffer) => {
      const s = d.toString();
      log.push(s);
      logFile.write(s);
      if (s.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${log.slice(-20).join('')}`));
    });
  });
  return { url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, proc, log };
}

async function stopServer(s: Server | undefined): Promise<void> {
  if (!s || s.proc.exitCode !== null) return;
  const exited = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
}

async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await p.goto(url);
  await p.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // The workbench takes a few seconds to restore and start the extension host before it takes keys.
  await p.waitForTimeout(4000);
  return p;
}

// ---------------------------------------------------------------------------------------------- UI helpers

function ui(): Page {
  assert(page, 'no browser page');
  return page;
}

async function quickInputRow(text: string, timeout = 8000) {
  const row = ui().locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout });
  return row;
}

async function openFile(name: string): Promise<void> {
  const p = ui();
  for (let attempt = 1; ; attempt++) {
    try {
      await p.keyboard.press('Escape');
      await p.keyboard.press('Control+P');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(name);
      // Click the row: Enter could still pick the first of the recently opened files before the filter runs.
      await (await quickInputRow(name)).click();
      await p.locator('.tab.active', { hasText: name }).waitFor({ timeout: 8000 });
      break;
    } catch (err) {
      // Quick Open sometimes misses keys while the workbench is still busy; one retry, then fail.
      if (attempt >= 2) throw new Error(`could not open ${name} with Quick Open: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await p.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
  await p.waitForTimeout(500);
}

/** Opens the command palette, types a command's title and returns its row; fails if it is not listed. */
async function findCommand(title: string): Promise<Awaited<ReturnType<typeof quickInputRow>>> {
  const p = ui();
  await p.keyboard.press('Escape');
  await p.keyboard.press('F1');
  const input = p.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  return quickInputRow(title).catch(() => {
    throw new Error(`the command palette does not list '${title}'`);
  });
}

/** Runs a command through the command palette, as a user would. */
async function runCommand(title: string): Promise<void> {
  await (await findCommand(title)).click();
}

async function state(): Promise<E2eState> {
  const file = path.join(cache, 'e2e-state.json');
  fs.rmSync(file, { force: true });
  await runCommand('OncoLex E2E: Write State');
  const end = Date.now() + 10_000;
  while (!fs.existsSync(file)) {
    assert(Date.now() < end, 'the runner extension wrote no state (is it installed?)');
    await ui().waitForTimeout(100);
  }
  await ui().waitForTimeout(50);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as E2eState;
}

async function pollState(what: string, ok: (s: E2eState) => boolean, timeoutMs = 20_000): Promise<E2eState> {
  const end = Date.now() + timeoutMs;
  let s = await state();
  while (!ok(s)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify({ ...s, commands: s.commands.length })}`);
    await ui().waitForTimeout(700);
    s = await state();
  }
  return s;
}

async function statusText(): Promise<string> {
  const item = ui().locator('.statusbar-item', { hasText: 'OncoLex' }).first();
  await item.waitFor({ state: 'visible', timeout: 5000 });
  return (await item.innerText()).replace(/\s+/g, ' ').trim();
}

async function waitStatus(expected: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = await statusText().catch(() => '(no OncoLex status bar item)');
    if (last === expected) return;
    await ui().waitForTimeout(250);
  }
  throw new Error(`status bar shows '${last}', expected '${expected}'`);
}

async function visibleDecorations(): Promise<number> {
  return ui().locator(DECORATION).count();
}

async function visibleHoverText(): Promise<string> {
  // Runs in the browser; the project's tsconfig has no DOM lib, hence the structural type.
  type El = { offsetParent: unknown; innerText: string; classList: { contains(c: string): boolean } };
  return ui().$$eval('.monaco-hover', (els) =>
    (els as unknown as El[])
      .filter((e) => e.offsetParent !== null && !e.classList.contains('hidden'))
      .map((e) => e.innerText)
      .join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------- data

interface CliMention {
  start: number;
  end: number;
  text: string;
  id: string;
  category: string;
}

function cliMentions(file: string): CliMention[] {
  const out = execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'annotate', '--format', 'json', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const parsed = JSON.parse(out) as { files: { file: string; mentions: CliMention[] }[] };
  assert(parsed.files.length === 1, `the CLI reported ${parsed.files.length} files for one`);
  return parsed.files[0].mentions;
}

function lexiconEntry(id: string): Entry {
  const lex = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'lexicon.json'), 'utf8')) as Lexicon;
  const e = lex.entries.find((x) => x.id === id);
  assert(e, `no entry '${id}' in generated/lexicon.json`);
  return e;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function bibKeys(): string[] {
  const bib = fs.readFileSync(path.join(workspace, 'references.bib'), 'utf8');
  return [...bib.matchAll(/^@\w+\{([^,\s]+),/gm)].map((m) => m[1]);
}

/** Keys of the studies the review cites, which the extension offers even when no .bib lists them. */
function reviewStudyKeys(): string[] {
  const file = path.join(root, 'data', 'references', 'review-studies.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { studies: { key: string; identified?: boolean }[] };
  // Studies whose record is not certain are never offered as keys.
  return data.studies.filter((s) => s.identified !== false).map((s) => s.key);
}

// ---------------------------------------------------------------------------------------------- phases

async function integrationPhase(browser: Browser): Promise<void> {
  const results = path.join(cache, 'integration-results.json');
  fs.rmSync(results, { force: true });
  let server: Server | undefined;
  try {
    server = await startServer('integration', {
      ONCOLEX_INTEGRATION_SUITE: path.join(root, 'out', 'integration', 'index.js'),
      ONCOLEX_INTEGRATION_RESULTS: results,
    });
    // The extension host, and with it the suite, starts only when a window connects.
    page = await openWorkbench(browser, server.url);
    const end = Date.now() + 240_000;
    while (!fs.existsSync(results) && Date.now() < end) await page.waitForTimeout(500);
    await page.waitForTimeout(200);
    await screenshot('integration-suite-finished');
  } catch (err) {
    failed++;
    console.log(`FAIL integration: code-server run: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await page?.close();
    page = undefined;
    await stopServer(server);
  }
  if (!fs.existsSync(results)) {
    failed++;
    console.log('FAIL integration: the suite wrote no results within 240 s (see .e2e-cache/logs/code-server-integration.log)');
    return;
  }
  const r = JSON.parse(fs.readFileSync(results, 'utf8')) as SuiteResults;
  for (const t of r.tests) {
    if (t.state === 'passed') {
      passed++;
      console.log(`PASS integration: ${t.title} (${t.durationMs} ms)`);
    } else {
      failed++;
      console.log(`FAIL integration: ${t.title}: ${(t.error ?? '').split('\n').slice(0, 6).join('\n     ')}`);
    }
  }
  if (r.tests.length === 0) {
    failed++;
    console.log('FAIL integration: the suite ran no tests');
  }
}

async function uiPhase(browser: Browser): Promise<void> {
  let server: Server | undefined;
  try {
    server = await startServer('ui', { ONCOLEX_E2E_STATE: path.join(cache, 'e2e-state.json') });
    const url = server.url;
    const started = await check('code-server starts and the workbench loads', async () => {
      page = await openWorkbench(browser, url);
      console.log(`     (${url})`);
    });
    if (!started) return;

    const files = ['review-section.md', 'paper.tex', 'zh-review.md'];
    // Counted per check, so that a broken CLI fails the checks that need it and not the whole run.
    const count = (f: string) => cliMentions(path.join(workspace, f)).length;

    await check('the extension activates when a Markdown file opens', async () => {
      await openFile('review-section.md');
      const s = await pollState('activation', (x) => x.active || !x.installed, 20_000);
      assert(s.installed, 'oncolex.oncolex is not installed');
      assert(s.active, `the extension did not activate${s.activationError ? `: ${s.activationError}` : ''}`);
    });

    for (const f of files) {
      let n = -1;
      await check(`${f}: decorated mentions equal the CLI's count`, async () => {
        n = count(f);
        console.log(`     (the CLI finds ${n} mentions in ${f})`);
        await openFile(f);
        assert(n > 0, `the CLI finds no mentions in ${f}`);
        const s = await pollState(`${n} decorations in ${f}`, (x) => x.editors.some((e) => e.fileName.endsWith(`/${f}`) && e.decorated === n));
        const ed = s.editors.find((e) => e.fileName.endsWith(`/${f}`));
        assert(ed, `${f} is not a visible editor`);
        assert(ed.mentions === n, `the API reports ${ed.mentions} mentions, the CLI ${n}`);
        assert(ed.decorated === n, `the API reports ${ed.decorated} decorated, the CLI ${n}`);
      });
      await check(`${f}: decorations are painted in the editor`, async () => {
        await ui().locator(DECORATION).first().waitFor({ timeout: 10_000 });
        const painted = await visibleDecorations();
        assert(painted > 0, 'no decoration elements in the editor');
      });
      await check(`${f}: the status bar shows 'OncoLex: N' with N the CLI's count`, async () => {
        assert(n >= 0, 'no count from the CLI');
        await waitStatus(`OncoLex: ${n}`);
      });
    }

    await check('hovering Pembrolizumab shows its card (English, Chinese, definition, evidence)', async () => {
      const file = 'review-section.md';
      const phrase = 'Pembrolizumab and nivolumab block';
      const text = fs.readFileSync(path.join(workspace, file), 'utf8');
      const offset = text.indexOf(phrase);
      const m = cliMentions(path.join(workspace, file)).find((x) => x.start <= offset && offset < x.end);
      assert(m, `the CLI finds no mention at '${phrase}'`);
      const e = lexiconEntry(m.id);
      await openFile(file);
      const p = ui();
      await p.keyboard.press('Control+F');
      await p.keyboard.type(phrase);
      await p.keyboard.press('Enter');
      await p.keyboard.press('Escape');
      const sel = p.locator('.editor-instance .view-overlays .selected-text').first();
      await sel.waitFor({ timeout: 5000 });
      const box = await sel.boundingBox();
      assert(box, 'the found phrase has no box on screen');
      // Click elsewhere first so that the selection highlight does not cover the decoration.
      await p.mouse.move(box.x + 20, box.y - 60);
      await p.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 5 });
      const end = Date.now() + 10_000;
      let hover = '';
      while (Date.now() < end && !hover.includes(e.label.en)) {
        await p.waitForTimeout(250);
        hover = await visibleHoverText();
      }
      const h = squash(hover);
      assert(h.includes(e.label.en), `no hover with the English name '${e.label.en}'; hover text: '${h.slice(0, 300)}'`);
      assert(h.includes(e.label.zh), `the card lacks the Chinese name '${e.label.zh}'`);
      const def = squash(e.definition.en).slice(0, 40);
      assert(h.includes(def), `the card lacks the definition ('${def}…'); hover text: '${h.slice(0, 400)}'`);
      if (e.evidence.length > 0) {
        const ev = squash(e.evidence[0].sentence).slice(0, 12);
        assert(h.includes(ev), `the card lacks the evidence sentence ('${ev}…')`);
      }
    });
    await ui().mouse.move(5, 5);

    for (const title of ['OncoLex: Search Terms', 'OncoLex: Toggle Highlighting', 'OncoLex: Insert Citation']) {
      await check(`the command palette lists '${title}'`, async () => {
        await findCommand(title);
      });
    }
    await ui().keyboard.press('Escape');

    let reviewCount = -1;
    await check('OncoLex: Toggle Highlighting removes the decorations (status: OncoLex: off)', async () => {
      reviewCount = count('review-section.md');
      await openFile('review-section.md');
      await runCommand('OncoLex: Toggle Highlighting');
      const p = ui();
      const end = Date.now() + 10_000;
      while ((await visibleDecorations()) > 0 && Date.now() < end) await p.waitForTimeout(200);
      const left = await visibleDecorations();
      assert(left === 0, `${left} decorations are still painted`);
      await waitStatus('OncoLex: off');
      const s = await state();
      assert(s.highlightingEnabled === false, 'the API still reports highlighting as enabled');
      const ed = s.editors.find((e) => e.fileName.endsWith('/review-section.md'));
      assert(ed && ed.decorated === 0, `the API reports ${ed?.decorated} decorated mentions`);
    });
    await check('OncoLex: Toggle Highlighting again restores them', async () => {
      await runCommand('OncoLex: Toggle Highlighting');
      await pollState('decorations to return', (x) => x.editors.some((e) => e.fileName.endsWith('/review-section.md') && e.decorated === reviewCount));
      assert((await visibleDecorations()) > 0, 'no decorations are painted');
      await waitStatus(`OncoLex: ${reviewCount}`);
    });

    await check('typing \\cite{ in paper.tex offers the .bib keys and the review\'s studies; accepting inserts the key', async () => {
      const keys = bibKeys();
      await openFile('paper.tex');
      const p = ui();
      await p.keyboard.press('Control+End');
      await p.keyboard.press('Enter');
      await p.keyboard.type('See \\cite{', { delay: 30 });
      const widget = p.locator('.editor-widget.suggest-widget.visible');
      await widget.waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error('no completion list appeared after typing \\cite{');
      });
      await p.waitForTimeout(500);
      await screenshot('cite-completion-list');
      const labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
      assert(labels.some((l) => keys.includes(l.trim())), `none of the .bib keys is offered; offered: ${labels.join(', ')}`);
      // A study the review cites that is not in references.bib must be offered too.
      const study = reviewStudyKeys().find((k) => !keys.includes(k));
      assert(study, 'data/references/review-studies.json has no study outside references.bib');
      await p.keyboard.type(study, { delay: 20 });
      await widget.locator('.monaco-list-row', { hasText: study }).first().waitFor({ timeout: 5000 }).catch(() => {
        throw new Error(`the review's study '${study}' is not offered`);
      });
      await screenshot('cite-completion-review-study');
      for (let i = 0; i < study.length; i++) await p.keyboard.press('Backspace');
      await p.keyboard.type('postow', { delay: 30 });
      await widget.locator('.monaco-list-row', { hasText: 'postow2012' }).first().waitFor({ timeout: 5000 });
      await p.keyboard.press('Enter');
      await p.waitForTimeout(300);
      const s = await state();
      assert(s.activeEditor?.line.includes('\\cite{postow2012'), `the line reads '${s.activeEditor?.line}'`);
    });
    await runCommand('File: Revert File').catch(() => undefined);

    await check('OncoLex: Search Terms with \'pembro\' offers Pembrolizumab and inserts it', async () => {
      await openFile('review-section.md');
      const p = ui();
      await p.keyboard.press('Control+End');
      await p.keyboard.press('Enter');
      await p.keyboard.press('Enter');
      await runCommand('OncoLex: Search Terms');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await p.keyboard.type('pembro', { delay: 30 });
      const first = p.locator('.quick-input-widget .monaco-list-row').first();
      await p.locator('.quick-input-widget .monaco-list-row', { hasText: 'Pembrolizumab' }).first().waitFor({ timeout: 8000 }).catch(() => {
        throw new Error("Search Terms does not list Pembrolizumab for 'pembro'");
      });
      const firstText = await first.innerText();
      assert(/pembrolizumab/i.test(firstText), `the first result is '${squash(firstText)}', not Pembrolizumab`);
      await screenshot('search-terms-pembro');
      await p.keyboard.press('Enter');
      await p.waitForTimeout(500);
      const s = await state();
      assert(/pembrolizumab/i.test(s.activeEditor?.line ?? ''), `the line at the cursor reads '${s.activeEditor?.line}'`);
    });
    await runCommand('File: Revert File').catch(() => undefined);
  } catch (err) {
    failed++;
    console.log(`FAIL ui: ${err instanceof Error ? err.message : String(err)}`);
    await screenshot('FAILED-ui');
  } finally {
    await page?.close().catch(() => undefined);
    page = undefined;
    await stopServer(server);
  }
}

async function main(): Promise<void> {
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  fs.mkdirSync(path.join(cache, 'logs'), { recursive: true });
  assert(fs.existsSync(entry), `code-server is not set up (${entry}); run scripts/e2e-setup.sh`);
  assert(fs.existsSync(chromiumPath), `${chromiumPath} is missing; run scripts/e2e-setup.sh`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    if (process.env.ONCOLEX_E2E_SKIP_INTEGRATION !== '1') await integrationPhase(browser);
    await uiPhase(browser);
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${path.relative(root, shots)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.log(`FAIL e2e run: ${err instanceof Error ? err.stack : String(err)}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
