/**
 * Walking through the mentions of a term in the active document: "Show Mentions" lists the lines that
 * mention it (the selection follows the list, Escape puts it back); "Reveal Next Mention" (a click in the
 * Lexicon view or a hover) selects the next one after the cursor, wrapping at the end.
 */
import * as vscode from 'vscode';
import { DOCUMENT_TERM_PREFIX } from '../core/matching/documentTerms';
import { labelIn } from '../core/lexicon/lexicon';
import { displayLanguage } from './config';
import type { TermActions } from './termItems';
import { argId } from './termItems';

/** Lists the mentions of the term named by `arg`, else of the term at the cursor, else opens the search. */
export async function showMentions(actions: TermActions, arg: unknown, searchTerms: () => Promise<void>): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const mentions = editor ? actions.deps.mentionsOf(editor.document) : undefined;
  if (!editor || !mentions) {
    void vscode.window.showInformationMessage(vscode.l10n.t('OncoLex: open a Markdown or LaTeX document to see mentions.'));
    return;
  }
  const doc = editor.document;
  const id = argId(arg) ?? mentions.entryAt(doc.offsetAt(editor.selection.active));
  if (!id) return searchTerms();
  const entry = actions.entryOrWarn(id);
  if (!entry) return;
  const lang = displayLanguage();
  const own = mentions.mentions.filter((m) => m.id === id);
  if (own.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('“{0}” is not mentioned in this document.', labelIn(entry, lang)));
    return;
  }
  type LineItem = vscode.QuickPickItem & { range: vscode.Range };
  const items: LineItem[] = [];
  let lastLine = -1;
  for (const m of own) {
    const range = new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end));
    if (range.start.line === lastLine) continue;
    lastLine = range.start.line;
    const text = doc.lineAt(range.start.line).text.trim();
    items.push({ label: `${range.start.line + 1}`, description: text.length > 200 ? `${text.slice(0, 199)}…` : text, range });
  }
  const original = editor.selections;
  const qp = vscode.window.createQuickPick<LineItem>();
  qp.title = vscode.l10n.t('Mentions of “{0}” ({1})', labelIn(entry, lang), own.length);
  qp.placeholder = vscode.l10n.t('Filter the lines; Enter goes to the mention');
  qp.matchOnDescription = true;
  qp.items = items;
  const cursor = editor.selection.active;
  const next = items.find((i) => i.range.start.isAfterOrEqual(cursor));
  if (next) qp.activeItems = [next];
  let accepted = false;
  const go = (item: LineItem | undefined) => {
    if (!item) return;
    editor.selection = new vscode.Selection(item.range.start, item.range.end);
    editor.revealRange(item.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };
  const disposables: vscode.Disposable[] = [
    qp.onDidChangeActive((active) => go(active[0])),
    qp.onDidAccept(() => {
      accepted = true;
      go(qp.selectedItems[0] ?? qp.activeItems[0]);
      qp.hide();
      void vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, selection: editor.selection });
    }),
    qp.onDidHide(() => {
      if (!accepted) {
        editor.selections = original;
        editor.revealRange(original[0], vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      for (const d of disposables) d.dispose();
      qp.dispose();
    }),
  ];
  qp.show();
}

/** Selects the next mention after the cursor of the term named by `arg`; without any, opens its card. */
export async function revealNextMention(actions: TermActions, arg: unknown): Promise<void> {
  const id = argId(arg);
  // A term the document defines has no lexicon entry; its mentions are still there to walk through.
  const entry = id?.startsWith(DOCUMENT_TERM_PREFIX) ? undefined : actions.entryOrWarn(id);
  if (!id || (!entry && !id.startsWith(DOCUMENT_TERM_PREFIX))) return;
  const editor = vscode.window.activeTextEditor;
  const mentions = editor ? actions.deps.mentionsOf(editor.document) : undefined;
  const own = mentions ? mentions.mentions.filter((m) => m.id === id) : [];
  if (!editor || own.length === 0) {
    // Nothing to reveal: the card is the next most useful thing for an entry picked in the view.
    if (entry) await actions.deps.showEntry(entry.id);
    return;
  }
  const doc = editor.document;
  const cursor = doc.offsetAt(editor.selection.active);
  // After the cursor, so that repeated clicks walk through the mentions; wrap at the end.
  const m = own.find((x) => x.start > cursor || (x.start === cursor && editor.selection.isEmpty)) ?? own[0];
  const range = new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end));
  editor.selection = new vscode.Selection(range.end, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
