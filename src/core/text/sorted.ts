/**
 * Binary search of a sorted array: the index of the first element not less than `x` (the array's length if
 * none is). One place for the searches over sorted offsets and sorted forms.
 */
export function lowerBound<T extends number | string>(xs: readonly T[], x: T): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
