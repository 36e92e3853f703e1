/**
 * The passages of the evaluation sets with their resolved gold mentions. The project keeps only what its
 * sessions wrote: the gold (`<id>.gold.tsv`, `<id>.abbr.tsv`) and metadata (`<id>.meta.json`) in
 * `test/eval/<set>/`. The texts, written by others, are read from `../shared/eval/<set>/` beside the project, or
 * from the folders `ONCOLEX_EVAL_TEXTS` names (one folder, or several joined by the path delimiter, `:` on
 * POSIX): a set's texts are `<folder>/<set>/` in the first named folder that has one, then `../shared/eval/<set>/`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GoldSpan } from './gold';
import { parseGold, resolveGold } from './gold';

const ROOT = path.join(__dirname, '..', '..');

/**
 * The evaluation sets: `passages` (the first 27 passages), `pool` (passages annotated for issue 22), and the
 * held-out sets `fresh`, `fresh2`, `fresh3`, `fresh4`, `fresh5`, `fresh6` and `fresh7` (passages annotated before anyone tuned on
 * them, to report before/after figures honestly; `fresh2` was added when `fresh` had been looked at, `fresh3` when
 * `fresh2` was about to be tuned on, `fresh4` when `fresh3` was, `fresh5` when `fresh4` was, `fresh6` when `fresh5` was, `fresh7` when `fresh6` was). A new set is one name here (and in
 * {@link OPTIONAL_SETS} if its texts may be absent); the runner, its `--set` and the unit tests take it from here.
 */
export const EVAL_SETS = ['passages', 'pool', 'fresh', 'fresh2', 'fresh3', 'fresh4', 'fresh5', 'fresh6', 'fresh7'] as const;
export type EvalSet = (typeof EVAL_SETS)[number];

/**
 * Sets whose texts a checkout may lack (CI has `../shared/eval/passages` and `pool` but not yet the held-out
 * sets): `npm run eval` reports them as not run instead of failing, and their unit test says so and skips.
 */
export const OPTIONAL_SETS: readonly EvalSet[] = ['fresh', 'fresh2', 'fresh3', 'fresh4', 'fresh5', 'fresh6', 'fresh7'];

/** Where a set's gold and metadata are (in the project). */
export function goldDir(set: EvalSet): string {
  return path.join(ROOT, 'test', 'eval', set);
}

/** The folders searched for a set's texts, in order: those `ONCOLEX_EVAL_TEXTS` names, then `../shared/eval/`. */
export function textRoots(): string[] {
  const named = (process.env.ONCOLEX_EVAL_TEXTS ?? '').split(path.delimiter).filter((r) => r !== '');
  return [...named, path.join(ROOT, '..', 'shared', 'eval')];
}

/**
 * Where a set's texts are (outside the project): `<root>/<set>` in the first root of {@link textRoots} that
 * has it; where none has, the first root's (so a message names where they were expected).
 */
export function textDir(set: EvalSet): string {
  const roots = textRoots();
  const found = roots.map((r) => path.join(r, set)).find((d) => fs.existsSync(d));
  return found ?? path.join(roots[0], set);
}

/** Whether the texts are here (a fresh clone without `../shared/` has only the gold). */
export function textsAvailable(set: EvalSet = 'passages'): boolean {
  return fs.existsSync(textDir(set));
}

/** The gold and metadata of the first set (kept for callers that name it). */
export const PASSAGE_DIR = goldDir('passages');

export interface Passage {
  id: string;
  set: EvalSet;
  /** The text's path (in the shared folder); its extension decides how OncoLex reads it. */
  file: string;
  kind: 'markdown' | 'latex' | 'plain';
  language: string;
  text: string;
  gold: GoldSpan[];
}

const KIND: Record<string, Passage['kind']> = { '.md': 'markdown', '.rmd': 'markdown', '.qmd': 'markdown', '.tex': 'latex', '.txt': 'plain' };

/** Thrown when a gold file has no text beside it; the message names both folders. */
export class MissingTextError extends Error {}

/**
 * Every passage of a set with its gold spans, in id order: one per gold file. Throws a GoldError when a gold
 * file does not resolve, and a MissingTextError when its text is not in the set's text folder.
 */
export function loadPassages(set: EvalSet = 'passages'): Passage[] {
  const gold = goldDir(set);
  const texts = textDir(set);
  if (!fs.existsSync(texts)) {
    const looked = textRoots().map((r) => path.join(r, set)).join(', ');
    throw new MissingTextError(`the texts of the evaluation set '${set}' are not in ${looked} (the gold is in ${gold}); set ONCOLEX_EVAL_TEXTS to a folder that holds ${set}/ (several folders joined by '${path.delimiter}')`);
  }
  const byId = new Map<string, string>();
  for (const f of fs.readdirSync(texts)) {
    const ext = path.extname(f);
    if (KIND[ext.toLowerCase()] !== undefined) byId.set(f.slice(0, -ext.length), f);
  }
  return fs
    .readdirSync(gold)
    .filter((f) => f.endsWith('.gold.tsv'))
    .sort()
    .map((g) => {
      const id = g.slice(0, -'.gold.tsv'.length);
      const name = byId.get(id);
      if (name === undefined) throw new MissingTextError(`${path.join(gold, g)}: no text ${id}.{txt,md,Rmd,qmd,tex} in ${texts}`);
      const file = path.join(texts, name);
      const text = fs.readFileSync(file, 'utf8');
      const kind = KIND[path.extname(name).toLowerCase()];
      const metaFile = path.join(gold, `${id}.meta.json`);
      // The pool's sources are listed in its shared SOURCES.md; its language is the id's prefix.
      const language = fs.existsSync(metaFile) ? (JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { language: string }).language : id.startsWith('zh-') ? 'zh' : 'en';
      const goldFile = path.join(gold, g);
      return { id, set, file, kind, language, text, gold: resolveGold(text, parseGold(fs.readFileSync(goldFile, 'utf8'), goldFile), kind, goldFile) };
    });
}
