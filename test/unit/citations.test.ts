import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseBibtex } from '../../src/core/citations/bibtex';
import { citationContextAt, citationSyntaxFor, findCitations, formatCitation, isCrossReference } from '../../src/core/citations/citationSyntax';
import { loadStudies, referenceFromBibEntry, studiesForEntry } from '../../src/core/citations/citations';
import { bibAppendText, doiUrl, formatAuthors, formatReference, referenceHoverMarkdown, safeLinkTarget, toBibtex } from '../../src/core/citations/referenceFormat';
import { ReferenceSearch } from '../../src/core/citations/referenceSearch';
import type { Reference } from '../../src/core/citations/citations';
import { escapeMarkdown } from '../../src/core/cards/markdown';
import type { Entry, Evidence } from '../../src/core/lexicon/lexicon';

const root = join(__dirname, '..', '..');
const studies = loadStudies(JSON.parse(readFileSync(join(root, 'data', 'references', 'review-studies.json'), 'utf8')));
const fixtureRefs = (name: string) =>
  parseBibtex(readFileSync(join(root, 'test', 'fixtures', 'bib', name), 'utf8')).entries.map((e) => referenceFromBibEntry(e, name));

/** Where the cursor `|` is in a sample, and the sample without it. */
function at(sample: string): [string, number] {
  const i = sample.indexOf('|');
  return [sample.slice(0, i) + sample.slice(i + 1), i];
}

test('citation context in LaTeX: \\cite variants, optional arguments, several keys', () => {
  for (const cmd of ['cite', 'citep', 'citet', 'parencite', 'autocite', 'textcite', 'Textcite', 'footcite']) {
    const [text, offset] = at(`See \\${cmd}{dov|} for details.`);
    const ctx = citationContextAt(text, offset, 'latex');
    assert.ok(ctx, cmd);
    assert.equal(ctx.prefix, 'dov');
    assert.equal(ctx.command, cmd);
    assert.equal(text.slice(ctx.start, ctx.end), 'dov');
  }
  let [text, offset] = at('\\parencite[see][p.~3]{mole1953, golden2015,tw|yman}');
  let ctx = citationContextAt(text, offset, 'latex');
  assert.ok(ctx);
  assert.equal(ctx.prefix, 'tw');
  assert.deepEqual(ctx.otherKeys, ['mole1953', 'golden2015']);
  assert.equal(text.slice(ctx.start, ctx.end), 'twyman');
  [text, offset] = at('\\citep*{|');
  ctx = citationContextAt(text, offset, 'latex');
  assert.equal(ctx?.prefix, '');
  [text, offset] = at('\\citep{a, |}');
  assert.equal(citationContextAt(text, offset, 'latex')?.prefix, '');
  for (const s of ['\\section{Res|', '\\cite{a} then |', '\\citestyle{nat|', 'plain @mo|']) {
    const [t, o] = at(s);
    assert.equal(citationContextAt(t, o, 'latex'), undefined, s);
  }
});

test('citation context in Markdown: [@, @ at a word start, ; @, and not in e-mail addresses', () => {
  const cases: [string, string, string[], string][] = [
    ['As shown [@|', '', [], '[@'],
    ['As shown [@mo|] before', 'mo', [], '[@'],
    ['[see @mole1953, p. 3; @gol|', 'gol', ['mole1953'], '[@'],
    ['@twy| says', 'twy', [], '@'],
    ['text (@dov|)', 'dov', [], '@'],
    ['[-@shu|]', 'shu', [], '[@'],
  ];
  for (const [sample, prefix, others, command] of cases) {
    const [text, offset] = at(sample);
    const ctx = citationContextAt(text, offset, 'pandoc');
    assert.ok(ctx, sample);
    assert.equal(ctx.prefix, prefix, sample);
    assert.deepEqual(ctx.otherKeys, others, sample);
    assert.equal(ctx.command, command, sample);
  }
  for (const s of ['mail me at user@exa|', 'no at sign he|', '`@co|', '@-x|']) {
    const [t, o] = at(s);
    assert.equal(citationContextAt(t, o, 'pandoc'), undefined, s);
  }
  const [t, o] = at('shown by @mole1953|.');
  const ctx = citationContextAt(t, o, 'pandoc');
  assert.equal(ctx && t.slice(ctx.start, ctx.end), 'mole1953');
});

