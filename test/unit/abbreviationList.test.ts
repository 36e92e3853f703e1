import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { matcherFor } from '../../src/cli/annotate';
import type { AbbreviationItem } from '../../src/core/writing/abbreviationList';
import { abbreviationList, formatAbbreviationList, latexId, latexText } from '../../src/core/writing/abbreviationList';
import { annotateDocument } from '../../src/core/matching/documentAnnotation';
import { indexById } from '../../src/core/lexicon/lexicon';
import { languageOf } from '../../src/core/text/regions';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const lexicon = loadBuiltinLexicon();
const byId = indexById(lexicon);

function listOf(text: string, minUses = 0): AbbreviationItem[] {
  const a = annotateDocument(matcherFor(lexicon), text, 'markdown');
  return abbreviationList(text, a, (id) => byId.get(id), { minUses });
}

const DOC = `Programmed death-ligand 1 (PD-L1) is expressed. PD-L1, PDL1 and B7-H1 appear.
Low-dose radiotherapy (LDRT) with LDRT. Keytruda is pembrolizumab. IFN-γ rises; RT was given twice: RT.
`;

const TRICKY: AbbreviationItem[] = [
  { id: 'x', short: 'A&B_1', en: '50% of {braced} #1 & under_score \\ back ~ tilde ^ caret', uses: 3, defined: true },
  { id: 'ifn-gamma', short: 'IFN-γ', en: 'interferon γ', zh: '干扰素 γ', uses: 2, defined: false },
  { id: 'cd8', short: 'CD8+', en: 'CD8-positive, cytotoxic = killer', uses: 1, defined: false },
];

