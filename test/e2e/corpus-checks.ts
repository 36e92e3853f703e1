/**
 * Corpus files in the editor: a `.pubtator` and a brat `.ann` file open in their own language (contributed
 * by package.json, coloured by the TextMate grammars of syntaxes/), with the columns in several colours and
 * the scopes the grammar gives them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assert, goTo, openFile, runCommand, squash, ui, workspace } from './harness';

export interface CorpusFile {
  /** Relative to the workspace (the examples folder). */
  file: string;
  /** The language's name in the status bar. */
  language: string;
  /** A token to inspect: the line it is on (starting with this text), its 0-based column there, and its scope. */
  lineStart: string;
  column: (line: string) => number;
  scope: string;
}

export const CORPUS_FILES: CorpusFile[] = [
  // The category column of an annotation line.
  { file: 'corpus/abstracts.pubtator', language: 'PubTator', lineStart: '1001\t36\t49', column: (l) => l.indexOf('\tdrug\t') + 2, scope: 'entity.name.type.category.oncolex.pubtator' },
  // The prefix of a normalization's CURIE (CL:0000625).
  { file: 'corpus/sbrt.ann', language: 'brat standoff', lineStart: 'N4\t', column: (l) => l.indexOf('CL:') + 1, scope: 'entity.name.namespace.curie.brat' },
];

/** Opens the file and checks its language, its token colours and the scope of one token. */
export async function assertCorpusGrammar(f: CorpusFile): Promise<void> {
  const lines = fs.readFileSync(path.join(workspace, f.file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.startsWith(f.lineStart));
  assert(line >= 0, `${f.file} has no line starting ${JSON.stringify(f.lineStart)}`);
  const col = f.column(lines[line]);
  await openFile(path.basename(f.file));
  const mode = ui().locator('[id="status.editor.mode"]');
  await mode.filter({ hasText: f.language }).first().waitFor({ timeout: 10_000 }).catch(async () => {
    throw new Error(`the status bar names the language '${squash(await mode.first().innerText().catch(() => '?'))}', not '${f.language}'`);
  });
  // The grammar paints the columns: the rendered tokens carry several colours.
  const colours = await ui()
    .locator('.editor-instance .view-lines .view-line span > span')
    .evaluateAll((els) => {
      // Runs in the page (the project's types have no DOM).
      const g = globalThis as unknown as { getComputedStyle(e: unknown): { color: string } };
      return [...new Set(els.filter((e) => (e.textContent ?? '').trim() !== '').map((e) => g.getComputedStyle(e).color))];
    });
  assert(colours.length >= 4, `only ${colours.length} token colours: ${colours.join(', ')}`);
  await goTo(line + 1, col + 1);
  await runCommand('Developer: Inspect Editor Tokens and Scopes');
  const widget = ui().locator('.token-inspect-widget').first();
  await widget.waitFor({ timeout: 10_000 }).catch(() => {
    throw new Error('the token inspector did not open');
  });
  const text = squash(await widget.innerText());
  assert(text.includes(f.scope), `the token at ${line + 1}:${col + 1} lacks the scope ${f.scope}: '${text.slice(0, 300)}'`);
}
