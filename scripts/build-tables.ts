/**
 * Builds the built-in lexicon's matcher tables (src/core/matching/matcherTables.ts) at build time, when the lexicon
 * is fixed: reads generated/lexicon.json and writes dist/matcher-tables.bin, which the extension (desktop and
 * web), the language server and the CLI load instead of building the trie at start-up, and the same lexicon
 * split in two (src/core/lexicon/builtLexicon.ts): dist/lexicon.json, what the first mentions need, and
 * dist/lexicon-details.json, read on first use (src/node/builtin.ts reads them). Run by scripts/build.mjs
 * before the bundles (the web bundle embeds the tables).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitBuiltLexicon } from '../src/core/lexicon/builtLexicon';
import type { Entry } from '../src/core/lexicon/lexicon';
import { buildTables, encodeTables, formsDigest } from '../src/core/matching/matcherTables';

/** The repository's root: the first argument, else the working directory. */
const ROOT = path.resolve(process.argv[2] ?? '.');
const TABLES_OUT = path.join(ROOT, 'dist', 'matcher-tables.bin');

function main(): void {
  const lexiconFile = path.join(ROOT, 'generated', 'lexicon.json');
  const data = JSON.parse(fs.readFileSync(lexiconFile, 'utf8')) as { formsDigest?: string; entries: Entry[] };
  const digest = formsDigest(data.entries);
  if (digest !== data.formsDigest) {
    throw new Error(`${lexiconFile}: its formsDigest (${data.formsDigest}) is not that of its forms (${digest}); run npm run build:lexicon`);
  }
  fs.mkdirSync(path.dirname(TABLES_OUT), { recursive: true });
  fs.writeFileSync(TABLES_OUT, encodeTables(buildTables(data.entries), digest));
  const { core, details } = splitBuiltLexicon({ formsDigest: digest, entries: data.entries });
  fs.writeFileSync(path.join(ROOT, 'dist', 'lexicon.json'), core);
  fs.writeFileSync(path.join(ROOT, 'dist', 'lexicon-details.json'), details);
}

main();
