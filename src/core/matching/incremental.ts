/**
 * Keeps a document's mentions up to date under edits by re-annotating only the paragraphs an edit touches.
 * Terms never span a blank line, and inline regions (code spans, math, comments to the end of a line) are
 * bounded by the paragraph, so a paragraph can be re-scanned alone. Blocks that can span blank lines
 * (fences, HTML comments, front matter, verbatim environments) are the exception: an edit that touches
 * one, or that types one of their delimiters, falls back to a full re-scan.
 */
import { REGISTRY_PREFIX } from './registryNumbers';
import type { AnnotationOptions, DocumentMention } from './documentAnnotation';
import type { DocumentTerm, ResolvedDefinition } from './documentTerms';
import { aboutTheField, annotateDocument, layeredMentions, shownMentions } from './documentAnnotation';
import { findDefinitions, firstEndingAfter, termsKey } from './documentTerms';
import type { Matcher } from './matcher';
import type { DocLanguage } from '../text/regions';
import { paragraphEnd, paragraphStart } from '../text/regions';
import { lowerBound } from '../text/sorted';

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

/**
 * The annotation of one document (see documentAnnotation.ts), updated incrementally. A change that alters
 * which short forms the document defines, or what they name, asks for a full re-annotation, since their
 * uses may be anywhere.
 */
export class DocumentMentions {
  /** Sorted, non-overlapping: every mention, generic ones included (hover reads these). */
  private everything: DocumentMention[] = [];
  private shown: DocumentMention[] | undefined;
  /** Whether the document is about the field (see aboutTheField), once asked; reset with the mentions. */
  private field: boolean | undefined;
  /**
   * Every definition the document makes, in document order, and where each is made now (`defAt`: kept
   * apart, so that an edit moves numbers, not objects; a definition's own offsets are those of the scan that
   * found it).
   */
  private defs: ResolvedDefinition[] = [];
  private defAt: number[] = [];
  /** The defined short forms in force, by short form (singular), with where the document defines each. */
  terms = new Map<string, DocumentTerm>();
  private termsKey = '';
  /** Skip ranges of the last full scan that span a blank line. */
  private blocks: number[] = [];
  /** How the last update was done, for the benchmark and tests. */
  lastUpdate: 'full' | 'paragraph' = 'full';

  constructor(
    private readonly matcher: Matcher,
    readonly language: DocLanguage,
    readonly options: AnnotationOptions = {},
  ) {}

  /** Sorted, non-overlapping: the mentions to show, count and report (generic ones only if asked for). */
  get mentions(): DocumentMention[] {
    return (this.shown ??= shownMentions(this.everything, this.matcher.matching, this.options, this.terms));
  }

  set mentions(mentions: DocumentMention[]) {
    this.everything = mentions;
    this.shown = undefined;
    this.field = undefined;
  }

  /**
   * Every definition the document makes, in document order, at the offsets where it is made now (copies:
   * the manuscript checks read these beside the mentions, so they need no annotation of their own).
   */
  get definitions(): ResolvedDefinition[] {
    return this.defs.map((d, i) => {
      const by = this.defAt[i] - d.term.definedAt;
      if (by === 0) return d;
      return { ...d, shortStart: d.shortStart + by, shortEnd: d.shortEnd + by, longStart: d.longStart + by, longEnd: d.longEnd + by, term: { ...d.term, definedAt: this.defAt[i] } };
    });
  }

  /** Every mention, generic ones included. */
  get all(): readonly DocumentMention[] {
    return this.everything;
  }

  /** Annotates the whole text. */
  full(text: string): void {
    const a = annotateDocument(this.matcher, text, this.language, this.options);
    this.mentions = a.all;
    this.defs = a.definitions;
    this.defAt = a.definitions.map((d) => d.term.definedAt);
    this.terms = termsAt(this.defs, this.defAt);
    this.termsKey = termsKey(a.terms);
    this.blocks = [];
    const s = a.skips;
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
    const scan = this.matcher.annotateWithRegions(para.text, this.language, 0, para.text.length, paraStart === 0);
    // The paragraph's definitions: if what the document defines changes, its uses anywhere may change.
    const found = findDefinitions(this.matcher.matching, para.text, scan.mentions, scan.regions.skips, (phrase) => this.matcher.annotate(phrase, 'plain'));
    const defAt = this.defAt;
    const dlo = lowerBound(defAt, paraStart);
    const dhi = lowerBound(defAt, paraEndOld);
    if (found.length > 0 || dhi > dlo) {
      const defs = [...this.defs.slice(0, dlo), ...found, ...this.defs.slice(dhi)];
      const at = [...defAt.slice(0, dlo), ...found.map((d) => d.term.definedAt + paraStart), ...defAt.slice(dhi).map((x) => x + delta)];
      const terms = termsAt(defs, at);
      if (termsKey(terms) !== this.termsKey) return false;
      this.defs = defs;
      this.defAt = at;
      this.terms = terms;
    } else if (delta !== 0) {
      for (let i = dhi; i < defAt.length; i++) defAt[i] += delta;
      for (const t of this.terms.values()) if (t.definedAt >= paraEndOld) t.definedAt += delta;
    }
    const fresh = layeredMentions(para.text, scan.mentions, scan.regions.skips, this.terms, found);
    for (const m of fresh) {
      m.start += paraStart;
      m.end += paraStart;
    }
    const ms = this.everything;
    this.shown = undefined;
    this.field = undefined;
    const lo = firstEndingAfter(ms, paraStart); // first mention ending after the paragraph start
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

  /**
   * The mention containing `offset` (start inclusive, end inclusive so the cursor after a word counts),
   * generic ones included.
   */
  at(offset: number): DocumentMention | undefined {
    const ms = this.everything;
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

  /**
   * The lexicon entry at `offset`: the entry of the mention there, or for a term the document defines and
   * the lexicon lacks, the entry its head matches (if any); a trial registry number the lexicon does not list
   * has none.
   */
  entryAt(offset: number): string | undefined {
    const m = this.at(offset);
    const t = m?.short !== undefined ? this.terms.get(m.short) : undefined;
    if (m?.id.startsWith(REGISTRY_PREFIX)) return undefined;
    return t?.local ? t.related : m?.id;
  }

  /**
   * Shown mentions that overlap [from, to). In a document about the field that part decides (a keystroke
   * costs what the part costs); elsewhere the field gate reads the whole document's mentions.
   */
  between(from: number, to: number): DocumentMention[] {
    const field = (this.field ??= aboutTheField(this.everything, this.matcher.matching, this.terms));
    const ms = field ? this.everything : this.mentions;
    const out: DocumentMention[] = [];
    for (let i = firstEndingAfter(ms, from); i < ms.length && ms[i].start < to; i++) out.push(ms[i]);
    return field ? shownMentions(out, this.matcher.matching, this.options, this.terms, true) : out;
  }
}

/** The short forms in force (see termsInForce), each with where it is defined now: copies, owned by the map. */
function termsAt(defs: readonly ResolvedDefinition[], at: readonly number[]): Map<string, DocumentTerm> {
  const terms = new Map<string, DocumentTerm>();
  defs.forEach((d, i) => {
    if (!terms.has(d.base)) terms.set(d.base, { ...d.term, definedAt: at[i] });
  });
  return terms;
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
