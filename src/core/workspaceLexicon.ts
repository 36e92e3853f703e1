/**
 * Workspace lexicons: an author's own entries (files named `*.oncolex.json`, or listed in the setting
 * `oncolex.lexicon.files`) in the same format as data/lexicon/*.json, merged into the built-in lexicon.
 * A broken file or entry is reported with its file, line, entry and field; everything valid is used.
 */
import type { Inflector } from './build';
import { buildLexiconReport, mergeLexicons } from './build';
import type { Lexicon, SourceEntry } from './lexicon';
import { validateSourceFile } from './lexicon';

export interface LexiconProblem {
  file: string;
  /** 0-based line of the entry (or of the JSON syntax error) in the file, when known. */
  line: number;
  message: string;
}

/** The 0-based line where an entry with this id is written, or 0. */
export function entryLine(text: string, id: string | undefined): number {
  if (id === undefined) return 0;
  const at = text.search(new RegExp(`"id"\\s*:\\s*"${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
  return at < 0 ? 0 : text.slice(0, at).split('\n').length - 1;
}

/** The line of a JSON.parse error message ("… in JSON at position 123"), or 0. */
function jsonErrorLine(text: string, message: string): number {
  const m = /position (\d+)/.exec(message);
  return m ? text.slice(0, Number(m[1])).split('\n').length - 1 : 0;
}

/** Builds the workspace entries and merges them into the built-in lexicon. */
export function buildWorkspaceLexicon(
  files: { file: string; text: string }[],
  builtin: Lexicon,
  review: string,
  inflect: Inflector,
): { lexicon: Lexicon; problems: LexiconProblem[] } {
  const problems: LexiconProblem[] = [];
  const sources: { file: string; entries: SourceEntry[] }[] = [];
  const texts = new Map(files.map((f) => [f.file, f.text]));
  for (const { file, text } of files) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      problems.push({ file, line: jsonErrorLine(text, (e as Error).message), message: `${file}: not valid JSON (${(e as Error).message})` });
      continue;
    }
    const r = validateSourceFile(data, file);
    for (const err of r.errors) problems.push({ file, line: entryLine(text, err.entry), message: err.message });
    sources.push({ file, entries: r.entries });
  }
  if (sources.every((s) => s.entries.length === 0)) return { lexicon: builtin, problems };
  const built = buildLexiconReport({ sources, review, inflect }, new Set(builtin.entries.map((e) => e.id)));
  for (const err of built.problems) problems.push({ file: err.file, line: entryLine(texts.get(err.file) ?? '', err.entry), message: err.message });
  return { lexicon: mergeLexicons(builtin, built.lexicon, files.map((f) => f.file).join(', ')), problems };
}
