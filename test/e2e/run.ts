// End-to-end test in a real VS Code: code-server 4.100.0 driven by headless Chromium.
// Run through scripts/e2e.sh (`npm run test:e2e`), which builds, packages and installs the extension and
// the runner extension first. Prints one PASS/FAIL line per check and ends with `N passed, N failed`.
//
// Two server runs: the first runs the integration suite inside the extension host (the runner extension
// reads ONCOLEX_INTEGRATION_SUITE), the second drives the UI like a user. Separate runs keep the suite's
// edits and toggles out of the UI checks.
//
// While working on one check: ONCOLEX_E2E_SKIP_INTEGRATION=1 skips the first run, and
// ONCOLEX_E2E_ONLY=<regex> runs only the UI checks whose names match (checks that rely on an earlier
// check's state may then fail). A full run sets neither.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { categoryPluralLabel } from '../../src/core/card';
import type { Entry, Lexicon } from '../../src/core/lexicon';
import { CATEGORIES } from '../../src/core/lexicon';
import type { E2eState } from '../e2e-runner-extension/src/extension';
import { contrastRatio, parseColor } from '../colors';
import type { Box } from './paint';
import { readPaintedLine } from './paint';
import type { SuiteResults } from '../integration/index';

const root = path.resolve(__dirname, '../..');
const cache = process.env.ONCOLEX_E2E_CACHE ?? path.join(root, '.e2e-cache');
const entry = process.env.ONCOLEX_E2E_CODE_SERVER ?? path.join(cache, 'code-server-4.100.0/node_modules/code-server/out/node/entry.js');
const extensionsDir = process.env.ONCOLEX_E2E_EXTENSIONS ?? path.join(cache, 'extensions');
const workspace = process.env.ONCOLEX_E2E_WORKSPACE ?? path.join(cache, 'workspace');
const shots = path.join(root, 'screenshots');
const chromiumPath = process.env.ONCOLEX_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** A Markdown file the checks type into, in the workspace copy (never in the committed examples/). */
const SCRATCH = 'e2e-scratch.md';

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

const only = process.env.ONCOLEX_E2E_ONLY ? new RegExp(process.env.ONCOLEX_E2E_ONLY, 'i') : undefined;

/**
 * Runs one check, prints PASS/FAIL and saves a screenshot of the state it left behind. `always`: the
 * check runs even when ONCOLEX_E2E_ONLY selects others (the ones every other check needs).
 */
