import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { findAbbreviationDefinitions } from '../../src/core/matching/definedAbbreviations';
import { applyDocumentTerms } from '../../src/core/matching/documentAnnotation';
import type { DocumentTerm } from '../../src/core/matching/documentTerms';

/** The pairs a text defines, as "SHORT=long form". */
function pairs(text: string, skips: number[] = []): string[] {
  return findAbbreviationDefinitions(text, skips).map((d) => `${d.short}=${d.long}`);
}

describe('abbreviations a document defines', () => {
  it('finds "long form (SHORT)" by the Schwartz–Hearst rule: the shortest long form holding the letters in order', () => {
    assert.deepEqual(pairs('We gave Low-dose radiotherapy (LDRT) to all.'), ['LDRT=Low-dose radiotherapy']);
    assert.deepEqual(pairs('We measured the best overall response (BOR) at week 12.'), ['BOR=best overall response']);
    assert.deepEqual(pairs('Damage from ionizing radiation (IR) accumulates.'), ['IR=ionizing radiation']);
    assert.deepEqual(pairs('It binds programmed death-ligand 1 (PD-L1) on tumour cells.'), ['PD-L1=programmed death-ligand 1']);
  });
  it('takes a plural short form and keeps its singular as the short form: CPIs defines CPI', () => {
    const [d] = findAbbreviationDefinitions('Patients on checkpoint inhibitors (CPIs) did well.');
    assert.deepEqual([d.short, d.base, d.long], ['CPIs', 'CPI', 'checkpoint inhibitors']);
  });
  it('finds "(Long Form, SHORT)", also after a Chinese name and with full-width punctuation', () => {
    assert.deepEqual(pairs('signals through (Toll-Like Receptor 4, TLR4) in DCs'), ['TLR4=Toll-Like Receptor 4']);
    assert.deepEqual(pairs('toll 样受体 4 (Toll-Like Receptor 4, TLR4)。'), ['TLR4=Toll-Like Receptor 4']);
    assert.deepEqual(pairs('电离辐射还可影响肿瘤微环境（Tumor Microenvironment，TME）。'), ['TME=Tumor Microenvironment']);
  });
  it('finds "long form (SHORT, details)": a bracket that goes on after the short form, English long forms only', () => {
    assert.deepEqual(pairs('ipilimumab (IPI, 1 mg/kg IV) and nivolumab (NIVO, 360 mg flat dose IV) are given'), ['IPI=ipilimumab', 'NIVO=nivolumab']);
    assert.deepEqual(pairs('the hazard ratio (HR, 0.72; 95% CI 0.6-0.9) favoured'), ['HR=hazard ratio']);
    // Negative: letters not found in order before the bracket, and a Chinese run before it.
    assert.deepEqual(pairs('the patients (US, 1 mg/kg IV) were treated'), []);
    assert.deepEqual(pairs('给予伊匹木单抗 (IPI, 1 mg/kg)'), []);
  });
  it('finds Chinese long forms before full-width and half-width brackets, back to punctuation or a function word', () => {
    assert.deepEqual(pairs('肿瘤浸润淋巴细胞（TILs）增多'), ['TILs=肿瘤浸润淋巴细胞']);
    assert.deepEqual(pairs('程序性细胞死亡配体 1 (PD-L1) 表达'), ['PD-L1=程序性细胞死亡配体 1']);
    assert.deepEqual(pairs('结果显示，低剂量放疗（LDRT）有效'), ['LDRT=低剂量放疗']);
    assert.deepEqual(pairs('患者的低剂量放疗（LDRT）有效'), ['LDRT=低剂量放疗']);
  });
  it('a Chinese long form stops at 如, 除 and 随着, and reads on through a name beginning with a stop character (中性粒细胞)', () => {
    assert.deepEqual(pairs('正在进行临床试验，如瑞齐替尼（BPI-7711）。'), ['BPI-7711=瑞齐替尼']);
    assert.deepEqual(pairs('近年来,随着表皮生长因子受体(EGFR)基因的发现'), ['EGFR=表皮生长因子受体']);
    assert.deepEqual(pairs('MDSCs中除中性粒细胞样髓源抑制细胞(PMN-MDSCs)以外'), ['PMN-MDSCs=中性粒细胞样髓源抑制细胞']);
    assert.deepEqual(pairs('患者的中位总生存期(mOS)为 20 个月'), ['mOS=中位总生存期']);
    // 中 the function word still ends it: 在肿瘤中浸润淋巴细胞 → 浸润淋巴细胞.
    assert.deepEqual(pairs('在肿瘤中浸润淋巴细胞(TILs)增多'), ['TILs=浸润淋巴细胞']);
  });
  it('a Chinese long form does not reach back over the verb an aim opens with, and reads on through 神经', () => {
    assert.deepEqual(pairs('目的:研究嵌合抗原受体T细胞免疫治疗(CAR-T)后出现严重并发症'), ['CAR-T=嵌合抗原受体T细胞免疫治疗']);
    assert.deepEqual(pairs('目的：探讨立体定向放疗（SBRT）的疗效'), ['SBRT=立体定向放疗']);
    assert.deepEqual(pairs('细胞因子释放综合征(CRS)或免疫效应细胞相关神经毒性综合征(ICANS)'), ['CRS=综合征', 'ICANS=免疫效应细胞相关神经毒性综合征']);
  });
  it('finds a Chinese long form whose bracket repeats its head, stops at verbs, and reads slashes and dashes', () => {
    assert.deepEqual(pairs('增加调节性 T 细胞(Treg 细胞)的数量'), ['Treg=调节性 T 细胞']);
    assert.deepEqual(pairs('导致受辐射的肿瘤细胞产生干扰素 β (IFN β)。'), ['IFN β=干扰素 β']);
    assert.deepEqual(pairs('例如，程序性细胞死亡蛋白 1/程序性细胞死亡配体 1 (PD-1/PD-L1)'), ['PD-1/PD-L1=程序性细胞死亡蛋白 1/程序性细胞死亡配体 1']);
    assert.deepEqual(pairs('免疫制剂、粒细胞–巨噬细胞集落刺激因子(GM-CSF)联合'), ['GM-CSF=粒细胞–巨噬细胞集落刺激因子']);
  });
  it('finds "SHORT (long form)" in English and Chinese', () => {
    assert.deepEqual(pairs('PD-L1 (programmed death-ligand 1) is an immune checkpoint.'), ['PD-L1=programmed death-ligand 1']);
    assert.deepEqual(pairs('TILs（肿瘤浸润淋巴细胞）增多'), ['TILs=肿瘤浸润淋巴细胞']);
  });
  it('ignores brackets that are not definitions: years, statistics, figures, lower-case words, unmatched letters', () => {
    assert.deepEqual(pairs('In 2019 (n = 5) (Fig. 1) (see Table 2) (p < 0.05) (i) (2019) (NCT01234567890).'), []);
    assert.deepEqual(pairs('The mice (BALB) were irradiated.'), []);
  });
  it('pairs no brackets across a blank line, and none in skipped regions (code, math, comments)', () => {
    assert.deepEqual(pairs('Low-dose radiotherapy\n\n(LDRT) was given.'), []);
    const text = 'Code `Low-dose radiotherapy (LDRT)` here.';
    const skip = [text.indexOf('`'), text.lastIndexOf('`') + 1];
    assert.deepEqual(pairs(text, skip), []);
    assert.deepEqual(pairs(text), ['LDRT=Low-dose radiotherapy']);
  });
  it('runs in linear time on hostile input: n and 4n characters take less than 8 times as long', () => {
    const hostile: [string, (n: number) => string][] = [
      ['unclosed brackets', (n) => 'a ('.repeat(n / 3)],
      ['a run without brackets', (n) => 'x'.repeat(n)],
      ['words without brackets', (n) => 'Low dose radiotherapy '.repeat(n / 22)],
      ['many short pairs', (n) => 'word (AB) '.repeat(n / 10)],
      ['long bracket contents', (n) => `(${'Ab, '.repeat(n / 4)})`],
      ['nested opens', (n) => '(((((AB) '.repeat(n / 9)],
      ['Chinese definitions', (n) => '肿瘤浸润淋巴细胞（TILs）'.repeat(n / 14)],
    ];
    for (const [name, make] of hostile) assertLinear(name, make, (text) => findAbbreviationDefinitions(text));
    // Many skipped regions (inline math, code) and no bracket or line break after them: the search for the
    // next bracket must not read to the end of the text again for each stretch between two regions.
    const skipsEvery = (length: number, step: number) => Array.from({ length: 2 * Math.floor(length / step) }, (_, i) => Math.floor(i / 2) * step + (i % 2 === 0 ? 0 : 2));
    assertLinear('many skipped regions, no bracket', (n) => 'x'.repeat(n), (text) => findAbbreviationDefinitions(text, skipsEvery(text.length, 10)));
  });
  it('finds the uses of defined short forms in linear time on hostile input', () => {
    const terms = new Map<string, DocumentTerm>([['IR', { id: 'doc:IR', short: 'IR', long: 'insulin resistance', category: 'concept', local: true, definedAt: 0 }]]);
    const hostile: [string, (n: number) => string][] = [
      ['hyphenated uses', (n) => 'IR-'.repeat(n / 3)],
      ['one long word', (n) => 'I'.repeat(n)],
      ['near misses', (n) => 'IRx '.repeat(n / 4)],
    ];
    for (const [name, make] of hostile) assertLinear(name, make, (text) => applyDocumentTerms(text, [], [], terms));
  });
});

