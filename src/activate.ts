/**
 * OncoLex: wires the capabilities together, for both hosts (desktop: src/extension.ts; browser: src/web.ts).
 * Each adapter in src/vscode translates between VS Code and the pure core in src/core; nothing here does
 * domain work, and what differs between the hosts comes in as an {@link ExtensionHost}.
 */
import * as vscode from 'vscode';
import { COMMANDS } from './core/ids';
import { EDITOR_LANGUAGES } from './core/text/documentLanguages';
import type { Logger } from './core/log';
import { logErrors } from './core/log';
import { CardView } from './vscode/cardView';
import { registerCitationCommands } from './vscode/citations/commands';
import { registerCitationCompletion } from './vscode/citations/completion';
import { registerCitationDiagnostics } from './vscode/citations/diagnostics';
import { registerCitationHover } from './vscode/citations/hover';
import { BibliographyStore } from './vscode/citations/store';
import { documentEditor, termAtCursor, trackEditors } from './vscode/editors';
import { Highlighter } from './vscode/highlight';
import type { ExtensionHost } from './vscode/host';
import { TermHoverProvider } from './vscode/hover';
import { registerMineCommand } from './vscode/mine';
import { registerDictionaryCommand } from './vscode/dictionary';
import { registerExportAbbreviations } from './vscode/exportAbbreviations';
import { ManuscriptChecker } from './vscode/manuscriptChecks';
import { registerSearch } from './vscode/search';
import { LexiconService } from './vscode/lexiconService';
import { createVscodeService } from './vscode/service';
import { WorkspaceLexicons } from './vscode/workspaceLexicon';

/** Languages OncoLex works in (those that exist in the running VS Code). */
export const DOCUMENT_SELECTOR: vscode.DocumentSelector = EDITOR_LANGUAGES.map((language) => ({ language }));

/** What `activate` returns: a small API used by the integration and end-to-end tests. */
export interface OncoLexApi {
  mentions(uri: string): { start: number; end: number; id: string; category: string }[];
  decoratedCount(uri: string): number;
  /** Offsets of the first and last decorated mention (large documents are decorated around the visible lines). */
  decoratedSpan(uri: string): { first: number; last: number } | undefined;
  highlightingEnabled(): boolean;
}

function channelLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (m) => channel.trace(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
}

/** Activates the extension on a host. */
export function activateOn(context: vscode.ExtensionContext, host: ExtensionHost): OncoLexApi | undefined {
  const channel = vscode.window.createOutputChannel('OncoLex', { log: true });
  context.subscriptions.push(channel);
  const log = channelLogger(channel);
  try {
    const t0 = Date.now();
    context.subscriptions.push(trackEditors());
    const lexicon = new LexiconService(host, log);
    const highlighter = new Highlighter(lexicon, log);
    // Citations: the workspace's bibliographies, the references they offer, and the providers over them.
    const bibliographies = new BibliographyStore(log);
    context.subscriptions.push(bibliographies);
    // The one engine every feature below asks (src/core/service/), over the highlighter's annotation.
    const service = createVscodeService(lexicon, highlighter, bibliographies);
    const citations = service.citations(bibliographies.index);
    registerCitationDiagnostics(context, bibliographies);
    registerCitationCompletion(context, service);
    registerCitationHover(context, service, host.referenceFormatter);
    registerCitationCommands(context, { index: citations, store: bibliographies, getLexicon: () => lexicon.lexicon, log, zotero: host.zoteroSearch, formatter: host.referenceFormatter });
    bibliographies.schedule(0);
    const cards = new CardView(lexicon, log);
    const manuscriptChecks = new ManuscriptChecker(service, highlighter, bibliographies);
    const workspaceLexicons = new WorkspaceLexicons(lexicon, context.extensionUri, log, host);
    workspaceLexicons.reloadSoon();
    registerMineCommand(context, log, host.builtinLexicon);
    registerExportAbbreviations(context, { lexicon, highlighter, log });
    registerDictionaryCommand(context, { lexicon, log });
    registerSearch(context, { lexicon, log, mentionsOf: (d) => highlighter.mentionsOf(d), showEntry: (id) => cards.show(id) });
    context.subscriptions.push(
      lexicon,
      highlighter,
      cards,
      manuscriptChecks,
      workspaceLexicons,
      vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, manuscriptChecks, { providedCodeActionKinds: ManuscriptChecker.kinds }),
      vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new TermHoverProvider(service)),
      vscode.commands.registerCommand(COMMANDS.toggleHighlighting, () => logErrors(highlighter.toggle(), 'toggle highlighting', log)),
      vscode.commands.registerCommand(COMMANDS.showEntry, (arg?: { id?: string; entry?: { id: string } } | string) => {
        // A string id, {id} from a command link, or a Lexicon view node {entry}.
        const id = typeof arg === 'string' ? arg : (arg?.id ?? arg?.entry?.id);
        if (id) return cards.show(id);
        // From the palette: the term at the cursor, else let the user find one.
        const here = termAtCursor(documentEditor(), (d) => highlighter.mentionsOf(d));
        if (here) return cards.show(here);
        return vscode.commands.executeCommand(COMMANDS.searchTerms);
      }),
      vscode.commands.registerCommand(COMMANDS.showLog, () => channel.show()),
    );
    log.info(`activated (${host.kind}) in ${Date.now() - t0} ms`);
    if (host.kind === 'web') log.info('web: Zotero search and the plural forms of workspace lexicon entries need desktop VS Code; the CLI and the language server run in a terminal');
    return {
      mentions: (uri) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
        const ms = doc ? highlighter.mentionsOf(doc) : undefined;
        return ms ? ms.mentions.map((m) => ({ ...m })) : [];
      },
      decoratedCount: (uri) => highlighter.decoratedCount(uri),
      decoratedSpan: (uri) => highlighter.decoratedSpan(uri),
      highlightingEnabled: () => vscode.workspace.getConfiguration('oncolex').get<boolean>('highlight.enabled', true),
    };
  } catch (e) {
    // VS Code shows nothing when activation fails: say so, and keep the details in the log.
    log.error(e instanceof Error ? e : String(e));
    void vscode.window.showErrorMessage(vscode.l10n.t('OncoLex failed to start: {0}', e instanceof Error ? e.message : String(e)), vscode.l10n.t('Show Log')).then((choice) => {
      if (choice) channel.show();
    });
    return undefined;
  }
}

