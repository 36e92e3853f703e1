import * as vscode from 'vscode';

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
