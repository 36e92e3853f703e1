/**
 * Keeps a document's mentions up to date under edits by re-annotating only the paragraphs an edit touches.
 * Terms never span a blank line, and inline regions (code spans, math, comments to the end of a line) are
 * bounded by the paragraph, so a paragraph can be re-scanned alone. Blocks that can span blank lines
 * (fences, HTML comments, front matter, verbatim environments) are the exception: an edit that touches
 * one, or that types one of their delimiters, falls back to a full re-scan.
 */
import type { Mention } from './matcher';
import type { Matcher } from './matcher';
import type { DocLanguage } from './regions';
import { paragraphEnd, paragraphStart } from './regions';

/** One change in the coordinates of the text before it. */
export interface TextChange {
  start: number;
  removedLength: number;
  insertedText: string;
}

/** Reads paragraphs of the text after the change without materializing the whole text. */
export interface ParagraphReader {
  /** The smallest run of whole paragraphs covering [from, to) of the current text. */
  paragraphs(from: number, to: number): { start: number; text: string };
}

const BLOCK_DELIMITERS: Record<DocLanguage, RegExp> = {
  markdown: /```|~~~|<!--|-->|^---|^\.\.\.|\$\$/m,
  latex: /\\begin|\\end|\$\$/,
  plain: /$^/,
};

/** A blank line inside a text (see isBlankLine in regions.ts: lines end at \n, \r\n or \r). */
const BLANK_LINE = /(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)/;

/** Mentions of one document, updated incrementally. */
export class DocumentMentions {
  /** Sorted, non-overlapping. */
  mentions: Mention[] = [];
  /** Skip ranges of the last full scan that span a blank line. */
  private blocks: number[] = [];
  /** How the last update was done, for the benchmark and tests. */
  lastUpdate: 'full' | 'paragraph' = 'full';

  constructor(
    private readonly matcher: Matcher,
    readonly language: DocLanguage,
  ) {}

  /** Annotates the whole text. */
  full(text: string): void {
    const { mentions, regions } = this.matcher.annotateWithRegions(text, this.language);
    this.mentions = mentions;
    this.blocks = [];
    const s = regions.skips;
    for (let i = 0; i < s.length; i += 2) {
      const t = text.slice(s[i], s[i + 1]);
      if (BLANK_LINE.test(t)) this.blocks.push(s[i], s[i + 1]);
    }
    this.lastUpdate = 'full';
  }

  /**
   * Applies one change. Returns false when the caller must call {@link full} with the new text instead
   * (the change touches a block that spans paragraphs, or types a block delimiter).
   */
  applyChange(change: TextChange, reader: ParagraphReader): boolean {
    const oldEnd = change.start + change.removedLength;
    for (let i = 0; i < this.blocks.length; i += 2) {
      if (this.blocks[i] <= oldEnd && change.start <= this.blocks[i + 1]) return false;
    }
    const delta = change.insertedText.length - change.removedLength;
    const para = reader.paragraphs(change.start, change.start + change.insertedText.length);
    if (BLOCK_DELIMITERS[this.language].test(para.text)) return false;
    const paraStart = para.start;
    const paraEndNew = para.start + para.text.length;
    const paraEndOld = paraEndNew - delta;
    // Re-annotate the paragraph alone (front matter only exists at the very start of a document).
    const fresh = this.matcher.annotate(para.text, this.language, 0, para.text.length, paraStart === 0);
    for (const m of fresh) {
      m.start += paraStart;
      m.end += paraStart;
    }
    const ms = this.mentions;
    const lo = lowerBoundByEnd(ms, paraStart); // first mention ending after the paragraph start
    let hi = lo;
    while (hi < ms.length && ms[hi].start < paraEndOld) hi++;
    for (let i = hi; i < ms.length; i++) {
      ms[i].start += delta;
      ms[i].end += delta;
    }
    ms.splice(lo, hi - lo, ...fresh);
    for (let i = 0; i < this.blocks.length; i++) if (this.blocks[i] > oldEnd) this.blocks[i] += delta;
    this.lastUpdate = 'paragraph';
    return true;
  }

  /** The mention containing `offset` (start inclusive, end inclusive so the cursor after a word counts). */
  at(offset: number): Mention | undefined {
    const ms = this.mentions;
    let lo = 0;
    let hi = ms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = ms[mid];
      if (m.end < offset) lo = mid + 1;
      else if (m.start > offset) hi = mid - 1;
      else return m;
    }
    return undefined;
  }

  /** Mentions that overlap [from, to). */
  between(from: number, to: number): Mention[] {
    const ms = this.mentions;
    const out: Mention[] = [];
    for (let i = lowerBoundByEnd(ms, from); i < ms.length && ms[i].start < to; i++) out.push(ms[i]);
    return out;
  }
}

/** Index of the first mention whose end is after `offset`. */
function lowerBoundByEnd(ms: Mention[], offset: number): number {
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A {@link ParagraphReader} over a string, for the CLI, tests and the benchmark. */
export function stringParagraphReader(text: string): ParagraphReader {
  return {
    paragraphs(from, to) {
      const start = paragraphStart(text, from);
      const end = paragraphEnd(text, to);
      return { start, text: text.slice(start, end) };
    },
  };
}
