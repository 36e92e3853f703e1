/**
 * Vocabulary classes and the rules that give them their span and category (issue 22, docs/annotation.md):
 * what a reader of a real abstract would notice marked, with its category and exact text, and what stays
 * unmarked.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { annotateFile } from '../../src/cli/annotate';

const mentions = (text: string, file = 'abstract.txt') => annotateFile(text, file).mentions.map((m) => `${m.text}/${m.category}`);

describe('engineered cells and cell therapies', () => {
  it('a CAR T cell is one immune-cell mention, whatever the hyphen (ASCII, U+2010, U+2011 non-breaking)', () => {
    for (const cells of ['CAR T cells', 'CAR-T cells', 'CAR‑T cells', 'CAR‐T cells', 'CAR T-cells']) {
      assert.deepEqual(mentions(`Radiotherapy helps ${cells} infiltrate melanoma.`), ['Radiotherapy/concept', `${cells}/immune-cell`, 'melanoma/tumor']);
    }
  });
  it('the therapy named by the cells is a drug (a cell therapy by name), and so is CAR-T alone', () => {
    assert.deepEqual(mentions('CAR T cell therapy and CAR‑T cell therapy with radiotherapy.'), ['CAR T cell therapy/drug', 'CAR‑T cell therapy/drug', 'radiotherapy/concept']);
    assert.deepEqual(mentions('the application of CAR‑T technology with radiotherapy'), ['CAR‑T/drug', 'radiotherapy/concept']);
    assert.deepEqual(mentions('CAR-T 细胞疗法联合放疗'), ['CAR-T 细胞疗法/drug', '放疗/concept']);
  });
  it('a cell name before -based stays the cell', () => {
    assert.deepEqual(mentions('CAR T cell-based therapies'), ['CAR T cell/immune-cell']);
  });
  it('negative: the word car, and T cells without CAR, are what they were', () => {
    assert.deepEqual(mentions('The patients came by car; their T cells were counted.'), ['T cells/immune-cell']);
  });
  it('haematological malignancies are a tumour group in both spellings', () => {
    assert.deepEqual(mentions('hematological malignancies, haematopoietic malignancies and hematologic cancers'), [
      'hematological malignancies/tumor', 'haematopoietic malignancies/tumor', 'hematologic cancers/tumor',
    ]);
  });
});

describe('therapies named by a drug class are drugs', () => {
  it('immune checkpoint therapy and the short form the document defines for it are drugs', () => {
    assert.deepEqual(mentions('Immune checkpoint therapy (ICT) changed oncology, and ICT works with radiotherapy.'), [
      'Immune checkpoint therapy/drug', 'ICT/drug', 'ICT/drug', 'radiotherapy/concept',
    ]);
    assert.deepEqual(mentions('failure of checkpoint therapy'), ['checkpoint therapy/drug']);
  });
  it('a slash-joined class is spelt each part its own way', () => {
    assert.deepEqual(mentions('CTLA4 or PD1/PD-L1 blockade'), ['CTLA4/molecule', 'PD1/PD-L1 blockade/drug']);
    assert.deepEqual(mentions('PD-1/PDL1 blockade'), ['PD-1/PDL1 blockade/drug']);
  });
  it('negative: therapy after a complete drug-class name is a generic head, outside the mention', () => {
    assert.deepEqual(mentions('response to checkpoint blockade therapy'), ['checkpoint blockade/drug']);
  });
});

describe('a term the document defines is marked only when something says it is the field\'s', () => {
  const field = ' Radiotherapy with PD-1 inhibitors in melanoma.';
  it('not marked: no class head, no field term ending it (KPS, MRI), a head behind a preposition (AJCC), a generic description (TDFs)', () => {
    for (const [text, short] of [
      ['The Karnofsky performance status (KPS) was 90; KPS fell.', 'KPS'],
      ['Staging followed the American Joint Committee on Cancer (AJCC); AJCC stage III.', 'AJCC'],
      ['MDSCs respond to tumor-derived factors (TDFs), and TDFs vary.', 'TDF'],
    ]) {
      const found = mentions(text + field);
      assert.ok(!found.some((m) => m.includes(short) || m.startsWith('Karnofsky') || m.startsWith('American') || m.startsWith('tumor-derived')), `${text}: ${found.join(', ')}`);
    }
  });
  it('the lexicon keeps what the document leaves unmarked: PD-L1 inside an unmarked long form stays a mention', () => {
    assert.deepEqual(mentions('The PD-L1 score (PLS) was high; PLS ≥ 50.' + field).slice(0, 2), ['PD-L1/molecule', 'Radiotherapy/concept']);
  });
  it('marked: a field term ends the long form (EBRT), a class head (CAR), a known short form ends the short form (ERT → RT)', () => {
    assert.deepEqual(mentions('External beam radiotherapy (EBRT) then EBRT boost.'), ['External beam radiotherapy/concept', 'EBRT/concept', 'EBRT/concept']);
    assert.deepEqual(mentions('a chimeric antigen receptor (CAR) and its CAR signal' + field).slice(0, 3), ['chimeric antigen receptor/molecule', 'CAR/molecule', 'CAR/molecule']);
    assert.deepEqual(mentions('We built EclipseRT (ERT); ERT plans were scored.' + field).slice(0, 3), ['EclipseRT/concept', 'ERT/concept', 'ERT/concept']);
  });
  it('not marked: a short form ending in a known one whose long form ends otherwise (PCR is not CR, complete response)', () => {
    const found = mentions('DNA was amplified by polymerase chain reaction (PCR); PCR products were sequenced.' + field);
    assert.ok(!found.some((m) => m.startsWith('polymerase') || m.startsWith('PCR')), found.join(', '));
  });
  it('a combination with a modality is a modality (NICT), of drugs only a regimen (EP)', () => {
    const text = '新辅助免疫+化疗（NICT）组与依托泊苷+顺铂（EP）方案比较，NICT 和 EP 的疗效。';
    const found = mentions(text);
    assert.ok(found.includes('NICT/concept') && !found.includes('NICT/drug'), found.join(', '));
    assert.ok(found.includes('EP/drug'), found.join(', '));
  });
});

describe('Chinese histology, cells and modalities', () => {
  it('histological types of NSCLC are tumours; a longer organ name stays one mention', () => {
    assert.deepEqual(mentions('非小细胞肺癌主要包括腺癌、鳞癌和大细胞癌。'), ['非小细胞肺癌/tumor', '腺癌/tumor', '鳞癌/tumor', '大细胞癌/tumor']);
    assert.deepEqual(mentions('肺腺癌与胰腺癌'), ['肺腺癌/tumor', '胰腺癌/tumor']);
  });
  it('髓样细胞 are myeloid cells; immature myeloid cells are one mention', () => {
    assert.deepEqual(mentions('肿瘤招募多种髓样细胞至肿瘤部位'), ['髓样细胞/immune-cell']);
    assert.deepEqual(mentions('MDSCs derive from immature myeloid cells.'), ['MDSCs/immune-cell', 'immature myeloid cells/immune-cell']);
  });
  it('timing within the treatment plan names the modality: 新辅助化疗 (drug, as chemotherapy), 辅助放疗, 新辅助放疗, 化放疗', () => {
    assert.deepEqual(mentions('新辅助化疗后行辅助放疗或新辅助放疗，同步化放疗'), ['新辅助化疗/drug', '辅助放疗/concept', '新辅助放疗/concept', '同步化放疗/concept']);
    assert.deepEqual(mentions('靶向治疗及放射增敏剂'), ['靶向治疗/concept', '放射增敏剂/drug']);
  });
  it('median, effect, and where a process happens stay outside: 中位[无进展生存时间], [免疫抑制]作用, tumour [hypoxia], cancer [immunosurveillance]', () => {
    assert.deepEqual(mentions('中位无进展生存时间(PFS)与中位总生存时间'), ['无进展生存时间/outcome', 'PFS/outcome', '总生存时间/outcome']);
    assert.deepEqual(mentions('发挥免疫抑制作用'), ['免疫抑制/concept']);
    assert.deepEqual(mentions('tumor hypoxia limits cancer immunosurveillance'), ['hypoxia/concept', 'immunosurveillance/concept']);
  });
});

describe('an abbreviation bracketed inside a name stays inside the name (§3.8)', () => {
  it('the long form joined to the words after the bracket is the lexicon\'s name: one mention', () => {
    assert.deepEqual(mentions('cyclic GMP-AMP (cGAMP) synthase senses DNA; cGAMP binds STING.'), ['cyclic GMP-AMP (cGAMP) synthase/molecule', 'cGAMP/molecule', 'STING/molecule']);
    assert.deepEqual(mentions('Chimeric antigen receptor (CAR) T cell therapy has emerged.'), ['Chimeric antigen receptor (CAR) T cell therapy/drug']);
    assert.deepEqual(mentions('the major histocompatibility complex (MHC) class II pathway'), ['major histocompatibility complex (MHC) class II/molecule']);
  });
  it('negative: a name the short form makes with the next word is not one (programmed death-ligand 1 (PD-L1) status)', () => {
    assert.deepEqual(mentions('programmed death-ligand 1 (PD-L1) status was scored'), ['programmed death-ligand 1/molecule', 'PD-L1/molecule']);
  });
});

describe('English spelling classes in running text', () => {
  it('British spelling, Ag after a head, class-I, a one-character Roman numeral', () => {
    assert.deepEqual(mentions('novel radiosensitisers targeting DNA repair pathways'), ['radiosensitisers/drug', 'DNA repair/concept']);
    assert.deepEqual(mentions('cross-priming against tumor-associated Ag on their MHC class-I molecule'), ['cross-priming/concept', 'tumor-associated Ag/molecule', 'MHC class-I/molecule']);
    assert.deepEqual(mentions('髓样细胞表达MHC-Ⅱ和Ⅰ型干扰素'), ['髓样细胞/immune-cell', 'MHC-Ⅱ/molecule', 'Ⅰ型干扰素/molecule']);
  });
  it('a generic head stays outside: [radiation] exposure; named irradiation is the technique', () => {
    assert.deepEqual(mentions('cell cycle phase at time of radiation exposure'), ['radiation/concept']);
    assert.deepEqual(mentions('Carbon ion irradiation plus CTLA4 blockade'), ['Carbon ion irradiation/concept', 'CTLA4 blockade/drug']);
  });
  it('molecules of MDSC suppression', () => {
    assert.deepEqual(mentions('releasing reactive oxygen species and nitric oxide; arginase degrades L-arginine and downregulates CD3ζ'), [
      'reactive oxygen species/molecule', 'nitric oxide/molecule', 'L-arginine/molecule', 'CD3ζ/molecule',
    ]);
  });
  it('negative: Ag alone (silver) and NO (the word) are not marked', () => {
    assert.deepEqual(mentions('Ag nanoparticles showed NO toxicity in the assay.'), []);
  });
});

describe('names of one thing joined by a slash are one mention (§3.3)', () => {
  it('a trial named by each of its groups, a molecule by two names', () => {
    assert.deepEqual(mentions('The ENGOT-cx11/GOG 3047/KEYNOTE-A18 trial enrolled patients.'), ['ENGOT-cx11/GOG 3047/KEYNOTE-A18/trial']);
    assert.deepEqual(mentions('PD-L1/CD274 was measured'), ['PD-L1/CD274/molecule']);
  });
  it('negative: names of different things stay apart, and a spaced slash is not a join', () => {
    assert.deepEqual(mentions('RT/PD-1 combinations'), ['RT/concept', 'PD-1/molecule']);
    assert.deepEqual(mentions('PD-L1 / CD274 was measured'), ['PD-L1/molecule', 'CD274/molecule']);
  });
});

describe('a drug class named after its target is a drug (§1, §3.5)', () => {
  it('CD47 blockade, as PD-1 blockade, is one drug mention', () => {
    assert.deepEqual(mentions('RT combined with CD47 blockade or PD-1 blockade'), ['RT/concept', 'CD47 blockade/drug', 'PD-1 blockade/drug']);
    assert.deepEqual(mentions('放疗联合CD47抑制剂'), ['放疗/concept', 'CD47抑制剂/drug']);
  });
  it('negative: the molecule alone, or before another word, stays a molecule', () => {
    assert.deepEqual(mentions('CD47 expression and CD47-blocking strategies'), ['CD47/molecule', 'CD47/molecule']);
  });
});

describe('vocabulary of the old set\'s misses, as classes', () => {
  it('mitochondrial DNA (mtDNA), gastrointestinal tumours, conventional radiotherapy, 辅助免疫', () => {
    assert.deepEqual(mentions('tumor cell mitochondrial DNA (mtDNA) release'), ['mitochondrial DNA/molecule', 'mtDNA/molecule']);
    assert.deepEqual(mentions('lymphopenia in patients with gastrointestinal tumors'), ['lymphopenia/concept', 'gastrointestinal tumors/tumor']);
    assert.deepEqual(mentions('ICIs with conventional radiotherapy (RT)'), ['ICIs/drug', 'conventional radiotherapy/concept', 'RT/concept']);
    assert.deepEqual(mentions('新辅助免疫、辅助免疫'), ['新辅助免疫/concept', '辅助免疫/concept']);
  });
});

describe('vocabulary classes of the field added from the held-out development set (issue 22)', () => {
  it('therapies and strategies: maintenance therapy, adoptive cell therapy, stem cell transplantation, external beam radiotherapy are concepts', () => {
    assert.deepEqual(mentions('Durvalumab as maintenance therapy after adoptive cell therapy and stem cell transplantation.'), [
      'Durvalumab/drug', 'maintenance therapy/concept', 'adoptive cell therapy/concept', 'stem cell transplantation/concept',
    ]);
    assert.deepEqual(mentions('患者接受干细胞移植和体外放疗联合免疫治疗'), ['干细胞移植/concept', '体外放疗/concept', '免疫治疗/concept']);
  });
  it('drug classes and agents: oncolytic viruses, targeted drugs (靶向药), MIBG (间位碘代苄胍)', () => {
    assert.deepEqual(mentions('oncolytic viruses combined with radiotherapy'), ['oncolytic viruses/drug', 'radiotherapy/concept']);
    assert.deepEqual(mentions('靶向药联合放疗'), ['靶向药/drug', '放疗/concept']);
    assert.deepEqual(mentions('间位碘代苄胍(MIBG)治疗 neuroblastoma'), ['间位碘代苄胍/drug', 'MIBG/drug', 'neuroblastoma/tumor']);
  });
  it('molecules: collagen IV, FAK, AKT, 嵌合抗原受体, 主要组织相容性复合体, 肿瘤特异性抗原', () => {
    assert.deepEqual(mentions('Collagen IV activates FAK and AKT after radiotherapy.'), ['Collagen IV/molecule', 'FAK/molecule', 'AKT/molecule', 'radiotherapy/concept']);
    assert.deepEqual(mentions('嵌合抗原受体不依赖主要组织相容性复合体识别肿瘤特异性抗原'), ['嵌合抗原受体/molecule', '主要组织相容性复合体/molecule', '肿瘤特异性抗原/molecule']);
  });
  it('outcomes and tumours: pathological tumor response, 治疗相关不良反应, 总有效率, 急性B淋巴细胞白血病, B细胞白血病', () => {
    assert.deepEqual(mentions('the impact on pathological tumor response'), ['pathological tumor response/outcome']);
    assert.deepEqual(mentions('治疗相关不良反应少，总有效率高'), ['治疗相关不良反应/outcome', '总有效率/outcome']);
    assert.deepEqual(mentions('急性B淋巴细胞白血病和其他B细胞白血病'), ['急性B淋巴细胞白血病/tumor', 'B细胞白血病/tumor']);
  });
  it('the tumour microenvironment in the spellings writers use: tumoral microenvironment, immune microenvironments', () => {
    assert.deepEqual(mentions('the tumoral microenvironment and immune microenvironments'), ['tumoral microenvironment/concept', 'immune microenvironments/concept']);
  });
  it('negative: the words these names are made of stay unmarked alone (maintenance, transplantation, virus, collagen)', () => {
    assert.deepEqual(mentions('Building maintenance, organ transplantation, a computer virus and collagen supplements.'), []);
  });
});

describe('an abbreviation bracketed inside a name (docs/annotation.md §3.8)', () => {
  it('the name goes on after a hyphen: (CAR)-T-cell therapy, interleukin (IL)-12', () => {
    assert.deepEqual(mentions('Chimeric antigen receptor (CAR)-T-cell therapy is used with radiotherapy.'), ['Chimeric antigen receptor (CAR)-T-cell therapy/drug', 'radiotherapy/concept']);
    assert.deepEqual(mentions('It secretes interleukin (IL)-12 after radiotherapy.'), ['interleukin (IL)-12/molecule', 'radiotherapy/concept']);
  });
  it('the bracket holds another name of the same entry: Chimeric antigen receptor T cell (CAR T cell) therapy is one drug mention', () => {
    assert.deepEqual(mentions('Chimeric antigen receptor T cell (CAR T cell) therapy is used with radiotherapy.'), ['Chimeric antigen receptor T cell (CAR T cell) therapy/drug', 'radiotherapy/concept']);
  });
  it('negative: no term after the joint, two mentions as before (PD-L1-positive; CAR T cells defined)', () => {
    assert.deepEqual(mentions('Tumours with programmed death-ligand 1 (PD-L1)-positive cells after radiotherapy.'), ['programmed death-ligand 1/molecule', 'PD-L1/molecule', 'radiotherapy/concept']);
    assert.deepEqual(mentions('Chimeric antigen receptor T cells (CAR T cells) kill tumour cells.'), ['Chimeric antigen receptor T cells/immune-cell', 'CAR T cells/immune-cell']);
  });
});

describe('a drug class named after its target (docs/annotation.md §3.5)', () => {
  it('EGFR-TKIs and 表皮生长因子受体酪氨酸激酶抑制剂 are drug-class mentions, not the molecule EGFR', () => {
    assert.deepEqual(mentions('Patients on EGFR-TKIs before radiotherapy.'), ['EGFR-TKIs/drug', 'radiotherapy/concept']);
    assert.deepEqual(mentions('表皮生长因子受体酪氨酸激酶抑制剂治疗非小细胞肺癌'), ['表皮生长因子受体酪氨酸激酶抑制剂/drug', '非小细胞肺癌/tumor']);
  });
  it('negative: EGFR before any other word is the molecule', () => {
    assert.deepEqual(mentions('EGFR mutations in non-small cell lung cancer'), ['EGFR/molecule', 'non-small cell lung cancer/tumor']);
  });
});

describe('words of the issue’s probe', () => {
  it('CD3, the pan-T-cell marker, is a molecule; 细胞毒T淋巴细胞 (without 性) is the cytotoxic T lymphocyte', () => {
    assert.deepEqual(mentions('CD3 and CD8 staining after radiotherapy.'), ['CD3/molecule', 'CD8/molecule', 'radiotherapy/concept']);
    assert.deepEqual(mentions('放疗后细胞毒T淋巴细胞与细胞毒性T淋巴细胞浸润。'), ['放疗/concept', '细胞毒T淋巴细胞/immune-cell', '细胞毒性T淋巴细胞/immune-cell']);
  });
});

describe('drug classes and drugs named by their INN stem', () => {
  it('tyrosine kinase inhibitors (TKIs) and 酪氨酸激酶抑制剂 are a drug class, apart from EGFR-TKIs', () => {
    assert.deepEqual(mentions('Tyrosine kinase inhibitors (TKIs) and EGFR-TKIs extended survival; TKIs were tolerated.'), [
      'Tyrosine kinase inhibitors/drug', 'TKIs/drug', 'EGFR-TKIs/drug', 'TKIs/drug',
    ]);
    assert.deepEqual(mentions('相关酪氨酸激酶抑制剂（TKIs）的成功研发'), ['酪氨酸激酶抑制剂/drug', 'TKIs/drug']);
  });
  it('a short form a document defines for a Chinese name with a drug stem (替尼 -tinib, 帕利 -parib) is a drug', () => {
    // A name the lexicon lacks (佐布替尼 and ZBT-101 are made up): its code is a drug by the stem alone.
    assert.deepEqual(mentions('三代药物正在进行临床试验，如佐布替尼（ZBT-101）。ZBT-101 耐受性良好。'), ['ZBT-101/drug', 'ZBT-101/drug']);
    // One the lexicon has is its entry, name and code.
    assert.deepEqual(mentions('三代药物正在进行临床试验，如瑞齐替尼（BPI-7711）。BPI-7711 耐受性良好。'), ['瑞齐替尼/drug', 'BPI-7711/drug', 'BPI-7711/drug']);
    assert.deepEqual(mentions('卵巢癌患者接受新药佐布帕利（ZBP）治疗，ZBP 耐受性良好。'), ['卵巢癌/tumor', 'ZBP/drug', 'ZBP/drug']);
  });
  it('an English long form of one word with a drug stem defines a drug (the letters still checked in order)', () => {
    assert.deepEqual(mentions('We gave zorbatinib (ZTB) daily; ZTB was well tolerated.'), ['zorbatinib/drug', 'ZTB/drug', 'ZTB/drug']);
  });
  it('negative: a code defined for a name without a drug stem is not marked', () => {
    assert.deepEqual(mentions('We used the zorbatin scanner (ZS); ZS was calibrated.'), []);
    assert.deepEqual(mentions('We used zorbatin (ZTN); ZTN was calibrated.'), []);
  });
});

describe('local ablation and neoantigen biomarkers', () => {
  it('radiofrequency ablation (RFA, 射频消融) is a treatment concept, and tumour neoantigen burden (TNB) a biomarker apart from TMB', () => {
    assert.deepEqual(mentions('Radiofrequency ablation (RFA) with anti-PD-L1 therapy; after RFA, tumor neoantigen burden (TNB) and TMB were measured.'), [
      'Radiofrequency ablation/concept', 'RFA/concept', 'anti-PD-L1/drug', 'RFA/concept', 'tumor neoantigen burden/concept', 'TNB/concept', 'TMB/concept',
    ]);
    assert.deepEqual(mentions('肝癌射频消融术后联合 PD-1 抑制剂'), ['肝癌/tumor', '射频消融术/concept', 'PD-1 抑制剂/drug']);
  });
  it('negative: TNBC is triple-negative breast cancer, not TNB', () => {
    assert.ok(!mentions('TNBC responds to chemotherapy.').includes('TNB/concept'));
  });
});

describe('a marker’s sign written apart from it, as plain-text copies of papers write it (§3.1)', () => {
  it('CD8 + T cells, CD8 +T cells, CD4 + memory T cells, CD8 + tumor-infiltrating lymphocytes are one immune-cell mention each, as CD8+ T cells is', () => {
    assert.deepEqual(mentions('Radiotherapy increased CD8 + T cells and CD8 +T cells in melanoma.'), ['Radiotherapy/concept', 'CD8 + T cells/immune-cell', 'CD8 +T cells/immune-cell', 'melanoma/tumor']);
    assert.deepEqual(mentions('CD4 + memory T cells and CD8 + tumor-infiltrating lymphocytes'), ['CD4 + memory T cells/immune-cell', 'CD8 + tumor-infiltrating lymphocytes/immune-cell']);
  });
  it('a chain of spaced markers, and a minus sign, as the unspaced forms (CD4 + CD25 + Tregs, CD4+ CD25+ T cells, CD4 − T cells)', () => {
    assert.deepEqual(mentions('CD4 + CD25 + Tregs, CD4+ CD25+ T cells and CD4 − T cells'), ['CD4 + CD25 + Tregs/immune-cell', 'CD4+ CD25+ T cells/immune-cell', 'CD4 − T cells/immune-cell']);
  });
  it('a marker with its spaced sign names its cells only with their head (CD8 + cells), and PD-L1 + cells stays the molecule as PD-L1+ cells does', () => {
    assert.deepEqual(mentions('CD8 + cells infiltrated; PD-L1 + cells were counted.'), ['CD8 + cells/immune-cell', 'PD-L1/molecule']);
  });
  it('negative: a sum, a ratio, a spaced hyphen (a dash), a modality or a drug before + stay apart', () => {
    assert.deepEqual(mentions('The CD8 + CD4 ratio and IFN-γ + TNF-α.'), ['CD8/molecule', 'CD4/molecule', 'IFN-γ/molecule', 'TNF-α/molecule']);
    assert.deepEqual(mentions('CD8 - T cells; radiotherapy + T cells; anti-PD-1 + T cells; PBS + T cells; CD8 +.'), [
      'CD8/molecule', 'T cells/immune-cell', 'radiotherapy/concept', 'T cells/immune-cell', 'anti-PD-1/drug', 'T cells/immune-cell', 'T cells/immune-cell', 'CD8/molecule',
    ]);
  });
});

describe('a macrophage\u2019s polarisation state is part of its name, before or after the noun (§3.1)', () => {
  it('macrophage M1, Macrophage M2, macrophages M2 are one mention each, as M1 macrophages and M2-like macrophages are', () => {
    assert.deepEqual(mentions('Radiotherapy shifts macrophage M1 and Macrophage M2 balance; macrophages M2 and M1 macrophages and M2-like macrophages.'), [
      'Radiotherapy/concept', 'macrophage M1/immune-cell', 'Macrophage M2/immune-cell', 'macrophages M2/immune-cell', 'M1 macrophages/immune-cell', 'M2-like macrophages/immune-cell',
    ]);
  });
  it('M2 TAMs, M2-like TAMs, M1 tumor-associated macrophages; 巨噬细胞M1, 巨噬细胞 M2, 巨噬细胞M2型', () => {
    assert.deepEqual(mentions('M2 TAMs, M2-like TAMs and M1 tumor-associated macrophages'), ['M2 TAMs/immune-cell', 'M2-like TAMs/immune-cell', 'M1 tumor-associated macrophages/immune-cell']);
    assert.deepEqual(mentions('巨噬细胞M1与巨噬细胞 M2，放疗促进巨噬细胞M2型极化'), ['巨噬细胞M1/immune-cell', '巨噬细胞 M2/immune-cell', '放疗/concept', '巨噬细胞M2型/immune-cell']);
  });
  it('negative: M1 or M2 alone, and in brackets after the cells, is not marked (a receptor, a road, a chip)', () => {
    assert.deepEqual(mentions('macrophages (M2) and the M2 muscarinic receptor on the M1 motorway'), ['macrophages/immune-cell']);
  });
});

describe('immunoglobulin classes and subclasses are molecules; immunoglobulin alone is generic (§1, §2)', () => {
  it('IgG, IgM, IgA, IgE, IgD, IgG1–IgG4, immunoglobulin G and 免疫球蛋白G are molecule mentions', () => {
    assert.deepEqual(mentions('Serum IgG, IgM, IgA, IgE and IgD; nivolumab is an IgG4 and ipilimumab an IgG1 antibody.'), [
      'IgG/molecule', 'IgM/molecule', 'IgA/molecule', 'IgE/molecule', 'IgD/molecule', 'nivolumab/drug', 'IgG4/molecule', 'ipilimumab/drug', 'IgG1/molecule',
    ]);
    assert.deepEqual(mentions('Immunoglobulin G and IgG2 after radiotherapy'), ['Immunoglobulin G/molecule', 'IgG2/molecule', 'radiotherapy/concept']);
    assert.deepEqual(mentions('放疗后免疫球蛋白G和免疫球蛋白M升高'), ['放疗/concept', '免疫球蛋白G/molecule', '免疫球蛋白M/molecule']);
  });
  it('negative: the short forms are case-sensitive (IGG, igg), and immunoglobulin or 免疫球蛋白 alone is generic, as antibody is', () => {
    assert.deepEqual(mentions('IGG and igg files; immunoglobulin levels; 免疫球蛋白水平'), []);
  });
});

describe('Chinese names of molecules: HLA (人类白细胞抗原, 人白细胞抗原), the human MHC', () => {
  it('HLA, human leukocyte antigen, 人类白细胞抗原 and 人白细胞抗原 are the MHC; HLA-A and HLA class I keep their own names', () => {
    assert.deepEqual(mentions('Radiotherapy restores human leukocyte antigen (HLA) expression; HLA-A and HLA class I.'), [
      'Radiotherapy/concept', 'human leukocyte antigen/molecule', 'HLA/molecule', 'HLA-A/molecule', 'HLA class I/molecule',
    ]);
    assert.deepEqual(mentions('放疗上调人类白细胞抗原和人白细胞抗原表达'), ['放疗/concept', '人类白细胞抗原/molecule', '人白细胞抗原/molecule']);
  });
});

describe('a hyphenated compound is one mention of the compound, as its closed or spaced form (§3.13)', () => {
  it('radio-chemotherapy, chemo-radiation, immuno-radiotherapy, radio-immunotherapy and dose-fractionation are one concept each', () => {
    assert.deepEqual(mentions('radio-chemotherapy, chemo-radiation, immuno-radiotherapy and radio-immunotherapies'), [
      'radio-chemotherapy/concept', 'chemo-radiation/concept', 'immuno-radiotherapy/concept', 'radio-immunotherapies/concept',
    ]);
    assert.deepEqual(mentions('radiation dose-fractionation schedules and dose fractionation'), ['radiation/concept', 'dose-fractionation/concept', 'dose fractionation/concept']);
  });
  it('negative: a compound the lexicon has no entry for stays its parts; radio- before a word that is no modality is left alone', () => {
    assert.deepEqual(mentions('chemo-targeted therapy and radio-frequency polarisation'), ['chemo/drug', 'targeted therapy/concept']);
    // radio-frequency ablation is not radio- and a modality: it is the lexicon's own name of RFA.
    assert.deepEqual(mentions('radio-frequency ablation'), ['radio-frequency ablation/concept']);
  });
});

describe('named adverse events, cells named by where they are found, and more of the field’s long tail', () => {
  it('named adverse events are outcomes, as docs/annotation.md §1 says (CRS, ICANS, radiation pneumonitis, RCCEP); radiation-induced lymphopenia stays a concept', () => {
    assert.deepEqual(mentions('After CAR T cells, cytokine release syndrome (CRS) and ICANS were rare; radiation pneumonitis and radiation-induced lymphopenia were recorded.'), [
      'CAR T cells/immune-cell', 'cytokine release syndrome/outcome', 'CRS/outcome', 'ICANS/outcome', 'radiation pneumonitis/outcome', 'radiation-induced lymphopenia/concept',
    ]);
    assert.deepEqual(mentions('卡瑞利珠单抗所致反应性毛细血管增生症(RCCEP)多为低级别。'), ['卡瑞利珠单抗/drug', '反应性毛细血管增生症/outcome', 'RCCEP/outcome']);
  });
  it('cells named by where they are found are one mention of the cells (tumor-infiltrating dendritic cells, 肿瘤浸润NK细胞)', () => {
    assert.deepEqual(mentions('Tumor-infiltrating dendritic cells and tumour-infiltrating NK cells rose after radiotherapy.'), [
      'Tumor-infiltrating dendritic cells/immune-cell', 'tumour-infiltrating NK cells/immune-cell', 'radiotherapy/concept',
    ]);
    assert.deepEqual(mentions('放疗后肿瘤浸润树突状细胞和肿瘤浸润NK细胞增加，肿瘤浸润淋巴细胞亦增加。'), ['放疗/concept', '肿瘤浸润树突状细胞/immune-cell', '肿瘤浸润NK细胞/immune-cell', '肿瘤浸润淋巴细胞/immune-cell']);
  });
  it('negative: infiltrating without the tumour, or a tumour word before another noun, is left as it was', () => {
    assert.deepEqual(mentions('Infiltrating dendritic cells and tumor cells.'), ['dendritic cells/immune-cell']);
  });
  it('heavy-ion radiotherapy (重离子束), CIK cells and CIK cell therapy, NKG2D ligands and differentiation therapy', () => {
    assert.deepEqual(mentions('Heavy ion radiation and heavy-ion beams; 重离子束照射后 CIK细胞治疗 与 CIK细胞。'), [
      'Heavy ion radiation/concept', 'heavy-ion beams/concept', '重离子束照射/concept', 'CIK细胞治疗/drug', 'CIK细胞/immune-cell',
    ]);
    assert.deepEqual(mentions('Radiation raised NKG2D ligands on glioma cells; differentiation therapy followed.'), ['Radiation/concept', 'NKG2D ligands/molecule', 'glioma/tumor', 'differentiation therapy/concept']);
  });
});

describe('brain tumours and written variants of known names', () => {
  it('brain tumours are a tumour group (脑肿瘤), apart from brain metastases', () => {
    assert.deepEqual(mentions('Brain tumors and brain metastases; 儿童脑肿瘤。'), ['Brain tumors/tumor', 'brain metastases/tumor', '脑肿瘤/tumor']);
  });
  it('immunogenic death and programmed-death-1 are the names they shorten or hyphenate', () => {
    const r = annotateFile('Radiation causes immunogenic death; programmed-death-1 is blocked.', 'a.txt').mentions.map((m) => `${m.text}=${m.id}`);
    assert.deepEqual(r, ['Radiation=radiotherapy', 'immunogenic death=immunogenic-cell-death', 'programmed-death-1=pd-1']);
  });
});

describe('names written by rule from other entries (issue 22, fourth round)', () => {
  it('a drug class named after its target is written with every name of the target, and a slash pair with a dash', () => {
    const r = annotateFile(
      'Cytotoxic T-lymphocyte antigen 4 inhibitors, programmed cell death 1 inhibitors and PD-1–PD-L1 inhibitors were given.',
      'a.txt',
    ).mentions.map((m) => `${m.text}=${m.id}`);
    assert.deepEqual(r, [
      'Cytotoxic T-lymphocyte antigen 4 inhibitors=ctla-4-inhibitor',
      'programmed cell death 1 inhibitors=pd-1-inhibitor',
      'PD-1–PD-L1 inhibitors=pd-1-pd-l1-inhibitor',
    ]);
  });
  it('…and as anti- with a long name, and as PD-1 inhibition', () => {
    assert.deepEqual(mentions('anti-programmed cell death protein 1 and PD-1 inhibition'), ['anti-programmed cell death protein 1/drug', 'PD-1 inhibition/drug']);
  });
  it('a radiotherapy technique written with RT is the technique, and its defined short form with it', () => {
    const r = annotateFile('Three-dimensional conformal RT (3D-CRT) was used; 3D-CRT spared the lung.', 'a.txt').mentions.map((m) => `${m.text}=${m.id}`);
    assert.deepEqual(r, ['Three-dimensional conformal RT=three-dimensional-conformal-radiotherapy', '3D-CRT=three-dimensional-conformal-radiotherapy', '3D-CRT=three-dimensional-conformal-radiotherapy']);
  });
  it('a chemotherapy named by its drug family is chemotherapy with a modifier; a doublet is the regimen (§3.4)', () => {
    assert.deepEqual(mentions('concurrent platinum-based chemotherapy, then a platinum doublet'), ['chemotherapy/drug', 'platinum doublet/drug']);
  });
  it('a Chinese name that goes on after its bracketed abbreviation is one mention (自然杀伤(NK)细胞)', () => {
    assert.deepEqual(mentions('放疗激活而自然杀伤(NK)细胞浸润。'), ['放疗/concept', '自然杀伤(NK)细胞/immune-cell']);
  });
  it('negative: the target alone is still the molecule', () => {
    assert.deepEqual(mentions('programmed cell death 1 is expressed'), ['programmed cell death 1/molecule']);
  });
  it('an abbreviation beginning with small letters is found capitalised at a sentence start (IrAEs), not where that makes another name (PCR, CDCs)', () => {
    assert.deepEqual(mentions('IrAEs were mild. PCR and CDCs were not.'), ['IrAEs/outcome']);
  });
  it('a Chinese therapy is 疗法 or 治疗 alike: CAR-T治疗 is the cell therapy, a drug', () => {
    assert.deepEqual(mentions('在我院接受CAR-T治疗后出现嵌合抗原受体T细胞免疫治疗相关并发症'), ['CAR-T治疗/drug', '嵌合抗原受体T细胞免疫治疗/drug']);
  });
});

describe('names written by rule from other entries (issue 22, sixth round)', () => {
  it('a radionuclide drug NCIt names the USAN way is found as writers name it (radium-223, strontium-89, 177Lu-PSMA-617)', () => {
    const r = annotateFile('Radium-223, strontium-89 and 177Lu-PSMA-617 treat bone metastases.', 'a.txt').mentions.map((m) => `${m.text}=${m.category}`);
    assert.deepEqual(r.slice(0, 3), ['Radium-223=drug', 'strontium-89=drug', '177Lu-PSMA-617=drug']);
  });
  it('negative: a name that only looks like one (a word, a capital, a number) is not a nuclide', () => {
    assert.deepEqual(mentions('Carbon Ion 12 beams and Apollo Ap 11 flights'), []);
  });
  it('drug stays a generic head after a modality: an [immunotherapy] drug (§3.4)', () => {
    assert.deepEqual(mentions('durvalumab, an immunotherapy drug'), ['durvalumab/drug', 'immunotherapy/concept']);
  });
});
