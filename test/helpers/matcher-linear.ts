/**
 * The shapes of issue 10 §1 that made a region scan quadratic or hang, and a measurement of how the
 * annotation time grows from n to 4n bytes (run by test/unit/matcher-linear.test.ts in a worker with a
 * time limit).
 */
import { Matcher } from '../../src/core/matching/matcher';
import type { DocLanguage } from '../../src/core/text/regions';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { isolateReport } from './isolate';

export interface Shape {
  name: string;
  language: DocLanguage;
  /** The unit repeated to fill the text. */
  unit: string;
}

/** Each shape of issue 10 §1, repeated to fill the text. */
export const SHAPES: Shape[] = [
  { name: 'a Markdown table of prices in one paragraph (| Drug | $5 | $6 |)', language: 'markdown', unit: '| Drug | $5 | $6 |\n' },
  { name: 'unclosed Markdown fences ```a, each followed by a blank line', language: 'markdown', unit: '```a\n\n' },
  { name: 'unclosed HTML comments <!--, each followed by a blank line', language: 'markdown', unit: '<!--\n\n' },
  { name: 'unclosed Markdown math \\(, each followed by a blank line', language: 'markdown', unit: '\\(\n\n' },
  { name: 'unclosed LaTeX math \\(, each followed by a blank line', language: 'latex', unit: '\\(\n\n' },
  { name: 'unclosed LaTeX \\begin{verbatim}, each followed by a blank line', language: 'latex', unit: '\\begin{verbatim}\n\n' },
  { name: 'unclosed LaTeX \\begin{comment}, each followed by a blank line', language: 'latex', unit: '\\begin{comment}\n\n' },
  { name: 'unclosed LaTeX \\verb|, each followed by a blank line', language: 'latex', unit: '\\verb|\n\n' },
  { name: 'Markdown ]( repeated in one paragraph', language: 'markdown', unit: '](' },
  { name: 'Markdown ][ repeated in one paragraph', language: 'markdown', unit: '][' },
  { name: 'LaTeX \\cite[ repeated in one paragraph', language: 'latex', unit: '\\cite[' },
  { name: 'Markdown RT<sup></sup> repeated (must return at all)', language: 'markdown', unit: 'RT<sup></sup> ' },
  { name: 'Markdown CD8<sup>+</sup> T cells repeated (must return at all)', language: 'markdown', unit: 'CD8<sup>+</sup> T cells ' },
  { name: 'spaced signs CD8 + CD4 + T cells repeated (plain-text copies of papers)', language: 'plain', unit: 'CD8 + CD4 + T cells ' },
  { name: 'a spaced chain CD4 + CD25 + with no cells, one paragraph', language: 'plain', unit: 'CD4 + CD25 + ' },
];

let matcher: Matcher | undefined;

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Milliseconds for `reps` annotations of text. */
function time(text: string, language: DocLanguage, reps: number): number {
  const t = performance.now();
  for (let r = 0; r < reps; r++) matcher!.annotate(text, language);
  return performance.now() - t;
}

export interface Growth {
  n: number;
  reps: number;
  /** The best runs of each size, for `reps` annotations (the small text's measured over 4 * reps, divided by 4). */
  small: number;
  large: number;
  ratio: number;
}

/**
 * The growth from n to 4n characters of one shape (see {@link measure}). Small and large runs alternate, so
 * that a burst of load from other processes slows both alike; each size keeps its best run. Three rounds,
 * and up to five more while the ratio looks superlinear but not clearly so (noise only ever slows a run).
 */
function growth(shape: Shape, n: number, targetMs: number): Growth {
  const small = fill(shape.unit, n);
  const large = fill(shape.unit, 4 * n);
  isolateReport({ size: small.length, language: shape.language, start: small.slice(0, 60) });
  // As many annotations of the small text as take targetMs (after a warm-up run).
  time(small, shape.language, 1);
  let reps = 0;
  for (const t0 = performance.now(); performance.now() - t0 < targetMs; reps++) matcher!.annotate(small, shape.language);
  let best = Infinity;
  let bestLarge = Infinity;
  for (let round = 0; round < 8; round++) {
    isolateReport({ size: small.length, language: shape.language, start: small.slice(0, 60) });
    // Four times as many small runs as large ones: both measurements last about as long, so that neither
    // is a luckier minimum than the other.
    best = Math.min(best, time(small, shape.language, 4 * reps) / 4);
    isolateReport({ size: large.length, language: shape.language, start: large.slice(0, 60) });
    // The first large run also grows the kernel's memory: it counts only if it is the best.
    bestLarge = Math.min(bestLarge, time(large, shape.language, reps));
    const ratio = bestLarge / best;
    if (round >= 2 && (ratio < 8 || ratio >= 32)) break;
  }
  return { n, reps, small: best, large: bestLarge, ratio: bestLarge / best };
}

/**
 * Annotates the shape at n and 4n characters with the built-in lexicon and returns the growth of the best
 * runs. Each measurement repeats the annotation as often as the small text takes 10 ms, so that timer noise
 * does not decide the ratio. The same growth is measured first at n/16: a quadratic scan shows there too
 * (16x), and is reported without spending seconds on the large sizes.
 */
export function measure(args: { shape: string; n: number }): Growth {
  matcher ??= new Matcher(loadBuiltinLexicon());
  const shape = SHAPES.find((s) => s.name === args.shape);
  if (!shape) throw new Error(`unknown shape ${args.shape}`);
  const first = growth(shape, Math.floor(args.n / 16), 10);
  if (first.ratio >= 12) return first;
  return growth(shape, args.n, 10);
}