describe('abbreviation list', () => {
  it('lists the abbreviations used, alphabetical, one per entity, with the document long form else the lexicon’s', () => {
    const items = listOf(DOC);
    assert.deepEqual(
      items.map((x) => [x.short, x.en, x.uses]),
      [
        ['IFN-γ', 'interferon gamma', 1],
        ['LDRT', 'low-dose radiotherapy', 2],
        ['PD-L1', 'programmed death-ligand 1', 4],
        ['RT', 'radiotherapy', 2],
      ],
    );
    // Brands and names written in full are not abbreviations.
    assert.ok(!items.some((x) => x.id === 'pembrolizumab'));
    assert.equal(items.find((x) => x.short === 'PD-L1')?.zh, '程序性细胞死亡配体 1');
  });
  it('leaves out those used fewer than --min-uses times', () => {
    assert.deepEqual(
      listOf(DOC, 2).map((x) => x.short),
      ['LDRT', 'PD-L1', 'RT'],
    );
  });
  it('writes a long form only in the list’s language: never Chinese in an English list, never the short form with a description', () => {
    const text = 'The PACIFIC trial and the PEMBRO-RT trial. Programmed death-ligand 1 (PD-L1) is expressed; PD-L1 rises.';
    const items = listOf(text);
    const pacific = items.find((x) => x.short === 'PACIFIC')!;
    assert.equal(pacific.en, undefined);
    assert.equal(pacific.zh, undefined, 'PACIFIC（…研究） is the name with a description, not a long form');
    const en = formatAbbreviationList(items, 'text', 'en');
    assert.doesNotMatch(en, /\p{Script=Han}/u);
    assert.match(en, /PACIFIC; PD-L1, programmed death-ligand 1; PEMBRO-RT\.$/m);
    const zh = formatAbbreviationList(items, 'text', 'zh');
    assert.doesNotMatch(zh, /（PACIFIC）|PACIFIC（/);
    assert.match(zh, /^PACIFIC；程序性细胞死亡配体 1（programmed death-ligand 1，PD-L1）；PEMBRO-RT。$/m);
    for (const format of ['acro', 'glossaries', 'acronym'] as const) {
      const block = formatAbbreviationList(items, format, 'en');
      assert.doesNotMatch(block, /\p{Script=Han}/u, format);
      assert.match(block, /^ *% PACIFIC: no English long form known; not declared$/m, format);
    }
    assert.match(formatAbbreviationList(items, 'pandoc', 'en'), /^ {2}# PACIFIC: no English long form/m);
    assert.match(formatAbbreviationList(items, 'markdown', 'en'), /^\| PACIFIC \| {2}\|$/m);
    // An English-only entry in a Chinese LaTeX list: no English long form either.
    const onlyEn: AbbreviationItem[] = [{ id: 'doc:LDRT', short: 'LDRT', en: 'low-dose radiotherapy', uses: 2, defined: true }];
    assert.match(formatAbbreviationList(onlyEn, 'acro', 'zh'), /^% LDRT: no Chinese long form known/);
    assert.equal(formatAbbreviationList(onlyEn, 'text', 'zh'), 'LDRT（low-dose radiotherapy）。\n');
  });
  it('lists a term the document defines outside the field, which is not marked (Karnofsky performance status (KPS))', () => {
    const text = 'The Karnofsky performance status (KPS) was 90 before radiotherapy with PD-1 inhibitors for melanoma; KPS fell.';
    assert.deepEqual(listOf(text).filter((x) => x.short === 'KPS').map((x) => [x.en, x.uses]), [['Karnofsky performance status', 2]]);
  });
  it('lists singular entries: a plural definition or use gives a singular short and long form (the packages make the plural)', () => {
    const text = 'Immune checkpoint inhibitors (ICIs) work. ICIs, Tregs and MDSCs. Regulatory T cells (Tregs) suppress. Tregs again. Therapies (THs) and THs.';
    const items = listOf(text);
    const pick = (short: string) => items.find((x) => x.short === short);
    assert.equal(pick('ICI')?.en, 'immune checkpoint inhibitor');
    assert.equal(pick('Treg')?.en, 'regulatory T cell');
    assert.equal(pick('MDSC')?.en, 'myeloid-derived suppressor cell');
    assert.equal(pick('TH')?.en, 'therapy');
    assert.ok(!items.some((x) => x.short.endsWith('s')), items.map((x) => x.short).join(', '));
    assert.match(formatAbbreviationList(items, 'acro', 'en'), /short = \{ICI\},\n {2}long = \{immune checkpoint inhibitor\}/);
    // A singular definition ending in s stays as written.
    assert.equal(listOf('Radiotherapy raises reactive oxygen species (ROS); ROS again.').find((x) => x.short === 'ROS')?.en, 'reactive oxygen species');
  });
  it('takes the most frequent written form when the document defines none', () => {
    assert.equal(listOf('PDL1 and PDL1 then PD-L1.')[0].short, 'PDL1');
  });
  it('writes the journal and the Chinese text forms', () => {
    const items = listOf(DOC).filter((x) => x.short === 'PD-L1' || x.short === 'RT');
    assert.equal(formatAbbreviationList(items, 'text', 'en'), 'PD-L1, programmed death-ligand 1; RT, radiotherapy.\n');
    assert.equal(formatAbbreviationList(items, 'text', 'zh'), '程序性细胞死亡配体 1（programmed death-ligand 1，PD-L1）；放射治疗（radiotherapy，RT）。\n');
    assert.equal(formatAbbreviationList([], 'text', 'en'), '');
  });
  it('writes acro, glossaries and acronym with valid ids and escaped text', () => {
    assert.equal(latexId('PD-L1'), 'pdl1');
    assert.equal(latexId('IFN-γ'), 'ifngamma');
    assert.equal(latexId('CD8+'), 'cd8plus');
    assert.equal(latexId('5-FU'), 'a5fu');
    assert.equal(latexText('50% & #1 {x} a_b \\ ~ ^'), '50\\% \\& \\#1 \\{x\\} a\\_b \\textbackslash{} \\textasciitilde{} \\textasciicircum{}');
    assert.equal(latexText('IFN-γ, Δ'), 'IFN-\\ensuremath{\\gamma}, \\ensuremath{\\Delta}');
    const acro = formatAbbreviationList(TRICKY, 'acro', 'en');
    assert.match(acro, /^\\DeclareAcronym\{ab1\}\{\n {2}short = \{A\\&B\\_1\},\n {2}long = \{50\\% of \\\{braced\\\} \\#1 \\& under\\_score /);
    assert.match(acro, /\\DeclareAcronym\{cd8plus\}\{\n {2}short = \{CD8\+\},\n {2}long = \{CD8-positive, cytotoxic = killer\}\n\}/);
    const gls = formatAbbreviationList(TRICKY, 'glossaries', 'en');
    assert.match(gls, /^\\newacronym\{ab1\}\{A\\&B\\_1\}\{50\\% of /);
    assert.match(gls, /\\newacronym\{ifngamma\}\{IFN-\\ensuremath\{\\gamma\}\}\{interferon \\ensuremath\{\\gamma\}\}/);
    const acronym = formatAbbreviationList(TRICKY, 'acronym', 'en');
    assert.match(acronym, /^\\begin\{acronym\}\[A\\&B\\_1\]\n/);
    assert.match(acronym, /\\acro\{ab1\}\[A\\&B\\_1\]\{50\\%/);
    assert.match(acronym, /\\acro\{ifngamma\}\[IFN-\\ensuremath\{\\gamma\}\]\{interferon/);
    assert.match(formatAbbreviationList([{ id: 'pd-l1', short: 'PD-L1', en: 'programmed death-ligand 1', uses: 1, defined: false }], 'acronym', 'en'), /\\acro\{PD-L1\}\{programmed death-ligand 1\}/);
  });
  it('keeps ids unique', () => {
    const two: AbbreviationItem[] = [
      { id: 'a', short: 'PD-L1', en: 'x', uses: 1, defined: true },
      { id: 'b', short: 'PDL1', en: 'y', uses: 1, defined: true },
    ];
    assert.match(formatAbbreviationList(two, 'glossaries', 'en'), /\{pdl1\}.*\n.*\{pdl1-2\}/);
  });
  it('writes the Pandoc and Quarto metadata blocks as YAML', () => {
    const pandoc = formatAbbreviationList(TRICKY.slice(0, 2), 'pandoc', 'en');
    assert.equal(
      pandoc,
      'acronyms:\n  ab1:\n    short: "A&B_1"\n    long: "50% of {braced} #1 & under_score \\\\ back ~ tilde ^ caret"\n  ifngamma:\n    short: "IFN-γ"\n    long: "interferon γ"\n',
    );
    assert.equal(formatAbbreviationList(TRICKY.slice(1, 2), 'quarto', 'zh'), 'acronyms:\n  keys:\n    - shortname: "IFN-γ"\n      longname: "干扰素 γ"\n');
  });
  it('writes a Markdown table with pipes escaped', () => {
    const md = formatAbbreviationList([{ id: 'a', short: 'A|B', en: 'x | y', uses: 1, defined: true }], 'markdown', 'en');
    assert.equal(md, '| Abbreviation | Definition |\n| --- | --- |\n| A\\|B | x \\| y |\n');
    assert.match(formatAbbreviationList([], 'markdown', 'zh'), /^\| 缩写 \| 全称 \|/);
  });
});

/** Whether a TeX engine runs here. */
function hasEngine(engine: string): boolean {
  return spawnSync(engine, ['--version'], { encoding: 'utf8' }).status === 0;
}

/**
 * Skipped only on a developer's machine without TeX; in CI (where scripts/ci-tex.sh installs it) a missing
 * engine fails the test instead.
 */
function engineSkip(engine: string): string | false {
  if (hasEngine(engine) || process.env.CI) return false;
  return `no ${engine} installed (bash scripts/ci-tex.sh installs TeX Live's packages)`;
}

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** The abbreviation list of an example manuscript, as `oncolex abbreviations` makes it. */
function exampleList(file: string): AbbreviationItem[] {
  const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
  const a = annotateDocument(matcherFor(lexicon), text, languageOf(path.extname(file)));
  return abbreviationList(text, a, (id) => byId.get(id));
}

/** A whole LaTeX document that declares the list in a format, uses every entry twice (first use, then short) and prints the list. */
function texDocument(format: 'acro' | 'glossaries' | 'acronym', block: string, lang: 'en' | 'zh'): string {
  const keys = (re: RegExp) => [...block.matchAll(re)].map((m) => m[1]);
  const use = (ids: string[], cmd: string) => ids.map((id) => `${cmd}{${id}} ${cmd}{${id}}.`).join('\n');
  const cls = lang === 'zh' ? 'ctexart' : 'article';
  switch (format) {
    case 'acro':
      return `\\documentclass{${cls}}\n\\usepackage{acro}\n${block}\\begin{document}\n${use(keys(/\\DeclareAcronym\{([^}]*)\}/g), '\\ac')}\n\\printacronyms\n\\end{document}\n`;
    case 'glossaries':
      // \makenoidxglossaries sorts in TeX itself: no makeglossaries/xindy run needed.
      return `\\documentclass{${cls}}\n\\usepackage[acronym]{glossaries}\n\\makenoidxglossaries\n${block}\\begin{document}\n${use(keys(/\\newacronym\{([^}]*)\}/g), '\\gls')}\n\\printnoidxglossaries\n\\end{document}\n`;
    case 'acronym':
      return `\\documentclass{${cls}}\n\\usepackage{acronym}\n\\begin{document}\n${use(keys(/\\acro\{([^}]*)\}/g), '\\ac')}\n\\section*{Abbreviations}\n${block}\\end{document}\n`;
  }
}

/** Compiles twice (lists and first uses settle on the second run); the errors, undefined-reference warnings and missing glyphs, if any. */
function compile(engine: string, name: string, source: string): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `oncolex-${name}-`));
  try {
    fs.writeFileSync(path.join(dir, 'doc.tex'), source);
    for (let run = 0; run < 2; run++) {
      const r = spawnSync(engine, ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], { cwd: dir, encoding: 'utf8', timeout: 180_000, env: { ...process.env, max_print_line: '100000' } });
      if (r.status !== 0) return `${engine} exited ${r.status}:\n${r.stdout.split('\n').filter((l) => l.startsWith('!') || l.startsWith('l.')).join('\n')}`;
    }
    const log = fs.readFileSync(path.join(dir, 'doc.log'), 'utf8');
    const problems = log.split('\n').filter((l) => /Warning.*undefined|Missing character/i.test(l));
    if (problems.length > 0) return problems.join('\n');
    if (!fs.existsSync(path.join(dir, 'doc.pdf'))) return 'no PDF written';
    return undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const LATEX_FORMATS = ['acro', 'glossaries', 'acronym'] as const;

describe('abbreviation list: the LaTeX formats compile (pdfLaTeX for English, XeLaTeX with ctex for Chinese)', () => {
  const cases: { name: string; items: AbbreviationItem[]; lang: 'en' | 'zh'; engine: string }[] = [
    { name: 'escaping', items: [...TRICKY, ...listOf(DOC)], lang: 'en', engine: 'pdflatex' },
    { name: 'paper.tex', items: exampleList('paper.tex'), lang: 'en', engine: 'pdflatex' },
    { name: 'review-section.md', items: exampleList('review-section.md'), lang: 'en', engine: 'pdflatex' },
    { name: 'minibeam-review.md', items: exampleList('minibeam-review.md'), lang: 'en', engine: 'pdflatex' },
    { name: 'zh-review.md', items: exampleList('zh-review.md'), lang: 'zh', engine: 'xelatex' },
    { name: 'review-section.md in Chinese', items: exampleList('review-section.md'), lang: 'zh', engine: 'xelatex' },
  ];
  for (const c of cases) {
    for (const format of LATEX_FORMATS) {
      it(`${c.name}: ${format} compiles under ${c.engine}`, { skip: engineSkip(c.engine) }, () => {
        assert.ok(c.items.length > 0, 'the example uses abbreviations');
        const block = formatAbbreviationList(c.items, format, c.lang);
        const source = texDocument(format, block, c.lang);
        const problem = compile(c.engine, `${c.name}-${format}`.replace(/[^a-z0-9-]/gi, '_'), source);
        assert.equal(problem, undefined, `${problem}\n${source}`);
      });
    }
  }
});
