/**
 * Citations in VS Code: bibliography discovery and caching, completion, hover, diagnostics, the Insert
 * Citation and Cite Evidence commands, and optional Zotero (Better BibTeX) search. All logic that can be
 * tested without VS Code lives in src/core/citations.ts and src/core/bibtex.ts.
 */
import * as vscode from 'vscode';
import { looksLikeCslJson, parseBibtex, parseCslJson } from '../core/bibtex';
import type { BibError, BibParseResult } from '../core/bibtex';
import {
  BUILTIN_SOURCE,
  ReferenceSearch,
  bibAppendText,
  citationContextAt,
  citationSyntaxFor,
  entryLabelMap,
  findCitations,
  formatCitation,
  isCrossReference,
  loadStudies,
  normalizeDoi,
  referenceDetail,
  referenceFromBibEntry,
  referenceHoverMarkdown,
  shortAuthors,
  studiesForEntry,
  toBibtex,
} from '../core/citations';
import type { CitationSyntax, Reference } from '../core/citations';
import { COMMANDS, SETTINGS } from '../core/ids';
import type { Lexicon } from '../core/lexicon';
import { logErrors } from '../core/log';
import type { Logger } from '../core/log';
import studiesJson from '../../data/references/review-studies.json';

const CITING_LANGUAGES = ['latex', 'tex', 'markdown', 'quarto', 'rmd'];
const SELECTOR: vscode.DocumentSelector = CITING_LANGUAGES.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
  { language, scheme: 'vscode-remote' },
]);
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.e2e-cache/**,**/dist/**,**/out/**}';
const MAX_BIB_BYTES = 64 * 1024 * 1024;
const ZOTERO_TIMEOUT_MS = 1500;

interface CachedFile {
  mtime: number;
  size: number;
  refs: Reference[];
  errors: BibError[];
}

/** The workspace's bibliographies, read once per modification time, re-read when a watcher fires. */
class BibliographyStore implements vscode.Disposable {
  private readonly cache = new Map<string, CachedFile>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watchers: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** Every reference from workspace files, in file order. */
  refs: Reference[] = [];
  byKey = new Map<string, Reference[]>();

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
      const isJson = uri.path.toLowerCase().endsWith('.json');
      if (isJson && !looksLikeCslJson(text)) {
        this.log.info(`citations: ${uri.fsPath} is not CSL-JSON; skipped`);
        continue;
      }
      // Yield between files so that a burst of large files does not block the extension host in one go.
      await new Promise((r) => setImmediate(r));
      const t0 = Date.now();
      const result: BibParseResult = isJson ? parseCslJson(text) : parseBibtex(text);
      const source = vscode.workspace.asRelativePath(uri, true);
      this.cache.set(id, {
        mtime: stat.mtime,
        size: stat.size,
        refs: result.entries.map((e) => referenceFromBibEntry(e, source)),
        errors: result.errors,
      });
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
      this.refs = [...this.cache.values()].flatMap((f) => f.refs);
      this.byKey = new Map();
      for (const r of this.refs) {
        const k = r.key.toLowerCase();
        const list = this.byKey.get(k);
        if (list === undefined) this.byKey.set(k, [r]);
        else list.push(r);
      }
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
    return [...this.cache.entries()].map(([id, f]) => [vscode.Uri.parse(id), f.errors]);
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

/** Everything the providers need, rebuilt when a bibliography or the lexicon changes. */
class CitationIndex {
  private studies: Reference[];
  private search: ReferenceSearch | undefined;
  private lexiconRef: Lexicon | undefined;

  constructor(
    private readonly store: BibliographyStore,
    private readonly getLexicon: () => Lexicon,
  ) {
    this.studies = loadStudies(studiesJson);
    store.onDidChange(() => {
      this.search = undefined;
    });
  }

  /** The built-in study a workspace reference duplicates (same key or same DOI). */
  private studyFor(ref: Reference): Reference | undefined {
    const doi = ref.doi !== undefined ? normalizeDoi(ref.doi).toLowerCase() : undefined;
    return this.studies.find((s) => s.key.toLowerCase() === ref.key.toLowerCase() || (doi !== undefined && s.doi?.toLowerCase() === doi));
  }