test('findCitations: LaTeX keys with offsets, comments skipped', () => {
  const text = 'A \\cite{mole1953,  golden2015} and \\citep[p.~2]{wersall2006:rcc/sbrt}.\n% \\cite{commented}\n\\citestyle{nature} 50\\% \\textcite{shu2024}';
  const uses = findCitations(text, 'latex');
  assert.deepEqual(uses.map((u) => u.key), ['mole1953', 'golden2015', 'wersall2006:rcc/sbrt', 'shu2024']);
  for (const u of uses) assert.equal(text.slice(u.start, u.end), u.key);
});

test('findCitations: Pandoc keys, bracketed or bare, code and e-mail skipped', () => {
  const text = [
    'Abscopal [@mole1953; @golden2015, p. 4] and @twymansaintvictor2015 showed it.',
    'Write to user@example.org. See [-@shu2024].',
    '```python',
    '@decorator',
    '```',
    'Inline `@notakey` and <!-- [@hidden] --> and @fig-1.',
  ].join('\n');
  const uses = findCitations(text, 'pandoc');
  assert.deepEqual(
    uses.map((u) => [u.key, u.bracketed]),
    [
      ['mole1953', true],
      ['golden2015', true],
      ['twymansaintvictor2015', false],
      ['shu2024', true],
      ['fig-1', false],
    ],
  );
  for (const u of uses) assert.equal(text.slice(u.start, u.end), u.key);
  assert.ok(isCrossReference('fig-1'));
  assert.ok(!isCrossReference('figueroa2020'));
});

test('citation syntax by language', () => {
  assert.equal(citationSyntaxFor('latex'), 'latex');
  assert.equal(citationSyntaxFor('markdown'), 'pandoc');
  assert.equal(citationSyntaxFor('quarto'), 'pandoc');
  assert.equal(citationSyntaxFor('python'), undefined);
  assert.equal(formatCitation(['a', 'b'], 'latex'), '\\cite{a,b}');
  assert.equal(formatCitation(['a', 'b'], 'latex', 'parencite'), '\\parencite{a,b}');
  assert.equal(formatCitation(['a', 'b'], 'pandoc'), '[@a; @b]');
});

