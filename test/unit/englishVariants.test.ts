import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { englishVariants } from '../../src/core/lexicon/englishVariants';
import { spellingVariants } from '../../src/core/text/normalize';

describe('English names by rule (docs/annotation.md §3.13)', () => {
  it('British and American spelling, both ways', () => {
    assert.deepEqual(englishVariants('radiosensitizer'), ['radiosensitizer', 'radiosensitiser']);
    assert.deepEqual(englishVariants('polarisation'), ['polarisation', 'polarization']);
    assert.deepEqual(englishVariants('haematological malignancy'), ['haematological malignancy', 'hematological malignancy']);
    assert.deepEqual(englishVariants('esophageal cancer'), ['esophageal cancer', 'oesophageal cancer']);
    assert.deepEqual(englishVariants('Leukemia'), ['Leukemia', 'Leukaemia']);
  });
  it('Ag for antigen after another word, never alone', () => {
    assert.ok(englishVariants('tumor antigen').includes('tumor Ag'));
    assert.ok(englishVariants('tumor-associated antigens').includes('tumor-associated Ags'));
    assert.deepEqual(englishVariants('antigen'), ['antigen']);
  });
  it('negative: short words and words without the suffix stay as they are', () => {
    assert.deepEqual(englishVariants('size'), ['size']);
    assert.deepEqual(englishVariants('radiotherapy'), ['radiotherapy']);
  });
  it('a compound of two modalities\u2019 combining forms is hyphenated too (radio-chemotherapy), and nothing else is', () => {
    assert.deepEqual(englishVariants('radiochemotherapy'), ['radiochemotherapy', 'radio-chemotherapy']);
    assert.deepEqual(englishVariants('chemoradiation'), ['chemoradiation', 'chemo-radiation']);
    assert.deepEqual(englishVariants('radiosensitizer'), ['radiosensitizer', 'radiosensitiser']);
    assert.deepEqual(englishVariants('immunosuppression'), ['immunosuppression']);
  });
  it('a Roman numeral after a word is hyphenated too, and written as one character (Ⅱ)', () => {
    assert.ok(spellingVariants('MHC class I').includes('MHC class-I'));
    assert.ok(spellingVariants('MHC-II').includes('MHC-Ⅱ'));
    assert.ok(spellingVariants('I 型干扰素').includes('Ⅰ型干扰素'));
    assert.ok(!spellingVariants('PACIFIC-2').some((v) => /[Ⅰ-Ⅳ]/.test(v)));
  });
});
