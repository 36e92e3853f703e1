/**
 * Builds generated/lexicon.json from data/lexicon/*.json and the review. Deterministic: the same sources
 * give byte-identical output (a unit test checks that the committed output is not stale). Exits non-zero
 * with one line per problem (file, entry, field).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildLexicon, serializeLexicon } from '../src/core/lexicon/build';
import { LEXICON_OUT, readSources } from './lexicon-sources';

function main(): number {
  const { input, errors } = readSources();
  if (errors.length > 0) {
    for (const e of errors) console.error(e.message);
    return 1;
  }
  let lexicon;
  try {
    lexicon = buildLexicon(input);
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
  fs.mkdirSync(path.dirname(LEXICON_OUT), { recursive: true });
  fs.writeFileSync(LEXICON_OUT, serializeLexicon(lexicon));
  const withEvidence = lexicon.entries.filter((e) => e.evidence.length > 0).length;
  console.log(`lexicon: ${lexicon.entries.length} entries, ${lexicon.entries.reduce((n, e) => n + e.forms.length, 0)} forms, ${withEvidence} with evidence from the review`);
  return 0;
}

process.exitCode = main();
