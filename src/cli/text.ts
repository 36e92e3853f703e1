/**
 * Words and columns of the CLI's human-readable output: a noun in the number of its count (`1 mention`,
 * `2 mentions`), and padding by terminal columns, where a Chinese character (East Asian Wide or Fullwidth,
 * Unicode UAX #11) takes two columns and a combining mark none, so tables with Chinese text stay aligned.
 */

/** `1 mention`, `2 mentions`, `1 entry`, `0 entries`: `many` defaults to `one` + `s`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Wide and Fullwidth ranges of UAX #11 (East_Asian_Width W and F), as [first, last] code points. */
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/** Columns a code point takes in a terminal: 2 for East Asian Wide/Fullwidth, 0 for combining marks and zero-width characters, else 1. */
function columns(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0;
  for (const [a, b] of WIDE) if (cp >= a && cp <= b) return 2;
  return 1;
}

/** The columns a string takes in a terminal. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += columns(ch.codePointAt(0)!);
  return w;
}

/** Pads with spaces to `width` columns. */
export function padEndColumns(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** Cuts to at most `width` columns, ending with `…` when cut. */
export function clipColumns(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const c = columns(ch.codePointAt(0)!);
    if (w + c > width - 1) break;
    out += ch;
    w += c;
  }
  return `${out}…`;
}
