/**
 * The ontology extracts the generated tier is built from (`../shared/ontologies/`, read-only, never copied
 * into the project), each with the source, version and licence that every generated entry carries.
 */
import * as path from 'node:path';

export const ONTOLOGY_DIR = process.env.ONCOLEX_ONTOLOGIES ?? path.join(__dirname, '..', '..', '..', 'shared', 'ontologies');

export interface OntologySource {
  /** Short key stored on each entry. */
  key: 'hgnc' | 'cl' | 'doid';
  name: string;
  /** The release the extract comes from. */
  version: string;
  licence: string;
  /** The file(s) under ONTOLOGY_DIR that are read. */
  files: string[];
  url: string;
}

export const SOURCES: Record<OntologySource['key'], OntologySource> = {
  hgnc: {
    key: 'hgnc',
    name: 'HGNC (HUGO Gene Nomenclature Committee)',
    version: 'complete set 2018-11-13 (ids, gene groups), symbols and aliases 2021-02',
    licence: 'freely available without restrictions (HGNC)',
    files: ['hgnc/hgnc_complete_set_2018-11-13.core_columns.tsv', 'hgnc/hgnc_approved_symbols_aliases_2021-02.tsv'],
    url: 'https://www.genenames.org',
  },
  cl: {
    key: 'cl',
    name: 'Cell Ontology',
    version: '2026-03-26',
    licence: 'CC BY 4.0',
    files: ['cell_ontology/cl_hematopoietic_cell_CL0000988_2026-03-26.tsv'],
    url: 'https://obofoundry.org/ontology/cl.html',
  },
  doid: {
    key: 'doid',
    name: 'Human Disease Ontology',
    version: '2026-07-31 (cancer slim subset of the 2024-01-31 release)',
    licence: 'CC0 1.0',
    files: ['disease_ontology/doid_cancer_DOID162_2026-07-31.tsv', 'disease_ontology/doid_cancer_DOID162_2024-01-31.obo'],
    url: 'https://disease-ontology.org',
  },
};
