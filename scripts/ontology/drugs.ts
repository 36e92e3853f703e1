/**
 * The drug part of the generated tier: antineoplastic and immunomodulating agents of the NCI Thesaurus (NCIt),
 * from NCI's own published extracts (see sources.ts and scripts/ontology/SOURCES.md for where each file comes
 * from). Pure: file texts in, entries out.
 *
 * Which agents (the filter):
 * - **antineoplastic agents**: the NCIt Antineoplastic Agent terminology as NCI's Genomic Data Commons
 *   dictionary lists it (its `therapeutic_agents` values), each with the NCIt code GDC gives it or, failing
 *   that, the code whose NCIt display name it is in NCI's 2018 term map of the drug branch (C1908);
 * - **immunomodulating antibodies**: NCIt concepts that are both an Immunotherapeutic Agent (C308) and a
 *   Monoclonal Antibody (C20401) — the immunosuppressive and immunostimulating antibodies (adalimumab,
 *   basiliximab, eculizumab) that the antineoplastic list does not hold; checkpoint antibodies, cytokines
 *   and cancer vaccines are antineoplastic agents already.
 * An agent without an NCIt code in these files is left out (counted): every entry carries its identifier.
 *
 * Synonyms: the NCIt name and the NCI Drug Dictionary's name for the same code where it differs. Brand names
 * are not in these files, so none are generated (the curated lexicon keeps the ones it has).
 *
 * Precision guards (besides the tier's own, see tier.ts): a name that is a drug class rather than a drug
 * (`… Inhibitor`, `… Agent`, `… Therapy`), that another generated entry has (a gene, a cell or a cancer name:
 * `Tumor Necrosis Factor` stays the gene's) is left out; a code name (`MK-3475`, `BGB-A317`) is a symbol,
 * matched case-sensitively, and needs a digit; NCIt's `<class> <code>` names of investigational agents
 * (`ERK Inhibitor MK-8353`) are kept as their code, which is what prose writes.
 */
import { SOURCES } from './sources';

/** The last words that make a name a class of drugs, not a drug (NCIt has both as concepts). */
export const CLASS_HEADS = new Set([
  'agent', 'agents', 'inhibitor', 'inhibitors', 'antagonist', 'antagonists', 'agonist', 'agonists', 'therapy',
  'therapies', 'chemotherapy', 'regimen', 'compound', 'compounds', 'drug', 'drugs', 'product', 'preparation',
  'supplement', 'modulator', 'analog', 'analogue', 'derivative', 'combination', 'trial', 'placebo', 'other',
]);

/** GDC values that are answers of a form, not agents, though GDC gives them an NCIt code (`Not Reported`: C43234). */
export const NON_AGENT_VALUES = new Set(['not reported', 'unknown', 'not applicable', 'none', 'other', 'placebo']);

/** A drug entry before the tier's common shape is applied (tier.ts adds the common fields). */
export interface DrugRecord {
  code: string;
  label: string;
  kind: 'antineoplastic agent' | 'immunomodulating monoclonal antibody';
  definition: string;
  /** NCIt name first, then the Drug Dictionary's names for the code. */
  names: string[];
}

export interface DrugFiles {
  /** GDC's therapeutic agents: `name<TAB>ncit<TAB>definition` with a header line. */
  gdc: string;
  /** NCI's 2018 term map of the NCIt drug branch: `code[,code…]|display name`. */
  termMap: string;
  /** NCI Drug Dictionary (2018): `cdr id|name|ncit code or NULL`. */
  drugDictionary: string;
  /** NCIt descendants by root code (JSON object: root → codes), from the EVS API. */
  descendants: string;
}

const lines = (text: string) => text.split(/\r?\n/).filter((l) => l.trim() !== '');

/** The first sentence of a definition, at most 300 characters. */
export function firstSentence(text: string): string {
  const t = text.trim();
  const m = /^(.+?[.;])(?:\s|$)/.exec(t);
  const s = m ? m[1] : t;
  return s.length <= 300 ? s : `${s.slice(0, 297).replace(/\s+\S*$/, '')}…`;
}

/**
 * Reads the drug files into records (one per NCIt code), counting what it leaves out in `drop`. Name guards
 * are the caller's (tier.ts), so that every source goes through the same ones.
 */