  /** Workspace references (enriched with the review numbers and terms of the study they match), then the built-in studies not in the workspace. */
  all(): Reference[] {
    const ws = this.store.refs.map((r) => {
      const s = this.studyFor(r);
      return s === undefined ? r : { ...r, reviewRefs: s.reviewRefs, entries: s.entries };
    });
    const covered = new Set(ws.flatMap((r) => [r.key.toLowerCase(), ...(r.doi !== undefined ? [normalizeDoi(r.doi).toLowerCase()] : [])]));
    const builtins = this.studies.filter(
      (s) => s.identified !== false && !covered.has(s.key.toLowerCase()) && !(s.doi !== undefined && covered.has(s.doi.toLowerCase())),
    );
    return [...ws, ...builtins];
  }

  builtins(): Reference[] {
    return this.studies;
  }

  lookup(key: string): Reference[] {
    const ws = this.store.byKey.get(key.toLowerCase()) ?? [];
    const exact = ws.filter((r) => r.key === key);
    const found = exact.length > 0 ? exact : ws;
    if (found.length > 0) {
      const s = this.studyFor(found[0]);
      return s === undefined ? found : found.map((r) => ({ ...r, reviewRefs: s.reviewRefs, entries: s.entries }));
    }
    return this.studies.filter((s) => s.key === key);
  }

  inWorkspace(ref: Reference): boolean {
    if (ref.source !== BUILTIN_SOURCE) return true;
    if (this.store.byKey.has(ref.key.toLowerCase())) return true;
    const doi = ref.doi?.toLowerCase();
    return doi !== undefined && this.store.refs.some((r) => r.doi !== undefined && normalizeDoi(r.doi).toLowerCase() === doi);
  }

  searcher(): ReferenceSearch {
    const lexicon = this.getLexicon();
    if (this.search === undefined || this.lexiconRef !== lexicon) {
      this.lexiconRef = lexicon;
      this.search = new ReferenceSearch(this.all(), lexicon);
    }
    return this.search;
  }

  labels(): Map<string, string> {
    return entryLabelMap(this.getLexicon());
  }
}

function syntaxOf(doc: vscode.TextDocument): CitationSyntax | undefined {
  return citationSyntaxFor(doc.languageId);
}

function hoverMarkdown(ref: Reference, index: CitationIndex, others: Reference[] = []): vscode.MarkdownString {
  const md = new vscode.MarkdownString(
    referenceHoverMarkdown(ref, {
      entryLabels: index.labels(),
      otherSources: others.filter((o) => o !== ref).map((o) => (o.line !== undefined ? `${o.source}:${o.line}` : o.source)),
    }),
  );
  // Text from .bib files is untrusted: no command links, no HTML.
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** Registers citation completion, hover, diagnostics and commands. */
export function registerCitations(context: vscode.ExtensionContext, deps: { log: Logger; getLexicon(): Lexicon }): void {
  const { log } = deps;
  const store = new BibliographyStore(log);
  const index = new CitationIndex(store, deps.getLexicon);
  const diagnostics = vscode.languages.createDiagnosticCollection('oncolex-citations');
  context.subscriptions.push(store, diagnostics);

  // ---- diagnostics -------------------------------------------------------------------------------------
  let bibDiagnosticUris: vscode.Uri[] = [];
  const updateBibDiagnostics = () => {
    for (const u of bibDiagnosticUris) diagnostics.delete(u);
    bibDiagnosticUris = [];
    for (const [uri, errors] of store.errorsByFile()) {
      if (errors.length === 0) continue;
      diagnostics.set(
        uri,
        errors.map((e) => {
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
      );
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

  // ---- completion -------------------------------------------------------------------------------------
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        provideCompletionItems(doc, position) {
          const syntax = syntaxOf(doc);
          if (syntax === undefined) return undefined;
          const offset = doc.offsetAt(position);
          const lineStart = doc.offsetAt(new vscode.Position(Math.max(0, position.line - 5), 0));
          const windowText = doc.getText(new vscode.Range(doc.positionAt(lineStart), doc.lineAt(position.line).range.end));
          const ctx = citationContextAt(windowText, offset - lineStart, syntax);
          if (ctx === undefined) return undefined;
          const range = new vscode.Range(doc.positionAt(lineStart + ctx.start), doc.positionAt(lineStart + ctx.end));
          const already = new Set(ctx.otherKeys.map((k) => k.toLowerCase()));
          const items = index
            .all()
            .filter((r) => !already.has(r.key.toLowerCase()))
            .map((r, i) => {
              const item = new vscode.CompletionItem({ label: r.key, description: referenceDetail(r) }, vscode.CompletionItemKind.Reference);
              item.range = range;
              item.insertText = r.key;
              item.detail = r.title ?? '';
              // Typing an author, a word of the title or a year finds the key too.
              item.filterText = [r.key, ...r.authors.map((a) => a.family), r.year ?? '', r.title ?? ''].join(' ');
              item.sortText = `${r.source === BUILTIN_SOURCE ? '1' : '0'}${String(i).padStart(6, '0')}`;
              const md = hoverMarkdown(r, index);
              if (r.source === BUILTIN_SOURCE && !index.inWorkspace(r)) {
                md.appendMarkdown(`\n\n${vscode.l10n.t("Not in your .bib files yet: 'OncoLex: Insert Citation' can add it.")}`);
              }
              item.documentation = md;
              return item;
            });
          return new vscode.CompletionList(items, false);
        },
      },
      '{',
      ',',
      '@',
    ),
  );

  // Markdown has quick suggestions off by default: open the list when `@` starts a citation.
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      const editor = vscode.window.activeTextEditor;
      if (editor === undefined || editor.document !== e.document || e.contentChanges.length !== 1) return;
      const syntax = syntaxOf(e.document);
      if (syntax !== 'pandoc') return;
      const change = e.contentChanges[0];
      if (change.text !== '@' && change.text !== '[@' && change.text !== '[@]') return;
      const offset = change.rangeOffset + (change.text === '[@]' ? 2 : change.text.length);
      const from = Math.max(0, offset - 200);
      const text = e.document.getText(new vscode.Range(e.document.positionAt(from), e.document.positionAt(offset + 1)));
      if (citationContextAt(text, offset - from, 'pandoc') === undefined) return;
      logErrors(vscode.commands.executeCommand('editor.action.triggerSuggest'), 'citations: trigger suggest', log);
    }),
  );

