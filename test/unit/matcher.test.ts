import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lookupTerm } from '../../src/core/lexicon/lookup';
import { Matcher } from '../../src/core/matching/matcher';
import type { DocLanguage } from '../../src/core/text/regions';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { miniLexicon } from '../helpers/mini-lexicon';

const matcher = new Matcher(miniLexicon());

/** The mentions as "text=id" strings, in order. */
function found(text: string, language: DocLanguage = 'plain'): string[] {
  return matcher.annotate(text, language).map((m) => `${text.slice(m.start, m.end)}=${m.id}`);
}

describe('matcher: forms, case and boundaries', () => {
  it('finds abbreviations and names with UTF-16 offsets', () => {
    const text = 'Tumour cells express PD-L1 and bind PD-1.';
    const ms = matcher.annotate(text, 'plain');
    assert.deepEqual(ms.map((m) => [m.start, m.end, m.id, m.category]), [
      [21, 26, 'pd-l1', 'molecule'],
      [36, 40, 'pd-1', 'molecule'],
    ]);
  });
  it('reads mathematical letters pasted from PDFs (IFN-𝛾, 𝐓 cells) as the letters, with offsets on whole surrogate pairs', () => {
    const text = 'IFN-𝛾 rises; 𝛽 blocks; IFN-𝛃 too. 😀IFN-γ';
    const ms = new Matcher(loadBuiltinLexicon()).annotate(text, 'markdown');
    assert.deepEqual(
      ms.map((m) => `${text.slice(m.start, m.end)}=${m.id}`),
      ['IFN-𝛾=ifn-gamma', 'IFN-𝛃=ifn-beta', 'IFN-γ=ifn-gamma'],
    );
    for (const m of ms) {
      // Never inside a surrogate pair.
      assert.ok(!/^[\uDC00-\uDFFF]/.test(text.slice(m.start)) && !/^[\uDC00-\uDFFF]/.test(text.slice(m.end)), `${m.start}-${m.end}`);
    }
    // Looked up the same way.
    assert.equal(lookupTerm(loadBuiltinLexicon(), 'IFN-𝛾')?.id, 'ifn-gamma');
  });
  it('matches spelling variants: PDL1, B7-H1, CD274, IFN-beta, interferon-β, HIF-1a', () => {
    assert.deepEqual(found('PDL1, B7-H1, CD274, IFN-beta, IFN beta, IFNβ, interferon beta, INF-β and HIF-1a'), [
      'PDL1=pd-l1', 'B7-H1=pd-l1', 'CD274=pd-l1', 'IFN-beta=ifn-beta', 'IFN beta=ifn-beta', 'IFNβ=ifn-beta', 'interferon beta=ifn-beta', 'INF-β=ifn-beta', 'HIF-1a=hif-1-alpha',
    ]);
  });
  it('is case-sensitive for short abbreviations and not for names', () => {
    assert.deepEqual(found('RT and rt; DC and dc; Radiotherapy and RADIATION THERAPY'), ['RT=radiotherapy', 'DC=dendritic-cell', 'Radiotherapy=radiotherapy', 'RADIATION THERAPY=radiotherapy']);
    assert.deepEqual(found('pd-l1 is not the abbreviation'), []);
  });
  it('respects word boundaries: CD8 never inside CD80, RT never inside ART or RTX', () => {
    assert.deepEqual(found('CD80 and CD8 and CD800 and ART and RTX and xRT'), ['CD80=cd80', 'CD8=cd8']);
  });
  it('matches English plurals generated at build time (Treg/Tregs, dendritic cells, macrophages)', () => {
    assert.deepEqual(found('Tregs and Treg, dendritic cells, DCs, macrophages'), ['Tregs=treg', 'Treg=treg', 'dendritic cells=dendritic-cell', 'DCs=dendritic-cell', 'macrophages=macrophage']);
  });
  it('takes the longest match: PD-L1 inhibitor over PD-L1, CD8+ T cell over CD8 and T cell', () => {
    assert.deepEqual(found('a PD-L1 inhibitor; CD8+ T cells; CD8+T 细胞'), ['PD-L1 inhibitor=pd-l1-inhibitor', 'CD8+ T cells=cd8-t-cell', 'CD8+T 细胞=cd8-t-cell']);
  });
  it('reads Unicode variants: full-width letters, non-breaking and en-dash hyphens, superscript plus, NBSP', () => {
    assert.deepEqual(found('ＰＤ－Ｌ１, PD\u2011L1, PD\u2013L1, CD8\u207a T cells, regulatory\u00a0T cell, 抑制Ｔ细胞'), [
      'ＰＤ－Ｌ１=pd-l1', 'PD\u2011L1=pd-l1', 'PD\u2013L1=pd-l1', 'CD8\u207a T cells=cd8-t-cell', 'regulatory\u00a0T cell=treg', 'Ｔ细胞=t-cell',
    ]);
  });
  it('matches Chinese terms without word boundaries, and across a hard line wrap', () => {
    assert.deepEqual(found('激活树突状细胞并产生远端效应，放疗后远位效应'), ['树突状细胞=dendritic-cell', '远端效应=abscopal-effect', '放疗=radiotherapy', '远位效应=abscopal-effect']);
    assert.deepEqual(found('激活树突\n状细胞'), ['树突\n状细胞=dendritic-cell']);
  });
  it('lets whitespace runs and single line breaks match a space, but never a blank line', () => {
    assert.deepEqual(found('regulatory  T\ncell'), ['regulatory  T\ncell=treg']);
    assert.deepEqual(found('regulatory\n\nT cell'), ['T cell=t-cell']);
  });
  it('matches brand names case-insensitively', () => {
    assert.deepEqual(found('KEYTRUDA (pembrolizumab)'), ['KEYTRUDA=pembrolizumab', 'pembrolizumab=pembrolizumab']);
  });
  it('handles an empty text and a text of only spaces', () => {
    assert.deepEqual(found(''), []);
    assert.deepEqual(found('   \n\n  '), []);
  });
});

