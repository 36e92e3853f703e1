/**
 * The inputs of issue 25 that made mining, the manuscript checks and a document's own abbreviations
 * quadratic or worse, and a measurement of how the CPU time grows from n to 4n characters (run by
 * test/unit/text-linear.test.ts in a worker with a time limit, so that a hang fails its test).
 */
import { annotateDocument } from '../../src/core/matching/documentAnnotation';
import { indexById } from '../../src/core/lexicon/lexicon';
import type { Entry, Lexicon } from '../../src/core/lexicon/lexicon';
import { createOncoLexService } from '../../src/core/service/service';
import { textDocument } from '../../src/core/service/document';
import { settingsFrom } from '../../src/core/settings';
import { Matcher } from '../../src/core/matching/matcher';
import { mine, minedLexiconText } from '../../src/core/mining/mine';
import type { DocLanguage } from '../../src/core/text/regions';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { isolateReport } from './isolate';

v8.setFlagsFromString('--expose-gc');
/** A full garbage collection, so that one run does not pay for the garbage of the run before it. */
const collect = vm.runInNewContext('gc') as () => void;

/** What runs on a text: `oncolex mine`, `oncolex check`, or the document's annotation (`annotate`, the editor). */
export type TextCommand = 'mine' | 'check' | 'annotate';

export interface TextShape {
  name: string;
  command: TextCommand;
  language: DocLanguage;
  /** A text of about `size` characters. */
  make: (size: number) => string;
  /** n, the smaller size measured (4n is the larger): large enough that a run takes tens of milliseconds. */
  n: number;
}

/** `unit` repeated to `size` characters, after `head`. */
const fill = (unit: string, head = '') => (size: number) => head + unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Three capital letters from a number: a distinct short form for each of 17,576 definitions. */
function code(i: number): string {
  const a = String.fromCharCode(65 + (i % 26));
  const b = String.fromCharCode(65 + (Math.floor(i / 26) % 26));
  const c = String.fromCharCode(65 + (Math.floor(i / 676) % 26));
  return a + b + c;
}

/**
 * Many defined abbreviations, all beginning with the same letter (about 6,000 per 200 KB): `quick axe bed
 * (QAB) and QAB rose.`, each one also used.
 */
export function manyDefinitions(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const short = `Q${code(i)}`;
    const words = [...short].map((ch) => `${ch.toLowerCase()}ux`).join(' ');
    const part = `${words} (${short}) and ${short} rose. `;
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/**
 * Half the text short lines, then one abbreviation defined again on every line: each redefinition names the
 * line of the first definition, which lies deep in the text.
 */
export function lateRedefinitions(size: number): string {
  const lines = 'A line.\n'.repeat(Math.ceil(size / 2 / 8));
  return lines + fill('We measured the tumour mutational burden (TMB) here.\n')(size - lines.length);
}

/** One sentence that never ends, naming a new term every few words: evidence must not repeat it whole. */
export function unsplitSentence(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = `${code(i).toLowerCase()}ish suppressor cells and CD8 T cells with ${code(i + 7).toLowerCase()}ase receptor, `;
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** The built-in review (plain text extracted from a PDF, English and Chinese), repeated. */
function review(size: number): string {
  reviewText ??= fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'review', 'abscopal-review-2024.txt'), 'utf8');
  return fill(reviewText)(size);
}
let reviewText: string | undefined;

export const TEXT_SHAPES: TextShape[] = [
  { name: 'mine: [@ repeated (Markdown)', command: 'mine', language: 'markdown', make: fill('[@'), n: 50_000 },
  { name: 'mine: [ repeated (LaTeX)', command: 'mine', language: 'latex', make: fill('['), n: 50_000 },
  { name: 'mine: \\cite{a, repeated (LaTeX)', command: 'mine', language: 'latex', make: fill('\\cite{a,'), n: 50_000 },
  { name: 'mine: x [@a repeated (Markdown)', command: 'mine', language: 'markdown', make: fill('x [@a'), n: 50_000 },
  { name: 'mine: [1, repeated (plain text)', command: 'mine', language: 'plain', make: fill('[1, '), n: 50_000 },
  { name: 'mine: a Markdown heading with a long run of spaces (# a, spaces, b)', command: 'mine', language: 'markdown', make: (size) => `# a${' '.repeat(size)}b\n`, n: 50_000 },
  { name: 'mine: one sentence that never ends, naming many terms', command: 'mine', language: 'plain', make: unsplitSentence, n: 25_000 },
  { name: 'mine: many defined abbreviations', command: 'mine', language: 'markdown', make: manyDefinitions, n: 25_000 },
  { name: 'annotate: many defined abbreviations beginning with the same letter', command: 'annotate', language: 'markdown', make: manyDefinitions, n: 200_000 },
  { name: 'check: many defined abbreviations beginning with the same letter', command: 'check', language: 'markdown', make: manyDefinitions, n: 200_000 },
  { name: 'check: one abbreviation defined again on every line, half-way through the text', command: 'check', language: 'markdown', make: lateRedefinitions, n: 200_000 },
  { name: 'check: a brand name on every line', command: 'check', language: 'markdown', make: fill('Keytruda was given.\n'), n: 200_000 },
  { name: 'mine: the built-in review, repeated', command: 'mine', language: 'plain', make: review, n: 50_000 },
  { name: 'check: the built-in review, repeated', command: 'check', language: 'plain', make: review, n: 200_000 },
  { name: 'check: mixed spellings of one abbreviation', command: 'check', language: 'markdown', make: fill('PD-L1 and PDL1 rose. '), n: 200_000 },
  { name: 'annotate: digits and dashes that almost make trial registry numbers', command: 'annotate', language: 'plain', make: fill('2019-00345-8 NCT0212546 ChiCTR-ABCDEF-1 NL12 '), n: 200_000 },
  { name: 'annotate: a trial registry number on every line', command: 'annotate', language: 'markdown', make: fill('NCT02125461 and 2019-003454-83 and NL8435.\n'), n: 200_000 },
];

