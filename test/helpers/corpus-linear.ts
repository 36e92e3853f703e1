/**
 * How the corpus readers' time grows from n to 4n (run by test/unit/cliCorpusRobustness.test.ts in a worker
 * with a time limit, away from the test runner's heap): the streamed formats' line buffer on a line that
 * does not end, and the BioC XML and JSON readers on collections of many documents, many empty elements or
 * deep nesting.
 */
import { Readable } from 'node:stream';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { readBioc } from '../../src/cli/formats/biocRead';
import { readChunks } from '../../src/cli/formats/chunks';
import { biocCostProblem } from '../../src/cli/corpusLimits';
import { isJsonLinesCut } from '../../src/cli/formats/jsonl';
import { isPubTatorCut } from '../../src/cli/formats/pubtator';

export interface Growth {
  small: number;
  large: number;
  ratio: number;
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/**
 * Best of several alternating runs of n and 4n (a burst of load slows both alike; noise only ever slows a
 * run), in user CPU time: the kernel's time to map fresh memory (system time, which here depends on whether
 * the allocator reuses freed memory, not on the reader) is left out. The test runner's thread waits
 * meanwhile, so the process's user time is this worker's.
 */
async function growth(run: (scale: number) => Promise<void> | void): Promise<Growth> {
  await run(1); // compiled before it is timed
  let small = Infinity;
  let large = Infinity;
  // Five rounds, and up to five more while the ratio looks superlinear (noise only ever slows a run).
  for (let round = 0; round < 10 && (round < 5 || large >= 6 * small); round++) {
    for (const scale of [1, 4]) {
      // The last run's garbage is collected now, not during (and charged to) the next run.
      collectGarbage();
      const t = process.cpuUsage();
      await run(scale);
      const ms = process.cpuUsage(t).user / 1000;
      if (scale === 1) small = Math.min(small, ms);
      else large = Math.min(large, ms);
    }
  }
  return { small, large, ratio: large / small };
}

/** A line of 16 MiB times `scale` with no line feed, read 4 KiB at a time (as a pipe gives it). */
export function lineBuffer(arg: { cut: 'jsonl' | 'pubtator' }): Promise<Growth> {
  const isCut = arg.cut === 'jsonl' ? isJsonLinesCut : isPubTatorCut;
  const head = arg.cut === 'pubtator' ? '1|t|' : '';
  const piece = Buffer.alloc(4096, 0x61);
  return growth(async (scale) => {
    function* input() {
      if (head) yield Buffer.from(head);
      for (let i = 0; i < scale * 4096; i++) yield piece;
    }
    let n = 0;
    for await (const c of readChunks('-', { out() {}, err() {}, stdin: Readable.from(input()), maxRecordBytes: 1 << 30 }, isCut)) n += c.bytes.length;
    if (n !== head.length + scale * 4096 * 4096) throw new Error(`read ${n} bytes`);
  });
}

/** The BioC collections whose reading is timed: `n` scaled by 1 and 4. */
export const BIOC_SHAPES: Record<string, { kind: 'xml' | 'json'; text: (scale: number) => string }> = {
  'XML documents with passages and annotations': {
    kind: 'xml',
    text: (scale) =>
      `<collection><source>s</source>${`<document><id>1</id><infon key="k">v</infon><passage><offset>0</offset><text>PD-1 &amp; SBRT</text><annotation id="1"><infon key="type">drug</infon><location offset="0" length="4"/><text>PD-1</text></annotation></passage></document>\n`.repeat(5000 * scale)}</collection>`,
  },
  'XML of empty elements': { kind: 'xml', text: (scale) => `<collection>${'<document/>'.repeat(200_000 * scale)}</collection>` },
  'XML elements nested deep': { kind: 'xml', text: (scale) => `<collection><document><id>d</id>${'<a>'.repeat(100_000 * scale)}${'</a>'.repeat(100_000 * scale)}</document></collection>` },
  'JSON documents with passages and annotations': {
    kind: 'json',
    text: (scale) =>
      JSON.stringify({
        source: 's',
        documents: Array.from({ length: 10_000 * scale }, (_, i) => ({ id: String(i), infons: { k: 'v' }, passages: [{ offset: 0, text: 'PD-1 and SBRT', annotations: [{ id: '1', infons: { type: 'drug' }, locations: [{ offset: 0, length: 4 }], text: 'PD-1' }] }] })),
      }),
  },
  'JSON of tiny documents': { kind: 'json', text: (scale) => `{"documents":[${Array.from({ length: 50_000 * scale }, (_, i) => `{"id":"${i}","passages":[]}`).join(',')}]}` },
  'JSON documents with infons nested 200 deep (each refused)': {
    kind: 'json',
    text: (scale) => `{"documents":[${Array.from({ length: 2000 * scale }, (_, i) => `{"id":"${i}","infons":{"x":${'['.repeat(200)}${']'.repeat(200)}},"passages":[]}`).join(',')}]}`,
  },
};

export function biocReader(arg: { shape: string }): Promise<Growth> {
  const shape = BIOC_SHAPES[arg.shape];
  const texts = new Map([1, 4].map((scale) => [scale, shape.text(scale)]));
  // As `annotate` reads a BioC file: its cost checked first, then read.
  return growth((scale) => {
    const text = texts.get(scale)!;
    if (biocCostProblem(text, 'c', shape.kind) === undefined) readBioc(text, 'c', shape.kind, () => {});
  });
}
