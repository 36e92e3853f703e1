import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lexicon } from '../../src/core/lexicon/lexicon';
import { SearchIndex, searchIndexFor, searchKey, searchLexicon } from '../../src/core/search/search';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { evaluateRelevance, readRelevanceQueries, syntheticLexicon } from '../../scripts/bench-search';
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

  it('ranks a curated entry above a generated one of the same name', () => {
    const pd1 = lex.entries.find((e) => e.id === 'pd-1')!;
    // An entry of the generated tier (from an ontology) that duplicates a curated one, as the HGNC gene PDCD1 would.
    const generated = { ...pd1, id: 'hgnc-8760', tier: 'generated' as const };
    const withTier: Lexicon = { source: 'tiers', entries: [generated, ...lex.entries] };
    assert.deepEqual(ids(withTier, 'pd-1', 2), ['pd-1', 'hgnc-8760']);
  });

  it('finds a workspace entry by the pinyin of its Chinese name, composed from the vocabulary', () => {
    const treg = lex.entries.find((e) => e.id === 'treg')!;
    // Not a built lexicon's name: its reading comes from the usual reading of each character.
    const own = { ...treg, id: 'my-term', label: { en: 'my term', zh: '肿瘤细胞抑制' }, zh: [], synonyms: [], abbreviations: [], brands: [], forms: [] };
    const mine: Lexicon = { source: 'workspace', entries: [own, ...lex.entries] };
    assert.equal(ids(mine, 'zhongliuxibao')[0], 'my-term');
    assert.equal(ids(mine, 'zlxbyz')[0], 'my-term');
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
    for (const q of queries) {
      for (const id of [q.expect, ...(q.allow ?? []), ...(q.forbid ?? [])]) {
        if (id !== null) assert.ok(known.has(id), `unknown entry id '${id}' for query '${q.query}'`);
      }
    }
    for (const kind of ['abbreviation', 'misspelling', 'partial word', 'Chinese', 'brand']) {
      assert.ok(queries.some((q) => q.kind === kind), `no ${kind} query`);
    }
  });

  // The queries of issue 24 (from 'pabolizhu' on) were written before the search was tuned for them.
  const split = queries.findIndex((q) => q.query === 'pabolizhu');

  it('ranks the expected entry first or among the first three', () => {
    const index = new SearchIndex(lexicon);
    const r = evaluateRelevance((q) => index.search(q, { limit: 20 }), queries.slice(0, split));
    console.log(`search relevance: top-1 ${r.top1}/${r.withEntry}, top-3 ${r.top3}/${r.withEntry}`);
    assert.deepEqual(r.misses, []);
  });

  it('finds pinyin, initials, Chinese variants, and nothing for absent terms', () => {
    const index = new SearchIndex(lexicon);
    const r = evaluateRelevance((q) => index.search(q, { limit: 20 }), queries.slice(split));
    console.log(`search relevance (issue 24): top-1 ${r.top1}/${r.withEntry}, top-3 ${r.top3}/${r.withEntry}, absent terms showing nothing ${r.absentEmpty}/${r.absent}`);
    assert.deepEqual(r.misses, []);
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
    assert.match(lines[0], /^[01]\.\d{3} {2}immune-cell {2}treg +regulatory T cell · 调节性 T 细胞$/);
    // The definitions that mention it are weak matches, shown with --all only.
    assert.deepEqual(
      (JSON.parse((await run(['regulatory', 't', '--format', 'json'])).out) as { results: { id: string }[] }).results.filter((r) => r.id === 'cd25'),
      [],
    );
    const all = JSON.parse((await run(['regulatory', 't', '--format', 'json', '--all', '--limit', '200'])).out) as { results: { id: string }[] };
    assert.ok(all.results.some((r) => r.id === 'cd25'), 'CD25, whose definition names regulatory T cells, is a weak match');
  });

  it('finds a Chinese name by its pinyin initials', async () => {
    const { code, out } = await run(['pbl', '--format', 'json']);
    assert.equal(code, 0);
    assert.equal((JSON.parse(out) as { results: { id: string }[] }).results[0].id, 'pembrolizumab');
  });

  it('says when nothing fits, with the weak matches and where else to look', async () => {
    const none = await run(['kubernetes']);
    assert.equal(none.code, 1);
    assert.equal(none.out, '');
    assert.match(none.err, /no term in the lexicon fits 'kubernetes'/);
    assert.match(none.err, /Lexicon view/);
    const weak = await run(['patient']);
    assert.equal(weak.code, 1);
    assert.match(weak.err, /Weak matches .*; oncolex search --all "patient" lists them/);
    // No CD19 entry: CCR2 and CCR5 (CD192, CD195) are other molecules; the CD19 CAR-T products name it.
    const cd19 = await run(['cd19', '--format', 'json']);
    const ids = (JSON.parse(cd19.out) as { results: { id: string }[] }).results.map((r) => r.id);
    assert.ok(!ids.includes('ccr2') && !ids.includes('ccr5'), ids.join());
    assert.ok(ids.includes('tisagenlecleucel'), ids.join());
  });

  it('rejects a missing query and bad options', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['x', '--format', 'xml'])).code, 2);
    assert.equal((await run(['x', '--limit', '0'])).code, 2);
    const none = await run(['zzqxv']);
    assert.equal(none.code, 1);
    assert.match(none.err, /no term in the lexicon fits 'zzqxv'/);
    assert.deepEqual(JSON.parse((await run(['zzqxv', '--format=json'])).out), { query: 'zzqxv', results: [] });
  });
});
