/**
 * The mentions `oncolex annotate` reports for one document. The CLI and the evaluation (`npm run eval`) both
 * call {@link annotateDocument}, so the evaluation measures exactly what a user of the CLI gets: when the
 * default annotation changes (generic words left quiet, document-defined abbreviations), both follow.
 */
import * as path from 'node:path';
import type { Lexicon } from '../core/lexicon';
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

const matchers = new WeakMap<Lexicon, Matcher>();

/** The matcher for a lexicon, built once (building one costs far more than annotating a page). */
function matcherFor(lexicon: Lexicon): Matcher {
  let m = matchers.get(lexicon);
  if (!m) {
    m = new Matcher(lexicon);
    matchers.set(lexicon, m);
  }
  return m;
}

/**
 * The CLI's default annotation of `text`, read as Markdown, LaTeX or plain text by the extension of `file`.
 * @param lexicon the lexicon to match (the built-in one unless given)
 */
export function annotateDocument(text: string, file: string, lexicon: Lexicon = loadBuiltinLexicon()): CliMention[] {
  return matcherFor(lexicon)
    .annotate(text, languageOf(path.extname(file)))
    .map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end), id: m.id, category: m.category }));
}