  // ---- hover ------------------------------------------------------------------------------------------
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover(doc, position) {
        const syntax = syntaxOf(doc);
        if (syntax === undefined) return undefined;
        const first = Math.max(0, position.line - 3);
        const last = Math.min(doc.lineCount - 1, position.line + 3);
        const start = doc.offsetAt(new vscode.Position(first, 0));
        const text = doc.getText(new vscode.Range(first, 0, last, doc.lineAt(last).text.length));
        const offset = doc.offsetAt(position) - start;
        const use = findCitations(text, syntax).find((u) => offset >= u.start && offset <= u.end);
        if (use === undefined || isCrossReference(use.key)) return undefined;
        const refs = index.lookup(use.key);
        if (refs.length === 0) return undefined;
        return new vscode.Hover(hoverMarkdown(refs[0], index, refs), new vscode.Range(doc.positionAt(start + use.start), doc.positionAt(start + use.end)));
      },
    }),
  );

  // ---- commands ---------------------------------------------------------------------------------------
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.insertCitation, () => insertCitationCommand(index, store, log)),
    vscode.commands.registerCommand(COMMANDS.citeEvidence, (arg?: { id?: string } | string) =>
      citeEvidenceCommand(index, store, deps.getLexicon(), typeof arg === 'string' ? arg : arg?.id, log),
    ),
  );

  store.schedule(0);
}

// ---------------------------------------------------------------------------------------------------------
// Commands

interface RefItem extends vscode.QuickPickItem {
  ref?: Reference;
}

function refItem(ref: Reference, index: CitationIndex): RefItem {
  const builtinOnly = ref.source === BUILTIN_SOURCE && !index.inWorkspace(ref);
  return {
    label: ref.key,
    description: [shortAuthors(ref.authors), ref.year, builtinOnly ? vscode.l10n.t('built-in') : undefined].filter(Boolean).join(' · '),
    detail: [ref.title, ref.journal].filter(Boolean).join(' — '),
    alwaysShow: true,
    ref,
  };
}

async function insertCitationCommand(index: CitationIndex, store: BibliographyStore, log: Logger): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown or LaTeX document to insert a citation.'));
    return;
  }
  await store.refresh();
  const ref = await pickReference(index, log);
  if (ref === undefined) return;
  await insertReference(editor, ref, index, store);
}

