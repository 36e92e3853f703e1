/**
 * The OncoLex language server: one more adapter beside src/vscode/, translating LSP messages to the same core
 * calls the VS Code adapters make. Hover cards (core/card.ts), abbreviation hints and their quick fix
 * (core/abbreviations.ts over the document's annotation), citation key completion (core/citations.ts and
 * core/citationIndex.ts), and the mentions as semantic tokens. Files come through {@link ServerHost}, so
 * this module needs no Node built-in (src/cli/lsp.ts supplies Node's).
 *
 * Semantic token legend: one token type per lexicon category, in this order —
 * `immuneCell`, `molecule`, `drug`, `tumor`, `concept`, `trial`, `outcome` — and no modifiers.
 */
import type {
  CodeAction,
  CompletionItem,
  Connection,
  Diagnostic,
  Hover,
  InitializeParams,
  InitializeResult,
  SemanticTokens,
} from 'vscode-languageserver';
import { CodeActionKind, CompletionItemKind, DiagnosticSeverity, MarkupKind, TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { abbreviationsUsedBeforeDefinition, earlyAbbreviationMessage, firstUseForm } from '../core/abbreviations';
import { mentionCardAt } from '../core/card';
import { CitationIndex } from '../core/citationIndex';
import type { ReferenceStore } from '../core/citationIndex';
import { parseBibtex } from '../core/bibtex';
import { BUILTIN_SOURCE, citationContextAt, citationSyntaxFor, referenceDetail, referenceFromBibEntry, referenceHoverMarkdown } from '../core/citations';
import type { CitationSyntax, Reference } from '../core/citations';
import { DocumentMentions } from '../core/incremental';
import { writingLanguage } from '../core/insert';
import type { Category, Entry, Lexicon } from '../core/lexicon';
import { CATEGORIES, indexById } from '../core/lexicon';
import { Matcher } from '../core/matcher';
import { languageOf } from '../core/regions';
import type { DocLanguage } from '../core/regions';
import type { Settings } from '../core/settings';
import { resolveDisplayLanguage, settingsFrom } from '../core/settings';
import type { Inflector } from '../core/build';
import { buildWorkspaceLexicon } from '../core/workspaceLexicon';

/** What the server reads from the machine it runs on. */
export interface ServerHost {
  /** The built-in lexicon; `onProblem` as in ExtensionHost.builtinLexicon. */
  builtinLexicon(onProblem?: (message: string) => void): Lexicon;
  /** Files under a workspace folder (a `file:` URI) whose names end with a suffix, as paths. */
  findFiles(folderUri: string, suffixes: readonly string[]): string[];
  /** A path named in a setting, resolved against a workspace folder. */
  resolve(folderUri: string, file: string): string;
  readFile(path: string): string | undefined;
  /** The review text workspace lexicons cite. */
  reviewText(): string;
  /** English inflection for workspace lexicons' entries. */
  inflector(): Inflector;
}

/** The token types of the legend, one per category (see the module comment). */
export const TOKEN_TYPES = CATEGORIES.map((c) => c.replace(/-(\w)/g, (_, x: string) => x.toUpperCase()));
const TOKEN_OF = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));

const SOURCE = 'OncoLex';
const CODE = 'abbreviation-before-definition';
const HOVER_EVIDENCE = 3;
const CHECK_DEBOUNCE_MS = 300;
const MAX_CHECKED_LENGTH = 2 * 1024 * 1024;

/** What a diagnostic carries to its quick fix. */
interface HintData {
  id: string;
  /** The document's own first-use form, for a term of the document only. */
  own?: string;
}

