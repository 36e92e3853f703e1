/**
 * Abbreviations used before they are defined: the first use of a short form (PD-L1, LDRT) that comes before
 * the place where the document defines it ("programmed death-ligand 1 (PD-L1)", "程序性细胞死亡配体 1（PD-L1）",
 * "(Toll-Like Receptor 4, TLR4)"). Only short forms the document does define are checked, so well-known ones
 * an author never spells out raise nothing. The definitions and uses are those of the document's annotation
 * (documentAnnotation.ts), so the hints agree with what is highlighted; generic words, which are not shown,
 * raise none.
 */
import type { DocumentMention } from '../matching/documentAnnotation';
import type { DocumentTerm } from '../matching/documentTerms';
import { shortFormUse } from '../matching/documentAnnotation';
import { textToInsert } from '../writing/insert';
import { abbreviationNumber, atSentenceStart } from '../writing/abbreviationList';
import type { Entry } from '../lexicon/lexicon';
import type { TextEdit } from './manuscriptChecks';
import type { DocLanguage } from '../text/regions';

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
  /** The use as written (`MDSCs`), when the text was given. */
  written?: string;
  /** The use starts a sentence, so the first-use form written there starts with a capital (when the text was given). */
  sentenceStart?: boolean;
  /**
   * The edit that takes the short form out of the later definition (`Programmed death-ligand 1 (PD-L1)` →
   * `Programmed death-ligand 1`), which the first-use fix makes in the same edit so nothing is defined
   * twice; absent when the definition's shape is not recognised (when the text was given).
   */
  dropDefinition?: TextEdit;
}

/**
 * Finds, per defined short form, the first use that precedes the document's definition of it, from a
 * document's shown mentions and its terms in force ({@link DocumentAnnotation}).
 */
export function abbreviationsUsedBeforeDefinition(mentions: readonly DocumentMention[], terms: ReadonlyMap<string, DocumentTerm>, text?: string): EarlyAbbreviation[] {
  const out: EarlyAbbreviation[] = [];
  const seen = new Set<string>();
  for (const m of mentions) {
    // A use inside a longer term (`PD-L1 expression`, `anti-PD-1`) is a use too.
    const u = shortFormUse(m);
    if (u === undefined || seen.has(u.short)) continue;
    seen.add(u.short);
    const t = terms.get(u.short);
    if (!t || u.start >= t.definedAt) continue;
    const x: EarlyAbbreviation = { start: u.start, end: u.end, id: t.id, definedAt: t.definedAt, short: t.short, long: t.long, local: t.local };
    if (text !== undefined) {
      x.written = text.slice(u.start, u.end);
      x.sentenceStart = atSentenceStart(text, u.start);
      x.dropDefinition = dropShortForm(text, t);
    }
    out.push(x);
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How far past a definition's start its brackets are looked for (the long form and a bracket or two). */
const DEFINITION_REACH = 48;

/**
 * The edit that takes the short form out of the definition of `t`, read at its place: `long (SHORT)` and
 * `long（SHORT）` lose the bracket, `SHORT (long)` keeps only the short form, `(Long, SHORT)` loses `, SHORT`.
 * Reads a bounded window; undefined for any other shape.
 */
function dropShortForm(text: string, t: DocumentTerm): TextEdit | undefined {
  const at = t.definedAt;
  const win = text.slice(at, Math.min(text.length, at + t.long.length + t.short.length + DEFINITION_REACH));
  const short = `${escapeRegExp(t.short)}s?`;
  // SHORT (long): the bracket after the short form goes.
  const afterShort = new RegExp(`^${short}([ \\t]*[(（][^()（）\\n]*[)）])`).exec(win);
  if (afterShort) return { start: at + afterShort[0].length - afterShort[1].length, end: at + afterShort[0].length, text: '' };
  // long (SHORT): the first bracket holds the short form alone.
  const bracketed = new RegExp(`[ \\t]*[(（][ \\t]*${short}[ \\t]*[)）]`).exec(win);
  const firstBracket = win.search(/[(（]/);
  if (bracketed && win.slice(bracketed.index).search(/[(（]/) + bracketed.index === firstBracket) {
    return { start: at + bracketed.index, end: at + bracketed.index + bracketed[0].length, text: '' };
  }
  // (Long, SHORT): the separator and the short form go.
  const listed = new RegExp(`[ \\t]*[,，;；][ \\t]*${short}(?=[ \\t]*[)）])`).exec(win);
  if (listed && (firstBracket < 0 || firstBracket > listed.index)) return { start: at + listed.index, end: at + listed.index + listed[0].length, text: '' };
  return undefined;
}

/**
 * The first-use form ("full name (ABBR)") that fixes an early use: a lexicon entry's own, in the writing
 * language and escaped for the markup; for a term of the document only, the document's own words.
 */
export function firstUseForm(x: Pick<EarlyAbbreviation, 'short' | 'long' | 'written' | 'sentenceStart'>, entry: Entry | undefined, lang: 'en' | 'zh', markup: DocLanguage): string {
  // In the number of the use (`MDSCs` → `myeloid-derived suppressor cells (MDSCs)`), capitalised where a sentence starts.
  const plural = x.written !== undefined && (entry ? abbreviationNumber(entry, x.written).plural : x.written === `${x.short}s`);
  const form = entry ? textToInsert(entry, { form: 'firstUse', lang, markup, plural }) : `${x.long} (${x.written ?? x.short})`;
  return x.sentenceStart === true && /^[a-z]/.test(form) ? form[0].toUpperCase() + form.slice(1) : form;
}

/**
 * The first-use fix as one edit: the use becomes the first-use form `written` ({@link firstUseForm}), and the
 * later definition loses its short form, so the abbreviation is defined once. Non-overlapping, by start.
 */
export function firstUseEdits(x: Pick<EarlyAbbreviation, 'start' | 'end' | 'dropDefinition'>, written: string): TextEdit[] {
  const edits: TextEdit[] = [{ start: x.start, end: x.end, text: written }];
  if (x.dropDefinition !== undefined && x.dropDefinition.start >= x.end) edits.push(x.dropDefinition);
  return edits;
}

/** The hint's text (English; the VS Code extension translates its own copy of it). */
export function earlyAbbreviationMessage(used: string, definedLine: number, firstUse: string): string {
  return `“${used}” is used before it is defined (line ${definedLine}). Define it at its first use: ${firstUse}`;
}
