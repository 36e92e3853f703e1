/**
 * The scanners that find citations in a document: LaTeX citation commands, and the Markdown code and
 * comments in which `@` is not a citation. They replace regular expressions that backtracked on hostile
 * text (an unclosed `\cite[` or `<!--` repeated, a long run of backticks or of letters after `\`): each
 * scanner reads a character a bounded number of times, so a document is scanned in linear time (up to the
 * logarithm of a binary search over the positions of `]`).
 *
 * LaTeX: a citation command is `\`, a run of letters containing `cite` or `Cite`, an optional `*`, spaces,
 * at most two `[…]` options (no `]` inside; no line break either while a citation is being typed), spaces,
 * then `{keys}` where the keys hold no `{`, `}` or `\`. Commands are tried at each `\` from left to right,
 * and after a citation the search goes on after its `}`; this is exactly what the former expression did.
 * The work is bounded as follows: letter runs and the spaces after a name belong to one `\` each; the `]`
 * closing an option is found by binary search over the `]` positions, collected once; the spaces after a
 * `]` and the keys after a `{` are read once per `]` and per `{` (memoised), however many commands reach them.
 *
 * Markdown: fenced code (an opening fence of three or more backticks or tildes, up to the first later line
 * holding at least as long a fence of the same character, or to the end of the document), HTML comments
 * (`<!--` to the next `-->`; none is closed once no `-->` follows) and inline code (a run of backticks to
 * the next run of the same length on the same line) are blanked, keeping offsets and line breaks.
 */

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

const BACKSLASH = 92, LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125, STAR = 42, NL = 10;

/** A LaTeX citation command, read up to the `{` of its keys. */
export interface CiteCommand {
  /** The command name without the backslash ("citep"). */
  name: string;
  /** Offset of the `{` that opens the keys. */
  open: number;
}

/** Reads LaTeX citation commands in one text; see the module comment for the grammar and the bounds. */
export class LatexCiteScanner {
  private closers: number[] | undefined;
  private readonly spacesAfterClose = new Map<number, number>();
  private readonly keysEnd = new Map<number, number>();

  /** `optionsEndAtLineBreak`: an option cannot span lines (the citation being typed). */
  constructor(
    private readonly text: string,
    private readonly optionsEndAtLineBreak: boolean,
  ) {}

  private skipSpaces(p: number): number {
    const t = this.text;
    while (p < t.length && isSpace(t.charCodeAt(p))) p++;
    return p;
  }

