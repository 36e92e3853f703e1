/** Offsets to line numbers, for every reader that reports a problem at a line (BibTeX, CSL-JSON, lexicons). */

/** Offsets where each line of `text` starts (the first is 0). One pass over the text. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i >= 0) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/** The 0-based line of an offset, by binary search over {@link lineStarts}. */
export function lineIndexAt(starts: readonly number[], pos: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
