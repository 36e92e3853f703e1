/**
 * Abbreviations used before they are defined: the first use of a short form (PD-L1, LDRT) that comes before
 * the place where the document defines it ("programmed death-ligand 1 (PD-L1)", "程序性细胞死亡配体 1（PD-L1）",
 * "(Toll-Like Receptor 4, TLR4)"). Only short forms the document does define are checked, so well-known ones
 * an author never spells out raise nothing. The definitions and uses are those of the document's annotation
 * (documentAnnotation.ts), so the hints agree with what is highlighted; generic words, which are not shown,
 * raise none.
 */
import type { DocumentMention, DocumentTerm } from './documentAnnotation';
import { textToInsert } from './insert';
import type { Entry } from './lexicon';
import type { DocLanguage } from './regions';

/** A use of a short form before the document defines it. */
export interface EarlyAbbreviation {
  /** The first use before the definition. */
  start: number;
  end: number;
  /** The lexicon entry or document term (`doc:…`) the short form names. */
  id: string;
  /** Where the document defines it (the start of the definition's long or short form). */
  definedAt: number;
  /** The short form (singular) and the long form the document gives it. */
  short: string;
  long: string;
  /** True for a term of this document only (no lexicon entry). */
  local: boolean;
}

/**
 * Finds, per defined short form, the first use that precedes the document's definition of it, from a
 * document's shown mentions and its terms in force ({@link DocumentAnnotation}).
 */
export function abbreviationsUsedBeforeDefinition(mentions: readonly DocumentMention[], terms: ReadonlyMap<string, DocumentTerm>): EarlyAbbreviation[] {
  const out: EarlyAbbreviation[] = [];
  const seen = new Set<string>();
  for (const m of mentions) {
    if (m.short === undefined || seen.has(m.short)) continue;
    seen.add(m.short);
    const t = terms.get(m.short);
    if (t && m.start < t.definedAt) out.push({ start: m.start, end: m.end, id: m.id, definedAt: t.definedAt, short: t.short, long: t.long, local: t.local });
  }
  return out;
}

/**
 * The first-use form ("full name (ABBR)") that fixes an early use: a lexicon entry's own, in the writing
 * language and escaped for the markup; for a term of the document only, the document's own words.
 */
export function firstUseForm(x: Pick<EarlyAbbreviation, 'short' | 'long'>, entry: Entry | undefined, lang: 'en' | 'zh', markup: DocLanguage): string {
  return entry ? textToInsert(entry, { form: 'firstUse', lang, markup }) : `${x.long} (${x.short})`;
}

/** The hint's text (English; the VS Code extension translates its own copy of it). */
export function earlyAbbreviationMessage(used: string, definedLine: number, firstUse: string): string {
  return `“${used}” is used before it is defined (line ${definedLine}). Define it at its first use: ${firstUse}`;
}
