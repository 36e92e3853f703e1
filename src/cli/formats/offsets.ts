/**
 * Offsets in the unit a format's readers count in — the one place where the CLI converts them. Matching
 * works in JavaScript's UTF-16 code units; our JSON keeps them (a JavaScript consumer slices with them),
 * while the BioNLP formats count Unicode code points, as the Python tools that read them do (brat, bconv,
 * the bioc package, PubTator3's exports): "😀" is 2 UTF-16 units, 1 code point and 4 UTF-8 bytes.
 */
export const OFFSET_UNITS = ['utf16', 'codepoint', 'utf8'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];

/**
 * A function from UTF-16 offsets into `text` to offsets in `unit`. Calls are fastest in increasing order
 * (mentions are sorted): each continues counting from the previous one, so converting all the mentions of
 * a text costs one pass over it.
 */
export function offsetConverter(text: string, unit: OffsetUnit): (utf16: number) => number {
  if (unit === 'utf16') return (i) => i;
  let at = 0;
  let count = 0;
  return (target: number) => {
    if (target < at) {
      at = 0;
      count = 0;
    }
    while (at < target) {
      const c = text.charCodeAt(at);
      if (c >= 0xd800 && c <= 0xdbff && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00) {
        // A surrogate pair: one code point of four UTF-8 bytes. An offset never falls inside it (matching
        // only ends on whole characters), so the pair is consumed together.
        count += unit === 'utf8' ? 4 : 1;
        at += 2;
        continue;
      }
      count += unit === 'codepoint' ? 1 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      at++;
    }
    return count;
  };
}

/** The length of `text` in `unit`. */
export function lengthIn(text: string, unit: OffsetUnit): number {
  return offsetConverter(text, unit)(text.length);
}
