/**
 * The generated injection grammars, run through the real TextMate engine (vscode-textmate with the
 * Oniguruma WASM build VS Code uses) on top of the Markdown and LaTeX grammars.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../..');
const grammarFiles: Record<string, string> = {
  'text.html.markdown': require.resolve('tm-grammars/grammars/markdown.json'),
  'text.tex.latex': require.resolve('tm-grammars/grammars/latex.json'),
  'text.tex': require.resolve('tm-grammars/grammars/tex.json'),
  'oncolex.injection.markdown': path.join(ROOT, 'syntaxes/oncolex.markdown.injection.tmLanguage.json'),
  'oncolex.injection.latex': path.join(ROOT, 'syntaxes/oncolex.latex.injection.tmLanguage.json'),
};

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = grammarFiles[scopeName];
      if (!file) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName) => {
      if (scopeName === 'text.html.markdown') return ['oncolex.injection.markdown'];
      if (scopeName === 'text.tex.latex' || scopeName === 'text.tex') return ['oncolex.injection.latex'];
      return undefined;
    },
  });
});

/** Tokenizes lines and returns the text of every token that carries an OncoLex scope, with its category. */
async function termsIn(scope: string, text: string): Promise<string[]> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope} loads`);
  const out: string[] = [];
  let state = vsctm.INITIAL;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const s = t.scopes.find((x) => x.includes('.oncolex.'));
      if (s) out.push(`${line.slice(t.startIndex, t.endIndex)}=${s.split('.oncolex.')[1]}`);
    }
    state = r.ruleStack;
  }
  return out;
}

describe('TextMate injection grammars', () => {
  it('scope terms by category in Markdown prose, longest form first', async () => {
    assert.deepEqual(await termsIn('text.html.markdown', 'Pembrolizumab targets PD-1; CD8+ T cells and 树突状细胞 drive the abscopal effect.'), [
      'Pembrolizumab=drug',
      'PD-1=molecule',
      'CD8+ T cells=immune-cell',
      '树突状细胞=immune-cell',
      'abscopal effect=concept',
    ]);
  });
  it('match the dashes authors type: en dash and non-breaking hyphen', async () => {
    assert.deepEqual(await termsIn('text.html.markdown', 'granulocyte\u2013macrophage colony-stimulating factor and PD\u2011L1'), [
      'granulocyte\u2013macrophage colony-stimulating factor=molecule',
      'PD\u2011L1=molecule',
    ]);
  });
  it('leave Markdown code, math and comments unscoped', async () => {
    const md = ['```', 'PD-1 in a fence', '```', '', 'Inline `PD-L1` code and $PD-1$ math.', '', '<!-- PD-L1 in a comment -->'].join('\n');
    assert.deepEqual(await termsIn('text.html.markdown', md), []);
  });
  it('respect word boundaries and case for abbreviations', async () => {
    assert.deepEqual(await termsIn('text.html.markdown', 'CD80 is not CD8 here; rt is not RT.'), ['CD80=molecule', 'CD8=molecule', 'RT=concept']);
  });
  it('scope terms in LaTeX text but not in comments, math or citation keys', async () => {
    const tex = ['Durvalumab after chemoradiotherapy improved progression-free survival \\cite{PD-1}.', '% PD-L1 in a comment', '$PD-L1$ and \\[ PD-1 \\]'].join('\n');
    const found = await termsIn('text.tex.latex', tex);
    assert.deepEqual(found, ['Durvalumab=drug', 'chemoradiotherapy=concept', 'progression-free survival=outcome']);
  });
});
