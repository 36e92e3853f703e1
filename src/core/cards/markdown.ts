/** Markdown escaping shared by every hover and view that shows text read from lexicons or bibliographies. */

/**
 * Escapes text for a Markdown hover so that nothing read from a file can become a link, an image, HTML, a
 * heading, a list, emphasis, code or a command — and nothing else is touched, so an editor that shows the
 * Markdown as text (Emacs's eglot, Neovim 0.7) shows `anti-PD-1 (MSD/Merck & Co.)`, not `anti\-PD\-1`:
 *
 * - always: `\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>` (links, images, autolinks, HTML, emphasis, code);
 * - `~` next to another `~` (strikethrough, fences); `&` that starts an entity (`&amp;`, `&#169;`);
 * - `:` of `://` and the dot of `www.` (bare links that GFM renderers link by themselves);
 * - at the start (the text may open a line): `#`, `+`, `-` and the `.`/`)` of `1.`/`1)` before a space — headings
 *   and lists — and a run of `=` or `-` alone (a setext underline, a rule).
 *
 * Line breaks become spaces and control and bidirectional-override characters are dropped.
 */
export function escapeMarkdown(text: string): string {
  const flat = CONTROL.test(text) ? text.replace(CONTROL_ALL, '').replace(/\s*[\r\n]+\s*/g, ' ') : text;
  const inline = flat.replace(INLINE, '\\$&');
  return LINE_START.test(inline)
    ? inline
        .replace(/^(\s*)([#+-])(?=\s|$)/, '$1\\$2')
        .replace(/^(\s*)(\d{1,9})([.)])(?=\s|$)/, '$1$2\\$3')
        .replace(/^(\s*)([=-]+\s*)$/, '$1\\$2')
    : inline;
}

/** Control characters, line breaks and bidirectional overrides (tested first: most text has none). */
const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const CONTROL_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
/** What Markdown interprets anywhere in a line (see {@link escapeMarkdown}), in one pass. */
const INLINE = /[\\`*_[\]<>]|~(?=~)|(?<=~)~|&(?=#?[A-Za-z0-9]+;)|:(?=\/\/)|(?<=\bwww)\./gi;
/** A line start Markdown may read as a heading, a list or an underline. */
const LINE_START = /^\s*[#+\-=\d]/;
