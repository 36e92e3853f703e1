/**
 * Chinese generic names (通用名) of generated drugs, by NCIt code: only names checked against a Chinese package
 * insert (说明书: 通用名称 … 英文名称 …) or a text naming the drug in both languages, found with the project's
 * search tool; the page is given for each. The first name is the label's. Drugs the curated lexicon has
 * (顺铂, 紫杉醇, 帕博利珠单抗…) are not here: curated entries win. A name not checked is not added, nor one that is
 * also an everyday word.
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
  // Targeted agents. The EGFR-TKI names are also paired in the bilingual abstract of the Chinese guideline on EGFR-TKIs
  // in stage IV NSCLC (2023): rs.yiigle.com/CN115399202004/1477456.htm with ablesci.com/scholar/paper?id=8lkkoNYME.
  C65530: { zh: ['厄洛替尼'], seen: 'healink.gogo198.com (通用名称 盐酸厄洛替尼片, 英文名称 Erlotinib Hydrochloride Tablets)' },
  C66940: { zh: ['阿法替尼'], seen: 'zlymm.com/a/wenyao/jiage/96922.html (阿法替尼(Afatinib)); the EGFR-TKI guideline (afatinib)' },
  // 达克替尼 is the older transliteration still written beside 达可替尼.
  C53398: { zh: ['达可替尼', '达克替尼'], seen: 'yaozhigong.com/yongyao_aizheng/18144.html (达可替尼(Dacomitinib)); m.xinyaozx.com/article-39589.html (达可替尼/达克替尼)' },
  C74061: { zh: ['克唑替尼'], seen: 'wenku365.com/p-30788468.html (通用名称 克唑替尼胶囊, 英文名称 Crizotinib Capsules)' },
  C101790: { zh: ['阿来替尼'], seen: 'baiwange.time1010.com/?1464/ (通用名 盐酸阿来替尼胶囊, 英文名 Alectinib Hydrochloride Capsules)' },
  C102754: { zh: ['恩沙替尼'], seen: 'pmc.ncbi.nlm.nih.gov/articles/PMC7467989 (盐酸恩沙替尼胶囊 ensartinib hydrochloride capsule, X-396)' },
  // 劳拉替尼 is the name of early translations, still common.
  C113655: { zh: ['洛拉替尼', '劳拉替尼'], seen: 'pfizermedicalinformation.cn/products/package-insert/lorbrena (通用名称 洛拉替尼片, 英文名称 Lorlatinib Tablets); himd.com/lorlatinib/244499 (劳拉替尼和洛拉替尼 … Lorlatinib)' },
  C132295: { zh: ['普拉替尼'], seen: 'drugs.meditool.cn (普拉替尼胶囊说明书, Pralsetinib Capsules)' },
  C102852: { zh: ['呋喹替尼'], seen: 'bjnews.com.cn/detail/1699538691169430.html (呋喹替尼/fruquintinib)' },
  C111895: { zh: ['吡咯替尼'], seen: 'cancernews.com.cn/drugs/141.html (通用名称 马来酸吡咯替尼片, 英文名称 Pyrotinib Maleate Tablets)' },
  C80059: { zh: ['尼拉帕利', '尼拉帕尼'], seen: 'hnysfww.com/mobile/goods.php?id=12844 (尼拉帕利, 英文名称 Niraparib, 其他名称 尼拉帕尼)' },
  C49176: { zh: ['哌柏西利', '帕博西尼'], seen: 'm.777doc.com/doc-6697266.html (通用名称 哌柏西利胶囊, 英文名称 Palbociclib Capsules); inatd.com/yaopinshuoming/2021/1218/3411.html (哌柏西利(帕博西尼)胶囊 Palbociclib Capsules)' },
  C2668: { zh: ['来那度胺'], seen: 'bjmxkn.cn/recommend_medicine/2020/0722/2485.html (通用名称 来那度胺胶囊, 英文名称 Lenalidomide capsules)' },
  C1851: { zh: ['硼替佐米'], seen: 'drugs.meditool.cn (注射用硼替佐米说明书, Bortezomib for Injection)' },
  // Antibodies.
  C38692: { zh: ['帕妥珠单抗'], seen: 'cancer123.com/drugs/Pertuzumab/Drug-Dispensatory.html (通用名称 帕妥珠单抗注射液, 英文名称 Pertuzumab Injection)' },
  C82492: { zh: ['恩美曲妥珠单抗'], seen: 'baxiang.guwu.ren/download/49.html (通用名 注射用恩美曲妥珠单抗, 英文名 Trastuzumab Emtansine for Injection)' },
  C128799: { zh: ['德曲妥珠单抗'], seen: 'nbdyf.com/yaopinmulu/15135.html (通用名称 注射用德曲妥珠单抗, 英文名称 Trastuzumab Deruxtecan for Injection)' },
  C2733: { zh: ['尼妥珠单抗'], seen: 'yao86.com (通用名称 尼妥珠单抗注射液, 英文名称 Nimotuzumab Injection)' },
  C70792: { zh: ['雷莫西尤单抗', '雷莫芦单抗'], seen: 'm.zlymm.com/a/jiezhichang/131066.html (雷莫西尤单抗 Ramucirumab); 100pei.com/4882.html (Ramucirumab/雷莫西尤单抗/雷莫芦单抗)' },
  // Chemotherapy.
  C1181: { zh: ['奥沙利铂'], seen: 'yao86.com (通用名称 奥沙利铂注射液, 英文名称 Oxaliplatin Injection)' },
  C62040: { zh: ['伊立替康'], seen: 'm.wenku365.com/d-9990671.html (通用名称 注射用盐酸伊立替康, 英文名称 Irinotecan Hydrochloride for Injection)' },
  C505: { zh: ['氟尿嘧啶'], seen: 'm.wenku365.com/p-52767106.html (通用名 氟尿嘧啶注射液, 英文名 Fluorouracil Injection)' },
  C62028: { zh: ['表柔比星'], seen: 'wuhanty.com/shuomingshu/show-8356.html (通用名称 注射用盐酸表柔比星, 英文名称 Epirubicin Hydrochloride For Injection)' },
  C405: { zh: ['环磷酰胺'], seen: 'familydoctor.cn/icd11/extensions/cyclophosphamide.html (环磷酰胺 Cyclophosphamide)' },
  C564: { zh: ['异环磷酰胺'], seen: 'xirou.com.cn/Drugs/Detail/2416 (通用名称 注射用异环磷酰胺, 英文名称 Ifosfamide for Injection)' },
  C933: { zh: ['长春新碱'], seen: 'hnysfww.com/mobile/goods.php?id=2541 (长春新碱, 英文名称 Vincristine); lingkangyy.org.cn (注射用硫酸长春新碱, Vincristine Sulfate for Injection)' },
  C642: { zh: ['甲氨蝶呤'], seen: 'hk.ftfx.ink/article/2011/0207/24600.html (中文通用名称 甲氨蝶呤, 英文通用名称 Methotrexate)' },
};
