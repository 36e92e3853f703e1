/**
 * Every diagnostic of a document, as the service (src/core/service/) reports it — the abbreviation hint,
 * the manuscript checks and undefined citations — shown in one collection, each code with its own setting,
 * and their fixes as quick fixes: one WorkspaceEdit (one undo step) replacing only the spans the fix names.
 * The annotation is the highlighter's, kept up to date as the user types; this adapter only translates
 * (diagnosticConversion.ts holds the pure part of the translation).
 */
import * as vscode from 'vscode';
import { CHECK_DEBOUNCE_MS, DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE } from '../core/service/constants';
import type { ServiceDiagnostic, ServiceFix } from '../core/service/diagnostics';
import type { OncoLexService } from '../core/service/service';
import type { BibliographyStore } from './citations/store';
import { onSettingsChanged } from './config';
import { DocumentDebouncer } from './debounce';
import type { Localize } from './diagnosticConversion';
import { problemFor, shownDiagnostic, shownFix } from './diagnosticConversion';
import type { Highlighter } from './highlight';
import { serviceDocument } from './service';

/** The localized message of a problem (the same templates as the service's English ones). */
export const localizeDiagnostic: Localize = (p) => {
  const a = p.args;
  switch (p.code) {
    case 'abbreviation-before-definition':
      return {
        message: vscode.l10n.t('“{0}” is used before it is defined (line {1}). Define it at its first use: {2}', a[0], a[1], a[2]),
        related: vscode.l10n.t('defined here'),
      };
    case 'abbreviation-redefined':
      return {
        message: vscode.l10n.t('“{0}” is defined again; it was first defined on line {1}. Define an abbreviation once.', a[0], a[1]),
        related: vscode.l10n.t('first defined here'),
      };
    case 'abbreviation-unused':
      return { message: vscode.l10n.t('“{0}” is defined but never used again: spell out “{1}” instead.', a[0], a[1]) };
    case 'abbreviation-rare':
      return { message: vscode.l10n.t('“{0}” is used {1} times, fewer than {2}: spell out “{3}” instead.', a[0], a[1], a[2], a[3]) };
    case 'mixed-spelling':
      return { message: vscode.l10n.t('“{0}” and {1} name the same thing in this document: write one form ({2}).', a[0], a[1], a[2]) };
    case 'brand-name':
      return { message: vscode.l10n.t('“{0}” is a brand name: journals want the generic name ({1}).', a[0], a[1]) };
    case 'undefined-citation':
      if (p.template.includes('broken')) return { message: vscode.l10n.t("'{0}' is defined by a broken BibTeX entry (see the Problems of the .bib file).", a[0]) };
      if (p.template.includes('built-in')) return { message: vscode.l10n.t("'{0}' is a built-in study of the review but is not in your .bib files: use 'OncoLex: Insert Citation' to add its entry.", a[0]) };
      return { message: vscode.l10n.t("Citation key '{0}' is not defined in any bibliography.", a[0]) };
  }
};

/** The localized title of a fix. */
function fixTitle(f: ServiceFix): string {
  const a = f.args;
  switch (f.kind) {
    case 'first-use':
      return vscode.l10n.t('Write the first-use form: {0}', a[0]);
    case 'keep-short':
      return vscode.l10n.t('Keep only the abbreviation: {0}', a[0]);
    case 'drop-short':
      return vscode.l10n.t('Drop the abbreviation, keep “{0}”', a[0]);
    case 'spell-out':
      return vscode.l10n.t('Spell it out everywhere: {0} ({1} changes)', a[0], a[1]);
    case 'unify':
      return vscode.l10n.t('Write {0} everywhere ({1} changes)', a[0], a[1]);
    case 'inn':
      return vscode.l10n.t('Write the generic name: {0}', a[0]);
    case 'inn-with-brand':
      return vscode.l10n.t('Write the generic name with the brand at first use: {0}', a[0]);
    case 'inn-everywhere':
      return vscode.l10n.t('Write the generic name for every brand ({0} changes)', a[0]);
  }
}

const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** The service's diagnostics of every open document, with their quick fixes. */
export class ManuscriptChecker implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('oncolex');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly debouncer = new DocumentDebouncer(CHECK_DEBOUNCE_MS, (doc) => this.check(doc));
  /**
   * The problems of each document with the version they were found in: quick fixes are looked up here by
   * code and offsets (the diagnostics a code action provider receives are copies, so nothing rides on them).
   */
  private readonly found = new Map<string, { version: number; problems: ServiceDiagnostic[] }>();

  constructor(
    private readonly service: OncoLexService,
    highlighter: Highlighter,
    bibliographies: BibliographyStore,
  ) {
    const checkAll = () => {
      for (const doc of vscode.workspace.textDocuments) this.check(doc);
    };
    this.disposables.push(
      this.diagnostics,
      highlighter.onDidChangeMentions((doc) => this.debouncer.schedule(doc)),
      vscode.workspace.onDidOpenTextDocument((doc) => this.debouncer.schedule(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.diagnostics.delete(doc.uri);
        this.found.delete(doc.uri.toString());
      }),
      onSettingsChanged(checkAll),
      bibliographies.onDidChange(checkAll),
    );
  }

  /** The problems of the document's current text. */
  private problemsOf(doc: vscode.TextDocument): ServiceDiagnostic[] {
    const key = doc.uri.toString();
    const known = this.found.get(key);
    if (known && known.version === doc.version) return known.problems;
    const problems = this.service.diagnostics(serviceDocument(doc));
    this.found.set(key, { version: doc.version, problems });
    return problems;
  }

  check(doc: vscode.TextDocument): void {
    // Settings, the lexicon or the bibliographies may have changed: check afresh.
    this.found.delete(doc.uri.toString());
    const problems = this.problemsOf(doc);
    if (problems.length === 0) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    this.diagnostics.set(
      doc.uri,
      problems.map((p) => {
        const s = shownDiagnostic(p, localizeDiagnostic);
        const d = new vscode.Diagnostic(range(s.range), s.message, s.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
        d.source = s.source;
        d.code = s.code;
        if (s.related) d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, new vscode.Position(s.related.position.line, s.related.position.character)), s.related.message)];
        return d;
      }),
    );
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && (DIAGNOSTIC_CODES as readonly string[]).includes(d.code));
    if (ours.length === 0) return actions;
    const problems = this.problemsOf(doc);
    for (const d of ours) {
      // A diagnostic of an older text whose problem is gone (or moved) offers nothing until the next check.
      const p = problemFor(problems, d.code, doc.offsetAt(d.range.start), doc.offsetAt(d.range.end));
      for (const f of p?.fixes ?? []) {
        const fix = shownFix(f, fixTitle);
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(doc.uri, range(e.range), e.newText);
        action.diagnostics = [d];
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
    }
    return actions;
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
