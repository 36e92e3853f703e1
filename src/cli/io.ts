import * as fs from 'node:fs';

/** Where a CLI command writes; tests pass in buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Output already encoded as UTF-8 (stdout); without it, such output is decoded and given to {@link out}. */
  write?(bytes: Uint8Array): void;
  /**
   * The most characters a command gathers before writing them out ({@link OUTPUT_CHUNK} unless set;
   * tests set it low). Output is written in pieces of about this size, never built as one string, so a
   * report larger than the longest string V8 allows (~512 MiB) is still written.
   */
  chunk?: number;
  /** Resolves once written output has been taken by the reader (stdout's 'drain'); nothing to wait for in tests. */
  drain?: () => Promise<void> | undefined;
  /** Standard input, for `-` (process.stdin unless set; tests pass a stream). */
  stdin?: NodeJS.ReadableStream;
  /** The largest input file read, in bytes ({@link MAX_INPUT_BYTES} unless set; tests set it low). */
  maxInputBytes?: number;
  /** The largest record of a streamed input (a JSON Lines line, a PubTator document), in bytes ({@link MAX_RECORD_BYTES} unless set; tests set it low). */
  maxRecordBytes?: number;
  /** The most XML elements, or JSON objects and arrays, one BioC file may hold ({@link MAX_COLLECTION_ITEMS} unless set; tests set it low). */
  maxCollectionItems?: number;
}

/** Output is written in pieces of about 1 Mi characters. */
export const OUTPUT_CHUNK = 1 << 20;

/**
 * The largest file the CLI reads: 256 MiB. Decoded, a larger file may not fit in one JavaScript string
 * (V8's limit is about 512 Mi UTF-16 units), and matching it would take minutes; split it instead.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * The largest record of a streamed input: 8 MiB (a full-text article is well under 1 MiB). Its annotation
 * must fit in memory and its output line in one string (a dense record writes ~30 bytes per input byte,
 * and V8's longest string is ~512 Mi units); a 63 MB line used to abort the process with `Invalid string
 * length`. A larger record is reported (file and line) and skipped.
 */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

/**
 * What happens when standard output fails: output piped into `head` and closed early (EPIPE) is not an
 * error; any other failure (a full disk: ENOSPC) is one line on stderr and exit status 1, not a stack trace.
 */
export function onOutputError(e: NodeJS.ErrnoException, err: (text: string) => void, exit: (code: number) => void): void {
  if (e.code === 'EPIPE') {
    exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    return;
  }
  err(`oncolex: cannot write the output (${e.code ?? e.message})\n`);
  exit(1);
}

process.stdout.on('error', (e: NodeJS.ErrnoException) =>
  onOutputError(
    e,
    (t) => process.stderr.write(t),
    (code) => process.exit(code),
  ),
);

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  write: (b) => process.stdout.write(b),
  err: (t) => process.stderr.write(t),
  drain: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : undefined),
};

/** A file the CLI could not read, with a one-line message naming it. */
export class InputFileError extends Error {}

/** A regular file's status; throws {@link InputFileError} when it is missing, a directory, or a device, FIFO or socket (reading those could last forever). */
export function statRegularFile(file: string): fs.Stats {
  const stat = statInput(file);
  if (!stat.isFile()) throw new InputFileError(`${file}: is not a regular file (a device, FIFO or socket); give a file`);
  return stat;
}

/** A file's status for reading it as input; throws {@link InputFileError} when it is missing or a directory. */
export function statInput(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputFileError(`${file}: no such file`);
  }
  if (stat.isDirectory()) throw new InputFileError(`${file}: is a directory, not a file`);
  return stat;
}

/**
 * Reads a text file as UTF-8 for the CLI. Throws {@link InputFileError} with a one-line message naming the
 * file when it is missing, a directory, not a regular file (a device such as /dev/zero, a FIFO, a socket:
 * reading those could last forever), larger than `maxBytes`, binary (contains NUL bytes) or not valid UTF-8.
 */
