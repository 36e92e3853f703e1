/**
 * Input of the streamed formats (PubTator, JSON Lines) as pieces of raw bytes, cut only where the format
 * allows (between documents, see isPubTatorCut / isJsonLinesCut), so each piece is read on its own —
 * in a worker thread or the main thread — with the same result as reading the whole. The main thread only
 * cuts bytes: it neither decodes nor splits lines nor parses, so with `--jobs N` that work is spread too.
 * A file is read 64 KiB at a time, so a 10 GB input never sits in memory.
 */
import * as fs from 'node:fs';
import type { CliIo } from '../io';
import { statInput } from '../io';
import type { RawLine } from './pubtator';

/** A piece of one input, from a line start to a line start. */
export interface InputChunk {
  file: string;
  bytes: Uint8Array;
  /** The 1-based number of its first line in the file. */
  firstLine: number;
  /** True for a file's first piece, whose byte-order mark (if any) is dropped. */
  atStart: boolean;
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
 * be opened.
 */
export async function* readChunks(file: string, io: CliIo, isCut: CutRule): AsyncGenerator<InputChunk> {
  let input: NodeJS.ReadableStream;
  if (file === '-') input = io.stdin ?? process.stdin;
  else {
    statInput(file);
    input = fs.createReadStream(file, { highWaterMark: READ_BYTES });
  }
  let pending: Buffer = Buffer.alloc(0);
  // Line starts before this one (relative to `pending`) have been looked at and are not cuts.
  let scanFrom = 0;
  let line = 1;
  let atStart = true;
  const piece = (bytes: Uint8Array): InputChunk => {
    const c = { file, bytes, firstLine: line, atStart };
    line += countLines(bytes);
    atStart = false;
    return c;
  };
  for await (const data of input) {
    pending = pending.length === 0 ? toBuffer(data) : Buffer.concat([pending, toBuffer(data)]);
    let from = 0;
    let lastCut = -1;
    let at = scanFrom;
    for (;;) {
      if (at > from && isCut(pending, at)) {
        lastCut = at;
        if (at - from >= CHUNK_BYTES) {
          yield piece(pending.subarray(from, at));
          from = at;
        }
      }
      const lf = pending.indexOf(0x0a, at);
      if (lf < 0) break;
      at = lf + 1;
    }
    if (lastCut > from) {
      yield piece(pending.subarray(from, lastCut));
      from = lastCut;
    }
    // The rest (an unfinished document) waits for more bytes; copied, so the pieces given away are not kept alive by it.
    pending = Buffer.from(pending.subarray(from));
    scanFrom = at - from;
  }
  if (pending.length > 0) yield piece(pending);
}

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

/** The lines of a piece, decoded (malformed UTF-8 becomes U+FFFD), without their line breaks. */
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
