import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import { offsetConverter } from '../../src/cli/formats/offsets';

async function run(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), stdin: Readable.from(stdin === undefined ? [] : [stdin]) });
  return { code, out, err };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-formats-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

// Characters outside the Basic Multilingual Plane: 2 UTF-16 units, 1 code point, 4 UTF-8 bytes each.
const PUBTATOR_IN = [
  '123|t|Pembrolizumab 😀 and radiotherapy',
  '123|a|𝛾 We gave stereotactic body radiotherapy (SBRT) with PD-1 blockade; SBRT was safe.',
  // As PubTator3 exports: its own annotation and relation lines follow; OncoLex keeps them and adds its own.
  '123\t0\t13\tPembrolizumab\tChemical\tMESH:C582435',
  '123\tAssociate\tMESH:C582435\tMESH:D009369',
  '',
  '456|t|No terms here',
  '456|a|Nothing.',
  '',
].join('\n');

const PUBTATOR_OUT = [
  '123|t|Pembrolizumab 😀 and radiotherapy',
  '123|a|𝛾 We gave stereotactic body radiotherapy (SBRT) with PD-1 blockade; SBRT was safe.',
  '123\t0\t13\tPembrolizumab\tChemical\tMESH:C582435',
  '123\t0\t13\tPembrolizumab\tdrug\tDRUGBANK:DB09037',
  '123\t20\t32\tradiotherapy\tconcept\toncolex:radiotherapy',
  '123\t43\t73\tstereotactic body radiotherapy\tconcept\toncolex:sbrt',
  '123\t75\t79\tSBRT\tconcept\toncolex:sbrt',
  '123\t86\t99\tPD-1 blockade\tdrug\toncolex:pd-1-inhibitor',
  '123\t101\t105\tSBRT\tconcept\toncolex:sbrt',
  '123\tAssociate\tMESH:C582435\tMESH:D009369',
  '',
  '456|t|No terms here',
  '456|a|Nothing.',
  '',
].join('\n');

describe('oncolex annotate --format pubtator', () => {
  it('annotates title and abstract as one text and writes PubTator lines with code-point offsets', async () => {
    const r = await run(['annotate', '--format', 'pubtator', '--jobs', '1', file('in.pubtator', PUBTATOR_IN)]);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.equal(r.out, PUBTATOR_OUT);
  });
  it('reads stdin and reads its own output back to the same mentions (its own lines kept, none added twice)', async () => {
    const once = await run(['annotate', '--format', 'pubtator', '--jobs', '1'], PUBTATOR_IN);
    const twice = await run(['annotate', '--format', 'pubtator', '--jobs', '1', '-'], once.out);
    assert.equal(twice.out, PUBTATOR_OUT);
  });
  it('names the file and line of a malformed line, keeps it where it was and annotates its document and the rest', async () => {
    const bad = file('bad.pubtator', ['1|t|PD-1', 'garbage line', '', '2|t|Durvalumab', '2|a|', ''].join('\n'));
    const r = await run(['annotate', '--format', 'pubtator', '--jobs', '1', bad, path.join(dir, 'missing.pubtator')]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.err.trim().split('\n'), [
      `oncolex: ${bad}:2: not a PubTator line (expected PMID|t|title, PMID|a|abstract or PMID<TAB>start<TAB>end…)`,
      `oncolex: ${path.join(dir, 'missing.pubtator')}: no such file`,
    ]);
    assert.equal(r.out, '1|t|PD-1\n1\t0\t4\tPD-1\tmolecule\tHGNC:8760\ngarbage line\n\n2|t|Durvalumab\n2|a|\n2\t0\t10\tDurvalumab\tdrug\tDRUGBANK:DB11714\n');
  });
});

