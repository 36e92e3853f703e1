import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-cli-'));
const md = path.join(dir, 'a.md');
fs.writeFileSync(md, '# Notes\n\nPembrolizumab blocks PD-1 on CD8$^+$ T cells. `PD-L1` in code.\n');
const tex = path.join(dir, 'b.tex');
fs.writeFileSync(tex, 'Durvalumab after chemoradiotherapy \\cite{pacific}. % PD-1 in a comment\n');
const zh = path.join(dir, 'c.md');
fs.writeFileSync(zh, '放射治疗联合帕博利珠单抗可增强远端效应。\n');
const binary = path.join(dir, 'd.md');
fs.writeFileSync(binary, Buffer.from([0x50, 0x44, 0x00, 0x01]));
const latin1 = path.join(dir, 'e.md');
fs.writeFileSync(latin1, Buffer.from([0x57, 0x65, 0x72, 0x73, 0xe4, 0x6c, 0x6c]));

describe('oncolex annotate', () => {
  it('prints mentions as JSON with UTF-16 offsets into each file, by file language', async () => {
    const r = await run('annotate', '--format', 'json', md, tex, zh);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as { files: { file: string; mentions: { start: number; end: number; text: string; id: string; category: string }[] }[] };
    const texts = json.files.map((f) => f.mentions.map((m) => `${m.text}=${m.id}`));
    assert.deepEqual(texts[0], ['Pembrolizumab=pembrolizumab', 'PD-1=pd-1', 'CD8$^+$ T cells=cd8-t-cell']);
    assert.deepEqual(texts[1], ['Durvalumab=durvalumab', 'chemoradiotherapy=chemoradiotherapy']);
    assert.deepEqual(texts[2], ['放射治疗=radiotherapy', '帕博利珠单抗=pembrolizumab', '远端效应=abscopal-effect']);
    const src = fs.readFileSync(zh, 'utf8');
    for (const m of json.files[2].mentions) assert.equal(src.slice(m.start, m.end), m.text);
  });
  it('prints a table with --format table', async () => {
    const r = await run('annotate', '--format', 'table', md);
    assert.equal(r.code, 0);
    assert.match(r.out, /a\.md: 3 mentions/);
    assert.match(r.out, /drug\s+pembrolizumab \(帕博利珠单抗\)/);
  });
  it('names each bad file in one line, exits non-zero, and still processes the others', async () => {
    const r = await run('annotate', '--format', 'json', path.join(dir, 'missing.md'), dir, binary, latin1, md);
    assert.equal(r.code, 1);
    assert.deepEqual(r.err.trim().split('\n'), [
      `oncolex: ${path.join(dir, 'missing.md')}: no such file`,
      `oncolex: ${dir}: is a directory, not a file`,
      `oncolex: ${binary}: is a binary file, not text`,
      `oncolex: ${latin1}: is not valid UTF-8 text`,
    ]);
    assert.equal((JSON.parse(r.out) as { files: unknown[] }).files.length, 1);
  });
  it('rejects a bad format and no files', async () => {
    assert.equal((await run('annotate', '--format', 'xml', md)).code, 2);
    assert.equal((await run('annotate')).code, 2);
    assert.equal((await run('frobnicate')).code, 2);
  });
});

