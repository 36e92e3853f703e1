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
import { readBuiltCore } from './core/lexicon/builtLexicon';
import type { Lexicon } from './core/lexicon/lexicon';
import type { ExtensionHost } from './vscode/host';
import coreText from '../dist/lexicon.json?text';
import detailsText from '../dist/lexicon-details.json?text';
import { attachTables, decodeTables } from './core/matching/matcherTables';
import tablesFile from '../dist/matcher-tables.bin';

let builtin: Lexicon | undefined;

/**
 * The bundled lexicon, with the matcher tables built with it (scripts/build-tables.ts): its core and its
 * details are bundled as text, the details parsed when first read (src/core/lexicon/builtLexicon.ts).
 */
function bundledLexicon(onProblem?: (message: string) => void): Lexicon {
  const { lexicon, matching, formsDigest } = readBuiltCore(JSON.parse(coreText), 'the bundled lexicon', {
    name: 'the bundled lexicon details',
    read: () => ({ text: detailsText, bytes: new TextEncoder().encode(detailsText).length }),
  });
  try {
    if (!attachTables(matching, decodeTables(tablesFile), formsDigest)) onProblem?.('the bundled matcher tables were built from another lexicon; the matcher is built instead');
  } catch (e) {
    onProblem?.(`the bundled matcher tables: ${(e as Error).message}; the matcher is built instead`);
  }
  return lexicon;
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
