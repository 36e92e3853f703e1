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
  // The id is written back as given (a number stays a number, with its own digits: 2^53 + 1 read as a
  // JavaScript number would be written 2^53); a record without one gets its line number.
  const id = typeof r.id === 'string' ? JSON.stringify(r.id) : typeof r.id === 'number' ? (rawIdNumber(line) ?? JSON.stringify(r.id)) : String(n);
  return { id, file, language: 'record.txt', passages: [{ offset: 0, text: r.text }] };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The index of the quote closing the JSON string that opens at `open` (one not escaped by an odd run of backslashes), or -1. */
export function jsonStringEnd(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  while (q > 0) {
    let b = q - 1;
    while (text.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return -1;
}

/**
 * The text of the number a JSON object's top-level `"id"` has (the last one, as JSON.parse keeps the last of
 * a repeated key), for a line JSON.parse has accepted; one pass, strings skipped by search.
 */
function rawIdNumber(line: string): string | undefined {
  let depth = 0;
  let found: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x22) {
      const q = jsonStringEnd(line, i);
      if (q < 0) return found;
      const token = line.slice(i, q + 1);
      i = q;
      if (depth !== 1) continue;
      let j = q + 1;
      while (/\s/.test(line[j] ?? '')) j++;
      if (line[j] !== ':' || (token !== '"id"' && JSON.parse(token) !== 'id')) continue;
      j++;
      while (/\s/.test(line[j] ?? '')) j++;
      NUMBER.lastIndex = j;
      const m = NUMBER.exec(line);
      // Another value (a string, an object) for a repeated "id" clears an earlier number.
      found = m ? m[0] : undefined;
      if (m) i = j + m[0].length - 1;
    }
  }
  return found;
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
