/** The reference of a citation as the document's CSL style prints it, for the citation hover. */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { Reference } from '../../core/citations/citations';
import { cslItemFromReference, defaultStyle, formatBibliography, frontMatterStyle } from '../../core/citations/csl';
import { writingLanguage } from '../../core/writing/insert';
import { builtinLocales, loadStyle } from '../../node/csl';
import { setting } from '../config';

/** The document's style: its Pandoc `csl:`, else the setting `oncolex.citations.style`, else by its language. */
export function documentStyle(doc: vscode.TextDocument): string {
  const text = doc.getText();
  const named = frontMatterStyle(text) ?? (setting('citations.style', doc).trim() || undefined);
  if (named === undefined) return defaultStyle(writingLanguage(text.slice(0, 20_000)));
  // A .csl path is relative to the document, as Pandoc reads it.
  return /\.csl$/i.test(named) && !path.isAbsolute(named) && doc.uri.scheme === 'file' ? path.resolve(path.dirname(doc.uri.fsPath), named) : named;
}

/** The formatted reference without its number (`[1] `, `1. `), or undefined when the style cannot be read. */
export function formattedReference(ref: Reference, style: string): string | undefined {
  try {
    const [line] = formatBibliography([cslItemFromReference(ref)], loadStyle(style), builtinLocales(), style.startsWith('china-') ? 'zh-CN' : 'en-US');
    return line?.replace(/^(?:\[\d+\]|\d+\.)\s*/, '');
  } catch {
    return undefined;
  }
}