test('hover Markdown escapes hostile .bib text: no links, images, HTML or headings from the file', () => {
  const [evil] = fixtureRefs('hostile.bib');
  const md = referenceHoverMarkdown(evil);
  // Nothing from the file may open a link, an image or HTML: every [ ] < > is escaped.
  assert.doesNotMatch(md, /(?<!\\)\[click/);
  assert.doesNotMatch(md, /(?<!\\)<(img|script)/);
  assert.doesNotMatch(md, /(?<!\\)!(?<!\\)\[img/);
  assert.doesNotMatch(md, /(?<!\\)\]\(command:/);
  assert.doesNotMatch(md, /(?<!\\)\]\(javascript:/i);
  assert.doesNotMatch(md, /\n# /);
  // The only link targets are the percent-encoded DOI resolver; the javascript: URL is dropped.
  const targets = [...md.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1]);
  assert.deepEqual(targets, ['https://doi.org/10.1234/abc%29%5D%28command%3Aevil']);
  assert.equal(safeLinkTarget('javascript:alert(1)'), undefined);
  assert.equal(safeLinkTarget('https://x.org/a(b)c'), 'https://x.org/a%28b%29c');
  assert.equal(safeLinkTarget('https://x.org/a b'), undefined);
  assert.equal(escapeMarkdown('**b** [l](u) <i> `c` # h\nnext'), '\\*\\*b\\*\\* \\[l\\](u) \\<i\\> \\`c\\` # h next');
});

test('hover Markdown of a real reference: DOI link, review numbers, backed terms', () => {
  const pevzner = studies.find((s) => s.key === 'pevzner2021');
  assert.ok(pevzner);
  const md = referenceHoverMarkdown(pevzner, { entryLabels: new Map([['abscopal-effect', 'abscopal effect']]) });
  assert.ok(md.includes('[doi:10.3857/roj.2021.00115](https://doi.org/10.3857/roj.2021.00115)'), md);
  assert.match(md, /\\\[11\\\]/);
  assert.match(md, /abscopal effect/);
  assert.equal(doiUrl('10.1016/S1470-2045(15)00054-6'), 'https://doi.org/10.1016/S1470-2045%2815%2900054-6');
  assert.equal(doiUrl('not a doi'), undefined);
});

test('formatting: Vancouver authors, one-line reference', () => {
  const dovedi = fixtureRefs('zotero-bbt.bib')[0];
  assert.equal(formatAuthors(dovedi.authors), 'Dovedi SJ, Adlard AL, Lipowska-Bhalla G, et al.');
  assert.equal(
    formatReference(dovedi),
    'Dovedi SJ, Adlard AL, Lipowska-Bhalla G, et al. Acquired resistance to fractionated radiotherapy can be overcome by concurrent PD-L1 blockade. Cancer Research. 2014;74(19):5458–5468. doi:10.1158/0008-5472.CAN-14-1258',
  );
  const antonia = fixtureRefs('jabref.bib')[1];
  assert.equal(antonia.doi, '10.1056/NEJMoa1709937');
});

test('built-in studies: valid, unique keys, mapped to the review numbers the text uses', () => {
  const byRef = new Map(studies.flatMap((s) => (s.reviewRefs ?? []).map((n) => [n, s.key] as const)));
  assert.equal(byRef.get(3), 'mole1953');
  assert.equal(byRef.get(11), 'pevzner2021');
  assert.equal(byRef.get(12), 'liu_review12');
  assert.equal(byRef.get(13), 'wersall2006');
  assert.equal(byRef.get(21), 'twymansaintvictor2015');
  assert.equal(byRef.get(24), 'dovedi2014');
  assert.equal(byRef.get(26), 'dagoglu2019');
  assert.equal(byRef.get(27), 'kelly2021');
  assert.equal(byRef.get(28), 'antonia2018');
  assert.equal(byRef.get(29), 'golden2015');
  assert.equal(byRef.get(30), 'grimaldi2014');
  assert.equal(byRef.get(39), 'camphausen2003');
  // Each number the studies claim is cited in the review text next to the author it names.
  const review = readFileSync(join(root, 'data', 'review', 'abscopal-review-2024.txt'), 'utf8').replace(/\s+/g, '');
  for (const [n, author] of [[11, 'Pevzner'], [12, 'Liu'], [13, 'Wersäll'], [21, 'Twyman-Saint'], [23, 'Hiniker'], [24, 'Dovedi'], [26, 'Dagoglu'], [39, 'Camphausen']] as const) {
    assert.ok(review.includes(`${author}等[${n}]`), `${author} [${n}]`);
  }
  assert.ok(review.includes('Mole在1953年首次提出[3]'));
  assert.ok(review.includes('10.12677/acm.2024.143913'));
  assert.throws(() => loadStudies({ studies: [{ key: 'x', authors: [{ family: 'A' }], title: 'T', doi: 'nope' }] }), /field 'doi'/);
  assert.throws(() => loadStudies({ studies: [{ key: 'x', authors: [{ family: 'A' }] }] }), /field 'title'/);
});

test('every lexicon id a built-in study names exists in data/lexicon', () => {
  const dir = join(root, 'data', 'lexicon');
  const ids = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { entries: { id: string }[] };
    for (const e of data.entries) ids.add(e.id);
  }
  const missing = [...new Set(studies.flatMap((s) => s.entries ?? []))].filter((id) => !ids.has(id)).sort();
  assert.deepEqual(missing, [], `lexicon ids used by review-studies.json but not defined: ${missing.join(', ')}`);
});

test('studies behind a lexicon entry: evidence refs ∩ review numbers, plus studies that list it', () => {
  const ev = (refs: number[]): Evidence => ({ section: '5', sectionTitle: '', sentence: '', refs });
  const entry = (id: string, refs: number[][]): Pick<Entry, 'id' | 'evidence'> => ({ id, evidence: refs.map(ev) });
  assert.deepEqual(studiesForEntry(entry('durvalumab', [[28]]), studies).map((s) => s.key)[0], 'antonia2018');
  const pdl1 = studiesForEntry(entry('pd-l1', [[24], [21]]), studies).map((s) => s.key);
  assert.deepEqual(pdl1.slice(0, 2), ['twymansaintvictor2015', 'dovedi2014']);
  assert.ok(pdl1.includes('pevzner2021'));
  assert.deepEqual(studiesForEntry(entry('no-such-term', [[99]]), studies), []);
});

test('search ranks by author, title words, year, key and backed lexicon terms', () => {
  const lexicon = {
    entries: [
      { id: 'durvalumab', label: { en: 'durvalumab', zh: '度伐利尤单抗' }, abbreviations: [] },
      { id: 'gm-csf', label: { en: 'granulocyte-macrophage colony-stimulating factor', zh: '粒细胞–巨噬细胞集落刺激因子' }, abbreviations: ['GM-CSF'] },
    ] as unknown as Entry[],
  };
  const all: Reference[] = [...fixtureRefs('zotero-bbt.bib'), ...fixtureRefs('jabref.bib'), ...studies.filter((s) => s.identified !== false)];
  const s = new ReferenceSearch(all, lexicon);
  assert.deepEqual(s.search('dovedi').slice(0, 2).map((h) => h.ref.key).sort(), ['dovedi2014', 'dovedi_acquired_2014']);
  assert.equal(s.search('wersall')[0].ref.key, 'wersall2006');
  assert.equal(s.search('度伐利尤单抗')[0].ref.key, 'antonia2017');
  assert.equal(s.search('GM-CSF')[0].ref.key, 'golden2015');
  assert.equal(s.search('mole 1953')[0].ref.key, 'mole1953');
  assert.deepEqual(s.search('esophageal nivolumab').slice(0, 2).map((h) => h.ref.key).sort(), ['Kelly2021', 'kelly2021']);
  assert.ok(s.search('dovedi 2014').every((h) => h.ref.year === '2014'));
  assert.deepEqual(s.search('zzzzqqqq'), []);
  assert.equal(s.search('').length, Math.min(50, all.length));
});

test('BibTeX for a built-in study parses back to the same reference; appending never rewrites', () => {
  for (const study of studies.filter((x) => x.identified !== false)) {
    const bib = toBibtex(study);
    const r = parseBibtex(bib);
    assert.deepEqual(r.errors, [], study.key);
    const back = referenceFromBibEntry(r.entries[0], 'x');
    assert.equal(back.key, study.key);
    assert.equal(back.title, study.title);
    assert.equal(back.doi, study.doi);
    assert.equal(back.year, study.year);
    assert.equal(back.pages, study.pages);
    assert.deepEqual(back.authors, study.authors, study.key);
  }
  const existing = '@article{a, title={A}}';
  assert.equal(bibAppendText(existing, '@misc{b}\n'), '\n\n@misc{b}\n');
  assert.equal(bibAppendText(`${existing}\n`, '@misc{b}\n'), '\n@misc{b}\n');
  assert.equal(bibAppendText('', '@misc{b}\n'), '@misc{b}\n');
});

test('snippets: citation forms for both syntaxes and one snippet per identified study of the review', () => {
  type Snippets = Record<string, { prefix: string[]; body: string; description: string }>;
  const latex = JSON.parse(readFileSync(join(root, 'snippets', 'latex.json'), 'utf8')) as Snippets;
  const markdown = JSON.parse(readFileSync(join(root, 'snippets', 'markdown.json'), 'utf8')) as Snippets;
  // VS Code snippet bodies escape a backslash as `\\`.
  const unescape = (body: string) => body.replace(/\\\\/g, '\\').replace(/\$0$/, '');
  for (const cmd of ['cite', 'citep', 'citet', 'parencite', 'autocite', 'textcite']) {
    assert.ok(Object.values(latex).some((s) => unescape(s.body).startsWith(`\\${cmd}`)), cmd);
  }
  for (const form of ['[@${1:key}]', '[@${1:key1}; @${2:key2}]', '[${1:see} @${2:key}, ${3:p. 1}]', '@${1:key}', '[-@${1:key}]']) {
    assert.ok(Object.values(markdown).some((s) => unescape(s.body) === form), form);
  }
  for (const study of studies) {
    const l = latex[`Cite ${study.key}`];
    const m = markdown[`Cite ${study.key}`];
    if (study.identified === false) {
      assert.equal(l, undefined, study.key);
      continue;
    }
    assert.ok(l !== undefined && m !== undefined, study.key);
    assert.equal(unescape(l.body), formatCitation([study.key], 'latex'));
    assert.equal(unescape(m.body), formatCitation([study.key], 'pandoc'));
    assert.ok(l.description.includes(study.title ?? '\u0000'), study.key);
  }
});
