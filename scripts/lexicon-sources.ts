/** Reads and validates the curated lexicon sources and the review (shared by the build script and tests). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import nlp from 'compromise';
import type { BuildInput } from '../src/core/build';
import type { LexiconError, SourceEntry } from '../src/core/lexicon';
import { validateSourceFile } from '../src/core/lexicon';

export const ROOT = path.resolve(__dirname, '..');
export const LEXICON_DIR = path.join(ROOT, 'data/lexicon');
export const REVIEW_FILE = path.join(ROOT, 'data/review/abscopal-review-2024.txt');
export const LEXICON_OUT = path.join(ROOT, 'generated/lexicon.json');

/** English number inflection with compromise, at build time only (it is too slow to load at run time). */
export function compromiseInflector(phrase: string): string[] {
  const words = phrase.split(' ');
  const last = words[words.length - 1];
  const out = new Set<string>();
  // In a form the last word is a noun; alone, compromise may read it as a verb (effect, rate, break), so it
  // is inflected after an article, which forces the noun reading.
  const strip = (s: string) => s.replace(/^the /, '');
  const plural = strip(nlp(`the ${last}`).nouns().toPlural().text());
  const singular = strip(nlp(`the ${last}`).nouns().toSingular().text());
  for (const w of [plural, singular]) {
    if (w && w !== last && /^[a-z]+$/.test(w)) out.add([...words.slice(0, -1), w].join(' '));
  }
  return [...out];
}

export function readSources(): { input: BuildInput; errors: LexiconError[] } {
  const errors: LexiconError[] = [];
  const sources: { file: string; entries: SourceEntry[] }[] = [];
  const files = fs.existsSync(LEXICON_DIR) ? fs.readdirSync(LEXICON_DIR).filter((f) => f.endsWith('.json')).sort() : [];
  for (const f of files) {
    const rel = path.posix.join('data/lexicon', f);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(path.join(LEXICON_DIR, f), 'utf8'));
    } catch (e) {
      errors.push(Object.assign(new Error(`${rel}: not valid JSON (${(e as Error).message})`), { file: rel }) as LexiconError);
      continue;
    }
    const r = validateSourceFile(data, rel);
    errors.push(...r.errors);
    sources.push({ file: rel, entries: r.entries });
  }
  return { input: { sources, review: fs.readFileSync(REVIEW_FILE, 'utf8'), inflect: compromiseInflector }, errors };
}
