/**
 * Workspace lexicons: an author's own entries (files named `*.oncolex.json`, or listed in the setting
 * `oncolex.lexicon.files`) in the same format as data/lexicon/*.json, merged into the built-in lexicon.
 * A broken file or entry is reported with its file, line, entry and field; everything valid is used.
 * Lines come from one scan of each file (the offsets of its entries), so reporting stays linear however
 * many entries are broken.
 */
import type { Inflector } from './build';
import { buildLexiconReport, mergeLexicons } from './build';
import { jsonArrayItemOffsets, jsonErrorOffset, jsonMemberOffset } from '../text/jsonItems';
import type { Lexicon, SourceEntry } from './lexicon';
import { validateSourceFile } from './lexicon';
import { lineIndexAt, lineStarts } from '../text/lines';

export interface LexiconProblem {
  file: string;
  /** 0-based line of the entry (or of the JSON syntax error) in the file, when known. */
  line: number;
  message: string;
}

/** Where the entries of one file are written. */
class EntryLines {
  private readonly starts: number[];
  private readonly items: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
    this.items = jsonArrayItemOffsets(text, 'entries');
  }

  /** The 0-based line of an offset. */
  lineAt(offset: number): number {
    return lineIndexAt(this.starts, offset);
  }

  /**
   * The 0-based line of the entry at `index` of the file's `entries`: the line of its `"id"` (where a
   * duplicate or malformed id is seen), else the line where the entry starts; 0 when unknown.
   */
  entry(index: number | undefined): number {
    const at = index === undefined ? undefined : this.items[index];
    return at === undefined ? 0 : this.lineAt(jsonMemberOffset(this.text, at, 'id') ?? at);
  }
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
  // Per file: its lines, and for each valid entry its position among all the file's entries.
  const located = new Map<string, { lines: EntryLines; kept: number[] }>();
  for (const { file, text } of files) {
    const lines = new EntryLines(text);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      const at = jsonErrorOffset(e);
      problems.push({ file, line: at !== undefined ? lines.lineAt(at) : 0, message: `${file}: not valid JSON (${(e as Error).message})` });
      continue;
    }
    const r = validateSourceFile(data, file);
    for (const err of r.errors) problems.push({ file, line: lines.entry(err.index), message: err.message });
    // Valid entries are the parsed objects themselves: their identity gives their position.
    const position = new Map<unknown, number>(r.entries.length > 0 ? (data as { entries: unknown[] }).entries.map((e, i) => [e, i]) : []);
    located.set(file, { lines, kept: r.entries.map((e) => position.get(e) ?? -1) });
    sources.push({ file, entries: r.entries });
  }
  if (sources.every((s) => s.entries.length === 0)) return { lexicon: builtin, problems };
  const built = buildLexiconReport({ sources, review, inflect }, new Set(builtin.entries.map((e) => e.id)));
  for (const err of built.problems) {
    const where = located.get(err.file);
    const line = where === undefined || err.index === undefined ? 0 : where.lines.entry(where.kept[err.index]);
    problems.push({ file: err.file, line, message: err.message });
  }
  return { lexicon: mergeLexicons(builtin, built.lexicon, files.map((f) => f.file).join(', ')), problems };
}