/** The workspace's .bib references, read through the host (re-read when a .bib changes or is saved). */
class BibStore implements ReferenceStore {
  refs: Reference[] = [];
  byKey = new Map<string, Reference[]>();
  private readonly listeners: (() => void)[] = [];

  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  load(host: ServerHost, folders: readonly string[], configured: readonly string[]): void {
    const files = new Set<string>();
    for (const f of folders) {
      for (const p of host.findFiles(f, ['.bib'])) files.add(p);
      for (const c of configured) files.add(host.resolve(f, c));
    }
    this.refs = [];
    for (const file of files) {
      const text = host.readFile(file);
      if (text === undefined) continue;
      for (const e of parseBibtex(text).entries) this.refs.push(referenceFromBibEntry(e, file));
    }
    this.byKey = new Map();
    for (const r of this.refs) {
      const k = r.key.toLowerCase();
      const list = this.byKey.get(k);
      if (list) list.push(r);
      else this.byKey.set(k, [r]);
    }
    for (const l of this.listeners) l();
  }
}

/** A document's language for the core: by the client's language id, else by the file's extension. */
function docLanguage(doc: TextDocument): DocLanguage {
  const byId = languageOf(doc.languageId);
  return byId !== 'plain' ? byId : languageOf(doc.uri.replace(/^.*\./, '.'));
}

function citationSyntax(doc: TextDocument): CitationSyntax | undefined {
  const l = docLanguage(doc);
  return citationSyntaxFor(doc.languageId) ?? (l === 'latex' ? 'latex' : l === 'markdown' ? 'pandoc' : undefined);
}

