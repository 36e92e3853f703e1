/**
 * `oncolex search QUERY [--format json|table] [--limit N]`: the ranked lexicon search of the extension's
 * "Search Terms" command, best first.
 */
import type { SearchResult } from '../core/search';
import { searchLexicon } from '../core/search';
import { loadBuiltinLexicon } from '../node/builtin';
import type { CliIo } from './io';
import { parseArgs } from './io';

const FORMATS = ['table', 'json'];

/** The JSON shape of one result. */
function asJson(r: SearchResult): { id: string; label: { en: string; zh: string }; category: string; score: number } {
  return { id: r.entry.id, label: { en: r.entry.label.en, zh: r.entry.label.zh }, category: r.entry.category, score: r.score };
}

export async function runSearch(argv: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(argv, ['format', 'limit']);
  const format = flags.get('format') ?? 'table';
  if (typeof format !== 'string' || !FORMATS.includes(format)) {
    io.err(`oncolex search: --format must be one of ${FORMATS.join(', ')}\n`);
    return 2;
  }
  const limitFlag = flags.get('limit') ?? '10';
  const limit = typeof limitFlag === 'string' && /^\d+$/.test(limitFlag) ? Number(limitFlag) : NaN;
  if (!(limit > 0)) {
    io.err('oncolex search: --limit must be a positive whole number\n');
    return 2;
  }
  const query = positional.join(' ').trim();
  if (!query) {
    io.err('oncolex search: give a query, e.g. oncolex search pembro\n');
    return 2;
  }
  const results = searchLexicon(loadBuiltinLexicon(), query, { limit });
  if (format === 'json') {
    io.out(`${JSON.stringify({ query, results: results.map(asJson) })}\n`);
    return 0;
  }
  if (results.length === 0) {
    io.err(`oncolex search: nothing matches '${query}'\n`);
    return 1;
  }
  const idWidth = Math.max(...results.map((r) => r.entry.id.length));
  for (const r of results) {
    io.out(`${r.score.toFixed(3)}  ${r.entry.category.padEnd(11)}  ${r.entry.id.padEnd(idWidth)}  ${r.entry.label.en} · ${r.entry.label.zh}\n`);
  }
  return 0;
}
