/** Loads the built lexicon (generated/lexicon.json) shipped beside the bundle. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Lexicon } from '../core/lexicon';

/** The built lexicon file, found from the bundle (dist/) or from the sources (src/node/) when run by tsx. */
export function builtinLexiconPath(): string {
  const candidates = [path.join(__dirname, '..', 'generated', 'lexicon.json'), path.join(__dirname, '..', '..', 'generated', 'lexicon.json')];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`the built-in lexicon is missing (looked for ${candidates.join(', ')}); run npm run build:lexicon`);
  return found;
}

let cached: Lexicon | undefined;

/** The built-in lexicon, parsed once. */
export function loadBuiltinLexicon(): Lexicon {
  if (!cached) {
    const file = builtinLexiconPath();
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Lexicon['entries'] };
    cached = { source: 'built-in', entries: data.entries };
  }
  return cached;
}
