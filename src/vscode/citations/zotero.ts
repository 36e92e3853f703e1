/** Optional Zotero search: Better BibTeX's JSON-RPC, on loopback only. */
import * as vscode from 'vscode';
import { parseCslJson } from '../../core/citations/cslJson';
import { referenceFromBibEntry } from '../../core/citations/citations';
import type { Reference } from '../../core/citations/citations';
import { SETTINGS } from '../../core/ids';

const ZOTERO_TIMEOUT_MS = 1500;

/** A Zotero search that failed, with a message for the user. */
export class ZoteroError extends Error {}

/** References matching `query` in the running Zotero. Throws {@link ZoteroError} with a message for the user. */
export async function zoteroSearch(query: string): Promise<Reference[]> {
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
