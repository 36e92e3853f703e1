// End-to-end test in a real VS Code: code-server 4.100.0 driven by headless Chromium.
// Run through scripts/e2e.sh (`npm run test:e2e`), which builds, packages and installs the extension and
// the runner extension first. Prints one PASS/FAIL line per check and ends with `N passed, N failed`.
//
// Three server runs: the first runs the integration suite inside the extension host (the runner extension
// reads ONCOLEX_INTEGRATION_SUITE), the second drives the UI like a user. Separate runs keep the suite's
// edits and toggles out of the UI checks. The third (test/e2e/web.ts) runs the web-only variant of the
// extension in the browser's web worker extension host.
//
// While working on one check: ONCOLEX_E2E_SKIP_INTEGRATION=1 skips the first run, ONCOLEX_E2E_SKIP_WEB=1 the
// third, and ONCOLEX_E2E_ONLY=<regex> runs only the UI checks whose names match (checks that rely on an
// earlier check's state may then fail). A full run sets none.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { categoryPluralLabel } from '../../src/core/cards/card';
import type { Lexicon } from '../../src/core/lexicon/lexicon';
import { CATEGORIES } from '../../src/core/lexicon/lexicon';
import type { E2eState } from '../e2e-runner-extension/src/extension';
import type { PaintLine } from './editor-checks';
import { assertCorpusGrammar, CORPUS_FILES } from './corpus-checks';
import { assertCitationHover, assertGeneratedHoverCard, assertRegistryHoverCard, assertHoverCard, assertOneSignal, paintLine, paintLineNumber } from './editor-checks';
import type { Server } from './harness';
import {
  DECORATION, assert, cache, check, chromiumPath, cliMentions, closePage, entry, findCommand, findOnScreen, frameTextWith,
  goTo, hoverAtCursor, hoverUntil, lexiconEntry, lineCol, openFile, openWorkbench, quickInputRow, root, rowDescription, runCommand,
  screenshot, setPage, shots, sideBarTreeRow, squash, startServer, stopServer, tally, ui, visibleDecorations,
  visibleHoverText, waitHover, waitStatus, workspace,
} from './harness';
import type { SuiteResults } from '../integration/index';
import { webPhase } from './web';

/** A Markdown file the checks type into, in the workspace copy (never in the committed examples/). */
const SCRATCH = 'e2e-scratch.md';

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

// ---------------------------------------------------------------------------------------------- one visual signal

/**
 * Prose lines with several mentions, one per example, found by a phrase. The Chinese one is line 13 of
 * zh-review.md, where the former TextMate grammar coloured the text from 'T 细胞' to the end of the line.
 */
const PAINT_LINES: PaintLine[] = [
  { file: 'zh-review.md', phrase: '这种效应依赖 T 细胞' },
  { file: 'review-section.md', phrase: 'Experimental work showed' },
  { file: 'paper.tex', phrase: 'Immune checkpoint inhibitors that target PD-1' },
];

