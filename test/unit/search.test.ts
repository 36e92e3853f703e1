import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lexicon } from '../../src/core/lexicon';
import { SearchIndex, searchIndexFor, searchKey, searchLexicon } from '../../src/core/search';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { readRelevanceQueries, syntheticLexicon } from '../../scripts/bench-search';
import { runSearch } from '../../src/cli/search';
import { miniLexicon } from '../helpers/mini-lexicon';

const ids = (lexicon: Lexicon, q: string, limit = 5) => searchLexicon(lexicon, q, { limit }).map((r) => r.entry.id);

describe('searchKey', () => {
  it('folds case, width, dashes and drops separators, remembering word starts', () => {
    assert.equal(searchKey('PD-L1').key, 'pdl1');
    assert.equal(searchKey('pd l1').key, 'pdl1');
    assert.equal(searchKey('ＰＤ－Ｌ１').key, 'pdl1');
    assert.equal(searchKey('CD8+ T cell').key, 'cd8tcell');
    assert.deepEqual([...searchKey('CD8+ T cell').wordStarts], [1, 0, 0, 1, 1, 0, 0, 0]);
    assert.equal(searchKey('调节性 T 细胞').key, '调节性t细胞');
    assert.ok(searchKey('调节性 T 细胞').wordStarts.every((b) => b === 1));
  });
});

describe('search over the mini lexicon', () => {
  const lex = miniLexicon();

  it('ranks exact abbreviations first, whatever the separators', () => {
    assert.equal(ids(lex, 'pdl1')[0], 'pd-l1');
    assert.equal(ids(lex, 'PD 1')[0], 'pd-1');
    assert.equal(ids(lex, 'ＰＤ－Ｌ１')[0], 'pd-l1');
  });

  it('finds brand names, prefixes, Chinese substrings and misspellings', () => {
    assert.equal(ids(lex, 'Keytruda')[0], 'pembrolizumab');
    assert.equal(ids(lex, 'pembro')[0], 'pembrolizumab');
    assert.equal(ids(lex, '调节性')[0], 'treg');
    assert.equal(ids(lex, '远端')[0], 'abscopal-effect');
    assert.equal(ids(lex, 'dendritc')[0], 'dendritic-cell');
    assert.equal(ids(lex, 'macrophge')[0], 'macrophage');
  });

  it('prefers a name to a longer name it starts, and names to definitions', () => {
    // "PD-L1" is a whole name; "PD-L1 inhibitor" only starts with it.
    assert.deepEqual(ids(lex, 'pd-l1', 2), ['pd-l1', 'pd-l1-inhibitor']);
    const r = searchLexicon(lex, 'pd-l1');
    assert.ok(r[0].score > r[1].score);
  });

  it('returns scores in (0, 1], best first, and respects the limit', () => {
    const r = searchLexicon(lex, 't cell', { limit: 3 });
    assert.ok(r.length <= 3 && r.length > 0);
    for (let i = 0; i < r.length; i++) {
      assert.ok(r[i].score > 0 && r[i].score <= 1);
      if (i > 0) assert.ok(r[i - 1].score >= r[i].score);
    }
    assert.equal(r[0].entry.id, 't-cell');
    assert.equal(r[0].score, 1);
  });

  it('gives nothing for an empty or unrelated query', () => {
    assert.deepEqual(searchLexicon(lex, ''), []);
    assert.deepEqual(searchLexicon(lex, '   '), []);
    assert.deepEqual(searchLexicon(lex, 'zzqxv'), []);
  });

  it('keeps one index per lexicon object and builds a new one for a new lexicon', () => {
    const a = searchIndexFor(lex);
    assert.equal(searchIndexFor(lex), a);
    const copy: Lexicon = { source: 'copy', entries: lex.entries.slice(0, 3) };
    const b = searchIndexFor(copy);
    assert.notEqual(b, a);
    assert.deepEqual(
      b.search('treg').map((r) => r.entry.id),
      [],
    );
  });
});

