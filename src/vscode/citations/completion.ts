/**
 * Citation key completion inside `\cite{…}` and after `@` (the service's bounded list; each item's card is
 * resolved when the item is shown), and opening the list when `@` starts a citation in Markdown.
 */
import * as vscode from 'vscode';
import { citationContextAt } from '../../core/citations/citationSyntax';
import { logErrors } from '../../core/log';
import type { Logger } from '../../core/log';
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
export function registerCitationCompletion(context: vscode.ExtensionContext, service: OncoLexService, log: Logger): void {
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

  // Markdown has quick suggestions off by default: open the list when `@` starts a citation.
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      const editor = vscode.window.activeTextEditor;
      if (editor === undefined || editor.document !== e.document || e.contentChanges.length !== 1) return;
      const syntax = syntaxOf(e.document);
      if (syntax !== 'pandoc') return;
      const change = e.contentChanges[0];
      if (change.text !== '@' && change.text !== '[@' && change.text !== '[@]') return;
      const offset = change.rangeOffset + (change.text === '[@]' ? 2 : change.text.length);
      const from = Math.max(0, offset - 200);
      const text = e.document.getText(new vscode.Range(e.document.positionAt(from), e.document.positionAt(offset + 1)));
      if (citationContextAt(text, offset - from, 'pandoc') === undefined) return;
      logErrors(vscode.commands.executeCommand('editor.action.triggerSuggest'), 'citations: trigger suggest', log);
    }),
  );
}
