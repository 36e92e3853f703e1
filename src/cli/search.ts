/**
 * `oncolex search QUERY [--format json|table] [--limit N] [--all]`: the ranked lexicon search of the
 * extension's "Search Terms" command and its Lexicon view filter, best first: names, abbreviations, brands,
 * Chinese names and their pinyin or initials, misspellings. Weak hits (a query only mentioned in a
 * definition, a distant likeness) are shown with --all; without them, nothing found is said on stderr with
 * what else to try.
 */
import type { SearchResult } from '../core/search/search';
import { searchLexicon } from '../core/search/search';
import { loadBuiltinLexicon } from '../node/builtin';
import type { CliIo } from './io';
import { parseArgs } from './io';

const FORMATS = ['table', 'json'];

/** The JSON shape of one result. */
function asJson(r: SearchResult): { id: string; label: { en: string; zh: string }; category: string; score: number } {
  return { id: r.entry.id, label: { en: r.entry.label.en, zh: r.entry.label.zh }, category: r.entry.category, score: r.score };
}

/** What stderr says when nothing fits: the weak hits there are, and where else to look. */
function nothingFits(query: string, weak: readonly SearchResult[]): string {
  const lines = [`oncolex search: no term in the lexicon fits '${query}'.`];
  if (weak.length > 0) {
    lines.push(`  Weak matches (the words in a definition, a distant likeness): ${weak.map((r) => r.entry.label.en).join(', ')}; oncolex search --all ${JSON.stringify(query)} lists them.`);
  }
  lines.push(
    '  Try a shorter start of the name, its abbreviation, its Chinese name or pinyin (pbl, pabolizhu),',
    '  or browse: oncolex lexicon --format json, or the Lexicon view in the editor (its filter uses this search).',
  );
  return `${lines.join('\n')}\n`;
}

export async function runSearch(argv: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(argv, ['format', 'limit']);
  const all = flags.get('all') === true;
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
  const lexicon = loadBuiltinLexicon();
  const results = searchLexicon(lexicon, query, { limit, minScore: all ? 0 : undefined });
  if (format === 'json') {
    io.out(`${JSON.stringify({ query, results: results.map(asJson) })}\n`);
    return 0;
  }
  if (results.length === 0) {
    io.err(nothingFits(query, all ? [] : searchLexicon(lexicon, query, { limit: 3, minScore: 0 })));
    return 1;
  }
  const idWidth = Math.max(...results.map((r) => r.entry.id.length));
  for (const r of results) {
    io.out(`${r.score.toFixed(3)}  ${r.entry.category.padEnd(11)}  ${r.entry.id.padEnd(idWidth)}  ${[r.entry.label.en, r.entry.label.zh].filter((x) => x !== '').join(' · ')}\n`);
  }
  return 0;
}
