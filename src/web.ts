/**
 * The browser entry (package.json `browser`): the same extension in vscode.dev and github.dev, whose web
 * worker has no Node. The built-in lexicon and its matcher tables are bundled; workspace files (.bib, *.oncolex.json) are read
 * through vscode.workspace.fs as on the desktop. What needs Node is absent and says so where it would be
 * used: Zotero search (the Insert Citation picker), the plural forms of workspace lexicon entries (a note on
 * the lexicon file), the CLI and the language server (run in a terminal).
 */
import type * as vscode from 'vscode';
import type { OncoLexApi } from './activate';
import { activateOn } from './activate';
import type { Lexicon } from './core/lexicon/lexicon';
import type { ExtensionHost } from './vscode/host';
import lexiconJson from '../generated/lexicon.json';
import { attachTables, decodeTables } from './core/matching/matcherTables';
import tablesFile from '../dist/matcher-tables.bin';

let builtin: Lexicon | undefined;

/** The bundled lexicon, with the matcher tables built with it (scripts/build-tables.ts). */
function bundledLexicon(onProblem?: (message: string) => void): Lexicon {
  const data = lexiconJson as unknown as { formsDigest?: string; entries: Lexicon['entries'] };
  try {
    if (!attachTables(data.entries, decodeTables(tablesFile), data.formsDigest)) onProblem?.('the bundled matcher tables were built from another lexicon; the matcher is built instead');
  } catch (e) {
    onProblem?.(`the bundled matcher tables: ${(e as Error).message}; the matcher is built instead`);
  }
  return { source: 'built-in', entries: data.entries };
}

const webHost: ExtensionHost = {
  kind: 'web',
  builtinLexicon: (onProblem) => (builtin ??= bundledLexicon(onProblem)),
  inflector: async () => undefined,
  zoteroSearch: undefined,
  referenceFormatter: undefined,
};

export function activate(context: vscode.ExtensionContext): OncoLexApi | undefined {
  return activateOn(context, webHost);
}

export function deactivate(): void {}