describe('oncolex annotate: document-defined abbreviations and generic words', () => {
  const doc = path.join(dir, 'defined.md');
  fs.writeFileSync(doc, 'The quiet term is here.\n\nWe gave staggered radiotherapy (SGRT) weekly.\nSGRT-treated tumours shrank; SGRT was tolerated.\n');
  const lexiconFile = path.join(dir, 'quiet.oncolex.json');
  fs.writeFileSync(lexiconFile, JSON.stringify({ entries: [{ id: 'oncolex-test-quiet-term', category: 'concept', label: { en: 'quiet term', zh: '安静术语' }, definition: { en: 'A generic test word.', zh: '测试用通用词。' }, generic: true }] }));
  type Out = { files: { mentions: { text: string; id: string; category: string }[]; abbreviations: { short: string; long: string; line: number; id: string; local: boolean }[] }[] };
  it('reports every use of a short form the document defines, and the definition with its line', async () => {
    const r = await run('annotate', '--format', 'json', '--lexicon', lexiconFile, doc);
    assert.equal(r.code, 0, r.err);
    const [f] = (JSON.parse(r.out) as Out).files;
    assert.deepEqual(f.mentions.filter((m) => m.text === 'SGRT').map((m) => `${m.id}/${m.category}`), ['doc:SGRT/concept', 'doc:SGRT/concept', 'doc:SGRT/concept']);
    assert.deepEqual(f.abbreviations, [{ short: 'SGRT', long: 'staggered radiotherapy', line: 3, id: 'doc:SGRT', category: 'concept', local: true }]);
  });
  it('reports no generic word unless --include-generic asks', async () => {
    const quiet = (JSON.parse((await run('annotate', '--format', 'json', '--lexicon', lexiconFile, doc)).out) as Out).files[0];
    assert.ok(!quiet.mentions.some((m) => m.id === 'oncolex-test-quiet-term'));
    const loud = (JSON.parse((await run('annotate', '--format', 'json', '--include-generic', '--lexicon', lexiconFile, doc)).out) as Out).files[0];
    assert.deepEqual(loud.mentions.filter((m) => m.id === 'oncolex-test-quiet-term').map((m) => m.text), ['quiet term']);
  });
  it('names a document-defined term in the table', async () => {
    const r = await run('annotate', '--format', 'table', doc);
    assert.match(r.out, /4\s+concept\s+SGRT — staggered radiotherapy \(defined in this document, line 3\)/);
  });
});

describe('oncolex lexicon and lookup', () => {
  it('prints the whole lexicon in the documented JSON shape', async () => {
    const r = await run('lexicon', '--format', 'json');
    assert.equal(r.code, 0);
    const { entries } = JSON.parse(r.out) as { entries: { id: string; category: string; label: { en: string; zh: string }; definition: { en: string; zh: string }; synonyms: string[]; ids: object; evidence: { section: string; sentence: string; refs: number[] }[] }[] };
    assert.ok(entries.length >= 150);
    const pdl1 = entries.find((e) => e.id === 'pd-l1')!;
    assert.equal(pdl1.category, 'molecule');
    assert.ok(pdl1.synonyms.includes('B7-H1') && pdl1.label.zh.length > 0 && pdl1.definition.zh.length > 0);
    assert.ok(pdl1.evidence.some((ev) => ev.refs.includes(15) && ev.section === '4'));
  });
  it('looks up a term by any spelling and shows its card', async () => {
    const r = await run('lookup', 'pdl1');
    assert.equal(r.code, 0);
    assert.match(r.out, /^PD-L1 — /);
    assert.match(r.out, /Evidence from the review/);
    const zhr = await run('lookup', '树突状细胞');
    assert.match(zhr.out, /dendritic cell/i);
  });
  it('says so when a term is unknown', async () => {
    const r = await run('lookup', 'not a term at all');
    assert.equal(r.code, 1);
    assert.match(r.err, /no entry for 'not a term at all'/);
  });
});