describe('oncolex annotate --format jsonl', () => {
  const input = '{"id":"a","text":"😀 PD-1 on CD8+ T cells"}\nnot json\n\n{"id":2,"text":"𝛾 durvalumab"}\n{"text":1}\n';
  it('writes one line per record with UTF-16 offsets, and names each bad line', async () => {
    const r = await run(['annotate', '--format', 'jsonl', '--jobs', '1'], input);
    assert.equal(r.code, 1);
    assert.deepEqual(r.err.trim().split('\n'), ['oncolex: -:2: not valid JSON', 'oncolex: -:5: expected an object with a string "text" (and an "id")']);
    assert.equal(
      r.out,
      '{"id":"a","mentions":[{"start":3,"end":7,"text":"PD-1","id":"pd-1","category":"molecule","identifier":"HGNC:8760"},' +
        '{"start":11,"end":23,"text":"CD8+ T cells","id":"cd8-t-cell","category":"immune-cell","identifier":"CL:0000625"}],"abbreviations":[]}\n' +
        '{"id":2,"mentions":[{"start":3,"end":13,"text":"durvalumab","id":"durvalumab","category":"drug","identifier":"DRUGBANK:DB11714"}],"abbreviations":[]}\n',
    );
  });
  it('streams: a record is written before the next is read', async () => {
    let out = '';
    // Stdin gives the second record only once the first one's result is out (or after 5 s, failing).
    async function* stdin() {
      yield '{"id":1,"text":"PD-1"}\n';
      const t0 = Date.now();
      while (!out.includes('"id":1') && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 5));
      assert.ok(out.includes('"id":1'), 'the first record was not written before the second was read');
      yield '{"id":2,"text":"SBRT"}\n';
    }
    for (const jobs of ['1', '2']) {
      out = '';
      const code = await main(['annotate', '--format', 'jsonl', '--jobs', jobs], { out: (t) => (out += t), err: () => {}, stdin: Readable.from(stdin()) });
      assert.equal(code, 0);
      assert.deepEqual(out.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id), [1, 2]);
    }
  });
  it('counts code points or UTF-8 bytes with --offsets', async () => {
    const text = '😀𝛾 PD-1 and 放射治疗';
    const line = JSON.stringify({ id: 1, text });
    for (const unit of ['codepoint', 'utf8'] as const) {
      const r = await run(['annotate', '--format', 'jsonl', '--jobs', '1', '--offsets', unit], line);
      const mentions = (JSON.parse(r.out) as { mentions: { start: number; end: number; text: string }[] }).mentions;
      assert.deepEqual(mentions.map((m) => m.text), ['PD-1', '放射治疗']);
      for (const m of mentions) {
        const got = unit === 'utf8' ? Buffer.from(text).subarray(m.start, m.end).toString() : [...text].slice(m.start, m.end).join('');
        assert.equal(got, m.text);
      }
    }
    assert.equal((await run(['annotate', '--format', 'jsonl', '--offsets', 'bytes'], line)).code, 2);
  });
  it('converts offsets past surrogate pairs in any order', () => {
    const at = offsetConverter('a😀b𝛾c', 'codepoint');
    assert.deepEqual([at(3), at(1), at(7), at(0)], [2, 1, 5, 0]);
    assert.deepEqual([1, 3, 4, 6, 7].map(offsetConverter('a😀b𝛾c', 'utf8')), [1, 5, 6, 10, 11]);
  });
});