let matcher: Matcher | undefined;
let byId: Map<string, Entry> | undefined;

/** Runs the shape's command on text, as the CLI does; returns the size of what it produces. */
export function runCommand(command: TextCommand, text: string, language: DocLanguage): number {
  matcher ??= new Matcher(loadBuiltinLexicon());
  byId ??= indexById({ entries: matcher.entries } as Parameters<typeof indexById>[0]);
  const entries = byId;
  switch (command) {
    case 'mine':
      return minedLexiconText(mine([{ file: 'x', text, language }], matcher), ['x']).length;
    case 'annotate':
      return annotateDocument(matcher, text, language).mentions.length;
    case 'check': {
      // Through the service, as `oncolex check` asks it: every diagnostic with its fixes.
      const lexicon = { source: 'built-in', entries: matcher.entries } as Lexicon;
      const m = matcher;
      const settings = { ...settingsFrom(undefined), 'highlight.maxFileSizeKB': 0 };
      const service = createOncoLexService({ matcher: () => m, lexicon: () => lexicon, byId: () => entries, settings: () => settings, bibliographies: () => undefined, maxCheckedLength: Infinity });
      const file = language === 'latex' ? 'x.tex' : language === 'markdown' ? 'x.md' : 'x.txt';
      return service.diagnostics(textDocument(file, '', text), { disabled: new Set(), minUses: 3 }).length;
    }
  }
}

/** CPU time of this process in milliseconds: unlike wall time, it does not grow when the machine is busy. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface TextGrowth {
  n: number;
  /** The best CPU milliseconds of each size. */
  small: number;
  large: number;
  ratio: number;
}

/**
 * The growth from n to 4n characters of one shape: small and large runs alternate, so that load from other
 * processes slows both alike, and each size keeps its fastest run (noise only ever slows a run). Three
 * rounds, and up to seven more while the ratio is not clearly linear (a quadratic path gives 16).
 */
export function measureText(args: { shape: string }): TextGrowth {
  const shape = TEXT_SHAPES.find((s) => s.name === args.shape);
  if (!shape) throw new Error(`unknown shape ${args.shape}`);
  const small = shape.make(shape.n);
  const large = shape.make(4 * shape.n);
  isolateReport({ size: small.length, start: small.slice(0, 60) });
  runCommand(shape.command, small, shape.language); // warm-up
  let best = Infinity;
  let bestLarge = Infinity;
  for (let round = 0; round < 10; round++) {
    isolateReport({ size: small.length, start: small.slice(0, 60) });
    collect();
    let t0 = cpuMs();
    runCommand(shape.command, small, shape.language);
    best = Math.min(best, cpuMs() - t0);
    isolateReport({ size: large.length, start: large.slice(0, 60) });
    collect();
    t0 = cpuMs();
    runCommand(shape.command, large, shape.language);
    bestLarge = Math.min(bestLarge, cpuMs() - t0);
    const ratio = bestLarge / Math.max(best, 1);
    if (round >= 2 && ratio < 5) break;
  }
  return { n: shape.n, small: best, large: bestLarge, ratio: bestLarge / Math.max(best, 1) };
}

/** The CPU milliseconds of one run of a shape's command on a text of `size` characters (the 5 MB smoke run). */
export function timeOnce(args: { shape: string; size: number }): { ms: number; output: number } {
  const shape = TEXT_SHAPES.find((s) => s.name === args.shape);
  if (!shape) throw new Error(`unknown shape ${args.shape}`);
  const text = shape.make(args.size);
  runCommand(shape.command, shape.make(10_000), shape.language); // loads the lexicon outside the timing
  isolateReport({ size: text.length, start: text.slice(0, 60) });
  collect();
  const t0 = cpuMs();
  const output = runCommand(shape.command, text, shape.language);
  return { ms: cpuMs() - t0, output };
}