/** A QuickPick ranked by the fuse index (and Zotero when enabled); VS Code's own filter is bypassed with alwaysShow. */
async function pickReference(index: CitationIndex, log: Logger, candidates?: Reference[]): Promise<Reference | undefined> {
  const qp = vscode.window.createQuickPick<RefItem>();
  qp.placeholder = vscode.l10n.t('Search references by author, title, year, journal, key or term');
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  const search = candidates === undefined ? index.searcher() : undefined;
  let zoteroItems: RefItem[] = [];
  let zoteroSeq = 0;
  let zoteroTimer: ReturnType<typeof setTimeout> | undefined;
  const render = () => {
    const q = qp.value;
    const hits = candidates ?? (search as ReferenceSearch).search(q, 100).map((h) => h.ref);
    const items: RefItem[] = hits.map((r) => refItem(r, index));
    if (zoteroItems.length > 0) items.push({ label: 'Zotero', kind: vscode.QuickPickItemKind.Separator }, ...zoteroItems);
    qp.items = items;
  };
  const zoteroEnabled = vscode.workspace.getConfiguration(SETTINGS.section).get<boolean>(SETTINGS.zoteroEnabled, false);
  qp.onDidChangeValue(() => {
    render();
    if (!zoteroEnabled || candidates !== undefined) return;
    if (zoteroTimer !== undefined) clearTimeout(zoteroTimer);
    const q = qp.value.trim();
    if (q.length < 3) return;
    zoteroTimer = setTimeout(() => {
      const seq = ++zoteroSeq;
      qp.busy = true;
      zoteroSearch(q)
        .then((refs) => {
          if (seq !== zoteroSeq) return;
          zoteroItems = refs.map((r) => ({ ...refItem(r, index), description: `${referenceDetail(r)} · Zotero` }));
          render();
        })
        .catch((e: unknown) => {
          if (seq !== zoteroSeq) return;
          qp.placeholder = e instanceof ZoteroError ? e.message : vscode.l10n.t('Zotero search failed.');
          log.warn(`citations: zotero: ${e instanceof Error ? e.message : String(e)}`);
        })
        .finally(() => {
          if (seq === zoteroSeq) qp.busy = false;
        });
    }, 300);
  });
  render();
  const chosen = await new Promise<Reference | undefined>((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.ref);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  if (zoteroTimer !== undefined) clearTimeout(zoteroTimer);
  qp.dispose();
  return chosen;
}

/** Inserts a citation of `ref` at the cursor in the document's syntax, then offers to add a built-in study to a .bib. */
async function insertReference(editor: vscode.TextEditor, ref: Reference, index: CitationIndex, store: BibliographyStore): Promise<void> {
  const doc = editor.document;
  const syntax = syntaxOf(doc) ?? 'pandoc';
  const pos = editor.selection.active;
  const lineStart = doc.offsetAt(new vscode.Position(pos.line, 0));
  const ctx = citationContextAt(doc.lineAt(pos.line).text, doc.offsetAt(pos) - lineStart, syntax);
  await editor.edit((b) => {
    if (ctx !== undefined) b.replace(new vscode.Range(doc.positionAt(lineStart + ctx.start), doc.positionAt(lineStart + ctx.end)), ref.key);
    else b.replace(editor.selection, formatCitation([ref.key], syntax));
  });
  if (ref.source === 'zotero' || (ref.source === BUILTIN_SOURCE && !index.inWorkspace(ref))) await offerAppend(ref, store);
}

/** Asks whether to append the entry to a .bib file; the edit only inserts at the end and can be undone. */
async function offerAppend(ref: Reference, store: BibliographyStore): Promise<void> {
  const add = vscode.l10n.t('Add to .bib…');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t("'{0}' is not in your .bib files. Add its BibTeX entry?", ref.key),
    add,
    vscode.l10n.t('Not now'),
  );
  if (answer !== add) return;
  let target: vscode.Uri | undefined;
  const bibs = store.bibFiles();
  if (bibs.length === 1) target = bibs[0];
  else if (bibs.length > 1) {
    const pick = await vscode.window.showQuickPick(
      bibs.map((u) => ({ label: vscode.workspace.asRelativePath(u, true), uri: u })),
      { placeHolder: vscode.l10n.t('Append the entry to which .bib file?') },
    );
    target = pick?.uri;
    if (target === undefined) return;
  } else {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to create a .bib file.'));
      return;
    }
    target = vscode.Uri.joinPath(folder.uri, 'references.bib');
  }
  const edit = new vscode.WorkspaceEdit();
  const entry = toBibtex(ref);
  let exists = true;
  try {
    await vscode.workspace.fs.stat(target);
  } catch {
    exists = false;
  }
  if (!exists) {
    edit.createFile(target, { ignoreIfExists: true });
    edit.insert(target, new vscode.Position(0, 0), entry);
  } else {
    const bib = await vscode.workspace.openTextDocument(target);
    const end = bib.lineAt(bib.lineCount - 1).range.end;
    edit.insert(target, end, bibAppendText(bib.getText(), entry));
  }
  if (await vscode.workspace.applyEdit(edit)) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Added '{0}' to {1} (unsaved: Undo reverts it).", ref.key, vscode.workspace.asRelativePath(target, true)));
    store.schedule(200);
  }
}