describe('oncolex annotate --jobs', () => {
  // Enough abstracts for several batches, so more than one worker annotates.
  const abstracts = Array.from({ length: 300 }, (_, i) =>
    [`${1000 + i}|t|Case ${i}: 😀 pembrolizumab after SBRT`, `${1000 + i}|a|${'𝛾'.repeat(i % 3)} Durvalumab (MEDI4736) with chemoradiotherapy raised CD8+ T cells; MEDI4736 and PD-L1 ${i}.`, ''].join('\n'),
  ).join('\n');
  it('writes the same bytes in the same order with 1 and 3 worker threads', async () => {
    const one = await run(['annotate', '--format', 'pubtator', '--jobs', '1'], abstracts);
    const three = await run(['annotate', '--format', 'pubtator', '--jobs', '3'], abstracts);
    assert.equal(one.code, 0, one.err);
    // On fewer than 3 cores the jobs are capped, saying so.
    assert.equal(three.err.replace(/^oncolex: --jobs 3 is more than the \d+ cores: using \d+\n/, ''), '');
    assert.equal(three.out, one.out);
    assert.equal(one.out.split('\n\n').length, 300);
  });
  it('cuts a large input into pieces between documents: same output, problems and line numbers with 1 and 2 jobs', async () => {
    // About 600 KB: many 64 KiB pieces, cut after blank lines, before titles (no blank line between) and in CRLF text.
    const docs = Array.from({ length: 1500 }, (_, i) => {
      const lines = [`${i}|t|😀 Durvalumab ${i}`, `${i}|a|${'SBRT with PD-1 blockade and 𝛾 nivolumab. '.repeat(8)}`];
      if (i % 97 === 5) lines.splice(1, 0, 'garbage');
      return lines.join(i % 3 === 0 ? '\r\n' : '\n') + (i % 7 === 0 ? '\n' : '\n\n');
    });
    const input = file('big.pubtator', `\ufeff${docs.join('')}`);
    const one = await run(['annotate', '--format', 'pubtator', '--jobs', '1', input, path.join(dir, 'missing.pubtator'), input]);
    const two = await run(['annotate', '--format', 'pubtator', '--jobs', '2', input, path.join(dir, 'missing.pubtator'), input]);
    assert.equal(one.code, 1);
    assert.equal(two.out, one.out);
    assert.equal(two.err, one.err);
    const errors = one.err.trim().split('\n');
    assert.equal(errors.length, 2 * 16 + 1);
    assert.equal(errors[16], `oncolex: ${path.join(dir, 'missing.pubtator')}: no such file`);
    // The line numbers are those of the file: the bad line of document 5 is its second line.
    const lineOf5 = docs.slice(0, 5).reduce((n, d) => n + d.split(/\r?\n/).length - 1, 0) + 2;
    assert.equal(errors[0], `oncolex: ${input}:${lineOf5}: not a PubTator line (expected PMID|t|title, PMID|a|abstract or PMID<TAB>start<TAB>end…)`);
    // Every document is written, those with a bad line too, each with its own line ends and the file's byte-order mark.
    assert.equal(one.out.split('|t|').length - 1, 2 * 1500);
    // (this test's output is decoded by a TextDecoder, which drops the byte-order mark the CLI writes)
    assert.ok(one.out.startsWith('0|t|😀 Durvalumab 0\r\n0|a|SBRT'));
  });
  it('gives the workers the workspace lexicon and the options', async () => {
    const lexicon = file('jobs.oncolex.json', JSON.stringify({ entries: [{ id: 'oncolex-test-jobs-term', category: 'concept', label: { en: 'quiet jobs term', zh: '安静术语' }, definition: { en: 'A test word.', zh: '测试词。' }, generic: true }] }));
    const lines = Array.from({ length: 6000 }, (_, i) => JSON.stringify({ id: i, text: `the quiet jobs term ${i} with PD-1 and some words to fill the line` })).join('\n');
    const argv = ['annotate', '--format', 'jsonl', '--include-generic', '--lexicon', lexicon];
    const one = await run([...argv, '--jobs', '1'], lines);
    const two = await run([...argv, '--jobs', '2'], lines);
    assert.equal(two.err, '');
    assert.equal(two.out, one.out);
    assert.equal(two.out.split('"id":"oncolex-test-jobs-term"').length - 1, 6000);
  });
  it('keeps lengths when a record holds a lone surrogate (texts cross to workers as UTF-8)', async () => {
    const lines = Array.from({ length: 150 }, (_, i) => JSON.stringify({ id: i, text: `${i % 2 ? '\ud800' : '😀'} PD-1 and 𝛾 nivolumab` })).join('\n');
    const one = await run(['annotate', '--format', 'jsonl', '--jobs', '1'], lines);
    const two = await run(['annotate', '--format', 'jsonl', '--jobs', '2'], lines);
    assert.equal(two.out, one.out);
    assert.match(one.out.split('\n')[1], /^\{"id":1,"mentions":\[\{"start":2,"end":6,"text":"PD-1"/);
  });
  it('runs its workers from the bundle (dist/cli.js beside dist/cli-worker.js)', () => {
    const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: i, text: `😀 nivolumab ${i} and PD-1` })).join('\n');
    const one = execFileSync(process.execPath, [cli, 'annotate', '--format', 'jsonl', '--jobs', '1'], { input: lines, encoding: 'utf8' });
    const two = execFileSync(process.execPath, [cli, 'annotate', '--format', 'jsonl', '--jobs', '2'], { input: lines, encoding: 'utf8' });
    assert.equal(two, one);
    assert.equal(one.trim().split('\n').length, 20);
  });
});

