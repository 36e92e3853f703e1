/**
 * The language server as a client sees it: `node dist/cli.js lsp` spawned and driven over stdio JSON-RPC
 * (initialize → didOpen → diagnostics, hover, completion, code action, semantic tokens). `npm test` builds
 * dist/ before the unit tests.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { MessageConnection } from 'vscode-languageserver/node';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, InitializeResult, SemanticTokens } from 'vscode-languageserver';
import { TOKEN_TYPES } from '../../src/core/service/semanticTokens';
import { settingsFrom } from '../../src/core/settings';

const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-lsp-'));
fs.writeFileSync(path.join(dir, 'refs.bib'), '@article{smith2020abscopal,\n  title = {Abscopal responses after SBRT},\n  author = {Smith, Jane},\n  year = {2020}\n}\n');
fs.writeFileSync(
  path.join(dir, 'lab.oncolex.json'),
  JSON.stringify({ entries: [{ id: 'flash-rt', category: 'concept', label: { en: 'FLASH radiotherapy', zh: 'FLASH 放疗' }, abbreviations: ['FLASH-RT'], definition: 'Radiotherapy at ultra-high dose rates.' }] }),
);
const uri = pathToFileURL(path.join(dir, 'paper.md')).href;
const text = 'PD-L1 is up after FLASH-RT.\n\nPembrolizumab blocks PD-1. Later: programmed death-ligand 1 (PD-L1) binds PD-1 [@';

function positionOf(needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle) + delta;
  const before = text.slice(0, at);
  return { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 };
}

describe('oncolex lsp (stdio JSON-RPC)', () => {
  let conn: MessageConnection;
  let child: ReturnType<typeof spawn>;
  let stderr = '';
  let gotDiagnostics: (ds: Diagnostic[]) => void = () => undefined;
  const diagnostics = new Promise<Diagnostic[]>((resolve) => (gotDiagnostics = resolve));
  before(() => {
      assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build`);
      child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
      conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
        if (p.uri === uri && p.diagnostics.length > 0) gotDiagnostics(p.diagnostics);
      });
      conn.onRequest('workspace/configuration', () => [{ diagnostics: { abbreviations: true }, displayLanguage: 'en' }]);
      conn.onRequest('workspace/semanticTokens/refresh', () => null);
      conn.onNotification('window/logMessage', () => undefined);
      conn.listen();
  });

  after(async () => {
    if (!conn) return;
    await conn.sendRequest('shutdown').catch(() => undefined);
    await conn.sendNotification('exit').catch(() => undefined);
    conn.dispose();
    await new Promise((r) => setTimeout(r, 100));
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('initializes with hover, completion, code actions and the semantic token legend', async () => {
    const init = await conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'paper' }],
      capabilities: { workspace: { configuration: true }, textDocument: { semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] } } },
    });
    assert.equal(init.capabilities.hoverProvider, true);
    assert.deepEqual(init.capabilities.semanticTokensProvider?.legend.tokenTypes, TOKEN_TYPES);
    assert.deepEqual(TOKEN_TYPES, ['immuneCell', 'molecule', 'drug', 'tumor', 'concept', 'trial', 'outcome']);
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  });

  it('publishes the abbreviation hint and offers its quick fix', async () => {
    const ds = await diagnostics;
    assert.equal(ds.length, 1, JSON.stringify(ds));
    assert.deepEqual(ds[0].range.start, { line: 0, character: 0 });
    assert.match(String(ds[0].message), /“PD-L1” is used before it is defined \(line 3\)/);
    const actions = await conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: ds[0].range, context: { diagnostics: ds } });
    assert.equal(actions.length, 1);
    const edit = actions[0].edit!.changes![uri][0];
    assert.match(edit.newText, /\(PD-L1\)$/);
    assert.deepEqual(edit.range, ds[0].range);
  });

  it('hovers a term with its card in Markdown', async () => {
    const hover = await conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf('Pembrolizumab', 3) });
    const value = (hover.contents as { kind: string; value: string }).value;
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    assert.match(value, /^\*\*pembrolizumab\*\* · 帕博利珠单抗/);
    assert.match(value, /\*\*Targets:\*\* PD-1/);
    assert.doesNotMatch(value, /command:/, 'no command links outside VS Code');
    assert.deepEqual(hover.range?.start, positionOf('Pembrolizumab'));
  });

  it('knows the workspace lexicon’s entries', async () => {
    const hover = await conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf('FLASH-RT', 2) });
    assert.match((hover.contents as { value: string }).value, /FLASH radiotherapy/);
  });

  it('completes citation keys from the workspace .bib files first', async () => {
    const list = await conn.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf('[@', 2) });
    const items = list.items;
    assert.ok(items.length > 1);
    const mine = items.find((i) => i.label === 'smith2020abscopal');
    assert.ok(mine, 'the .bib entry is offered');
    assert.ok(items.every((i) => i.sortText! >= mine.sortText!), 'workspace references sort first');
    // The details come on request (completionItem/resolve), not with every item of the list.
    assert.equal(mine.documentation, undefined);
    const resolved = await conn.sendRequest<CompletionItem>('completionItem/resolve', mine);
    assert.match((resolved.documentation as { value: string }).value, /Abscopal responses after SBRT/);
  });

  it('marks the mentions as semantic tokens by category', async () => {
    const tokens = await conn.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.equal(tokens.data.length % 5, 0);
    assert.ok(tokens.data.length / 5 >= 5, JSON.stringify(tokens.data));
    // The third line starts with Pembrolizumab, a drug.
    let line = 0;
    let found = false;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      const char = tokens.data[i] === 0 && i > 0 ? -1 : tokens.data[i + 1];
      if (line === 2 && char === 0) {
        assert.equal(TOKEN_TYPES[tokens.data[i + 3]], 'drug');
        assert.equal(tokens.data[i + 2], 'Pembrolizumab'.length);
        found = true;
      }
    }
    assert.ok(found, stderr);
  });
});

describe('settings from other editors', () => {
  it('reads nested and dotted keys, keeps defaults for wrong types, merges object settings', () => {
    const s = settingsFrom({ highlight: { enabled: false, categories: { drug: false } }, 'diagnostics.abbreviations': false, displayLanguage: 3 });
    assert.equal(s['highlight.enabled'], false);
    assert.equal(s['highlight.categories'].drug, false);
    assert.equal(s['highlight.categories'].molecule, true);
    assert.equal(s['diagnostics.abbreviations'], false);
    assert.equal(s.displayLanguage, 'auto');
  });
});
