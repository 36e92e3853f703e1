/**
 * The ontology extracts the generated tier is built from (`../shared/ontologies/`, read-only, never copied
 * into the project), each with the source, version and licence that every generated entry carries.
 */
import * as path from 'node:path';

export const ONTOLOGY_DIR = process.env.ONCOLEX_ONTOLOGIES ?? path.join(__dirname, '..', '..', '..', 'shared', 'ontologies');

/**
 * The folder holding the drug extracts (`drugs/…`, see {@link SOURCES}.ncit): the ontology folder, unless
 * ONCOLEX_DRUG_SOURCES (or `npm run build:ontology -- --drugs DIR`) names another one — until the extracts are
 * in ../shared/ontologies/drugs/, which is their expected home (scripts/ontology/SOURCES.md).
 */
export const DRUG_DIR = process.env.ONCOLEX_DRUG_SOURCES ?? ONTOLOGY_DIR;

export interface OntologySource {
  /** Short key stored on each entry. */
  key: 'hgnc' | 'cl' | 'doid' | 'ncit';
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
  ncit: {
    key: 'ncit',
    name: 'NCI Thesaurus',
    // The agents as NCI's GDC dictionary lists them (2024-02-13), their codes and names from NCI's 2018 term maps,
    // the immunomodulating antibodies from NCIt's hierarchy as the EVS API gave it on 2025-08-13.
    version: 'drug subsets via NCI GDC 2024-02-13 and NCI term maps 2018',
    licence: 'CC BY 4.0 (NCI Thesaurus)',
    // In this order: drugs.ts reads them by index.
    files: [
      'drugs/gdc_therapeutic_agents_2024-02-13.tsv',
      'drugs/ncit_C1908_display_names_ocpl_2018-05-29.txt',
      'drugs/nci_drug_dictionary_ocpl_2018-01-31.txt',
      'drugs/ncit_descendants_onconova_2025-08-13.json',
    ],
    url: 'https://ncithesaurus.nci.nih.gov',
  },
};
