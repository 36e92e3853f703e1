/**
 * The shapes of issue 10 §1 that made a region scan quadratic or hang, and a measurement of how the
 * annotation time grows from n to 4n bytes (run by test/unit/matcher-linear.test.ts in a worker with a
 * time limit).
 */
import { Matcher } from '../../src/core/matcher';
import type { DocLanguage } from '../../src/core/regions';
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
  /** Best of three, for `reps` annotations. */
  small: number;
  large: number;
  ratio: number;
}

/** The growth from n to 4n characters of one shape (see {@link measure}). */
function growth(shape: Shape, n: number): Growth {
  const small = fill(shape.unit, n);
  const large = fill(shape.unit, 4 * n);
  isolateReport({ size: small.length, language: shape.language, start: small.slice(0, 60) });
  const once = Math.min(time(small, shape.language, 1), time(small, shape.language, 1));
  const reps = Math.max(1, Math.ceil(10 / Math.max(once, 0.01)));
  let best = Infinity;
  for (let k = 0; k < 3; k++) best = Math.min(best, time(small, shape.language, reps));
  isolateReport({ size: large.length, language: shape.language, start: large.slice(0, 60) });
  let bestLarge = Infinity;
  for (let k = 0; k < 3; k++) {
    // The first run also grows the kernel's memory for the larger text: it counts only if it is the best
    // (the small text had a warm-up run).
    bestLarge = Math.min(bestLarge, time(large, shape.language, reps));
    if (bestLarge / best >= 32) break;
  }
  return { n, reps, small: best, large: bestLarge, ratio: bestLarge / best };
}

/**
 * Annotates the shape at n and 4n characters with the built-in lexicon and returns the growth of the best
 * of three runs. Each measurement repeats the annotation until the small text takes at least 10 ms, so
 * that timer noise does not decide the ratio; a large run 32 times slower than the small one ends the
 * measurement early (no noise explains that). The same growth is measured first at n/16 and n/4: a
 * quadratic scan shows there too (16x), and is reported without spending seconds on the large sizes.
 */
export function measure(args: { shape: string; n: number }): Growth {
  matcher ??= new Matcher(loadBuiltinLexicon());
  const shape = SHAPES.find((s) => s.name === args.shape);
  if (!shape) throw new Error(`unknown shape ${args.shape}`);
  const first = growth(shape, Math.floor(args.n / 16));
  if (first.ratio >= 12) return first;
  return growth(shape, args.n);
}
