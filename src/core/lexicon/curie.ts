/**
 * The one external identifier a text-mining format carries for an entry, as a CURIE (`HGNC:8760`,
 * `NCIT:C20401`), so annotations join other tools' by id. Prefixes are the ones PubTator, brat corpora and
 * the Bioregistry use; an entry without an external identifier gets `oncolex:<id>`.
 */
import type { Entry, IdSystem } from './lexicon';

/** Systems in order of preference: the most specific for what they name first (a gene's HGNC id before its NCIt concept). */
const PREFERENCE: readonly IdSystem[] = ['hgnc', 'cl', 'drugbank', 'mesh', 'doid', 'ncit', 'uniprot', 'atc', 'nct'];

/** How each system's stored value becomes a CURIE (HGNC, CL and DOID values already carry their prefix). */
const PREFIX: Record<IdSystem, string> = {
  hgnc: '',
  cl: '',
  doid: '',
  drugbank: 'DRUGBANK:',
  mesh: 'MESH:',
  ncit: 'NCIT:',
  uniprot: 'UniProtKB:',
  atc: 'ATC:',
  nct: 'clinicaltrials:',
};

/**
 * Each system's prefix in the Bioregistry (https://bioregistry.io), whose prefixes are case-insensitive,
 * with the synonym our CURIEs use where they do not spell the prefix itself: `UniProtKB` is a registered
 * synonym of `uniprot`. Checked against the Bioregistry's exports (contexts/bioregistry.context.jsonld for
 * the prefixes, contexts/bioregistry.epm.json for the synonym); a test holds every CURIE the lexicon
 * yields to this list.
 */
export const BIOREGISTRY_PREFIXES: Record<IdSystem, { prefix: string; synonyms?: readonly string[] }> = {
  hgnc: { prefix: 'hgnc' },
  cl: { prefix: 'cl' },
  doid: { prefix: 'doid' },
  drugbank: { prefix: 'drugbank' },
  mesh: { prefix: 'mesh' },
  ncit: { prefix: 'ncit' },
  uniprot: { prefix: 'uniprot', synonyms: ['uniprotkb'] },
  atc: { prefix: 'atc' },
  nct: { prefix: 'clinicaltrials' },
};

/** The Bioregistry prefix a CURIE's prefix stands for, among the systems above (undefined for others, `oncolex:` included). */
export function bioregistryPrefix(curie: string): string | undefined {
  const colon = curie.indexOf(':');
  if (colon <= 0) return undefined;
  const p = curie.slice(0, colon).toLowerCase();
  for (const { prefix, synonyms } of Object.values(BIOREGISTRY_PREFIXES)) if (p === prefix || synonyms?.includes(p)) return prefix;
  return undefined;
}

/** The prefix of identifiers that are OncoLex's own (entries without an external id, document-defined terms). */
export const ONCOLEX_PREFIX = 'oncolex:';

/** The CURIE for the entry with id `id` (or for a document-defined term, which has no entry). */
export function curieOf(id: string, entry: Pick<Entry, 'ids'> | undefined): string {
  if (entry) {
    for (const system of PREFERENCE) {
      const value = entry.ids[system];
      if (value !== undefined) return PREFIX[system] + value;
    }
  }
  return ONCOLEX_PREFIX + id;
}
