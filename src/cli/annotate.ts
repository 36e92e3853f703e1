/**
 * What `oncolex annotate` reports for one document. The CLI and the evaluation (`npm run eval`) both call
 * {@link annotateFile}, so the evaluation measures exactly what a user of the CLI gets: the document's
 * annotation (src/core/matching/documentAnnotation.ts), with its own abbreviations and without generic words unless
 * asked for.
 */
import * as path from 'node:path';
import type { AnnotationOptions } from '../core/matching/documentAnnotation';
import { annotateDocument } from '../core/matching/documentAnnotation';
import type { Lexicon } from '../core/lexicon/lexicon';
import { lineIndexAt, lineStarts } from '../core/text/lines';
import { Matcher } from '../core/matching/matcher';
import { languageOf } from '../core/text/regions';
import { loadBuiltinLexicon } from '../node/builtin';

/** One mention as the CLI reports it; offsets are UTF-16 code units, as JavaScript strings count. */
export interface CliMention {
  start: number;
  end: number;
  text: string;
  id: string;
  category: string;
}

/** An abbreviation the document defines, in force (its first definition). */
export interface CliAbbreviation {
  short: string;
  long: string;
  /** 1-based. */
  line: number;
  id: string;
  category: string;
  /** True when the document defines a term the lexicon lacks. */
  local: boolean;
}

/** Where the document defines a short form: both spans, in UTF-16 units, and the id the short form takes. */
export interface CliDefinition {
  shortStart: number;
  shortEnd: number;
  longStart: number;
  longEnd: number;
  id: string;
}

/** What {@link annotateFile} returns; plain data, so it crosses to and from worker threads as is. */
export interface FileAnnotation {
  mentions: CliMention[];
  abbreviations: CliAbbreviation[];
  /** The definitions in force (the first of each short form), for the formats that export them as spans. */
  definitions: CliDefinition[];
}

const matchers = new WeakMap<Lexicon, Matcher>();

/** The matcher for a lexicon, built once (building one costs far more than annotating a page). */
export function matcherFor(lexicon: Lexicon): Matcher {
  let m = matchers.get(lexicon);
  if (!m) {
    m = new Matcher(lexicon);
    matchers.set(lexicon, m);
  }
  return m;
}

/**
 * The CLI's annotation of `text`, read as Markdown, LaTeX or plain text by the extension of `file`.
 * @param lexicon the lexicon to match (the built-in one unless given)
 */
export function annotateFile(text: string, file: string, lexicon: Lexicon = loadBuiltinLexicon(), options: AnnotationOptions = {}): FileAnnotation {
  const a = annotateDocument(matcherFor(lexicon), text, languageOf(path.extname(file)), options);
  const starts = lineStarts(text);
  return {
    mentions: a.mentions.map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end), id: m.id, category: m.category })),
    abbreviations: [...a.terms.values()].map((t) => ({ short: t.short, long: t.long, line: lineIndexAt(starts, t.definedAt) + 1, id: t.id, category: t.category, local: t.local })),
    definitions: a.definitions
      .filter((d) => a.terms.get(d.base) === d.term)
      .map((d) => ({ shortStart: d.shortStart, shortEnd: d.shortEnd, longStart: d.longStart, longEnd: d.longEnd, id: d.term.id })),
  };
}
