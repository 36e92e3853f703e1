import type { Lexicon } from '../core/lexicon/lexicon';
import { buildWorkspaceLexicon } from '../core/lexicon/workspaceLexicon';
import { loadBuiltinLexicon } from '../node/builtin';
import type { CliIo } from './io';
import { readTextFile } from './io';
import { printable } from './terminal';

/**
 * The built-in lexicon, with the entries of a workspace lexicon file when one is given (`--lexicon`).
 * Worker threads build the same lexicon from the same file and pass no `onProblem`: the main thread has
 * reported the file's problems once.
 */
export async function lexiconWith(file: string | undefined, onProblem: (message: string) => void = () => {}): Promise<Lexicon> {
  const builtin = loadBuiltinLexicon(onProblem);
  if (file === undefined) return builtin;
  // The inflector (compromise) takes a while to load: only a workspace lexicon needs it.
  const { workspaceInflector } = await import('../node/inflect');
  const { lexicon, problems } = buildWorkspaceLexicon([{ file, text: readTextFile(file) }], builtin, '', workspaceInflector);
  for (const p of problems) onProblem(p.message);
  return lexicon;
}

/** The lexicon of a command's `--lexicon FILE` option (the built-in one without it), its problems reported on stderr. */
export function lexiconOption(flags: ReadonlyMap<string, string | true>, io: CliIo): Promise<Lexicon> {
  const file = flags.get('lexicon');
  return lexiconWith(typeof file === 'string' ? file : undefined, (m) => io.err(`oncolex: ${printable(m)}\n`));
}
