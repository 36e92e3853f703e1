// Shared helpers of the integration suite. Runs inside the extension host (desktop VS Code or code-server).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OncoLexApi } from '../../../src/extension';
import type { Entry, Lexicon } from '../../../src/core/lexicon/lexicon';

export const EXTENSION_ID = 'oncolex.oncolex';

/** One mention as the extension's test API reports it (offsets into `document.getText()`). */
export interface ApiMention {
  start: number;
  end: number;
  id: string;
  category: string;
}


/** The repository, found from the compiled file (out/integration/suite/x.test.js). */
export const repoRoot = path.resolve(__dirname, '../../..');

export async function getApi(): Promise<OncoLexApi> {
  const ext = vscode.extensions.getExtension<OncoLexApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  assert.ok(api, 'activate() returned no API object');
  for (const fn of ['mentions', 'decoratedCount', 'highlightingEnabled'] as const) {
    assert.equal(typeof api[fn], 'function', `the API has no ${fn}() function`);
  }
  return api;
}

/** The examples folder the window was opened on (a copy of examples/, so edits are harmless). */
export function exampleUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (open a copy of examples/)');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openExample(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(exampleUri(name));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let lexicon: Lexicon | undefined;

/** The built lexicon (generated/lexicon.json), to check hover cards against the data they show. */
export function lexiconEntry(id: string): Entry {
  lexicon ??= JSON.parse(fs.readFileSync(path.join(repoRoot, 'generated', 'lexicon.json'), 'utf8')) as Lexicon;
  const entry = lexicon.entries.find((e) => e.id === id);
  assert.ok(entry, `no lexicon entry '${id}' in generated/lexicon.json`);
  return entry;
}

/** Hover Markdown with its escapes removed, so lexicon text can be searched in it. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~&])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Ranges [start, end) of every match of `re` in `text`. */
export function rangesOf(text: string, re: RegExp): [number, number][] {
  return [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
}

export function assertNoMentionIn(mentions: ApiMention[], ranges: [number, number][], text: string, where: string): void {
  assert.ok(ranges.length > 0, `the example has no ${where} to check`);
  for (const m of mentions) {
    for (const [s, e] of ranges) {
      assert.ok(m.end <= s || m.start >= e, `mention '${text.slice(m.start, m.end)}' (${m.id}) at ${m.start} is inside ${where}`);
    }
  }
}

export function completionLabels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}
