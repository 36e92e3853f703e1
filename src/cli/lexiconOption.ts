import type { Lexicon } from '../core/lexicon';
import { buildWorkspaceLexicon } from '../core/workspaceLexicon';
import { loadBuiltinLexicon } from '../node/builtin';
import { readTextFile } from './io';

/**
 * The built-in lexicon, with the entries of a workspace lexicon file when one is given (`--lexicon`).
 * Worker threads build the same lexicon from the same file and pass no `onProblem`: the main thread has
 * reported the file's problems once.
 */
export async function lexiconWith(file: string | undefined, onProblem: (message: string) => void = () => {}): Promise<Lexicon> {
  const builtin = loadBuiltinLexicon();
  if (file === undefined) return builtin;
  // The inflector (compromise) takes a while to load: only a workspace lexicon needs it.
  const { compromiseInflector } = await import('../node/inflect');
  const { lexicon, problems } = buildWorkspaceLexicon([{ file, text: readTextFile(file) }], builtin, '', compromiseInflector);
  for (const p of problems) onProblem(p.message);
  return lexicon;
}
