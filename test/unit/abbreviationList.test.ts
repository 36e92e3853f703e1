import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { matcherFor } from '../../src/cli/annotate';
import type { AbbreviationItem } from '../../src/core/abbreviationList';
import { abbreviationList, formatAbbreviationList, latexId, latexText } from '../../src/core/abbreviationList';
import { annotateDocument } from '../../src/core/documentAnnotation';
import { indexById } from '../../src/core/lexicon';
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

/** The first TeX engine installed, if any. */
function texEngine(): string | undefined {
  for (const engine of ['pdflatex', 'lualatex']) {
    if (spawnSync(engine, ['--version'], { encoding: 'utf8' }).status === 0) return engine;
  }
  return undefined;
}

describe('abbreviation list: the LaTeX formats compile', () => {
  const engine = texEngine();
  const items = [...TRICKY, ...listOf(DOC)];
  const use = (ids: string[], cmd: string) => ids.map((id) => `${cmd}{${id}} ${cmd}{${id}}.`).join('\n');
  const ids = (block: string, re: RegExp) => [...block.matchAll(re)].map((m) => m[1]);
  const docs: Record<string, string> = {};
  const acro = formatAbbreviationList(items, 'acro', 'en');
  docs.acro = `\\documentclass{article}\n\\usepackage{acro}\n${acro}\\begin{document}\n${use(ids(acro, /\\DeclareAcronym\{([^}]*)\}/g), '\\ac')}\n\\printacronyms\n\\end{document}\n`;
  const gls = formatAbbreviationList(items, 'glossaries', 'en');
  docs.glossaries = `\\documentclass{article}\n\\usepackage[acronym]{glossaries}\n\\makeglossaries\n${gls}\\begin{document}\n${use(ids(gls, /\\newacronym\{([^}]*)\}/g), '\\gls')}\n\\printglossaries\n\\end{document}\n`;
  const acronym = formatAbbreviationList(items, 'acronym', 'en');
  docs.acronym = `\\documentclass{article}\n\\usepackage{acronym}\n\\begin{document}\n${use(ids(acronym, /\\acro\{([^}]*)\}/g), '\\ac')}\n\\section*{Abbreviations}\n${acronym}\\end{document}\n`;
  for (const [name, source] of Object.entries(docs)) {
    it(`${name} compiles`, { skip: engine ? false : 'no pdflatex or lualatex installed (apt-get install texlive-latex-extra)' }, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `oncolex-${name}-`));
      fs.writeFileSync(path.join(dir, 'doc.tex'), source);
      const r = spawnSync(engine!, ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 0, `${name}:\n${r.stdout.split('\n').filter((l) => l.startsWith('!') || l.startsWith('l.')).join('\n')}\n${source}`);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }
});
