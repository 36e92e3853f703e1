import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseBibtex } from '../../src/core/citations/bibtex';

describe('BibTeX warnings', () => {
  const text = '@string{nejm = {N Engl J Med}}\n@book{a, title={T}, isbn = 1-405-12345-6, year=2020}\n@article{b, journal = jnci, month = mar, year = 2020}\n@article{c, journal = nejm}\n@article{A, title={Dup}}\n';
  const r = parseBibtex(text);
  it('keeps an entry whose value is an unbraced word', () => {
    assert.deepEqual(r.errors, []);
    assert.equal(r.entries.find((e) => e.key === 'a')?.raw.isbn, '1-405-12345-6');
    assert.equal(r.entries.find((e) => e.key === 'a')?.fields.year, '2020');
  });
  it('warns about an undefined @string macro (not a month) and a duplicate key, keeping the entries', () => {
    assert.deepEqual(r.warnings, [
      { line: 3, key: 'b', message: "undefined @string macro 'jnci' (its name is used as the value)" },
      { line: 5, key: 'A', message: "duplicate key 'A' (first defined on line 2)" },
    ]);
    assert.equal(r.entries.length, 4);
    assert.equal(r.entries.find((e) => e.key === 'c')?.fields.journal, 'N Engl J Med');
  });
  it('has no warnings field when there is nothing to warn about', () => {
    assert.equal(parseBibtex('@article{x, title={T}, year=2020}').warnings, undefined);
  });
});

describe('oncolex bib: warnings', () => {
  it('lists them beside the entries and keeps exit code 0', async () => {
    const { main } = await import('../../src/cli/main');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-bibw-')), 'w.bib');
    fs.writeFileSync(file, '@article{a, journal = jnci, year = 2020}\n@article{a, title={Dup}}\n');
    let out = '';
    const code = await main(['bib', file], { out: (t) => (out += t), err: () => undefined });
    assert.equal(code, 0);
    const json = JSON.parse(out) as { files: { warnings: { line: number; key: string | null; message: string }[] }[] };
    assert.deepEqual(
      json.files[0].warnings.map((w) => [w.line, w.key]),
      [
        [1, 'a'],
        [2, 'a'],
      ],
    );
  });
});
