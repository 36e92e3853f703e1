/**
 * The term commands in VS Code, wired together: "Search Terms" (searchPicker.ts), the insert / first-use /
 * copy identifier commands, the mention commands (mentionCommands.ts) and the Lexicon view with its filter
 * (lexiconView.ts). The ranking, the inserted text and its escaping come from the core (search.ts,
 * insert.ts); this file holds what the commands share: the search index of the current lexicon, and
 * inserting and copying an entry.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../core/ids';
import type { InsertForm } from '../core/writing/insert';
import type { Entry, IdSystem, Lexicon } from '../core/lexicon/lexicon';
import { ID_SYSTEM_LABELS, labelIn } from '../core/lexicon/lexicon';
import { logErrors } from '../core/log';
import type { SearchIndex } from '../core/search/search';
import { searchIndexFor } from '../core/search/search';
import { displayLanguage } from './config';
import { termAtCursor } from './editors';
import { insertEntry } from './insertTerm';
import { registerLexiconView } from './lexiconView';
import { revealNextMention, showMentions } from './mentionCommands';
import { showSearchPicker } from './searchPicker';
import type { SearchDeps, TermActions } from './termItems';
import { argForm, argId } from './termItems';

/** Registers the search, insertion and mention commands and the Lexicon view. */
export function registerSearch(context: vscode.ExtensionContext, deps: SearchDeps): void {
  let index: { lexicon: Lexicon; index: SearchIndex } | undefined;
  // Built on first use, and again on the first use after the lexicon changed (a new lexicon object).
  const searchIndex = (): SearchIndex => {
    const lexicon = deps.lexicon.lexicon;
    if (index?.lexicon !== lexicon) {
      index = { lexicon, index: searchIndexFor(lexicon) };
      const ms = index.index.build();
      deps.log.info(`search index of ${lexicon.entries.length} entries built in ${ms.toFixed(1)} ms`);
    }
    return index.index;
  };

  const entryOrWarn = (id: string | undefined): Entry | undefined => {
    const entry = id ? deps.lexicon.entry(id) : undefined;
    if (id && !entry) void vscode.window.showWarningMessage(vscode.l10n.t('OncoLex: no lexicon entry with id “{0}”.', id));
    return entry;
  };

  const insertInto = async (editor: vscode.TextEditor | undefined, entry: Entry, form: InsertForm): Promise<void> => {
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('OncoLex: open a document to insert “{0}”.', entry.label.en));
      return;
    }
    const ok = await insertEntry(editor, entry, form);
    if (!ok) deps.log.warn(`insert ${entry.id}: the editor refused the edit (document changed or closed)`);
  };

  const copyIdentifier = async (entry: Entry): Promise<void> => {
    const lang = displayLanguage();
    const choices: (vscode.QuickPickItem & { value: string })[] = [
      ...(Object.entries(entry.ids) as [IdSystem, string][]).map(([sys, v]) => ({ label: v, description: ID_SYSTEM_LABELS[sys], value: v })),
      { label: entry.id, description: vscode.l10n.t('OncoLex entry id'), value: entry.id },
    ];
    const pick =
      choices.length === 1
        ? choices[0]
        : await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Copy an identifier of “{0}”', labelIn(entry, lang)), placeHolder: vscode.l10n.t('Identifier to copy') });
    if (!pick) return;
    await vscode.env.clipboard.writeText(pick.value);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', `${pick.description ?? ''} ${pick.value}`.trim()), 4000);
  };

  const actions: TermActions = {
    deps,
    searchIndex,
    entryOrWarn,
    insertInto,
    copyIdentifier,
    filterLexicon: (query) => view.filter(query),
  };
  const view = registerLexiconView(context, actions);
  const searchTerms = () => showSearchPicker(actions);

  const insertTerm = async (arg: unknown, fallbackForm: InsertForm): Promise<void> => {
    const id = argId(arg);
    if (!id) return searchTerms();
    const entry = entryOrWarn(id);
    if (entry) await insertInto(vscode.window.activeTextEditor, entry, argForm(arg) ?? fallbackForm);
  };

  /** For commands run from the palette without an id: the term at the cursor, else none. */
  const pickEntryId = (): string | undefined => {
    const here = termAtCursor(vscode.window.activeTextEditor, deps.mentionsOf);
    if (here) return here;
    void vscode.window.showInformationMessage(vscode.l10n.t('OncoLex: put the cursor on a term, or use “Search Terms” and its copy button.'));
    return undefined;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.searchTerms, () => logErrors(searchTerms(), 'search terms', deps.log)),
    vscode.commands.registerCommand(COMMANDS.insertTerm, (arg?: unknown) => insertTerm(arg, 'preferred')),
    vscode.commands.registerCommand(COMMANDS.insertFirstUse, (arg?: unknown) => insertTerm(arg, 'firstUse')),
    vscode.commands.registerCommand(COMMANDS.copyIdentifier, async (arg?: unknown) => {
      const entry = entryOrWarn(argId(arg) ?? pickEntryId());
      if (entry) await copyIdentifier(entry);
    }),
    vscode.commands.registerCommand(COMMANDS.showMentions, (arg?: unknown) => showMentions(actions, arg, searchTerms)),
    vscode.commands.registerCommand(COMMANDS.revealNextMention, (arg?: unknown) => revealNextMention(actions, arg)),
  );
}
