import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BIOREGISTRY_PREFIXES, ONCOLEX_PREFIX, bioregistryPrefix, curieOf } from '../../src/core/lexicon/curie';
import type { IdSystem } from '../../src/core/lexicon/lexicon';
import { ID_SYSTEMS } from '../../src/core/lexicon/lexicon';
import { loadBuiltinLexicon } from '../../src/node/builtin';

describe('CURIEs', () => {
  it('every identifier of the built-in lexicon is a CURIE whose prefix is its system’s Bioregistry prefix', () => {
    let checked = 0;
    for (const entry of loadBuiltinLexicon().entries) {
      for (const system of ID_SYSTEMS) {
        const value = entry.ids?.[system];
        if (value === undefined) continue;
        const curie = curieOf(entry.id, { ids: { [system]: value } as Partial<Record<IdSystem, string>> });
        assert.equal(bioregistryPrefix(curie), BIOREGISTRY_PREFIXES[system].prefix, `${entry.id}: ${curie}`);
        assert.ok(curie.endsWith(value.slice(value.indexOf(':') + 1)), curie);
        checked++;
      }
    }
    assert.ok(checked > 100);
  });
  it('knows no prefix beyond those, and OncoLex’s own is not one', () => {
    assert.equal(bioregistryPrefix('UniProtKB:P01116'), 'uniprot');
    assert.equal(bioregistryPrefix('clinicaltrials:NCT03703297'), 'clinicaltrials');
    assert.equal(bioregistryPrefix(`${ONCOLEX_PREFIX}sbrt`), undefined);
    assert.equal(bioregistryPrefix('NCT:NCT03703297'), undefined);
  });
});
