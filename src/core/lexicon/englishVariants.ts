/**
 * English names by rule (issue 22): the spellings a text writes for a curated English name. Pure; the lexicon
 * build (build.ts) adds what these give as forms of the entry, where no other entry has them.
 *
 * - British and American spelling, both ways: -ise/-ize (and -isation, -iser, -ising), tumour/tumor,
 *   haem-/hem- (haematological, haematopoietic), leukaemia/leukemia, oesophageal/esophageal, oedema/edema,
 *   oestrogen/estrogen, paediatric/pediatric, and -ae- in anaemia, ischaemia, septicaemia;
 * - after another word, antigen is also written Ag (tumor-associated Ag, tumor Ag), as immunologists do; never
 *   antigen alone (Ag is silver);
 * - a compound of the combining forms radio-, chemo-, immuno- and another modality is one name closed up or
 *   hyphenated (docs/annotation.md §3.13): radiochemotherapy / radio-chemotherapy, chemoradiation /
 *   chemo-radiation, radioimmunotherapy / radio-immunotherapy.
 */

/** Word parts spelt differently in British and American English: [British, American]. */
const BRITISH_AMERICAN: [string, string][] = [
  ['tumour', 'tumor'],
  ['haemat', 'hemat'],
  ['haemo', 'hemo'],
  ['leukaem', 'leukem'],
  ['anaem', 'anem'],
  ['ischaem', 'ischem'],
  ['septicaem', 'septicem'],
  ['oesophag', 'esophag'],
  ['oedem', 'edem'],
  ['oestr', 'estr'],
  ['paediatr', 'pediatr'],
  ['gynaecol', 'gynecol'],
];
/** -ise/-ize and its derived forms after a stem of at least three letters (sensitise, polarisation, sensitiser). */
const ISE = /(?<=[a-z]{3})is(?=(?:e|es|ed|er|ers|ing|ation|ations)\b)/g;
const IZE = /(?<=[a-z]{3})iz(?=(?:e|es|ed|er|ers|ing|ation|ations)\b)/g;

/** A closed compound of two modalities' combining forms: radio|chemo|immuno, then another, then the rest. */
const COMBINING = /\b(radio|chemo|immuno)(?=(?:radi|chemo|immuno)[a-z]{3,})/g;

/** The British or American spelling of a name, whichever it is not written in (the name itself first). */
export function englishVariants(name: string): string[] {
  const out = new Set<string>([name]);
  const each = (f: (s: string) => string) => {
    for (const s of [...out]) {
      const v = f(s);
      if (v.trim() !== '') out.add(v);
    }
  };
  each((s) => {
    let v = s;
    for (const [uk, us] of BRITISH_AMERICAN) v = v.replace(new RegExp(`\\b${uk}`, 'gi'), (m) => matchCase(m, us));
    return v;
  });
  each((s) => {
    let v = s;
    for (const [uk, us] of BRITISH_AMERICAN) v = v.replace(new RegExp(`\\b${us}`, 'gi'), (m) => matchCase(m, uk));
    return v;
  });
  each((s) => s.replace(ISE, 'iz'));
  each((s) => s.replace(IZE, 'is'));
  each((s) => (/\S[\s-]antigens?$/.test(s) ? s.replace(/antigen(s?)$/, 'Ag$1') : s));
  each((s) => s.replace(COMBINING, '$1-'));
  return [...out];
}

/** `to` with the case of `from`'s first letter. */
function matchCase(from: string, to: string): string {
  return from[0] === from[0].toUpperCase() ? to[0].toUpperCase() + to.slice(1) : to;
}
