import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseBibtex } from '../../src/core/citations/bibtex';
import { referenceFromBibEntry } from '../../src/core/citations/citations';
import { BUILTIN_STYLES, cslItemFromBib, cslItemFromReference, defaultStyle, formatBibliography, frontMatterStyle } from '../../src/core/citations/csl';
import { builtinLocales, loadStyle } from '../../src/node/csl';

const BIB = `@article{shu2024,
  author = {舒锐 and 赖建平 and 刘德慧 and 王某},
  title = {放射联合免疫治疗增强远端效应的研究进展},
  journal = {临床医学进展},
  year = {2024}, volume = {14}, number = {3}, pages = {1824--1830},
  langid = {chinese}
}
@article{postow2012,
  author = {Postow, Michael A. and Callahan, Margaret K.},
  title = {Immunologic correlates of the abscopal effect in a patient with melanoma},
  journal = {N Engl J Med}, year = {2012}, volume = {366}, number = {10}, pages = {925--931},
  doi = {10.1056/NEJMoa1112824}
}
`;
const items = parseBibtex(BIB).entries.map(cslItemFromBib);
const format = (style: string, lang = 'en-US') => formatBibliography(items, loadStyle(style), builtinLocales(), lang);

describe('CSL formatting (citeproc-js)', () => {
  it('reads BibTeX entries as CSL-JSON items, langid as language', () => {
    assert.deepEqual(items[0], {
      id: 'shu2024',
      type: 'article-journal',
      title: '放射联合免疫治疗增强远端效应的研究进展',
      'container-title': '临床医学进展',
      author: [{ family: '舒锐' }, { family: '赖建平' }, { family: '刘德慧' }, { family: '王某' }],
      issued: { 'date-parts': [[2024]] },
      volume: '14',
      issue: '3',
      page: '1824-1830',
      language: 'zh-CN',
    });
    assert.equal(items[1].DOI, '10.1056/NEJMoa1112824');
    assert.equal(items[1].language, undefined);
    // A Chinese title without langid is Chinese too.
    assert.equal(cslItemFromBib(parseBibtex('@article{x, title={放疗}, year={2020}}').entries[0]).language, 'zh-CN');
  });
  it('formats GB/T 7714-2015 as Chinese journals print it', () => {
    assert.deepEqual(format('china-national-standard-gb-t-7714-2015-numeric', 'zh-CN'), [
      '[1] 舒锐, 赖建平, 刘德慧, 等. 放射联合免疫治疗增强远端效应的研究进展[J]. 临床医学进展, 2024, 14(3): 1824-1830.',
      '[2] POSTOW M A, CALLAHAN M K. Immunologic correlates of the abscopal effect in a patient with melanoma[J/OL]. N Engl J Med, 2012, 366(10): 925-931. DOI:10.1056/NEJMoa1112824.',
    ]);
  });
  it("prints BibTeX's `and others` as et al. (等 among Chinese names), never as an author called Others", () => {
    const bib = parseBibtex('@article{x, author = {Postow, Michael A. and Callahan, Margaret K. and others}, title = {T}, journal = {J}, year = {2012}}\n@article{y, author = {舒锐 and others}, title = {题}, journal = {刊}, year = {2024}, langid = {chinese}}\n').entries.map(cslItemFromBib);
    const [en] = formatBibliography([bib[0]], loadStyle('vancouver'), builtinLocales(), 'en-US');
    assert.match(en, /Postow MA, Callahan MK, et al\./);
    assert.doesNotMatch(en, /[Oo]thers/);
    const [zh] = formatBibliography([bib[1]], loadStyle('china-national-standard-gb-t-7714-2015-numeric'), builtinLocales(), 'zh-CN');
    assert.match(zh, /舒锐, 等/);
  });
  it('follows each shipped style’s rule for long author lists, English and Chinese (GB/T 7714: et al. for Western references, 等 for Chinese)', () => {
    const seven = parseBibtex(
      '@article{d, author = {Demaria, Sandra and Ng, Bernadette and Devitt, Mary Louise and Babb, James S. and Kawashima, Noriko and Liebes, Leonard and Formenti, Silvia C.}, title = {Ionizing radiation inhibition of distant untreated tumors}, journal = {Int J Radiat Oncol Biol Phys}, year = {2004}}\n' +
        '@article{z, author = {舒锐 and 赖建平 and 刘德慧 and 王某}, title = {放射联合免疫治疗增强远端效应的研究进展}, journal = {临床医学进展}, year = {2024}, langid = {chinese}}\n',
    ).entries.map(cslItemFromBib);
    const run = (style: string) => formatBibliography(seven, loadStyle(style), builtinLocales(), style.startsWith('china-') ? 'zh-CN' : 'en-US');
    // GB/T 7714-2015 8.1.2: more than three authors, the first three then ", 等" (Chinese) or ", et al." (Western).
    const gb = run('china-national-standard-gb-t-7714-2015-numeric');
    assert.match(gb[0], /^\[1\] DEMARIA S, NG B, DEVITT M L, et al\. Ionizing/);
    assert.match(gb[1], /^\[2\] 舒锐, 赖建平, 刘德慧, 等\. 放射/);
    // Vancouver (Citing Medicine): more than six, the first six then et al.
    assert.match(run('vancouver')[0], /^1\. Demaria S, Ng B, Devitt ML, Babb JS, Kawashima N, Liebes L, et al\. /);
    // AMA 11th ed.: more than six, the first three then et al.
    assert.match(run('american-medical-association')[0], /^1\. Demaria S, Ng B, Devitt ML, et al\. /);
    // APA 7th ed.: up to 20 authors all listed, & before the last.
    assert.match(run('apa').find((x) => x.startsWith('Demaria'))!, /Liebes, L\., & Formenti, S\. C\. \(2004\)/);
  });
  it('reads `and others` as a truncated list in every shipped style: et al. after the names given, never “& et al.”', () => {
    const bib = parseBibtex(
      '@article{p, author = {Postow, Michael A. and Callahan, Margaret K. and others}, title = {Immunologic correlates}, journal = {N Engl J Med}, year = {2012}}\n' +
        '@article{six, author = {A, Aa and B, Bb and C, Cc and D, Dd and E, Ee and F, Ff and others}, title = {Six and more}, journal = {J}, year = {2020}}\n' +
        '@article{zh, author = {舒锐 and others}, title = {题}, journal = {刊}, year = {2024}, langid = {chinese}}\n',
    ).entries.map(cslItemFromBib);
    const run = (style: string) => formatBibliography(bib, loadStyle(style), builtinLocales(), style.startsWith('china-') ? 'zh-CN' : 'en-US');
    for (const style of BUILTIN_STYLES) {
      for (const line of run(style)) {
        assert.doesNotMatch(line, /[Oo]thers|&\s*et al|and et al|\uE000/, `${style}: ${line}`);
        assert.match(line, /et al\.|等/, `${style}: ${line}`);
      }
    }
    assert.match(run('apa').find((x) => x.startsWith('Postow'))!, /^Postow, M\. A\., Callahan, M\. K\., et al\. \(2012\)/);
    assert.match(run('vancouver')[0], /^1\. Postow MA, Callahan MK, et al\. /);
    // Seven or more authors (six given and at least one more): AMA lists the first three.
    assert.match(run('american-medical-association')[1], /^2\. A A, B B, C C, et al\. Six/);
    const gb = run('china-national-standard-gb-t-7714-2015-numeric');
    assert.match(gb[0], /^\[1\] POSTOW M A, CALLAHAN M K, et al\. /);
    assert.match(gb[1], /^\[2\] A A, B B, C C, et al\. /);
    assert.match(gb[2], /^\[3\] 舒锐, 等\. /);
  });
  it('formats Vancouver, AMA and APA', () => {
    assert.equal(format('vancouver')[1], '2. Postow MA, Callahan MK. Immunologic correlates of the abscopal effect in a patient with melanoma. N Engl J Med. 2012;366(10):925–31.');
    assert.equal(format('american-medical-association')[1], '2. Postow MA, Callahan MK. Immunologic correlates of the abscopal effect in a patient with melanoma. N Engl J Med. 2012;366(10):925-931. doi:10.1056/NEJMoa1112824');
    assert.equal(format('apa')[0], 'Postow, M. A., & Callahan, M. K. (2012). Immunologic correlates of the abscopal effect in a patient with melanoma. N Engl J Med, 366(10), 925–931. https://doi.org/10.1056/NEJMoa1112824');
    for (const s of BUILTIN_STYLES) assert.equal(format(s).length, 2, s);
  });
  it('reads a .csl file the user names', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-csl-')), 'mini.csl');
    fs.writeFileSync(
      file,
      '<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>Mini</title><id>mini</id><updated>2024-01-01T00:00:00+00:00</updated></info><citation><layout><text variable="citation-number"/></layout></citation><bibliography><layout suffix="."><names variable="author"><name form="short" and="text"/></names><text variable="title" prefix=": "/></layout></bibliography></style>\n',
    );
    assert.equal(formatBibliography(items.slice(1), loadStyle(file), builtinLocales())[0], 'Postow and Callahan: Immunologic correlates of the abscopal effect in a patient with melanoma.');
    assert.throws(() => loadStyle('chicago'), /unknown style 'chicago'/);
    assert.throws(() => loadStyle(path.join(os.tmpdir(), 'none.csl')), /no such style file/);
  });
});

