/**
 * The request handlers that read one document and answer from the service: hover, citation completion
 * (a bounded list, details resolved on request) and semantic tokens.
 */
import type { CompletionItem, CompletionList, Hover, HoverParams, CompletionParams, SemanticTokens, SemanticTokensParams } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerWorkspace } from './workspace';
import type { CompletionData } from './convert';
import { toCompletionItem, toLspHover } from './convert';

type Documents = (uri: string) => TextDocument | undefined;

/** The card of the term or the reference under the cursor; no command links (other editors cannot run them). */
export function hover(workspace: ServerWorkspace, documents: Documents, params: HoverParams): Hover | undefined {
  const doc = documents(params.textDocument.uri);
  const h = doc ? workspace.service.hover(doc, params.position, { links: false }) : undefined;
  return h ? toLspHover(h) : undefined;
}

/** Citation keys: at most COMPLETION_LIMIT items, `isIncomplete` when there were more. */
export function completion(workspace: ServerWorkspace, documents: Documents, params: CompletionParams): CompletionList | undefined {
  const doc = documents(params.textDocument.uri);
  const list = doc ? workspace.service.completions(doc, params.position) : undefined;
  if (!doc || !list) return undefined;
  return { isIncomplete: list.isIncomplete, items: list.items.map((c) => toCompletionItem(c, list, doc.uri)) };
}

/** A completion item's documentation: the reference card of its key. */
export function resolveCompletion(workspace: ServerWorkspace, documents: Documents, item: CompletionItem): CompletionItem {
  const data = item.data as Partial<CompletionData> | undefined;
  const doc = typeof data?.uri === 'string' ? documents(data.uri) : undefined;
  const md = doc && typeof data?.key === 'string' ? workspace.service.resolveCompletion(doc, data.key) : undefined;
  return md === undefined ? item : { ...item, documentation: { kind: MarkupKind.Markdown, value: md } };
}

export function semanticTokens(workspace: ServerWorkspace, documents: Documents, params: SemanticTokensParams): SemanticTokens {
  const doc = documents(params.textDocument.uri);
  return { data: doc ? workspace.service.semanticTokens(doc) : [] };
}