async function check(name: string, fn: () => Promise<void>, always = false): Promise<boolean> {
  if (only && !always && !only.test(name)) return true;
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

/** Opens a workspace file and puts the cursor inside the first mention of an entry that the CLI finds. */
/** Finds `phrase` in the active editor (Ctrl+F) and returns the box of the selection it leaves on screen. */
async function findOnScreen(phrase: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const p = ui();
  await p.keyboard.press('Control+F');
  await p.keyboard.type(phrase);
  await p.keyboard.press('Enter');
  await p.keyboard.press('Escape');
  const sel = p.locator('.editor-instance .view-overlays .selected-text').first();
  await sel.waitFor({ timeout: 5000 });
  const box = await sel.boundingBox();
  assert(box, 'the found phrase has no box on screen');
  return box;
}

async function cursorOnFirstMention(file: string, id: string): Promise<void> {
  const text = fs.readFileSync(path.join(workspace, file), 'utf8');
  const m = cliMentions(path.join(workspace, file)).find((x) => x.id === id);
  assert(m, `the CLI finds no mention of ${id} in ${file}`);
  await openFile(file);
  const at = lineCol(text, m.start + 3);
  await goTo(at.line, at.col);
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

/** Waits until the visible hover's text satisfies `ok`; returns the last text seen (squashed). */
async function waitHover(ok: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < end) {
    text = squash(await visibleHoverText());
    if (ok(text)) return text;
    await ui().waitForTimeout(200);
  }
  return text;
}

/** Line and column (1-based, as Go to Line takes them) of an offset in a text. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Puts the cursor of the active editor at a line and column with Go to Line (Ctrl+G "line:col"). */
async function goTo(line: number, col: number): Promise<void> {
  const p = ui();
  await p.keyboard.press('Escape');
  await p.keyboard.press('Control+G');
  const input = p.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${col}`);
  await p.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 5000 });
}

/** Moves the mouse onto the text at the editor's cursor (the cursor is put inside a word first). */
async function hoverAtCursor(): Promise<void> {
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
async function frameTextWith(needle: string, timeoutMs = 15_000): Promise<string> {
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
async function sideBarTreeRow(label: string, timeoutMs = 10_000) {
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
async function rowDescription(row: Awaited<ReturnType<typeof sideBarTreeRow>>): Promise<string> {
  const d = row.locator('.label-description');
  return (await d.count()) > 0 ? squash(await d.innerText()) : '';
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

/** A field of one entry of the workspace's references.bib, braces removed. */
function bibField(key: string, field: string): string | undefined {
  const bib = fs.readFileSync(path.join(workspace, 'references.bib'), 'utf8');
  const start = bib.search(new RegExp(`^@\\w+\\{${key},`, 'm'));
  if (start < 0) return undefined;
  const next = bib.slice(start + 1).search(/^@/m);
  const body = next < 0 ? bib.slice(start) : bib.slice(start, start + 1 + next);
  const m = new RegExp(`^\\s*${field}\\s*=\\s*\\{(.*)\\},?\\s*$`, 'mi').exec(body);
  return m ? m[1].replace(/[{}]/g, '') : undefined;
}

/** Keys of the studies the review cites, which the extension offers even when no .bib lists them. */
function reviewStudyKeys(): string[] {
  const file = path.join(root, 'data', 'references', 'review-studies.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { studies: { key: string; identified?: boolean }[] };
  // Studies whose record is not certain are never offered as keys.
  return data.studies.filter((s) => s.identified !== false).map((s) => s.key);
}

// ---------------------------------------------------------------------------------------------- one visual signal

/**
 * Prose lines with several mentions, one per example, found by a phrase. The Chinese one is line 13 of
 * zh-review.md, where the former TextMate grammar coloured the text from 'T 细胞' to the end of the line.
 */
const PAINT_LINES = [
  { file: 'zh-review.md', phrase: '这种效应依赖 T 细胞' },
  { file: 'review-section.md', phrase: 'Experimental work showed' },
  { file: 'paper.tex', phrase: 'Immune checkpoint inhibitors that target PD-1' },
];
type PaintLine = (typeof PAINT_LINES)[number];

const THEMES = [
  { name: 'Default Dark Modern', kind: 'vs-dark', label: 'dark' },
  { name: 'Default Light Modern', kind: 'vs', label: 'light' },
];

/**
 * What the base Markdown/LaTeX grammars and bracket-pair colouring may colour on a prose line (citations,
 * links, code, math, comments, commands, brackets): left out of the check that prose keeps the text colour.
 */
const MARKUP = /\[[^\]]*\]|`[^`]*`|\$[^$]*\$|<!--.*?-->|%.*$|\\[A-Za-z]+|[{}()[\]~]/g;
/** WCAG 2 minimum contrast for graphical marks (1.4.11), here the underline against the editor background. */
const MIN_MARK_CONTRAST = 3;

function paintLineNumber(f: PaintLine): number {
  const text = fs.readFileSync(path.join(workspace, f.file), 'utf8');
  const at = text.indexOf(f.phrase);
  assert(at >= 0, `${f.file} no longer contains '${f.phrase}'`);
  return lineCol(text, at).line;
}

/** The line of a PAINT_LINES entry, with its text, its start offset and the CLI's mentions on it. */
function paintLine(f: PaintLine): { line: number; lineStart: number; lineText: string; mentions: CliMention[] } {
  const text = fs.readFileSync(path.join(workspace, f.file), 'utf8');
  const line = paintLineNumber(f);
  const lineStart = text.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const lineText = text.split('\n')[line - 1];
  const mentions = cliMentions(path.join(workspace, f.file)).filter((m) => m.start >= lineStart && m.end <= lineStart + lineText.length);
  assert(mentions.length >= 2, `the CLI finds ${mentions.length} mentions on ${f.file} line ${line}, the check needs two`);
  return { line, lineStart, lineText, mentions };
}

const overlaps = (a: Box, b: Box, slack = 2) =>
  Math.abs(a.left - b.left) <= slack && Math.abs(a.right - b.right) <= slack && a.top < b.bottom && b.top < a.bottom;

/**
 * On one prose line of the active theme: every mention has its decoration box and no decoration box is
 * outside a mention; the underline is thick enough and contrasts with the background; every character of
 * prose (markup aside), mentions included, has the colour of the line's plain text, so no grammar or token
 * provider colours terms or the text after them.
 */
async function assertOneSignal(f: PaintLine): Promise<void> {
  const { line, lineStart, lineText, mentions } = paintLine(f);
  await openFile(f.file);
  await goTo(line, 1);
  const p = ui();
  // Leave the cursor's word highlight and any hover out of the picture; wait for tokens and decorations.
  await p.mouse.move(5, 5);
  const ranges = mentions.map((m) => ({ start: m.start - lineStart, end: m.end - lineStart }));
  const end = Date.now() + 10_000;
  let painted = await readPaintedLine(p, line, ranges);
  while (painted.overlays.length < mentions.length && Date.now() < end) {
    await p.waitForTimeout(250);
    painted = await readPaintedLine(p, line, ranges);
  }
  assert(painted.text === lineText, `line ${line} renders as '${painted.text.slice(0, 80)}…', not as in the file`);

  // The decorations: one box per mention (per wrapped part), none elsewhere.
  for (const [i, m] of mentions.entries()) {
    const boxes = painted.rangeBoxes[i];
    assert(boxes.length > 0, `'${m.text}' has no box on screen`);
    for (const b of boxes) {
      const near = painted.overlays.filter((o) => o.top < b.bottom && b.top < o.bottom).map((o) => `${Math.round(o.left)}-${Math.round(o.right)}`);
      assert(painted.overlays.some((o) => overlaps(o, b)), `'${m.text}' (${m.category}) at x ${Math.round(b.left)}-${Math.round(b.right)} has no decoration box (boxes on its row: ${near.join(', ')})`);
    }
  }
  const stray = painted.overlays.filter((o) => !painted.rangeBoxes.some((bs) => bs.some((b) => overlaps(o, b))));
  assert(stray.length === 0, `${stray.length} decoration boxes cover text that is not a mention`);

  // The default style: an underline in the category's colour that stands out from the background.
  let worst = Number.POSITIVE_INFINITY;
  for (const o of painted.overlays) {
    assert(parseFloat(o.borderBottomWidth) >= 2, `an underline is ${o.borderBottomWidth} thick`);
    assert(parseColor(o.borderBottomColor).a === 1, `an underline is translucent (${o.borderBottomColor})`);
    worst = Math.min(worst, contrastRatio(o.borderBottomColor, painted.background));
  }
  console.log(`     (${mentions.length} mentions; lowest underline contrast ${worst.toFixed(2)}:1 on ${painted.background})`);
  assert(worst >= MIN_MARK_CONTRAST, `an underline contrasts ${worst.toFixed(2)}:1 with the background, under ${MIN_MARK_CONTRAST}:1`);

  // The text colour: prose (mentions and all) keeps the theme's text colour.
  const markup = new Array<boolean>(lineText.length).fill(false);
  for (const m of lineText.matchAll(MARKUP)) for (let k = m.index; k < m.index + m[0].length; k++) markup[k] = true;
  const off = Array.from({ length: lineText.length }, (_, k) => k).filter((k) => !markup[k] && lineText[k].trim() !== '' && painted.colors[k] !== painted.textColor);
  assert(off.length === 0, `${off.length} characters are painted in another colour than the theme's text (${painted.textColor}), from '${lineText.slice(off[0], off[0] + 12)}'`);
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
    // An empty scratch document for the typing checks, there before the server starts so Quick Open lists it.
    fs.writeFileSync(path.join(workspace, SCRATCH), '');
    server = await startServer('ui', { ONCOLEX_E2E_STATE: path.join(cache, 'e2e-state.json') });
    const url = server.url;
    const started = await check('code-server starts and the workbench loads', async () => {
      page = await openWorkbench(browser, url);
      console.log(`     (${url})`);
    }, true);
    if (!started) return;

    const files = ['review-section.md', 'paper.tex', 'zh-review.md'];
    // Counted per check, so that a broken CLI fails the checks that need it and not the whole run.
    const count = (f: string) => cliMentions(path.join(workspace, f)).length;

    await check('the extension activates when a Markdown file opens', async () => {
      await openFile('review-section.md');
      const s = await pollState('activation', (x) => x.active || !x.installed, 20_000);
      assert(s.installed, 'oncolex.oncolex is not installed');
      assert(s.active, `the extension did not activate${s.activationError ? `: ${s.activationError}` : ''}`);
    }, true);

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
      const box = await findOnScreen(phrase);
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

    await check("OncoLex: Insert Citation lists references as the document's CSL style prints them (Vancouver in paper.tex)", async () => {
      await openFile('paper.tex');
      const p = ui();
      await runCommand('OncoLex: Insert Citation');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await p.keyboard.type('postow', { delay: 30 });
      const row = p.locator('.quick-input-widget .monaco-list-row', { hasText: 'postow2012' }).first();
      await row.waitFor({ timeout: 8000 }).catch(() => {
        throw new Error("Insert Citation does not list postow2012 for 'postow'");
      });
      const text = await row.innerText();
      assert(/Postow MA, Callahan MK/.test(text) && /2012;366/.test(text), `the reference reads '${squash(text)}', not in Vancouver style`);
      await screenshot('insert-citation-vancouver');
      await p.keyboard.press('Escape');
    });

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
    await check('the Lexicon view lists the categories with their mention counts in review-section.md', async () => {
      const file = 'review-section.md';
      const mentions = cliMentions(path.join(workspace, file));
      const lex = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'lexicon.json'), 'utf8')) as Lexicon;
      await openFile(file);
      const p = ui();
      // A container with one view shows its name in the side bar's title, otherwise in a pane header.
      const title = p.locator('.part.sidebar .title-label, .part.sidebar .pane-header', { hasText: /lexicon/i }).first();
      // Clicking the activity bar item of the container already shown would hide the side bar.
      if (!(await title.isVisible())) await p.locator('.part.activitybar [aria-label^="OncoLex"]').first().click();
      await title.waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error('the OncoLex activity bar item shows no Lexicon view');
      });
      for (const c of CATEGORIES) {
        const entries = lex.entries.filter((e) => e.category === c).length;
        if (entries === 0) continue;
        const n = mentions.filter((m) => m.category === c).length;
        const expected = n > 0 ? `${entries} entries · ${n} mentions` : `${entries} entries`;
        const row = await sideBarTreeRow(categoryPluralLabel(c, 'en'));
        // The view recounts after it becomes visible (and debounced after edits).
        const end = Date.now() + 10_000;
        let desc = await rowDescription(row);
        while (desc !== expected && Date.now() < end) {
          await p.waitForTimeout(250);
          desc = await rowDescription(row);
        }
        assert(desc === expected, `category '${categoryPluralLabel(c, 'en')}' reads '${desc}', expected '${expected}' (the CLI's counts)`);
      }
    });

    await check('the Lexicon view: expanding drug shows pembrolizumab with its count; clicks walk through its mentions', async () => {
      const file = 'review-section.md';
      const e = lexiconEntry('pembrolizumab');
      const own = cliMentions(path.join(workspace, file)).filter((m) => m.id === e.id);
      assert(own.length >= 2, `the CLI finds ${own.length} mentions of ${e.id} in ${file}, the check needs two`);
      await openFile(file);
      // From the top of the document, the first click goes to the first mention, the next to the second.
      await goTo(1, 1);
      const p = ui();
      const category = await sideBarTreeRow(categoryPluralLabel(e.category, 'en'));
      if ((await category.getAttribute('aria-expanded')) !== 'true') await category.click();
      const row = await sideBarTreeRow(e.label.en);
      const expected = new RegExp(`^${own.length}( ·|$)`);
      const end = Date.now() + 10_000;
      let desc = await rowDescription(row);
      while (!expected.test(desc) && Date.now() < end) {
        await p.waitForTimeout(250);
        desc = await rowDescription(row);
      }
      assert(expected.test(desc), `the ${e.label.en} row reads '${desc}', expected its count ${own.length} first`);
      await screenshot('lexicon-view-drug-expanded');
      for (const [i, m] of own.slice(0, 2).entries()) {
        await row.click();
        await pollState(`click ${i + 1} on ${e.label.en} to select the mention at ${m.start}-${m.end}`, (x) =>
          x.activeEditor?.uri.endsWith(`/${file}`) === true && x.activeEditor.selection.start === m.start && x.activeEditor.selection.end === m.end, 10_000);
      }
    });

    await check("OncoLex: Show Term Card opens pembrolizumab's card (English, Chinese, evidence) in a webview", async () => {
      const e = lexiconEntry('pembrolizumab');
      assert(e.evidence.length > 0, `${e.id} has no evidence from the review`);
      await cursorOnFirstMention('review-section.md', e.id);
      await runCommand('OncoLex: Show Term Card');
      const p = ui();
      const tab = p.locator('.tab', { hasText: `${e.label.en} · ${e.label.zh}` }).first();
      const pick = p.locator('.quick-input-widget .monaco-list-row').first();
      await Promise.race([tab.waitFor({ timeout: 10_000 }), pick.waitFor({ timeout: 10_000 })]).catch(() => {
        throw new Error('neither a card nor a term picker appeared');
      });
      if (!(await tab.isVisible())) {
        // Without an argument the command lets the user pick the term: search, then the row's card button.
        console.log('     (the command opened a term picker, not the card of the term at the cursor)');
        await p.keyboard.type('pembro', { delay: 30 });
        const row = p.locator('.quick-input-widget .monaco-list-row', { hasText: new RegExp(e.label.en, 'i') }).first();
        await row.waitFor({ timeout: 8000 });
        await row.hover();
        await screenshot('show-term-card-picker');
        await row.locator('.action-label[aria-label="Open the term card"], .action-label[title="Open the term card"]').first().click({ timeout: 5000 }).catch(() => {
          throw new Error("the picker's row has no 'Open the term card' button");
        });
        await tab.waitFor({ timeout: 10_000 }).catch(() => {
          throw new Error(`no editor tab '${e.label.en} · ${e.label.zh}' after the card button`);
        });
      }
      const card = squash(await frameTextWith(e.label.zh));
      assert(card.toLowerCase().includes(e.label.en.toLowerCase()), `the card lacks the English name; it reads '${card.slice(0, 300)}'`);
      assert(card.includes('Evidence from the review'), `the card has no 'Evidence from the review'; it reads '${card.slice(0, 300)}'`);
      const ev = squash(e.evidence[0].sentence).slice(0, 12);
      assert(card.includes(ev), `the card lacks the first evidence sentence ('${ev}…')`);
    });
    await runCommand('View: Close All Editors').catch(() => undefined);

    await check("the 'Open card' link of pembrolizumab's hover opens its card", async () => {
      const e = lexiconEntry('pembrolizumab');
      await cursorOnFirstMention('review-section.md', e.id);
      await hoverAtCursor();
      const h = await waitHover((t) => t.includes('Open card'));
      assert(h.includes('Open card'), `the hover has no 'Open card' link; hover text: '${h.slice(0, 300)}'`);
      // A command link: it only works if the hover trusts the extension's own commands.
      await ui().locator('.monaco-hover a', { hasText: /^Open card$/ }).first().click({ timeout: 5000 });
      await ui().locator('.tab', { hasText: `${e.label.en} · ${e.label.zh}` }).first().waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error(`no editor tab '${e.label.en} · ${e.label.zh}' after clicking 'Open card'`);
      });
      const card = squash(await frameTextWith(e.label.zh));
      assert(card.includes('Evidence from the review'), `the card has no 'Evidence from the review'; it reads '${card.slice(0, 300)}'`);
    });
    await ui().mouse.move(5, 5);
    await runCommand('View: Close All Editors').catch(() => undefined);

    await check('hovering a \\cite key in paper.tex shows the formatted reference with its DOI link', async () => {
      const file = 'paper.tex';
      const key = 'antonia2017';
      const title = bibField(key, 'title');
      const doi = bibField(key, 'doi');
      assert(title && doi, `references.bib has no title or doi for ${key}`);
      const text = fs.readFileSync(path.join(workspace, file), 'utf8');
      const cite = new RegExp(`\\\\cite\\{[^}]*\\b${key}\\b`).exec(text);
      assert(cite, `${file} does not cite ${key}`);
      await openFile(file);
      const at = lineCol(text, cite.index + cite[0].length - key.length + 3);
      await goTo(at.line, at.col);
      await hoverAtCursor();
      const h = await waitHover((t) => t.includes(title));
      assert(h.includes(title), `no hover with the title '${title}'; hover text: '${h.slice(0, 300)}'`);
      assert(h.includes(key), `the hover does not name the key ${key}`);
      assert(h.includes(`doi:${doi}`), `the hover has no 'doi:${doi}'; hover text: '${h.slice(0, 400)}'`);
      const link = ui().locator('.monaco-hover a', { hasText: `doi:${doi}` }).first();
      const target = (await link.getAttribute('data-href')) ?? (await link.getAttribute('href')) ?? '';
      assert(target.toLowerCase() === `https://doi.org/${doi}`.toLowerCase(), `the DOI links to '${target}', not https://doi.org/${doi}`);
    });
    await ui().mouse.move(5, 5);

    await check('an abbreviation used before its definition gets the OncoLex hint, and the quick fix writes the first-use form', async () => {
      const typed = 'Tumours upregulate PD-L1 after RT.\n\nLater: programmed death-ligand 1 (PD-L1) binds PD-1.';
      const first = typed.indexOf('PD-L1');
      const fixed = `${typed.slice(0, first)}programmed death-ligand 1 (PD-L1)${typed.slice(first + 'PD-L1'.length)}`;
      await openFile(SCRATCH);
      const p = ui();
      await p.keyboard.type(typed, { delay: 10 });
      // This check's hint only: the manuscript checks report other codes on their own.
      const isHint = (d: { source?: string; message: string }) => d.source === 'OncoLex' && d.message.includes('is used before it is defined');
      const s = await pollState('the OncoLex hint', (x) => (x.activeEditor?.diagnostics ?? []).some(isHint), 15_000);
      const hints = (s.activeEditor?.diagnostics ?? []).filter(isHint);
      assert(s.activeEditor?.text === typed, `the document reads '${s.activeEditor?.text}', not what was typed`);
      assert(hints.length === 1, `expected one OncoLex hint, got ${hints.length}: ${hints.map((d) => d.message).join(' | ')}`);
      assert(hints[0].start === first && hints[0].end === first + 5, `the hint covers ${hints[0].start}-${hints[0].end}, not the first PD-L1 (${first}-${first + 5})`);
      await p.locator('.editor-instance .view-overlays .squiggly-info').first().waitFor({ state: 'attached', timeout: 5000 }).catch(() => {
        throw new Error('no information squiggle is painted');
      });
      await p.keyboard.press('Control+Shift+M');
      const problem = p.locator('.markers-panel .monaco-list-row', { hasText: 'is used before it is defined' }).first();
      await problem.waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error('the Problems panel lists no OncoLex hint');
      });
      const row = squash(await problem.innerText());
      assert(row.includes('PD-L1') && row.includes('OncoLex'), `the Problems row reads '${row}'`);
      await screenshot('abbreviation-hint-problems');
      const at = lineCol(typed, first + 2);
      await goTo(at.line, at.col);
      await hoverAtCursor();
      const h = await waitHover((t) => t.includes('is used before it is defined'));
      assert(h.includes('is used before it is defined'), `the hover on the first PD-L1 has no hint; hover text: '${h.slice(0, 300)}'`);
      await screenshot('abbreviation-hint-hover');
      await p.mouse.move(5, 5);
      await goTo(at.line, at.col);
      await p.keyboard.press('Control+.');
      const fix = p.locator('.action-widget .monaco-list-row', { hasText: 'Write the first-use form' }).first();
      await fix.waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error("Ctrl+. offers no 'Write the first-use form' quick fix");
      });
      const fixText = squash(await fix.innerText());
      assert(fixText.includes('programmed death-ligand 1 (PD-L1)'), `the quick fix reads '${fixText}'`);
      await screenshot('abbreviation-quick-fix-menu');
      // The keyboard, as Ctrl+. users do (and a pointer block covers the menu while it settles).
      const rows = await p.locator('.action-widget .monaco-list-row').count();
      for (let i = 0; i < rows && !((await fix.getAttribute('class')) ?? '').includes('focused'); i++) await p.keyboard.press('ArrowDown');
      await p.keyboard.press('Enter');
      const after = await pollState('the quick fix to apply and the hint to go', (x) =>
        x.activeEditor?.text === fixed && !(x.activeEditor.diagnostics ?? []).some(isHint), 10_000).catch((err: unknown) => {
        throw new Error(`after the quick fix: ${err instanceof Error ? err.message.slice(0, 400) : String(err)}`);
      });
      assert(after.activeEditor?.text === fixed, 'the quick fix did not write the first-use form');
    });
    await runCommand('File: Revert File').catch(() => undefined);
    await check('a brand name and a mixed spelling get their diagnostics; the brand fix applies and undoes; Export Abbreviations inserts an acro block', async () => {
      const typed = 'Keytruda was given. Programmed death-ligand 1 (PD-L1) rose; PDL1 and PD-L1 again.\n';
      await openFile(SCRATCH);
      const p = ui();
      await p.keyboard.type(typed, { delay: 5 });
      const isBrand = (d: { message: string }) => d.message.includes('is a brand name');
      const isMixed = (d: { message: string }) => d.message.includes('name the same thing');
      const s = await pollState('the brand-name and mixed-spelling diagnostics', (x) => (x.activeEditor?.diagnostics ?? []).some(isBrand) && (x.activeEditor?.diagnostics ?? []).some(isMixed), 15_000);
      assert(s.activeEditor?.text === typed, `the document reads '${s.activeEditor?.text}', not what was typed`);
      await p.keyboard.press('Control+Shift+M');
      await p.locator('.markers-panel .monaco-list-row', { hasText: 'is a brand name' }).first().waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error('the Problems panel lists no brand-name diagnostic');
      });
      await screenshot('manuscript-checks-problems');
      await goTo(1, 3);
      await p.keyboard.press('Control+.');
      const fix = p.locator('.action-widget .monaco-list-row', { hasText: 'pembrolizumab' }).first();
      await fix.waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error("Ctrl+. on Keytruda offers no fix naming pembrolizumab");
      });
      await screenshot('brand-name-quick-fix-menu');
      const rows = await p.locator('.action-widget .monaco-list-row').count();
      for (let i = 0; i < rows && !((await fix.getAttribute('class')) ?? '').includes('focused'); i++) await p.keyboard.press('ArrowDown');
      await p.keyboard.press('Enter');
      // The fix writes the generic name; the diagnostic goes once the checks run again (after a pause).
      await pollState('the brand-name fix to apply and its diagnostic to go', (x) => /^pembrolizumab/i.test(x.activeEditor?.text ?? '') && !(x.activeEditor?.diagnostics ?? []).some(isBrand), 10_000);
      await p.keyboard.press('Control+Z');
      await pollState('undo to bring the brand name back', (x) => x.activeEditor?.text === typed, 10_000);
      await p.keyboard.press('Control+End');
      await runCommand('OncoLex: Export Abbreviations');
      await p.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
      await p.keyboard.type('LaTeX acro', { delay: 20 });
      await p.keyboard.press('Enter');
      await p.locator('.quick-input-widget .monaco-list-row', { hasText: 'Insert at the cursor' }).first().waitFor({ timeout: 10_000 });
      await p.keyboard.type('Insert', { delay: 20 });
      await p.keyboard.press('Enter');
      const exported = await pollState('the acro block to be inserted', (x) => (x.activeEditor?.text ?? '').includes('\\DeclareAcronym{'), 10_000);
      assert(/long = \{[Pp]rogrammed death-ligand 1\}/.test(exported.activeEditor?.text ?? ''), `the inserted block reads '${(exported.activeEditor?.text ?? '').slice(typed.length, typed.length + 200)}'`);
      await screenshot('export-abbreviations-acro');
    });
    await runCommand('File: Revert File').catch(() => undefined);
    await check('OncoLex: Build Lexicon from This Document mines a review; once saved, a new term is highlighted and its hover shows the review’s evidence', async () => {
      const target = path.join(workspace, 'minibeam-review.oncolex.json');
      fs.rmSync(target, { force: true });
      await openFile('minibeam-review.md');
      await runCommand('OncoLex: Build Lexicon from This Document');
      const p = ui();
      await p.locator('.tab.active', { hasText: 'minibeam-review.oncolex.json' }).waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error('the command opened no minibeam-review.oncolex.json');
      });
      await screenshot('mined-lexicon-unsaved');
      await p.keyboard.press('Control+S');
      // An untitled file with a path is saved there; should a save dialog ask, accept the proposed path.
      const end = Date.now() + 15_000;
      while (!fs.existsSync(target)) {
        if (Date.now() > end) throw new Error('saving wrote no minibeam-review.oncolex.json');
        if (await p.locator('.quick-input-widget input').isVisible().catch(() => false)) await p.keyboard.press('Enter');
        await p.waitForTimeout(300);
      }
      try {
        await openFile('minibeam-review.md');
        const phrase = 'pMBRT produced abscopal';
        const box = await findOnScreen(phrase);
        const until = Date.now() + 20_000;
        let hover = '';
        while (Date.now() < until && !squash(hover).includes('from minibeam-review.md')) {
          // The workspace lexicon is reloaded a moment after the save: move away and back to ask again.
          await p.mouse.move(box.x + 10, box.y - 60);
          await p.mouse.move(box.x + 10, box.y + box.height / 2, { steps: 5 });
          await p.waitForTimeout(700);
          hover = await visibleHoverText();
        }
        const h = squash(hover);
        assert(h.includes('from minibeam-review.md, §1'), `the hover over pMBRT shows no evidence from the review: '${h.slice(0, 400)}'`);
        assert(h.includes('Proton minibeam radiotherapy'), `the hover lacks the mined name: '${h.slice(0, 300)}'`);
        await screenshot('mined-term-hover');
      } finally {
        fs.rmSync(target, { force: true });
      }
    });
    await ui().mouse.move(5, 5);
    await runCommand('View: Close All Editors').catch(() => undefined);

    // One visual signal: a mention is marked by its decoration only, in a dark and a light theme.
    // The panel an earlier check opened would hide half of the editor in the screenshots.
    await runCommand('View: Hide Panel').catch(() => undefined);
    for (const f of PAINT_LINES) {
      await check(`${f.file}: no OncoLex TextMate scope on a mention (Inspect Editor Tokens and Scopes)`, async () => {
        const { line, lineStart, mentions } = paintLine(f);
        await openFile(f.file);
        await goTo(line, mentions[0].start - lineStart + 2);
        await runCommand('Developer: Inspect Editor Tokens and Scopes');
        const widget = ui().locator('.token-inspect-widget').first();
        await widget.waitFor({ timeout: 10_000 }).catch(() => {
          throw new Error('the token inspector did not open');
        });
        const text = squash(await widget.innerText());
        assert(/textmate scopes/i.test(text), `the token inspector shows no TextMate scopes: '${text.slice(0, 300)}'`);
        assert(!/oncolex/i.test(text), `'${mentions[0].text}' has an OncoLex scope: '${text.slice(0, 300)}'`);
        await ui().keyboard.press('Escape');
      });
    }
    for (const theme of THEMES) {
      await check(`colour theme '${theme.name}' applies`, async () => {
        await runCommand('Preferences: Color Theme');
        await ui().locator('.quick-input-widget input').fill(theme.name);
        // Click the row: Enter could pick 'Browse Additional Color Themes…' before the filter runs.
        await (await quickInputRow(theme.name)).click();
        await ui().locator(`.monaco-workbench.${theme.kind}`).first().waitFor({ timeout: 10_000 }).catch(() => {
          throw new Error(`the workbench is not '${theme.kind}' after choosing '${theme.name}'`);
        });
      });
      for (const f of PAINT_LINES) {
        await check(`${theme.label} theme, ${f.file} line ${paintLineNumber(f)}: mentions are underlined in a contrasting colour, their text and the prose around keep the theme's text colour`, async () => {
          await assertOneSignal(f);
        });
      }
    }
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