describe('the style of a document', () => {
  it('is its Pandoc csl: front matter (a shipped style by its base name), else set by the caller', () => {
    assert.equal(frontMatterStyle('---\ntitle: x\ncsl: styles/vancouver.csl\n---\nText'), 'vancouver');
    assert.equal(frontMatterStyle('---\ncsl: "my journal.csl"\n---\n'), 'my journal.csl');
    assert.equal(frontMatterStyle('---\ntitle: x\n---\ncsl: apa.csl'), undefined);
    assert.equal(frontMatterStyle('No front matter.'), undefined);
  });
  it('defaults to GB/T 7714 for Chinese and Vancouver for others', () => {
    assert.equal(defaultStyle('zh'), 'china-national-standard-gb-t-7714-2015-numeric');
    assert.equal(defaultStyle('en'), 'vancouver');
  });
  it('formats a reference of the citation index (what the hover shows) like its BibTeX entry', () => {
    const refs = parseBibtex(BIB).entries.map((e) => referenceFromBibEntry(e, 'refs.bib'));
    assert.equal(refs[0].language, 'chinese');
    const printed = formatBibliography(refs.map(cslItemFromReference), loadStyle('china-national-standard-gb-t-7714-2015-numeric'), builtinLocales(), 'zh-CN');
    assert.deepEqual(printed, format('china-national-standard-gb-t-7714-2015-numeric', 'zh-CN'));
  });
});
