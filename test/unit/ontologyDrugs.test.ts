import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { DrugFiles } from '../../scripts/ontology/drugs';
import { drugRecords, isClassName, isCodeName, trailingCode } from '../../scripts/ontology/drugs';

/** Rows in the extracts' own formats (scripts/ontology/SOURCES.md), codes and names as NCI gives them. */
const files = (over: Partial<DrugFiles> = {}): DrugFiles => ({
  gdc: [
    'name\tncit\tdefinition',
    'Cisplatin\t\t',
    'Sotorasib\tC154287\tAn orally available agent that targets the specific KRAS mutation, p.G12C, with potential activity. More.',
    'Dacomitinib\t\t',
    'Chemotherapy\t\t',
    'Twin Name\t\t',
    'Not Reported\tC43234\t',
  ].join('\n'),
  termMap: ['C376|Cisplatin', 'C53398|Dacomitinib', 'C65216|Adalimumab', 'C1311|Tacrolimus', 'C1,C2|Twin Name'].join('\n'),
  drugDictionary: ['39515|cisplatin|C376', '1|cis-diamminedichloroplatinum|C376', '2|dacomitinib|C88291', '3|something new|NULL'].join('\r\n'),
  descendants: JSON.stringify({ C308: ['C65216', 'C1311', 'C2039'], C20401: ['C65216', 'C2039'] }),
  ...over,
});

describe('drug records from the NCI extracts', () => {
  const dropped: string[] = [];
  const records = drugRecords(files(), (why) => dropped.push(why));
  const byCode = new Map(records.map((r) => [r.code, r]));

  it('takes GDC’s NCIt code first, else the code whose NCIt display name it is', () => {
    assert.equal(byCode.get('C154287')?.label, 'Sotorasib');
    assert.equal(byCode.get('C376')?.label, 'Cisplatin');
    // The 2018 Drug Dictionary gives dacomitinib another code; the NCIt term map's name wins.
    assert.equal(byCode.get('C53398')?.label, 'Dacomitinib');
    assert.equal(byCode.get('C88291'), undefined);
  });

  it('keeps the first sentence of the NCIt definition GDC gives', () => {
    assert.equal(byCode.get('C154287')?.definition, 'An orally available agent that targets the specific KRAS mutation, p.G12C, with potential activity.');
  });

  it('adds the Drug Dictionary’s other names for the same code as synonyms', () => {
    assert.deepEqual(byCode.get('C376')?.names, ['Cisplatin', 'cis-diamminedichloroplatinum']);
  });

  it('adds immunomodulating monoclonal antibodies (C308 and C20401), not every immunotherapeutic agent', () => {
    assert.equal(byCode.get('C65216')?.kind, 'immunomodulating monoclonal antibody');
    assert.equal(byCode.get('C1311'), undefined, 'tacrolimus is C308 but not an antibody');
  });

  it('leaves out, and counts, an agent without a code, a name two codes share and a form’s answer', () => {
    assert.equal(records.find((r) => r.label === 'Chemotherapy'), undefined);
    assert.equal(byCode.get('C43234'), undefined, 'GDC codes Not Reported, but it is no agent');
    assert.ok(dropped.includes('drug: a form’s answer, not an agent'));
    assert.ok(dropped.includes('drug: no NCIt code in the files'));
    assert.ok(dropped.includes('drug: name of two NCIt codes'));
    assert.ok(dropped.includes('drug: no NCIt name in the files'), 'C2039 has no name in the term map here');
  });

  it('names the file and line of a row it cannot read', () => {
    assert.throws(() => drugRecords(files({ termMap: 'C376 Cisplatin' }), () => {}), /ncit_C1908_display_names_ocpl_2018-05-29\.txt:1: not 'code\|name'/);
    assert.throws(() => drugRecords(files({ gdc: 'name\tcode\n' }), () => {}), /gdc_therapeutic_agents_2024-02-13\.tsv:1: expected the header/);
    assert.throws(() => drugRecords(files({ descendants: '{' }), () => {}), /ncit_descendants_onconova_2025-08-13\.json: not JSON/);
  });
});

describe('drug name guards', () => {
  it('knows a class of drugs by its last word', () => {
    assert.ok(isClassName('Tyrosine Kinase Inhibitor'));
    assert.ok(isClassName('Platinum Compound'));
    assert.ok(!isClassName('Trastuzumab Emtansine'));
    assert.ok(!isClassName('BCG Vaccine'));
  });

  it('keeps an investigational agent’s class-and-code name as the code prose writes', () => {
    assert.equal(trailingCode('ERK Inhibitor MK-8353'), 'MK-8353');
    assert.equal(trailingCode('Anti-PD-1 Monoclonal Antibody BGB-A317'), 'BGB-A317');
    assert.equal(trailingCode('Vitamin D3'), undefined);
    assert.equal(trailingCode('Monoclonal Antibody 3F8'), undefined);
    assert.equal(trailingCode('Trastuzumab Emtansine'), undefined);
  });

  it('takes a code name only with a digit', () => {
    assert.ok(isCodeName('MK-3475'));
    assert.ok(isCodeName('AZD4547'));
    assert.ok(!isCodeName('HPPH'));
    assert.ok(!isCodeName('Cisplatin'));
  });
});
