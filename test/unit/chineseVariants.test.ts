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