async function citeEvidenceCommand(index: CitationIndex, store: BibliographyStore, lexicon: Lexicon, id: string | undefined, log: Logger): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const studies = index.builtins();
  let entry = id !== undefined ? lexicon.entries.find((e) => e.id === id) : undefined;
  if (id !== undefined && entry === undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t("No lexicon entry '{0}'.", id));
    return;
  }
  if (entry === undefined) {
    const withStudies = lexicon.entries.filter((e) => studiesForEntry(e, studies).length > 0);
    const pick = await vscode.window.showQuickPick(
      withStudies.map((e) => ({ label: e.label.en, description: e.label.zh, detail: studiesForEntry(e, studies).map((s) => s.key).join(', '), entry: e })),
      { placeHolder: vscode.l10n.t('Cite the evidence for which term?'), matchOnDescription: true },
    );
    entry = pick?.entry;
    if (entry === undefined) return;
  }
  const behind = studiesForEntry(entry, studies);
  if (behind.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t("The review cites no study for '{0}' that OncoLex knows.", entry.label.en));
    return;
  }
  const ref = await pickReference(index, log, behind);
  if (ref === undefined) return;
  if (ref.identified === false) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The review cites this study as [{0}], but its full reference could not be identified with certainty. Look it up in the review’s reference list (doi:10.12677/acm.2024.143913).', (ref.reviewRefs ?? []).join('], [')),
    );
    return;
  }
  if (editor === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown or LaTeX document to insert a citation.'));
    return;
  }
  // Prefer the user's own key for the same study (matched by key or DOI).
  const own = index.all().find((r) => r.source !== BUILTIN_SOURCE && ((r.doi !== undefined && ref.doi !== undefined && normalizeDoi(r.doi).toLowerCase() === ref.doi.toLowerCase()) || r.key.toLowerCase() === ref.key.toLowerCase()));
  await insertReference(editor, own ?? ref, index, store);
}

// ---------------------------------------------------------------------------------------------------------
// Zotero (Better BibTeX JSON-RPC on loopback only)

class ZoteroError extends Error {}

async function zoteroSearch(query: string): Promise<Reference[]> {
  const port = vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.zoteroPort, 23119);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ZoteroError(vscode.l10n.t('The Zotero port setting must be a number from 1 to 65535.'));
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${port}/better-bibtex/json-rpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'item.search', params: [query], id: 1 }),
      signal: AbortSignal.timeout(ZOTERO_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch {
    throw new ZoteroError(vscode.l10n.t('Zotero is not running, or Better BibTeX is not installed (nothing answers on 127.0.0.1:{0}).', String(port)));
  }
  if (!res.ok) throw new ZoteroError(vscode.l10n.t('Zotero answered with HTTP {0}: is Better BibTeX installed?', String(res.status)));
  const body = (await res.json()) as { result?: unknown };
  if (!Array.isArray(body.result)) return [];
  const items = body.result.map((it: Record<string, unknown>) => ({ ...it, id: it.citationKey ?? it.citekey ?? it.id }));
  return parseCslJson(JSON.stringify(items)).entries.map((e) => referenceFromBibEntry(e, 'zotero'));
}
