import * as vscode from 'vscode';
import type { EarlyAbbreviation } from '../core/abbreviations';
import { abbreviationsUsedBeforeDefinition, firstUseEdits, firstUseForm } from '../core/abbreviations';
import { writingLanguage } from '../core/insert';
import { languageOf } from '../core/regions';
import { onSettingsChanged, setting } from './config';
import { DocumentDebouncer } from './debounce';
import type { Highlighter } from './highlight';
import type { LexiconService } from './lexiconService';

const SOURCE = 'OncoLex';
const CODE = 'abbreviation-before-definition';
/** The check reads the whole text; wait for a pause in typing, and leave very large documents alone. */
const CHECK_DEBOUNCE_MS = 400;
const MAX_CHECKED_LENGTH = 2 * 1024 * 1024;

/**
 * A hint on the first use of an abbreviation that the document defines only later, with a quick fix
 * that writes the first-use form ("full name (ABBR)") there.
 */
export class AbbreviationChecker implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('oncolex-abbreviations');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly debouncer = new DocumentDebouncer(CHECK_DEBOUNCE_MS, (doc) => this.check(doc));

  constructor(
    private readonly lexicon: LexiconService,
    private readonly highlighter: Highlighter,
  ) {
    this.disposables.push(
      this.diagnostics,
      highlighter.onDidChangeMentions((doc) => this.schedule(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.diagnostics.delete(doc.uri)),
      onSettingsChanged(() => {
        for (const doc of vscode.workspace.textDocuments) this.check(doc);
      }),
    );
  }

  private schedule(doc: vscode.TextDocument): void {
    this.debouncer.schedule(doc);
  }

  check(doc: vscode.TextDocument): void {
    const enabled = setting('diagnostics.abbreviations') && doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) <= MAX_CHECKED_LENGTH;
    const mentions = enabled ? this.highlighter.mentionsOf(doc) : undefined;
    if (!mentions) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    const text = doc.getText();
    const found = abbreviationsUsedBeforeDefinition(mentions.mentions, mentions.terms, text);
    this.diagnostics.set(
      doc.uri,
      found.map((x) => {
        const entry = x.local ? undefined : this.lexicon.entry(x.id);
        const def = doc.positionAt(x.definedAt);
        const range = new vscode.Range(doc.positionAt(x.start), doc.positionAt(x.end));
        // A lexicon entry has its own first-use form; a term of the document, the document's own words.
        const firstUse = firstUseForm(x, entry, 'en', 'plain');
        const d = new vscode.Diagnostic(
          range,
          vscode.l10n.t('“{0}” is used before it is defined (line {1}). Define it at its first use: {2}', doc.getText(range), def.line + 1, firstUse),
          vscode.DiagnosticSeverity.Information,
        );
        d.source = SOURCE;
        d.code = CODE;
        d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, def), vscode.l10n.t('defined here'))];
        return Object.assign(d, { oncolexId: x.id, oncolexFirstUse: entry ? undefined : firstUse, oncolexEarly: x });
      }),
    );
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const { oncolexId: id, oncolexFirstUse: own, oncolexEarly: x } = d as vscode.Diagnostic & { oncolexId?: string; oncolexFirstUse?: string; oncolexEarly?: EarlyAbbreviation };
      const entry = d.code === CODE && id ? this.lexicon.entry(id) : undefined;
      if (!entry && !(d.code === CODE && own)) continue;
      const sample = doc.getText(new vscode.Range(Math.max(0, d.range.start.line - 3), 0, d.range.end.line + 3, 0));
      const replacement = entry ? firstUseForm(x ?? { short: '', long: '' }, entry, writingLanguage(sample), languageOf(doc.languageId)) : own!;
      const action = new vscode.CodeAction(vscode.l10n.t('Write the first-use form: {0}', replacement), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      // One edit: the first-use form here, and the later definition without its short form.
      const at = doc.offsetAt(d.range.start);
      for (const e of firstUseEdits({ start: at, end: doc.offsetAt(d.range.end), dropDefinition: x?.start === at ? x.dropDefinition : undefined }, replacement)) {
        action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
      }
      action.diagnostics = [d];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
