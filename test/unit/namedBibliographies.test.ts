import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { namedBibliographies } from '../../src/core/citations/namedBibliographies';

describe('the bibliographies a document names', () => {
  it('reads Pandoc front matter: one path, a flow list, a block list', () => {
    assert.deepEqual(namedBibliographies('---\ntitle: x\nbibliography: refs.bib\n---\n\nText.\n', 'pandoc'), ['refs.bib']);
    assert.deepEqual(namedBibliographies('---\nbibliography: ["a.bib", b.json]\n...\n', 'pandoc'), ['a.bib', 'b.json']);
    assert.deepEqual(namedBibliographies('---\nbibliography:\n  - a.bib\n  - "sub/b.bib"\nlang: en\n---\n', 'pandoc'), ['a.bib', 'sub/b.bib']);
    assert.deepEqual(namedBibliographies('Text\n---\nbibliography: no.bib\n---\n', 'pandoc'), []);
  });
  it('reads \\bibliography and \\addbibresource outside comments', () => {
    assert.deepEqual(namedBibliographies('\\addbibresource[location=local]{main.bib}\n% \\bibliography{old}\n\\bibliography{refs, more.bib}\n', 'latex'), ['main.bib', 'refs.bib', 'more.bib']);
    assert.deepEqual(namedBibliographies('50\\% of \\bibliography{x}', 'latex'), ['x.bib']);
  });
});