  /** The first offset ≥ `from` holding a `]` (or a line break, when options end there), or -1. */
  private nextCloser(from: number): number {
    if (this.closers === undefined) {
      const t = this.text;
      const list: number[] = [];
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === RBRACKET || (c === NL && this.optionsEndAtLineBreak)) list.push(i);
      }
      this.closers = list;
    }
    const list = this.closers;
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length ? list[lo] : -1;
  }

  /** The citation command whose backslash is at `i`, up to the `{` of its keys; undefined when there is none. */
  commandAt(i: number): CiteCommand | undefined {
    const t = this.text;
    let q = i + 1;
    while (q < t.length && isLetter(t.charCodeAt(q))) q++;
    if (q === i + 1) return undefined;
    const name = t.slice(i + 1, q);
    if (!name.includes('cite') && !name.includes('Cite')) return undefined;
    if (t.charCodeAt(q) === STAR) q++;
    q = this.skipSpaces(q);
    for (let option = 0; option < 2 && t.charCodeAt(q) === LBRACKET; option++) {
      const close = this.nextCloser(q + 1);
      if (close < 0 || t.charCodeAt(close) !== RBRACKET) return undefined;
      let after = this.spacesAfterClose.get(close);
      if (after === undefined) {
        after = this.skipSpaces(close + 1);
        this.spacesAfterClose.set(close, after);
      }
      q = after;
    }
    return t.charCodeAt(q) === LBRACE ? { name, open: q } : undefined;
  }

  /** Where the keys opened at `open` stop: the first `{`, `}` or `\` after it, or the end of the text. */
  keysEndAt(open: number): number {
    let end = this.keysEnd.get(open);
    if (end === undefined) {
      const t = this.text;
      end = open + 1;
      while (end < t.length) {
        const c = t.charCodeAt(end);
        if (c === LBRACE || c === RBRACE || c === BACKSLASH) break;
        end++;
      }
      this.keysEnd.set(open, end);
    }
    return end;
  }

  /** Every complete citation command (`\cite…{keys}`), left to right, with the offsets of its keys. */
  *citations(): Generator<{ name: string; keysStart: number; keysEnd: number }> {
    const t = this.text;
    let pos = 0;
    for (;;) {
      const i = t.indexOf('\\', pos);
      if (i < 0) return;
      const cmd = this.commandAt(i);
      if (cmd !== undefined) {
        const end = this.keysEndAt(cmd.open);
        if (t.charCodeAt(end) === RBRACE) {
          yield { name: cmd.name, keysStart: cmd.open + 1, keysEnd: end };
          pos = end + 1;
          continue;
        }
      }
      pos = i + 1;
    }
  }

  /**
   * The leftmost citation command whose keys run, unclosed, to the end of the text (the citation being
   * typed at the end of `text`); undefined when there is none.
   */
  openAtEnd(): CiteCommand | undefined {
    const t = this.text;
    // The keys may hold no `{`, `}` or `\`: the last of these must be the `{` that opens them.
    let last = t.length - 1;
    while (last >= 0) {
      const c = t.charCodeAt(last);
      if (c === LBRACE || c === RBRACE || c === BACKSLASH) break;
      last--;
    }
    if (last < 0 || t.charCodeAt(last) !== LBRACE) return undefined;
    for (let i = t.indexOf('\\'); i >= 0 && i < last; i = t.indexOf('\\', i + 1)) {
      const cmd = this.commandAt(i);
      if (cmd !== undefined && cmd.open === last) return cmd;
    }
    return undefined;
  }
}

const SPACES: string[] = [];

/** `n` spaces; short runs are shared, so blanking many short lines does not allocate one string each. */
function spaces(n: number): string {
  if (n > 256) return ' '.repeat(n);
  return (SPACES[n] ??= ' '.repeat(n));
}

