/**
 * The built-in lexicon's matcher tables, built with the extension (scripts/build-tables.ts →
 * dist/matcher-tables.bin, made by `npm run build`, which `npm test` runs first) and loaded instead of built
 * (issue 15 §3): they are current, a matcher from them finds exactly what a matcher built from the entries
 * finds, they serve no other lexicon, and a bad tables file is reported and not used.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mergeLexicons } from '../../src/core/lexicon/build';
import type { Lexicon } from '../../src/core/lexicon/lexicon';
import { Matcher } from '../../src/core/matching/matcher';
import { MAX_TABLES_BYTES, attachTables, buildTables, decodeTables, encodeTables, formsDigest, sealTables } from '../../src/core/matching/matcherTables';
import type { DocLanguage } from '../../src/core/text/regions';
import { builtinLexiconPath, loadBuiltinLexicon, readBuiltLexicon } from '../../src/node/builtin';
import { documentArb } from '../helpers/matcher-props';

const TABLES = path.join(__dirname, '..', '..', 'dist', 'matcher-tables.bin');

describe('matcher tables built with the extension', () => {
  const builtin = loadBuiltinLexicon();

  it('dist/matcher-tables.bin is current: the tables of generated/lexicon.json as this code builds them (run npm run build)', () => {
    assert.ok(fs.existsSync(TABLES), `${TABLES} is missing: run npm run build`);
    assert.ok(Buffer.from(encodeTables(buildTables(builtin.entries), formsDigest(builtin.entries))).equals(fs.readFileSync(TABLES)), `${TABLES} is stale: run npm run build`);
  });

  it('the fold tables stored with the tables equal those built by lowercasing (fresh processes)', () => {
    const script = (seed: boolean) => `
      const fs = require('node:fs');
      const { decodeTables } = require('./src/core/matching/matcherTables.ts');
      const n = require('./src/core/text/normalize.ts');
      ${seed ? "const t = decodeTables(fs.readFileSync('dist/matcher-tables.bin')); n.seedFoldTables(t.tables);" : ''}
      const f = n.foldTables();
      process.stdout.write(JSON.stringify([f.fold, f.foldCs, f.foldTex, f.word].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64'))));`;
    const run = (seed: boolean) => execFileSync(process.execPath, ['--import', 'tsx', '-e', script(seed)], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
    const [seeded, built] = [run(true), run(false)];
    assert.ok(seeded.length > 100000);
    assert.equal(seeded, built);
  });

  it('the built-in lexicon comes with its tables, and a matcher from them needs no build', () => {
    assert.equal(new Matcher(builtin).prebuilt, true);
    assert.equal(new Matcher([...builtin.entries]).prebuilt, false, 'a copy of the entries is another lexicon: its matcher builds its tables');
  });

  for (const language of ['markdown', 'latex', 'plain'] as DocLanguage[]) {
    it(`${language}: a matcher from the built tables finds the same mentions and skipped regions as one built from the entries (random documents)`, () => {
      const loaded = new Matcher(builtin);
      const built = new Matcher([...builtin.entries]);
      fc.assert(
        fc.property(documentArb(language, builtin), (text) => {
          assert.deepEqual(loaded.annotateWithRegions(text, language), built.annotateWithRegions(text, language));
        }),
        { seed: 7, numRuns: 300 },
      );
    });
  }

  it("the first matcher of the built tables (in the kernel that checked them) and a later one (a copy) find what one built from the entries finds (random documents)", () => {
    const lexicon = readBuiltLexicon(path.join(__dirname, '..', '..', 'dist', 'lexicon.json'), TABLES, (p) => assert.fail(p));
    const first = new Matcher(lexicon);
    const later = new Matcher(lexicon);
    const built = new Matcher([...lexicon.entries]);
    assert.deepEqual([first.prebuilt, later.prebuilt, built.prebuilt], [true, true, false]);
    for (const language of ['markdown', 'latex', 'plain'] as DocLanguage[]) {
      fc.assert(
        fc.property(documentArb(language, lexicon), (text) => {
          const expected = built.annotateWithRegions(text, language);
          assert.deepEqual(first.annotateWithRegions(text, language), expected);
          assert.deepEqual(later.annotateWithRegions(text, language), expected);
        }),
        { seed: 11, numRuns: 100 },
      );
    }
  });

  it('a lexicon that adds forms to a built-in entry (a workspace lexicon) builds its own tables and finds its forms', () => {
    const workspace: Lexicon = {
      source: 'terms.oncolex.json',
      entries: [{ ...builtin.entries.find((e) => e.id === 'pembrolizumab')!, id: 'my-pembro', forms: [{ text: 'pembro', caseSensitive: false }] }],
      extensions: new Map([['my-pembro', 'pembrolizumab']]),
    };
    const merged = mergeLexicons(builtin, workspace, 'merged');
    const m = new Matcher(merged);
    assert.equal(m.prebuilt, false);
    assert.deepEqual(
      m.annotate('We gave pembro and nivolumab.', 'plain').map((x) => x.id),
      ['pembrolizumab', 'nivolumab'],
    );
  });

  it('tables are attached only to the lexicon whose forms they were built from', () => {
    const built = decodeTables(fs.readFileSync(TABLES));
    const entries = [...builtin.entries];
    assert.equal(attachTables(entries, built, 'ffffffffffffffff'), false);
    assert.equal(attachTables(entries, built, undefined), false);
    assert.equal(new Matcher(entries).prebuilt, false);
  });

  it('a bad tables file is reported naming the file, and the lexicon still works (its matcher is built)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-tables-'));
    const good = fs.readFileSync(TABLES);
    const cases: [string, Uint8Array, RegExp][] = [
      ['garbage.bin', Buffer.from('not tables at all, just some text. '.repeat(10)), /garbage\.bin: matcher tables: not a tables file/],
      ['truncated.bin', good.subarray(0, good.length >> 1), /truncated\.bin: matcher tables: the file is truncated/],
      ['extended.bin', Buffer.concat([good, Buffer.alloc(8)]), /extended\.bin: matcher tables: the file is truncated or extended/],
      // Issue 25: a changed word table mask made the kernel loop forever; other header numbers made it trap.
      ['mask.bin', headerWord(good, 6, 4094, false), /mask\.bin: matcher tables: the checksum does not match the contents/],
      ['mask-resealed.bin', headerWord(good, 6, 8191, true), /mask-resealed\.bin: matcher tables: wordSlots has \d+ numbers for wordSlotMask 8191 \(the header does not fit the body\)/],
      ['nodes-resealed.bin', headerWord(good, 10 + 7, 4, true), /nodes-resealed\.bin: matcher tables: chainKey has \d+ entries for 1 nodes/],
      ['forms-resealed.bin', headerWord(good, 5, 100, true), /forms-resealed\.bin: matcher tables: patEntry has \d+ entries for 100 forms/],
      // A body byte changed (a trie node's key): the checksum.
      ['body.bin', flipped(good, good.length >> 1), /body\.bin: matcher tables: the checksum does not match the contents \(the file is damaged\)/],
      ['short.bin', good.subarray(0, 12), /short\.bin: matcher tables: 12 bytes is too short/],
    ];
    for (const [name, bytes, expected] of cases) {
      const m = new Matcher(reported(dir, name, bytes, expected));
      assert.equal(m.prebuilt, false);
      assert.deepEqual(
        m.annotate('Pembrolizumab blocks PD-1.', 'plain').map((x) => x.id),
        ['pembrolizumab', 'pd-1'],
      );
    }
    // Tables of another lexicon: reported too.
    const other = path.join(dir, 'other.bin');
    fs.writeFileSync(other, encodeTables(buildTables(builtin.entries.slice(0, 10)), formsDigest(builtin.entries.slice(0, 10))));
    const problems: string[] = [];
    readBuiltLexicon(builtinLexiconPath(), other, (p) => problems.push(p));
    assert.match(problems.join('\n'), /other\.bin was built from another lexicon than .*lexicon\.json/);
    fs.rmSync(dir, { recursive: true });
  });

  it('a crafted tables file (body changed, checksum made to match) whose numbers lead outside the tables is reported, not used: the kernel would loop or read outside its memory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-tables-'));
    const good = fs.readFileSync(TABLES);
    const crafted = (change: (t: ReturnType<typeof decodeTables>['tables']) => void): Uint8Array => {
      const bytes = new Uint8Array(good);
      // The decoded arrays are views of `bytes`: changing them changes the file.
      change(decodeTables(bytes).tables);
      sealTables(bytes);
      return bytes;
    };
    const cases: [string, Uint8Array, RegExp][] = [
      // Every word slot taken: a probe for a word that is not a first word never ends.
      ['full.bin', crafted((t) => t.wordSlots.forEach((_, i) => i % 8 === 0 && t.wordSlots[i] === 0 && (t.wordSlots[i] = 1))), /the word table has no free slot/],
      ['slot-node.bin', crafted((t) => (t.wordSlots[t.wordSlots.findIndex((x, i) => i % 8 === 0 && x > 0) + 2] = 1 << 28)), /a first word's node or characters lie outside the tables/],
      ['edge.bin', crafted((t) => (t.edges[1] = -5)), /a transition leads outside the trie/],
      // A node with one output, naming a pattern far past the last.
      ['outputs.bin', crafted((t) => (t.nodes[t.nodes.findIndex((x, i) => i % 4 === 0 && (x & 0xfff) === 1) + 1] = 1 << 26)), /a node's outputs lie outside the output list or name a pattern that does not exist/],
      ['case.bin', crafted((t) => (t.patCs[1] = 1 << 20)), /a case-sensitive form lies outside its pool/],
      ['entry.bin', crafted((t) => (t.patEntry[0] = 100000)), /pattern 0 names entry 100000, the lexicon has \d+/],
    ];
    for (const [name, bytes, expected] of cases) assert.equal(new Matcher(reported(dir, name, bytes, expected)).prebuilt, false, name);
    fs.rmSync(dir, { recursive: true });
  });

  it('a tables file that is a device, a named pipe, or far too large, is refused before it is read (a link to /dev/zero was read forever, a 1.9 GB file read whole)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-tables-'));
    const zero = path.join(dir, 'zero.bin');
    fs.symlinkSync('/dev/zero', zero);
    const huge = path.join(dir, 'huge.bin');
    // A sparse file: its size is what is checked, none of it is read.
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 1900 * 1024 * 1024);
    // A named pipe nobody writes to: opening it must not wait for a writer.
    const fifo = path.join(dir, 'fifo.bin');
    execFileSync('mkfifo', [fifo]);
    for (const [file, expected] of [
      [zero, /zero\.bin: matcher tables: not a regular file; the matcher is built instead/],
      [fifo, /fifo\.bin: matcher tables: not a regular file; the matcher is built instead/],
      [huge, new RegExp(`huge\\.bin: matcher tables: ${1900 * 1024 * 1024} bytes is more than it can be \\(${MAX_TABLES_BYTES}\\)`)],
    ] as const) {
      const problems: string[] = [];
      const lexicon = readBuiltLexicon(builtinLexiconPath(), file, (p) => problems.push(p));
      assert.equal(problems.length, 1);
      assert.match(problems[0], expected);
      assert.equal(new Matcher(lexicon).annotate('Pembrolizumab blocks PD-1.', 'plain').length, 2);
    }
    fs.rmSync(dir, { recursive: true });
  });
});

/**
 * The built-in lexicon read with `bytes` as its tables file (`name` in `dir`): asserts that one problem was
 * reported, matching `expected`, and that it says the matcher is built instead.
 */
function reported(dir: string, name: string, bytes: Uint8Array, expected: RegExp): Lexicon {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const problems: string[] = [];
  const lexicon = readBuiltLexicon(builtinLexiconPath(), file, (p) => problems.push(p));
  assert.equal(problems.length, 1, name);
  assert.match(problems[0], expected, name);
  assert.match(problems[0], /the matcher is built instead$/, name);
  return lexicon;
}

/** The tables with header word `word` set to `value`, and their checksum made to match when `reseal`. */
function headerWord(good: Buffer, word: number, value: number, reseal: boolean): Uint8Array {
  const bytes = new Uint8Array(good);
  new DataView(bytes.buffer).setInt32(4 * word, value, true);
  if (reseal) sealTables(bytes);
  return bytes;
}

function flipped(good: Buffer, at: number): Uint8Array {
  const bytes = new Uint8Array(good);
  bytes[at] ^= 1;
  return bytes;
}
