/**
 * Chinese names of generated cancers (Disease Ontology), by DOID: only names seen paired with the English
 * name in Chinese medical text found with the project's search tool; the page is given for each. They
 * matter beyond their own mentions: without 甲状腺癌, the histology 腺癌 (adenocarcinoma, curated) was found
 * inside it. The first name is the label's. A name not checked is not added.
 */
import type { VerifiedZh } from './drugsZh';

export const DISEASE_ZH: Record<string, VerifiedZh> = {
  'DOID:1781': { zh: ['甲状腺癌'], seen: 'm.fx361.cc/news/2024/1030/25515289.html (Thyroid neoplasm / 甲状腺肿瘤, 甲状腺癌 in the text); m.51zyzy.com/ask/detail/28428603.html (甲状腺癌)' },
  'DOID:3969': { zh: ['甲状腺乳头状癌'], seen: '218.28.6.71:81/Qikan/Article/Detail?id=7104312346 (甲状腺乳头状癌(papillary thyroid carcinoma,PTC))' },
  'DOID:769': { zh: ['神经母细胞瘤'], seen: 'tsu.tw/xiyi/yao/80868.html (神经母细胞瘤( neuroblastoma , NB )); max.book118.com (神经母细胞瘤(Neuroblastoma,简称NB))' },
  'DOID:3284': { zh: ['胸腺癌'], seen: 'm.fx361.cc/news/2024/1030/25515289.html (甲状腺内胸腺癌 / intrathyroid thymic carcinoma)' },
};