describe('oncolex mine', () => {
  const review = path.join(dir, 'review.md');
  fs.writeFileSync(review, '# 2. Methods\n\nZorblat radiotherapy (ZB-RT) and PD-L1 [3].\n\nZB-RT again \\cite{k}.\n');
  it('prints the entries and the defined abbreviations with file and line as JSON', async () => {
    const r = await run('mine', review);
    assert.equal(r.code, 0, r.err);
    const data = JSON.parse(r.out) as { entries: { id: string; status: string; extends?: string; evidence: { section: string; refs: number[] }[] }[]; abbreviations: unknown[] };
    assert.deepEqual(data.abbreviations, [{ short: 'ZB-RT', long: 'Zorblat radiotherapy', file: review, line: 3 }]);
    const zb = data.entries.find((e) => e.id === 'zorblat-radiotherapy')!;
    assert.equal(zb.status, 'candidate');
    assert.deepEqual(zb.evidence.map((e) => [e.section, e.refs]), [['2', [3]], ['2', []]]);
    assert.equal(data.entries.find((e) => e.extends === 'pd-l1')?.status, 'candidate');
  });
  it('writes a workspace lexicon file with -o that the lexicon reader accepts, and never overwrites one without --force', async () => {
    const out = path.join(dir, 'mined.oncolex.json');
    const first = await run('mine', review, '-o', out);
    assert.equal(first.code, 0, first.err);
    const { validateSourceFile } = await import('../../src/core/lexicon/lexicon');
    assert.deepEqual(validateSourceFile(JSON.parse(fs.readFileSync(out, 'utf8')), out).errors, []);
    fs.writeFileSync(out, '{"entries": []}');
    const again = await run('mine', review, '-o', out);
    assert.equal(again.code, 1);
    assert.match(again.err, /mined\.oncolex\.json exists; not overwritten \(give --force to replace it\)/);
    assert.equal(fs.readFileSync(out, 'utf8'), '{"entries": []}');
    assert.equal((await run('mine', review, '-o', out, '--force')).code, 0);
    assert.notEqual(fs.readFileSync(out, 'utf8'), '{"entries": []}');
    const badName = await run('mine', review, '-o', path.join(dir, 'mined.json'));
    assert.equal(badName.code, 2);
    assert.match(badName.err, /must be named \*\.oncolex\.json/);
  });
  it('-o never writes through a symbolic link, even a dangling one, nor over a file created while it ran', async () => {
    const { writeOutputFile } = await import('../../src/cli/mine');
    const target = path.join(dir, 'elsewhere.txt');
    const link = path.join(dir, 'link.oncolex.json');
    fs.symlinkSync(target, link);
    const r = await run('mine', review, '-o', link);
    assert.equal(r.code, 1);
    assert.equal(r.err, `oncolex mine: ${link} exists; not overwritten (give --force to replace it)\n`);
    assert.equal(fs.existsSync(target), false, 'the link’s target is not created');
    // Created after the check, before the write: the write refuses it too.
    assert.throws(() => writeOutputFile(link, 'x', false), { code: 'EEXIST' });
    assert.equal(fs.existsSync(target), false);
    // --force replaces the link itself, never its target.
    const forced = await run('mine', review, '-o', link, '--force');
    assert.equal(forced.code, 0, forced.err);
    assert.equal(fs.lstatSync(link).isSymbolicLink(), false);
    assert.equal(fs.existsSync(target), false);
    const kept = path.join(dir, 'kept.txt');
    fs.writeFileSync(kept, 'mine');
    const link2 = path.join(dir, 'link2.oncolex.json');
    fs.symlinkSync(kept, link2);
    assert.equal((await run('mine', review, '-o', link2, '--force')).code, 0);
    assert.equal(fs.readFileSync(kept, 'utf8'), 'mine');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });
  it('-o into a folder that does not exist: one line naming the file', async () => {
    const out = path.join(dir, 'no-such-folder', 'x.oncolex.json');
    const r = await run('mine', review, '-o', out);
    assert.equal(r.code, 1);
    assert.equal(r.err, `oncolex mine: ${out} could not be written: its folder does not exist\n`);
  });
});

