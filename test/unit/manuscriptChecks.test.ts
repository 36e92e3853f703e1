import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { matcherFor } from '../../src/cli/annotate';
import { annotateDocument } from '../../src/core/matching/documentAnnotation';
import { indexById } from '../../src/core/lexicon/lexicon';
import type { CheckCode, CheckFix, CheckOptions, CheckProblem } from '../../src/core/checks/manuscriptChecks';
import { checkManuscript, checkMessage } from '../../src/core/checks/manuscriptChecks';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const lexicon = loadBuiltinLexicon();
const byId = indexById(lexicon);

function check(text: string, options: CheckOptions = {}): CheckProblem[] {
  const a = annotateDocument(matcherFor(lexicon), text, 'markdown');
  return checkManuscript(text, a, (id) => byId.get(id), options);
}

function only(text: string, code: CheckCode, options: CheckOptions = {}): CheckProblem[] {
  return check(text, options).filter((p) => p.code === code);
}

/** Applies a fix, checking its edits are sorted, do not overlap, and each replaces only its own span. */
function apply(text: string, fix: CheckFix): string {
  let out = '';
  let at = 0;
  for (const e of fix.edits) {
    assert.ok(e.start >= at && e.end >= e.start, 'edits overlap or are unsorted');
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

const spans = (text: string, fix: CheckFix) => fix.edits.map((e) => text.slice(e.start, e.end));

describe('abbreviation-redefined', () => {
  const text = 'Programmed death-ligand 1 (PD-L1) is high. PD-L1 rises.\n\nLater, programmed death-ligand 1 (PD-L1) again.\n';
  it('flags the second definition and points at the first', () => {
    const [p] = only(text, 'abbreviation-redefined');
    assert.equal(text.slice(p.start, p.end), 'PD-L1');
    assert.equal(p.start, text.lastIndexOf('PD-L1'));
    assert.equal(p.related, 0);
    assert.equal(checkMessage(p), '“PD-L1” is defined again; it was first defined on line 1. Define an abbreviation once.');
  });
  it('fixes it by keeping the short form, replacing only the definition', () => {
    const [p] = only(text, 'abbreviation-redefined');
    assert.deepEqual(spans(text, p.fixes[0]), ['programmed death-ligand 1 (PD-L1)']);
    assert.equal(apply(text, p.fixes[0]), 'Programmed death-ligand 1 (PD-L1) is high. PD-L1 rises.\n\nLater, PD-L1 again.\n');
  });
  it('is quiet for one definition, and when turned off', () => {
    assert.deepEqual(only('Programmed death-ligand 1 (PD-L1) is high. PD-L1 rises.', 'abbreviation-redefined'), []);
    assert.deepEqual(only(text, 'abbreviation-redefined', { disabled: new Set(['abbreviation-redefined']) }), []);
  });
});

describe('abbreviation-unused', () => {
  it('flags a short form never used again; the fix drops it from the definition', () => {
    const text = 'Low-dose radiotherapy (LDRT) was given to all patients.\n';
    const [p] = only(text, 'abbreviation-unused');
    assert.equal(text.slice(p.start, p.end), 'LDRT');
    assert.equal(checkMessage(p), '“LDRT” is defined but never used again: spell out “Low-dose radiotherapy” instead.');
    assert.deepEqual(spans(text, p.fixes[0]), [' (LDRT)']);
    assert.equal(apply(text, p.fixes[0]), 'Low-dose radiotherapy was given to all patients.\n');
  });
  it('handles SHORT (long) and Chinese brackets', () => {
    const zh = '程序性细胞死亡配体 1（PD-L1）高表达。\n';
    const [p] = only(zh, 'abbreviation-unused');
    assert.ok(p);
    assert.equal(apply(zh, p.fixes[0]), '程序性细胞死亡配体 1高表达。\n');
  });
  it('names a Chinese definition by the lexicon’s name (a Chinese long form’s start is a guess)', () => {
    const zh = '放疗增加了髓系来源的抑制细胞（MDSC），并上调 PD-L1。\n';
    const [p] = only(zh, 'abbreviation-unused');
    assert.equal(p.args[1], '髓系来源的抑制细胞');
    assert.equal(apply(zh, p.fixes[0]), '放疗增加了髓系来源的抑制细胞，并上调 PD-L1。\n');
  });
  it('is quiet when the short form is used, and when turned off', () => {
    assert.deepEqual(only('Low-dose radiotherapy (LDRT) was given. LDRT helped.', 'abbreviation-unused'), []);
    assert.deepEqual(only('Low-dose radiotherapy (LDRT) was given.', 'abbreviation-unused', { disabled: new Set(['abbreviation-unused']) }), []);
  });
});

describe('abbreviation-rare', () => {
  const text = 'Low-dose radiotherapy (LDRT) was given. Patients after LDRT did well. LDRTs vary.\n';
  it('is off by default (minUses 0)', () => {
    assert.deepEqual(only(text, 'abbreviation-rare'), []);
  });
  it('flags a short form written fewer than minUses times; the fix spells it out everywhere', () => {
    const [p] = only(text, 'abbreviation-rare', { minUses: 4 });
    assert.equal(checkMessage(p), '“LDRT” is used 3 times, fewer than 4: spell out “Low-dose radiotherapy” instead.');
    assert.deepEqual(spans(text, p.fixes[0]), [' (LDRT)', 'LDRT', 'LDRTs']);
    assert.equal(apply(text, p.fixes[0]), 'Low-dose radiotherapy was given. Patients after low-dose radiotherapy did well. Low-dose radiotherapys vary.\n');
    assert.deepEqual(only(text, 'abbreviation-rare', { minUses: 3 }), []);
  });
});

describe('mixed-spelling', () => {
  const text = 'PD-L1 is high. PDL1 and PD-L1 and B7-H1 differ; PDL1 too.\n';
  it('flags every occurrence not in the most frequent form', () => {
    const ps = only(text, 'mixed-spelling');
    assert.deepEqual(
      ps.map((p) => text.slice(p.start, p.end)),
      ['PDL1', 'B7-H1', 'PDL1'],
    );
    assert.equal(checkMessage(ps[0]), '“PDL1” and “PD-L1”, “B7-H1” name the same thing in this document: write one form (PD-L1).');
  });
  it('fixes them all with the preferred form, replacing only those mentions', () => {
    const [p] = only(text, 'mixed-spelling');
    assert.deepEqual(spans(text, p.fixes[0]), ['PDL1', 'B7-H1', 'PDL1']);
    assert.equal(apply(text, p.fixes[0]), 'PD-L1 is high. PD-L1 and PD-L1 and PD-L1 differ; PD-L1 too.\n');
  });
  it('prefers the form the document defines', () => {
    const t = 'Programmed death-ligand 1 (PDL1) is high. PD-L1 and PD-L1 rise, PDL1 too.\n';
    const [p] = only(t, 'mixed-spelling');
    assert.equal(p.fixes[0].text, 'PDL1');
  });
  it('is quiet for one spelling, names in full, and when turned off', () => {
    assert.deepEqual(only('PD-L1 and programmed death-ligand 1 and PD-L1.', 'mixed-spelling'), []);
    assert.deepEqual(only(text, 'mixed-spelling', { disabled: new Set(['mixed-spelling']) }), []);
  });
});

describe('brand-name', () => {
  const text = 'Keytruda was given. Later keytruda again, and pembrolizumab.\n';
  it('flags each brand with the INN', () => {
    const ps = only(text, 'brand-name');
    assert.deepEqual(
      ps.map((p) => text.slice(p.start, p.end)),
      ['Keytruda', 'keytruda'],
    );
    assert.equal(checkMessage(ps[1]), '“keytruda” is a brand name: journals want the generic name (pembrolizumab).');
  });
  it('offers the INN (capitalized at a sentence start), INN (brand) at first use, and the INN everywhere', () => {
    const [first, second] = only(text, 'brand-name');
    assert.deepEqual(
      first.fixes.map((f) => [f.kind, apply(text, f)]),
      [
        ['inn', 'Pembrolizumab was given. Later keytruda again, and pembrolizumab.\n'],
        ['inn-with-brand', 'Pembrolizumab (Keytruda) was given. Later keytruda again, and pembrolizumab.\n'],
        ['inn-everywhere', 'Pembrolizumab was given. Later pembrolizumab again, and pembrolizumab.\n'],
      ],
    );
    assert.deepEqual(
      second.fixes.map((f) => f.kind),
      ['inn', 'inn-everywhere'],
    );
    assert.deepEqual(spans(text, second.fixes[0]), ['keytruda']);
  });
  it('writes the Chinese INN for a Chinese brand', () => {
    const zh = '患者接受可瑞达治疗。\n';
    const [p] = only(zh, 'brand-name');
    assert.equal(apply(zh, p.fixes[0]), '患者接受帕博利珠单抗治疗。\n');
    assert.equal(apply(zh, p.fixes[1]), '患者接受帕博利珠单抗（可瑞达）治疗。\n');
  });
  it('is quiet for the INN and when turned off', () => {
    assert.deepEqual(only('Pembrolizumab was given.', 'brand-name'), []);
    assert.deepEqual(only(text, 'brand-name', { disabled: new Set(['brand-name']) }), []);
  });
});

describe('checks agree with each other', () => {
  it('after “… (PD-L1)” and a later PDL1, says only “write PD-L1”, not also “unused: spell it out”', () => {
    const text = 'Programmed death-ligand 1 (PD-L1) is high. Later PDL1 rises.';
    assert.deepEqual(
      check(text).map((p) => p.code),
      ['mixed-spelling'],
    );
    assert.deepEqual(only(text, 'mixed-spelling')[0].args.slice(-1), ['PD-L1']);
  });
  it('counts a use inside a longer term, so a short form used only there is not “unused”', () => {
    assert.deepEqual(only('Programmed death-ligand 1 (PD-L1) is high. PD-L1 expression rises.', 'abbreviation-unused'), []);
  });
  it('reads Tregs as the plural of Treg, not another spelling', () => {
    assert.deepEqual(only('Regulatory T cells (Tregs) suppress. Tregs rise and one Treg dies.', 'mixed-spelling'), []);
    assert.deepEqual(only('MDSCs and an MDSC.', 'mixed-spelling'), []);
  });
});

describe('a short form the document defines and uses is used, shown or not', () => {
  it('a term outside the field (KPS) is not marked, and not reported unused', () => {
    const text = 'The Karnofsky performance status (KPS) was 90 before radiotherapy with PD-1 inhibitors for melanoma; KPS fell later.';
    assert.deepEqual(only(text, 'abbreviation-unused'), []);
    assert.equal(only('The Karnofsky performance status (KPS) was 90 before radiotherapy with PD-1 inhibitors for melanoma.', 'abbreviation-unused').length, 1, 'never used again: unused');
  });
});
