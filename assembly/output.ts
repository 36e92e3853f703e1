/**
 * The output areas: mentions as (start, end, pattern) triples and skipped ranges as (start, end) pairs,
 * handed over to src/core/matching/matcher.ts when one fills up (the scan is then called again from where it
 * stopped), and the RESULT words that say how many of each were written.
 */

import { MENTION_WORDS, RESULT_AT, SKIP_WORDS } from './contract';
import { OUT, OUT_CAP, SKIPS } from './text';

export let outCount: i32 = 0;

export let outFull: bool = false;

/**
 * After each scan: the number of mentions written, 1 if it stopped early because an output area is full
 * (call again from its result), and the number of skipped ranges written.
 */
export const RESULT: usize = RESULT_AT;

export function finish(stop: i32, full: bool): i32 {
  store<i32>(RESULT, outCount);
  store<i32>(RESULT, full ? 1 : 0, 4);
  store<i32>(RESULT, skipCount, 8);
  return stop;
}

/** Whether the output area is full (one more mention would not fit); sets outFull. */
@inline export function outputFull(): bool {
  outFull = outCount >= OUT_CAP - 1;
  return outFull;
}

/** Clears outFull at the start of a plain-text step. */
@inline export function clearOutputFull(): void {
  outFull = false;
}

/** Writes a mention: text[start, end) is pattern p. */
@inline export function emit(start: i32, end: i32, p: i32): void {
  const o = OUT + ((<usize>outCount * MENTION_WORDS) << 2);
  store<i32>(o, start);
  store<i32>(o, end, 4);
  store<i32>(o, p, 8);
  outCount++;
}

/** Starts a scan's output (or its resumption after a hand-over, which keeps the pending skipped range). */
export function beginOutput(resume: bool): void {
  outCount = 0;
  skipCount = 0;
  if (!resume) pendingStart = -1;
}

// Skipped ranges: merged as they come (a range that overlaps the pending one extends it) and written out
// once the next one starts after it.
export let skipCount: i32 = 0;

export let pendingStart: i32 = -1;

export let pendingEnd: i32 = 0;

export function skip(a: i32, b: i32): void {
  if (b <= a) return;
  if (pendingStart >= 0 && pendingEnd >= a) {
    if (b > pendingEnd) pendingEnd = b;
    return;
  }
  flushSkip();
  pendingStart = a;
  pendingEnd = b;
}

export function flushSkip(): void {
  if (pendingStart < 0) return;
  const o = SKIPS + ((<usize>skipCount * SKIP_WORDS) << 2);
  store<i32>(o, pendingStart);
  store<i32>(o, pendingEnd, 4);
  skipCount++;
  pendingStart = -1;
}

/**
 * The end of the last skipped range, or 0. Within a scan the last range is always the pending one: a range
 * is written out only when the next one starts, or when the scan ends.
 */
export function lastSkipEnd(): i32 {
  return pendingStart >= 0 ? pendingEnd : 0;
}
