/**
 * The TextMate grammars of syntaxes/ (PubTator and brat `.ann`), tokenized by vscode-textmate with the
 * Oniguruma engine VS Code itself uses, and their contribution in package.json (languages with file
 * extensions, grammars by scope name).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { languages: { id: string; extensions: string[] }[]; grammars: { language: string; scopeName: string; path: string }[] };
};

let registry: textmate.Registry | undefined;
async function grammar(scopeName: string): Promise<textmate.IGrammar> {
  if (!registry) {
    const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    registry = new textmate.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (sources) => new oniguruma.OnigScanner(sources), createOnigString: (s) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scope) => {
        const g = pkg.contributes.grammars.find((x) => x.scopeName === scope);
        if (!g) return null;
        const file = path.join(root, g.path);
        return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
    });
  }
  const g = await registry.loadGrammar(scopeName);
  assert.ok(g, `no grammar ${scopeName}`);
  return g;
}

/** Each token of each line as `text → its innermost scope`. */
async function tokens(scopeName: string, text: string): Promise<string[][]> {
  const g = await grammar(scopeName);
  let stack = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const r = g.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => `${line.slice(t.startIndex, t.endIndex)} → ${t.scopes[t.scopes.length - 1]}`);
  });
}

describe('manuscript languages VS Code does not know by itself', () => {
  it('Quarto (.qmd) and R Markdown (.Rmd) are contributed, so they open as those languages (and are annotated) without the Quarto or R extension', () => {
    const { languages } = pkg.contributes;
    assert.deepEqual(languages.find((l) => l.id === 'quarto')?.extensions, ['.qmd']);
    assert.deepEqual(languages.find((l) => l.id === 'rmd')?.extensions, ['.Rmd', '.rmd']);
  });
});

describe('TextMate grammars for corpus files', () => {
  it('are contributed as languages with their file extensions, each grammar file present', () => {
    const { languages, grammars } = pkg.contributes;
    assert.deepEqual(languages.find((l) => l.id === 'pubtator')?.extensions, ['.pubtator']);
    assert.deepEqual(languages.find((l) => l.id === 'brat')?.extensions, ['.ann']);
    for (const g of grammars) {
      assert.ok(languages.some((l) => l.id === g.language), g.language);
      const raw = JSON.parse(fs.readFileSync(path.join(root, g.path), 'utf8')) as { scopeName: string };
      assert.equal(raw.scopeName, g.scopeName);
    }
  });

  it('PubTator: PMID, title and abstract lines, annotation columns, categories and CURIEs, relation lines', async () => {
    const [title, abstract, annotation, theirs, relation, blank] = await tokens(
      'source.pubtator',
      [
        '123|t|Pembrolizumab and radiotherapy',
        '123|a|We gave SBRT with PD-1 blockade.',
        '123\t0\t13\tPembrolizumab\tdrug\tDRUGBANK:DB09037',
        '123\t8\t12\tSBRT\tChemical\tMESH:D000077212,MESH:C1',
        '123\tAssociation\tMESH:C582435\t5970\tNovel',
        '',
      ].join('\n'),
    );
    assert.deepEqual(title, ['123 → constant.numeric.pmid.pubtator', '| → punctuation.separator.pubtator', 't → keyword.other.title.pubtator', '| → punctuation.separator.pubtator', 'Pembrolizumab and radiotherapy → markup.heading.title.pubtator']);
    assert.equal(abstract[abstract.length - 1], 'We gave SBRT with PD-1 blockade. → string.unquoted.abstract.pubtator');
    assert.ok(annotation.includes('0 → constant.numeric.offset.start.pubtator'));
    assert.ok(annotation.includes('13 → constant.numeric.offset.end.pubtator'));
    assert.ok(annotation.includes('Pembrolizumab → string.unquoted.mention.pubtator'));
    assert.ok(annotation.includes('drug → entity.name.type.category.oncolex.pubtator'));
    assert.ok(annotation.includes('DRUGBANK → entity.name.namespace.curie.pubtator'));
    assert.ok(annotation.includes('DB09037 → variable.other.constant.curie.pubtator'));
    // Another tool's category is a category too; several identifiers each read as one.
    assert.ok(theirs.includes('Chemical → entity.name.type.category.pubtator'));
    assert.ok(theirs.includes('C1 → variable.other.constant.curie.pubtator'));
    assert.ok(relation.includes('Association → keyword.other.relation.pubtator'));
    assert.ok(relation.includes('5970 → variable.other.constant.identifier.pubtator'));
    assert.deepEqual(blank, [' → source.pubtator']);
  });

  it('brat .ann: text-bound, normalization, relation, event, attribute and note lines', async () => {
    const [t, n, r, e, a, note] = await tokens(
      'source.brat',
      ['T1\tdrug 0 13\tPembrolizumab', 'N1\tReference T1 DRUGBANK:DB09037\tPembrolizumab', 'R1\tAbbreviation Arg1:T8 Arg2:T9', 'E1\tBinding:T2 Theme:T1', 'A1\tNegation E1', '#1\tAnnotatorNotes T1\tchecked'].join('\n'),
    );
    assert.deepEqual(t, [
      'T1 → variable.other.id.textbound.brat',
      '\t → punctuation.separator.tab.brat',
      'drug → entity.name.type.category.oncolex.brat',
      '  → source.brat',
      '0 → constant.numeric.offset.brat',
      '  → source.brat',
      '13 → constant.numeric.offset.brat',
      '\t → punctuation.separator.tab.brat',
      'Pembrolizumab → string.unquoted.text.brat',
    ]);
    assert.ok(n.includes('DRUGBANK → entity.name.namespace.curie.brat'));
    assert.ok(n.includes('DB09037 → variable.other.constant.curie.brat'));
    assert.ok(r.includes('Abbreviation → keyword.other.relation.brat'));
    assert.ok(r.includes('Arg1 → variable.parameter.role.brat'));
    assert.ok(r.includes('T8 → variable.other.id.brat'));
    assert.ok(e.includes('Binding → keyword.other.event.brat'));
    assert.ok(a.includes('Negation → entity.other.attribute-name.brat'));
    assert.deepEqual(note.map((x) => x.split(' → ')[1]), ['comment.line.note.brat']);
  });

  it("colours what OncoLex writes: a real brat file of ours reads without a line left unscoped", async () => {
    const ann = ['T1\tconcept 8 38\tstereotactic body radiotherapy', 'N1\tReference T1 oncolex:sbrt\tstereotactic body radiotherapy', 'T2\tAbbreviation 40 44\tSBRT', 'T3\tLongForm 8 38\tstereotactic body radiotherapy', 'R1\tAbbreviation Arg1:T2 Arg2:T3'].join('\n');
    for (const line of await tokens('source.brat', ann)) assert.ok(line.length > 1 && line[0].endsWith('.brat') && !line[0].endsWith('→ source.brat'), line.join(' | '));
  });
});
