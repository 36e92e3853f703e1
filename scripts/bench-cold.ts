/**
 * The cold start of the issue's §3, run by scripts/bench.ts in a fresh process: `firstMentions(t0, file)` is
 * called right after this bundle is required (t0 taken before the require), and reads the built lexicon
 * with its built matcher tables (dist/matcher-tables.bin), makes the matcher and annotates the manuscript, as
 * the extension, the language server and the CLI do before their first highlight, hint or report. Node's own start-up is reported apart (it is the same for
 * every Node program, and VS Code's extension host has already paid it).
 */
import { performance } from 'node:perf_hooks';
import { annotateDocument } from '../src/core/matching/documentAnnotation';
import { Matcher } from '../src/core/matching/matcher';
import { readBuiltLexicon } from '../src/node/builtin';

export function firstMentions(t0: number, lexiconFile: string, tablesFile: string, text: string): object {
  const t1 = performance.now();
  const lexicon = readBuiltLexicon(lexiconFile, tablesFile, (problem) => {
    throw new Error(problem);
  });
  const t2 = performance.now();
  const matcher = new Matcher(lexicon);
  const t3 = performance.now();
  const { mentions } = annotateDocument(matcher, text, 'markdown');
  const t4 = performance.now();
  return {
    coldStartToFirstMentionsMs: +(t4 - t0).toFixed(1),
    coldCodeLoadMs: +(t1 - t0).toFixed(1),
    coldLexiconLoadMs: +(t2 - t1).toFixed(1),
    coldMatcherMs: +(t3 - t2).toFixed(1),
    coldMatcherPrebuilt: matcher.prebuilt,
    coldAnnotateMs: +(t4 - t3).toFixed(1),
    coldNodeStartMs: +t0.toFixed(1),
    coldManuscriptChars: text.length,
    coldMentions: mentions.length,
  };
}
