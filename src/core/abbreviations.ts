/**
 * Abbreviations used before they are defined: the first bare use of an abbreviation (PD-L1) that comes
 * before the place where the document introduces it ("programmed death-ligand 1 (PD-L1)",
 * "程序性细胞死亡配体 1（PD-L1）", "(Toll-Like Receptor 4, TLR4)"). Only abbreviations the document does
 * define are checked, so well-known ones an author never spells out raise nothing.
 */
import type { Entry } from './lexicon';
import type { Mention } from './matcher';
import { foldForm } from './normalize';

export interface EarlyAbbreviation {
  /** The first use before the definition. */
  start: number;
  end: number;
  id: string;
  /** Where the document defines it (the start of the defining parenthesis). */
  definedAt: number;
}

/** How far before "(ABBR" the long form may end, e.g. "programmed death-ligand 1 (PD-L1)". */
const MAX_GAP = 80;

function isAbbreviationUse(text: string, m: Mention, entry: Entry): boolean {
  const cs = foldForm(text.slice(m.start, m.end), true);
  return entry.forms.some((f) => f.caseSensitive && foldForm(f.text, true) === cs);
}

/**
 * Whether the abbreviation mention `i` is a defining use: it stands inside brackets opened after a mention
 * of the same entry's long form, with nothing but the long form (and punctuation) between.
 */
function isDefinition(text: string, mentions: Mention[], i: number): number | undefined {
  const m = mentions[i];
  const before = text.slice(Math.max(0, m.start - MAX_GAP), m.start);
  const open = Math.max(before.lastIndexOf('('), before.lastIndexOf('（'));
  if (open < 0 || /[)）]/.test(before.slice(open))) return undefined;
  const openAt = m.start - before.length + open;
  // The abbreviation ends the bracket (or a list inside it): "(PD-L1)", "(…, TLR4)", "(PD-L1;".
  if (!/^\s*[)）,，;；]/.test(text.slice(m.end, m.end + 4))) return undefined;
  // The long form: the previous mention, of the same entry, ending before the abbreviation.
  const prev = mentions[i - 1];
  if (!prev || prev.id !== m.id || m.start - prev.end > MAX_GAP) return undefined;
  return Math.min(openAt, prev.start);
}

/** Finds, per entry, the first abbreviation use that precedes the document's definition of it. */
export function abbreviationsUsedBeforeDefinition(text: string, mentions: Mention[], byId: Map<string, Entry>): EarlyAbbreviation[] {
  const firstUse = new Map<string, Mention>();
  const defined = new Map<string, number>();
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (defined.has(m.id)) continue;
    const entry = byId.get(m.id);
    if (!entry || !isAbbreviationUse(text, m, entry)) continue;
    const def = isDefinition(text, mentions, i);
    if (def !== undefined) defined.set(m.id, def);
    else if (!firstUse.has(m.id)) firstUse.set(m.id, m);
  }
  const out: EarlyAbbreviation[] = [];
  for (const [id, m] of firstUse) {
    const at = defined.get(id);
    if (at !== undefined && m.start < at) out.push({ start: m.start, end: m.end, id, definedAt: at });
  }
  return out.sort((a, b) => a.start - b.start);
}
