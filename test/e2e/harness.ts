// The e2e test's harness: paths, the PASS/FAIL tally with screenshots, the code-server process, and the
// helpers that drive the workbench like a user. Shared by the runs of test/e2e/run.ts (desktop build),
// test/e2e/web.ts (web-only build) and the checks they have in common (test/e2e/editor-checks.ts).
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CliMention } from '../../src/cli/annotate';
import type { Entry, Lexicon } from '../../src/core/lexicon/lexicon';

export const root = path.resolve(__dirname, '../..');
export const cache = process.env.ONCOLEX_E2E_CACHE ?? path.join(root, '.e2e-cache');
export const entry = process.env.ONCOLEX_E2E_CODE_SERVER ?? path.join(cache, 'code-server-4.100.0/node_modules/code-server/out/node/entry.js');
/** Where e2e.sh installed the desktop extension and the runner extension. */
export const extensionsDir = process.env.ONCOLEX_E2E_EXTENSIONS ?? path.join(cache, 'extensions');
export const workspace = process.env.ONCOLEX_E2E_WORKSPACE ?? path.join(cache, 'workspace');
export const shots = path.join(root, 'screenshots');
export const chromiumPath = process.env.ONCOLEX_E2E_CHROMIUM ?? '/usr/bin/chromium';

// Extension decorations render as overlay boxes (background/border styles) or as classes on the text
// spans (colour styles); `ced-` is the class prefix VS Code gives contributed decoration types.
export const DECORATION = '.editor-instance .view-overlays .cdr[class*="ced-"], .editor-instance .view-lines span[class*="ced-"]';

// ---------------------------------------------------------------------------------------------- report

/** Checks passed and failed so far, over all runs. */
export const tally = { passed: 0, failed: 0 };
let shotNo = 0;
/** The browser page the checks drive: one at a time. */
let page: Page | undefined;

export function setPage(p: Page | undefined): void {
  page = p;
}

export async function closePage(): Promise<void> {
  await page?.close().catch(() => undefined);
  page = undefined;
}