export function readTextFile(file: string, maxBytes = MAX_INPUT_BYTES): string {
  const stat = statRegularFile(file);
  if (stat.size > maxBytes) {
    throw new InputFileError(`${file}: is too large (${formatBytes(stat.size)}; the limit is ${formatBytes(maxBytes)}): split it into smaller files`);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new InputFileError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  // The file may have grown since it was measured.
  return decodeInput(file, bytes, maxBytes);
}

/** An input's bytes as text; throws {@link InputFileError} when they are too many, binary or not UTF-8. */
function decodeInput(file: string, bytes: Uint8Array, maxBytes: number): string {
  if (bytes.length > maxBytes) throw new InputFileError(`${file}: is too large (over ${formatBytes(maxBytes)}): split it into smaller files`);
  if (bytes.includes(0)) throw new InputFileError(`${file}: is a binary file, not text`);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new InputFileError(`${file}: is not valid UTF-8 text`);
  }
}

/**
 * Standard input read whole as text (for inputs that are read whole, such as a BioC collection); the same
 * checks as {@link readTextFile}, under the name `-`.
 */
export async function readStdinText(io: CliIo): Promise<string> {
  const maxBytes = io.maxInputBytes ?? MAX_INPUT_BYTES;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const data of io.stdin ?? process.stdin) {
    const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : (data as Buffer);
    size += b.length;
    if (size > maxBytes) throw new InputFileError(`-: is too large (over ${formatBytes(maxBytes)}): split it into smaller files`);
    parts.push(b);
  }
  return decodeInput('-', Buffer.concat(parts), maxBytes);
}

/** A size for a message: `12.5 MiB`, `3 KiB`, `100 bytes`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}

/** Where the format writers put their output (src/cli/formats/writer.ts). */
export interface TextSink {
  add(text: string): void;
  flush(): void;
}

/**
 * Writes text in pieces of about `chunk` characters: what a command prints is appended here, so no
 * single string grows with the size of the output.
 */
export class ChunkedWriter implements TextSink {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly chunk: number = OUTPUT_CHUNK,
  ) {}

  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.chunk) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

const UTF8 = new TextEncoder();

/**
 * Collects text as UTF-8 bytes (a streamed piece's output, src/cli/annotateChunk.ts): each text is encoded
 * once, as it comes, with no joined string in between.
 */
export class Utf8Sink implements TextSink {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;

  add(text: string): void {
    // At most 3 bytes per UTF-16 code unit.
    const need = this.length + 3 * text.length;
    if (need > this.buffer.length) {
      const grown = new Uint8Array(Math.max(2 * this.buffer.length, need));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.length += UTF8.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  flush(): void {}

  /** The bytes written so far. */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** Splits `--flag value` / `--flag=value` options from positional arguments. */
export function parseArgs(argv: string[], valueFlags: string[]): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (eq >= 0) flags.set(name, a.slice(eq + 1));
      else if (valueFlags.includes(name) && i + 1 < argv.length) flags.set(name, argv[++i]);
      else flags.set(name, true);
    } else positional.push(a);
  }
  return { flags, positional };
}

/**
 * A whole-number option (`--min-uses 3`), `fallback` when absent; otherwise undefined after one line on
 * stderr naming the command and the option.
 */
export function wholeNumberFlag(flags: ReadonlyMap<string, string | true>, name: string, fallback: number, command: string, io: CliIo): number | undefined {
  const value = flags.get(name) ?? String(fallback);
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    io.err(`${command}: --${name} must be a whole number\n`);
    return undefined;
  }
  return Number(value);
}

/**
 * Reads one input file as text; a file that cannot be read gets one line on stderr naming it (prefixed
 * with the command) and undefined is returned, so the caller goes on with the others.
 */
export function readInput(file: string, io: CliIo, command: string): string | undefined {
  try {
    return readTextFile(file, io.maxInputBytes);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    io.err(`${command}: ${e.message}\n`);
    return undefined;
  }
}
