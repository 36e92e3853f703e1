/**
 * The service's diagnostics and hovers in the shape VS Code shows them, as plain data: no `vscode` import,
 * so a test compares what the extension shows with what the language server publishes and `oncolex check`
 * prints (src/vscode/manuscriptChecks.ts turns the data into `vscode.Diagnostic`s and code actions).
 */
import type { Position, Range } from '../core/service/document';
import type { ServiceDiagnostic, ServiceFix } from '../core/service/diagnostics';
import type { ServiceHover } from '../core/service/hover';
import { DIAGNOSTIC_SOURCE } from '../core/service/constants';

/** A diagnostic as the extension shows it. */
export interface ShownDiagnostic {
  range: Range;
  severity: 'warning' | 'information';
  source: string;
  code: string;
  message: string;
  related?: { position: Position; message: string };
}

/** A diagnostic's text in the user's language: the template of its kind, translated, filled with its args. */
export type Localize = (d: ServiceDiagnostic) => { message: string; related?: string };

export function shownDiagnostic(d: ServiceDiagnostic, localize: Localize): ShownDiagnostic {
  const text = localize(d);
  return {
    range: d.range,
    severity: d.severity,
    source: DIAGNOSTIC_SOURCE,
    code: d.code,
    message: text.message,
    ...(d.related ? { related: { position: d.related.range.start, message: text.related ?? d.related.message } } : {}),
  };
}

/** The problem a shown diagnostic stands for, by code and range (VS Code passes copies of diagnostics). */
export function problemFor(problems: readonly ServiceDiagnostic[], code: unknown, start: number, end: number): ServiceDiagnostic | undefined {
  return problems.find((p) => p.code === code && p.start === start && p.end === end);
}

/** A fix as a code action: its title and its edits (one WorkspaceEdit, one undo step). */
export interface ShownFix {
  title: string;
  preferred: boolean;
  edits: { range: Range; newText: string }[];
}

export function shownFix(f: ServiceFix, title: (f: ServiceFix) => string): ShownFix {
  return { title: title(f), preferred: f.preferred, edits: f.edits.map((e) => ({ range: e.range, newText: e.newText })) };
}

/** A hover of a term as the extension shows it: the card's Markdown, with our command links. */
export function shownHover(h: ServiceHover): { range: Range; markdown: string } {
  return { range: h.range, markdown: h.markdown };
}
