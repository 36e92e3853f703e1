/**
 * The workspace's bibliographies (.bib and CSL-JSON files, found by glob or named in the settings), read
 * with the one bibliography reader of the core once per modification time and re-read when a watcher fires;
 * their keys are the core's {@link BibliographyIndex}, which every provider and the checks look up.
 */
import * as vscode from 'vscode';
import type { BibError, BibParseResult } from '../../core/citations/bibtex';
import { BibliographyIndex } from '../../core/citations/bibliography/keyIndex';
import { isBibliographyText, readBibliography } from '../../core/citations/bibliography/read';
import type { Reference } from '../../core/citations/citations';
import type { ReferenceStore } from '../../core/citations/citationIndex';
import { SETTINGS } from '../../core/ids';
import { logErrors } from '../../core/log';
import type { Logger } from '../../core/log';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.e2e-cache/**,**/dist/**,**/out/**}';
const MAX_BIB_BYTES = 64 * 1024 * 1024;

interface CachedFile {
  mtime: number;
  size: number;
  /** A workspace-relative name, the references' source. */
  source: string;
  result: BibParseResult;
}

/** The workspace's bibliographies, read once per modification time, re-read when a watcher fires. */
export class BibliographyStore implements ReferenceStore, vscode.Disposable {
  private readonly cache = new Map<string, CachedFile>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watchers: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** The keys of the files read. */
  readonly index = new BibliographyIndex();

  /** Every reference from workspace files, in file order. */
  get refs(): Reference[] {
    return this.index.refs;
  }

  get byKey(): Map<string, Reference[]> {
    return this.index.byKey;
  }

  constructor(private readonly log: Logger) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.bibFiles}`)) {
          this.watch();
          this.schedule(0);
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.watch();
        this.schedule(0);
      }),
      // Saving a .bib in the editor is the most common change; the watcher may lag behind it.
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.cache.has(d.uri.toString()) || d.uri.path.endsWith('.bib')) this.schedule(100);
      }),
    );
    this.watch();
  }

  private patterns(): string[] {
    const configured = vscode.workspace.getConfiguration(SETTINGS.section).get<string[]>(SETTINGS.bibFiles, []);
    return ['**/*.bib', ...configured.filter((p) => typeof p === 'string' && p.trim() !== '')];
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const p of this.patterns()) {
      const pattern = isAbsolutePath(p) ? new vscode.RelativePattern(vscode.Uri.file(dirname(p)), basename(p)) : p;
      const w = vscode.workspace.createFileSystemWatcher(pattern);
      // A Zotero auto-export rewrites the file several times in a row: wait until it is quiet.
      w.onDidChange(() => this.schedule(400));
      w.onDidCreate(() => this.schedule(400));
      w.onDidDelete(() => this.schedule(400));
      this.watchers.push(w);
    }
  }

  /** Re-reads changed files after `delay` ms, off the typing path. */
  schedule(delay = 300): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      logErrors(this.refresh(), 'citations: reading bibliographies', this.log);
    }, delay);
  }

  /** Finds the bibliography files and reads those whose modification time changed. */
  async refresh(): Promise<void> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = this.doRefresh().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    });
    return this.running;
  }

  private async doRefresh(): Promise<void> {
    const uris = await this.findFiles();
    const seen = new Set<string>();
    let dirty = false;
    for (const uri of uris) {
      const id = uri.toString();
      if (seen.has(id)) continue;
      seen.add(id);
      let stat: vscode.FileStat;
      try {
        stat = await vscode.workspace.fs.stat(uri);
      } catch {
        continue;
      }
      const old = this.cache.get(id);
      if (old !== undefined && old.mtime === stat.mtime && old.size === stat.size) continue;
      if (stat.size > MAX_BIB_BYTES) {
        this.log.warn(`citations: ${uri.fsPath} is larger than ${MAX_BIB_BYTES / 1024 / 1024} MB; not read`);
        continue;
      }
      const text = await readText(uri);
      if (text === undefined) {
        this.log.warn(`citations: ${uri.fsPath} is not UTF-8 text; not read`);
        continue;
      }
      if (!isBibliographyText(uri.path, text)) {
        this.log.info(`citations: ${uri.fsPath} is not CSL-JSON; skipped`);
        continue;
      }
      // Yield between files so that a burst of large files does not block the extension host in one go.
      await new Promise((r) => setTimeout(r, 0));
      const t0 = Date.now();
      const result = readBibliography(uri.path, text);
      const source = vscode.workspace.asRelativePath(uri, true);
      this.cache.set(id, { mtime: stat.mtime, size: stat.size, source, result });
      this.log.info(`citations: read ${source}: ${result.entries.length} entries, ${result.errors.length} errors, ${Date.now() - t0} ms`);
      dirty = true;
    }
    for (const id of [...this.cache.keys()]) {
      if (!seen.has(id)) {
        this.cache.delete(id);
        dirty = true;
      }
    }
    if (dirty || this.byKey.size === 0) {
      this.index.replace([...this.cache.entries()].map(([file, f]) => ({ file, source: f.source, result: f.result })));
      this.changed.fire();
    }
  }

  private async findFiles(): Promise<vscode.Uri[]> {
    const out: vscode.Uri[] = [];
    for (const p of this.patterns()) {
      if (isAbsolutePath(p)) {
        out.push(vscode.Uri.file(p));
        continue;
      }
      // A plain relative path ("refs/library.json") is looked up in each folder; a glob is searched.
      if (!/[*?{[]/.test(p)) {
        for (const f of vscode.workspace.workspaceFolders ?? []) out.push(vscode.Uri.joinPath(f.uri, p));
        continue;
      }
      out.push(...(await vscode.workspace.findFiles(p, EXCLUDE, 2000)));
    }
    return out;
  }

  /** Files and their broken entries, for diagnostics. */
  errorsByFile(): [vscode.Uri, BibError[]][] {
    return [...this.cache.entries()].map(([id, f]) => [vscode.Uri.parse(id), f.result.errors]);
  }

  /** Files and their warnings (duplicate keys, undefined `@string` macros), for diagnostics. */
  warningsByFile(): [vscode.Uri, BibError[]][] {
    return [...this.cache.entries()].map(([id, f]) => [vscode.Uri.parse(id), f.result.warnings ?? []]);
  }

  /** URIs of the .bib files read (CSL-JSON excluded: OncoLex never appends to them). */
  bibFiles(): vscode.Uri[] {
    return [...this.cache.keys()].map((id) => vscode.Uri.parse(id)).filter((u) => u.path.toLowerCase().endsWith('.bib'));
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of [...this.disposables, ...this.watchers]) d.dispose();
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

const isAbsolutePath = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
const dirname = (p: string) => p.replace(/[\\/][^\\/]*$/, '') || '/';
const basename = (p: string) => p.replace(/^.*[\\/]/, '');

