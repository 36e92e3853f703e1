/** Per-document debouncing for checks that run after the user pauses typing. */
import type * as vscode from 'vscode';

/** Runs `run(doc)` once a document has had no new request for `delayMs`, unless it was closed meanwhile. */
export class DocumentDebouncer {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly delayMs: number,
    private readonly run: (doc: vscode.TextDocument) => void,
  ) {}

  schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (!doc.isClosed) this.run(doc);
      }, this.delayMs),
    );
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}
