/**
 * Chinese generic names (通用名) of generated drugs, by NCIt code: only names checked against a Chinese package
 * insert (说明书: 通用名称 … 英文名称 …) or a text naming the drug in both languages, found with the project's
 * search tool; the page is given for each. The first name is the label's. Drugs the curated lexicon has
 * (顺铂, 紫杉醇, 帕博利珠单抗…) are not here: curated entries win. A name not checked is not added.
 */
export interface VerifiedZh {
  /** Chinese generic names, the current one first. */
  zh: string[];
  /** Where the pairing was checked. */
  seen: string;
}

export const DRUG_ZH: Record<string, VerifiedZh> = {
  // Bevacizumab: 贝伐珠单抗 is the name of the insert's ingredient; 贝伐单抗 the older generic name still used.
  C2039: { zh: ['贝伐珠单抗', '贝伐单抗'], seen: 'healink.gogo198.com (通用名称 贝伐单抗, 英文名称 Bevacizumab, 成份 贝伐珠单抗); hnysfww.com/goods.php?id=3569' },
  C1647: { zh: ['曲妥珠单抗'], seen: 'm.familydoctor.cn/icd11/extensions/trastuzumab.html (曲妥珠单抗 Trastuzumab)' },
  C1244: { zh: ['替莫唑胺'], seen: '360docs.net/doc/e711418193.html (通用名称 替莫唑胺胶囊, 英文名称 Temozolomide Capsules)' },
  C61948: { zh: ['索拉非尼'], seen: 'jianyue360.net (通用名称 甲苯磺酸索拉非尼片, 英文名称 Sorafenib Tosylate Tablets)' },
  C95124: { zh: ['仑伐替尼'], seen: 'yao86.com (通用名称 甲磺酸仑伐替尼胶囊, 英文名称 Lenvatinib Mesilate Capsules)' },
  C1855: { zh: ['吉非替尼'], seen: 'docsplayer.com (通用名称 吉非替尼片, 英文名称 Gefitinib Tablets)' },
  C116377: { zh: ['奥希替尼'], seen: 'm.taodocs.com/p-594811762.html (通用名称 甲磺酸奥希替尼片, 英文名称 Osimertinib Mesylate Tablets)' },
  C62035: { zh: ['伊马替尼'], seen: 'huayinyiliao.com (甲磺酸伊马替尼片 | imatinib mesylate)' },
  C66876: { zh: ['吉西他滨'], seen: 'anhao.org/html/Cancer208.html (吉西他滨 Gemcitabine)' },
  C1526: { zh: ['多西他赛'], seen: '114yoo.com (通用名称 多西他赛注射液, 英文名称 Docetaxel Injection)' },
  C61614: { zh: ['培美曲塞'], seen: 'e-xuxiaobao.com/a/6462.html (通用名 注射用培美曲塞二钠, 英文名 Pemetrexed Disodium for Injection)' },
  C1794: { zh: ['卡培他滨'], seen: 'jiankang1.com (通用名称 卡培他滨片, 英文名称 Capecitabine Tablets)' },
  C1702: { zh: ['利妥昔单抗'], seen: 'drugs.meditool.cn (Rituximab Injection 利妥昔单抗); medlinks.cn/guideline/cancer/3363.html' },
};
