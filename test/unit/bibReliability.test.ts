/**
 * Hostile bibliographies (issue 10): macro bombs, deeply nested accents, names that are Object.prototype's,
 * CSL-JSON that used to break the hover, and errors that must point at the right line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_EXPANDED_VALUE, MAX_MACRO_DEPTH, expansionBudget, parseBibtex } from '../../src/core/citations/bibtex';
import { parseCslJson } from '../../src/core/citations/cslJson';
import { MAX_ACCENT_DEPTH, decodeTex } from '../../src/core/citations/texText';
import { referenceFromBibEntry } from '../../src/core/citations/citations';
import { doiUrl, referenceHoverMarkdown, safeLinkTarget } from '../../src/core/citations/referenceFormat';
import { runBib } from '../../src/cli/bib';
import { main } from '../../src/cli/main';

const GOOD = '@article{good2020,\n  author = {Mole, R. H.},\n  title = {Whole body irradiation},\n  year = 1953\n}\n';

/** `@string{s1 = s0 # s0}` … `s<k>`: each macro doubles the one before; about 1 KB of text. */
function doublingBib(k: number): string {
  let bib = '@string{s0 = "abcdefgh"}\n';
  for (let i = 1; i <= k; i++) bib += `@string{s${i} = s${i - 1} # s${i - 1}}\n`;
  return `${bib}@misc{bomb, title = s${k}}\n${GOOD}`;
}

test('a .bib whose macros double 22 times: the bomb is reported, nothing grows past the bound, the rest is read', () => {
  const text = doublingBib(22);
  assert.ok(text.length < 1024);
  const r = parseBibtex(text);
  assert.deepEqual(r.entries.map((e) => e.key), ['bomb', 'good2020']);
  for (const v of Object.values(r.strings)) assert.ok(v.length <= MAX_EXPANDED_VALUE);
  for (const e of r.entries) for (const v of Object.values(e.raw)) assert.ok(v.length <= MAX_EXPANDED_VALUE);
  // The first macro past the file's budget is named, at its own line (s17 = 8 × 2^17 characters).
  assert.deepEqual(r.errors, [
    { line: 18, message: `@string s17: macro 's16' would take the file's macro expansions past ${expansionBudget(text.length)} characters in all` },
  ]);
});

test('a value built from macros is at most MAX_EXPANDED_VALUE long; the entry is reported with its key', () => {
  const big = 'x'.repeat(200_000);
  const r = parseBibtex(`@string{big = {${big}}}
@misc{long, title = big # big # big # big # big # big}
${GOOD}`);
  assert.deepEqual(r.errors, [{ line: 2, key: 'long', message: `macro 'big' makes the value longer than ${MAX_EXPANDED_VALUE} characters` }]);
  assert.deepEqual(r.entries.map((e) => e.key), ['good2020']);
});

test('macros defined from macros nest at most MAX_MACRO_DEPTH deep; the entry says so', () => {
  let bib = '@string{m0 = "x"}\n';
  for (let i = 1; i <= MAX_MACRO_DEPTH + 2; i++) bib += `@string{m${i} = m${i - 1} # "x"}\n`;
  const r = parseBibtex(bib + GOOD);
  assert.deepEqual(r.errors.map((e) => e.line), [MAX_MACRO_DEPTH + 2]);
  assert.match(r.errors[0].message, new RegExp(`@string m${MAX_MACRO_DEPTH + 1}: macros nest more than ${MAX_MACRO_DEPTH} deep`));
  assert.deepEqual(r.entries.map((e) => e.key), ['good2020']);
});

test('many entries using one huge macro: expansion stops at the file budget, entries before it are kept', () => {
  let bib = '@string{s0 = "abcdefgh"}\n';
  for (let i = 1; i <= 10; i++) bib += `@string{s${i} = s${i - 1} # s${i - 1}}\n`; // s10: 8 Ki characters
  for (let i = 0; i < 300; i++) bib += `@misc{use${i}, title = s10, journal = s0}\n`;
  const r = parseBibtex(bib + GOOD);
  const over = r.errors.filter((e) => /past \d+ characters in all/.test(e.message));
  assert.ok(over.length > 100 && over.length < 200, `${over.length} entries over the budget`);
  assert.deepEqual(over[0].key, `use${300 - over.length}`);
  assert.equal(r.entries.length, 300 - over.length + 1);
  assert.ok(r.entries.some((e) => e.key === 'good2020'));
});

test('accents nested 5,000 deep: no exception, the entry and the next are read, the letter survives', () => {
  const deep = `${"\\'{".repeat(5000)}e${'}'.repeat(5000)}`;
  assert.doesNotThrow(() => decodeTex(deep));
  assert.equal(decodeTex(deep).normalize('NFD').replace(/\p{M}/gu, ''), 'e');
  const r = parseBibtex(`@article{deep, title = {${deep}}}\n${GOOD}`);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.entries.map((e) => e.key), ['deep', 'good2020']);
  assert.equal(r.entries[0].fields.title.normalize('NFD').replace(/\p{M}/gu, ''), 'e');
  // Decoding stays linear past the depth bound: 4× deeper costs well under 8× the time.
  const time = (depth: number) => {
    const s = `${"\\'{".repeat(depth)}e${'}'.repeat(depth)}`;
    decodeTex(s);
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) decodeTex(s);
    return performance.now() - t0;
  };
  const small = time(20_000);
  const large = time(80_000);
  assert.ok(large / small < 8, `20k: ${small.toFixed(1)} ms, 80k: ${large.toFixed(1)} ms`);
  assert.ok(MAX_ACCENT_DEPTH < 5000);
});

