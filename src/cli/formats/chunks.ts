/**
 * Input of the streamed formats (PubTator, JSON Lines) as pieces of raw bytes, cut only where the format
 * allows (between documents, see isPubTatorCut / isJsonLinesCut), so each piece is read on its own —
 * in a worker thread or the main thread — with the same result as reading the whole. The main thread only
 * cuts bytes: it neither decodes nor splits lines nor parses, so with `--jobs N` that work is spread too.
 * A file is read 64 KiB at a time, so a 10 GB input never sits in memory.
 */
import * as fs from 'node:fs';
import type { CliIo } from '../io';
import { MAX_RECORD_BYTES, formatBytes, statRegularFile } from '../io';
import type { RawLine } from './pubtator';

/** A piece of one input, from a line start to a line start. */
export interface InputChunk {
  file: string;
  bytes: Uint8Array;
  /** The 1-based number of its first line in the file. */
  firstLine: number;
  /** True for a file's first piece, whose byte-order mark (if any) is dropped. */
  atStart: boolean;
  /** Set (with no bytes) where a record was too large to read: the one-line message naming file and line. */
  problem?: string;
}

/** Pieces are cut once they hold about this many bytes (a few dozen abstracts: far more work than a message costs). */
export const CHUNK_BYTES = 64 * 1024;
/** How much of a file one read takes: several pieces, so that the main thread waits for the disk less often. */
const READ_BYTES = 16 * CHUNK_BYTES;

/** Where a piece may end: at a line start `at` of `bytes`. */
export type CutRule = (bytes: Uint8Array, at: number) => boolean;

/**
 * The pieces of `file` (stdin for `-`). Each piece is yielded as soon as its bytes have arrived, so a record
 * on a pipe is annotated without waiting for the next. Throws {@link InputFileError} for a file that cannot
 * be opened or is not a regular file (a device such as /dev/zero would be read forever).
 *
 * A record (the bytes from one cut to the next: a JSON Lines line, a PubTator document) over
 * `io.maxRecordBytes` ({@link MAX_RECORD_BYTES}) is not gathered: a piece with only a `problem` naming file
 * and line stands for it, its bytes are dropped as they come up to the next cut, and reading goes on. So
 * memory stays bounded whatever the input (a line that never ends included).
 *
 * The bytes not yet cut wait in one buffer that grows by doubling (new bytes are copied in once; the
 * waiting part moves only when the buffer is replaced, at most as many bytes as were added since), so the
 * work is linear in the input however long a line is; before, the waiting bytes were copied again on every read.
 */
export async function* readChunks(file: string, io: CliIo, isCut: CutRule): AsyncGenerator<InputChunk> {
  let input: NodeJS.ReadableStream;
  if (file === '-') input = io.stdin ?? process.stdin;
  else {
    statRegularFile(file);
    input = fs.createReadStream(file, { highWaterMark: READ_BYTES });
  }
  const maxRecord = io.maxRecordBytes ?? MAX_RECORD_BYTES;
  // The bytes not yet given away are buf[start, end). Pieces given away are views of earlier bytes of the
  // same buffer, which is never written below `end`, so they stay valid.
  let buf: Buffer = Buffer.alloc(0);
  let start = 0;
  let end = 0;
  // Line starts before this one (relative to `start`) have been looked at and are not cuts; this one was
  // looked at while its line was unfinished, and is looked at again once the line is whole.
  let scanFrom = 0;
  // No line feed is waiting before this (relative to `start`): a long line is searched once, not on every read.
  let noLf = 0;
  let line = 1;
  let atStart = true;
  // Dropping the rest of a record too large, up to the next cut.
  let skipping = false;
  const piece = (bytes: Uint8Array): InputChunk => {
    const c = { file, bytes, firstLine: line, atStart };
    line += countLines(bytes);
    atStart = false;
    return c;
  };
  const drop = (bytes: Uint8Array) => {
    line += countLines(bytes);
    atStart = false;
  };
  const tooLarge = (): InputChunk => ({ file, bytes: NO_BYTES, firstLine: line, atStart: false, problem: `${file}:${line}: a record over ${formatBytes(maxRecord)} (the most one record may hold): skipped` });
  for await (const data of input) {
    const d = toBuffer(data);
    if (start === end && !skipping) {
      // Nothing waits: the new bytes are the buffer (never written to: it has no room after `end`).
      buf = d;
      start = 0;
      end = d.length;
    } else {
      if (end + d.length > buf.length) {
        const grown = Buffer.allocUnsafe(Math.max(2 * (end - start + d.length), READ_BYTES));
        buf.copy(grown, 0, start, end);
        buf = grown;
        end -= start;
        start = 0;
      }
      d.copy(buf, end);
      end += d.length;
    }
    const pending = buf.subarray(start, end);
    // pending[from, record) are whole records not yet given away; a record starts at `record`.
    let from = 0;
    let record = 0;
    let at = scanFrom;
    for (;;) {
      const lf = pending.indexOf(0x0a, Math.max(at, noLf));
      if (at > from && at > record && (at !== scanFrom || lf >= 0) && isCut(pending, at)) {
        if (skipping) {
          drop(pending.subarray(from, at));
          skipping = false;
          from = at;
        } else if (at - record > maxRecord) {
          if (record > from) yield piece(pending.subarray(from, record));
          yield tooLarge();
          drop(pending.subarray(record, at));
          from = at;
        } else if (at - from >= CHUNK_BYTES) {
          yield piece(pending.subarray(from, at));
          from = at;
        }
        record = at;
      }
      if (lf < 0) break;
      at = lf + 1;
    }
    if (!skipping && record > from) {
      yield piece(pending.subarray(from, record));
      from = record;
    }
    if (!skipping && pending.length - from > maxRecord) {
      // The record under way is already too large: reported once, its bytes dropped as they come.
      yield tooLarge();
      skipping = true;
    }
    if (skipping) {
      // Whole lines go (none of their starts is a cut); of the unfinished last line, all but a final CR
      // (a CR LF split between reads must count as one line break).
      drop(pending.subarray(from, at));
      const keep = pending[pending.length - 1] === 0x0d ? pending.length - 1 : pending.length;
      drop(pending.subarray(at, keep));
      start += keep;
      scanFrom = 0;
      noLf = pending.length - keep;
    } else {
      start += from;
      scanFrom = at - from;
      noLf = pending.length - from;
    }
  }
  const rest = buf.subarray(start, end);
  if (skipping || rest.length === 0) return;
  if (rest.length > maxRecord) yield tooLarge();
  else yield piece(rest);
}

