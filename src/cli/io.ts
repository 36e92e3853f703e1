import * as fs from 'node:fs';

/** Where a CLI command writes; tests pass in buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

// Output piped into `head` and closed early is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** A file the CLI could not read, with a one-line message naming it. */
export class InputFileError extends Error {}

/**
 * Reads a text file as UTF-8 for the CLI. Throws {@link InputFileError} with a one-line message naming the
 * file when it is missing, a directory, binary (contains NUL bytes) or not valid UTF-8.
 */
export function readTextFile(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputFileError(`${file}: no such file`);
  }
  if (stat.isDirectory()) throw new InputFileError(`${file}: is a directory, not a file`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new InputFileError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (bytes.includes(0)) throw new InputFileError(`${file}: is a binary file, not text`);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new InputFileError(`${file}: is not valid UTF-8 text`);
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
 * Reads each input file as text; a file that cannot be read gets one line on stderr naming it (prefixed
 * with the command) and is left out, so the others are still processed.
 */
export function readInputs(files: string[], io: CliIo, command: string): { inputs: { file: string; text: string }[]; failed: number } {
  const inputs: { file: string; text: string }[] = [];
  let failed = 0;
  for (const file of files) {
    try {
      inputs.push({ file, text: readTextFile(file) });
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      io.err(`${command}: ${e.message}\n`);
      failed++;
    }
  }
  return { inputs, failed };
}