const BIOC_XML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE collection SYSTEM "BioC.dtd">
<collection><source>PubTator</source><date>2024-01-01</date><key>BioC.key</key>
<document><id>123</id>
<passage><infon key="type">title</infon><offset>0</offset><text>😀 Durvalumab &amp; PD-1</text>
<annotation id="9"><infon key="type">Chemical</infon><location offset="2" length="10"/><text>Durvalumab</text></annotation></passage>
<passage><infon key="type">abstract</infon><offset>20</offset><text><![CDATA[𝛾 stereotactic body radiotherapy (SBRT) then SBRT.]]></text></passage>
</document>
</collection>
`;

type BiocJson = {
  source: string;
  documents: {
    id: string;
    passages: { offset: number; text: string; annotations: { id: string; infons: Record<string, string>; text: string; locations: { offset: number; length: number }[] }[]; relations: { id: string; infons: Record<string, string>; nodes: { refid: string; role: string }[] }[] }[];
  }[];
};

describe('oncolex annotate --format bioc-json / bioc-xml', () => {
  const xml = file('c.xml', BIOC_XML);
  it('annotates every passage with document offsets in code points, infons type and identifier, and abbreviation relations', async () => {
    const r = await run(['annotate', '--format', 'bioc-json', '--jobs', '1', xml]);
    assert.equal(r.err, '');
    const c = JSON.parse(r.out) as BiocJson;
    assert.equal(c.source, 'PubTator');
    const [title, abstract] = c.documents[0].passages;
    assert.deepEqual(
      title.annotations.map((a) => [a.id, a.infons.type, a.infons.identifier, a.text, a.locations[0].offset, a.locations[0].length]),
      [
        // The input's own annotation is kept, with its id; OncoLex's ids skip the ones the document uses.
        ['9', 'Chemical', undefined, 'Durvalumab', 2, 10],
        ['1', 'drug', 'DRUGBANK:DB11714', 'Durvalumab', 2, 10],
        ['2', 'molecule', 'HGNC:8760', 'PD-1', 15, 4],
      ],
    );
    assert.deepEqual(
      abstract.annotations.map((a) => `${a.id} ${a.infons.type}/${a.infons.ABBR ?? ''} ${a.locations[0].offset}+${a.locations[0].length} ${a.text}`),
      ['3 concept/ 22+30 stereotactic body radiotherapy', '4 concept/ 54+4 SBRT', '5 concept/ 65+4 SBRT', '6 ABBR/ShortForm 54+4 SBRT', '7 ABBR/LongForm 22+30 stereotactic body radiotherapy'],
    );
    assert.deepEqual(abstract.relations, [{ id: 'R1', infons: { type: 'ABBR' }, nodes: [{ refid: '6', role: 'ShortForm' }, { refid: '7', role: 'LongForm' }] }]);
    // Offsets index the document in code points: passage offset, then the passage's own characters.
    for (const p of c.documents[0].passages) for (const a of p.annotations) assert.equal([...p.text].slice(a.locations[0].offset - p.offset).slice(0, a.locations[0].length).join(''), a.text);
  });
  it('writes BioC XML that reads back to the same annotations, escaping what XML needs', async () => {
    const x = await run(['annotate', '--format', 'bioc-xml', '--jobs', '1', xml]);
    assert.match(x.out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE collection SYSTEM "BioC.dtd">\n<collection><source>PubTator<\/source>/);
    assert.match(x.out, /<text>😀 Durvalumab &amp; PD-1<\/text>\n<annotation id="9"><infon key="type">Chemical<\/infon><location offset="2" length="10"\/><text>Durvalumab<\/text><\/annotation>\n<annotation id="1"><infon key="type">drug<\/infon><infon key="identifier">DRUGBANK:DB11714<\/infon><location offset="2" length="10"\/><text>Durvalumab<\/text><\/annotation>/);
    const back = file('back.xml', x.out);
    assert.equal((await run(['annotate', '--format', 'bioc-json', '--jobs', '1', back])).out, (await run(['annotate', '--format', 'bioc-json', '--jobs', '1', xml])).out);
  });
  it('keeps the input annotations and relations, gives its own ids the input does not use, and adds nothing on a second pass', async () => {
    const input = JSON.stringify({
      documents: [
        {
          id: 'd',
          passages: [{ offset: 0, text: 'stereotactic body radiotherapy (SBRT) and PD-1', annotations: [{ id: '1', infons: { type: 'Gene' }, text: 'PD-1', locations: [{ offset: 42, length: 4 }] }], relations: [{ id: 'R1', infons: { type: 'Mine' }, nodes: [{ refid: '1', role: 'Only' }] }] }],
          relations: [{ id: 'R9', infons: { type: 'DocLevel' }, nodes: [] }],
        },
      ],
    });
    const once = await run(['annotate', '--format', 'bioc-json', '--jobs', '1'], input);
    const doc = (JSON.parse(once.out) as BiocJson & { documents: { relations: { id: string }[] }[] }).documents[0];
    const [p] = doc.passages;
    assert.deepEqual(p.annotations.map((a) => `${a.id} ${a.infons.type} ${a.text}`), ['1 Gene PD-1', '2 concept stereotactic body radiotherapy', '3 concept SBRT', '4 molecule PD-1', '5 ABBR SBRT', '6 ABBR stereotactic body radiotherapy']);
    assert.deepEqual(p.relations.map((r) => `${r.id} ${r.infons.type} ${r.nodes.map((n) => n.refid).join(',')}`), ['R1 Mine 1', 'R2 ABBR 5,6']);
    assert.deepEqual(doc.relations.map((r) => r.id), ['R9']);
    const twice = await run(['annotate', '--format', 'bioc-json', '--jobs', '1'], once.out);
    assert.equal(twice.out, once.out);
    const xml = await run(['annotate', '--format', 'bioc-xml', '--jobs', '1'], input);
    assert.equal((await run(['annotate', '--format', 'bioc-xml', '--jobs', '1'], xml.out)).out, xml.out);
  });
  it('reads BioC XML or JSON from stdin (- or no file), telling them apart by their first character', async () => {
    const xml = file('stdin.xml', BIOC_XML);
    const fromFile = await run(['annotate', '--format', 'bioc-json', '--jobs', '1', xml]);
    assert.equal((await run(['annotate', '--format', 'bioc-json', '--jobs', '1', '-'], BIOC_XML)).out, fromFile.out);
    assert.equal((await run(['annotate', '--format', 'bioc-json', '--jobs', '1'], BIOC_XML)).out, fromFile.out);
    const json = fromFile.out;
    assert.equal((await run(['annotate', '--format', 'bioc-json', '--jobs', '1'], `\n ${json}`)).out, (await run(['annotate', '--format', 'bioc-json', '--jobs', '1', file('stdin.json', json)])).out);
    // Anything else on stdin is one plain-text document named -.
    const plain = JSON.parse((await run(['annotate', '--format', 'bioc-json', '--jobs', '1'], 'PD-1 blockade')).out) as BiocJson;
    assert.equal(plain.documents[0].id, '-');
    assert.deepEqual(plain.documents[0].passages[0].annotations.map((a) => a.text), ['PD-1 blockade']);
    const broken = await run(['annotate', '--format', 'bioc-xml', '--jobs', '1', '-'], '<collection><document>');
    assert.equal(broken.code, 1);
    assert.match(broken.err, /^oncolex: -:1: /);
  });
  it('reads BioC JSON as PubTator3 writes it, and wraps a Markdown file as one document', async () => {
    const json = file('c.json', (await run(['annotate', '--format', 'bioc-json', '--jobs', '1', xml])).out);
    const md = file('w.md', '# 😀 Notes\n\nNivolumab & <b>x</b> with SBRT.\n');
    const r = await run(['annotate', '--format', 'bioc-json', '--jobs', '1', json, md]);
    const c = JSON.parse(r.out) as BiocJson;
    assert.deepEqual(c.documents.map((d) => d.id), ['123', 'w.md']);
    assert.deepEqual(c.documents[1].passages[0].annotations.map((a) => `${a.text} ${a.locations[0].offset}`), ['Nivolumab 11', 'SBRT 37']);
  });
  it('names file and line of malformed BioC and still processes the other files', async () => {
    const broken = file('broken.xml', '<collection>\n<document><id>1</id>\n<passage><offset>0</offset><text>PD-1</passage>\n</collection>\n');
    const noOffset = file('nooffset.xml', '<collection><source/><date/><key/>\n<document><id>7</id>\n<passage><text>PD-1</text></passage></document>\n<document><id>8</id><passage><offset>0</offset><text>PD-1</text></passage></document></collection>');
    const badJson = file('bad.json', '{"documents": [\n{"id": 1,,}]}');
    const r = await run(['annotate', '--format', 'bioc-json', '--jobs', '1', broken, noOffset, badJson, xml]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.err.trim().split('\n'), [
      `oncolex: ${broken}:3: </passage> closes <text> (opened on line 3)`,
      `oncolex: ${noOffset}:3: document 7: a passage needs a whole-number <offset>`,
      `oncolex: ${badJson}:2: not valid JSON`,
    ]);
    assert.deepEqual((JSON.parse(r.out) as BiocJson).documents.map((d) => d.id), ['8', '123']);
  });
});

describe('oncolex annotate --format brat / pubannotation', () => {
  const md = file('abbr.md', '😀 stereotactic body radiotherapy (SBRT) then 𝛾 SBRT.\n');
  it('writes brat standoff with normalisations and abbreviation relations, in code points', async () => {
    const r = await run(['annotate', '--format', 'brat', '--jobs', '1', md]);
    assert.equal(
      r.out,
      [
        'T1\tconcept 2 32\tstereotactic body radiotherapy',
        'N1\tReference T1 oncolex:sbrt\tstereotactic body radiotherapy',
        'T2\tconcept 34 38\tSBRT',
        'N2\tReference T2 oncolex:sbrt\tSBRT',
        'T3\tconcept 47 51\tSBRT',
        'N3\tReference T3 oncolex:sbrt\tSBRT',
        'T4\tAbbreviation 34 38\tSBRT',
        'N4\tReference T4 oncolex:sbrt\tSBRT',
        'T5\tLongForm 2 32\tstereotactic body radiotherapy',
        'R1\tAbbreviation Arg1:T4 Arg2:T5',
        '',
      ].join('\n'),
    );
  });
  it('writes a .txt/.ann pair per file with --out-dir, and wants it for several files', async () => {
    const out = path.join(dir, 'brat-out');
    const other = file('other.txt', 'Nivolumab.\n');
    assert.equal((await run(['annotate', '--format', 'brat', md, other])).code, 2);
    const r = await run(['annotate', '--format', 'brat', '--jobs', '1', '--out-dir', out, md, other]);
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.readFileSync(path.join(out, 'other.ann'), 'utf8'), 'T1\tdrug 0 9\tNivolumab\nN1\tReference T1 DRUGBANK:DB09035\tNivolumab\n');
    assert.equal(fs.readFileSync(path.join(out, 'abbr.txt'), 'utf8'), fs.readFileSync(md, 'utf8'));
  });
  it('writes PubAnnotation JSON with denotations, identifier attributes and abbreviation relations', async () => {
    const r = await run(['annotate', '--format', 'pubannotation', '--jobs', '1', file('pa.txt', '𝛾 PD-1 (programmed cell death protein 1)')]);
    const doc = JSON.parse(r.out) as { text: string; denotations: { id: string; span: { begin: number; end: number }; obj: string }[]; attributes: unknown[]; relations: unknown[] };
    assert.equal(doc.text, '𝛾 PD-1 (programmed cell death protein 1)');
    assert.deepEqual(doc.denotations[0], { id: 'T1', span: { begin: 2, end: 6 }, obj: 'molecule' });
    assert.deepEqual(doc.attributes[0], { id: 'A1', subj: 'T1', pred: 'identifier', obj: 'HGNC:8760' });
  });
});

describe('one text, six formats: the same mentions (issue 21)', () => {
  // Title and abstract as PubTator holds them, and the same two lines as a plain file: a document is one text,
  // its units joined by a line break, so every format sees the same spans.
  const title = 'Pembrolizumab and radiotherapy in NSCLC';
  const abstract = 'We gave stereotactic body radiotherapy (SBRT) with PD-1 blockade; SBRT raised CD8+ T cells and IFN-γ.';
  const plain = file('six.txt', `${title}\n${abstract}\n`);
  const pubtator = file('six.pubtator', `77|t|${title}\n77|a|${abstract}\n\n`);
  const CATEGORIES = new Set(['immune-cell', 'molecule', 'drug', 'tumor', 'concept', 'trial', 'outcome']);
  type Found = string[];
  const sorted = (xs: Found) => [...xs].sort();

  it('json, pubtator, bioc-json, bioc-xml, brat and pubannotation give the same span, category and identifier', async () => {
    const out = async (format: string, f = plain) => {
      const r = await run(['annotate', '--format', format, '--jobs', '1', f]);
      assert.equal(r.code, 0, `${format}: ${r.err}`);
      return r.out;
    };
    const json = JSON.parse(await out('json')) as { files: { mentions: { start: number; end: number; category: string }[] }[] };
    const spans = sorted(json.files[0].mentions.map((m) => `${m.start}-${m.end} ${m.category}`));
    assert.ok(spans.length >= 8, spans.join(', '));

    const pt = (await out('pubtator', pubtator)).split('\n').filter((l) => /^77\t\d/.test(l)).map((l) => l.split('\t'));
    const withIds = sorted(pt.map((f) => `${f[1]}-${f[2]} ${f[4]} ${f[5]}`));
    assert.deepEqual(sorted(pt.map((f) => `${f[1]}-${f[2]} ${f[4]}`)), spans, 'pubtator');

    type Bioc = { documents: { passages: { annotations: { infons: { type: string; identifier?: string }; locations: { offset: number; length: number }[] }[] }[] }[] };
    const biocIds = (b: Bioc) => sorted(b.documents[0].passages.flatMap((p) => p.annotations).filter((a) => CATEGORIES.has(a.infons.type)).map((a) => `${a.locations[0].offset}-${a.locations[0].offset + a.locations[0].length} ${a.infons.type} ${a.infons.identifier}`));
    assert.deepEqual(biocIds(JSON.parse(await out('bioc-json')) as Bioc), withIds, 'bioc-json');
    // BioC XML, read back as BioC JSON by our own reader.
    const xml = file('six.xml', await out('bioc-xml'));
    const fromXml = JSON.parse((await run(['annotate', '--format', 'bioc-json', '--jobs', '1', xml])).out) as Bioc;
    assert.deepEqual(biocIds(fromXml), withIds, 'bioc-xml');

    const brat = (await out('brat')).split('\n');
    const normOf = new Map(brat.filter((l) => l.startsWith('N')).map((l) => l.split('\t')[1].split(' ')).map((f) => [f[1], f[2]]));
    const bratIds = brat.filter((l) => l.startsWith('T')).map((l) => l.split('\t')).filter((f) => CATEGORIES.has(f[1].split(' ')[0])).map((f) => {
      const [category, start, end] = f[1].split(' ');
      return `${start}-${end} ${category} ${normOf.get(f[0])}`;
    });
    assert.deepEqual(sorted(bratIds), withIds, 'brat');

    const pa = JSON.parse(await out('pubannotation')) as { denotations: { id: string; span: { begin: number; end: number }; obj: string }[]; attributes: { subj: string; pred: string; obj: string }[] };
    const paId = new Map(pa.attributes.filter((a) => a.pred === 'identifier').map((a) => [a.subj, a.obj]));
    assert.deepEqual(sorted(pa.denotations.filter((d) => CATEGORIES.has(d.obj)).map((d) => `${d.span.begin}-${d.span.end} ${d.obj} ${paId.get(d.id)}`)), withIds, 'pubannotation');
  });
});
