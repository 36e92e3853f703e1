/**
 * Text for a terminal: what the CLI prints for people to read (`annotate --format table`, `dictionary
 * --format plain`) comes partly from workspace lexicons and file names, which may hold escape sequences
 * (ESC [ … m recolours or clears the screen, OSC 8 makes links, OSC 52 writes the clipboard) or
 * bidirectional overrides that show text other than it is. Such characters are written as visible
 * `\u{…}` escapes instead: nothing is dropped, nothing is interpreted.
 */

/** Whether a code unit is unsafe on a terminal: C0 controls (but tab and line feed), DEL, C1 controls, bidi overrides and isolates. */
function unsafe(c: number, inLine: boolean): boolean {
  if (c < 0x20) return inLine || (c !== 0x09 && c !== 0x0a);
  return (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

function escapeUnsafe(text: string, inLine: boolean): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!unsafe(c, inLine)) continue;
    // In one line, a tab or line break (a long form broken across lines) is a space.
    const shown = inLine && (c === 0x09 || c === 0x0a || c === 0x0d) ? ' ' : `\\u{${c.toString(16).toUpperCase().padStart(2, '0')}}`;
    out += text.slice(last, i) + shown;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** `text` with the characters a terminal would interpret written as visible escapes; tabs and line breaks stay. */
export function printable(text: string): string {
  return escapeUnsafe(text, false);
}

/** `text` as one line of a table: {@link printable}, with tabs and line breaks as spaces. */
export function printableLine(text: string): string {
  return escapeUnsafe(text, true);
}
