/**
 * Chinese names by rule (issue 22): the variants a Chinese text writes for a curated Chinese name, and the
 * Chinese names of gene families whose members are numbered. Pure; the lexicon build (build.ts) adds what
 * these give as forms of the entry, where no other entry has them.
 *
 * - 白介素 is the short form of 白细胞介素 (interleukin), both ways;
 * - a number or Greek letter at the end is written with a hyphen, a space or nothing (白细胞介素-2, 白细胞介素 2,
 *   白细胞介素2); a space between Han and Latin is written or not (调节性 T 细胞, 调节性T细胞);
 * - 性 or 状 before 细胞 (or 抑制细胞) is often dropped: 树突状细胞 → 树突细胞, 调节性T细胞 → 调节T细胞,
 *   髓源性抑制细胞 → 髓源抑制细胞. Not elsewhere: 程序性死亡 and 程序性细胞死亡 keep their 性.
 *
 * - 抑制细胞 is also written 抑制性细胞: 髓源性抑制细胞 → 髓源抑制性细胞;
 * - the programmed-death family (PD-1, PD-L1, PD-L2) is written with or without 细胞, with 蛋白, 受体, 因子受体
 *   or 受体蛋白 (the receptor) or 蛋白, 受体 or a hyphen before 配体 (the ligands): 程序性细胞死亡1,
 *   程序性死亡因子受体-1, 程序性细胞死亡受体蛋白1, 程序性细胞死亡蛋白配体-1;
 * - an antibody's generic name ending in 单抗, with a stem of at least four characters, is written without
 *   单抗 before 单药 (monotherapy): 帕博利珠单药 names 帕博利珠单抗.
 *
 * Traditional-script and Taiwan terms are not generated: no conversion table is in the project.
 */

const HAN = '\\u4e00-\\u9fff';
const TAIL = new RegExp(`^(.*[${HAN}])[-\\s]?(\\d+[A-Za-z]?|[αβγδεκ]\\d*)$`);
// Not in 程序性细胞死亡 (programmed cell death), where 细胞 is not the head.
const DROPPED = new RegExp(`(?<=[${HAN}])[性状](?=\\s?[A-Za-z0-9+]{0,4}\\s?细胞(?!死亡)|抑制细胞)`, 'g');
const HAN_LATIN = new RegExp(`(?<=[${HAN}])\\s+(?=[A-Za-z0-9])|(?<=[A-Za-z0-9+])\\s+(?=[${HAN}])`, 'g');

/** PD-1's Chinese name: 程序性(细胞)死亡(蛋白|受体|因子受体|受体蛋白) and its number. */
const PROGRAMMED_DEATH = /^程序性(?:细胞)?死亡(?:蛋白|受体|因子受体|受体蛋白)?[-\s]?(\d)$/;
/** PD-L1's and PD-L2's: 程序性(细胞)死亡(蛋白|受体|-)配体 and its number. */
const PROGRAMMED_DEATH_LIGAND = /^程序性(?:细胞)?死亡(?:蛋白|受体)?[-\s]?配体[-\s]?(\d)$/;
const PROGRAMMED_DEATH_STEMS = ['程序性死亡', '程序性细胞死亡'];
/** An antibody's generic name: a transliterated stem of at least four characters and 单抗. */
const ANTIBODY = new RegExp(`^([${HAN}]{4,})单抗$`);

/** The programmed-death family's variants of a name of it (see the module comment), else none. */
function programmedDeathVariants(name: string): string[] {
  const ligand = PROGRAMMED_DEATH_LIGAND.exec(name);
  if (ligand) return PROGRAMMED_DEATH_STEMS.flatMap((stem) => ['', '蛋白', '受体', '-'].map((mid) => `${stem}${mid}配体${ligand[1]}`));
  const receptor = PROGRAMMED_DEATH.exec(name);
  if (receptor) return PROGRAMMED_DEATH_STEMS.flatMap((stem) => ['', '蛋白', '受体', '因子受体', '受体蛋白'].map((mid) => `${stem}${mid}${receptor[1]}`));
  return [];
}

/** The variants of a Chinese name (the name itself first), deduplicated, in a stable order. */
export function chineseVariants(name: string): string[] {
  const out = new Set<string>([name]);
  const each = (f: (s: string) => string[]) => {
    for (const s of [...out]) for (const v of f(s)) if (v.trim() !== '') out.add(v);
  };
  each((s) => {
    const m = ANTIBODY.exec(s);
    return m ? [m[1]] : [];
  });
  each((s) => programmedDeathVariants(s.replace(HAN_LATIN, '')));
  each((s) => (s.includes('白细胞介素') ? [s.replaceAll('白细胞介素', '白介素')] : s.includes('白介素') ? [s.replaceAll('白介素', '白细胞介素')] : []));
  each((s) => [s.replace(DROPPED, '')]);
  each((s) => (s.includes('抑制细胞') ? [s.replace('抑制细胞', '抑制性细胞')] : []));
  each((s) => [s.replace(HAN_LATIN, '')]);
  // A therapy is 疗法 or 治疗 alike: CAR-T 疗法 / CAR-T 治疗, 放射治疗 / 放射疗法.
  each((s) => (s.length >= 4 && s.endsWith('疗法') ? [`${s.slice(0, -2)}治疗`] : s.length >= 4 && s.endsWith('治疗') ? [`${s.slice(0, -2)}疗法`] : []));
  each((s) => {
    const m = TAIL.exec(s);
    return m ? [`${m[1]}-${m[2]}`, `${m[1]}${m[2]}`, `${m[1]} ${m[2]}`] : [];
  });
  return [...out];
}

/** Numbered gene families and their Chinese names: IL6 → 白细胞介素-6, CCL19 → CC 趋化因子配体 19. */
const FAMILIES: [RegExp, string][] = [
  [/^IL(\d+)$/, '白细胞介素-'],
  [/^CCL(\d+)$/, 'CC 趋化因子配体 '],
  [/^CXCL(\d+)$/, 'CXC 趋化因子配体 '],
  [/^CCR(\d+)$/, 'CC 趋化因子受体 '],
  [/^CXCR(\d+)$/, 'CXC 趋化因子受体 '],
];

/** The Chinese name of a gene of a numbered family by its symbol, or undefined. */
export function familyChineseName(symbol: string): string | undefined {
  for (const [re, zh] of FAMILIES) {
    const m = re.exec(symbol);
    if (m) return `${zh}${m[1]}`;
  }
  return undefined;
}
