import * as vscode from 'vscode';
import type { DocumentMentions } from '../core/matching/incremental';

let last: vscode.TextEditor | undefined;

/** Starts following the active text editor (call once on activation). */
export function trackEditors(): vscode.Disposable {
  last = vscode.window.activeTextEditor;
  return vscode.window.onDidChangeActiveTextEditor((e) => {
    if (e) last = e;
  });
}

/**
 * The text editor the user is working in: the active one, or, while focus is in a webview, panel or view,
 * the last active one if it is still visible.
 */
export function documentEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active) return active;
  return last && vscode.window.visibleTextEditors.includes(last) ? last : undefined;
}

/** The id of the lexicon term under an editor's cursor, if any. */
export function termAtCursor(editor: vscode.TextEditor | undefined, mentionsOf: (d: vscode.TextDocument) => DocumentMentions | undefined): string | undefined {
  if (!editor) return undefined;
  return mentionsOf(editor.document)?.entryAt(editor.document.offsetAt(editor.selection.active));
}