/** Blanks `[start, end)` ranges of `text` (sorted, disjoint), keeping line breaks and offsets. */
function blankRanges(text: string, ranges: readonly number[]): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  // The next line break, looked for again only once passed: each character is searched once.
  let nl = -1;
  for (let k = 0; k < ranges.length; k += 2) {
    parts.push(text.slice(last, ranges[k]));
    // Spaces line by line (a replace() per character slows down on large ranges).
    const end = ranges[k + 1];
    for (let p = ranges[k]; p < end; ) {
      if (nl !== text.length && nl < p) {
        nl = text.indexOf('\n', p);
        if (nl < 0) nl = text.length;
      }
      const stop = nl >= end ? end : nl;
      parts.push(spaces(stop - p));
      if (stop < end) parts.push('\n');
      p = stop + 1;
    }
    last = end;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

function lineEnd(text: string, from: number): number {
  const e = text.indexOf('\n', from);
  return e < 0 ? text.length : e;
}

/** The length of the run of `c` at `p`. */
function runLength(text: string, p: number, c: number): number {
  let q = p;
  while (q < text.length && text.charCodeAt(q) === c) q++;
  return q - p;
}

/** The fence (character and length) opening a code block on the line at `ls`, or undefined. */
function fenceAt(text: string, ls: number, le: number): { c: number; length: number } | undefined {
  let p = ls;
  while (p < le && p - ls < 3 && text.charCodeAt(p) === 32) p++;
  const c = text.charCodeAt(p);
  if (c !== 96 && c !== 126) return undefined;
  const length = runLength(text, p, c);
  return length >= 3 && p + length <= le ? { c, length } : undefined;
}

/** True when the line [ls, le) closes a fence: up to 3 spaces, the fence or longer, fence characters, blanks. */
function closesFence(text: string, ls: number, le: number, fence: { c: number; length: number }): boolean {
  let p = ls;
  while (p < le && p - ls < 3 && text.charCodeAt(p) === 32) p++;
  const run = runLength(text, p, fence.c);
  if (run < fence.length) return false;
  p += run;
  while (p < le) {
    const c = text.charCodeAt(p);
    if (c !== 96 && c !== 126 && c !== 32 && c !== 9 && c !== 13) return false;
    p++;
  }
  return true;
}

function maskFences(text: string): string {
  const ranges: number[] = [];
  let ls = 0;
  while (ls < text.length) {
    const le = lineEnd(text, ls);
    const fence = le < text.length ? fenceAt(text, ls, le) : undefined;
    if (fence === undefined) {
      ls = le + 1;
      continue;
    }
    let end = text.length;
    for (let cs = le + 1; cs < text.length; ) {
      const ce = lineEnd(text, cs);
      if (closesFence(text, cs, ce, fence)) {
        end = ce;
        break;
      }
      cs = ce + 1;
    }
    ranges.push(ls, end);
    ls = end + 1;
  }
  return blankRanges(text, ranges);
}

function maskHtmlComments(text: string): string {
  const ranges: number[] = [];
  let pos = 0;
  for (;;) {
    const s = text.indexOf('<!--', pos);
    if (s < 0) break;
    const e = text.indexOf('-->', s + 4);
    if (e < 0) break; // no `-->` follows: no later comment closes either
    ranges.push(s, e + 3);
    pos = e + 3;
  }
  return blankRanges(text, ranges);
}

function maskInlineCode(text: string): string {
  const ranges: number[] = [];
  // The next backtick is looked for once, not from every line (which would read the rest of the text per line).
  let first = text.indexOf('`');
  while (first >= 0) {
    const le = lineEnd(text, first);
    // The runs of the line, and for each the next run of the same length (found right to left, once).
    const starts: number[] = [];
    const lengths: number[] = [];
    while (first >= 0 && first < le) {
      const len = runLength(text, first, 96);
      starts.push(first);
      lengths.push(len);
      first = text.indexOf('`', first + len);
    }
    const next = new Array<number>(starts.length).fill(-1);
    const seen = new Map<number, number>();
    for (let k = starts.length - 1; k >= 0; k--) {
      next[k] = seen.get(lengths[k]) ?? -1;
      seen.set(lengths[k], k);
    }
    for (let k = 0; k < starts.length; ) {
      const j = next[k];
      if (j < 0) {
        k++;
        continue;
      }
      ranges.push(starts[k], starts[j] + lengths[j]);
      k = j + 1;
    }
  }
  return blankRanges(text, ranges);
}

/** Replaces fenced code, HTML comments and inline code by spaces, keeping offsets and line breaks. */
export function maskMarkdownCode(text: string): string {
  return maskInlineCode(maskHtmlComments(maskFences(text)));
}

/**
 * For `@` at increasing offsets: whether each stands inside `[…]` on its line, as the former backward and
 * forward searches decided (the nearest `[`, `]` or line break within 500 characters either side), with
 * one forward pass instead of two searches per `@`.
 */
export class BracketTracker {
  private scanned = 0;
  private lastSpecial = -1;
  private next = -1;

  constructor(private readonly text: string) {}

  /** The `[` that opens a bracket containing `pos` (nearest of `[`, `]`, line break before it is `[`), or -1. */
  openBefore(pos: number): number {
    const t = this.text;
    for (; this.scanned < pos; this.scanned++) {
      const c = t.charCodeAt(this.scanned);
      if (c === LBRACKET || c === RBRACKET || c === NL) this.lastSpecial = this.scanned;
    }
    const j = this.lastSpecial;
    return j >= 0 && pos - j < 500 && t.charCodeAt(j) === LBRACKET ? j : -1;
  }

  /** True when the nearest `[`, `]` or line break from `pos` on is a `]`. */
  closesAfter(pos: number): boolean {
    const t = this.text;
    if (this.next < pos) {
      let j = Math.max(pos, this.next + 1);
      while (j < t.length) {
        const c = t.charCodeAt(j);
        if (c === LBRACKET || c === RBRACKET || c === NL) break;
        j++;
      }
      this.next = j;
    }
    return this.next < t.length && this.next - pos < 500 && t.charCodeAt(this.next) === RBRACKET;
  }
}
