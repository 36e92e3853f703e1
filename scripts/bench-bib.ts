/**
 * Benchmark of the BibTeX reader: parses a generated 5 MB bibliography (real-world shapes: macros,
 * accents, nested braces, crossrefs) several times and reports the median. `npm run bench` calls it.
 */
import { parseBibtex } from '../src/core/bibtex';

/** Builds a .bib text of about `bytes` bytes from varied entries. Deterministic. */
export function generateBib(bytes: number): string {
  const head = '@string{nejm = "The New England Journal of Medicine"}\n@string{cr = {Cancer Research}}\n@preamble{"\\newcommand{\\noop}[1]{}"}\n\n';
  const parts: string[] = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const e =
      i % 4 === 0
        ? `@article{Wersall${i}:rcc/sbrt,\n  author = {Wers{\\"a}ll, P. J. and Blomgren, Henric and Kälkner, K. M. and others},\n  title = {Regression of {non-irradiated} metastases after {SBRT} in metastatic {\\em renal cell} carcinoma, part ${i}},\n  journal = nejm,\n  year = ${1990 + (i % 35)},\n  month = jan,\n  volume = {${i % 400}},\n  number = {${i % 12}},\n  pages = {${i}--${i + 9}},\n  doi = {10.1000/test.${i}},\n  abstract = {Radiotherapy at one site may lead to regression of metastatic cancer at distant sites that are not irradiated. We report {\\textit{abscopal}} responses in ${i % 50} of 28 patients \\& discuss T-cell priming, $\\gamma$-interferon and PD-L1.},\n  keywords = {abscopal effect; radiotherapy; immunotherapy}\n}\n\n`
        : i % 4 === 1
          ? `@inproceedings{Dovedi${i},\n  author = "Dovedi, Simon J. and Illidge, Tim M.",\n  title = "Acquired resistance to fractionated radiotherapy {{PD-L1}} blockade ${i}",\n  booktitle = cr # " Proceedings",\n  year = "2014",\n  crossref = {Proc${i - 1}},\n  pages = "5458--5468"\n}\n\n`
          : i % 4 === 2
            ? `@book{Proc${i},\n  editor = {M{\\"u}ller, J{\\"o}rg and {\\O}stergaard, S{\\o}ren and {World Health Organization}},\n  title = {Radio-immunotherapy {III}},\n  publisher = {Springer},\n  address = {Berlin},\n  year = 2019,\n  note = {\\v{S}koda, {\\ss}, \\'{\\i}, \\c{c}, ---, \\ldots{} with nested {braces {inside {deeply}}}}\n}\n\n`
            : `@misc{zotero_${i}_abscopal,\n\ttitle = {Abscopal effects of radiotherapy in the immunotherapy era},\n\turl = {https://example.org/paper/${i}},\n\turldate = {2023-05-01},\n\tauthor = {Dagoglu, Nergiz and Karaman, Sule and Caglar, Hale B. and Oral, Ebru N.},\n\tyear = {2019},\n\tfile = {Full Text PDF:/home/u/Zotero/storage/ABC${i}/paper.pdf:application/pdf},\n}\n\n`;
    parts.push(e);
    size += e.length;
  }
  return parts.join('');
}

/** Parses a generated 5 MB .bib `runs` times; returns the median parse time. */
export async function benchBib(runs = 7): Promise<{ bench: string; mb: number; parseMs: number; mbPerSec: number; entries: number; errors: number }> {
  const text = generateBib(5 * 1024 * 1024);
  const mb = Buffer.byteLength(text, 'utf8') / (1024 * 1024);
  let last = parseBibtex(text); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = parseBibtex(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const parseMs = times[Math.floor(times.length / 2)];
  return {
    bench: 'bibtex',
    mb: Math.round(mb * 100) / 100,
    parseMs: Math.round(parseMs * 10) / 10,
    mbPerSec: Math.round((mb / (parseMs / 1000)) * 10) / 10,
    entries: last.entries.length,
    errors: last.errors.length,
  };
}

if (require.main === module) {
  benchBib().then((r) => console.log(JSON.stringify(r)), (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
