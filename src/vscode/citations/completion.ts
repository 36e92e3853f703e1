/**
 * Citation key completion inside `\cite{…}` and after `@` (the service's bounded list; each item's card is
 * resolved when the item is shown). `{`, `,` and `@` are trigger characters, so the editor opens the list
 * itself, in Markdown too where quick suggestions are off, at the character typed.
 */
import * as vscode from 'vscode';
import type { OncoLexService } from '../../core/service/service';
import { serviceDocument } from '../service';
import { CITING_SELECTOR, syntaxOf } from './documents';

/** A completion item with what its resolution needs. */
class CitationItem extends vscode.CompletionItem {
  constructor(
    label: vscode.CompletionItemLabel,
    readonly doc: vscode.TextDocument,
    readonly key: string,
    readonly builtinOnly: boolean,
  ) {
    super(label, vscode.CompletionItemKind.Reference);
  }
}

/** Registers citation completion. */
export function registerCitationCompletion(context: vscode.ExtensionContext, service: OncoLexService): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      CITING_SELECTOR,
      {
        provideCompletionItems(doc, position) {
          if (syntaxOf(doc) === undefined) return undefined;
          const list = service.completions(serviceDocument(doc), position);
          if (list === undefined) return undefined;
          const range = new vscode.Range(list.range.start.line, list.range.start.character, list.range.end.line, list.range.end.character);
          const items = list.items.map((c) => {
            const item = new CitationItem({ label: c.key, description: c.description }, doc, c.key, c.builtinOnly);
            item.range = range;
            item.insertText = c.key;
            item.detail = c.detail;
            // Typing an author, a word of the title or a year finds the key too.
            item.filterText = c.filterText;
            item.sortText = c.sortText;
            return item;
          });
          return new vscode.CompletionList(items, list.isIncomplete);
        },
        resolveCompletionItem(item) {
          if (!(item instanceof CitationItem)) return item;
          const card = service.resolveCompletion(serviceDocument(item.doc), item.key);
          if (card === undefined) return item;
          const md = new vscode.MarkdownString(card);
          // Text from .bib files is untrusted: no command links, no HTML.
          md.isTrusted = false;
          md.supportHtml = false;
          if (item.builtinOnly) md.appendMarkdown(`\n\n${vscode.l10n.t("Not in your .bib files yet: 'OncoLex: Insert Citation' can add it.")}`);
          item.documentation = md;
          return item;
        },
      },
      '{',
      ',',
      '@',
    ),
  );
}
