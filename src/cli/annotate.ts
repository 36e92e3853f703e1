/**
 * What `oncolex annotate` reports for one document. The CLI and the evaluation (`npm run eval`) both call
 * {@link annotateFile}, so the evaluation measures exactly what a user of the CLI gets: the document's
 * annotation (src/core/documentAnnotation.ts), with its own abbreviations and without generic words unless
 * asked for.
 */
import * as path from 'node:path';
import type { AnnotationOptions } from '../core/documentAnnotation';
import { annotateDocument } from '../core/documentAnnotation';
import type { Lexicon } from '../core/lexicon';
import { lineIndexAt, lineStarts } from '../core/lines';
import { Matcher } from '../core/matcher';
import { languageOf } from '../core/regions';
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
export function annotateFile(text: string, file: string, lexicon: Lexicon = loadBuiltinLexicon(), options: AnnotationOptions = {}): { mentions: CliMention[]; abbreviations: CliAbbreviation[] } {
  const a = annotateDocument(matcherFor(lexicon), text, languageOf(path.extname(file)), options);
  const starts = lineStarts(text);
  return {
    mentions: a.mentions.map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end), id: m.id, category: m.category })),
    abbreviations: [...a.terms.values()].map((t) => ({ short: t.short, long: t.long, line: lineIndexAt(starts, t.definedAt) + 1, id: t.id, category: t.category, local: t.local })),
  };
}
