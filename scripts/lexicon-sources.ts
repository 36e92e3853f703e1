/** Reads and validates the curated lexicon sources, the review and the generated tier (shared by the build script and tests). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildInput } from '../src/core/lexicon/build';
import type { LexiconError, SourceEntry } from '../src/core/lexicon/lexicon';
import { validateSourceFile } from '../src/core/lexicon/lexicon';
import { compromiseInflector } from '../src/node/inflect';

export const ROOT = path.resolve(__dirname, '..');
export const LEXICON_DIR = path.join(ROOT, 'data/lexicon');
export const REVIEW_FILE = path.join(ROOT, 'data/review/abscopal-review-2024.txt');
export const LEXICON_OUT = path.join(ROOT, 'generated/lexicon.json');
/** The generated tier (committed build output of scripts/build-ontology-tier.ts). */
export const TIER_FILE = path.join(ROOT, 'generated/ontology-tier.json');

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
  const generated = fs.existsSync(TIER_FILE) ? (JSON.parse(fs.readFileSync(TIER_FILE, 'utf8')) as BuildInput['generated']) : undefined;
  return { input: { sources, review: fs.readFileSync(REVIEW_FILE, 'utf8'), inflect: compromiseInflector, generated }, errors };
}
