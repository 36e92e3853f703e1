/**
 * "OncoLex: Spell-Checker Dictionary": the lexicon's words (built-in and workspace lexicons) as a Code Spell
 * Checker configuration, LTeX's `ltex.dictionary` setting or a word list (src/core/lexicon/dictionary.ts), opened as
 * an unsaved document to save where the spell checker reads it.
 */
import * as vscode from 'vscode';
import type { DictionaryFormat } from '../core/lexicon/dictionary';
import { formatDictionary } from '../core/lexicon/dictionary';
import { COMMANDS } from '../core/ids';
import type { Logger } from '../core/log';
import { logErrors } from '../core/log';
import type { LexiconService } from './lexiconService';

interface FormatItem extends vscode.QuickPickItem {
  format: DictionaryFormat;
}

/** Registers the command; a keybinding or a test may pass the format to skip the QuickPick. */
export function registerDictionaryCommand(context: vscode.ExtensionContext, deps: { lexicon: LexiconService; log: Logger }): void {
  const run = async (arg?: unknown) => {
    let format = typeof arg === 'string' ? (arg as DictionaryFormat) : undefined;
    if (format === undefined) {
      const items: FormatItem[] = [
        { format: 'cspell', label: vscode.l10n.t('Code Spell Checker configuration'), description: 'cspell.json' },
        { format: 'ltex', label: vscode.l10n.t('LTeX dictionary setting'), description: 'ltex.dictionary' },
        { format: 'plain', label: vscode.l10n.t('Word list, one word a line'), description: '.txt' },
      ];
      format = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('OncoLex: Spell-Checker Dictionary') }))?.format;
      if (format === undefined) return;
    }
    const content = formatDictionary(deps.lexicon.lexicon.entries, format);
    const doc = await vscode.workspace.openTextDocument({ language: format === 'plain' ? 'plaintext' : 'json', content });
    await vscode.window.showTextDocument(doc);
  };
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.spellDictionary, (arg?: unknown) => logErrors(run(arg), 'spell-checker dictionary', deps.log)));
}
