/**
 * The service's answers in the Language Server Protocol's types: pure conversions, with no connection, so a
 * test can compare what the server publishes with what the other hosts show.
 */
import type { CodeAction, CompletionItem, Diagnostic, Hover } from 'vscode-languageserver';
import { CodeActionKind, CompletionItemKind, DiagnosticSeverity, MarkupKind } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../core/service/constants';
import type { CitationCompletion, CitationCompletionList } from '../core/service/completion';
import type { ServiceDiagnostic } from '../core/service/diagnostics';
import type { ServiceHover } from '../core/service/hover';

/** A diagnostic as the server publishes it. */
export function toLspDiagnostic(d: ServiceDiagnostic, uri: string): Diagnostic {
  return {
    range: d.range,
    severity: d.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: d.code,
    message: d.message,
    ...(d.related ? { relatedInformation: [{ location: { uri, range: d.related.range }, message: d.related.message }] } : {}),
  };
}

/** The quick fixes of a diagnostic, each one workspace edit (one undo step). */
export function toCodeActions(d: ServiceDiagnostic, sent: Diagnostic, uri: string): CodeAction[] {
  return d.fixes.map((f) => ({
    title: f.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [sent],
    isPreferred: f.preferred,
    edit: { changes: { [uri]: f.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
  }));
}

/** A hover: its Markdown (escaped text, no command links). */
export function toLspHover(h: ServiceHover): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range };
}

/** What a completion item carries to its resolution. */
export interface CompletionData {
  uri: string;
  key: string;
}

/** A citation completion item; its documentation comes with completionItem/resolve. */
export function toCompletionItem(c: CitationCompletion, list: CitationCompletionList, uri: string): CompletionItem {
  const data: CompletionData = { uri, key: c.key };
  return {
    label: c.key,
    labelDetails: { description: c.description },
    kind: CompletionItemKind.Reference,
    detail: c.detail,
    textEdit: { range: list.range, newText: c.key },
    filterText: c.filterText,
    sortText: c.sortText,
    data,
  };
}