/** Serves one client over `connection` until it exits. */
export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const bibs = new BibStore();
  let lexicon = host.builtinLexicon((m) => connection.console.warn(m));
  let matcher: Matcher | undefined;
  let byId: Map<string, Entry> | undefined;
  const citations = new CitationIndex(bibs, () => lexicon);
  let settings: Settings = settingsFrom(undefined);
  let locale = 'en';
  let folders: string[] = [];
  let canPullConfiguration = false;
  const annotations = new Map<string, { version: number; mentions: DocumentMentions }>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const entries = (): Map<string, Entry> => (byId ??= indexById(lexicon));

  /** The document's annotation, made once per version (undefined where the settings leave it alone). */
  const annotationOf = (doc: TextDocument): DocumentMentions | undefined => {
    const lang = docLanguage(doc);
    if (lang === 'plain' || settings['highlight.languages'][doc.languageId] === false) return undefined;
    const text = doc.getText();
    const maxKB = settings['highlight.maxFileSizeKB'];
    if (maxKB > 0 && text.length > maxKB * 1024) return undefined;
    const cached = annotations.get(doc.uri);
    if (cached?.version === doc.version) return cached.mentions;
    matcher ??= new Matcher(lexicon);
    const mentions = new DocumentMentions(matcher, lang, { includeGeneric: settings['highlight.generic'], includeGenerated: settings['lexicon.generated'] });
    mentions.full(text);
    annotations.set(doc.uri, { version: doc.version, mentions });
    return mentions;
  };

  const validate = (doc: TextDocument): void => {
    const ann = settings['diagnostics.abbreviations'] && doc.getText().length <= MAX_CHECKED_LENGTH ? annotationOf(doc) : undefined;
    const diagnostics: Diagnostic[] = [];
    if (ann) {
      for (const x of abbreviationsUsedBeforeDefinition(ann.mentions, ann.terms)) {
        const entry = x.local ? undefined : entries().get(x.id);
        const firstUse = firstUseForm(x, entry, 'en', 'plain');
        const range = { start: doc.positionAt(x.start), end: doc.positionAt(x.end) };
        const defined = doc.positionAt(x.definedAt);
        const data: HintData = { id: x.id, own: entry ? undefined : firstUse };
        diagnostics.push({
          range,
          severity: DiagnosticSeverity.Information,
          source: SOURCE,
          code: CODE,
          message: earlyAbbreviationMessage(doc.getText(range), defined.line + 1, firstUse),
          relatedInformation: [{ location: { uri: doc.uri, range: { start: defined, end: defined } }, message: 'defined here' }],
          data,
        });
      }
    }
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };

  const schedule = (doc: TextDocument, delay = CHECK_DEBOUNCE_MS): void => {
    clearTimeout(pending.get(doc.uri));
    pending.set(
      doc.uri,
      setTimeout(() => {
        pending.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) validate(current);
      }, delay),
    );
  };

  const revalidateAll = (): void => {
    annotations.clear();
    for (const d of documents.all()) validate(d);
    if (semanticTokens) void connection.sendRequest('workspace/semanticTokens/refresh').catch(() => undefined);
  };

  /** Workspace lexicons (`*.oncolex.json` and `oncolex.lexicon.files`), merged into the built-in lexicon. */
  const loadLexicons = (): void => {
    const builtin = host.builtinLexicon();
    const files: { file: string; text: string }[] = [];
    const seen = new Set<string>();
    for (const f of folders) {
      const paths = [...host.findFiles(f, ['.oncolex.json']), ...settings['lexicon.files'].map((p) => host.resolve(f, p))];
      for (const p of paths) {
        if (seen.has(p)) continue;
        seen.add(p);
        const text = host.readFile(p);
        if (text !== undefined) files.push({ file: p, text });
      }
    }
    if (files.length === 0) lexicon = builtin;
    else {
      const built = buildWorkspaceLexicon(files, builtin, host.reviewText(), host.inflector());
      for (const p of built.problems) connection.console.warn(p.message);
      lexicon = built.lexicon;
      connection.console.info(`workspace lexicons ${files.map((f) => f.file).join(', ')}: ${lexicon.entries.length - builtin.entries.length} entries added or replaced`);
    }
    matcher = undefined;
    byId = undefined;
  };

  const pullSettings = async (pushed?: unknown): Promise<void> => {
    if (pushed !== undefined && pushed !== null) settings = settingsFrom(pushed);
    else if (canPullConfiguration) settings = settingsFrom(await connection.workspace.getConfiguration({ section: 'oncolex' }));
  };

  let semanticTokens = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    locale = params.locale ?? 'en';
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    semanticTokens = params.capabilities.textDocument?.semanticTokens !== undefined;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    if (params.initializationOptions !== undefined && params.initializationOptions !== null) {
      const o = params.initializationOptions as Record<string, unknown>;
      settings = settingsFrom(o.oncolex ?? o);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['{', ',', '@'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(semanticTokens ? { semanticTokensProvider: { legend: { tokenTypes: TOKEN_TYPES, tokenModifiers: [] }, full: true } } : {}),
      },
      serverInfo: { name: 'oncolex' },
    };
  });

  connection.onInitialized(async () => {
    await pullSettings().catch(() => undefined);
    loadLexicons();
    bibs.load(host, folders, settings['citations.bibFiles']);
    revalidateAll();
  });

  connection.onDidChangeConfiguration(async (params) => {
    const pushed = (params.settings as Record<string, unknown> | null | undefined)?.oncolex;
    await pullSettings(pushed).catch(() => undefined);
    loadLexicons();
    bibs.load(host, folders, settings['citations.bibFiles']);
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    const changed = params.changes.map((c) => c.uri);
    if (changed.some((u) => u.endsWith('.oncolex.json'))) {
      loadLexicons();
      revalidateAll();
    }
    if (changed.some((u) => u.endsWith('.bib'))) bibs.load(host, folders, settings['citations.bibFiles']);
  });

  documents.onDidOpen((e) => validate(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidSave((e) => {
    if (e.document.uri.endsWith('.bib')) bibs.load(host, folders, settings['citations.bibFiles']);
    if (e.document.uri.endsWith('.oncolex.json')) {
      loadLexicons();
      revalidateAll();
    }
  });
  documents.onDidClose((e) => {
    annotations.delete(e.document.uri);
    clearTimeout(pending.get(e.document.uri));
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover((params): Hover | undefined => {
    const doc = documents.get(params.textDocument.uri);
    const ann = doc ? annotationOf(doc) : undefined;
    if (!doc || !ann) return undefined;
    const card = mentionCardAt(ann, doc.offsetAt(params.position), {
      lang: resolveDisplayLanguage(settings.displayLanguage, locale),
      byId: entries(),
      lineOf: (offset) => doc.positionAt(offset).line,
      links: false,
      maxEvidence: HOVER_EVIDENCE,
    });
    if (!card) return undefined;
    return { contents: { kind: MarkupKind.Markdown, value: card.markdown }, range: { start: doc.positionAt(card.start), end: doc.positionAt(card.end) } };
  });

  connection.onCodeAction((params): CodeAction[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      const data = d.data as HintData | undefined;
      if (d.code !== CODE || !data) continue;
      const entry = entries().get(data.id);
      if (!entry && data.own === undefined) continue;
      const sample = doc.getText({ start: { line: Math.max(0, d.range.start.line - 3), character: 0 }, end: { line: d.range.end.line + 3, character: 0 } });
      const replacement = entry ? firstUseForm({ short: '', long: '' }, entry, writingLanguage(sample), docLanguage(doc)) : data.own!;
      actions.push({
        title: `Write the first-use form: ${replacement}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [doc.uri]: [{ range: d.range, newText: replacement }] } },
      });
    }
    return actions;
  });

  connection.onCompletion((params): CompletionItem[] => {
    const doc = documents.get(params.textDocument.uri);
    const syntax = doc ? citationSyntax(doc) : undefined;
    if (!doc || !syntax) return [];
    const offset = doc.offsetAt(params.position);
    const windowStart = doc.offsetAt({ line: Math.max(0, params.position.line - 5), character: 0 });
    const windowEnd = doc.offsetAt({ line: params.position.line + 1, character: 0 });
    const ctx = citationContextAt(doc.getText().slice(windowStart, windowEnd), offset - windowStart, syntax);
    if (!ctx) return [];
    const range = { start: doc.positionAt(windowStart + ctx.start), end: doc.positionAt(windowStart + ctx.end) };
    const already = new Set(ctx.otherKeys.map((k) => k.toLowerCase()));
    const labels = citations.labels();
    return citations
      .all()
      .filter((r) => !already.has(r.key.toLowerCase()))
      .map((r, i) => ({
        label: r.key,
        labelDetails: { description: referenceDetail(r) },
        kind: CompletionItemKind.Reference,
        detail: r.title ?? '',
        textEdit: { range, newText: r.key },
        filterText: [r.key, ...r.authors.map((a) => a.family), r.year ?? '', r.title ?? ''].join(' '),
        sortText: `${r.source === BUILTIN_SOURCE ? '1' : '0'}${String(i).padStart(6, '0')}`,
        documentation: { kind: MarkupKind.Markdown, value: referenceHoverMarkdown(r, { entryLabels: labels }) },
      }));
  });

  connection.languages.semanticTokens.on((params): SemanticTokens => {
    const doc = documents.get(params.textDocument.uri);
    const ann = doc && settings['highlight.enabled'] ? annotationOf(doc) : undefined;
    if (!doc || !ann) return { data: [] };
    const data: number[] = [];
    let line = 0;
    let char = 0;
    for (const m of ann.mentions) {
      if (settings['highlight.categories'][m.category] === false) continue;
      const start = doc.positionAt(m.start);
      const end = doc.positionAt(m.end);
      // A token lies on one line: a mention broken across lines is marked on its first.
      const length = end.line === start.line ? end.character - start.character : doc.offsetAt({ line: start.line, character: Number.MAX_SAFE_INTEGER }) - m.start;
      if (length <= 0) continue;
      data.push(start.line - line, start.line === line ? start.character - char : start.character, length, TOKEN_OF.get(m.category) ?? 0, 0);
      line = start.line;
      char = start.character;
    }
    return { data };
  });

  documents.listen(connection);
  connection.listen();
}
