/**
 * What the adapters need from the machine the extension runs on. Desktop VS Code runs the extension in Node
 * (src/extension.ts); vscode.dev and github.dev in a browser's web worker (src/web.ts). The adapters are the
 * same in both; only this differs.
 */
import type { Inflector } from '../core/build';
import type { Reference } from '../core/citations';
import type { Lexicon } from '../core/lexicon';

export interface ExtensionHost {
  readonly kind: 'desktop' | 'web';
  /** The built-in lexicon, read once. */
  builtinLexicon(): Lexicon;
  /**
   * English inflection for workspace lexicons' entries (compromise, loaded on first use), or undefined where
   * it is not shipped (the web build): entries then match the forms their files list.
   */
  inflector(): Promise<Inflector | undefined>;
  /**
   * Searches the running Zotero (Better BibTeX on 127.0.0.1), or undefined where the extension cannot reach
   * the user's computer (the web build).
   */
  zoteroSearch: ((query: string) => Promise<Reference[]>) | undefined;
}