describe('relevance over the built-in lexicon', () => {
  const lexicon = loadBuiltinLexicon();
  const queries = readRelevanceQueries();

  it('has at least 40 queries whose expected entries exist', () => {
    assert.ok(queries.length >= 40, `only ${queries.length} queries`);
    const known = new Set(lexicon.entries.map((e) => e.id));
    for (const q of queries) assert.ok(known.has(q.expect), `unknown entry id '${q.expect}' for query '${q.query}'`);
    for (const kind of ['abbreviation', 'misspelling', 'partial word', 'Chinese', 'brand']) {
      assert.ok(queries.some((q) => q.kind === kind), `no ${kind} query`);
    }
  });

  it('ranks the expected entry first or among the first three', () => {
    const index = new SearchIndex(lexicon);
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const q of queries) {
      const got = index.search(q.query, { limit: 3 }).map((r) => r.entry.id);
      const rank = got.indexOf(q.expect) + 1;
      if (rank === 1) top1++;
      if (rank >= 1 && rank <= 3) top3++;
      if (rank === 0 || rank > q.rank) misses.push(`'${q.query}' (${q.kind}): expected ${q.expect} at rank <= ${q.rank}, got [${got.join(', ')}]`);
    }
    const pct = (n: number) => `${((100 * n) / queries.length).toFixed(1)}%`;
    console.log(`search relevance: top-1 ${top1}/${queries.length} (${pct(top1)}), top-3 ${top3}/${queries.length} (${pct(top3)})`);
    assert.deepEqual(misses, []);
    assert.equal(top3, queries.length);
  });
});

describe('synthetic lexicon', () => {
  it('still finds the real entries among 2,000', () => {
    // The curated tier padded with synthetic entries (the built-in lexicon with its generated tier has more than 2,000).
    const builtin = loadBuiltinLexicon();
    const lex = syntheticLexicon({ ...builtin, entries: builtin.entries.filter((e) => e.tier === undefined) }, 2000);
    assert.equal(lex.entries.length, 2000);
    const index = new SearchIndex(lex);
    for (const [q, id] of [
      ['keytruda', 'pembrolizumab'],
      ['pdl1', 'pd-l1'],
      ['调节性', 'treg'],
      ['dendritc', 'dendritic-cell'],
    ]) {
      assert.ok(
        index
          .search(q, { limit: 3 })
          .map((r) => r.entry.id)
          .includes(id),
        q,
      );
    }
  });
});

describe('oncolex search', () => {
  const run = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runSearch(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  };

  it('prints the ranked results as JSON, best first', async () => {
    const { code, out } = await run(['pembro', '--format', 'json']);
    assert.equal(code, 0);
    const data = JSON.parse(out) as { query: string; results: { id: string; label: { en: string; zh: string }; category: string; score: number }[] };
    assert.equal(data.query, 'pembro');
    assert.deepEqual(data.results[0], { id: 'pembrolizumab', label: { en: 'pembrolizumab', zh: '帕博利珠单抗' }, category: 'drug', score: data.results[0].score });
    for (let i = 1; i < data.results.length; i++) assert.ok(data.results[i - 1].score >= data.results[i].score);
  });

  it('joins the words of the query and prints a table by default', async () => {
    const { code, out } = await run(['regulatory', 't', '--limit', '2']);
    assert.equal(code, 0);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^[01]\.\d{3} {2}immune-cell {2}treg +regulatory T cell · 调节性 T 细胞$/);
  });

  it('rejects a missing query and bad options', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['x', '--format', 'xml'])).code, 2);
    assert.equal((await run(['x', '--limit', '0'])).code, 2);
    const none = await run(['zzqxv']);
    assert.equal(none.code, 1);
    assert.match(none.err, /nothing matches/);
    assert.deepEqual(JSON.parse((await run(['zzqxv', '--format=json'])).out), { query: 'zzqxv', results: [] });
  });
});
