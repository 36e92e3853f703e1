/**
 * `oncolex abbreviations FILE [--format acro|glossaries|acronym|pandoc|quarto|markdown|text] [--min-uses N]
 * [--lang en|zh] [--lexicon FILE.oncolex.json]`: the document's abbreviation list (src/core/writing/abbreviationList.ts)
 * in a journal's or a LaTeX/Pandoc package's form. The language defaults to the document's writing language.
 */
import * as path from 'node:path';
import type { AbbreviationFormat } from '../core/writing/abbreviationList';
import { ABBREVIATION_FORMATS, abbreviationList, formatAbbreviationList } from '../core/writing/abbreviationList';
import { annotateDocument } from '../core/matching/documentAnnotation';
import { writingLanguage } from '../core/writing/insert';
import { indexById } from '../core/lexicon/lexicon';
import { languageOf } from '../core/text/regions';
import { matcherFor } from './annotate';
import type { CliIo } from './io';
import { parseArgs, readInput, wholeNumberFlag } from './io';
import { lexiconOption } from './lexiconOption';

export async function runAbbreviations(argv: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(argv, ['format', 'min-uses', 'lang', 'lexicon']);
  const format = flags.get('format') ?? 'text';
  if (typeof format !== 'string' || !(ABBREVIATION_FORMATS as readonly string[]).includes(format)) {
    io.err(`oncolex abbreviations: --format must be one of ${ABBREVIATION_FORMATS.join(', ')}\n`);
    return 2;
  }
  const minUses = wholeNumberFlag(flags, 'min-uses', 0, 'oncolex abbreviations', io);
  if (minUses === undefined) return 2;
  const langFlag = flags.get('lang');
  if (langFlag !== undefined && langFlag !== 'en' && langFlag !== 'zh') {
    io.err('oncolex abbreviations: --lang must be en or zh\n');
    return 2;
  }
  if (positional.length !== 1) {
    io.err('oncolex abbreviations: give one file\n');
    return 2;
  }
  const file = positional[0];
  const text = readInput(file, io, 'oncolex abbreviations');
  if (text === undefined) return 1;
  const lexicon = await lexiconOption(flags, io);
  const byId = indexById(lexicon);
  const annotation = annotateDocument(matcherFor(lexicon), text, languageOf(path.extname(file)));
  const items = abbreviationList(text, annotation, (id) => byId.get(id), { minUses });
  const lang = langFlag ?? writingLanguage(text);
  io.out(formatAbbreviationList(items, format as AbbreviationFormat, lang));
  return 0;
}