test('macro, field and command names that Object.prototype has are plain names', () => {
  const r = parseBibtex('@misc{proto, title = constructor # " / " # __proto__ # " / " # toString, __proto__ = {p}, constructor = {c}, month = hasOwnProperty, note = {\\constructor{x} \\valueOf y}}\n');
  assert.deepEqual(r.errors, []);
  const e = r.entries[0];
  assert.equal(e.fields.title, 'constructor / __proto__ / toString');
  assert.equal(e.fields.month, 'hasOwnProperty');
  assert.equal(e.raw.__proto__, 'p');
  assert.equal(e.raw.constructor, 'c');
  assert.equal(e.fields.note, 'x y');
  assert.doesNotMatch(JSON.stringify(e), /native code|function/);
  assert.equal(r.strings.constructor, undefined);
  const s = parseBibtex('@string{constructor = "Defined"}\n@misc{k, title = constructor, journal = valueOf}\n');
  assert.equal(s.entries[0].fields.title, 'Defined');
  assert.equal(s.entries[0].fields.journal, 'valueOf');
  assert.equal(decodeTex('\\toString{a} \\hasOwnProperty b'), 'a b');
});

test('CSL-JSON: type "constructor" and a lone surrogate in the URL or DOI make hovers, not exceptions', () => {
  const json = JSON.stringify([
    { id: 'ctor', type: 'constructor', title: 'A' },
    { id: 'url', type: 'article-journal', title: 'B', URL: 'https://example.org/\ud800x' },
    { id: 'doi', type: 'article-journal', title: 'C', DOI: '10.1000/ab\udc00c', URL: 'https://example.org/ok' },
    { id: '__proto__', type: 'toString', title: 'D' },
  ]);
  const r = parseCslJson(json);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.entries.map((e) => e.type), ['misc', 'article', 'article', 'misc']);
  const refs = r.entries.map((e) => referenceFromBibEntry(e, 'refs.json'));
  const hovers = refs.map((ref) => referenceHoverMarkdown(ref));
  assert.match(hovers[0], /\*\*ctor\*\* · misc/);
  assert.doesNotMatch(hovers[1], /\]\(http/, 'no link for a URL that cannot be encoded');
  assert.doesNotMatch(hovers[2], /doi\.org/);
  assert.ok(hovers[2].includes('](https://example.org/ok)'), hovers[2]);
  assert.equal(safeLinkTarget('https://x.org/\ud800'), undefined);
  assert.equal(doiUrl('10.1000/\udfff'), undefined);
  assert.equal(doiUrl('10.1000/ok😀'), 'https://doi.org/10.1000/ok%F0%9F%98%80');
});

test('CSL-JSON problems are reported at the item’s own line', () => {
  const text = '[\n  {"id": "a", "title": "A"},\n  {"title": "no id"},\n  {\n    "id": "c", "title": "C"\n  },\n  42\n]\n';
  const r = parseCslJson(text);
  assert.deepEqual(r.errors, [
    { line: 3, message: 'item #2 has no "id"' },
    { line: 7, message: 'item #4 has no "id"' },
  ]);
  assert.deepEqual(r.entries.map((e) => [e.key, e.line]), [['a', 2], ['c', 4]]);
  const wrapped = parseCslJson('{\n "meta": {"items": [1]},\n "items": [\n  {"id": "x"},\n  {"id": null}\n ]\n}');
  assert.deepEqual(wrapped.errors.map((e) => e.line), [5]);
  const broken = parseCslJson('[\n {"id": "a"},\n {"id": "b",}\n]');
  assert.equal(broken.errors[0].line, 3);
  assert.match(broken.errors[0].message, /^not valid JSON/);
});

test('oncolex bib: a macro bomb and a 5,000-deep accent file are reported; the other files are still read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncolex-bib-hostile-'));
  const bomb = join(dir, 'bomb.bib');
  writeFileSync(bomb, doublingBib(22));
  const deep = join(dir, 'deep.bib');
  writeFileSync(deep, `@article{deep, title = {${"\\'{".repeat(5000)}e${'}'.repeat(5000)}}}\n`);
  const good = join(dir, 'good.bib');
  writeFileSync(good, GOOD);
  let out = '';
  let err = '';
  const code = await runBib([bomb, deep, good], { out: (t) => (out += t), err: (t) => (err += t) });
  assert.equal(code, 1);
  assert.equal(err, '');
  const report = JSON.parse(out) as { files: { file: string; entries: { key: string }[]; errors: { line: number; message: string }[] }[] };
  assert.deepEqual(report.files.map((f) => f.file), [bomb, deep, good]);
  assert.ok(report.files[0].errors.length > 0);
  assert.ok(report.files[0].entries.some((e) => e.key === 'good2020'));
  assert.deepEqual(report.files[1].entries.map((e) => e.key), ['deep']);
  assert.deepEqual(report.files[2].entries.map((e) => e.key), ['good2020']);
});

test('the CLI does not take Object.prototype’s names for commands', async () => {
  for (const cmd of ['constructor', '__proto__', 'toString']) {
    let err = '';
    const code = await main([cmd], { out: () => undefined, err: (t) => (err += t) });
    assert.equal(code, 2, cmd);
    assert.match(err, new RegExp(`unknown command '${cmd}'`));
  }
});
