/**
 * The "Search Terms" QuickPick: the core's ranked search (names, abbreviations, brands, Chinese names and
 * their pinyin or initials, misspellings) as the author types; Enter inserts the best match, the item
 * buttons insert the first use, open the card or copy an identifier. When nothing fits, it says so and offers
 * what else there is: the weak matches the search holds back, browsing the Lexicon view, and building a
 * lexicon from the document.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../core/ids';
import { primaryAbbreviation } from '../core/writing/insert';
import type { Entry } from '../core/lexicon/lexicon';
import { definitionIn, labelIn } from '../core/lexicon/lexicon';
import { logErrors } from '../core/log';
import type { SearchResult } from '../core/search/search';
import { displayLanguage } from './config';
import type { TermActions } from './termItems';
import { CATEGORY_ICONS, shortDefinition } from './termItems';

/** How many ranked results the QuickPick shows. */
const PICK_LIMIT = 40;

/** An entry, or one of the offers made when nothing fits. */
interface PickItem extends vscode.QuickPickItem {
  id?: string;
  offer?: 'weak' | 'browse' | 'mine';
}

/** Opens the picker, with the selection of the active editor (one short line) as the query. */
export async function showSearchPicker(actions: TermActions): Promise<void> {
  const { deps } = actions;
  const editor = vscode.window.activeTextEditor;
  const lang = displayLanguage();
  const other = lang === 'en' ? 'zh' : 'en';
  const buttons = {
    firstUse: { iconPath: new vscode.ThemeIcon('symbol-text'), tooltip: vscode.l10n.t('Insert as first use: full name (abbreviation)') },
    card: { iconPath: new vscode.ThemeIcon('book'), tooltip: vscode.l10n.t('Open the term card') },
    copy: { iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy an identifier') },
  };
  const toItem = (e: Entry, ranked: boolean): PickItem => {
    const abbr = primaryAbbreviation(e);
    return {
      id: e.id,
      label: `$(${CATEGORY_ICONS[e.category]}) ${labelIn(e, lang)}`,
      description: [abbr, e.label[other]].filter((x) => x !== undefined && x !== '' && x !== labelIn(e, lang)).join(' · '),
      detail: shortDefinition(definitionIn(e, lang)),
      // VS Code's own filter would hide matches it does not understand ("pembro" → Keytruda, "pbl" → 帕博利珠单抗).
      alwaysShow: ranked,
      buttons: [buttons.firstUse, buttons.card, buttons.copy],
    };
  };
  /** What the picker offers when no term fits (the title says so). */
  const nothingFits = (weak: readonly SearchResult[]): PickItem[] => [
    { label: vscode.l10n.t('Try instead'), kind: vscode.QuickPickItemKind.Separator },
    ...(weak.length > 0
      ? [{ label: `$(eye) ${vscode.l10n.t('Show {0} weak matches', weak.length)}`, detail: vscode.l10n.t('Terms whose definition mentions it, or that look a little like it'), offer: 'weak' as const, alwaysShow: true }]
      : []),
    { label: `$(list-tree) ${vscode.l10n.t('Browse the terms by category in the Lexicon view')}`, offer: 'browse', alwaysShow: true },
    { label: `$(book) ${vscode.l10n.t('Build a lexicon from this document')}`, detail: vscode.l10n.t('For terms the document defines that the lexicon lacks'), offer: 'mine', alwaysShow: true },
  ];

  const qp = vscode.window.createQuickPick<PickItem>();
  const title = vscode.l10n.t('OncoLex: Search Terms');
  qp.title = title;
  qp.placeholder = vscode.l10n.t('Name, abbreviation, brand, Chinese term or its pinyin (e.g. pembro, pdl1, 调节性, pbl)');
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  const browse = () => [...deps.lexicon.lexicon.entries].sort((a, b) => labelIn(a, lang).localeCompare(labelIn(b, lang))).map((e) => toItem(e, false));
  const update = (value: string) => {
    const t0 = Date.now();
    qp.title = title;
    if (value.trim() === '') qp.items = browse();
    else {
      const index = actions.searchIndex();
      const results = index.search(value, { limit: PICK_LIMIT });
      if (results.length > 0) qp.items = results.map((r) => toItem(r.entry, true));
      else {
        // Said where the eye is (the title), rather than offering the nearest weak guess as an answer.
        qp.title = vscode.l10n.t('OncoLex: Search Terms — no term fits “{0}”', value.trim());
        qp.items = nothingFits(index.search(value, { limit: PICK_LIMIT, minScore: 0 }));
      }
    }
    // The best match is the one Enter takes, whatever was active for the previous keystroke.
    const first = qp.items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    if (first) qp.activeItems = [first];
    deps.log.trace(`search '${value}': ${qp.items.length} items in ${Date.now() - t0} ms`);
  };
  const selected = editor && !editor.selection.isEmpty && editor.selection.isSingleLine ? editor.document.getText(editor.selection) : '';
  const disposables: vscode.Disposable[] = [
    qp.onDidChangeValue(update),
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (item?.offer === 'weak') {
        const weak = actions.searchIndex().search(qp.value, { limit: PICK_LIMIT, minScore: 0 });
        qp.items = weak.map((r) => ({ ...toItem(r.entry, true), description: [vscode.l10n.t('weak match'), toItem(r.entry, true).description].filter((d) => d).join(' · ') }));
        if (qp.items.length > 0) qp.activeItems = [qp.items[0]];
        return;
      }
      qp.hide();
      if (item?.offer === 'browse') return logErrors(actions.filterLexicon(''), 'browse lexicon', deps.log);
      if (item?.offer === 'mine') return logErrors(Promise.resolve(vscode.commands.executeCommand(COMMANDS.mineLexicon)), 'mine lexicon', deps.log);
      const entry = item?.id ? deps.lexicon.entry(item.id) : undefined;
      if (!entry) return;
      if (editor) logErrors(actions.insertInto(editor, entry, 'preferred'), 'insert term', deps.log);
      else logErrors(deps.showEntry(entry.id), 'show entry', deps.log);
    }),
    qp.onDidTriggerItemButton((ev) => {
      const entry = ev.item.id ? deps.lexicon.entry(ev.item.id) : undefined;
      if (!entry) return;
      qp.hide();
      if (ev.button === buttons.firstUse) logErrors(actions.insertInto(editor, entry, 'firstUse'), 'insert first use', deps.log);
      else if (ev.button === buttons.card) logErrors(deps.showEntry(entry.id), 'show entry', deps.log);
      else if (ev.button === buttons.copy) logErrors(actions.copyIdentifier(entry), 'copy identifier', deps.log);
    }),
    qp.onDidHide(() => {
      for (const d of disposables) d.dispose();
      qp.dispose();
    }),
  ];
  if (selected.length > 0 && selected.length <= 60) qp.value = selected;
  update(qp.value);
  qp.show();
}
