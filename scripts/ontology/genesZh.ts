/**
 * Chinese names of generated genes (HGNC), by HGNC id: only names seen paired with the symbol or the English
 * name in Chinese biomedical text found with the project's search tool; the page is given for each. The
 * first name is the label's. A gene the curated lexicon has (PD-1, VEGF, p53…) is not here: curated entries
 * win. A name not checked is not added.
 */
import type { VerifiedZh } from './drugsZh';

export const GENE_ZH: Record<string, VerifiedZh> = {
  'HGNC:3236': { zh: ['表皮生长因子受体'], seen: 'ppdoc.com/periodical/b7bbae3f86fc809839d57dab089bd7e4.html (表皮生长因子受体(EGFR))' },
  'HGNC:3430': {
    zh: ['人表皮生长因子受体2', '人类表皮生长因子受体2'],
    seen: 'scholarmate.com/S/fOTJHn (人表皮生长因子受体2(HER2)); scholarmate.com/S/cd0GnR (人类表皮生长因子受体2(human epidermal growth factor receptor 2,HER2))',
  },
  'HGNC:427': {
    zh: ['间变性淋巴瘤激酶', '间变淋巴瘤激酶'],
    seen: 'pmc.ncbi.nlm.nih.gov/articles/PMC5999849 (间变性淋巴瘤激酶(anaplastic lymphoma kinase, ALK)); PMC5972973 (间变淋巴瘤激酶)',
  },
};