const NO_BYTES = new Uint8Array(0);

function toBuffer(data: string | Buffer | Uint8Array): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Line breaks as readline counts them: LF, CR LF, and a CR alone. */
const LINE_BREAK = /\r?\n|\r(?!\n)/;

/** The number of line breaks in `bytes` (as {@link LINE_BREAK} counts them). */
function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  for (let i = bytes.indexOf(0x0d); i >= 0; i = bytes.indexOf(0x0d, i + 1)) if (bytes[i + 1] !== 0x0a) n++;
  return n;
}

const decoder = new TextDecoder('utf-8');
const keepBom = new TextDecoder('utf-8', { ignoreBOM: true });

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The indices (into {@link chunkLines}) of a piece's lines that are not valid UTF-8, which
 * {@link chunkLines} decodes with U+FFFD in place of the bad bytes. One pass over the piece when it is
 * valid (almost always); otherwise each line is checked on its own.
 */
export function invalidUtf8Lines(chunk: InputChunk): number[] {
  try {
    strict.decode(chunk.bytes);
    return [];
  } catch {
    // Found below, line by line.
  }
  const invalid: number[] = [];
  let index = 0;
  for (let from = 0; from < chunk.bytes.length; ) {
    let lf = chunk.bytes.indexOf(0x0a, from);
    if (lf < 0) lf = chunk.bytes.length;
    let end = lf;
    if (end > from && chunk.bytes[end - 1] === 0x0d) end--;
    const segment = chunk.bytes.subarray(from, end);
    // A CR alone breaks a line too (as chunkLines splits), so one segment may hold several lines.
    let lines = 1;
    for (let i = segment.indexOf(0x0d); i >= 0; i = segment.indexOf(0x0d, i + 1)) lines++;
    let valid = true;
    try {
      strict.decode(segment);
    } catch {
      valid = false;
    }
    if (!valid) for (let k = 0; k < lines; k++) invalid.push(index + k);
    index += lines;
    from = lf + 1;
  }
  return invalid;
}

/** The lines of a piece, decoded (malformed UTF-8 becomes U+FFFD, see {@link invalidUtf8Lines}), without their line breaks. */
export function chunkLines(chunk: InputChunk): string[] {
  const lines = (chunk.atStart ? decoder : keepBom).decode(chunk.bytes).split(LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The lines of a piece as they were, each with its line break (LF, CR LF or CR; '' for a last line without one), a byte-order mark kept. */
export function chunkRawLines(chunk: InputChunk): RawLine[] {
  const text = keepBom.decode(chunk.bytes);
  const lines: RawLine[] = [];
  const breaks = /\r\n|\n|\r/g;
  let from = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    lines.push({ text: text.slice(from, m.index), end: m[0] });
    from = m.index + m[0].length;
  }
  if (from < text.length) lines.push({ text: text.slice(from), end: '' });
  return lines;
}
