/**
 * The OncoLex language server: one more host of the service (src/core/service/), beside src/vscode/ and the
 * CLI. It converts LSP messages to service calls and the answers back (convert.ts), and does nothing else:
 * every diagnostic code with its quick fixes (diagnostics.ts), hover, citation completion and the mentions as
 * semantic tokens (features.ts). The workspace's lexicons and bibliographies come through {@link ServerHost}
 * (workspace.ts), so this module needs no Node built-in (src/cli/lsp.ts supplies Node's).
 *
 * The lifecycle follows the protocol (lifecycle.ts): no answer before `initialize` or after `shutdown`.
 * The semantic token legend is {@link TOKEN_TYPES}: one token type per lexicon category, no modifiers.
 */
import type { Connection, InitializeParams, InitializeResult, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { CodeActionKind, TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../core/matching/incremental';
import { settingsFrom } from '../core/settings';
import { TOKEN_TYPES } from '../core/service/semanticTokens';
import { DiagnosticsFeature } from './diagnostics';
import { completion, hover, resolveCompletion, semanticTokens } from './features';
import { Lifecycle } from './lifecycle';
import type { ServerHost } from './workspace';
import { ServerWorkspace } from './workspace';

/** Serves one client over `connection` until it exits. */
export function startServer(connection: Connection, host: ServerHost): void {
  const lifecycle = new Lifecycle();
  const workspace = new ServerWorkspace(host, connection);
  const service = workspace.service;
  // The client's edits reach the service as they come, so a document is re-annotated paragraph by paragraph.
  const documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update(doc, changes, version) {
      const edits: TextChange[] = [];
      let now = doc;
      for (const c of changes) {
        edits.push(textChange(now, c));
        now = TextDocument.update(now, [c], version);
      }
      service.applyChanges(now, edits);
      return now;
    },
  });
  const current = (uri: string) => documents.get(uri);
  const diagnostics = new DiagnosticsFeature(connection, workspace, current);
  let canPullConfiguration = false;
  let semanticTokensAsked = false;

  const refreshAll = (): void => {
    if (!lifecycle.running) return;
    diagnostics.refresh(documents.all());
    if (semanticTokensAsked) void connection.sendRequest('workspace/semanticTokens/refresh').catch(() => undefined);
  };

  const pullSettings = async (pushed?: unknown): Promise<void> => {
    if (pushed !== undefined && pushed !== null) workspace.settings = settingsFrom(pushed);
    else if (canPullConfiguration) workspace.settings = settingsFrom(await connection.workspace.getConfiguration({ section: 'oncolex' }));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    workspace.locale = params.locale ?? 'en';
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    semanticTokensAsked = params.capabilities.textDocument?.semanticTokens !== undefined;
    workspace.folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (workspace.folders.length === 0 && params.rootUri) workspace.folders = [params.rootUri];
    if (params.initializationOptions !== undefined && params.initializationOptions !== null) {
      const o = params.initializationOptions as Record<string, unknown>;
      workspace.settings = settingsFrom(o.oncolex ?? o);
    }
    lifecycle.initialized();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['{', ',', '@'], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(semanticTokensAsked ? { semanticTokensProvider: { legend: { tokenTypes: TOKEN_TYPES, tokenModifiers: [] }, full: true } } : {}),
      },
      serverInfo: { name: 'oncolex' },
    };
  });

  connection.onInitialized(
    lifecycle.notification(async () => {
      await pullSettings().catch(() => undefined);
      workspace.loadLexicons();
      workspace.loadBibliographies();
      refreshAll();
    }),
  );

  connection.onShutdown(() => {
    const refused = lifecycle.refusal();
    if (refused) return refused;
    lifecycle.shutDown();
    diagnostics.dispose();
    return undefined;
  });

  connection.onDidChangeConfiguration(
    lifecycle.notification(async (params) => {
      const pushed = (params.settings as Record<string, unknown> | null | undefined)?.oncolex;
      await pullSettings(pushed).catch(() => undefined);
      workspace.loadLexicons();
      workspace.loadBibliographies();
      refreshAll();
    }),
  );

  const lexiconChanged = (uris: readonly string[]) => uris.some((u) => u.endsWith('.oncolex.json'));
  const bibliographyChanged = (uris: readonly string[]) =>
    uris.some((u) => /\.(bib|json)$/i.test(u) && (u.endsWith('.bib') || workspace.settings['citations.bibFiles'].some((f) => u.endsWith(f.replace(/^\.?\//, '')))));

  const filesChanged = (uris: readonly string[]): void => {
    const lexicons = lexiconChanged(uris);
    const bibs = bibliographyChanged(uris);
    if (lexicons) workspace.loadLexicons();
    if (bibs) workspace.loadBibliographies();
    if (lexicons || bibs) refreshAll();
  };

  connection.onDidChangeWatchedFiles(lifecycle.notification((params) => filesChanged(params.changes.map((c) => c.uri))));

  documents.onDidOpen((e) => {
    if (lifecycle.running) diagnostics.publish(e.document);
  });
  documents.onDidChangeContent((e) => {
    if (lifecycle.running) diagnostics.schedule(e.document);
  });
  documents.onDidSave((e) => {
    if (lifecycle.running) filesChanged([e.document.uri]);
  });
  documents.onDidClose((e) => {
    service.forget(e.document.uri);
    if (lifecycle.running) diagnostics.close(e.document.uri);
  });

  connection.onHover(lifecycle.request((params) => hover(workspace, current, params)));
  connection.onCodeAction(lifecycle.request((params) => diagnostics.codeActions(params)));
  connection.onCompletion(lifecycle.request((params) => completion(workspace, current, params)));
  connection.onCompletionResolve(lifecycle.request((item) => resolveCompletion(workspace, current, item)));
  connection.languages.semanticTokens.on(lifecycle.request((params) => semanticTokens(workspace, current, params)));

  documents.listen(connection);
  connection.listen();
}

/** A protocol change in the offsets of the text before it. */
function textChange(doc: TextDocument, c: TextDocumentContentChangeEvent): TextChange {
  if (!('range' in c) || c.range === undefined) return { start: 0, removedLength: doc.getText().length, insertedText: c.text };
  const start = doc.offsetAt(c.range.start);
  return { start, removedLength: doc.offsetAt(c.range.end) - start, insertedText: c.text };
}
