/**
 * "OncoLex: Export Abbreviations": the document's abbreviation list (src/core/writing/abbreviationList.ts) in a
 * format picked from a QuickPick, inserted at the cursor (one undoable edit) or copied to the clipboard.
 * A keybinding or a test may pass `{ format, target }` to skip the QuickPicks.
 */
import * as vscode from 'vscode';
import type { AbbreviationFormat } from '../core/writing/abbreviationList';
import { ABBREVIATION_FORMATS, abbreviationList, formatAbbreviationList } from '../core/writing/abbreviationList';
import { COMMANDS } from '../core/ids';
import { writingLanguage } from '../core/writing/insert';
import type { Logger } from '../core/log';
import { logErrors } from '../core/log';
import { documentEditor } from './editors';
import type { Highlighter } from './highlight';
import type { LexiconService } from './lexiconService';

/** What the command may be given instead of asking. */
export interface ExportAbbreviationsArgs {
  format?: AbbreviationFormat;
  target?: 'insert' | 'copy';
}

interface FormatItem extends vscode.QuickPickItem {
  format: AbbreviationFormat;
}

function formatItems(): FormatItem[] {
  return [
    { format: 'text', label: vscode.l10n.t('Journal text'), description: 'PD-L1, programmed death-ligand 1; …' },
    { format: 'markdown', label: vscode.l10n.t('Markdown table'), description: '| PD-L1 | programmed death-ligand 1 |' },
    { format: 'acro', label: 'LaTeX acro', description: '\\DeclareAcronym{pdl1}{short = …, long = …}' },
    { format: 'glossaries', label: 'LaTeX glossaries', description: '\\newacronym{pdl1}{PD-L1}{…}' },
    { format: 'acronym', label: 'LaTeX acronym', description: '\\acro{PD-L1}{…}' },
    { format: 'pandoc', label: vscode.l10n.t('Pandoc metadata'), description: 'acronyms: pdl1: {short, long}' },
    { format: 'quarto', label: vscode.l10n.t('Quarto acronyms extension'), description: 'acronyms: keys: [{shortname, longname}]' },
  ];
}

/** The formats a document's markup suggests first. */
function suggested(languageId: string): AbbreviationFormat {
  if (languageId === 'latex' || languageId === 'tex') return 'acro';
  if (languageId === 'quarto') return 'quarto';
  return 'text';
}

export function registerExportAbbreviations(context: vscode.ExtensionContext, deps: { lexicon: LexiconService; highlighter: Highlighter; log: Logger }): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.exportAbbreviations, (args?: ExportAbbreviationsArgs) => logErrors(exportAbbreviations(deps, args ?? {}), 'export abbreviations', deps.log)));
}

async function exportAbbreviations({ lexicon, highlighter }: { lexicon: LexiconService; highlighter: Highlighter }, args: ExportAbbreviationsArgs): Promise<void> {
  const editor = documentEditor();
  const mentions = editor ? highlighter.mentionsOf(editor.document) : undefined;
  if (!editor || !mentions) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown or LaTeX manuscript to export its abbreviations.'));
    return;
  }
  const doc = editor.document;
  const text = doc.getText();
  const items = abbreviationList(text, mentions, (id) => lexicon.entry(id));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This document uses no abbreviations OncoLex knows or that it defines.'));
    return;
  }
  const first = suggested(doc.languageId);
  const choices = formatItems().sort((a, b) => Number(b.format === first) - Number(a.format === first));
  const format =
    args.format !== undefined && ABBREVIATION_FORMATS.includes(args.format)
      ? choices.find((c) => c.format === args.format)
      : await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Export {0} abbreviations as', items.length), placeHolder: vscode.l10n.t('Format') });
  if (!format) return;
  const insert = vscode.l10n.t('Insert at the cursor');
  const copy = vscode.l10n.t('Copy to the clipboard');
  const where = args.target === 'insert' ? insert : args.target === 'copy' ? copy : await vscode.window.showQuickPick([insert, copy], { title: format.label });
  if (!where) return;
  const output = formatAbbreviationList(items, format.format, writingLanguage(text));
  if (where === copy) {
    await vscode.env.clipboard.writeText(output);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} abbreviations.', items.length));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, editor.selection.active, output);
  await vscode.workspace.applyEdit(edit);
}
