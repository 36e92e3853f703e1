import * as vscode from 'vscode';
import { COMMANDS, SETTINGS } from '../core/ids';
import type { DocumentMentions, ParagraphReader } from '../core/matching/incremental';
import { DocumentMentions as Mentions } from '../core/matching/incremental';
import type { Category } from '../core/lexicon/lexicon';
import { CATEGORIES } from '../core/lexicon/lexicon';
import type { Logger } from '../core/log';
import type { Mention } from '../core/matching/matcher';
import { isBlankLine, languageOf } from '../core/text/regions';
import type { HighlightStyle } from '../core/settings';
import { onSettingsChanged, setting } from './config';
import { documentEditor } from './editors';
import type { LexiconService } from './lexiconService';

/** Above this many mentions only the visible part of an editor (with a margin) is decorated. */
const DECORATE_ALL_LIMIT = 5000;
/** Lines decorated above and below the visible ranges when decorating a window. */
const WINDOW_MARGIN_LINES = 200;
const REDRAW_DEBOUNCE_MS = 30;

/** Theme colour id of a category (contributes.colors). */
export function categoryColorId(c: Category, background = false): string {
  const camel = c.replace(/-([a-z])/g, (_m, ch: string) => ch.toUpperCase());
  return `oncolex.${camel}${background ? 'Background' : ''}`;
}

function decorationOptions(c: Category, style: HighlightStyle): vscode.DecorationRenderOptions {
  const color = new vscode.ThemeColor(categoryColorId(c));
  switch (style) {
    case 'background':
      return { backgroundColor: new vscode.ThemeColor(categoryColorId(c, true)), borderRadius: '2px' };
    case 'text':
      return { color, fontWeight: '600' };
    case 'underline':
      // Rounded bottom corners taper each underline's ends, so that two adjacent mentions of one category
      // (frequent in Chinese, which has no spaces) show as two lines, not one.
      return { borderStyle: 'none none solid none', borderWidth: '0 0 2px 0', borderColor: color, borderRadius: '0 0 3px 3px' };
  }
}

interface DocState {
  mentions: DocumentMentions;
  version: number;
  tooLarge: boolean;
}

/** A {@link ParagraphReader} over a live document, reading lines around the edit only. */
function documentParagraphReader(doc: vscode.TextDocument): ParagraphReader {
  return {
    paragraphs(from, to) {
      let first = doc.positionAt(from).line;
      let last = doc.positionAt(to).line;
      while (first > 0 && !isBlankLine(doc.lineAt(first - 1).text)) first--;
      while (last < doc.lineCount - 1 && !isBlankLine(doc.lineAt(last + 1).text)) last++;
      const range = new vscode.Range(first, 0, last, doc.lineAt(last).text.length);
      return { start: doc.offsetAt(range.start), text: doc.getText(range) };
    },
  };
}

/**
 * Finds mentions in open Markdown/LaTeX documents, keeps them up to date by paragraph, decorates visible
 * editors by category and shows the count in the status bar.
 */
export class Highlighter implements vscode.Disposable {
  private readonly docs = new Map<string, DocState>();
  private decorationTypes = new Map<Category, vscode.TextEditorDecorationType>();
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Decorated ranges per document URI (count and the offsets of the first and last), for the test API. */
  private readonly decorated = new Map<string, { count: number; first: number; last: number }>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires (debounced with the redraw) after a document's mentions changed. */
  readonly onDidChangeMentions = this.changeEmitter.event;

