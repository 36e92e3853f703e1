/**
 * The "Lexicon" view: the terms by category with their mention counts in the active document, the terms the
 * document defines that the lexicon lacks, and a filter that ranks the terms with the same search as
 * "Search Terms" and `oncolex search` (pinyin, initials, misspellings included).
 */
import * as vscode from 'vscode';
import { categoryPluralLabel } from '../core/cards/card';
import type { DocumentTerm } from '../core/matching/documentTerms';
import { COMMANDS, VIEWS } from '../core/ids';
import { primaryAbbreviation } from '../core/writing/insert';
import type { Category, Entry } from '../core/lexicon/lexicon';
import { CATEGORIES, definitionIn, labelIn } from '../core/lexicon/lexicon';
import type { Mention } from '../core/matching/matcher';
import { displayLanguage } from './config';
import { documentEditor } from './editors';
import type { TermActions } from './termItems';
import { CATEGORY_ICONS, shortDefinition } from './termItems';

const TREE_REFRESH_DEBOUNCE_MS = 400;
/** At most this many terms in a filtered view. */
const FILTER_LIMIT = 200;
/** Whether the view is filtered (a `when` clause shows the right title button). */
const FILTERED_CONTEXT = 'oncolex.lexiconFiltered';

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
  | { kind: 'generated'; category: Category }
  | { kind: 'entry'; entry: Entry }
  | { kind: 'document' }
  | { kind: 'term'; item: DocumentTermItem };

const DOCUMENT_NODE: Node = { kind: 'document' };

