/**
 * Term search and insertion in VS Code: the "Search Terms" QuickPick, the insert / first-use / copy
 * identifier / show mentions commands, and the "Lexicon" tree view with mention counts of the active
 * document. The ranking, the inserted text and its escaping come from the core (search.ts, insert.ts).
 */
import * as vscode from 'vscode';
import { categoryPluralLabel } from '../core/card';
import { COMMANDS, VIEWS } from '../core/ids';
import type { DocumentTerm } from '../core/documentAnnotation';
import { DOCUMENT_TERM_PREFIX } from '../core/documentAnnotation';
import type { DocumentMentions } from '../core/incremental';
import type { InsertForm } from '../core/insert';
import { INSERT_FORMS, isInMath, primaryAbbreviation, textToInsert, writingLanguage } from '../core/insert';
import type { Category, Entry, IdSystem } from '../core/lexicon';
import { CATEGORIES, ID_SYSTEM_LABELS } from '../core/lexicon';
import type { Logger } from '../core/log';
import { logErrors } from '../core/log';
import type { Mention } from '../core/matcher';
import { languageOf } from '../core/regions';
import type { SearchIndex } from '../core/search';
import { searchIndexFor } from '../core/search';
import { displayLanguage } from './config';
import { documentEditor, termAtCursor } from './editors';
import type { LexiconService } from './lexiconService';

export interface SearchDeps {
  lexicon: LexiconService;
  log: Logger;
  mentionsOf(document: vscode.TextDocument): DocumentMentions | undefined;
  showEntry(id: string): Promise<void>;
}

/** Codicons per category, in the QuickPick and the tree. */
export const CATEGORY_ICONS: Record<Category, string> = {
  'immune-cell': 'shield',
  molecule: 'symbol-structure',
  drug: 'beaker',
  tumor: 'flame',
  concept: 'lightbulb',
  trial: 'checklist',
  outcome: 'graph',
};

/** How many ranked results the QuickPick shows. */
const PICK_LIMIT = 40;
/** How much text around the cursor decides the writing language and whether it is in math. */
const CONTEXT_BEFORE = 20000;
const LANGUAGE_SAMPLE = 1500;
const TREE_REFRESH_DEBOUNCE_MS = 400;

/**
 * Accepts `{ id }`, `[{ id }]` (command links pass arrays), a plain id string, or a node of the Lexicon
 * view (`{ kind: 'entry', entry }`, what its context menu passes).
 */
function argId(arg: unknown): string | undefined {
  const a = Array.isArray(arg) ? arg[0] : arg;
  if (typeof a === 'string') return a;
  if (!a || typeof a !== 'object') return undefined;
  const o = a as { id?: unknown; entry?: { id?: unknown } };
  if (typeof o.id === 'string') return o.id;
  if (o.entry && typeof o.entry.id === 'string') return o.entry.id;
  return undefined;
}

function argForm(arg: unknown): InsertForm | undefined {
  const a = Array.isArray(arg) ? arg[0] : arg;
  const f = a && typeof a === 'object' ? (a as { form?: unknown }).form : undefined;
  return INSERT_FORMS.includes(f as InsertForm) ? (f as InsertForm) : undefined;
}

/** The first sentence of a definition, shortened for one line. */
function shortDefinition(text: string, max = 140): string {
  const first = /^.*?[.。](?=\s|$)/u.exec(text)?.[0] ?? text;
  return first.length <= max ? first : `${first.slice(0, max - 1).trimEnd()}…`;
}

/** Inserts the chosen form of an entry at every selection of an editor, in one undoable edit. */
export async function insertEntry(editor: vscode.TextEditor, entry: Entry, form: InsertForm): Promise<boolean> {
  const doc = editor.document;
  const markup = languageOf(doc.languageId);
  const edits = editor.selections.map((sel) => {
    const offset = doc.offsetAt(sel.start);
    const start = Math.max(0, offset - CONTEXT_BEFORE);
    const before = doc.getText(new vscode.Range(doc.positionAt(start), sel.start));
    const after = doc.getText(new vscode.Range(sel.end, doc.positionAt(doc.offsetAt(sel.end) + LANGUAGE_SAMPLE)));
    const lang = writingLanguage(before.slice(-LANGUAGE_SAMPLE) + after);
    const inMath = isInMath(before, before.length, markup);
    return { sel, text: textToInsert(entry, { form, lang, markup, inMath }) };
  });
  return editor.edit((b) => {
    for (const e of edits) b.replace(e.sel, e.text);
  });
}

interface TermItem extends vscode.QuickPickItem {
  id: string;
}

