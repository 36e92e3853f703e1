/**
 * Trial registry numbers by their registry's pattern (docs/annotation.md §3.14): a `trial` mention whether or
 * not the lexicon knows the trial. ClinicalTrials.gov `NCT` and 8 digits, ISRCTN and 8 digits, ChiCTR numbers
 * (`ChiCTR2000029335`, `ChiCTR-IOR-17012345`), EudraCT `yyyy-nnnnnn-nn` with any dash, and the Netherlands
 * Trial Register's `NL` or `NTR` and digits. The lexicon's own mention of a number it lists (NCT02125461 is
 * PACIFIC) stays: a number is added only where no mention lies.
 *
 * The first three carry their registry's letters and are the field's wherever they stand; a bare EudraCT or
 * Dutch number could be another code, so it counts as a short ambiguous form for the field gate
 * (documentAnnotation.ts): shown in a document about the field or beside one of its terms.
 *
 * Linear: one pass of one regular expression whose every attempt reads at most 19 characters, then one merge
 * with the sorted mentions and skipped regions.
 */
import type { DocumentMention } from './documentAnnotation';

/** The id of a registry number's mention: this prefix and the number (dashes as ASCII hyphens). */
export const REGISTRY_PREFIX = 'registry:';

const DASH = '[-\u2010\u2011\u2012\u2013\u2014\u2212]';
/** Every dash of a number, to write its id with ASCII hyphens. */
const DASHES = new RegExp(DASH, 'g');
const PATTERN = new RegExp(
  `(?<![A-Za-z0-9\\-/=_.])(?:NCT\\d{8}|ISRCTN\\d{8}|ChiCTR(?:-[A-Z]{2,5}-)?\\d{8,10}|NTR\\d{3,5}|NL\\d{4,5}|(?:19|20)\\d\\d${DASH}\\d{6}${DASH}\\d{2})(?![A-Za-z0-9])`,
  'g',
);

export interface Registry {
  /** The registry's name. */
  name: string;
  /** The public page of a number, where the registry has one per number. */
  url?: (n: string) => string;
  /** The number names its registry (NCT, ISRCTN, ChiCTR): no context needed. */
  distinctive: boolean;
}

/** The registry a number belongs to (the number as in a mention's id, after {@link REGISTRY_PREFIX}). */
export function registryOf(n: string): Registry {
  if (n.startsWith('NCT')) return { name: 'ClinicalTrials.gov', url: (x) => `https://clinicaltrials.gov/study/${x}`, distinctive: true };
  if (n.startsWith('ISRCTN')) return { name: 'ISRCTN', url: (x) => `https://www.isrctn.com/${x}`, distinctive: true };
  if (n.startsWith('ChiCTR')) return { name: 'Chinese Clinical Trial Registry (ChiCTR)', distinctive: true };
  if (n.startsWith('N')) return { name: 'Netherlands Trial Register', distinctive: false };
  return { name: 'EU Clinical Trials Register (EudraCT)', url: (x) => `https://www.clinicaltrialsregister.eu/ctr-search/search?query=${x}`, distinctive: false };
}

/** Whether a mention's id is a registry number's that needs the field gate's context. */
export function isAmbiguousRegistryId(id: string): boolean {
  return id.startsWith(REGISTRY_PREFIX) && !registryOf(id.slice(REGISTRY_PREFIX.length)).distinctive;
}

/**
 * `mentions` (sorted, non-overlapping) with the registry numbers of `text` where no mention lies, outside the
 * skipped regions `skips` (sorted [start, end, …] pairs). Returns `mentions` itself when there are none.
 */
export function withRegistryNumbers(text: string, mentions: DocumentMention[], skips: readonly number[]): DocumentMention[] {
  // Every number holds at least 3 digits in a row (NTR and 3 digits is the shortest): a text without is not scanned further.
  if (!/\d{3}/.test(text)) return mentions;
  const found: DocumentMention[] = [];
  let s = 0;
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m !== null; m = PATTERN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    while (s < skips.length && skips[s + 1] <= start) s += 2;
    if (s < skips.length && skips[s] < end) continue;
    found.push({ start, end, id: REGISTRY_PREFIX + m[0].replace(DASHES, '-'), category: 'trial' });
  }
  if (found.length === 0) return mentions;
  const out: DocumentMention[] = [];
  let i = 0;
  for (const r of found) {
    while (i < mentions.length && mentions[i].end <= r.start) out.push(mentions[i++]);
    // A mention overlapping the number (the lexicon's own, or a term inside it) keeps its place.
    if (i < mentions.length && mentions[i].start < r.end) continue;
    if (out.length > 0 && out[out.length - 1].end > r.start) continue;
    out.push(r);
  }
  while (i < mentions.length) out.push(mentions[i++]);
  return out;
}
