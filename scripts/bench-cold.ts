/**
 * The cold start of the issue's §3, run by scripts/bench.ts in a fresh process: `firstMentions(t0, file)` is
 * called right after this bundle is required (t0 taken before the require), and reads the built lexicon
 * with its built matcher tables (dist/matcher-tables.bin), makes the matcher and annotates the manuscript, as
 * the extension, the language server and the CLI do before their first highlight, hint or report. Node's own start-up is reported apart (it is the same for
 * every Node program, and VS Code's extension host has already paid it). The entries' details are not read
 * before the first mentions (src/core/lexicon/builtLexicon.ts): what their first read costs (a first hover,
 * view or check) is reported after, apart, with the heap used before and after it.
 */
import { performance } from 'node:perf_hooks';
import * as process from 'node:process';
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
  // What the first mentions hold of the generated tier (the measure includes it), then what the first read
  // of the entries costs (the first hover, view or check: the details are parsed then), and the heap after.
  const generated = new Set(lexicon.matching?.filter((e) => e.tier === 'generated').map((e) => e.id));
  const generatedMentions = mentions.filter((m) => generated.has(m.id)).length;
  const heapAfterMentions = process.memoryUsage().heapUsed;
  const t5 = performance.now();
  const entries = lexicon.entries.length;
  const t6 = performance.now();
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
    coldGeneratedTierMentions: generatedMentions,
    coldHeapUsedMB: +(heapAfterMentions / 1048576).toFixed(1),
    coldFirstEntriesReadMs: +(t6 - t5).toFixed(1),
    coldEntries: entries,
    coldHeapUsedWithEntriesMB: +(process.memoryUsage().heapUsed / 1048576).toFixed(1),
  };
}
