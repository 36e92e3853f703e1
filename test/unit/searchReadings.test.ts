import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { READINGS_FILE, buildSearchReadings, builtLexicons, readingOf as buildReading, serializeSearchReadings } from '../../scripts/build-search-readings';
import { readingOf, toSimplified, withoutOptionalHan, withoutToneMarks } from '../../src/core/search/searchReadings';

const GENERATED = path.join(process.cwd(), 'generated');

describe('search readings (build time, pinyin-pro)', () => {
  it('reads the polyphonic characters of this vocabulary as its authors do', () => {
    assert.deepEqual(buildReading('帕博利珠单抗'), ['pa bo li zhu dan kang', 'pblzdk']);
    assert.deepEqual(buildReading('调节性 T 细胞'), ['tiao jie xing T xi bao', 'tjxTxb']);
    // 重: zhòng in 重离子 (heavy ion), chóng in 重组 (recombinant), which pinyin-pro reads zhòng.
    assert.equal(buildReading('重离子放疗')[0], 'zhong li zi fang liao');
    assert.equal(buildReading('重组人白细胞介素-2')[0], 'chong zu ren bai xi bao jie su -2');
    // 调强 (intensity-modulated) is tiáo even after 旋转, where pinyin-pro reads diào.
    assert.equal(buildReading('容积旋转调强放疗')[0], 'rong ji xuan zhuan tiao qiang fang liao');
    assert.equal(buildReading('伽玛刀')[0], 'ga ma dao');
    assert.equal(buildReading('栅格放疗')[0], 'zha ge fang liao');
  });

  it('keeps Latin, digits and signs as written, in the pinyin and the initials', () => {
    assert.deepEqual(buildReading('PD-1 抑制剂'), ['PD-1 yi zhi ji', 'PD-1yzj']);
  });

  it('is up to date with the built lexicons (run npm run build:readings)', () => {
    const built = serializeSearchReadings(buildSearchReadings(builtLexicons(GENERATED).map((x) => x.data)));
    assert.ok(built === fs.readFileSync(path.join(GENERATED, READINGS_FILE), 'utf8'), `generated/${READINGS_FILE} is stale: run npm run build:readings`);
  });
});

describe('search readings (run time, no pinyin-pro)', () => {
  it('gives the built reading of a lexicon name', () => {
    assert.deepEqual(readingOf('信迪利单抗'), { pinyin: 'xin di li dan kang', initials: 'xdldk' });
    assert.equal(readingOf('PD-1'), undefined);
  });

  it('composes a reading for a Chinese name no built lexicon has, from the characters of the vocabulary', () => {
    // A workspace lexicon's name: each character as the vocabulary reads it most often.
    assert.deepEqual(readingOf('肿瘤细胞抑制'), { pinyin: 'zhong liu xi bao yi zhi', initials: 'zlxbyz' });
    assert.deepEqual(readingOf('CD8 细胞'), { pinyin: 'CD8 xi bao', initials: 'CD8xb' });
    // A character the vocabulary never uses: no guess.
    assert.equal(readingOf('龘细胞'), undefined);
  });

  it('maps the traditional characters of the vocabulary to simplified ones, and leaves the rest', () => {
    assert.equal(toSimplified('調節性T細胞'), '调节性T细胞');
    assert.equal(toSimplified('免疫檢查點抑制劑'), '免疫检查点抑制剂');
    assert.equal(toSimplified('显著 PD-1'), '显著 PD-1');
  });

  it('drops tone marks and optional characters', () => {
    assert.equal(withoutToneMarks('pà bó lì zhū dān kàng'), 'pa bo li zhu dan kang');
    assert.equal(withoutToneMarks('lǜ'), 'lv');
    assert.equal(withoutOptionalHan('调节性T细胞'), '调节T细胞');
    assert.equal(withoutOptionalHan('树突状细胞'), '树突细胞');
    assert.equal(withoutOptionalHan('活化的T细胞'), '活化T细胞');
  });
});
