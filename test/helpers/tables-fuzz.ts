/**
 * The matcher tables file fuzzed (run by test/unit/matcherTablesFuzz.test.ts in a worker thread with a time
 * limit, see isolate.ts, so that a file that makes the kernel loop fails the test, naming the file, instead
 * of hanging it). Random damage to the built-in lexicon's dist/matcher-tables.bin — bytes flipped in the
 * header or the body, header numbers replaced by random or boundary values, the file cut short or
 * lengthened — is loaded through the real loader (readBuiltLexicon) and used: either the problem is
 * reported and the tables are not used (the matcher is then built from the entries, as for any lexicon),
 * or the mentions of real documents are exactly those of a matcher built from the entries. Crafted files
 * (body bytes changed and the checksum made to match) are also tried: whatever they find, they must not
 * hang or trap. A trap (WebAssembly's "memory access out of bounds") fails the property as an error.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Mention } from '../../src/core/matching/matcher';
import { Matcher } from '../../src/core/matching/matcher';
import type { MatcherTables } from '../../src/core/matching/matcherTables';
import { attachedTables, decodeTables, sealTables } from '../../src/core/matching/matcherTables';
import type { DocLanguage } from '../../src/core/text/regions';
import { builtinLexiconPath, loadBuiltinLexicon, readBuiltLexicon } from '../../src/node/builtin';
import { isolateReport } from './isolate';

const ROOT = path.join(__dirname, '..', '..');
const TABLES = path.join(ROOT, 'dist', 'matcher-tables.bin');
/** The header's words (see matcherTables.ts): damage there is tried apart, and more often than its share of the bytes. */
const HEADER_WORDS = 27;

/** One kind of damage to the file. */
export type Damage =
  | { kind: 'flip'; flips: { at: number; xor: number }[]; reseal?: boolean }
  | { kind: 'header'; word: number; value: number; reseal: boolean }
  | { kind: 'cut'; length: number }
  | { kind: 'extend'; bytes: number[] };

export interface FuzzArgs {
  seed: number;
  numRuns: number;
}

export interface FuzzResult {
  failed: boolean;
  numRuns: number;
  counterexample: string | null;
  error: string | null;
  /** Runs whose damage was reported (the tables not used), and runs whose tables were used (identical mentions). */
  reported: number;
  used: number;
  /** Crafted files (damage with a matching checksum) whose tables were used: they returned, without a trap. */
  craftedUsed: number;
  /** The problems reported, one of each kind (the message without the file's path). */
  messages: string[];
}

/** Applies damage to a copy of the file's bytes. */
export function damaged(good: Uint8Array, d: Damage): Uint8Array {
  if (d.kind === 'cut') return good.slice(0, d.length);
  if (d.kind === 'extend') return Uint8Array.from([...good, ...d.bytes]);
  const bytes = good.slice();
  if (d.kind === 'flip') {
    for (const f of d.flips) bytes[f.at % bytes.length] ^= f.xor;
    if (d.reseal) sealTables(bytes);
  } else {
    new DataView(bytes.buffer).setInt32(4 * d.word, d.value, true);
    // A file damaged and then given a matching checksum: only the layout checks can catch it.
    if (d.reseal) sealTables(bytes);
  }
  return bytes;
}

function damageArb(good: Uint8Array): fc.Arbitrary<Damage> {
  const header = new DataView(good.buffer, good.byteOffset, 4 * HEADER_WORDS);
  const headerValue = (word: number) => {
    const v = header.getInt32(4 * word, true);
    return fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, 0x7fffffff, -0x80000000, v + 1, v - 1, v * 2, v >> 1, v ^ 0x10000, good.length));
  };
  return fc.oneof(
    // The file as built, now and then: the property must also pass through its other branch.
    fc.constant<Damage>({ kind: 'flip', flips: [] }),
    fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.record({ at: fc.nat(good.length - 1), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.record({ at: fc.nat(4 * HEADER_WORDS - 1), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 3 }) }),
    fc.integer({ min: 0, max: HEADER_WORDS - 1 }).chain((word) => fc.record({ kind: fc.constant('header' as const), word: fc.constant(word), value: headerValue(word), reseal: fc.boolean() })),
    // Body numbers changed and the checksum made to match (a crafted file): only the body's bounds catch them.
    fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.record({ at: fc.integer({ min: 4 * HEADER_WORDS, max: good.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 8 }), reseal: fc.constant(true) }),
    fc.record({ kind: fc.constant('cut' as const), length: fc.nat(good.length - 1) }),
    fc.record({ kind: fc.constant('extend' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }) }),
  );
}

