/**
 * `oncolex mine FILE... [--format json] [-o NAME.oncolex.json] [--force]`: the terms and abbreviations of
 * texts (reviews in Markdown, LaTeX or text extracted from a PDF), with their evidence, as JSON on stdout or
 * as a workspace lexicon file. The mining itself is src/core/mining/mine.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mine, minedLexiconText } from '../core/mining/mine';
import type { MineInput } from '../core/mining/mine';
import { languageOf } from '../core/text/regions';
import { loadBuiltinLexicon } from '../node/builtin';
import { matcherFor } from './annotate';
import type { CliIo } from './io';
import { parseArgs, readInput } from './io';
import { count } from './text';

/** Why a file could not be written, by Node's error code. */
const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
};

const USAGE = 'usage: oncolex mine FILE... [--format json] [-o NAME.oncolex.json] [--force]\n';

/** Runs `oncolex mine`; see the module comment. Exit code 1 when a file could not be read or written. */
export function runMine(argv: string[], io: CliIo): number {
  const { flags, positional } = parseArgs(
    argv.map((a) => (a === '-o' ? '--output' : a)),
    ['format', 'output'],
  );
  const format = flags.get('format') ?? 'json';
  if (format !== 'json') {
    io.err('oncolex mine: --format must be json\n');
    return 2;
  }
  if (positional.length === 0) {
    io.err(`oncolex mine: give at least one file\n${USAGE}`);
    return 2;
  }
  const output = flags.get('output');
  if (output === true) {
    io.err('oncolex mine: -o needs a file name (NAME.oncolex.json)\n');
    return 2;
  }
  if (typeof output === 'string') {
    if (!output.endsWith('.oncolex.json')) {
      io.err(`oncolex mine: ${output}: the output must be named *.oncolex.json, so that OncoLex finds it\n`);
      return 2;
    }
    // Checked now so that a long run does not end in a refusal; the write itself checks again.
    if (flags.get('force') !== true && pathTaken(output)) {
      io.err(`oncolex mine: ${output} exists; not overwritten (give --force to replace it)\n`);
      return 1;
    }
  }
  const inputs: MineInput[] = [];
  let failed = 0;
  for (const file of positional) {
    const text = readInput(file, io, 'oncolex mine');
    if (text === undefined) failed++;
    else inputs.push({ file, text, language: languageOf(path.extname(file)) });
  }
  if (inputs.length === 0) return 1;
  const result = mine(inputs, matcherFor(loadBuiltinLexicon((m) => io.err(`oncolex: ${m}\n`))));
  if (typeof output === 'string') {
    try {
      writeOutputFile(output, minedLexiconText(result, inputs.map((i) => i.file)), flags.get('force') === true);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.err(code === 'EEXIST' ? `oncolex mine: ${output} exists; not overwritten (give --force to replace it)\n` : `oncolex mine: ${output} could not be written: ${WRITE_ERRORS[code ?? ''] ?? code ?? (e as Error).message}\n`);
      return 1;
    }
    io.err(`oncolex mine: wrote ${count(result.entries.length, 'entry', 'entries')} (${result.entries.filter((e) => e.extends === undefined).length} new) and ${count(result.abbreviations.length, 'abbreviation')} to ${output}\n`);
  } else {
    io.out(`${JSON.stringify({ entries: result.entries, abbreviations: result.abbreviations })}\n`);
  }
  return failed > 0 ? 1 : 0;
}

/** Whether a path names anything, a dangling symbolic link included (which `existsSync` calls absent). */
function pathTaken(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `text` to `file` as a new file: created exclusively, so that a file created meanwhile is never
 * replaced and a symbolic link (even a dangling one) is never written through. With `force`, the text goes
 * to a new file beside it, renamed over `file`: an existing file or link is replaced, not written through.
 * A failed write leaves no partial file. Throws Node's error (`EEXIST` when `file` exists without `force`).
 */
export function writeOutputFile(file: string, text: string, force: boolean): void {
  const target = force ? path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`) : file;
  const fd = fs.openSync(target, 'wx');
  try {
    fs.writeFileSync(fd, text);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(target, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  if (force) {
    try {
      fs.renameSync(target, file);
    } catch (e) {
      fs.rmSync(target, { force: true });
      throw e;
    }
  }
}
