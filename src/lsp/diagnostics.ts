/**
 * Diagnostics: every code the service reports, published a pause after the last change, and their quick
 * fixes as code actions. The fixes are looked up by code and range in the problems of the document's
 * current text (a client sends copies of the diagnostics; nothing we need rides on them).
 */
import type { CodeAction, CodeActionParams, Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CHECK_DEBOUNCE_MS } from '../core/service/constants';
import type { ServiceDiagnostic } from '../core/service/diagnostics';
import type { ServerWorkspace } from './workspace';
import { toCodeActions, toLspDiagnostic } from './convert';

export class DiagnosticsFeature {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The problems of each document's last checked text. */
  private readonly found = new Map<string, { text: string; problems: ServiceDiagnostic[] }>();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: ServerWorkspace,
    private readonly current: (uri: string) => TextDocument | undefined,
  ) {}

  /** The problems of a document's current text. */
  problemsOf(doc: TextDocument): ServiceDiagnostic[] {
    const text = doc.getText();
    const known = this.found.get(doc.uri);
    if (known && known.text === text) return known.problems;
    const problems = this.workspace.service.diagnostics(doc);
    this.found.set(doc.uri, { text, problems });
    return problems;
  }

  publish(doc: TextDocument): void {
    const diagnostics = this.problemsOf(doc).map((d) => toLspDiagnostic(d, doc.uri));
    void this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  schedule(doc: TextDocument, delay = CHECK_DEBOUNCE_MS): void {
    clearTimeout(this.pending.get(doc.uri));
    this.pending.set(
      doc.uri,
      setTimeout(() => {
        this.pending.delete(doc.uri);
        const now = this.current(doc.uri);
        if (now) this.publish(now);
      }, delay),
    );
  }

  /** Checks every document afresh (the settings, the lexicon or the bibliographies changed). */
  refresh(docs: readonly TextDocument[]): void {
    this.found.clear();
    for (const d of docs) this.publish(d);
  }

  close(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.found.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    const doc = this.current(params.textDocument.uri);
    if (!doc) return [];
    const ours = params.context.diagnostics.filter((d) => typeof d.code === 'string');
    if (ours.length === 0) return [];
    const problems = this.problemsOf(doc);
    const actions: CodeAction[] = [];
    for (const d of ours) {
      const start = doc.offsetAt(d.range.start);
      const end = doc.offsetAt(d.range.end);
      // A diagnostic of an older text whose problem is gone (or moved) offers nothing until the next check.
      const p = problems.find((x) => x.code === d.code && x.start === start && x.end === end);
      if (p) actions.push(...toCodeActions(p, d, doc.uri));
    }
    return actions;
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}