describe('terminal output from workspace lexicons', () => {
  const lexicon = path.join(dir, 'esc.oncolex.json');
  fs.writeFileSync(
    lexicon,
    JSON.stringify({
      entries: [
        { id: 'zrb', category: 'concept', label: { en: 'Zorb\u001b[2J\u001b[31mred\u001b[0m', zh: '佐布\u001b]52;c;aGk=\u0007' }, abbreviations: ['ZRB'], synonyms: ['zorb\u009bsynonym\u202eevil'], definition: { en: 'A test term.', zh: '测试术语。' } },
      ],
    }),
  );
  const doc = path.join(dir, 'esc\u001b[1mname.md');
  // After radiotherapy: a short capital form is shown in a text of the field (docs/annotation.md §5).
  fs.writeFileSync(doc, 'ZRB and ZRB again after radiotherapy.\n');
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  it('annotate --format table shows escape sequences in labels and file names as text, never raw', async () => {
    const r = await run('annotate', '--format', 'table', '--lexicon', lexicon, doc);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, CONTROL);
    assert.match(r.out, /esc\\u\{1B\}\[1mname\.md: 3 mentions/);
    assert.match(r.out, /2 {2}concept {6}Zorb\\u\{1B\}\[2J\\u\{1B\}\[31mred\\u\{1B\}\[0m \(佐布\\u\{1B\}\]52;c;aGk=\\u\{07\}\)/);
  });
  it('dictionary leaves out forms holding control characters, in every format', async () => {
    for (const format of ['plain', 'cspell', 'ltex']) {
      const r = await run('dictionary', '--format', format, '--lexicon', lexicon);
      assert.equal(r.code, 0, r.err);
      assert.doesNotMatch(r.out, CONTROL);
      assert.doesNotMatch(r.out, /\\u001b|Zorb|zorb|evil/);
    }
  });
});

describe('oncolex abbreviations', () => {
  const doc = path.join(dir, 'abbr.md');
  fs.writeFileSync(doc, 'Programmed death-ligand 1 (PD-L1) is expressed; PD-L1 and PDL1 again. Radiotherapy (RT) once.\n');
  it('prints the journal form by default, alphabetical', async () => {
    const r = await run('abbreviations', doc);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'PD-L1, programmed death-ligand 1; RT, radiotherapy.\n');
  });
  it('honours --min-uses, --lang and --format', async () => {
    assert.equal((await run('abbreviations', '--min-uses', '2', doc)).out, 'PD-L1, programmed death-ligand 1.\n');
    assert.equal((await run('abbreviations', '--lang', 'zh', '--min-uses=3', doc)).out, '程序性细胞死亡配体 1（programmed death-ligand 1，PD-L1）。\n');
    assert.match((await run('abbreviations', '--format', 'glossaries', doc)).out, /^\\newacronym\{pdl1\}\{PD-L1\}\{programmed death-ligand 1\}\n\\newacronym\{rt\}\{RT\}\{radiotherapy\}\n$/);
    assert.match((await run('abbreviations', '--format', 'pandoc', doc)).out, /^acronyms:\n {2}pdl1:\n {4}short: "PD-L1"/);
  });
  it('rejects bad options and a missing file', async () => {
    assert.equal((await run('abbreviations', '--format', 'docx', doc)).code, 2);
    assert.equal((await run('abbreviations', '--min-uses', 'x', doc)).code, 2);
    assert.equal((await run('abbreviations', '--lang', 'fr', doc)).code, 2);
    assert.equal((await run('abbreviations')).code, 2);
    assert.equal((await run('abbreviations', path.join(dir, 'nope.md'))).code, 1);
  });
});

describe('oncolex check', () => {
  const sub = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-check-'));
  const doc = path.join(sub, 'paper.md');
  fs.writeFileSync(
    doc,
    '---\nbibliography: refs.bib\n---\n\nProgrammed death-ligand 1 (PD-L1) is high; PDL1 and PD-L1 rise [@known; @missing].\nKeytruda was given. Low-dose radiotherapy (LDRT) once.\n',
  );
  fs.writeFileSync(path.join(sub, 'refs.bib'), '@article{known, title={T}, author={A, B}, year={2020}}\n');
  const clean = path.join(sub, 'clean.tex');
  fs.writeFileSync(clean, 'Programmed death-ligand 1 (PD-L1) is high; PD-L1 rises with pembrolizumab \\cite{known}.\n\\bibliography{refs}\n');
  it('prints file:line:col code message and exits 1 when it reports anything', async () => {
    const r = await run('check', doc);
    assert.equal(r.code, 1, r.err);
    assert.deepEqual(r.out.trim().split('\n'), [
      `${doc}:5:44 mixed-spelling “PDL1” and “PD-L1” name the same thing in this document: write one form (PD-L1).`,
      `${doc}:5:74 undefined-citation Citation key 'missing' is not defined in any bibliography.`,
      `${doc}:6:1 brand-name “Keytruda” is a brand name: journals want the generic name (pembrolizumab).`,
      `${doc}:6:44 abbreviation-unused “LDRT” is defined but never used again: spell out “Low-dose radiotherapy” instead.`,
    ]);
  });
  it('exits 0 on a clean file (its \\bibliography found beside it)', async () => {
    const r = await run('check', clean);
    assert.equal(r.err, '');
    assert.equal(r.out, '');
    assert.equal(r.code, 0);
  });
  it('prints JSON with 1-based lines and columns', async () => {
    const r = await run('check', '--format', 'json', doc, clean);
    const json = JSON.parse(r.out) as { files: { file: string; diagnostics: { line: number; column: number; endLine: number; endColumn: number; code: string; severity: string; message: string }[] }[] };
    assert.equal(json.files.length, 2);
    assert.deepEqual(json.files[0].diagnostics[0], {
      line: 5,
      column: 44,
      endLine: 5,
      endColumn: 48,
      code: 'mixed-spelling',
      severity: 'warning',
      message: '“PDL1” and “PD-L1” name the same thing in this document: write one form (PD-L1).',
    });
    assert.deepEqual(json.files[1].diagnostics, []);
  });
  it('turns checks off with --disable, and adds abbreviation-rare with --min-uses', async () => {
    const r = await run('check', '--disable', 'mixed-spelling,brand-name,undefined-citation,abbreviation-unused', doc);
    assert.equal(r.code, 0, r.out);
    const rare = await run('check', '--min-uses', '4', '--disable', 'mixed-spelling', clean);
    assert.match(rare.out, /clean\.tex:1:28 abbreviation-rare “PD-L1” is used 2 times, fewer than 4/);
    assert.equal(rare.code, 1);
  });
  it('rejects bad options', async () => {
    assert.equal((await run('check', '--format', 'xml', doc)).code, 2);
    assert.equal((await run('check', '--disable', 'nonsense', doc)).code, 2);
    assert.equal((await run('check', '--min-uses', '-1', doc)).code, 2);
    assert.equal((await run('check')).code, 2);
    assert.equal((await run('check', path.join(sub, 'nope.md'))).code, 1);
  });
});

describe('oncolex cite', () => {
  const bib = path.join(dir, 'cite.bib');
  fs.writeFileSync(bib, '@article{postow2012, author = {Postow, Michael A. and Callahan, Margaret K.}, title = {Immunologic correlates of the abscopal effect in a patient with melanoma}, journal = {N Engl J Med}, year = {2012}, volume = {366}, number = {10}, pages = {925--931}}\n');
  it('prints references in Vancouver by default, or the style named', async () => {
    const r = await run('cite', '--bib', bib, 'postow2012');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '1. Postow MA, Callahan MK. Immunologic correlates of the abscopal effect in a patient with melanoma. N Engl J Med. 2012;366(10):925–31.\n');
    assert.match((await run('cite', '--bib', bib, '--style', 'china-national-standard-gb-t-7714-2015-numeric', 'postow2012')).out, /^\[1\] POSTOW M A, CALLAHAN M K\. .*\[J\]\. N Engl J Med, 2012, 366\(10\): 925-931\.\n$/);
  });
  it('names a missing key (exit 1), and rejects an unknown style or no --bib (exit 2)', async () => {
    const r = await run('cite', '--bib', bib, 'postow2012', 'nobody2020');
    assert.equal(r.code, 1);
    assert.match(r.err, /no entry 'nobody2020'/);
    assert.equal((await run('cite', '--bib', bib, '--style', 'chicago', 'postow2012')).code, 2);
    assert.equal((await run('cite', 'postow2012')).code, 2);
  });
});

