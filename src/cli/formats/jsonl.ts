/**
 * JSON Lines (`--format jsonl`): one `{"id","text"}` object per input line (stdin or files) → one
 * `{"id","mentions","abbreviations"}` line per record, in input order. Records are read and written one at a
 * time, so the input may be far larger than memory.
 */
import type { SourceDoc } from './model';
import type { FormatWriter, WriterContext } from './writer';

/** The record of one JSON Lines line; a line that is not a JSON object with a string `text` is reported (file and line) and skipped. */
export function jsonLineDoc(line: string, n: number, file: string, problem: (message: string) => void): SourceDoc | undefined {
  if (line.trim() === '') return undefined;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    problem(`${file}:${n}: not valid JSON`);
    return undefined;
  }
  const r = record as { id?: unknown; text?: unknown };
  if (typeof record !== 'object' || record === null || Array.isArray(record) || typeof r.text !== 'string') {
    problem(`${file}:${n}: expected an object with a string "text" (and an "id")`);
    return undefined;
  }
  // The id is written back as given (a number stays a number); a record without one gets its line number.
  const id = typeof r.id === 'string' || typeof r.id === 'number' ? JSON.stringify(r.id) : String(n);
  return { id, file, language: 'record.txt', passages: [{ offset: 0, text: r.text }] };
}

/** JSON Lines may be cut into pieces at any line start. */
export function isJsonLinesCut(bytes: Uint8Array, at: number): boolean {
  return at > 0 && bytes[at - 1] === 0x0a;
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