export async function screenshot(name: string): Promise<void> {
  if (!page) return;
  const file = path.join(shots, `${String(++shotNo).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60)}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
}

const only = process.env.ONCOLEX_E2E_ONLY ? new RegExp(process.env.ONCOLEX_E2E_ONLY, 'i') : undefined;

/**
 * Runs one check, prints PASS/FAIL and saves a screenshot of the state it left behind. `always`: the
 * check runs even when ONCOLEX_E2E_ONLY selects others (the ones every other check needs).
 */
export async function check(name: string, fn: () => Promise<void>, always = false): Promise<boolean> {
  if (only && !always && !only.test(name)) return true;
  const t0 = Date.now();
  try {
    await fn();
    tally.passed++;
    console.log(`PASS ${name} (${Date.now() - t0} ms)`);
    await screenshot(name);
    return true;
  } catch (err) {
    tally.failed++;
    const msg = err instanceof Error ? err.message : String(err);
    console.log(`FAIL ${name}: ${msg.split('\n').slice(0, 12).join('\n     ')}`);
    await screenshot(`FAILED-${name}`);
    return false;
  }
}

export function assert(cond: unknown, msg: string): asserts cond {
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

export interface Server {
  url: string;
  /** Its user data folder; the server writes its logs under `logs/` there. */
  userData: string;
  proc: ChildProcess;
  log: string[];
}

/** Starts code-server on a free port with a fresh user data folder; `extensions`: the extensions folder it runs. */
export async function startServer(name: string, env: Record<string, string>, extensions = extensionsDir): Promise<Server> {
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
    '--extensions-dir', extensions, '--user-data-dir', userData, workspace];
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
  return { url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, userData, proc, log };
}

export async function stopServer(s: Server | undefined): Promise<void> {
  if (!s || s.proc.exitCode !== null) return;
  const exited = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
}

export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await p.goto(url);
  await p.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // The workbench takes a few seconds to restore and start the extension host before it takes keys.
  await p.waitForTimeout(4000);
  return p;
}

// ---------------------------------------------------------------------------------------------- UI helpers

export function ui(): Page {
  assert(page, 'no browser page');
  return page;
}

export async function quickInputRow(text: string, timeout = 8000) {
  const row = ui().locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout });
  return row;
}

export async function openFile(name: string): Promise<void> {
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
export async function findCommand(title: string): Promise<Awaited<ReturnType<typeof quickInputRow>>> {
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
export async function runCommand(title: string): Promise<void> {
  await (await findCommand(title)).click();
}

/** Finds `phrase` in the active editor (Ctrl+F) and returns the box of the selection it leaves on screen. */
export async function findOnScreen(phrase: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const p = ui();
  await p.keyboard.press('Control+F');
  await p.keyboard.type(phrase);
  await p.keyboard.press('Enter');
  await p.keyboard.press('Escape');
  const sel = p.locator('.editor-instance .view-overlays .selected-text');
  await sel.first().waitFor({ timeout: 5000 });
  // The overlay re-renders while the find widget closes (and as decorations arrive): a box read in
  // between can be missing, so read again for a moment.
  const end = Date.now() + 5000;
  for (;;) {
    const boxes = await Promise.all((await sel.all()).map((l) => l.boundingBox()));
    const box = boxes.find((b) => b !== null && b.width > 0);
    if (box) return box;
    assert(Date.now() < end, 'the found phrase has no box on screen');
    await p.waitForTimeout(100);
  }
}

export async function statusText(): Promise<string> {
  const item = ui().locator('.statusbar-item', { hasText: 'OncoLex' }).first();
  await item.waitFor({ state: 'visible', timeout: 5000 });
  return (await item.innerText()).replace(/\s+/g, ' ').trim();
}

/** Reads `read()` every `intervalMs` until `ok` holds of it or `timeoutMs` pass; the last text read. */
export async function pollText(read: () => Promise<string>, ok: (text: string) => boolean, timeoutMs: number, intervalMs = 250): Promise<string> {
  const end = Date.now() + timeoutMs;
  let text = await read();
  while (!ok(text) && Date.now() < end) {
    await ui().waitForTimeout(intervalMs);
    text = await read();
  }
  return text;
}
export async function waitStatus(expected: string, timeoutMs = 10_000): Promise<void> {
  const last = await pollText(() => statusText().catch(() => '(no OncoLex status bar item)'), (t) => t === expected, timeoutMs);
  if (last !== expected) throw new Error(`status bar shows '${last}', expected '${expected}'`);
}

export async function visibleDecorations(): Promise<number> {
  return ui().locator(DECORATION).count();
}

export async function visibleHoverText(): Promise<string> {
  // Runs in the browser; the project's tsconfig has no DOM lib, hence the structural type.
  type El = { offsetParent: unknown; innerText: string; classList: { contains(c: string): boolean } };
  return ui().$$eval('.monaco-hover', (els) =>
    (els as unknown as El[])
      .filter((e) => e.offsetParent !== null && !e.classList.contains('hidden'))
      .map((e) => e.innerText)
      .join('\n'),
  );
}

/** Waits until the visible hover's text satisfies `ok`; returns the last text seen (squashed). */
export async function waitHover(ok: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  return pollText(async () => squash(await visibleHoverText()), ok, timeoutMs, 200);
}

/**
 * Hovers the cursor and waits for a hover whose text satisfies `ok`. When no hover shows at all within half
 * the time (the mouse event can land while the editor is still re-rendering freshly typed text, seen once in
 * CI), the mouse leaves and comes back once, as a user would. What the check asserts is the hover's text.
 */
export async function hoverUntil(ok: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  await hoverAtCursor();
  const first = await waitHover(ok, timeoutMs / 2);
  if (ok(first) || first.trim() !== '') return first;
  await ui().mouse.move(5, 5);
  await hoverAtCursor();
  return waitHover(ok, timeoutMs / 2);
}

/** Line and column (1-based, as Go to Line takes them) of an offset in a text. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Puts the cursor of the active editor at a line and column with Go to Line (Ctrl+G "line:col"). */
export async function goTo(line: number, col: number): Promise<void> {
  const p = ui();
  const input = p.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    try {
      await p.keyboard.press('Escape');
      await p.keyboard.press('Control+G');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`:${line}:${col}`, { timeout: 5000 });
      await p.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: 5000 });
      return;
    } catch (e) {
      // The quick input can close between showing and taking the text (focus moving while an editor opens,
      // seen once in CI): open it again. Navigation only; what the check asserts comes after.
      if (attempt >= 3) throw e;
    }
  }
}

/** Moves the mouse onto the text at the editor's cursor (the cursor is put inside a word first). */
export async function hoverAtCursor(): Promise<void> {
  const p = ui();
  // The cursor blinks (visibility), so wait for it to be attached rather than visible.
  const cursor = p.locator('.editor-instance .cursors-layer .cursor').first();
  await cursor.waitFor({ state: 'attached', timeout: 5000 });
  const box = await cursor.boundingBox();
  assert(box, 'the cursor has no box on screen');
  // Come from above, as a hand on the mouse would, so that the editor sees the mouse move onto the word.
  await p.mouse.move(box.x + 2, box.y - 40);
  await p.mouse.move(box.x + 2, box.y + box.height / 2, { steps: 5 });
}

/** The text of the first frame (webviews live in nested iframes) whose body contains `needle`. */
export async function frameTextWith(needle: string, timeoutMs = 15_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (Date.now() < end) {
    seen = [];
    for (const f of ui().frames()) {
      // The workbench itself names the card in its tab title: only the frames inside it count.
      if (f === ui().mainFrame()) continue;
      const t = await f.locator('body').innerText({ timeout: 500 }).catch(() => '');
      if (t.includes(needle)) return t;
      if (t.trim() !== '') seen.push(t.slice(0, 80));
    }
    await ui().waitForTimeout(300);
  }
  throw new Error(`no frame shows '${needle}'; frames with text: ${seen.length}`);
}

/** A row of the tree in the side bar by its exact label, scrolled into view. */
export async function sideBarTreeRow(label: string, timeoutMs = 10_000) {
  const p = ui();
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = p.locator('.part.sidebar .monaco-list-row').filter({ has: p.locator('.label-name', { hasText: exact }) }).first();
  const end = Date.now() + timeoutMs;
  // The tree only renders the rows in view: from the top, scroll down until the row exists.
  for (let step = 0; (await row.count()) === 0; step++) {
    assert(Date.now() < end, `the side bar shows no row '${label}'`);
    const list = p.locator('.part.sidebar .monaco-list').first();
    const box = await list.boundingBox();
    if (box) {
      await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await p.mouse.wheel(0, step === 0 ? -100_000 : 200);
    }
    await p.waitForTimeout(200);
  }
  await row.waitFor({ state: 'visible', timeout: 5000 });
  return row;
}

/** The description (greyed text after the label) of a side bar tree row. */
export async function rowDescription(row: Awaited<ReturnType<typeof sideBarTreeRow>>): Promise<string> {
  const d = row.locator('.label-description');
  return (await d.count()) > 0 ? squash(await d.innerText()) : '';
}

// ---------------------------------------------------------------------------------------------- data

export type { CliMention };


export function cliMentions(file: string): CliMention[] {
  const out = execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'annotate', '--format', 'json', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const parsed = JSON.parse(out) as { files: { file: string; mentions: CliMention[] }[] };
  assert(parsed.files.length === 1, `the CLI reported ${parsed.files.length} files for one`);
  return parsed.files[0].mentions;
}

export function lexiconEntry(id: string): Entry {
  const lex = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'lexicon.json'), 'utf8')) as Lexicon;
  const e = lex.entries.find((x) => x.id === id);
  assert(e, `no entry '${id}' in generated/lexicon.json`);
  return e;
}

export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A field of an entry of the workspace's references.bib, braces removed. */
export function bibField(key: string, field: string): string | undefined {
  const bib = fs.readFileSync(path.join(workspace, 'references.bib'), 'utf8');
  const start = bib.search(new RegExp(`^@\\w+\\{${key},`, 'm'));
  if (start < 0) return undefined;
  const next = bib.slice(start + 1).search(/^@/m);
  const body = next < 0 ? bib.slice(start) : bib.slice(start, start + 1 + next);
  const m = new RegExp(`^\\s*${field}\\s*=\\s*\\{(.*)\\},?\\s*$`, 'mi').exec(body);
  return m ? m[1].replace(/[{}]/g, '') : undefined;
}
