import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { chineseVariants, familyChineseName } from '../../src/core/lexicon/chineseVariants';
import { Matcher } from '../../src/core/matching/matcher';
import { loadBuiltinLexicon } from '../../src/node/builtin';

describe('Chinese names by rule', () => {
  it('writes 白介素 for 白细胞介素, and a final number with a hyphen, a space or nothing', () => {
    assert.deepEqual(chineseVariants('白细胞介素-2').sort(), ['白介素 2', '白介素-2', '白介素2', '白细胞介素 2', '白细胞介素-2', '白细胞介素2'].sort());
  });
  it('drops 性 or 状 before 细胞, and only there', () => {
    assert.ok(chineseVariants('树突状细胞').includes('树突细胞'));
    assert.ok(chineseVariants('调节性 T 细胞').includes('调节T细胞'));
    assert.ok(chineseVariants('髓源性抑制细胞').includes('髓源抑制细胞'));
    assert.ok(!chineseVariants('程序性死亡蛋白-1').some((v) => v.startsWith('程序死亡')));
  });
  it('names numbered gene families: IL-N, CCLN, CXCLN, CCRN, CXCRN', () => {
    assert.equal(familyChineseName('IL6'), '白细胞介素-6');
    assert.equal(familyChineseName('CCL19'), 'CC 趋化因子配体 19');
    assert.equal(familyChineseName('CXCR4'), 'CXC 趋化因子受体 4');
    assert.equal(familyChineseName('CD8A'), undefined);
  });
  it('lets the built-in lexicon find them in Chinese text', () => {
    const text = '树突细胞分泌白介素12,CC趋化因子配体21募集T细胞;顺铂、卡铂、依托泊苷和紫杉醇。';
    const found = new Matcher(loadBuiltinLexicon()).annotate(text, 'plain').map((m) => text.slice(m.start, m.end));
    for (const name of ['树突细胞', '白介素12', 'CC趋化因子配体21', '顺铂', '卡铂', '依托泊苷', '紫杉醇']) assert.ok(found.includes(name), `${name} not found in ${found.join(' · ')}`);
  });
});

describe('Chinese name families by rule (issue 22, docs/annotation.md §3.10)', () => {
  const found = (text: string) => annotateText(text);
  it('the programmed-death family: PD-1 with or without 细胞, with 蛋白, 受体, 因子受体 or 受体蛋白; the ligands with 蛋白, 受体 or a hyphen before 配体', () => {
    assert.deepEqual(found('程序性细胞死亡1、程序性死亡因子受体-1与程序性细胞死亡受体蛋白1'), ['程序性细胞死亡1/pd-1', '程序性死亡因子受体-1/pd-1', '程序性细胞死亡受体蛋白1/pd-1']);
    assert.deepEqual(found('程序性细胞死亡蛋白配体-1 (PD-L1)与程序性死亡受体配体2'), ['程序性细胞死亡蛋白配体-1/pd-l1', 'PD-L1/pd-l1', '程序性死亡受体配体2/pd-l2']);
  });
  it('negative: 性 stays in 程序性细胞死亡 (细胞 is not its head), and a receptor name never gives a ligand form', () => {
    assert.ok(!chineseVariants('程序性细胞死亡蛋白 1').some((v) => v.startsWith('程序细胞') || v.includes('配体')));
  });
  it('抑制细胞 is also written 抑制性细胞', () => {
    assert.deepEqual(found('髓源抑制性细胞'), ['髓源抑制性细胞/mdsc']);
  });
  it('an antibody name without 单抗 before 单药 (帕博利珠单药), only for stems of four characters or more', () => {
    assert.deepEqual(found('102例患者接受帕博利珠单药治疗'), ['帕博利珠/pembrolizumab']);
    assert.deepEqual(chineseVariants('西妥昔单抗'), ['西妥昔单抗']);
  });
});

function annotateText(text: string): string[] {
  return new Matcher(loadBuiltinLexicon()).annotate(text, 'plain').map((m) => `${text.slice(m.start, m.end)}/${m.id}`);
}
