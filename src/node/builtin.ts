/**
 * Loads the built lexicon shipped beside the bundle (dist/lexicon.json, generated/lexicon.json without its
 * indentation, which parses a third faster), with the matcher tables built from it (dist/matcher-tables.bin);
 * both are written by scripts/build-tables.ts, so the first matcher needs no build.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Entry, Lexicon } from '../core/lexicon';
import { attachTables, decodeTables } from '../core/matcherTables';

/** The first of the files that exists, relative to the bundle (dist/) or to the sources (src/node/) when run by tsx. */
function shipped(relativeToBundle: string, relativeToSources: string): string | undefined {
  return [path.join(__dirname, relativeToBundle), path.join(__dirname, relativeToSources)].find((p) => fs.existsSync(p));
}

/** The built lexicon file. */
export function builtinLexiconPath(): string {
  const found = shipped('lexicon.json', '../../generated/lexicon.json');
  if (!found) throw new Error(`the built-in lexicon is missing (looked for lexicon.json beside ${__dirname}, and generated/lexicon.json); run npm run build`);
  return found;
}

/**
 * Reads a built lexicon, and the matcher tables built from it where `tablesFile` exists and holds them (else
 * the first matcher builds its tables, as for any other lexicon; `onTables` hears why).
 */
export function readBuiltLexicon(lexiconFile: string, tablesFile: string | undefined, onTables?: (problem: string) => void): Lexicon {
  const data = JSON.parse(fs.readFileSync(lexiconFile, 'utf8')) as { formsDigest?: string; entries: Entry[] };
  if (tablesFile !== undefined) {
    try {
      if (!attachTables(data.entries, decodeTables(fs.readFileSync(tablesFile)), data.formsDigest)) onTables?.(`${tablesFile} was built from another lexicon than ${lexiconFile}`);
    } catch (e) {
      onTables?.(`${tablesFile}: ${(e as Error).message}`);
    }
  }
  return { source: 'built-in', entries: data.entries };
}

let cached: Lexicon | undefined;

/**
 * The built-in lexicon, parsed once. `onProblem` (the first caller's) hears of a tables file that cannot be
 * used; without one (running from the sources before a build) the first matcher builds its tables.
 */
export function loadBuiltinLexicon(onProblem?: (message: string) => void): Lexicon {
  cached ??= readBuiltLexicon(builtinLexiconPath(), shipped('matcher-tables.bin', '../../dist/matcher-tables.bin'), onProblem);
  return cached;
}
