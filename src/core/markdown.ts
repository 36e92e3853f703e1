/** Markdown escaping shared by every hover and view that shows text read from lexicons or bibliographies. */

/**
 * Escapes text for a Markdown hover so that nothing read from a file can become a link, an image, HTML, a
 * heading or a command: every ASCII punctuation character is backslash-escaped (CommonMark allows it),
 * line breaks become spaces and control characters are dropped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}
