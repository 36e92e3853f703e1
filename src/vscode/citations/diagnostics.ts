/** Problems of bibliographies (broken entries) and of citing documents (keys no bibliography defines). */
import * as vscode from 'vscode';
import type { BibError } from '../../core/bibtex';
import { findCitations, isCrossReference } from '../../core/citations';
import type { CitationIndex } from '../../core/citationIndex';
import { syntaxOf } from './documents';
import type { BibliographyStore } from './store';

/** Registers the diagnostics of bibliographies and citing documents, refreshed when either changes. */
export function registerCitationDiagnostics(context: vscode.ExtensionContext, store: BibliographyStore, index: CitationIndex): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('oncolex-citations');
  context.subscriptions.push(diagnostics);
  let bibDiagnosticUris: vscode.Uri[] = [];
  const updateBibDiagnostics = () => {
    for (const u of bibDiagnosticUris) diagnostics.delete(u);
    bibDiagnosticUris = [];
    const warnings = new Map(store.warningsByFile().map(([u, w]) => [u.toString(), w]));
    for (const [uri, errors] of store.errorsByFile()) {
      const warned = warnings.get(uri.toString()) ?? [];
      if (errors.length === 0 && warned.length === 0) continue;
      const asWarning = (e: BibError) => {
        const line = Math.max(0, e.line - 1);
        const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, 1000), vscode.l10n.t('BibTeX: {0}', e.message), vscode.DiagnosticSeverity.Warning);
        d.source = 'OncoLex';
        return d;
      };
      diagnostics.set(uri, [
        ...warned.map(asWarning),
        ...errors.map((e) => {
          const line = Math.max(0, e.line - 1);
          const d = new vscode.Diagnostic(
            new vscode.Range(line, 0, line, 1000),
            e.key !== undefined
              ? vscode.l10n.t("Broken BibTeX entry '{0}': {1}. The entry is skipped; the others are read.", e.key, e.message)
              : vscode.l10n.t('Broken BibTeX entry: {0}. The entry is skipped; the others are read.', e.message),
            vscode.DiagnosticSeverity.Error,
          );
          d.source = 'OncoLex';
          return d;
        }),
      ]);
      bibDiagnosticUris.push(uri);
    }
  };

  const brokenKeys = () => new Set(store.errorsByFile().flatMap(([, errs]) => errs.flatMap((e) => (e.key !== undefined ? [e.key.toLowerCase()] : []))));

  const updateDocDiagnostics = (doc: vscode.TextDocument) => {
    const syntax = syntaxOf(doc);
    if (syntax === undefined) return;
    // Without any bibliography there is nothing to check keys against (a Pandoc file may name one outside the workspace).
    if (store.refs.length === 0 && brokenKeys().size === 0) {
      diagnostics.delete(doc.uri);
      return;
    }
    const broken = brokenKeys();
    const out: vscode.Diagnostic[] = [];
    for (const use of findCitations(doc.getText(), syntax)) {
      if (!use.bracketed || isCrossReference(use.key)) continue;
      const k = use.key.toLowerCase();
      if (store.byKey.has(k)) continue;
      const range = new vscode.Range(doc.positionAt(use.start), doc.positionAt(use.end));
      let d: vscode.Diagnostic;
      if (broken.has(k)) {
        d = new vscode.Diagnostic(range, vscode.l10n.t("'{0}' is defined by a broken BibTeX entry (see the Problems of the .bib file).", use.key), vscode.DiagnosticSeverity.Warning);
      } else if (index.builtins().some((s) => s.key.toLowerCase() === k && s.identified !== false)) {
        d = new vscode.Diagnostic(
          range,
          vscode.l10n.t("'{0}' is a built-in study of the review but is not in your .bib files: use 'OncoLex: Insert Citation' to add its entry.", use.key),
          vscode.DiagnosticSeverity.Information,
        );
      } else {
        d = new vscode.Diagnostic(range, vscode.l10n.t("Citation key '{0}' is not defined in any bibliography of the workspace.", use.key), vscode.DiagnosticSeverity.Warning);
      }
      d.source = 'OncoLex';
      d.code = 'undefined-citation';
      out.push(d);
    }
    diagnostics.set(doc.uri, out);
  };

  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const scheduleDoc = (doc: vscode.TextDocument, delay = 500) => {
    if (syntaxOf(doc) === undefined) return;
    const id = doc.uri.toString();
    const t = pending.get(id);
    if (t !== undefined) clearTimeout(t);
    pending.set(
      id,
      setTimeout(() => {
        pending.delete(id);
        if (!doc.isClosed) updateDocDiagnostics(doc);
      }, delay),
    );
  };

  context.subscriptions.push(
    store.onDidChange(() => {
      updateBibDiagnostics();
      for (const doc of vscode.workspace.textDocuments) scheduleDoc(doc, 50);
    }),
    vscode.workspace.onDidOpenTextDocument((d) => scheduleDoc(d, 50)),
    vscode.workspace.onDidChangeTextDocument((e) => scheduleDoc(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (!d.uri.path.toLowerCase().endsWith('.bib')) diagnostics.delete(d.uri);
    }),
    { dispose: () => pending.forEach((t) => clearTimeout(t)) },
  );
}