/** Real documents of each language, cut to a few kilobytes so that a run stays short. */
function documents(): [string, DocLanguage][] {
  const read = (f: string) => fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8').slice(0, 6000);
  return [
    [read('review-section.md'), 'markdown'],
    [read('zh-review.md'), 'markdown'],
    [read('paper.tex'), 'latex'],
    [read('minibeam-review.md'), 'plain'],
  ];
}

function sameContents(a: MatcherTables[keyof MatcherTables], b: MatcherTables[keyof MatcherTables]): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function plain(ms: Mention[]): string {
  return ms.map((m) => `${m.start}-${m.end} ${m.id}`).join('\n');
}

/** The property: damage is reported (tables not used) or makes no difference to any mention. */
export function runFuzz(args: FuzzArgs): FuzzResult {
  const good = new Uint8Array(fs.readFileSync(TABLES));
  const builtin = loadBuiltinLexicon();
  const docs = documents();
  const reference = new Matcher([...builtin.entries]);
  const expected = docs.map(([text, language]) => plain(reference.annotate(text, language)));
  const built = decodeTables(good).tables;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-tables-fuzz-'));
  const file = path.join(dir, 'matcher-tables.bin');
  let reported = 0;
  let used = 0;
  let craftedUsed = 0;
  const messages = new Map<string, string>();
  try {
    const r = fc.check(
      fc.property(damageArb(good), (d) => {
        isolateReport(d);
        fs.writeFileSync(file, damaged(good, d));
        const problems: string[] = [];
        const lexicon = readBuiltLexicon(builtinLexiconPath(), file, (p) => problems.push(p));
        if (problems.length > 0) {
          if (problems.length !== 1 || !problems[0].includes(file) || !/the matcher is built instead/.test(problems[0])) throw new Error(`not one clear report naming the file: ${JSON.stringify(problems)}`);
          if (attachedTables(lexicon.entries) !== undefined) throw new Error('reported, yet the damaged tables were attached');
          reported++;
          const message = problems[0].replace(file, '<file>').replace(/-?\d+/g, 'N');
          if (!messages.has(message.slice(0, 60))) messages.set(message.slice(0, 60), problems[0].replace(file, '<file>'));
          return;
        }
        // Not reported: the tables are used.
        const m = new Matcher(lexicon);
        if (!m.prebuilt) throw new Error('not reported, yet the tables were not used');
        if (d.kind === 'flip' && d.reseal) {
          // A crafted body within bounds may find other mentions (only its maker knows which); it must not
          // hang or trap.
          for (const [text, language] of docs) m.annotate(text, language);
          craftedUsed++;
          return;
        }
        used++;
        docs.forEach(([text, language], i) => {
          const got = plain(m.annotate(text, language));
          if (got !== expected[i]) throw new Error(`the damaged tables were used without a report and changed the mentions of a ${language} document`);
        });
        // Every mention of every document depends on the tables alone, so they must be the tables as built
        // (the documents above only sample that). Checked after they were used, so that a file that makes the
        // kernel loop or trap shows as such.
        const tables = attachedTables(lexicon.entries);
        if (!tables) throw new Error('not reported, yet the tables were not attached');
        for (const [name, value] of Object.entries(tables) as [keyof MatcherTables, MatcherTables[keyof MatcherTables]][]) {
          if (!sameContents(value, built[name])) throw new Error(`the damaged tables were used without a report: their ${name} differs from the tables as built`);
        }
      }),
      { seed: args.seed, numRuns: args.numRuns },
    );
    return {
      failed: r.failed,
      numRuns: r.numRuns,
      counterexample: r.counterexample ? JSON.stringify(r.counterexample) : null,
      error: r.errorInstance ? String((r.errorInstance as Error).message ?? r.errorInstance) : null,
      reported,
      used,
      craftedUsed,
      messages: [...messages.values()],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