describe('the CLI speaks correctly', () => {
  const COMMANDS = ['annotate', 'lexicon', 'lookup', 'search', 'bib', 'mine', 'lsp', 'check', 'cite', 'dictionary', 'abbreviations'];
  it('answers --help (and -h) for every command with its usage, exit 0, doing nothing else', async () => {
    for (const cmd of COMMANDS) {
      for (const flag of ['--help', '-h']) {
        const r = await run(cmd, flag);
        assert.equal(r.code, 0, `${cmd} ${flag}: ${r.err}`);
        assert.match(r.out, new RegExp(`^usage \\(oncolex ${cmd}\\):\\n {2}${cmd}\\b`), `${cmd} ${flag}`);
        assert.ok(r.out.length < 2000, `${cmd} ${flag} printed ${r.out.length} characters`);
      }
    }
    // Not a term to look up, not the lexicon's JSON.
    assert.doesNotMatch((await run('lookup', '--help')).out, /no entry/);
    assert.equal((await run('help', 'cite')).out, (await run('cite', '--help')).out);
  });
  it('prints its version', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await run(flag);
      assert.equal(r.code, 0);
      assert.equal(r.out, `oncolex ${pkg.version}\n`);
    }
  });
  it('rejects an option the command does not take (exit 2, naming it), and still takes every one it does', async () => {
    for (const argv of [
      ['check', '--frobnicate', md],
      ['abbreviations', '--fromat', 'acro', md],
      ['lexicon', '--formt=json'],
      ['annotate', '-x', md],
      ['lsp', '--stdio=1'],
    ]) {
      const r = await run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, new RegExp(`oncolex ${argv[0]}: unknown option '${argv.find((a) => a.startsWith('-'))}'`));
      assert.equal(r.out, '');
    }
    // A value that looks like an option is the value; `-` is stdin; after `--` nothing is an option.
    assert.equal((await run('abbreviations', '--format=text', '--min-uses', '0', '--lang', 'en', md)).code, 0);
    assert.equal((await run('lookup', '--', '--help')).code, 1);
  });
  it('check --bib of a file that is not there is an error naming it', async () => {
    const clean = path.join(dir, 'clean.txt');
    fs.writeFileSync(clean, 'Nothing to report.\n');
    for (const file of [clean, md]) {
      const r = await run('check', '--bib', '/nonexistent.bib', file);
      assert.notEqual(r.code, 0, file);
      assert.match(r.err, /\/nonexistent\.bib: no such file/);
    }
  });
  it('writes counts in the number they take (1 mention, 1 entry, 1 error)', async () => {
    const one = path.join(dir, 'one.md');
    fs.writeFileSync(one, 'PD-L1 only.\n');
    assert.match((await run('annotate', '--format', 'table', one)).out, /one\.md: 1 mention\n/);
    const bib = path.join(dir, 'one.bib');
    fs.writeFileSync(bib, '@article{a, title={T}, year={2020}}\n@article{b, title={unclosed, year={2020}\n');
    assert.match((await run('bib', '--format', 'table', bib)).out, /one\.bib: 1 entry, 1 error\n/);
  });
  it('aligns table columns by terminal width: a Chinese character takes two columns', async () => {
    const bib = path.join(dir, 'zh.bib');
    fs.writeFileSync(bib, '@article{shu2024, author = {舒锐 and 赖建平}, title = {放射联合免疫治疗}, year = {2024}}\n@article{postow2012, author = {Postow, Michael A. and Callahan, Margaret K.}, title = {Immunologic correlates}, year = {2012}}\n');
    const rows = (await run('bib', '--format', 'table', bib)).out.split('\n').slice(1, 3);
    const { displayWidth } = await import('../../src/cli/text');
    const titleColumn = rows.map((r) => displayWidth(r.slice(0, r.search(/放|Immuno/))));
    assert.equal(titleColumn[0], titleColumn[1], rows.join('\n'));
  });
});

describe('oncolex search shows a name without an empty other half', () => {
  it('a generated entry with no Chinese name is listed without a trailing " · "', async () => {
    const r = await run('search', 'cd19');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /CD19\n/);
    for (const line of r.out.split('\n')) assert.ok(!/ · ?$/.test(line), JSON.stringify(line));
  });
});
