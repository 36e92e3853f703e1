/**
 * `oncolex mine FILE... [--format json] [-o NAME.oncolex.json] [--force]`: the terms and abbreviations of
 * texts (reviews in Markdown, LaTeX or text extracted from a PDF), with their evidence, as JSON on stdout or
 * as a workspace lexicon file. The mining itself is src/core/mine.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mine, minedLexiconText } from '../core/mine';
import type { MineInput } from '../core/mine';
import { languageOf } from '../core/regions';
import { loadBuiltinLexicon } from '../node/builtin';
import { matcherFor } from './annotate';
import type { CliIo } from './io';
import { parseArgs, readInput } from './io';
import { count } from './text';

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
    if (fs.existsSync(output) && flags.get('force') !== true) {
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
    fs.writeFileSync(output, minedLexiconText(result, inputs.map((i) => i.file)));
    io.err(`oncolex mine: wrote ${count(result.entries.length, 'entry', 'entries')} (${result.entries.filter((e) => e.extends === undefined).length} new) and ${count(result.abbreviations.length, 'abbreviation')} to ${output}\n`);
  } else {
    io.out(`${JSON.stringify({ entries: result.entries, abbreviations: result.abbreviations })}\n`);
  }
  return failed > 0 ? 1 : 0;
}
