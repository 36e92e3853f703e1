/** A small hand-written lexicon for matcher tests, built through the real build path. */
import { buildLexicon } from '../../src/core/lexicon/build';
import type { Lexicon, SourceEntry } from '../../src/core/lexicon/lexicon';
import { compromiseInflector } from '../../src/node/inflect';

const def = { en: 'Test definition.', zh: '测试定义。' };

export const MINI_SOURCES: SourceEntry[] = [
  { id: 'pd-l1', category: 'molecule', label: { en: 'PD-L1', zh: '程序性细胞死亡配体 1' }, abbreviations: ['PD-L1', 'B7-H1', 'CD274'], synonyms: ['programmed death-ligand 1'], definition: def },
  { id: 'pd-1', category: 'molecule', label: { en: 'PD-1', zh: '程序性细胞死亡蛋白 1' }, abbreviations: ['PD-1', 'PD 1'], synonyms: ['programmed cell death protein 1'], definition: def },
  { id: 'cd8', category: 'molecule', label: { en: 'CD8', zh: 'CD8 分子' }, abbreviations: ['CD8'], definition: def },
  { id: 'cd80', category: 'molecule', label: { en: 'CD80', zh: 'CD80 分子' }, abbreviations: ['CD80', 'B7-1'], definition: def },
  { id: 'cd8-t-cell', category: 'immune-cell', label: { en: 'CD8+ T cell', zh: 'CD8+ T 细胞' }, abbreviations: ['CD8+T'], synonyms: ['CD8-positive T cell', 'CD8 T cell'], zh: ['CD8+T 细胞'], definition: def },
  { id: 't-cell', category: 'immune-cell', label: { en: 'T cell', zh: 'T 细胞' }, synonyms: ['T lymphocyte'], definition: def },
  { id: 'treg', category: 'immune-cell', label: { en: 'regulatory T cell', zh: '调节性 T 细胞' }, abbreviations: ['Treg'], zh: ['Treg 细胞'], definition: def },
  { id: 'dendritic-cell', category: 'immune-cell', label: { en: 'dendritic cell', zh: '树突状细胞' }, abbreviations: ['DC'], definition: def },
  { id: 'ifn-beta', category: 'molecule', label: { en: 'IFN-β', zh: '干扰素 β' }, abbreviations: ['IFN-β', 'INF-β'], synonyms: ['interferon beta'], definition: def },
  { id: 'radiotherapy', category: 'concept', label: { en: 'radiotherapy', zh: '放射治疗' }, abbreviations: ['RT'], synonyms: ['radiation therapy'], zh: ['放疗'], definition: def },
  { id: 'abscopal-effect', category: 'concept', label: { en: 'abscopal effect', zh: '远端效应' }, zh: ['远位效应'], definition: def },
  { id: 'pembrolizumab', category: 'drug', label: { en: 'pembrolizumab', zh: '帕博利珠单抗' }, brands: ['Keytruda'], definition: def, relations: [{ type: 'targets', id: 'pd-1' }], inflect: false },
  { id: 'pd-l1-inhibitor', category: 'drug', label: { en: 'PD-L1 inhibitor', zh: 'PD-L1 抑制剂' }, definition: def, relations: [{ type: 'targets', id: 'pd-l1' }] },
  { id: 'macrophage', category: 'immune-cell', label: { en: 'macrophage', zh: '巨噬细胞' }, definition: def },
  { id: 'hif-1-alpha', category: 'molecule', label: { en: 'HIF-1α', zh: '低氧诱导因子 1α' }, abbreviations: ['HIF-1α', 'HIF-1a'], definition: def },
];

let cached: Lexicon | undefined;
export function miniLexicon(): Lexicon {
  cached ??= buildLexicon({ sources: [{ file: 'mini.json', entries: MINI_SOURCES }], review: '', inflect: compromiseInflector });
  return cached;
}

/**
 * The mini lexicon and a few entries for document-defined abbreviations and generic words: IR as the
 * lexicon's abbreviation of ionizing radiation, a generic "immune response" holding the term "response".
 */
export const DEFINITION_SOURCES: SourceEntry[] = [
  ...MINI_SOURCES,
  { id: 'ionizing-radiation', category: 'concept', label: { en: 'ionizing radiation', zh: '电离辐射' }, abbreviations: ['IR'], definition: def },
  { id: 'immune-response', category: 'concept', label: { en: 'immune response', zh: '免疫应答' }, definition: def, generic: true },
  { id: 'cancer', category: 'tumor', label: { en: 'cancer', zh: '癌症' }, definition: def, generic: true },
  { id: 'tumour-response', category: 'outcome', label: { en: 'response', zh: '肿瘤缓解' }, definition: def },
  { id: 'til', category: 'immune-cell', label: { en: 'tumor-infiltrating lymphocyte', zh: '肿瘤浸润淋巴细胞' }, abbreviations: ['TIL', 'TILs'], definition: def },
  { id: 'tlr4', category: 'molecule', label: { en: 'Toll-like receptor 4', zh: 'Toll 样受体 4' }, abbreviations: ['TLR4'], definition: def },
];

let cachedDefinitions: Lexicon | undefined;
export function definitionsLexicon(): Lexicon {
  cachedDefinitions ??= buildLexicon({ sources: [{ file: 'mini-definitions.json', entries: DEFINITION_SOURCES }], review: '', inflect: compromiseInflector });
  return cachedDefinitions;
}
