/** The `--lexicon FILE.oncolex.json` option the CLI's document commands share. */
import type { Lexicon } from '../core/lexicon';
import { buildWorkspaceLexicon } from '../core/workspaceLexicon';
import { loadBuiltinLexicon } from '../node/builtin';
import { compromiseInflector } from '../node/inflect';
import type { CliIo } from './io';
import { readTextFile } from './io';

/** The built-in lexicon, with the entries of a workspace lexicon file when one is given. */
export function lexiconWith(file: string | true | undefined, io: CliIo): Lexicon {
  const builtin = loadBuiltinLexicon();
  if (typeof file !== 'string') return builtin;
  const { lexicon, problems } = buildWorkspaceLexicon([{ file, text: readTextFile(file) }], builtin, '', compromiseInflector);
  for (const p of problems) io.err(`oncolex: ${p.message}\n`);
  return lexicon;
}