/** Mention counts by entry id. */
function countMentions(mentions: readonly Mention[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
  return counts;
}

/** A term the active document defines and the lexicon lacks, with its uses there and its line. */
interface DocumentTermItem {
  term: DocumentTerm;
  count: number;
  line: number;
}

type Node =
  | { kind: 'category'; category: Category }
  | { kind: 'entry'; entry: Entry }
  | { kind: 'document' }
  | { kind: 'term'; item: DocumentTermItem };

const DOCUMENT_NODE: Node = { kind: 'document' };

/** The "Lexicon" view: categories, then entries with their mention counts in the active document. */
class LexiconTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private counts = new Map<string, number>();
  private categoryNodes = new Map<Category, Node>();
  /** The terms of the active document that the lexicon lacks (`Low-dose radiotherapy (LDRT)`). */
  private documentTerms: DocumentTermItem[] = [];

  constructor(private readonly deps: SearchDeps) {}

  /** Recounts mentions of the active document and redraws. */
  refresh(): void {
    const editor = documentEditor();
    const mentions = editor ? this.deps.mentionsOf(editor.document) : undefined;
    this.counts = mentions ? countMentions(mentions.mentions) : new Map();
    this.documentTerms = [];
    if (editor && mentions) {
      for (const term of mentions.terms.values()) {
        if (term.local) this.documentTerms.push({ term, count: this.counts.get(term.id) ?? 0, line: editor.document.positionAt(term.definedAt).line + 1 });
      }
    }
    this.emitter.fire(undefined);
  }

  /** Whether the active document has mention counts (an annotated Markdown or LaTeX document). */
  hasDocument(): boolean {
    const editor = documentEditor();
    return editor !== undefined && this.deps.mentionsOf(editor.document) !== undefined;
  }

  getChildren(node?: Node): Node[] {
    const entries = this.deps.lexicon.lexicon.entries;
    if (!node) {
      this.categoryNodes = new Map(CATEGORIES.filter((c) => entries.some((e) => e.category === c)).map((c) => [c, { kind: 'category', category: c } as Node]));
      return [...(this.documentTerms.length > 0 ? [DOCUMENT_NODE] : []), ...this.categoryNodes.values()];
    }
    if (node.kind === 'document') return this.documentTerms.map((item) => ({ kind: 'term', item }));
    if (node.kind !== 'category') return [];
    const lang = displayLanguage();
    return entries
      .filter((e) => e.category === node.category)
      .sort((a, b) => a.label[lang].localeCompare(b.label[lang], lang === 'zh' ? 'zh-CN' : 'en'))
      .map((entry) => ({ kind: 'entry', entry }));
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'term') return DOCUMENT_NODE;
    return node.kind === 'entry' ? this.categoryNodes.get(node.entry.category) : undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const lang = displayLanguage();
    if (node.kind === 'document') {
      const item = new vscode.TreeItem(vscode.l10n.t('Defined in this document'), vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'document';
      item.iconPath = new vscode.ThemeIcon('file-text');
      item.description = vscode.l10n.t('{0} terms', this.documentTerms.length);
      return item;
    }
    if (node.kind === 'term') {
      const { term, count, line } = node.item;
      const item = new vscode.TreeItem(term.short, vscode.TreeItemCollapsibleState.None);
      item.id = `term:${term.id}`;
      item.description = `${count} · ${term.long}`;
      item.tooltip = vscode.l10n.t('{0}: defined in this document, line {1}; {2} mentions. Click to go to the next one.', `${term.short} (${term.long})`, line, count);
      item.iconPath = new vscode.ThemeIcon(CATEGORY_ICONS[term.category]);
      item.contextValue = 'oncolex.documentTerm';
      item.command = { command: COMMANDS.revealNextMention, title: vscode.l10n.t('Reveal Next Mention'), arguments: [{ id: term.id }] };
      return item;
    }
    if (node.kind === 'category') {
      const c = node.category;
      const entries = this.deps.lexicon.lexicon.entries.filter((e) => e.category === c);
      const mentioned = entries.reduce((n, e) => n + (this.counts.get(e.id) ?? 0), 0);
      const item = new vscode.TreeItem(categoryPluralLabel(c, lang), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `category:${c}`;
      item.iconPath = new vscode.ThemeIcon(CATEGORY_ICONS[c]);
      item.description = mentioned > 0 ? vscode.l10n.t('{0} entries · {1} mentions', entries.length, mentioned) : vscode.l10n.t('{0} entries', entries.length);
      item.contextValue = 'oncolex.category';
      return item;
    }
    const e = node.entry;
    const count = this.counts.get(e.id) ?? 0;
    const item = new vscode.TreeItem(e.label[lang], vscode.TreeItemCollapsibleState.None);
    item.id = `entry:${e.id}`;
    const abbr = primaryAbbreviation(e);
    item.description = [count > 0 ? `${count}` : undefined, abbr].filter((x) => x !== undefined).join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${e.label.en} · ${e.label.zh}\n\n${shortDefinition(e.definition[lang], 400)}\n\n`);
    tooltip.appendText(count > 0 ? vscode.l10n.t('{0} mentions in this document; click to go to the next one.', count) : vscode.l10n.t('Not mentioned in this document; click to open its card.'));
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(count > 0 ? 'circle-filled' : 'circle-outline');
    item.contextValue = 'oncolex.entry';
    item.command = { command: COMMANDS.revealNextMention, title: vscode.l10n.t('Reveal Next Mention'), arguments: [{ id: e.id }] };
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** Registers the search, insertion and mention commands and the Lexicon view. */
export function registerSearch(context: vscode.ExtensionContext, deps: SearchDeps): void {
  let index: SearchIndex | undefined;
  // The index is built on first use and dropped when the lexicon changes (the next use rebuilds it).
  const searchIndex = (): SearchIndex => {
    if (!index) {
      index = searchIndexFor(deps.lexicon.lexicon);
      const ms = index.build();
      deps.log.info(`search index of ${deps.lexicon.lexicon.entries.length} entries built in ${ms.toFixed(1)} ms`);
    }
    return index;
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
        : await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Copy an identifier of “{0}”', entry.label[lang]), placeHolder: vscode.l10n.t('Identifier to copy') });
    if (!pick) return;
    await vscode.env.clipboard.writeText(pick.value);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', `${pick.description ?? ''} ${pick.value}`.trim()), 4000);
  };

  const searchTerms = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    const lang = displayLanguage();
    const other = lang === 'en' ? 'zh' : 'en';
    const buttons = {
      firstUse: { iconPath: new vscode.ThemeIcon('symbol-text'), tooltip: vscode.l10n.t('Insert as first use: full name (abbreviation)') },
      card: { iconPath: new vscode.ThemeIcon('book'), tooltip: vscode.l10n.t('Open the term card') },
      copy: { iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy an identifier') },
    };
    const toItem = (e: Entry, ranked: boolean): TermItem => {
      const abbr = primaryAbbreviation(e);
      return {
        id: e.id,
        label: `$(${CATEGORY_ICONS[e.category]}) ${e.label[lang]}`,
        description: [abbr, e.label[other]].filter((x) => x !== undefined && x !== e.label[lang]).join(' · '),
        detail: shortDefinition(e.definition[lang]),
        // VS Code's own filter would hide fuzzy matches it does not understand ("pembro" → Keytruda).
        alwaysShow: ranked,
        buttons: [buttons.firstUse, buttons.card, buttons.copy],
      };
    };
    const qp = vscode.window.createQuickPick<TermItem>();
    qp.title = vscode.l10n.t('OncoLex: Search Terms');
    qp.placeholder = vscode.l10n.t('Name, abbreviation, brand or Chinese term (e.g. pembro, pdl1, 调节性)');
    qp.matchOnDescription = false;
    qp.matchOnDetail = false;
    const browse = () =>
      [...deps.lexicon.lexicon.entries].sort((a, b) => a.label[lang].localeCompare(b.label[lang])).map((e) => toItem(e, false));
    const update = (value: string) => {
      const t0 = Date.now();
      qp.items = value.trim() === '' ? browse() : searchIndex().search(value, { limit: PICK_LIMIT }).map((r) => toItem(r.entry, true));
      // The best match is the one Enter takes, whatever was active for the previous keystroke.
      if (qp.items.length > 0) qp.activeItems = [qp.items[0]];
      deps.log.trace(`search '${value}': ${qp.items.length} items in ${Date.now() - t0} ms`);
    };
    const selected = editor && !editor.selection.isEmpty && editor.selection.isSingleLine ? editor.document.getText(editor.selection) : '';
    const disposables: vscode.Disposable[] = [
      qp.onDidChangeValue(update),
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0] ?? qp.activeItems[0];
        const entry = item ? deps.lexicon.entry(item.id) : undefined;
        qp.hide();
        if (!entry) return;
        if (editor) logErrors(insertInto(editor, entry, 'preferred'), 'insert term', deps.log);
        else logErrors(deps.showEntry(entry.id), 'show entry', deps.log);
      }),
      qp.onDidTriggerItemButton((ev) => {
        const entry = deps.lexicon.entry(ev.item.id);
        if (!entry) return;
        qp.hide();
        if (ev.button === buttons.firstUse) logErrors(insertInto(editor, entry, 'firstUse'), 'insert first use', deps.log);
        else if (ev.button === buttons.card) logErrors(deps.showEntry(entry.id), 'show entry', deps.log);
        else if (ev.button === buttons.copy) logErrors(copyIdentifier(entry), 'copy identifier', deps.log);
      }),
      qp.onDidHide(() => {
        for (const d of disposables) d.dispose();
        qp.dispose();
      }),
    ];
    if (selected.length > 0 && selected.length <= 60) qp.value = selected;
    update(qp.value);
    qp.show();
  };

  const insertTerm = async (arg: unknown, fallbackForm: InsertForm): Promise<void> => {
    const id = argId(arg);
    if (!id) return searchTerms();
    const entry = entryOrWarn(id);
    if (entry) await insertInto(vscode.window.activeTextEditor, entry, argForm(arg) ?? fallbackForm);
  };

  const showMentions = async (arg: unknown): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    const mentions = editor ? deps.mentionsOf(editor.document) : undefined;
    if (!editor || !mentions) {
      void vscode.window.showInformationMessage(vscode.l10n.t('OncoLex: open a Markdown or LaTeX document to see mentions.'));
      return;
    }
    const doc = editor.document;
    const id = argId(arg) ?? mentions.entryAt(doc.offsetAt(editor.selection.active));
    if (!id) return searchTerms();
    const entry = entryOrWarn(id);
    if (!entry) return;
    const lang = displayLanguage();
    const own = mentions.mentions.filter((m) => m.id === id);
    if (own.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('“{0}” is not mentioned in this document.', entry.label[lang]));
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
    qp.title = vscode.l10n.t('Mentions of “{0}” ({1})', entry.label[lang], own.length);
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
  };

  const revealNextMention = async (arg: unknown): Promise<void> => {
    const id = argId(arg);
    // A term the document defines has no lexicon entry; its mentions are still there to walk through.
    const entry = id?.startsWith(DOCUMENT_TERM_PREFIX) ? undefined : entryOrWarn(id);
    if (!id || (!entry && !id.startsWith(DOCUMENT_TERM_PREFIX))) return;
    const editor = vscode.window.activeTextEditor;
    const mentions = editor ? deps.mentionsOf(editor.document) : undefined;
    const own = mentions ? mentions.mentions.filter((m) => m.id === id) : [];
    if (!editor || own.length === 0) {
      // Nothing to reveal: the card is the next most useful thing for an entry picked in the view.
      if (entry) await deps.showEntry(entry.id);
      return;
    }
    const doc = editor.document;
    const cursor = doc.offsetAt(editor.selection.active);
    // After the cursor, so that repeated clicks walk through the mentions; wrap at the end.
    const m = own.find((x) => x.start > cursor || (x.start === cursor && editor.selection.isEmpty)) ?? own[0];
    const range = new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end));
    editor.selection = new vscode.Selection(range.end, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const tree = new LexiconTree(deps);
  const view = vscode.window.createTreeView(VIEWS.lexicon, { treeDataProvider: tree, showCollapseAll: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refreshView = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!view.visible) return;
    tree.refresh();
    const editor = documentEditor();
    view.description = editor && tree.hasDocument() ? vscode.workspace.asRelativePath(editor.document.uri) : undefined;
    view.message = tree.hasDocument() ? undefined : vscode.l10n.t('Open a Markdown or LaTeX document to see how often each term is mentioned.');
  };
  const refreshSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refreshView, TREE_REFRESH_DEBOUNCE_MS);
  };

  context.subscriptions.push(
    tree,
    view,
    { dispose: () => timer && clearTimeout(timer) },
    deps.lexicon.onDidChange(() => {
      index = undefined;
      refreshView();
    }),
    view.onDidChangeVisibility(() => refreshView()),
    vscode.window.onDidChangeActiveTextEditor(() => refreshView()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === documentEditor()?.document && e.contentChanges.length > 0) refreshSoon();
    }),
    vscode.commands.registerCommand(COMMANDS.searchTerms, () => logErrors(searchTerms(), 'search terms', deps.log)),
    vscode.commands.registerCommand(COMMANDS.insertTerm, (arg?: unknown) => insertTerm(arg, 'preferred')),
    vscode.commands.registerCommand(COMMANDS.insertFirstUse, (arg?: unknown) => insertTerm(arg, 'firstUse')),
    vscode.commands.registerCommand(COMMANDS.copyIdentifier, async (arg?: unknown) => {
      const id = argId(arg) ?? (await pickEntryId());
      const entry = entryOrWarn(id);
      if (entry) await copyIdentifier(entry);
    }),
    vscode.commands.registerCommand(COMMANDS.showMentions, (arg?: unknown) => showMentions(arg)),
    vscode.commands.registerCommand(COMMANDS.revealNextMention, (arg?: unknown) => revealNextMention(arg)),
  );

  /** For commands run from the palette without an id: the term at the cursor, else none. */
  async function pickEntryId(): Promise<string | undefined> {
    const here = termAtCursor(vscode.window.activeTextEditor, deps.mentionsOf);
    if (here) return here;
    void vscode.window.showInformationMessage(vscode.l10n.t('OncoLex: put the cursor on a term, or use “Search Terms” and its copy button.'));
    return undefined;
  }
}
