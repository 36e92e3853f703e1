import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../core/service/constants';
import type { Logger } from '../core/log';
import { logErrors } from '../core/log';
import { buildWorkspaceLexicon } from '../core/lexicon/workspaceLexicon';
import type { ExtensionHost } from './host';
import { onSettingsChanged, setting } from './config';
import type { LexiconService } from './lexiconService';

const PATTERN = '**/*.oncolex.json';
const RELOAD_DEBOUNCE_MS = 300;

/**
 * Finds the workspace's own lexicon files, merges them into the built-in lexicon (rebuilt when they change)
 * and shows their problems in the Problems view at the entry's line.
 */
export class WorkspaceLexicons implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('oncolex-lexicon');
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly service: LexiconService,
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
    private readonly host: ExtensionHost,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(PATTERN);
    this.disposables.push(
      this.diagnostics,
      watcher,
      watcher.onDidCreate(() => this.reloadSoon()),
      watcher.onDidChange(() => this.reloadSoon()),
      watcher.onDidDelete(() => this.reloadSoon()),
      onSettingsChanged((e) => {
        if (e.affectsConfiguration('oncolex.lexicon.files')) this.reloadSoon();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reloadSoon()),
    );
  }

  reloadSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => logErrors(this.reload(), 'workspace lexicons', this.log), RELOAD_DEBOUNCE_MS);
  }

  private async files(): Promise<vscode.Uri[]> {
    const found = new Map<string, vscode.Uri>();
    for (const glob of [PATTERN, ...setting('lexicon.files')]) {
      for (const uri of await vscode.workspace.findFiles(glob, '**/node_modules/**')) found.set(uri.toString(), uri);
    }
    return [...found.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
  }

  async reload(): Promise<void> {
    const uris = await this.files();
    const builtin = this.host.builtinLexicon();
    this.diagnostics.clear();
    if (uris.length === 0) {
      if (this.service.lexicon !== builtin) this.service.replace(builtin);
      return;
    }
    const decoder = new TextDecoder();
    const files = await Promise.all(uris.map(async (uri) => ({ uri, file: vscode.workspace.asRelativePath(uri), text: decoder.decode(await vscode.workspace.fs.readFile(uri)) })));
    const review = decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'data', 'review', 'abscopal-review-2024.txt')));
    const inflect = await this.host.inflector();
    const t0 = Date.now();
    const { lexicon, problems } = buildWorkspaceLexicon(files, builtin, review, inflect ?? (() => []));
    const byFile = new Map<string, vscode.Diagnostic[]>();
    if (inflect === undefined) {
      // Said on the lexicon files themselves, where an author looks when a plural is not highlighted.
      const note = vscode.l10n.t('In the browser, OncoLex does not add the plural or singular of your entries (that needs desktop VS Code): list the forms you use as synonyms.');
      this.log.info(note);
      for (const f of files) {
        const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), note, vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        byFile.set(f.file, [d]);
      }
    }
    for (const p of problems) {
      const d = new vscode.Diagnostic(new vscode.Range(p.line, 0, p.line, 1000), p.message, vscode.DiagnosticSeverity.Error);
      d.source = DIAGNOSTIC_SOURCE;
      const list = byFile.get(p.file);
      if (list === undefined) byFile.set(p.file, [d]);
      else list.push(d);
      this.log.warn(p.message);
    }
    for (const f of files) if (byFile.has(f.file)) this.diagnostics.set(f.uri, byFile.get(f.file));
    this.log.info(`workspace lexicons ${files.map((f) => f.file).join(', ')}: ${lexicon.entries.length - builtin.entries.length} entries added or replaced, ${problems.length} problems, ${Date.now() - t0} ms`);
    this.service.replace(lexicon);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
