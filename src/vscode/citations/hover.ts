/** The citation hover: the reference card of the key under the cursor, from the service. */
import * as vscode from 'vscode';
import type { OncoLexService } from '../../core/service/service';
import type { ReferenceFormatter } from '../host';
import { serviceDocument } from '../service';
import { CITING_SELECTOR } from './documents';
import { escapeMarkdown } from '../../core/cards/markdown';

/** Text from .bib files is untrusted: no command links, no HTML. */
function untrusted(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** The reference as the document's CSL style prints it, with the style's name. */
function styled(formatted: { style: string; text: string } | undefined): string {
  return formatted ? `\n\n${escapeMarkdown(formatted.text)}\n\n_${escapeMarkdown(formatted.style.replace(/^.*[\\/]/, ''))}_` : '';
}

/** Registers the citation hover. */
export function registerCitationHover(context: vscode.ExtensionContext, service: OncoLexService, formatter: ReferenceFormatter | undefined): void {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(CITING_SELECTOR, {
      provideHover(doc, position) {
        const h = service.hover(serviceDocument(doc), position, { links: false });
        if (h?.kind !== 'citation') return undefined;
        const style = formatter?.documentStyle(doc);
        const printed = style !== undefined ? formatter?.formattedReference(h.references[0], style) : undefined;
        return new vscode.Hover(
          untrusted(h.markdown + styled(style !== undefined && printed !== undefined ? { style, text: printed } : undefined)),
          new vscode.Range(h.range.start.line, h.range.start.character, h.range.end.line, h.range.end.character),
        );
      },
    }),
  );
}
