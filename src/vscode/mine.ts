import * as vscode from 'vscode';
import { COMMANDS } from '../core/ids';
import type { Logger } from '../core/log';
import { logErrors } from '../core/log';
import { Matcher } from '../core/matching/matcher';
import { mine, minedLexiconText } from '../core/mining/mine';
import { languageOf } from '../core/text/regions';
import type { Lexicon } from '../core/lexicon/lexicon';

/** The matcher over the built-in lexicon, built on first use (mining always compares with the built-in lexicon). */
let builtinMatcher: Matcher | undefined;

/** `report.md` → `report.oncolex.json` beside it. */
function lexiconUriFor(source: vscode.Uri): vscode.Uri {
  const base = source.path.replace(/\.[^./]*$/, '');
  return source.with({ path: `${base}.oncolex.json` });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * "OncoLex: Build Lexicon from This Document": mines the active document (or the file picked in the
 * Explorer) with the core miner and opens the result as an unsaved `*.oncolex.json` beside it, for review.
 * Saving it makes the entries live (the workspace lexicon watcher picks the file up). An existing file is
 * replaced only when the user says so, and then only in the editor, unsaved.
 */
async function mineLexicon(arg: unknown, log: Logger, builtinLexicon: () => Lexicon): Promise<void> {
  const source = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!source) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a document, or pick a file in the Explorer, to build a lexicon from.'));
    return;
  }
  const document = await vscode.workspace.openTextDocument(source);
  const name = source.scheme === 'untitled' ? source.path : vscode.workspace.asRelativePath(source);
  const t0 = Date.now();
  builtinMatcher ??= new Matcher(builtinLexicon());
  const result = mine([{ file: name, text: document.getText(), language: languageOf(document.languageId === 'plaintext' ? 'txt' : document.languageId) }], builtinMatcher);
  const text = minedLexiconText(result, [name]);
  const added = result.entries.filter((e) => e.extends === undefined).length;
  log.info(`mined ${name}: ${result.entries.length} entries (${added} new), ${result.abbreviations.length} abbreviations, ${Date.now() - t0} ms`);

  const target = lexiconUriFor(source.scheme === 'untitled' ? (vscode.workspace.workspaceFolders?.[0]?.uri ?? source) : source);
  let lexiconDoc: vscode.TextDocument;
  if (source.scheme !== 'untitled' && (await exists(target))) {
    const replace = vscode.l10n.t('Replace');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} exists. Replace its content with the lexicon mined from {1}? Nothing is saved until you save it.', vscode.workspace.asRelativePath(target), name),
      { modal: true },
      replace,
    );
    if (choice !== replace) return;
    lexiconDoc = await vscode.workspace.openTextDocument(target);
  } else {
    lexiconDoc = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(lexiconDoc.uri, new vscode.Range(0, 0, lexiconDoc.lineCount, 0), text);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(lexiconDoc, { preview: false });
  void vscode.window.showInformationMessage(
    vscode.l10n.t('{0} entries ({1} new) and {2} abbreviations from {3}. Review them, then save the file to use them.', result.entries.length, added, result.abbreviations.length, name),
  );
}

/** Registers "OncoLex: Build Lexicon from This Document". */
export function registerMineCommand(context: vscode.ExtensionContext, log: Logger, builtinLexicon: () => Lexicon): void {
  const run = async (arg?: unknown) => {
    try {
      await mineLexicon(arg, log, builtinLexicon);
    } catch (e) {
      // The user started this: say what went wrong, not only in the log.
      void vscode.window.showErrorMessage(vscode.l10n.t('OncoLex could not build a lexicon: {0}', e instanceof Error ? e.message : String(e)));
      throw e;
    }
  };
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.mineLexicon, (arg?: unknown) => logErrors(run(arg), 'build lexicon', log)));
}
