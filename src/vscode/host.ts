/**
 * What the adapters need from the machine the extension runs on. Desktop VS Code runs the extension in Node
 * (src/extension.ts); vscode.dev and github.dev in a browser's web worker (src/web.ts). The adapters are the
 * same in both; only this differs.
 */
import type * as vscode from 'vscode';
import type { Inflector } from '../core/lexicon/build';
import type { Reference } from '../core/citations/citations';
import type { Lexicon } from '../core/lexicon/lexicon';

export interface ExtensionHost {
  readonly kind: 'desktop' | 'web';
  /**
   * The built-in lexicon, read once. `onProblem` (the first caller's) hears of built matcher tables that could
   * not be used (the matcher is then built).
   */
  builtinLexicon(onProblem?: (message: string) => void): Lexicon;
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
  /**
   * Prints a reference in the document's CSL style (citeproc-js with the styles shipped in the extension), or
   * undefined where the styles are not read (the web build): the citation hover then shows the reference card
   * alone.
   */
  referenceFormatter: ReferenceFormatter | undefined;
}

/** A reference as a CSL style prints it, for a document. */
export interface ReferenceFormatter {
  /** The CSL style the document asks for (Pandoc `csl:`, else the setting, else by its language). */
  documentStyle(doc: vscode.TextDocument): string;
  /** The reference in that style, or undefined when it cannot be printed. */
  formattedReference(ref: Reference, style: string): string | undefined;
}
