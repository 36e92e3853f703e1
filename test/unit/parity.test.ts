/**
 * One engine, one answer (issue 21): on the example manuscripts and a few hundred generated documents,
 * `oncolex check --format json`, the language server's published diagnostics (`node dist/cli.js lsp`) and the
 * extension's diagnostics (the service over an incrementally kept annotation, as the highlighter keeps it,
 * through the adapter's pure conversion layer) agree code by code and range by range; the hover text of the
 * server and of the extension agree. The bibliographies are a BibTeX file and a CSL-JSON file, read by
 * every host. `npm test` builds dist/ before the unit tests.
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
import type { Diagnostic, Hover, InitializeResult } from 'vscode-languageserver';
import { main } from '../../src/cli/main';
import { BibliographyIndex } from '../../src/core/citations/bibliography/keyIndex';
import { readBibliography } from '../../src/core/citations/bibliography/read';
import { DocumentMentions, stringParagraphReader } from '../../src/core/matching/incremental';
import { indexById } from '../../src/core/lexicon/lexicon';
import { Matcher } from '../../src/core/matching/matcher';
import { documentLanguage, textDocument } from '../../src/core/service/document';
import type { ServiceDocument } from '../../src/core/service/document';
import { createOncoLexService } from '../../src/core/service/service';
import { settingsFrom } from '../../src/core/settings';
import { shownDiagnostic, shownHover } from '../../src/vscode/diagnosticConversion';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const ROOT = path.resolve(__dirname, '../..');
const cli = path.join(ROOT, 'dist', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-parity-'));

// The examples with their bibliography (plus one broken entry), and a CSL-JSON bibliography beside it.
fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
fs.appendFileSync(path.join(dir, 'references.bib'), '\n@article{brokenkey,\n  title = {Unclosed\n');
fs.writeFileSync(
  path.join(dir, 'refs.json'),
  JSON.stringify([{ id: 'known2020', type: 'article-journal', title: 'Abscopal responses after SBRT', author: [{ family: 'Smith', given: 'Jane' }], issued: { 'date-parts': [[2020]] } }]),
);
const BIBS = ['references.bib', 'refs.json'];

/** A seeded generator (mulberry32), so a failure names a document that can be made again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'Programmed death-ligand 1 (PD-L1) is high',
  'PD-L1 rises',
  'PDL1 and B7-H1 are one',
  'Keytruda was given',
  'Opdivo and Imfinzi followed',
  'pembrolizumab blocks PD-1',
  'Low-dose radiotherapy (LDRT) was used once',
  'stereotactic body radiotherapy (SBRT) then SBRT again',
  'regulatory T cells (Tregs) fell; Tregs were counted',
  'the abscopal effect appeared',
  'We measured PD-L1 expression',
  'immune checkpoint inhibitors (ICIs) and ICIs',
  'tumour-infiltrating lymphocytes (TILs) rose (TILs)',
  '程序性细胞死亡配体 1（PD-L1）升高',
  '帕博利珠单抗联合放疗',
  'durvalumab after chemoradiotherapy',
];
const MD_CITES = ['[@known2020]', '[@missing2021]', '[@mole1953]', '[@pevzner2021]', '[@brokenkey]', '[@known2020; @nope]', '[@fig:one]'];
const TEX_CITES = ['\\cite{known2020}', '\\cite{missing2021,mole1953}', '\\citep{pevzner2021}', '\\cite{brokenkey}'];
const BREAKS = ['. ', '. ', '.\n', '.\n\n', '.\r\n', '.\r\n\r\n'];

function generated(seed: number): { name: string; text: string } {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const tex = r() < 0.3;
  let text = '';
  const n = 3 + Math.floor(r() * 12);
  for (let i = 0; i < n; i++) {
    text += pick(PIECES);
    if (r() < 0.35) text += ` ${pick(tex ? TEX_CITES : MD_CITES)}`;
    text += pick(BREAKS);
  }
  return { name: `gen-${seed}.${tex ? 'tex' : 'md'}`, text };
}

const docs: { name: string; text: string }[] = [
  ...['minibeam-review.md', 'paper.tex', 'review-section.md', 'zh-review.md'].map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') })),
  ...Array.from({ length: 300 }, (_, i) => generated(i + 1)),
];
for (const d of docs) if (d.name.startsWith('gen-')) fs.writeFileSync(path.join(dir, d.name), d.text);

/** A diagnostic as code and range, the unit the hosts are compared in. */
const key = (code: unknown, r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  `${String(code)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

const languageIdOf = (name: string) => (name.endsWith('.tex') ? 'latex' : 'markdown');

/** The extension's way: the highlighter keeps the annotation incrementally; the adapter converts the service's answer. */
function extensionView() {
  const lexicon = loadBuiltinLexicon();
  const matcher = new Matcher(lexicon);
  const byId = indexById(lexicon);
  const bibs = new BibliographyIndex(BIBS.map((f) => ({ file: f, result: readBibliography(f, fs.readFileSync(path.join(dir, f), 'utf8')) })));
  const kept = new Map<string, DocumentMentions>();
  const service = createOncoLexService({
    matcher: () => matcher,
    lexicon: () => lexicon,
    byId: () => byId,
    settings: () => settingsFrom(undefined),
    bibliographies: () => bibs,
    annotationOf: (doc) => kept.get(doc.uri),
  });
  /** Annotates a preface and the text, then deletes the preface as an edit: every offset after it moves. */
  const open = (doc: ServiceDocument): void => {
    const preface = 'Notes for the co-authors.\n\n';
    const mentions = new DocumentMentions(matcher, documentLanguage(doc));
    mentions.full(preface + doc.getText());
    if (!mentions.applyChange({ start: 0, removedLength: preface.length, insertedText: '' }, stringParagraphReader(doc.getText()))) mentions.full(doc.getText());
    kept.set(doc.uri, mentions);
  };
  return { service, open };
}

describe('one engine, one answer: check, the language server and the extension', () => {
  let conn: MessageConnection;
  let child: ReturnType<typeof spawn>;
  const published = new Map<string, Diagnostic[]>();
  const waiters = new Map<string, (ds: Diagnostic[]) => void>();
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;

  before(async () => {
    assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build`);
    child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      published.set(p.uri, p.diagnostics);
      waiters.get(p.uri)?.(p.diagnostics);
    });
    conn.onRequest('workspace/configuration', () => [{ citations: { bibFiles: ['refs.json'] } }]);
    conn.onNotification('window/logMessage', () => undefined);
    conn.listen();
    await conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'parity' }],
      capabilities: { workspace: { configuration: true } },
    });
    await conn.sendNotification('initialized', {});
  });

  after(async () => {
    await conn.sendRequest('shutdown').catch(() => undefined);
    await conn.sendNotification('exit').catch(() => undefined);
    conn.dispose();
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a document in the server and waits for its diagnostics. */
  const serverDiagnostics = (name: string, text: string) =>
    new Promise<Diagnostic[]>((resolve) => {
      const uri = uriOf(name);
      waiters.set(uri, resolve);
      void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: languageIdOf(name), version: 1, text } });
    });

  it('agree code by code and range by range on the examples and 300 generated documents', async () => {
    // The server reads its bibliographies after `initialized` and then publishes again: wait for that.
    const probe = uriOf('probe.md');
    await serverDiagnostics('probe.md', 'A [@known2020] and [@missing2021].');
    for (let i = 0; i < 100 && published.get(probe)?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(published.get(probe)?.map((d) => [d.code, d.message]), [['undefined-citation', "Citation key 'missing2021' is not defined in any bibliography."]], 'the CSL-JSON file named in oncolex.citations.bibFiles is read');

    let out = '';
    const code = await main(['check', '--format', 'json', '--bib', BIBS.map((f) => path.join(dir, f)).join(','), ...docs.map((d) => path.join(dir, d.name))], { out: (t) => (out += t), err: () => undefined });
    assert.equal(code, 1);
    const report = JSON.parse(out) as { files: { file: string; diagnostics: { line: number; column: number; endLine: number; endColumn: number; code: string }[] }[] };
    const byCli = new Map(report.files.map((f) => [path.basename(f.file), f.diagnostics.map((d) => key(d.code, { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } }))]));

    const ext = extensionView();
    const codes = new Set<string>();
    let total = 0;
    for (const d of docs) {
      const fromServer = (await serverDiagnostics(d.name, d.text)).map((x) => key(x.code, x.range));
      const doc = textDocument(uriOf(d.name), languageIdOf(d.name), d.text);
      ext.open(doc);
      const fromExtension = ext.service.diagnostics(doc).map((x) => shownDiagnostic(x, (p) => ({ message: p.message }))).map((x) => key(x.code, x.range));
      const fromCli = byCli.get(d.name);
      assert.deepEqual(fromServer, fromCli, `${d.name}: the server and oncolex check differ\n${JSON.stringify(d.text)}`);
      assert.deepEqual(fromExtension, fromCli, `${d.name}: the extension and oncolex check differ\n${JSON.stringify(d.text)}`);
      for (const k of fromServer) codes.add(k.split(' ')[0]);
      total += fromServer.length;
    }
    // The documents exercise every code (abbreviation-rare is off by default, as in every host).
    assert.deepEqual([...codes].sort(), ['abbreviation-before-definition', 'abbreviation-redefined', 'abbreviation-unused', 'brand-name', 'mixed-spelling', 'undefined-citation']);
    assert.ok(total > 500, `${total} diagnostics`);
  });

  it('hover text agrees between the server and the extension (the extension adds only its command links)', async () => {
    const ext = extensionView();
    let compared = 0;
    for (const d of docs.slice(0, 40)) {
      const doc = textDocument(uriOf(d.name), languageIdOf(d.name), d.text);
      ext.open(doc);
      const mentions = ext.service.mentions(doc);
      for (const m of mentions.filter((_, i) => i % 7 === 0)) {
        const position = doc.positionAt(m.start);
        const mine = ext.service.hover(doc, position, { links: true });
        const theirs = await conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(d.name) }, position });
        assert.ok(mine && theirs, `${d.name}@${m.start}: a hover in both`);
        // Command links run only in VS Code: the extension's row of actions is its own, and the server shows
        // the labels of the other links as text.
        const link = /(?<!\\)\[((?:[^\]\\]|\\.)*)\]\(command:[^)]*\)/;
        const actions = new RegExp(`\\n\\n---\\n\\n${link.source}(?: · ${link.source})*$`);
        const withoutLinks = shownHover(mine).markdown.replace(actions, '').replace(new RegExp(link.source, 'g'), '$1');
        assert.equal((theirs.contents as { value: string }).value, withoutLinks, `${d.name}@${m.start}`);
        assert.deepEqual(theirs.range, mine.range);
        compared++;
      }
    }
    assert.ok(compared > 50, `${compared} hovers compared`);
  });
});
