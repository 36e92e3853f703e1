/** The desktop entry (package.json `main`): the extension on Node, which reads files, inflects and reaches Zotero. */
import type * as vscode from 'vscode';
import type { OncoLexApi } from './activate';
import { activateOn } from './activate';
import { loadBuiltinLexicon } from './node/builtin';
import { documentStyle, formattedReference } from './vscode/citations/cslFormat';
import { zoteroSearch } from './vscode/citations/zotero';
import type { ExtensionHost } from './vscode/host';

export type { OncoLexApi } from './activate';

const desktopHost: ExtensionHost = {
  kind: 'desktop',
  builtinLexicon: loadBuiltinLexicon,
  // compromise is loaded only here, when a workspace has a lexicon of its own.
  inflector: async () => (await import('./node/inflect')).workspaceInflector,
  zoteroSearch,
  referenceFormatter: { documentStyle, formattedReference },
};

export function activate(context: vscode.ExtensionContext): OncoLexApi | undefined {
  return activateOn(context, desktopHost);
}

export function deactivate(): void {}