describe('matcher: the WebAssembly kernel', () => {
  it('committed src/core/matching/kernelWasm.ts is current (run npm run build:wasm)', async () => {
    const root = path.resolve(__dirname, '..', '..');
    const { compileKernel, OUTPUT } = await import(pathToFileURL(path.join(root, 'scripts', 'build-wasm.mjs')).href);
    assert.equal(fs.readFileSync(OUTPUT, 'utf8'), await compileKernel(), 'src/core/matching/kernelWasm.ts is stale');
  });
  it('hands over its mentions in batches when a text has more than its output area holds', () => {
    const text = 'PD-L1 '.repeat(10000);
    const ms = matcher.annotate(text, 'plain');
    assert.equal(ms.length, 10000);
    assert.ok(ms.every((m, i) => m.start === 6 * i && m.end === 6 * i + 5 && m.id === 'pd-l1'));
  });
  it('hands over skipped ranges in batches too, and merges adjacent ones', () => {
    const unit = '`x` PD-L1 ';
    const text = unit.repeat(10000) + '`a``b`';
    const { mentions, regions } = matcher.annotateWithRegions(text, 'markdown');
    assert.equal(mentions.length, 10000);
    assert.ok(mentions.every((m, i) => m.start === unit.length * i + 4 && m.end === unit.length * i + 9));
    const expected: number[] = [];
    for (let i = 0; i < 10000; i++) expected.push(unit.length * i, unit.length * i + 3);
    expected.push(unit.length * 10000, text.length);
    assert.deepEqual(regions.skips, expected);
  });
  it('keeps UTF-16 offsets after emoji, a lone surrogate and Chinese text', () => {
    const text = '😀 \ud800 细胞 ✓ PD-L1 🧬PD-1';
    const ms = matcher.annotate(text, 'markdown');
    assert.deepEqual(ms.map((m) => [text.slice(m.start, m.end), m.id]), [['PD-L1', 'pd-l1'], ['PD-1', 'pd-1']]);
  });
  it('grows its memory for a longer text, then matches a short one again', () => {
    const long = `${'x '.repeat(2_000_000)}PD-L1`;
    assert.deepEqual(found(long).slice(-1), ['PD-L1=pd-l1']);
    assert.deepEqual(found('PD-L1 and PD-1'), ['PD-L1=pd-l1', 'PD-1=pd-1']);
  });
});

describe('matcher: the built-in lexicon', () => {
  const lexicon = loadBuiltinLexicon();
  const builtin = new Matcher(lexicon);
  for (const language of ['plain', 'markdown', 'latex'] as const) {
    it(`finds every one of its forms as itself (${language})`, () => {
      // One form per paragraph, inside a sentence: each must come back whole, with its own entry.
      const expected: string[] = [];
      let text = '';
      for (const e of lexicon.entries) {
        for (const f of e.forms) {
          text += `We saw ${f.text} here.\n\n`;
          expected.push(`${f.text}=${e.id}`);
        }
      }
      const got = builtin.annotate(text, language).map((m) => `${text.slice(m.start, m.end)}=${m.id}`);
      assert.ok(expected.length > 4000);
      assert.deepEqual(got, expected);
    });
  }
});