export function drugRecords(files: DrugFiles, drop: (why: string) => void): DrugRecord[] {
  const file = (i: number) => SOURCES.ncit.files[i];
  // NCIt display name (lower case) → code; a name two codes share names neither.
  const codeByName = new Map<string, string | null>();
  const nameByCode = new Map<string, string>();
  for (const [i, l] of lines(files.termMap).entries()) {
    const bar = l.indexOf('|');
    if (bar < 0) throw new Error(`${file(1)}:${i + 1}: not 'code|name'`);
    const codes = l.slice(0, bar).split(',');
    const name = l.slice(bar + 1).trim();
    if (!codes.every((c) => /^C\d+$/.test(c))) throw new Error(`${file(1)}:${i + 1}: '${l.slice(0, bar)}' is not an NCIt code`);
    const key = name.toLowerCase();
    codeByName.set(key, codes.length === 1 && !codeByName.has(key) ? codes[0] : null);
    for (const c of codes) nameByCode.set(c, name);
  }
  const ddNames = new Map<string, string[]>();
  const ddCodeByName = new Map<string, string>();
  for (const [i, l] of lines(files.drugDictionary).entries()) {
    const cells = l.split('|');
    if (cells.length !== 3) throw new Error(`${file(2)}:${i + 1}: not 'id|name|code'`);
    const [, name, code] = cells.map((c) => c.trim());
    if (!/^C\d+$/.test(code)) continue;
    ddNames.set(code, [...(ddNames.get(code) ?? []), name]);
    ddCodeByName.set(name.toLowerCase(), code);
  }
  let descendants: Record<string, string[]>;
  try {
    descendants = JSON.parse(files.descendants) as Record<string, string[]>;
  } catch (e) {
    throw new Error(`${file(3)}: not JSON (${(e as Error).message})`);
  }
  const immuno = new Set(descendants.C308 ?? []);
  const mabs = (descendants.C20401 ?? []).filter((c) => immuno.has(c));
  if (immuno.size === 0 || mabs.length === 0) throw new Error(`${file(3)}: no descendants of C308 or C20401`);

  const byCode = new Map<string, DrugRecord>();
  const add = (code: string, name: string, kind: DrugRecord['kind'], definition: string) => {
    const r = byCode.get(code);
    if (r) {
      if (!r.names.includes(name)) r.names.push(name);
      if (!r.definition && definition) r.definition = definition;
      return;
    }
    byCode.set(code, { code, label: name, kind, definition, names: [name] });
  };

  const gdc = lines(files.gdc);
  if (gdc[0] !== 'name\tncit\tdefinition') throw new Error(`${file(0)}:1: expected the header 'name<TAB>ncit<TAB>definition'`);
  for (const [i, l] of gdc.slice(1).entries()) {
    const [name, given, definition = ''] = l.split('\t');
    if (given && !/^C\d+$/.test(given)) throw new Error(`${file(0)}:${i + 2}: '${given}' is not an NCIt code`);
    if (NON_AGENT_VALUES.has(name.toLowerCase())) {
      drop('drug: a form’s answer, not an agent');
      continue;
    }
    const code = given || codeByName.get(name.toLowerCase()) || ddCodeByName.get(name.toLowerCase());
    if (!code) {
      drop(given === '' && codeByName.get(name.toLowerCase()) === null ? 'drug: name of two NCIt codes' : 'drug: no NCIt code in the files');
      continue;
    }
    add(code, name, 'antineoplastic agent', definition ? firstSentence(definition) : '');
  }
  for (const code of mabs) {
    if (byCode.has(code)) continue;
    const name = nameByCode.get(code);
    if (!name) {
      drop('drug: no NCIt name in the files');
      continue;
    }
    add(code, name, 'immunomodulating monoclonal antibody', '');
  }
  for (const r of byCode.values()) for (const n of ddNames.get(r.code) ?? []) if (!r.names.some((m) => m.toLowerCase() === n.toLowerCase())) r.names.push(n);
  return [...byCode.values()];
}

/** A name that is a class of drugs (`PD-1 Inhibitor`, `Alkylating Agent`), by its last word. */
export const isClassName = (name: string): boolean => CLASS_HEADS.has(name.toLowerCase().split(/\s+/).pop() ?? '');

/**
 * The code an NCIt name of the form `<class words> <CODE>` ends with (`ERK Inhibitor MK-8353` → `MK-8353`,
 * `Anti-PD-1 Monoclonal Antibody BGB-A317` → `BGB-A317`): a code name of at least 4 letters and digits after
 * at least two words; else undefined (`Vitamin D3`, `Monoclonal Antibody 3F8` stay names).
 */
export function trailingCode(name: string): string | undefined {
  const words = name.split(/\s+/);
  const last = words[words.length - 1];
  if (words.length < 3 || !/[a-z]/.test(words.slice(0, -1).join(' '))) return undefined;
  return /^[A-Z][A-Z0-9-]*$/.test(last) && isCodeName(last) && last.replace(/-/g, '').length >= 4 ? last : undefined;
}

/** A drug's code name (`MK-3475`, `AZD4547`): capitals and digits, a hyphen or space at most between. */
export const isCodeName = (name: string): boolean => /^[A-Z][A-Z0-9]*(?:[- ]?[A-Z0-9]+)*$/.test(name) && /\d/.test(name) && /[A-Z]/.test(name);
