/**
 * Regression tests for the drift bugs of issue 21 (each host assembling a feature itself) and the language
 * server's protocol bugs of issue 25: `oncolex cite` reads the CSL-JSON `oncolex bib` lists; the server
 * publishes every code with its quick fixes, answers nothing before `initialize` or after `shutdown`, and
 * keys its cache on the text; each capability is defined in one place.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { MessageConnection } from 'vscode-languageserver/node';
import type { CodeAction, CompletionList, Diagnostic, Hover } from 'vscode-languageserver';
import { main } from '../../src/cli/main';
import { BibliographyIndex } from '../../src/core/citations/bibliography/keyIndex';
import { readBibliography } from '../../src/core/citations/bibliography/read';
import { CitationIndex } from '../../src/core/citations/citationIndex';
import { citationSyntaxFor } from '../../src/core/citations/citationSyntax';
import { DOCUMENT_LANGUAGES, EDITOR_LANGUAGES } from '../../src/core/text/documentLanguages';
import { languageOf } from '../../src/core/text/regions';
import { computeCitationCompletions, resolveCitationCompletion } from '../../src/core/service/completion';
import { COMPLETION_LIMIT } from '../../src/core/service/constants';
import { textDocument } from '../../src/core/service/document';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const ROOT = path.resolve(__dirname, '../..');
const cli = path.join(ROOT, 'dist', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-engine-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const csl = path.join(dir, 'refs.json');
fs.writeFileSync(
  csl,
  JSON.stringify([
    { id: 'Postow2012', type: 'article-journal', title: 'Immunologic correlates of the abscopal effect in a patient with melanoma', author: [{ family: 'Postow', given: 'Michael A.' }], 'container-title': 'N Engl J Med', issued: { 'date-parts': [[2012]] }, volume: '366', page: '925-931' },
  ]),
);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('one bibliography reader for every command', () => {
  it('oncolex cite --bib refs.json finds the key oncolex bib refs.json lists (any case)', async () => {
    const listed = JSON.parse((await run('bib', csl)).out) as { files: { entries: { key: string }[] }[] };
    assert.deepEqual(listed.files[0].entries.map((e) => e.key), ['Postow2012']);
    const cited = await run('cite', '--bib', csl, 'postow2012');
    assert.equal(cited.err, '');
    assert.equal(cited.code, 0);
    assert.match(cited.out, /^1\. Postow MA\. Immunologic correlates of the abscopal effect in a patient with melanoma\. N Engl J Med\. 2012;366:925/);
  });

  it('oncolex check resolves the same key through the same index', async () => {
    const doc = path.join(dir, 'cites.md');
    fs.writeFileSync(doc, 'As reported [@postow2012] and [@nobody2020].\n');
    const r = await run('check', '--bib', csl, doc);
    assert.deepEqual(r.out.trim().split('\n'), [`${doc}:1:33 undefined-citation Citation key 'nobody2020' is not defined in any bibliography.`]);
  });

  it('the index: first entry of a key wins, every reference kept, a broken entry named', () => {
    const index = new BibliographyIndex([
      { file: 'a.bib', result: readBibliography('a.bib', '@article{k1, title={First}}\n@article{broken, title={x}\n') },
      { file: 'b.json', result: readBibliography('b.json', JSON.stringify([{ id: 'K1', type: 'book', title: 'Second' }])) },
    ]);
    assert.equal(index.entry('K1')?.fields.title, 'First');
    assert.equal(index.byKey.get('k1')?.length, 2);
    assert.equal(index.entry('broken'), undefined);
    assert.ok(index.brokenEntry('broken'));
    assert.equal(readBibliography('notes.txt', '[{"id": "x", "type": "book", "title": "T"}]').entries[0].key, 'x', 'CSL-JSON by content');
  });
});

describe('citation completion', () => {
  it('sends a bounded list, the best for what is typed, and resolves a card on request', () => {
    const bib = Array.from({ length: 5000 }, (_, i) => `@article{key${i}, title = {Study ${i}}, author = {Author${i}, A.}, year = {2020}}`).join('\n');
    const index = new BibliographyIndex([{ file: 'big.bib', result: readBibliography('big.bib', bib) }]);
    const citations = new CitationIndex(index, () => loadBuiltinLexicon());
    const wide = computeCitationCompletions(textDocument('file:///a.md', 'markdown', 'See [@key4'), { line: 0, character: 10 }, 'pandoc', citations);
    assert.equal(wide?.items.length, COMPLETION_LIMIT);
    assert.equal(wide?.isIncomplete, true);
    assert.equal(wide?.items.some((i) => i.description !== '' && i.detail.startsWith('Study')), true);
    const list = computeCitationCompletions(textDocument('file:///a.md', 'markdown', 'See [@key42'), { line: 0, character: 11 }, 'pandoc', citations);
    assert.equal(list?.items[0].key, 'key42', 'the typed key first');
    assert.ok(list?.items.every((i) => i.key.startsWith('key42')));
    const all = computeCitationCompletions(textDocument('file:///a.md', 'markdown', 'See [@key4217'), { line: 0, character: 13 }, 'pandoc', citations);
    assert.deepEqual(all?.items.map((i) => i.key), ['key4217']);
    assert.equal(all?.isIncomplete, false);
    assert.match(resolveCitationCompletion('key4217', citations) ?? '', /Study 4217/);
  });
});

describe('one place per capability', () => {
  const sources = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(d, e.name)) : e.name.endsWith('.ts') ? [path.join(d, e.name)] : []));
  const files = sources(path.join(ROOT, 'src')).map((f) => ({ file: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') }));
  const using = (re: RegExp) => files.filter((f) => re.test(f.text)).map((f) => f.file).sort();

  it('abbreviation-before-definition is assembled once (the service), not per host', () => {
    assert.deepEqual(using(/abbreviationsUsedBeforeDefinition\(/), ['src/core/checks/abbreviations.ts', 'src/core/service/diagnostics.ts']);
    assert.deepEqual(using(/is used before it is defined/), ['src/core/checks/abbreviations.ts', 'src/core/service/diagnostics.ts', 'src/vscode/manuscriptChecks.ts']);
  });

  it('undefined-citation has one rule', () => {
    assert.deepEqual(using(/isCrossReference\(/), ['src/core/citations/citationSyntax.ts', 'src/core/service/diagnostics.ts', 'src/core/service/hover.ts']);
    assert.deepEqual(using(/code(: |\s*=\s*)'undefined-citation'/), ['src/core/service/diagnostics.ts']);
  });

  it('a document language is registered once: package.json, the markup and the citation syntax derive from it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } | { properties: Record<string, { properties?: Record<string, unknown> }> }[] };
    };
    assert.deepEqual(pkg.activationEvents.filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice('onLanguage:'.length)).sort(), [...EDITOR_LANGUAGES].sort());
    const sections = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
    const languages = sections.map((c) => c.properties['oncolex.highlight.languages']).find((p) => p !== undefined);
    assert.deepEqual(Object.keys(languages?.properties ?? {}).sort(), [...EDITOR_LANGUAGES].sort());
    for (const l of DOCUMENT_LANGUAGES) {
      assert.equal(languageOf(l.id), l.markup, l.id);
      for (const ext of l.extensions) assert.equal(languageOf(`.${ext}`), l.markup, ext);
      assert.equal(citationSyntaxFor(l.id), l.citation, l.id);
    }
    assert.equal(languageOf('.txt'), 'plain');
  });

  it('one debounce, one size cap, one source name', () => {
    assert.deepEqual(using(/CHECK_DEBOUNCE_MS\s*=/), ['src/core/service/constants.ts']);
    assert.deepEqual(using(/MAX_CHECKED_LENGTH\s*=/), ['src/core/service/constants.ts']);
    assert.deepEqual(using(/\.source = 'OncoLex'|SOURCE = 'OncoLex'/), ['src/core/service/constants.ts']);
  });
});

/** A server on stdio; the caller sends `initialize` (or not). */
function startServer(): { conn: MessageConnection; diagnostics: Map<string, Diagnostic[]>; stop: () => Promise<void> } {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build`);
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, Diagnostic[]>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    diagnostics.set(p.uri, p.diagnostics);
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.onRequest('workspace/configuration', () => [{ citations: { bibFiles: ['refs.json'] } }]);
  conn.listen();
  return {
    conn,
    diagnostics,
    stop: async () => {
      await conn.sendNotification('exit').catch(() => undefined);
      conn.dispose();
      child.kill();
    },
  };
}

const initialize = (conn: MessageConnection) =>
  conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'w' }], capabilities: { workspace: { configuration: true } } });

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = read();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('the language server', () => {
  it('answers nothing before initialize (ServerNotInitialized) or after shutdown (InvalidRequest)', async () => {
    const s = startServer();
    try {
      const early = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///x.md' }, position: { line: 0, character: 0 } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(early instanceof ResponseError, 'a request before initialize is an error');
      assert.equal(early.code, -32002);
      await initialize(s.conn);
      await s.conn.sendRequest('shutdown');
      const late = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///x.md' }, position: { line: 0, character: 0 } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(late instanceof ResponseError, 'a request after shutdown is an error');
      assert.equal(late.code, -32600);
    } finally {
      await s.stop();
    }
  });

  it('publishes every code with its quick fixes, resolves CSL-JSON keys, and reads the text, not the version', async () => {
    const s = startServer();
    try {
      await initialize(s.conn);
      await s.conn.sendNotification('initialized', {});
      const uri = pathToFileURL(path.join(dir, 'paper.md')).href;
      const text = 'Keytruda was given. Programmed death-ligand 1 (PD-L1) is high; PD-L1 and PDL1 rise [@postow2012; @nobody2020]. Low-dose radiotherapy (LDRT) once.\n';
      await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const ds = await until(() => (s.diagnostics.get(uri)?.some((d) => d.code === 'undefined-citation') ? s.diagnostics.get(uri) : undefined), 'diagnostics with the bibliography read');
      assert.deepEqual(ds.map((d) => d.code), ['brand-name', 'mixed-spelling', 'undefined-citation', 'abbreviation-unused']);
      assert.match(String(ds[2].message), /'nobody2020'/);
      const actions = await s.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: ds[0].range, context: { diagnostics: [ds[0]] } });
      assert.deepEqual(actions.map((a) => a.title), ['Write the generic name: Pembrolizumab', 'Write the generic name with the brand at first use: Pembrolizumab (Keytruda)']);
      assert.deepEqual(actions[0].edit?.changes?.[uri], [{ range: ds[0].range, newText: 'Pembrolizumab' }]);

      // The same version number with another text (a client that reuses versions): the new text is read.
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: 'Opdivo was given.\n' }] });
      const hover = await s.conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      assert.match((hover.contents as { value: string }).value, /^\*\*nivolumab\*\*/);

      // Completion: a bounded list; the CSL-JSON reference is among it.
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'See [@' }] });
      const list = await s.conn.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 6 } });
      assert.ok(list.items.some((i) => i.label === 'Postow2012'));
      assert.ok(list.items.length <= 200);
      await s.conn.sendRequest('shutdown');
    } finally {
      await s.stop();
    }
  });
});
