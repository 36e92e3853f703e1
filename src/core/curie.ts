/**
 * The one external identifier a text-mining format carries for an entry, as a CURIE (`HGNC:8760`,
 * `NCIT:C20401`), so annotations join other tools' by id. Prefixes are the ones PubTator, brat corpora and
 * the Bioregistry use; an entry without an external identifier gets `oncolex:<id>`.
 */
import type { Entry, IdSystem } from './lexicon';

/** Systems in order of preference: the most specific for what they name first (a gene's HGNC id before its NCIt concept). */
const PREFERENCE: readonly IdSystem[] = ['hgnc', 'cl', 'drugbank', 'mesh', 'ncit', 'uniprot', 'atc', 'nct'];

/** How each system's stored value becomes a CURIE (HGNC and CL values already carry their prefix). */
const PREFIX: Record<IdSystem, string> = {
  hgnc: '',
  cl: '',
  drugbank: 'DRUGBANK:',
  mesh: 'MESH:',
  ncit: 'NCIT:',
  uniprot: 'UniProtKB:',
  atc: 'ATC:',
  nct: 'clinicaltrials:',
};

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
