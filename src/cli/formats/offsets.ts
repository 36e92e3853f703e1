/**
 * Offsets in the unit a format's readers count in — the one place where the CLI converts them. Matching
 * works in JavaScript's UTF-16 code units; our JSON keeps them (a JavaScript consumer slices with them),
 * while the BioNLP formats count Unicode code points, as the Python tools that read them do (brat, bconv,
 * the bioc package, PubTator3's exports): "😀" is 2 UTF-16 units, 1 code point and 4 UTF-8 bytes.
 */
import { lowerBound } from '../../core/text/sorted';

export const OFFSET_UNITS = ['utf16', 'codepoint', 'utf8'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];

/**
 * A function from UTF-16 offsets into `text` to offsets in `unit`. Each call counts on (or back) from the
 * previous one, so converting the sorted mentions of a text costs about one pass over it.
 */
export function offsetConverter(text: string, unit: OffsetUnit): (utf16: number) => number {
  if (unit === 'utf16') return (i) => i;
  if (unit === 'codepoint') {
    // Code points are UTF-16 units less the pairs before the offset: found once, then a binary search.
    const pairs: number[] = [];
    for (let i = 0; i < text.length - 1; i++) {
      if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) pairs.push(i++);
    }
    if (pairs.length === 0) return (i) => i;
    return (target) => target - lowerBound(pairs, target);
  }
  const size = (at: number): number => {
    const c = text.charCodeAt(at);
    return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  };
  const isPair = (at: number) => (text.charCodeAt(at) & 0xfc00) === 0xd800 && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
  // UTF-8 bytes: a walk from the previous offset. A surrogate pair is one code point of four bytes; an
  // offset never falls inside one (matching only ends on whole characters), so a pair is stepped over whole.
  const pairSize = 4;
  let at = 0;
  let count = 0;
  return (target: number) => {
    // Overlapping or nested mentions step back a little; walk back from here rather than from the start.
    while (at > target) {
      if (at >= 2 && isPair(at - 2)) {
        at -= 2;
        count -= pairSize;
      } else {
        at--;
        count -= size(at);
      }
    }
    while (at < target) {
      if (isPair(at)) {
        count += pairSize;
        at += 2;
      } else {
        count += size(at);
        at++;
      }
    }
    return count;
  };
}

/** The length of `text` in `unit`. */
export function lengthIn(text: string, unit: OffsetUnit): number {
  return offsetConverter(text, unit)(text.length);
}
