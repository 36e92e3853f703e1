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

/** A radionuclide drug's USAN name: element, symbol and mass, then the rest (`Radium Ra 223 Dichloride`, `Lutetium Lu 177-PSMA-617`). */
const USAN_RADIONUCLIDE = /^([A-Z][a-z]+) ([A-Z][a-z]?)[ -]?(\d{2,3})(?:[ -](.+))?$/;
/** …or element, salt, symbol and mass (`Strontium Chloride Sr-89`). */
const USAN_SALT_FIRST = /^([A-Z][a-z]+) (Chloride|Dichloride) ([A-Z][a-z]?)[ -]?(\d{2,3})$/;
const SALT = /^(?:chloride|dichloride)$/i;

/**
 * The names a text writes for a radionuclide drug that NCIt names the USAN way (docs/annotation.md §3.13):
 * the element with its mass, `radium-223 dichloride`, `lutetium-177 PSMA-617`, and for a salt or the bare
 * nuclide also `radium-223`, `strontium-89`, `iodine-131` alone. Names (case-insensitive); see
 * {@link radionuclideSymbols} for `223Ra`, `177Lu-PSMA-617`. Empty for other names.
 */
export function radionuclideNames(name: string): string[] {
  const parts = radionuclideParts(name);
  if (parts === undefined) return [];
  const { element, mass, rest } = parts;
  const nuclide = `${element.toLowerCase()}-${mass}`;
  return rest === undefined ? [nuclide] : SALT.test(rest) ? [`${nuclide} ${rest.toLowerCase()}`, nuclide] : [`${nuclide} ${rest}`];
}

/** The nuclide written with its mass before its symbol, `223Ra`, `131I`, `177Lu-PSMA-617`: case-sensitive symbols. */
export function radionuclideSymbols(name: string): string[] {
  const parts = radionuclideParts(name);
  if (parts === undefined) return [];
  const { symbol, mass, rest } = parts;
  return rest === undefined || SALT.test(rest) ? [`${mass}${symbol}`] : /^[A-Z0-9]/.test(rest) && !rest.includes(' ') ? [`${mass}${symbol}-${rest}`] : [];
}

/** Whether `symbol` can be the chemical symbol of `element`: its initial, then a later letter (Ra, Lu, I, Sr). */
function symbolOf(element: string, symbol: string): boolean {
  return symbol[0] === element[0] && (symbol.length === 1 || element.slice(1).toLowerCase().includes(symbol[1]));
}

function radionuclideParts(name: string): { element: string; symbol: string; mass: string; rest?: string } | undefined {
  const salt = USAN_SALT_FIRST.exec(name);
  if (salt) return symbolOf(salt[1], salt[3]) ? { element: salt[1], symbol: salt[3], mass: salt[4], rest: salt[2] } : undefined;
  const m = USAN_RADIONUCLIDE.exec(name);
  // The symbol must be the element's (Radium Ra, Lutetium Lu, Iodine I), so that ordinary names never qualify.
  if (!m || !symbolOf(m[1], m[2])) return undefined;
  return { element: m[1], symbol: m[2], mass: m[3], ...(m[4] !== undefined ? { rest: m[4] } : {}) };
}
