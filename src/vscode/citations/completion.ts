/** Citation key completion inside `\\cite{…}` and after `@`, and opening the list when `@` starts a citation in Markdown. */
import * as vscode from 'vscode';
import { BUILTIN_SOURCE, citationContextAt, referenceDetail } from '../../core/citations';
import { logErrors } from '../../core/log';
import type { Logger } from '../../core/log';
import type { CitationIndex } from '../../core/citationIndex';
import { CITING_SELECTOR, syntaxOf } from './documents';
import { hoverMarkdown } from './hover';

/** Registers citation completion. */
export function registerCitationCompletion(context: vscode.ExtensionContext, index: CitationIndex, log: Logger): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      CITING_SELECTOR,
      {
        provideCompletionItems(doc, position) {
          const syntax = syntaxOf(doc);
          if (syntax === undefined) return undefined;
          const offset = doc.offsetAt(position);
          const lineStart = doc.offsetAt(new vscode.Position(Math.max(0, position.line - 5), 0));
          const windowText = doc.getText(new vscode.Range(doc.positionAt(lineStart), doc.lineAt(position.line).range.end));
          const ctx = citationContextAt(windowText, offset - lineStart, syntax);
          if (ctx === undefined) return undefined;
          const range = new vscode.Range(doc.positionAt(lineStart + ctx.start), doc.positionAt(lineStart + ctx.end));
          const already = new Set(ctx.otherKeys.map((k) => k.toLowerCase()));
          const items = index
            .all()
            .filter((r) => !already.has(r.key.toLowerCase()))
            .map((r, i) => {
              const item = new vscode.CompletionItem({ label: r.key, description: referenceDetail(r) }, vscode.CompletionItemKind.Reference);
              item.range = range;
              item.insertText = r.key;
              item.detail = r.title ?? '';
              // Typing an author, a word of the title or a year finds the key too.
              item.filterText = [r.key, ...r.authors.map((a) => a.family), r.year ?? '', r.title ?? ''].join(' ');
              item.sortText = `${r.source === BUILTIN_SOURCE ? '1' : '0'}${String(i).padStart(6, '0')}`;
              const md = hoverMarkdown(r, index);
              if (r.source === BUILTIN_SOURCE && !index.inWorkspace(r)) {
                md.appendMarkdown(`\n\n${vscode.l10n.t("Not in your .bib files yet: 'OncoLex: Insert Citation' can add it.")}`);
              }
              item.documentation = md;
              return item;
            });
          return new vscode.CompletionList(items, false);
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
