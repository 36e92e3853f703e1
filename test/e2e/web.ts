// The web extension in the browser: a code-server run whose extensions folder holds only the web-only
// variant of the .vsix (test/e2e/web-variant.mjs: `browser` entry, no `main`), so VS Code can only run
// dist/web.js, in the web worker extension host of the page, as vscode.dev does. No runner extension here
// (it would run in the Node extension host, which cannot see the worker's extensions): the checks read the
// screen only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { assertCitationHover, assertHoverCard, assertOneSignal } from './editor-checks';
import type { Server } from './harness';
import {
  DECORATION, assert, cache, check, cliMentions, closePage, openFile, openWorkbench, pollText, runCommand, screenshot, setPage, squash,
  startServer, stopServer, tally, ui, visibleDecorations, waitStatus, workspace,
} from './harness';

/** Where e2e.sh installed the web-only variant, and nothing else. */
const webExtensionsDir = process.env.ONCOLEX_E2E_WEB_EXTENSIONS ?? path.join(cache, 'extensions-web');
const FILE = 'review-section.md';
/** A line that starts with a checkpoint inhibitor and holds several other mentions. */
const PHRASE = 'Pembrolizumab and nivolumab block';

interface InstalledManifest {
  displayName: string;
  main?: string;
  browser?: string;
}

/** The manifest of the one extension installed for the web run; fails unless it is the web-only variant. */
function installedWebVariant(): InstalledManifest {
  const dirs = fs.readdirSync(webExtensionsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  assert(dirs.length === 1 && dirs[0].startsWith('oncolex.oncolex-'), `${webExtensionsDir} holds ${dirs.join(', ') || 'nothing'}, not just the web variant`);
  const pkg = JSON.parse(fs.readFileSync(path.join(webExtensionsDir, dirs[0], 'package.json'), 'utf8')) as InstalledManifest;
  assert(pkg.main === undefined, `the installed web variant has a 'main' (${pkg.main})`);
  assert(pkg.browser, "the installed web variant has no 'browser' entry");
  assert(!fs.existsSync(path.join(webExtensionsDir, dirs[0], 'dist', 'extension.js')), 'the installed web variant ships dist/extension.js');
  return pkg;
}

export async function webPhase(browser: Browser): Promise<void> {
  let server: Server | undefined;
  try {
    const variant = installedWebVariant();
    server = await startServer('web', {}, webExtensionsDir);
    const url = server.url;
    const started = await check(`web only: code-server starts with only '${variant.displayName}' installed (browser entry, no main)`, async () => {
      setPage(await openWorkbench(browser, url));
    }, true);
    if (!started) return;

    await check(`web only: ${FILE}: decorations are painted and the status bar shows the CLI's count`, async () => {
      const n = cliMentions(path.join(workspace, FILE)).length;
      assert(n > 0, `the CLI finds no mentions in ${FILE}`);
      await openFile(FILE);
      await ui().locator(DECORATION).first().waitFor({ timeout: 20_000 }).catch(() => {
        throw new Error(`no decoration is painted in ${FILE} within 20 s (did the web extension activate?)`);
      });
      assert((await visibleDecorations()) > 0, 'no decoration elements in the editor');
      await waitStatus(`OncoLex: ${n}`);
    }, true);
    await check(`web only: ${FILE}, the line '${PHRASE}…': every mention, Pembrolizumab first, is underlined and nothing else`, async () => {
      await assertOneSignal({ file: FILE, phrase: PHRASE });
    });
    await check('web only: hovering Pembrolizumab shows its card (English, Chinese, definition, evidence)', async () => {
      await assertHoverCard(FILE, PHRASE);
    });
    await ui().mouse.move(5, 5);
    await check('web only: hovering [@postow2012] in review-section.md shows the reference from references.bib with its DOI link', async () => {
      await assertCitationHover(FILE, 'postow2012');
    });
    await ui().mouse.move(5, 5);
    // Its log (the Output channel 'OncoLex', opened by OncoLex: Show Log): activated on the web, and the
    // matcher made from the tables bundled in dist/web.js, not built in the browser.
    await check('web only: OncoLex: Show Log says it activated on the web, loaded the matcher from its built tables and read references.bib, with no error', async () => {
      await runCommand('OncoLex: Show Log');
      const output = ui().locator('.part.panel .monaco-editor .view-lines').first();
      const text = await pollText(
        async () => squash(await output.innerText().catch(() => '')),
        (t) => /loaded from its built tables/.test(t) && /references\.bib: \d+ entries/.test(t),
        10_000,
      );
      console.log(`     (log: '${(/matcher for [^.]*? ms/.exec(text) ?? [text.slice(0, 200)])[0]}')`);
      assert(/activated \(web\)/.test(text), `the log does not say 'activated (web)': '${text.slice(0, 300)}'`);
      assert(/matcher for the built-in lexicon: \d+ forms, loaded from its built tables in \d+ ms/.test(text), `the log does not say the matcher was loaded from its built tables: '${text.slice(0, 400)}'`);
      // The workspace's bibliography was read through vscode.workspace.fs, and nothing failed.
      assert(/citations: read (\S*\/)?references\.bib: \d+ entries, 0 errors/.test(text), `the log does not say references.bib was read: '${text.slice(0, 400)}'`);
      assert(!/\[error\]/.test(text), `the log has an error: '${text.slice(text.indexOf('[error]'), text.indexOf('[error]') + 300)}'`);
    });

    // The proof that the worker runs it: VS Code marks an extension of the web worker host '$(globe) web
    // worker' in this editor, and one of the Node extension host '$(remote) <host>'; 'Activation: N ms' once
    // it has activated.
    await check(`web only: Developer: Show Running Extensions lists '${variant.displayName}' as activated in the web worker`, async () => {
      await runCommand('Developer: Show Running Extensions');
      const row = ui().locator('.runtime-extensions-editor .monaco-list-row', { hasText: variant.displayName }).first();
      await row.waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error(`Running Extensions does not list '${variant.displayName}'`);
      });
      const text = squash(await row.innerText());
      console.log(`     (Running Extensions: '${text}')`);
      assert(/web worker/i.test(text), `'${variant.displayName}' is not marked as running in the web worker: '${text}'`);
      assert(/Activation: \d+\s*ms/.test(text), `'${variant.displayName}' shows no activation time (not activated?): '${text}'`);
    });
    // The other side: the server's Node extension host, which runs the desktop build in the UI run (its log
    // then reads 'ExtensionService#_doActivateExtension oncolex.oncolex'), never activated this one.
    const logs = path.join(server.userData, 'logs');
    await check('web only: the Node extension host of the server did not activate OncoLex (remoteexthost.log)', async () => {
      const files = fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('remoteexthost.log'));
      assert(files.length > 0, `no remoteexthost.log under ${logs}`);
      for (const f of files) {
        const line = fs.readFileSync(path.join(logs, f), 'utf8').split('\n').find((l) => /_doActivateExtension oncolex\.oncolex[,\s]/.test(l));
        assert(!line, `the Node extension host activated OncoLex: '${line}'`);
      }
    });
  } catch (err) {
    tally.failed++;
    console.log(`FAIL web only: ${err instanceof Error ? err.message : String(err)}`);
    await screenshot('FAILED-web-only');
  } finally {
    await closePage();
    await stopServer(server);
  }
}
