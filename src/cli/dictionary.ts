/**
 * `oncolex dictionary [--format cspell|ltex|plain] [--lexicon FILE.oncolex.json]`: the lexicon's words as a
 * spell-checker dictionary (src/core/lexicon/dictionary.ts), on stdout.
 */
import type { DictionaryFormat } from '../core/lexicon/dictionary';
import { DICTIONARY_FORMATS, formatDictionary } from '../core/lexicon/dictionary';
import type { CliIo } from './io';
import { parseArgs } from './io';
import { lexiconOption } from './lexiconOption';

export async function runDictionary(argv: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(argv, ['format', 'lexicon']);
  const format = flags.get('format') ?? 'cspell';
  if (typeof format !== 'string' || !(DICTIONARY_FORMATS as readonly string[]).includes(format)) {
    io.err(`oncolex dictionary: --format must be one of ${DICTIONARY_FORMATS.join(', ')}\n`);
    return 2;
  }
  if (positional.length > 0) {
    io.err('oncolex dictionary: takes no files (the dictionary is the lexicon’s; add yours with --lexicon)\n');
    return 2;
  }
  const lexicon = await lexiconOption(flags, io);
  io.out(formatDictionary(lexicon.entries, format as DictionaryFormat));
  return 0;
}