/** CPU time of this process in milliseconds: unlike wall time, it does not grow when the machine is busy. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Asserts that `run` on make(4n) takes less than 8 times as long as on make(n) (linear: 4 times). Each size
 * keeps its fastest of several interleaved runs, in CPU time.
 */
function assertLinear(name: string, make: (n: number) => string, run: (text: string) => unknown): void {
  const small = make(50000);
  const large = make(200000);
  let ts = Infinity;
  let tl = Infinity;
  for (let r = 0; r < 8; r++) {
    let t0 = cpuMs();
    run(small);
    ts = Math.min(ts, cpuMs() - t0);
    t0 = cpuMs();
    run(large);
    tl = Math.min(tl, cpuMs() - t0);
  }
  ts = Math.max(ts, 0.2);
  assert.ok(tl / ts < 8, `${name}: ${ts.toFixed(2)} ms for n, ${tl.toFixed(2)} ms for 4n`);
}

describe('a blank line holds any white space', () => {
  it('a line of an ideographic or no-break space ends the paragraph: no definition pairs across it', () => {
    for (const blank of ['\u3000', '\u00a0', ' \t']) {
      assert.deepEqual(findAbbreviationDefinitions(`Tumour antigens TA\n${blank}\n (TK25+, mature thymocytes) were seen.`), []);
    }
    assert.equal(findAbbreviationDefinitions('Low-dose radiotherapy\n(LDRT) was given.').length, 1, 'a single line break is no blank line');
  });
});
