/**
 * The lexicon model: the human-edited source format (data/lexicon/*.json), its validation, and the built
 * runtime form (generated/lexicon.json) that the matcher, hover cards, search and CLI read.
 */

/** The fixed category names, used by the CLI, the settings and the colours. */
export const CATEGORIES = ['immune-cell', 'molecule', 'drug', 'tumor', 'concept', 'trial', 'outcome'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Relation types an entry may state. The build adds the inverse of each (see {@link INVERSE_RELATION}). */
export const RELATION_TYPES = [
  'targets', // drug -> molecule it binds or inhibits
  'targeted-by', // molecule -> drug (inverse of targets)
  'binds', // ligand <-> receptor
  'is-a', // narrower -> broader (e.g. Treg is-a CD4+ T cell)
  'has-subtype', // inverse of is-a
  'produced-by', // molecule -> cell that produces it
  'produces', // inverse
  'tests', // trial -> drug or therapy it tests
  'tested-in', // inverse
  'related', // symmetric
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const INVERSE_RELATION: Record<RelationType, RelationType> = {
  targets: 'targeted-by',
  'targeted-by': 'targets',
  binds: 'binds',
  'is-a': 'has-subtype',
  'has-subtype': 'is-a',
  'produced-by': 'produces',
  produces: 'produced-by',
  tests: 'tested-in',
  'tested-in': 'tests',
  related: 'related',
};

/** External identifier systems. Only identifiers the curators are certain of are recorded. */
export const ID_SYSTEMS = ['ncit', 'hgnc', 'cl', 'doid', 'drugbank', 'atc', 'nct', 'mesh', 'uniprot'] as const;
export type IdSystem = (typeof ID_SYSTEMS)[number];

export interface Bilingual {
  en: string;
  zh: string;
}

export interface Relation {
  type: RelationType;
  /** The id of another entry of the lexicon. */
  id: string;
}

/** One entry as curators write it in data/lexicon/*.json. */
export interface SourceEntry {
  id: string;
  category: Category;
  /** Finer kind within the category, free text (e.g. "cytokine", "immune checkpoint", "anti-PD-1 antibody"). */
  kind?: string;
  label: Bilingual;
  /** Short forms matched case-sensitively (RT, DC, PD-1). */
  abbreviations?: string[];
  /** Other English names and spelling variants, matched case-insensitively. */
  synonyms?: string[];
  /** Other Chinese names and variants (including the review's own wording). */
  zh?: string[];
  /** Brand (trade) names, for drugs. */
  brands?: string[];
  definition: Bilingual;
  relations?: Relation[];
  ids?: Partial<Record<IdSystem, string>>;
  /** Set to false to keep compromise from adding plural or singular forms (names that never inflect). */
  inflect?: boolean;
  /**
   * A generic word of the field (cancer, tumour, immune response, Gy…): known for hover and search, but not
   * decorated, counted or reported unless the user asks (`oncolex.highlight.generic`, `--include-generic`).
   */
  generic?: boolean;
  /** `"candidate"`: found by `oncolex mine` in a text, not yet reviewed by a person. */
  status?: EntryStatus;
  /**
   * The id of a built-in entry this entry adds to: its forms and evidence join that entry (which keeps its
   * id, label and definition) instead of making a new one. Written by the miner for terms the lexicon knows.
   */
  extends?: string;
  /** Sentences of a source text that mention the entry (the miner writes them). */
  evidence?: SourceEvidence[];
}

/** The statuses an entry may carry. */
export const ENTRY_STATUSES = ['candidate'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Evidence as a lexicon source file states it (see {@link Evidence}). */
export interface SourceEvidence {
  sentence: string;
  /** Section number or title; empty or absent when the text has no sections. */
  section?: string;
  sectionTitle?: string;
  refs?: number[];
  keys?: string[];
  /** The file the sentence comes from. */
  source?: string;
  /** 1-based line of the sentence in that file. */
  line?: number;
}

export interface SourceFile {
  entries: SourceEntry[];
}

/** A piece of evidence: one sentence of the review that mentions the entry. */
export interface Evidence {
  /** Section number as printed in the review ("1".."8"), or "abstract". */
  section: string;
  sectionTitle: string;
  sentence: string;
  /** The review's own reference numbers cited by the sentence. */
  refs: number[];
  /** Citation keys of the sentence (`\cite{a,b}`, `[@key]`), for evidence mined from a manuscript. */
  keys?: string[];
  /** The file the sentence comes from; absent for the built-in review. */
  source?: string;
  /** 1-based line of the sentence in {@link source}. */
  line?: number;
}

/** A surface form the matcher looks for. */
export interface Form {
  text: string;
  /** Short abbreviations are matched case-sensitively, names are not. */
  caseSensitive: boolean;
}

/** The lexicon's tiers: entries curated by hand, and entries generated from the field's ontologies. */
export type Tier = 'curated' | 'generated';

/** Where a generated entry comes from: shown on its hover card, kept in every export. */
export interface EntryOrigin {
  /** The ontology's name and release (`Cell Ontology 2026-03-26`). */
  source: string;
  licence: string;
  /** The entry's identifier there (`CL:0000453`). */
  curie: string;
}

/**
 * One entry of the generated tier as generated/ontology-tier.json holds it (scripts/ontology/tier.ts writes it
 * from the ontology extracts; its guards have already left out what is too ambiguous to match).
 */
export interface GeneratedSourceEntry {
  id: string;
  category: Category;
  kind: string;
  curie: string;
  /** The key of its source in the tier's `sources`. */
  source: string;
  label: string;
  definition: string;
  /** Matched case-sensitively. */
  symbols: string[];
  /** Matched case-insensitively. */
  names: string[];
  ncit?: string;
  /** Verified Chinese generic names, the first being the label's (scripts/ontology/drugsZh.ts). */
  zh?: string[];
}

/** The generated tier's sources as the tier file lists them. */
export interface GeneratedSource {
  key: string;
  name: string;
  version: string;
  licence: string;
}

/** A built entry (generated/lexicon.json). */
export interface Entry {
  id: string;
  category: Category;
  kind?: string;
  /** Absent for curated entries; `generated` for entries of the generated tier (see {@link origin}). */
  tier?: 'generated';
  /** Source, licence and identifier of a generated entry. */
  origin?: EntryOrigin;
  /** See {@link SourceEntry.generic}; absent means specific. */
  generic?: boolean;
  /** See {@link SourceEntry.status}. */
  status?: EntryStatus;
  label: Bilingual;
  abbreviations: string[];
  synonyms: string[];
  zh: string[];
  brands: string[];
  definition: Bilingual;
  relations: Relation[];
  ids: Partial<Record<IdSystem, string>>;
  /** Every form the matcher looks for, variants included. */
  forms: Form[];
  evidence: Evidence[];
}

/** What matching and the document's annotation read of an entry (see {@link Lexicon.matching}). */
export type MatchEntry = Pick<Entry, 'id' | 'category' | 'tier' | 'generic' | 'forms'>;

export interface Lexicon {
  /** Where the lexicon came from, for display ("built-in" or a file path). */
  source: string;
  entries: Entry[];
  /**
   * The entries as matching reads them, one per entry in the same order, where the lexicon has them before
   * its entries: the built-in lexicon reads its entries' details on first use (src/core/lexicon/builtLexicon.ts),
   * and its first matcher needs only these. Not enumerable, so a copy of the lexicon does not keep them.
   */
  readonly matching?: readonly MatchEntry[];
  /**
   * Built workspace entries that extend a built-in entry (entry id → built-in id), until
   * {@link mergeLexicons} (build.ts) folds them into it.
   */
  extensions?: Map<string, string>;
}

/** A problem in a lexicon source, with everything a user needs to find it. */
export class LexiconError extends Error {
  constructor(
    readonly file: string,
    readonly entry: string | undefined,
    readonly field: string | undefined,
    readonly problem: string,
    /** 0-based position of the entry in the `entries` array it was read from, when known. */
    readonly index?: number,
  ) {
    super(`${file}${entry !== undefined ? `: entry '${entry}'` : ''}${field !== undefined ? `, field '${field}'` : ''}: ${problem}`);
    this.name = 'LexiconError';
  }
}

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HAN_RE = /\p{Script=Han}/u;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields an entry of a source file may have (schemas/lexicon.schema.json lists the same). */
export const SOURCE_FIELDS = ['id', 'category', 'kind', 'label', 'abbreviations', 'synonyms', 'zh', 'brands', 'definition', 'relations', 'ids', 'inflect', 'generic', 'status', 'extends', 'evidence'] as const;
const known = new Set<string>(SOURCE_FIELDS);
const EVIDENCE_FIELDS = new Set(['sentence', 'section', 'sectionTitle', 'refs', 'keys', 'source', 'line']);

/** What is wrong with one evidence item of a source file, or undefined. */
function evidenceProblem(ev: unknown): string | undefined {
  if (!isObject(ev)) return 'must be an object';
  for (const key of Object.keys(ev)) if (!EVIDENCE_FIELDS.has(key)) return `unknown field '${key}'`;
  if (typeof ev.sentence !== 'string' || ev.sentence.trim() === '') return "'sentence' must be a non-empty string";
  for (const f of ['section', 'sectionTitle', 'source'] as const) if (ev[f] !== undefined && typeof ev[f] !== 'string') return `'${f}' must be a string`;
  if (ev.refs !== undefined && (!Array.isArray(ev.refs) || ev.refs.some((n) => !Number.isInteger(n) || (n as number) < 0))) return "'refs' must be an array of reference numbers";
  if (ev.keys !== undefined && (!Array.isArray(ev.keys) || ev.keys.some((k) => typeof k !== 'string' || k === ''))) return "'keys' must be an array of citation keys";
  if (ev.line !== undefined && (!Number.isInteger(ev.line) || (ev.line as number) < 1)) return "'line' must be a line number (1 or more)";
  return undefined;
}

/**
 * Validates one parsed lexicon source file. Returns the valid entries and one {@link LexiconError} per
 * problem; an entry with a problem is left out, the others are kept.
 */
export function validateSourceFile(data: unknown, file: string): { entries: SourceEntry[]; errors: LexiconError[] } {
  const errors: LexiconError[] = [];
  const entries: SourceEntry[] = [];
  if (!isObject(data) || !Array.isArray(data.entries)) {
    errors.push(new LexiconError(file, undefined, 'entries', 'expected an object with an "entries" array'));
    return { entries, errors };
  }
  data.entries.forEach((raw: unknown, index: number) => {
    const name = isObject(raw) && typeof raw.id === 'string' ? raw.id : `#${index + 1}`;
    const before = errors.length;
    const fail = (field: string, problem: string) => errors.push(new LexiconError(file, name, field, problem, index));
    if (!isObject(raw)) {
      fail('(entry)', 'expected an object');
      return;
    }
    for (const key of Object.keys(raw)) if (!known.has(key)) fail(key, 'unknown field');
    if (typeof raw.id !== 'string' || !ID_RE.test(raw.id)) fail('id', 'must be lower-case letters, digits and single hyphens');
    if (!CATEGORIES.includes(raw.category as Category)) fail('category', `must be one of ${CATEGORIES.join(', ')}`);
    if (raw.kind !== undefined && (typeof raw.kind !== 'string' || raw.kind.trim() === '')) fail('kind', 'must be a non-empty string');
    for (const field of ['label', 'definition'] as const) {
      const v = raw[field];
      if (!isObject(v) || typeof v.en !== 'string' || v.en.trim() === '' || typeof v.zh !== 'string' || v.zh.trim() === '') {
        fail(field, 'must be {"en": "…", "zh": "…"} with both texts non-empty');
      } else if (!HAN_RE.test(v.zh)) {
        fail(`${field}.zh`, 'must contain Chinese text');
      }
    }
    for (const field of ['abbreviations', 'synonyms', 'zh', 'brands'] as const) {
      const v = raw[field];
      if (v === undefined) continue;
      if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.trim() === '' || s !== s.trim())) {
        fail(field, 'must be an array of non-empty strings without surrounding spaces');
      }
    }
    if (raw.relations !== undefined) {
      if (!Array.isArray(raw.relations)) fail('relations', 'must be an array');
      else
        raw.relations.forEach((r: unknown, i: number) => {
          if (!isObject(r) || !RELATION_TYPES.includes(r.type as RelationType) || typeof r.id !== 'string') {
            fail(`relations[${i}]`, `must be {"type": one of ${RELATION_TYPES.join(', ')}, "id": "entry-id"}`);
          }
        });
    }
    if (raw.ids !== undefined) {
      if (!isObject(raw.ids)) fail('ids', 'must be an object');
      else
        for (const [k, v] of Object.entries(raw.ids)) {
          if (!ID_SYSTEMS.includes(k as IdSystem)) fail(`ids.${k}`, `unknown identifier system (known: ${ID_SYSTEMS.join(', ')})`);
          else if (typeof v !== 'string' || !ID_PATTERNS[k as IdSystem].test(v)) fail(`ids.${k}`, `'${String(v)}' is not a valid ${k} identifier`);
        }
    }
    if (raw.inflect !== undefined && typeof raw.inflect !== 'boolean') fail('inflect', 'must be true or false');
    if (raw.generic !== undefined && typeof raw.generic !== 'boolean') fail('generic', 'must be true or false');
    if (raw.status !== undefined && !ENTRY_STATUSES.includes(raw.status as EntryStatus)) fail('status', `must be one of ${ENTRY_STATUSES.join(', ')}`);
    if (raw.extends !== undefined && (typeof raw.extends !== 'string' || !ID_RE.test(raw.extends))) fail('extends', 'must be the id of a built-in entry');
    if (raw.evidence !== undefined) {
      if (!Array.isArray(raw.evidence)) fail('evidence', 'must be an array');
      else raw.evidence.forEach((ev: unknown, i: number) => {
        const problem = evidenceProblem(ev);
        if (problem) fail(`evidence[${i}]`, problem);
      });
    }
    if (errors.length === before) entries.push(raw as unknown as SourceEntry);
  });
  return { entries, errors };
}

/** Syntax of each identifier system; a value that does not fit is rejected at build time. */
export const ID_PATTERNS: Record<IdSystem, RegExp> = {
  ncit: /^C\d+$/,
  hgnc: /^HGNC:\d+$/,
  cl: /^CL:\d{7}$/,
  doid: /^DOID:\d+$/,
  drugbank: /^DB\d{5}$/,
  atc: /^[A-Z]\d\d[A-Z][A-Z]\d\d$/,
  nct: /^NCT\d{8}$/,
  mesh: /^[DC]\d{6,9}$/,
  uniprot: /^[OPQ][0-9][A-Z0-9]{3}[0-9]$|^[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2}$/,
};

/** The public page of an identifier, for links in hover cards and views. */
export function identifierUrl(system: IdSystem, value: string): string | undefined {
  const v = encodeURIComponent(value);
  switch (system) {
    case 'ncit':
      return `https://ncit.nci.nih.gov/ncitbrowser/ConceptReport.jsp?dictionary=NCI_Thesaurus&code=${v}`;
    case 'hgnc':
      return `https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/${v}`;
    case 'cl':
      return `https://www.ebi.ac.uk/ols4/ontologies/cl/classes?obo_id=${v}`;
    case 'doid':
      return `https://disease-ontology.org/?id=${v}`;
    case 'drugbank':
      return `https://go.drugbank.com/drugs/${v}`;
    case 'atc':
      return `https://atcddd.fhi.no/atc_ddd_index/?code=${v}`;
    case 'nct':
      return `https://clinicaltrials.gov/study/${v}`;
    case 'mesh':
      return `https://meshb.nlm.nih.gov/record/ui?ui=${v}`;
    case 'uniprot':
      return `https://www.uniprot.org/uniprotkb/${v}`;
  }
}

export const ID_SYSTEM_LABELS: Record<IdSystem, string> = {
  ncit: 'NCI Thesaurus',
  hgnc: 'HGNC',
  cl: 'Cell Ontology',
  doid: 'Disease Ontology',
  drugbank: 'DrugBank',
  atc: 'ATC',
  nct: 'ClinicalTrials.gov',
  mesh: 'MeSH',
  uniprot: 'UniProt',
};

/** Looks entries up by id. */
export function indexById(lexicon: Lexicon): Map<string, Entry> {
  return new Map(lexicon.entries.map((e) => [e.id, e]));
}

/**
 * An entry's name in `lang`, or in the other language where it has none (a generated entry from an English
 * ontology has no Chinese name): what a list, a picker or a message shows, never an empty string.
 */
export function labelIn(e: Pick<Entry, 'label'>, lang: 'en' | 'zh'): string {
  return e.label[lang] || e.label[lang === 'en' ? 'zh' : 'en'];
}

/** An entry's definition in `lang`, or in the other language where it has none. */
export function definitionIn(e: Pick<Entry, 'definition'>, lang: 'en' | 'zh'): string {
  return e.definition[lang] || e.definition[lang === 'en' ? 'zh' : 'en'];
}
