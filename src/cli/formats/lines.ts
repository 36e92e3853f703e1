/**
 * Line-by-line input for the streamed formats (JSON Lines, PubTator): a file, or standard input for `-`.
 * Lines are read with readline, so a 10 GB input never sits in memory.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import type { CliIo } from '../io';
import { statInput } from '../io';

/** The lines of `file` (or stdin for `-`) with their 1-based numbers. Throws {@link InputFileError} for a file that cannot be opened. */
export async function* readLines(file: string, io: CliIo): AsyncGenerator<{ line: string; n: number }> {
  let input: NodeJS.ReadableStream;
  if (file === '-') input = io.stdin ?? process.stdin;
  else {
    statInput(file);
    input = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  }
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    // A byte-order mark opens some exported files.
    yield { line: n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw, n };
  }
}