describe('matcher: Markdown regions', () => {
  const md = (t: string) => found(t, 'markdown');
  it('skips fenced and inline code', () => {
    assert.deepEqual(md('PD-1\n\n```\nPD-L1 in code\n```\n\nuse `PD-L1` here but DC here'), ['PD-1=pd-1', 'DC=dendritic-cell']);
    assert.deepEqual(md('~~~python\nPD-L1\n\nstill code PD-L1\n~~~\nRT'), ['RT=radiotherapy']);
  });
  it('skips inline and display math', () => {
    assert.deepEqual(md('RT $PD-1 + x$ and $$\nDC\n$$ then DC'), ['RT=radiotherapy', 'DC=dendritic-cell']);
  });
  it('skips HTML comments, link targets, autolinks, bare URLs and front matter metadata', () => {
    // A title is prose (test/unit/frontMatter.test.ts); other keys' values are metadata.
    const text = '---\nbibliography: PD-L1.bib\n---\n\n<!-- PD-1 -->[see PD-L1](https://x.org/PD-1 "PD-1") <https://x.org/RT> https://x.org/DC\n\n[ref]: https://x.org/PD-1\n';
    assert.deepEqual(md(text), ['PD-L1=pd-l1']);
  });
  it('skips Pandoc citation keys', () => {
    assert.deepEqual(md('PD-1 blockade [@PD-1; @RT2019] and @DC'), ['PD-1=pd-1']);
  });
  it('reads through superscript markup: CD8^+^ T cells, CD8<sup>+</sup> T cells, CD8$^+$ T cells', () => {
    assert.deepEqual(md('CD8^+^ T cells, CD8<sup>+</sup> T cells, CD8$^+$ T cells'), ['CD8^+^ T cells=cd8-t-cell', 'CD8<sup>+</sup> T cells=cd8-t-cell', 'CD8$^+$ T cells=cd8-t-cell']);
  });
  it('bounds unclosed constructs to their paragraph', () => {
    assert.deepEqual(md('a $ stray PD-1 dollar\n\nPD-L1 after'), ['PD-1=pd-1', 'PD-L1=pd-l1']);
    assert.deepEqual(md('```\nunclosed PD-1\n\nPD-L1 after the fence'), ['PD-L1=pd-l1']);
    assert.deepEqual(md('<!-- unclosed PD-1\n\nPD-L1 after'), ['PD-L1=pd-l1']);
    assert.deepEqual(md('`unclosed code PD-1\n\nPD-L1'), ['PD-1=pd-1', 'PD-L1=pd-l1']);
  });
});

describe('matcher: LaTeX regions', () => {
  const tex = (t: string) => found(t, 'latex');
  it('skips comments but not escaped percent signs', () => {
    assert.deepEqual(tex('RT % PD-1 in a comment\n50\\% of DC'), ['RT=radiotherapy', 'DC=dendritic-cell']);
  });
  it('skips inline, display math and math environments', () => {
    assert.deepEqual(tex('$PD-1$ \\(RT\\) \\[DC\\] $$PD-L1$$ \\begin{equation}PD-1\\end{equation} \\begin{align*}RT\\end{align*} Treg'), ['Treg=treg']);
  });
  it('skips command names and the arguments of cite, ref, label, url, input; keeps text arguments', () => {
    assert.deepEqual(tex('\\emph{PD-L1} \\cite{PD-1} \\citep[p.~3]{RT,DC} \\ref{DC} \\label{RT} \\url{x/PD-1} \\input{PD-1} \\textbf{Treg} \\href{http://RT}{DC}'), [
      'PD-L1=pd-l1', 'Treg=treg', 'DC=dendritic-cell',
    ]);
  });
  it('skips verbatim and lstlisting', () => {
    assert.deepEqual(tex('\\begin{verbatim}\nPD-1\n\nPD-L1\n\\end{verbatim}\nRT \\begin{lstlisting}DC\\end{lstlisting} \\verb|Treg| DC'), ['RT=radiotherapy', 'DC=dendritic-cell']);
  });
  it('reads CD8$^+$, CD8$^{+}$ and CD8\\textsuperscript{+} as CD8+, and ~ as a space', () => {
    assert.deepEqual(tex('CD8$^+$~T cells, CD8$^{+}$ T~cells, CD8\\textsuperscript{+} T cells'), ['CD8$^+$~T cells=cd8-t-cell', 'CD8$^{+}$ T~cells=cd8-t-cell', 'CD8\\textsuperscript{+} T cells=cd8-t-cell']);
  });
  it('bounds unclosed math and environments to their paragraph', () => {
    assert.deepEqual(tex('$ unclosed PD-1\n\nRT after'), ['RT=radiotherapy']);
    assert.deepEqual(tex('\\begin{equation} PD-1\n\nRT after'), ['RT=radiotherapy']);
    assert.deepEqual(tex('\\begin{verbatim} PD-1\n\nRT after'), ['RT=radiotherapy']);
  });
});
