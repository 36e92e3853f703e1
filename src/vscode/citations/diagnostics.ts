/**
 * Problems of bibliographies: broken entries, duplicate keys, undefined macros. (Citing documents' keys that no
 * bibliography defines are the service's `undefined-citation`, shown with every other diagnostic.)
 */
import * as vscode from 'vscode';
import type { BibError } from '../../core/citations/bibtex';
import { DIAGNOSTIC_SOURCE } from '../../core/service/constants';
import type { BibliographyStore } from './store';

/** Registers the diagnostics of bibliographies, refreshed when they change. */
export function registerCitationDiagnostics(context: vscode.ExtensionContext, store: BibliographyStore): void {
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
        d.source = DIAGNOSTIC_SOURCE;
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
          d.source = DIAGNOSTIC_SOURCE;
          return d;
        }),
      ]);
      bibDiagnosticUris.push(uri);
    }
  };

  context.subscriptions.push(
    store.onDidChange(() => updateBibDiagnostics()),
  );
}