const THEMES = [
  { name: 'Default Dark Modern', kind: 'vs-dark', label: 'dark' },
  { name: 'Default Light Modern', kind: 'vs', label: 'light' },
];

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
    setPage(await openWorkbench(browser, server.url));
    const end = Date.now() + 240_000;
    while (!fs.existsSync(results) && Date.now() < end) await ui().waitForTimeout(500);
    await ui().waitForTimeout(200);
    await screenshot('integration-suite-finished');
  } catch (err) {
    tally.failed++;
    console.log(`FAIL integration: code-server run: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await closePage();
    await stopServer(server);
  }
  if (!fs.existsSync(results)) {
    tally.failed++;
    console.log('FAIL integration: the suite wrote no results within 240 s (see .e2e-cache/logs/code-server-integration.log)');
    return;
  }
  const r = JSON.parse(fs.readFileSync(results, 'utf8')) as SuiteResults;
  for (const t of r.tests) {
    if (t.state === 'passed') {
      tally.passed++;
      console.log(`PASS integration: ${t.title} (${t.durationMs} ms)`);
    } else {
      tally.failed++;
      console.log(`FAIL integration: ${t.title}: ${(t.error ?? '').split('\n').slice(0, 6).join('\n     ')}`);
    }
  }
  if (r.tests.length === 0) {
    tally.failed++;
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
      setPage(await openWorkbench(browser, url));
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

    for (const f of CORPUS_FILES) {
      await check(`${f.file} opens as ${f.language}, its grammar colours its columns (${f.scope})`, async () => {
        await assertCorpusGrammar(f);
      });
      await ui().keyboard.press('Escape');
    }

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
      await assertHoverCard('review-section.md', 'Pembrolizumab and nivolumab block');
    });
    await ui().mouse.move(5, 5);

    // A Quarto manuscript: its title and abstract (front matter) are prose and marked, its paths and
    // affiliations are not; ontology-tier terms (osteosarcoma, Langerhans cells, ZAP70) are marked as well.
    const qmd = 'osteosarcoma-protocol.qmd';
    await check(`${qmd}: front-matter prose and ontology-tier terms are decorated, as many as the CLI finds`, async () => {
      const ms = cliMentions(path.join(workspace, qmd));
      const text = fs.readFileSync(path.join(workspace, qmd), 'utf8');
      const fmEnd = text.indexOf('\n---', 4);
      assert(ms.some((m) => m.end <= fmEnd && m.text === 'osteosarcoma'), 'the CLI marks nothing in the title or abstract');
      for (const off of [text.indexOf('references.bib'), text.indexOf('Radiation Oncology')]) {
        assert(!ms.some((m) => m.start <= off && off < m.end), `the CLI marks a front-matter value that is not prose ('${text.slice(off, off + 20)}')`);
      }
      await openFile(qmd);
      const s = await pollState(`${ms.length} decorations in ${qmd}`, (x) => x.editors.some((e) => e.fileName.endsWith(`/${qmd}`) && e.decorated === ms.length));
      assert(s.editors.some((e) => e.fileName.endsWith(`/${qmd}`) && e.languageId === 'quarto'), `${qmd} did not open as Quarto`);
    });
    await check('hovering osteosarcoma (Disease Ontology tier) shows its source, identifier and licence', async () => {
      await assertGeneratedHoverCard(qmd, 'osteosarcoma respond');
    });
    await ui().mouse.move(5, 5);
    await check('hovering a trial registry number the lexicon does not list (NCT02301039) names the registry and links to its page', async () => {
      await assertRegistryHoverCard(qmd, 'NCT02301039)', 'ClinicalTrials.gov', 'https://clinicaltrials.gov/study/NCT02301039');
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
    await check("OncoLex: Search Terms with 'pbl' (pinyin initials) offers 帕博利珠单抗 first", async () => {
      const p = ui();
      await runCommand('OncoLex: Search Terms');
      await p.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
      await p.keyboard.type('pbl', { delay: 30 });
      // The list follows the keystrokes a moment later ('pb' first lists PBMC): wait for the answer to 'pbl'.
      const first = p.locator('.quick-input-widget .monaco-list-row').first();
      const end = Date.now() + 8000;
      let firstText = await first.innerText().catch(() => '');
      while (!firstText.includes('帕博利珠单抗') && Date.now() < end) {
        await p.waitForTimeout(200);
        firstText = await first.innerText().catch(() => '');
      }
      assert(firstText.includes('帕博利珠单抗') && /pembrolizumab/i.test(firstText), `the first result is '${squash(firstText)}', not pembrolizumab · 帕博利珠单抗`);
      await screenshot('search-terms-pbl');
      await p.keyboard.press('Escape');
    });
    await check("OncoLex: Search Terms says when no term fits ('kubernetes') and offers the Lexicon view", async () => {
      const p = ui();
      await runCommand('OncoLex: Search Terms');
      await p.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
      await p.keyboard.type('kubernetes', { delay: 20 });
      await p.locator('.quick-input-widget .quick-input-title', { hasText: 'no term fits “kubernetes”' }).waitFor({ timeout: 8000 }).catch(() => {
        throw new Error("Search Terms does not say that no term fits 'kubernetes'");
      });
      const rows = squash(await p.locator('.quick-input-widget .monaco-list').first().innerText());
      assert(rows.includes('Browse the terms by category in the Lexicon view'), `the picker offers '${rows}'`);
      await screenshot('search-terms-nothing-fits');
      await p.keyboard.press('Escape');
    });
    await check("the Lexicon view's filter ranks the terms with the same search ('xdl' → sintilimab)", async () => {
      const p = ui();
      await runCommand('OncoLex: Filter the Lexicon View');
      await p.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
      await p.keyboard.type('xdl', { delay: 30 });
      await p.keyboard.press('Enter');
      await sideBarTreeRow('sintilimab');
      await screenshot('lexicon-view-filter-xdl');
      await runCommand('OncoLex: Clear the Lexicon Filter');
    });
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
      await assertCitationHover('paper.tex', 'antonia2017');
    });
    await ui().mouse.move(5, 5);

    await check('the hover formats a reference in the document’s style: GB/T 7714 in the Chinese review (et al. for a Western reference), APA by the front matter’s csl (et al. for `and others`, no “& et al.”)', async () => {
      const zh = fs.readFileSync(path.join(workspace, 'zh-review.md'), 'utf8');
      const at = lineCol(zh, zh.indexOf('@demaria2004') + 3);
      await openFile('zh-review.md');
      await goTo(at.line, at.col);
      await hoverAtCursor();
      const gb = await waitHover((t) => t.includes('DEMARIA S'));
      assert(gb.includes('DEMARIA S, NG B, DEVITT M L, et al.'), `the GB/T 7714 reference reads '${gb.slice(0, 500)}'`);
      await screenshot('citation-hover-gbt7714');
      await ui().mouse.move(5, 5);
      const typed = '---\ncsl: apa.csl\nbibliography: references.bib\n---\n\nSee @postow2012 here.\n';
      await openFile(SCRATCH);
      const p = ui();
      // The @ opens the citation completions: wait for them, as a user does, before typing on. Typed in one go,
      // the list opened by the @ can arrive after the last line, where it would swallow the keys that follow.
      const afterAt = typed.indexOf('@') + 1;
      await p.keyboard.type(typed.slice(0, afterAt), { delay: 5 });
      await p.locator('.editor-widget.suggest-widget.visible').waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error('typing @ in the front-matter document opened no completion list');
      });
      await p.keyboard.type('postow2012', { delay: 5 });
      await p.keyboard.press('Escape');
      await p.keyboard.type(typed.slice(afterAt + 'postow2012'.length), { delay: 5 });
      const pos = lineCol(typed, typed.indexOf('@postow2012') + 3);
      await goTo(pos.line, pos.col);
      const apa = await hoverUntil((t) => t.includes('Postow, M. A.'));
      assert(apa.includes('Postow, M. A., Callahan, M. K., Barker, C. A., et al. (2012)') && !apa.includes('& et al.'), `the APA reference reads '${apa.slice(0, 500)}'`);
      await screenshot('citation-hover-apa');
      await p.mouse.move(5, 5);
    });
    await runCommand('File: Revert File').catch(() => undefined);
    await check('typing a citation fast (5 ms a key): the list the @ opens closes with the key, none is left open, and the text is what was typed', async () => {
      const typed = '---\nbibliography: references.bib\n---\n\nSee @postow2012 here.\n';
      await openFile(SCRATCH);
      const p = ui();
      await p.keyboard.type(typed, { delay: 5 });
      // A list opened late (by a round trip to the extension host) would show up at the end, on the last line.
      await p.waitForTimeout(1500);
      const open = await p.locator('.editor-widget.suggest-widget.visible').isVisible();
      if (open) await screenshot('fast-typing-stray-suggest-list');
      assert(!open, 'a completion list is open after the typing ended');
      await pollState('the document to read what was typed', (x) => x.activeEditor?.text === typed, 10_000);
    });
    await runCommand('File: Revert File').catch(() => undefined);
    await check('an abbreviation used before its definition gets the OncoLex hint, and the quick fix writes the first-use form, capitalised at the sentence start, and drops the later definition in the same edit', async () => {
      const typed = 'Tumours respond. PD-L1 rises after RT.\n\nLater: programmed death-ligand 1 (PD-L1) binds PD-1.';
      const first = typed.indexOf('PD-L1');
      const fixed = 'Tumours respond. Programmed death-ligand 1 (PD-L1) rises after RT.\n\nLater: programmed death-ligand 1 binds PD-1.';
      await openFile(SCRATCH);
      const p = ui();
      await p.keyboard.type(typed, { delay: 10 });
      // This check's hint only: the manuscript checks report other codes on their own.
      const isHint = (d: { source?: string; message: string }) => d.source === 'OncoLex' && d.message.includes('is used before it is defined');
      // While it is typed, the bracket VS Code closes by itself makes `(PD)` for a moment, a definition of PD
      // whose hint is on the PD of the first PD-L1: wait for the typed text and the hint on PD-L1.
      const s = await pollState('the OncoLex hint on PD-L1', (x) => x.activeEditor?.text === typed && (x.activeEditor?.diagnostics ?? []).some((d) => isHint(d) && d.message.includes('“PD-L1”')), 15_000);
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
      assert(fixText.includes('Programmed death-ligand 1 (PD-L1)'), `the quick fix reads '${fixText}'`);
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
      await screenshot('abbreviation-quick-fix-applied');
      // One undoable edit: one undo brings back what was typed.
      await p.keyboard.press('Control+Z');
      await pollState('one undo to bring the typed text back', (x) => x.activeEditor?.text === typed, 10_000);
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
    tally.failed++;
    console.log(`FAIL ui: ${err instanceof Error ? err.message : String(err)}`);
    await screenshot('FAILED-ui');
  } finally {
    await closePage();
    await stopServer(server);
  }
}

/** Runs one server run and prints how long it took, so that the cost of each run stays visible. */
async function timedPhase(name: string, run: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  await run();
  console.log(`[e2e] ${name}: ${Math.round((Date.now() - t0) / 1000)} s`);
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
    if (process.env.ONCOLEX_E2E_SKIP_INTEGRATION !== '1') await timedPhase('integration run', () => integrationPhase(browser));
    await timedPhase('UI run', () => uiPhase(browser));
    if (process.env.ONCOLEX_E2E_SKIP_WEB !== '1') await timedPhase('web-only run', () => webPhase(browser));
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${path.relative(root, shots)}/`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exitCode = tally.failed > 0 || tally.passed === 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.log(`FAIL e2e run: ${err instanceof Error ? err.stack : String(err)}`);
  console.log(`${tally.passed} passed, ${tally.failed + 1} failed`);
  process.exit(1);
});