/** The tree: categories, then entries with their mention counts in the active document; or the filter's ranked terms. */
class LexiconTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private counts = new Map<string, number>();
  private categoryNodes = new Map<Category, Node>();
  /** A category's generated (ontology-tier) entries the document does not mention, folded into one node. */
  private generatedNodes = new Map<Category, Node>();
  /** The terms of the active document that the lexicon lacks (`Low-dose radiotherapy (LDRT)`). */
  private documentTerms: DocumentTermItem[] = [];
  /** The filter's query ('' for none) and the entries it ranks, best first. */
  filter = '';
  private filtered: Entry[] = [];

  constructor(private readonly actions: TermActions) {}

  /** Recounts mentions of the active document, re-runs the filter and redraws. */
  refresh(): void {
    const editor = documentEditor();
    const mentions = editor ? this.actions.deps.mentionsOf(editor.document) : undefined;
    this.counts = mentions ? countMentions(mentions.mentions) : new Map();
    this.documentTerms = [];
    if (editor && mentions) {
      for (const term of mentions.terms.values()) {
        if (term.local) this.documentTerms.push({ term, count: this.counts.get(term.id) ?? 0, line: editor.document.positionAt(term.definedAt).line + 1 });
      }
    }
    this.filtered = this.filter === '' ? [] : this.actions.searchIndex().search(this.filter, { limit: FILTER_LIMIT }).map((r) => r.entry);
    this.emitter.fire(undefined);
  }

  /** How many terms the filter lets through. */
  get filteredCount(): number {
    return this.filtered.length;
  }

  /** Whether the active document has mention counts (an annotated Markdown or LaTeX document). */
  hasDocument(): boolean {
    const editor = documentEditor();
    return editor !== undefined && this.actions.deps.mentionsOf(editor.document) !== undefined;
  }

  getChildren(node?: Node): Node[] {
    const entries = this.actions.deps.lexicon.lexicon.entries;
    if (!node && this.filter !== '') return this.filtered.map((entry) => ({ kind: 'entry', entry }));
    if (!node) {
      this.categoryNodes = new Map(CATEGORIES.filter((c) => entries.some((e) => e.category === c)).map((c) => [c, { kind: 'category', category: c } as Node]));
      return [...(this.documentTerms.length > 0 ? [DOCUMENT_NODE] : []), ...this.categoryNodes.values()];
    }
    if (node.kind === 'document') return this.documentTerms.map((item) => ({ kind: 'term', item }));
    if (node.kind !== 'category' && node.kind !== 'generated') return [];
    const lang = displayLanguage();
    const byLabel = (a: Entry, b: Entry) => labelIn(a, lang).localeCompare(labelIn(b, lang), lang === 'zh' ? 'zh-CN' : 'en');
    // Thousands of generated entries would bury the curated ones: a category lists its curated entries and
    // the generated ones its document mentions, and folds the other generated ones into one node.
    const inCategory = entries.filter((e) => e.category === node.category);
    if (node.kind === 'generated') return inCategory.filter((e) => this.folded(e)).sort(byLabel).map((entry) => ({ kind: 'entry', entry }));
    const shown: Node[] = inCategory.filter((e) => !this.folded(e)).sort(byLabel).map((entry) => ({ kind: 'entry', entry }));
    if (inCategory.some((e) => this.folded(e))) {
      let g = this.generatedNodes.get(node.category);
      if (g === undefined) this.generatedNodes.set(node.category, (g = { kind: 'generated', category: node.category }));
      shown.push(g);
    }
    return shown;
  }

  /** Whether an entry sits in its category's generated node: generated, and not mentioned in the document. */
  private folded(e: Entry): boolean {
    return e.tier === 'generated' && !this.counts.has(e.id);
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'term') return DOCUMENT_NODE;
    if (this.filter !== '') return undefined;
    if (node.kind === 'generated') return this.categoryNodes.get(node.category);
    if (node.kind !== 'entry') return undefined;
    return this.folded(node.entry) ? this.generatedNodes.get(node.entry.category) : this.categoryNodes.get(node.entry.category);
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
      const entries = this.actions.deps.lexicon.lexicon.entries.filter((e) => e.category === c);
      const mentioned = entries.reduce((n, e) => n + (this.counts.get(e.id) ?? 0), 0);
      const item = new vscode.TreeItem(categoryPluralLabel(c, lang), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `category:${c}`;
      item.iconPath = new vscode.ThemeIcon(CATEGORY_ICONS[c]);
      item.description = mentioned > 0 ? vscode.l10n.t('{0} entries · {1} mentions', entries.length, mentioned) : vscode.l10n.t('{0} entries', entries.length);
      item.contextValue = 'oncolex.category';
      return item;
    }
    if (node.kind === 'generated') {
      const n = this.actions.deps.lexicon.lexicon.entries.filter((e) => e.category === node.category && this.folded(e)).length;
      const item = new vscode.TreeItem(vscode.l10n.t('From ontologies'), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `generated:${node.category}`;
      item.iconPath = new vscode.ThemeIcon('library');
      item.description = vscode.l10n.t('{0} entries', n);
      item.tooltip = vscode.l10n.t('Entries generated from open ontologies (HGNC, Cell Ontology, Disease Ontology, NCI Thesaurus) that this document does not mention; each card says its source and licence.');
      return item;
    }
    const e = node.entry;
    const count = this.counts.get(e.id) ?? 0;
    const item = new vscode.TreeItem(labelIn(e, lang), vscode.TreeItemCollapsibleState.None);
    // A filtered entry is another tree item than the same entry under its category (VS Code keys items by id).
    item.id = `${this.filter === '' ? '' : 'filtered:'}entry:${e.id}`;
    const abbr = primaryAbbreviation(e);
    const other = this.filter === '' ? undefined : e.label[lang === 'en' ? 'zh' : 'en'];
    item.description = [count > 0 ? `${count}` : undefined, abbr, other].filter((x) => x !== undefined && x !== '').join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${[e.label.en, e.label.zh].filter((x) => x !== '').join(' · ')}\n\n${shortDefinition(definitionIn(e, lang), 400)}\n\n`);
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

/** The view and its filter: `filter(query)` filters (the filter box when undefined; '' clears) and shows it. */
export interface LexiconView {
  filter(query?: string): Promise<void>;
}

/** Creates the Lexicon view, keeps its counts current and registers its filter commands. */
export function registerLexiconView(context: vscode.ExtensionContext, actions: TermActions): LexiconView {
  const tree = new LexiconTree(actions);
  const view = vscode.window.createTreeView(VIEWS.lexicon, { treeDataProvider: tree, showCollapseAll: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refreshView = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!view.visible) return;
    tree.refresh();
    const editor = documentEditor();
    const file = editor && tree.hasDocument() ? vscode.workspace.asRelativePath(editor.document.uri) : undefined;
    if (tree.filter !== '') {
      view.description = [`“${tree.filter}”`, file].filter((x) => x !== undefined).join(' · ');
      const n = tree.filteredCount;
      view.message =
        n > 1
          ? vscode.l10n.t('{0} terms fit “{1}”, best first.', n, tree.filter)
          : n === 1
            ? vscode.l10n.t('One term fits “{0}”.', tree.filter)
            : vscode.l10n.t('No term fits “{0}”. Try the start of a name, an abbreviation, the Chinese name or its pinyin initials (pbl), or clear the filter to browse by category.', tree.filter);
      return;
    }
    view.description = file;
    view.message = tree.hasDocument() ? undefined : vscode.l10n.t('Open a Markdown or LaTeX document to see how often each term is mentioned.');
  };
  const refreshSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refreshView, TREE_REFRESH_DEBOUNCE_MS);
  };
  const setFilter = (query: string) => {
    tree.filter = query.trim();
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, tree.filter !== '');
    refreshView();
  };

  const filter = async (query?: string): Promise<void> => {
    // Focusing the view makes it visible, so that refreshView draws it.
    await vscode.commands.executeCommand(`${VIEWS.lexicon}.focus`);
    if (query !== undefined) return setFilter(query);
    // The filter follows the box as the author types; Escape puts the previous one back.
    const previous = tree.filter;
    const box = vscode.window.createInputBox();
    box.title = vscode.l10n.t('Filter the Lexicon');
    box.placeholder = vscode.l10n.t('Name, abbreviation, brand, Chinese term or its pinyin (e.g. pembro, pdl1, 调节性, pbl)');
    box.value = previous;
    let accepted = false;
    const disposables = [
      box.onDidChangeValue((v) => setFilter(v)),
      box.onDidAccept(() => {
        accepted = true;
        box.hide();
      }),
      box.onDidHide(() => {
        if (!accepted) setFilter(previous);
        for (const d of disposables) d.dispose();
        box.dispose();
      }),
    ];
    box.show();
  };

  context.subscriptions.push(
    tree,
    view,
    { dispose: () => timer && clearTimeout(timer) },
    actions.deps.lexicon.onDidChange(() => refreshView()),
    view.onDidChangeVisibility(() => refreshView()),
    vscode.window.onDidChangeActiveTextEditor(() => refreshView()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === documentEditor()?.document && e.contentChanges.length > 0) refreshSoon();
    }),
    vscode.commands.registerCommand(COMMANDS.filterLexicon, (query?: unknown) => filter(typeof query === 'string' ? query : undefined)),
    vscode.commands.registerCommand(COMMANDS.clearLexiconFilter, () => setFilter('')),
  );
  return { filter };
}
