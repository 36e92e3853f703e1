/**
 * JSON Lines (`--format jsonl`): one `{"id","text"}` object per input line (stdin or files) → one
 * `{"id","mentions","abbreviations"}` line per record, in input order. Records are read and written one at a
 * time, so the input may be far larger than memory.
 */
import type { SourceDoc } from './model';
import type { FormatWriter, WriterContext } from './writer';

/** The records of a JSON Lines stream; a line that is not a JSON object with a string `text` is reported (file and line) and skipped. */
export async function* readJsonLines(lines: AsyncIterable<{ line: string; n: number }>, file: string, problem: (message: string) => void): AsyncGenerator<SourceDoc> {
  for await (const { line, n } of lines) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      problem(`${file}:${n}: not valid JSON`);
      continue;
    }
    const r = record as { id?: unknown; text?: unknown };
    if (typeof record !== 'object' || record === null || Array.isArray(record) || typeof r.text !== 'string') {
      problem(`${file}:${n}: expected an object with a string "text" (and an "id")`);
      continue;
    }
    // The id is written back as given (a number stays a number); a record without one gets its line number.
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? JSON.stringify(r.id) : String(n);
    yield { id, file, language: 'record.txt', passages: [{ offset: 0, text: r.text }] };
  }
}

export function jsonlWriter({ out }: WriterContext): FormatWriter {
  return {
    begin() {},
    doc({ source, passages, abbreviations }) {
      const mentions = passages[0].mentions.map((m) => JSON.stringify({ start: m.start, end: m.end, text: m.text, id: m.id, category: m.category, identifier: m.identifier }));
      out.add(`{"id":${source.id},"mentions":[${mentions.join(',')}],"abbreviations":${JSON.stringify(abbreviations)}}\n`);
    },
    end() {},
  };
}
