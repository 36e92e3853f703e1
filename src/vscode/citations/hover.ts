/** The citation hover: the reference card of the key under the cursor. */
import * as vscode from 'vscode';
import { findCitations, isCrossReference, referenceHoverMarkdown } from '../../core/citations';
import type { Reference } from '../../core/citations';
import type { CitationIndex } from '../../core/citationIndex';
import type { ReferenceFormatter } from '../host';
import { CITING_SELECTOR, syntaxOf } from './documents';
import { escapeMarkdown } from '../../core/markdown';

/** The hover card of a reference (also the documentation of its completion item). */
export function hoverMarkdown(ref: Reference, index: CitationIndex, others: Reference[] = [], formatted?: { style: string; text: string }): vscode.MarkdownString {
  const card = referenceHoverMarkdown(ref, {
    entryLabels: index.labels(),
    otherSources: others.filter((o) => o !== ref).map((o) => (o.line !== undefined ? `${o.source}:${o.line}` : o.source)),
  });
  // The reference as the document's CSL style prints it, with the style's name.
  const styled = formatted ? `\n\n${escapeMarkdown(formatted.text)}\n\n_${escapeMarkdown(formatted.style.replace(/^.*[\\/]/, ''))}_` : '';
  const md = new vscode.MarkdownString(card + styled);
  // Text from .bib files is untrusted: no command links, no HTML.
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** Registers the citation hover. */
export function registerCitationHover(context: vscode.ExtensionContext, index: CitationIndex, formatter: ReferenceFormatter | undefined): void {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(CITING_SELECTOR, {
      provideHover(doc, position) {
        const syntax = syntaxOf(doc);
        if (syntax === undefined) return undefined;
        const first = Math.max(0, position.line - 3);
        const last = Math.min(doc.lineCount - 1, position.line + 3);
        const start = doc.offsetAt(new vscode.Position(first, 0));
        const text = doc.getText(new vscode.Range(first, 0, last, doc.lineAt(last).text.length));
        const offset = doc.offsetAt(position) - start;
        const use = findCitations(text, syntax).find((u) => offset >= u.start && offset <= u.end);
        if (use === undefined || isCrossReference(use.key)) return undefined;
        const refs = index.lookup(use.key);
        if (refs.length === 0) return undefined;
        const style = formatter?.documentStyle(doc);
        const printed = style !== undefined ? formatter?.formattedReference(refs[0], style) : undefined;
        return new vscode.Hover(
          hoverMarkdown(refs[0], index, refs, style !== undefined && printed !== undefined ? { style, text: printed } : undefined),
          new vscode.Range(doc.positionAt(start + use.start), doc.positionAt(start + use.end)),
        );
      },
    }),
  );

}
