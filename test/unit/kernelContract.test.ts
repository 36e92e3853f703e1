/**
 * Issue 21 §5: the TypeScript↔WebAssembly contract (header slots, memory layout, class bits, trie and
 * pattern flags, LaTeX name kinds) is in one place, assembly/contract.ts, which both sides import. These
 * tests fail when the two sides drift: the committed kernel (src/core/matching/kernelWasm.ts) was compiled from
 * other values than the TypeScript reads, a side keeps a copy of its own, or the kernel's layers import
 * upwards.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as contract from '../../assembly/contract';
import { newKernel } from '../../src/core/matching/kernel';
import { IGNORABLE, SPACE } from '../../src/core/text/normalize';

const ROOT = path.join(__dirname, '..', '..');
const ASSEMBLY = path.join(ROOT, 'assembly');

describe('the kernel contract (assembly/contract.ts)', () => {
  it('the compiled kernel holds the values TypeScript reads, for every constant of the contract (else run npm run build:wasm)', () => {
    const exports = newKernel() as unknown as Record<string, unknown>;
    const names = Object.keys(contract);
    assert.ok(names.length > 40, `${names.length} constants`);
    for (const [name, value] of Object.entries(contract)) {
      // An exported constant is a WebAssembly.Global: an object with a value.
      const global = exports[name] as { value: unknown } | undefined;
      assert.ok(typeof global === 'object' && 'value' in global, `the kernel does not export ${name}: run npm run build:wasm`);
      assert.equal(global.value, value, `${name}: the kernel was compiled with ${global.value}, TypeScript reads ${value}; run npm run build:wasm`);
    }
  });

  it('the header slots are numbered 0…SLOT_COUNT−1, each once, and fit before the result words', () => {
    const slots = Object.entries(contract).filter(([name]) => name.startsWith('SLOT_') && name !== 'SLOT_COUNT');
    assert.equal(slots.length, contract.SLOT_COUNT);
    assert.deepEqual(slots.map(([, v]) => v).sort((a, b) => a - b), [...Array(contract.SLOT_COUNT).keys()]);
    assert.ok(contract.SLOT_COUNT <= contract.HEADER_SLOTS);
    assert.equal(contract.RESULT_AT, contract.HEADER_AT + 4 * contract.HEADER_SLOTS);
    // The kernel's own areas lie between the result words and the tables, without overlapping.
    const areas = [
      [contract.RESULT_AT, contract.RESULT_AT + 12],
      [contract.CODE_MEMO_AT, contract.CODE_MEMO_AT + 33 * 16],
      [contract.END_MEMO_AT, contract.END_MEMO_AT + 12 * contract.NAME_SLOTS_MAX],
      [contract.ACC_AT, contract.ACC_AT + 64],
    ];
    for (let i = 1; i < areas.length; i++) assert.ok(areas[i - 1][1] <= areas[i][0], `area ${i - 1} overlaps area ${i}`);
    assert.ok(areas[areas.length - 1][1] <= contract.TABLES_AT);
  });

  it("the fold values the kernel compares with are normalize.ts's", () => {
    assert.equal(IGNORABLE, contract.FOLD_IGNORABLE);
    assert.equal(SPACE, contract.FOLD_SPACE);
  });

  it('neither side keeps its own copy: no header slot read or written by number, no class bit or address defined apart', () => {
    const files = [
      ...fs.readdirSync(ASSEMBLY).filter((f) => f.endsWith('.ts') && f !== 'contract.ts').map((f) => path.join(ASSEMBLY, f)),
      ...['matching/matcher.ts', 'matching/matcherTables.ts', 'matching/kernel.ts', 'text/regions.ts'].map((f) => path.join(ROOT, 'src', 'core', f)),
    ];
    const copies: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const where = path.relative(ROOT, file);
      for (const m of text.matchAll(/\bhdr\(\s*\d+\s*\)/g)) copies.push(`${where}: ${m[0]}`);
      for (const m of text.matchAll(/\b(?:const|let)\s+(CLS_(?:WORD|SPECIAL|START_ANYWHERE|IGNORABLE|SPACE)|PAT_(?:BOUNDARY_END|CASE)|(?:KERNEL_)?(?:HEADER|RESULT|TABLES)(?:_AT)?)\s*(?::\s*\w+\s*)?=\s*(?:0x)?\d/g)) copies.push(`${where}: ${m[0]}`);
    }
    assert.deepEqual(copies, []);
  });
});

describe('the kernel layers (assembly/)', () => {
  // Lower layers first: a file imports only from files of lower layers (the contract from none).
  const LAYERS = [['contract.ts'], ['text.ts', 'checksum.ts', 'tableCheck.ts'], ['markup.ts'], ['output.ts'], ['walk.ts'], ['regions.ts'], ['markdown.ts', 'latex.ts'], ['kernel.ts']];

  it('every file of assembly/ has a layer', () => {
    const files = fs.readdirSync(ASSEMBLY).filter((f) => f.endsWith('.ts')).sort();
    assert.deepEqual(files, LAYERS.flat().sort());
  });

  it('the word scan imports neither the region scans nor the Markdown or LaTeX scanner; each file imports only layers below it', () => {
    const layerOf = new Map(LAYERS.flatMap((files, layer) => files.map((f) => [f, layer] as const)));
    const upward: string[] = [];
    for (const [file, layer] of layerOf) {
      const text = fs.readFileSync(path.join(ASSEMBLY, file), 'utf8');
      for (const m of text.matchAll(/from '\.\/(\w+)'/g)) {
        const target = `${m[1]}.ts`;
        if (file === 'kernel.ts') continue;
        if ((layerOf.get(target) ?? Infinity) >= layer) upward.push(`${file} imports ${target}`);
      }
    }
    assert.deepEqual(upward, []);
  });
});