  constructor(
    private readonly lexicon: LexiconService,
    private readonly log: Logger,
  ) {
    this.status = vscode.window.createStatusBarItem('oncolex.status', vscode.StatusBarAlignment.Right, 100);
    this.status.name = 'OncoLex';
    this.status.command = COMMANDS.toggleHighlighting;
    this.createDecorationTypes();
    this.disposables.push(
      this.status,
      this.changeEmitter,
      vscode.workspace.onDidOpenTextDocument((d) => this.track(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.redrawVisible()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (this.mentionCount(e.textEditor.document) > DECORATE_ALL_LIMIT) this.schedule(e.textEditor.document);
      }),
      onSettingsChanged((e) => {
        if (e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.highlightStyle}`)) this.createDecorationTypes();
        const rescan = [SETTINGS.maxFileSizeKB, SETTINGS.highlightLanguages, SETTINGS.highlightGeneric, SETTINGS.lexiconGenerated];
        if (rescan.some((key) => e.affectsConfiguration(`${SETTINGS.section}.${key}`))) {
          this.docs.clear();
          for (const d of vscode.workspace.textDocuments) this.track(d);
        }
        this.redrawVisible();
      }),
      lexicon.onDidChange(() => {
        this.docs.clear();
        for (const d of vscode.workspace.textDocuments) this.track(d);
        this.redrawVisible();
      }),
    );
    // The first annotation builds the matcher (tens of milliseconds): do it after activation returns.
    const initial = setTimeout(() => {
      for (const d of vscode.workspace.textDocuments) this.track(d);
      this.redrawVisible();
    }, 0);
    this.disposables.push({ dispose: () => clearTimeout(initial) });
  }

  private createDecorationTypes(): void {
    for (const t of this.decorationTypes.values()) t.dispose();
    const style = setting('highlight.style');
    this.decorationTypes = new Map(CATEGORIES.map((c) => [c, vscode.window.createTextEditorDecorationType(decorationOptions(c, style))]));
  }

  /** Whether a document is one we annotate (by language setting). */
  private applies(doc: vscode.TextDocument): boolean {
    const langs = setting('highlight.languages');
    if (languageOf(doc.languageId) === 'plain') return false;
    return langs[doc.languageId] !== false;
  }

  private track(doc: vscode.TextDocument): DocState | undefined {
    if (!this.applies(doc)) return undefined;
    const key = doc.uri.toString();
    const existing = this.docs.get(key);
    if (existing && existing.version === doc.version) return existing;
    const maxKB = setting('highlight.maxFileSizeKB');
    const mentions = new Mentions(this.lexicon.matcher, languageOf(doc.languageId), { includeGeneric: setting('highlight.generic'), includeGenerated: setting('lexicon.generated') });
    const text = doc.getText();
    const tooLarge = maxKB > 0 && text.length > maxKB * 1024;
    if (!tooLarge) {
      const t0 = Date.now();
      mentions.full(text);
      const ms = Date.now() - t0;
      if (ms > 50) this.log.info(`annotated ${doc.uri.fsPath} (${Math.round(text.length / 1024)} KB) in ${ms} ms`);
    }
    const state = { mentions, version: doc.version, tooLarge };
    this.docs.set(key, state);
    // Listeners (abbreviation hints, the Lexicon view) hear of the fresh mentions after this call returns.
    queueMicrotask(() => this.changeEmitter.fire(doc));
    return state;
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.docs.delete(key);
    this.decorated.delete(key);
    const p = this.pending.get(key);
    if (p) clearTimeout(p);
    this.pending.delete(key);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    const key = doc.uri.toString();
    const state = this.docs.get(key);
    if (!state) {
      if (this.applies(doc)) this.schedule(doc);
      return;
    }
    if (e.contentChanges.length === 0) return;
    const maxKB = setting('highlight.maxFileSizeKB');
    const reader = documentParagraphReader(doc);
    let ok = e.contentChanges.length === 1 && !state.tooLarge;
    if (ok) {
      const c = e.contentChanges[0];
      ok = state.mentions.applyChange({ start: c.rangeOffset, removedLength: c.rangeLength, insertedText: c.text }, reader);
    }
    if (!ok) {
      const text = doc.getText();
      state.tooLarge = maxKB > 0 && text.length > maxKB * 1024;
      if (state.tooLarge) state.mentions.mentions = [];
      else state.mentions.full(text);
    }
    state.version = doc.version;
    this.schedule(doc);
  }

  /** Debounces a redraw of the document's visible editors. */
  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const p = this.pending.get(key);
    if (p) clearTimeout(p);
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.track(doc);
        for (const ed of vscode.window.visibleTextEditors) if (ed.document === doc) this.draw(ed);
        this.updateStatus();
        this.changeEmitter.fire(doc);
      }, REDRAW_DEBOUNCE_MS),
    );
  }

  private redrawVisible(): void {
    for (const ed of vscode.window.visibleTextEditors) this.draw(ed);
    this.updateStatus();
  }

  /** Sets the decorations of one editor: all mentions, or those near the visible ranges of a large document. */
  private draw(editor: vscode.TextEditor): void {
    const doc = editor.document;
    const key = doc.uri.toString();
    const state = this.track(doc);
    const enabled = setting('highlight.enabled');
    const categories = setting('highlight.categories');
    const byCategory = new Map<Category, vscode.Range[]>(CATEGORIES.map((c) => [c, []]));
    let count = 0;
    let first = -1;
    let last = -1;
    if (state && enabled && !state.tooLarge) {
      let list: Mention[] = state.mentions.mentions;
      if (list.length > DECORATE_ALL_LIMIT) {
        list = [];
        for (const r of editor.visibleRanges) {
          const from = doc.offsetAt(new vscode.Position(Math.max(0, r.start.line - WINDOW_MARGIN_LINES), 0));
          const to = doc.offsetAt(new vscode.Position(Math.min(doc.lineCount - 1, r.end.line + WINDOW_MARGIN_LINES), 1e9));
          list.push(...state.mentions.between(from, to));
        }
      }
      for (const m of list) {
        if (categories[m.category] === false) continue;
        byCategory.get(m.category)!.push(new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end)));
        if (count === 0) first = m.start;
        last = m.start;
        count++;
      }
    }
    for (const [c, t] of this.decorationTypes) editor.setDecorations(t, byCategory.get(c) ?? []);
    this.decorated.set(key, { count, first, last });
  }

  private mentionCount(doc: vscode.TextDocument): number {
    return this.docs.get(doc.uri.toString())?.mentions.mentions.length ?? 0;
  }

  updateStatus(): void {
    const ed = documentEditor();
    const state = ed ? this.docs.get(ed.document.uri.toString()) : undefined;
    if (!ed || !state) {
      this.status.hide();
      return;
    }
    const enabled = setting('highlight.enabled');
    const md = new vscode.MarkdownString();
    if (state.tooLarge) {
      this.status.text = `$(book) ${vscode.l10n.t('OncoLex: too large')}`;
      md.appendText(vscode.l10n.t('This document is larger than {0} KB (setting oncolex.highlight.maxFileSizeKB), so OncoLex does not highlight it.', setting('highlight.maxFileSizeKB')));
    } else if (!enabled) {
      this.status.text = `$(book) ${vscode.l10n.t('OncoLex: off')}`;
      md.appendText(vscode.l10n.t('Highlighting is off. Click to turn it on.'));
    } else {
      const ms = state.mentions.mentions;
      this.status.text = `$(book) OncoLex: ${ms.length}`;
      const counts = new Map<Category, number>();
      for (const m of ms) counts.set(m.category, (counts.get(m.category) ?? 0) + 1);
      md.appendText(vscode.l10n.t('{0} lexicon terms in this document', ms.length));
      for (const c of CATEGORIES) if (counts.get(c)) md.appendMarkdown(`\n\n- ${c}: ${counts.get(c)}`);
      md.appendText('\n\n' + vscode.l10n.t('Click to turn highlighting off.'));
    }
    this.status.tooltip = md;
    this.status.show();
  }

  /** The mentions of a document (tracking it if needed). */
  mentionsOf(doc: vscode.TextDocument): DocumentMentions | undefined {
    const state = this.track(doc);
    return state && !state.tooLarge ? state.mentions : undefined;
  }

  /** Number of ranges decorated in visible editors of a document, for the test API. */
  decoratedCount(uri: string): number {
    return this.decorated.get(uri)?.count ?? 0;
  }

  /** Offsets of the first and last decorated mention of a document, for the test API. */
  decoratedSpan(uri: string): { first: number; last: number } | undefined {
    const d = this.decorated.get(uri);
    return d && d.count > 0 ? { first: d.first, last: d.last } : undefined;
  }

  async toggle(): Promise<void> {
    const enabled = setting('highlight.enabled');
    await vscode.workspace.getConfiguration(SETTINGS.section).update(SETTINGS.highlightEnabled, !enabled, vscode.ConfigurationTarget.Global);
    this.redrawVisible();
  }

  dispose(): void {
    for (const p of this.pending.values()) clearTimeout(p);
    for (const t of this.decorationTypes.values()) t.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
