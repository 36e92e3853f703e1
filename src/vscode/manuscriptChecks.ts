import * as vscode from 'vscode';
import { annotateDocument } from '../core/documentAnnotation';
import { writingLanguage } from '../core/insert';
import type { CheckCode, CheckFix, CheckProblem } from '../core/manuscriptChecks';
import { CHECK_CODES, CHECK_SEVERITY, checkManuscript } from '../core/manuscriptChecks';
import { languageOf } from '../core/regions';
import type { Settings } from '../core/settings';
import { onSettingsChanged, setting } from './config';
import { DocumentDebouncer } from './debounce';
import type { Highlighter } from './highlight';
import type { LexiconService } from './lexiconService';

const SOURCE = 'OncoLex';
/** The checks read the whole text; wait for a pause in typing, and leave very large documents alone. */
const CHECK_DEBOUNCE_MS = 600;
const MAX_CHECKED_LENGTH = 2 * 1024 * 1024;

/** The setting that turns each check off (`abbreviation-rare` is off while `abbreviations.minUses` is 0). */
const ENABLED_BY: Record<Exclude<CheckCode, 'abbreviation-rare'>, keyof Settings> = {
  'abbreviation-redefined': 'diagnostics.abbreviationRedefined',
  'abbreviation-unused': 'diagnostics.abbreviationUnused',
  'mixed-spelling': 'diagnostics.mixedSpelling',
  'brand-name': 'diagnostics.brandName',
};

/** The localized message of a problem (the same strings as checkMessage in the core). */
function message(p: CheckProblem): string {
  const a = p.args;
  switch (p.code) {
    case 'abbreviation-redefined':
      return vscode.l10n.t('“{0}” is defined again; it was first defined on line {1}. Define an abbreviation once.', a[0], a[1]);
    case 'abbreviation-unused':
      return vscode.l10n.t('“{0}” is defined but never used again: spell out “{1}” instead.', a[0], a[1]);
    case 'abbreviation-rare':
      return vscode.l10n.t('“{0}” is used {1} times, fewer than {2}: spell out “{3}” instead.', a[0], a[1], a[2], a[3]);
    case 'mixed-spelling':
      return vscode.l10n.t('“{0}” and {1} name the same thing in this document: write one form ({2}).', a[0], a[1], a[2]);
    case 'brand-name':
      return vscode.l10n.t('“{0}” is a brand name: journals want the generic name ({1}).', a[0], a[1]);
  }
}

/** The title of a fix. */
function fixTitle(f: CheckFix): string {
  switch (f.kind) {
    case 'keep-short':
      return vscode.l10n.t('Keep only the abbreviation: {0}', f.text);
    case 'drop-short':
      return vscode.l10n.t('Drop the abbreviation, keep “{0}”', f.text);
    case 'spell-out':
      return vscode.l10n.t('Spell it out everywhere: {0} ({1} changes)', f.text, f.edits.length);
    case 'unify':
      return vscode.l10n.t('Write {0} everywhere ({1} changes)', f.text, f.edits.length);
    case 'inn':
      return vscode.l10n.t('Write the generic name: {0}', f.text);
    case 'inn-with-brand':
      return vscode.l10n.t('Write the generic name with the brand at first use: {0}', f.text);
    case 'inn-everywhere':
      return vscode.l10n.t('Write the generic name for every brand ({0} changes)', f.edits.length);
  }
}

/**
 * The manuscript checks of src/core/manuscriptChecks.ts as diagnostics, each code with its own setting,
 * and their fixes as quick fixes: one WorkspaceEdit (one undo step) replacing only the spans the fix names.
 */
export class ManuscriptChecker implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('oncolex-manuscript');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly debouncer = new DocumentDebouncer(CHECK_DEBOUNCE_MS, (doc) => this.check(doc));
  /**
   * The problems of each document with the version they were found in: quick fixes are looked up here by
   * code and offsets (the diagnostics a code action provider receives are copies, so nothing rides on them),
   * and a text newer than the last check is checked on request.
   */
  private readonly fixes = new Map<string, { version: number; problems: CheckProblem[] }>();

  constructor(
    private readonly lexicon: LexiconService,
    private readonly highlighter: Highlighter,
  ) {
    this.disposables.push(
      this.diagnostics,
      highlighter.onDidChangeMentions((doc) => this.schedule(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.diagnostics.delete(doc.uri);
        this.fixes.delete(doc.uri.toString());
      }),
      onSettingsChanged(() => {
        for (const doc of vscode.workspace.textDocuments) this.check(doc);
      }),
    );
  }

  private schedule(doc: vscode.TextDocument): void {
    this.debouncer.schedule(doc);
  }

  /** The problems of the document's current text, or undefined when the checks are off or it is not annotated. */
  private problemsOf(doc: vscode.TextDocument): CheckProblem[] | undefined {
    const key = doc.uri.toString();
    const known = this.fixes.get(key);
    if (known && known.version === doc.version) return known.problems;
    const minUses = setting('abbreviations.minUses', doc);
    const disabled = new Set<CheckCode>(CHECK_CODES.filter((c) => (c === 'abbreviation-rare' ? !(minUses > 0) : !setting(ENABLED_BY[c], doc))));
    const tracked = disabled.size < CHECK_CODES.length && this.highlighter.mentionsOf(doc) !== undefined;
    const text = tracked ? doc.getText() : '';
    if (!tracked || text.length > MAX_CHECKED_LENGTH) {
      this.fixes.delete(key);
      return undefined;
    }
    const annotation = annotateDocument(this.lexicon.matcher, text, languageOf(doc.languageId), { includeGeneric: setting('highlight.generic'), includeGenerated: setting('lexicon.generated') });
    const problems = checkManuscript(text, annotation, (id) => this.lexicon.entry(id), { disabled, minUses, lang: writingLanguage(text) });
    this.fixes.set(key, { version: doc.version, problems });
    return problems;
  }

  check(doc: vscode.TextDocument): void {
    // Settings may have changed: check afresh.
    this.fixes.delete(doc.uri.toString());
    const problems = this.problemsOf(doc);
    if (!problems) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    this.diagnostics.set(
      doc.uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end)),
          message(p),
          CHECK_SEVERITY[p.code] === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
        );
        d.source = SOURCE;
        d.code = p.code;
        if (p.related !== undefined) {
          d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, doc.positionAt(p.related)), vscode.l10n.t('first defined here'))];
        }
        return d;
      }),
    );
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const ours = context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string' && (CHECK_CODES as readonly string[]).includes(d.code));
    const problems = ours.length > 0 ? this.problemsOf(doc) : undefined;
    if (!problems) return actions;
    for (const d of ours) {
      const start = doc.offsetAt(d.range.start);
      const end = doc.offsetAt(d.range.end);
      // A diagnostic of an older text whose problem is gone (or moved) offers nothing until the next check.
      const fixes = problems.find((p) => p.code === d.code && p.start === start && p.end === end)?.fixes ?? [];
      fixes.forEach((f, i) => {
        const action = new vscode.CodeAction(fixTitle(f), vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of f.edits) action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
        action.diagnostics = [d];
        action.isPreferred = i === 0;
        actions.push(action);
      });
    }
    return actions;
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
