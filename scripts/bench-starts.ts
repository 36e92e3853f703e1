/**
 * `npm run bench`, in the `activation` line: how long the shipped CLI and language server (dist/cli.js) take
 * from their process's start to their first result on a 20 KB manuscript, Node's own start included (a user
 * waits for it): `oncolex annotate` until it exits, and `oncolex lsp` until the first hover answers (spawn,
 * initialize, open the document, hover a term). The median of five fresh processes each.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchStarts(root: string, manuscript: string): Promise<object> {
  const cli = path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) return { cliFirstMentionsMs: null, lspFirstHoverMs: null };
  const cliRuns = Array.from({ length: 5 }, () => {
    const t0 = performance.now();
    execFileSync(process.execPath, [cli, 'annotate', manuscript], { stdio: ['ignore', 'ignore', 'inherit'] });
    return performance.now() - t0;
  });
  const lspRuns: number[] = [];
  for (let i = 0; i < 5; i++) lspRuns.push(await lspFirstHover(cli, manuscript));
  return { cliFirstMentionsMs: +median(cliRuns).toFixed(1), lspFirstHoverMs: +median(lspRuns).toFixed(1) };
}

/** Milliseconds from spawning `oncolex lsp` to its answer to a hover over a term of the manuscript's body. */
async function lspFirstHover(cli: string, manuscript: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onRequest('workspace/configuration', () => [{}]);
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('textDocument/publishDiagnostics', () => undefined);
  conn.listen();
  const text = fs.readFileSync(manuscript, 'utf8');
  const uri = pathToFileURL(manuscript).href;
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  // The first T cells of the body (after the front matter and the comment at the top).
  const at = text.indexOf('T cells', text.indexOf('\n## '));
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - text.lastIndexOf('\n', at - 1) - 1;
  const hover = await conn.sendRequest<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  const ms = performance.now() - t0;
  if (!hover) throw new Error(`bench: the language server gave no hover at ${line + 1}:${character + 1} of ${manuscript}`);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  child.kill();
  return ms;
}
