/**
 * A document's annotation: the one result every consumer (decorations, hover, the Lexicon view, the status
 * bar, abbreviation hints, the CLI) reads. It is the matcher's mentions with two layers on top:
 *
 * 1. What the document defines (see definedAbbreviations.ts). A short form whose long form is a lexicon
 *    entry (`ionizing radiation (IR)`) names that entry wherever it is used in the document; any other
 *    becomes a term of this document only (`Low-dose radiotherapy (LDRT)`), in the category of the entry
 *    its head matches (radiotherapy → concept), else of its head word (`… inhibitors` → drug), else of a
 *    short form of the field ending its own (ERT → RT); with none of these it is known but not marked
 *    (`Karnofsky performance status (KPS)`, see {@link DocumentTerm.unmarked}). The document's meaning wins over the lexicon's: in a text that defines
 *    `insulin resistance (IR)`, IR is not ionizing radiation (a Chinese long form, whose start is a guess,
 *    never overrides the lexicon's meaning of a short form it knows). Uses are whole words, case-sensitive, outside
 *    skipped regions, with a plural `s` (`CPIs`) and as a hyphenated modifier (`IR-induced`). A use replaces
 *    the lexicon mentions inside its span, never a longer one around it (`CD8+ T cells` stays one mention).
 * 2. Generic words (entries marked `generic`: cancer, immune response, Gy…) are matched like any other, so a
 *    generic mention still keeps a shorter term inside it from matching, and then left out of what is shown,
 *    counted and reported unless the user asks for them (`oncolex.highlight.generic`, `--include-generic`).
 *    They stay in {@link DocumentAnnotation.all} for hover.
 * 3. The field gate (see {@link SHORT_FORM}): short ambiguous forms (RT, DC, ATP, a short form defined for
 *    something the lexicon lacks) are shown only in a document about the field or next to a term of it. The
 *    gate reads the whole document's mentions, so it is applied to what is shown, not to each paragraph.
 * 4. The generated tier (entries built from the field's ontologies) is shown unless the user turns it off.
 *
 * Every step is paragraph-local (a definition never spans a blank line), which is what lets
 * {@link DocumentMentions} (incremental.ts) update the result one paragraph at a time.
 */
import { isAmbiguousRegistryId, REGISTRY_PREFIX, withRegistryNumbers } from './registryNumbers';
import type { AbbreviationDefinition } from './definedAbbreviations';
import { findAbbreviationDefinitions, singular } from './definedAbbreviations';
import { caseFormsOf } from '../lexicon/builtLexicon';
import type { Category, MatchEntry } from '../lexicon/lexicon';
import type { Matcher, Mention } from './matcher';
import type { DocLanguage } from '../text/regions';

/** A letter or digit, ASCII or Greek: what short forms are made of (as in definedAbbreviations.ts). */
function isAlnum(c: number): boolean {
  return c < 0x80 ? (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) : (c >= 0x391 && c <= 0x3a9) || (c >= 0x3b1 && c <= 0x3c9);
}

/** The prefix of the id of a term the document defines and the lexicon does not have (`doc:LDRT`). */
export const DOCUMENT_TERM_PREFIX = 'doc:';

/** A short form the document defines, and what it names there. */
export interface DocumentTerm {
  /** The lexicon entry's id, or {@link DOCUMENT_TERM_PREFIX} + short for a term of this document only. */
  id: string;
  /** The short form without a plural `s` (`CPI` for `CPIs`). */
  short: string;
  /** The long form as the document writes it. */
  long: string;
  category: Category;
  /** True when the lexicon has no entry for it: a term of this document only. */
  local: boolean;
  /** For a local term, the lexicon entry its long form's head matches (radiotherapy for LDRT), if any. */
  related?: string;
  /**
   * For a local term, true when nothing says it is a term of the field (no lexicon term ends its long form,
   * no class head, no known short form ends it: `Karnofsky performance status (KPS)`, `insulin resistance
   * (IR)`), or its long form only describes with a generic word (`tumor-derived factors (TDFs)`). It is
   * known (for the abbreviation checks, hover) but not marked: neither its long form nor its uses.
   */
  unmarked?: boolean;
  /** Offset where the document defines it: the start of the definition's long or short form. */
  definedAt: number;
}

/** A mention made by a use of a short form the document defines. */
export interface DocumentMention extends Mention {
  /** The defined short form (singular) this is a use of: the key of {@link DocumentAnnotation.terms}. */
  short?: string;
  /**
   * A use of a defined short form inside this longer mention (`PD-L1` in `PD-L1 expression`, `PD-1` in
   * `anti-PD-1`): still a use of the abbreviation for the checks and the list. Its place is relative to the
   * mention's start, so it moves with the mention.
   */
  inner?: { short: string; offset: number; length: number };
}

/** The use of a defined short form a mention makes, if any: the mention itself, or the short form inside it. */
export function shortFormUse(m: DocumentMention): { short: string; start: number; end: number } | undefined {
  if (m.short !== undefined) return { short: m.short, start: m.start, end: m.end };
  if (m.inner !== undefined) return { short: m.inner.short, start: m.start + m.inner.offset, end: m.start + m.inner.offset + m.inner.length };
  return undefined;
}

/** One definition the document makes, with what its short form names. */
export interface ResolvedDefinition extends AbbreviationDefinition {
  term: DocumentTerm;
  /**
   * A name the definition's bracket stands inside (`cyclic GMP-AMP (cGAMP) synthase`, `Chimeric antigen
   * receptor (CAR) T cell therapy`): where it ends, and the lexicon entry it names. The whole of it, from the
   * long form's start, is then one mention of that entry (docs/annotation.md §3.8).
   */
  name?: { end: number; id: string; category: Category };
}

/**
 * The matcher's mentions of a short text (the `plain` language), for the rules that ask the lexicon about a
 * phrase the document writes around a bracket: `(text) => matcher.annotate(text, 'plain')`.
 */
export type PhraseLookup = (text: string) => readonly Mention[];

/** The per-document result every consumer reads. */
export interface DocumentAnnotation {
  /** Sorted, non-overlapping: the mentions to show, count and report (generic ones left out unless asked). */
  mentions: DocumentMention[];
  /** Sorted, non-overlapping: every mention, generic ones included (for hover). */
  all: DocumentMention[];
  /** The defined short forms in force, by short form (singular): the first definition of each wins. */
  terms: Map<string, DocumentTerm>;
  /** Every definition found, in document order. */
  definitions: ResolvedDefinition[];
  /** The skipped regions of the scan ([start, end, …]). */
  skips: number[];
}

/** Options of a document's annotation. */
export interface AnnotationOptions {
  /** Show, count and report generic words too (setting `oncolex.highlight.generic`, `--include-generic`). */
  includeGeneric?: boolean;
  /** Show the generated tier's entries (setting `oncolex.lexicon.generated`); on unless set to false. */
  includeGenerated?: boolean;
}

/** What the layers need to know of a lexicon: which entry each case-sensitive form names, which are generic. */
interface LexiconFacts {
  /** Case-sensitive form → the first entry that has it (the built-in lexicon's lookup is made at build time: caseFormsOf). */
  abbreviations: { get(text: string): string | undefined };
  generic: Set<string>;
  generated: Set<string>;
  /** The lengths of an entry's short capital-letter forms ({@link SHORT_LETTERS}), made on first use. */
  shortForms(id: string): ReadonlySet<number>;
  /** The forms of an entry reduced to their letters and digits ({@link letters}), made on first use. */
  letters(id: string): string[];
  category(id: string): Category;
}

/** A name reduced to its lower-case letters, digits and Han characters: `Tumor Mi-\ncroenvironment` → `tumormicroenvironment`. */
function letters(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | (s.charCodeAt(i) >= 65 && s.charCodeAt(i) <= 90 ? 0x20 : 0);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0x3b1 && c <= 0x3c9) || (c >= 0x4e00 && c <= 0x9fff)) out += String.fromCharCode(c);
  }
  return out;
}

/** How many characters two strings share at their ends. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/**
 * A long form ends like a name of the entry when their letters share the last {@link SUFFIX_AGREEMENT}
 * characters (or all of the long form's): PDF line breaks and hyphens, `Tumor Mi-croenvironment`, and a
 * Chinese long form whose start is a guess (`…噬细胞集落刺激因子` for GM-CSF) still agree; `insulin resistance`
 * and `ionizing radiation` do not.
 */
const SUFFIX_AGREEMENT = 4;

const factsCache = new WeakMap<readonly MatchEntry[], LexiconFacts>();

function factsOf(entries: readonly MatchEntry[]): LexiconFacts {
  let f = factsCache.get(entries);
  if (!f) {
    // What is read by entry is made for the entries asked about (those the document mentions), not for all:
    // no pass over every form before the first mentions.
    let byId: Map<string, MatchEntry> | undefined;
    const entry = (id: string): MatchEntry | undefined => (byId ??= new Map(entries.map((e) => [e.id, e]))).get(id);
    const lettersOf = new Map<string, string[]>();
    const forms = (id: string): string[] => {
      let l = lettersOf.get(id);
      if (!l) lettersOf.set(id, (l = (entry(id)?.forms ?? []).map((x) => letters(x.text)).filter((x) => x.length > 0)));
      return l;
    };
    const shortOf = new Map<string, ReadonlySet<number>>();
    const shortForms = (id: string): ReadonlySet<number> => {
      let s = shortOf.get(id);
      if (!s) shortOf.set(id, (s = new Set((entry(id)?.forms ?? []).filter((x) => x.caseSensitive && SHORT_LETTERS.test(x.text)).map((x) => x.text.length))));
      return s;
    };
    const built = caseFormsOf(entries);
    const abbreviations = new Map<string, string>();
    const generic = new Set<string>();
    // Read only when the generated tier is turned off.
    let generated: Set<string> | undefined;
    f = {
      abbreviations: built ?? abbreviations,
      generic,
      get generated() {
        return (generated ??= new Set(entries.filter((e) => e.tier === 'generated').map((e) => e.id)));
      },
      shortForms,
      letters: forms,
      category: (id) => entry(id)?.category ?? 'concept',
    };
    for (const e of entries) {
      if (e.generic) generic.add(e.id);
      if (built) continue;
      for (const form of e.forms) if (form.caseSensitive && !abbreviations.has(form.text)) abbreviations.set(form.text, e.id);
    }
    factsCache.set(entries, f);
  }
  return f;
}

/**
 * A short ambiguous form: a case-sensitive form of at most this many capital letters (RT, DC, ATP, ICI), or
 * a term the document defines for something the lexicon lacks (`Imperial Chemical Industries (ICI)`). Outside the field these are other
 * things (RT-Thread, Washington DC, the ATP tour, the company ICI), so they need context (docs/annotation.md §5).
 */
export const SHORT_FORM = 4;
/** Short forms of capitals only (a plural s aside): RT, DC, ATP, ICIs. PD-1, CD8, Treg, cDC1 and IL-6 are distinctive. */
const SHORT_LETTERS = new RegExp(`^[A-Z]{1,${SHORT_FORM}}s?$`);
/** A document with this many distinct unambiguous terms of the field is about the field. */
export const FIELD_DOCUMENT_TERMS = 3;
/** Or a short form is a term of the field when an unambiguous term is this close (characters, either side). */
export const FIELD_NEIGHBOUR = 100;

/** Whether a mention is of a short ambiguous form (see {@link SHORT_FORM}). */
function isShortAmbiguous(m: Mention & { short?: string }, f: LexiconFacts, terms: ReadonlyMap<string, DocumentTerm> | undefined): boolean {
  const n = m.end - m.start;
  // A term the document defines and the lexicon lacks (its long form or a use) is the field's when its long
  // form's head is (Low-dose radiotherapy, checkpoint inhibitors, best overall response), else only in context.
  if (m.id.startsWith(DOCUMENT_TERM_PREFIX)) {
    const t = terms?.get(m.id.slice(DOCUMENT_TERM_PREFIX.length));
    return t === undefined || (t.related === undefined && t.category === 'concept') || n <= SHORT_FORM;
  }
  // A use of a short form the document defines as a term of the field is what the document says it is.
  if (m.short !== undefined) return false;
  // A trial registry number without its registry's letters (a bare EudraCT or Dutch number) could be another code.
  if (m.id.startsWith(REGISTRY_PREFIX)) return isAmbiguousRegistryId(m.id);
  return f.shortForms(m.id).has(n);
}

/**
 * The field gate: a short ambiguous form is kept when the document is about the field (it names at least
 * {@link FIELD_DOCUMENT_TERMS} distinct unambiguous terms), or when an unambiguous term of the field is within
 * {@link FIELD_NEIGHBOUR} characters. Generic words count as neither. Linear in the mentions.
 */
function fieldGate<M extends Mention>(all: M[], f: LexiconFacts, terms: ReadonlyMap<string, DocumentTerm> | undefined): M[] {
  if (isFieldDocument(all, f, terms)) return all;
  const ambiguous = all.map((m) => isShortAmbiguous(m, f, terms));
  if (!ambiguous.includes(true)) return all;
  // The nearest unambiguous term before and after each mention, by two sweeps.
  const before: number[] = new Array<number>(all.length);
  let last = -Infinity;
  for (let i = 0; i < all.length; i++) {
    before[i] = last;
    if (!ambiguous[i] && !f.generic.has(all[i].id)) last = all[i].end;
  }
  const out: M[] = [];
  let next = Infinity;
  const keep: boolean[] = new Array<boolean>(all.length);
  for (let i = all.length - 1; i >= 0; i--) {
    keep[i] = !ambiguous[i] || all[i].start - before[i] <= FIELD_NEIGHBOUR || next - all[i].end <= FIELD_NEIGHBOUR;
    if (!ambiguous[i] && !f.generic.has(all[i].id)) next = all[i].start;
  }
  for (let i = 0; i < all.length; i++) if (keep[i]) out.push(all[i]);
  return out;
}

/** Whether a document names {@link FIELD_DOCUMENT_TERMS} distinct unambiguous terms; stops as soon as it does. */
function isFieldDocument(all: readonly Mention[], f: LexiconFacts, terms: ReadonlyMap<string, DocumentTerm> | undefined): boolean {
  const field = new Set<string>();
  for (let i = 0; i < all.length; i++) {
    const m = all[i];
    if (f.generic.has(m.id) || isShortAmbiguous(m, f, terms)) continue;
    field.add(m.id);
    if (field.size >= FIELD_DOCUMENT_TERMS) return true;
  }
  return false;
}

/**
 * Whether the document whose mentions these are (all of them, generic ones included) is about the field: then
 * the field gate keeps every mention, and what is shown of a part of the document can be decided from that part.
 */
export function aboutTheField(all: readonly Mention[], entries: readonly MatchEntry[], terms?: ReadonlyMap<string, DocumentTerm>): boolean {
  return isFieldDocument(all, factsOf(entries), terms);
}

/**
 * The mentions shown under these options (the same array when nothing is left out); `terms`: the short forms
 * the document defines; `aboutField`: the caller knows the whole document is about the field (a part of it is
 * then shown without the gate).
 */
export function shownMentions<M extends Mention>(all: M[], entries: readonly MatchEntry[], options: AnnotationOptions, terms?: ReadonlyMap<string, DocumentTerm>, aboutField = false): M[] {
  const f = factsOf(entries);
  let out = all;
  if (terms !== undefined && [...terms.values()].some((t) => t.unmarked === true)) out = out.filter((m) => !(m.id.startsWith(DOCUMENT_TERM_PREFIX) && terms.get(m.id.slice(DOCUMENT_TERM_PREFIX.length))?.unmarked === true));
  if (options.includeGenerated === false && f.generated.size > 0) out = out.filter((m) => !f.generated.has(m.id));
  if (!aboutField) out = fieldGate(out, f, terms);
  if (options.includeGeneric === true || f.generic.size === 0) return out;
  return out.filter((m) => !f.generic.has(m.id));
}

/**
 * Annotates a whole document: the matcher's mentions, what the document defines, and generic words left
 * out unless asked for. The CLI calls this; the editor keeps the same result up to date with
 * {@link DocumentMentions} (incremental.ts).
 */
export function annotateDocument(matcher: Matcher, text: string, language: DocLanguage, options: AnnotationOptions = {}): DocumentAnnotation {
  const { mentions, regions } = matcher.annotateWithRegions(text, language);
  const layer = defineAndApply(matcher.matching, text, mentions, regions.skips, undefined, (phrase) => matcher.annotate(phrase, 'plain'));
  return { ...layer, mentions: shownMentions(layer.all, matcher.matching, options, layer.terms), skips: regions.skips };
}

/**
 * The document layer over the matcher's mentions of text[0, text.length) (a whole document, or one
 * paragraph): the definitions found there, and the mentions with the uses of defined short forms.
 * `terms` are the short forms in force; when omitted, they are the ones this text defines.
 */
export function defineAndApply(
  entries: readonly MatchEntry[],
  text: string,
  mentions: Mention[],
  skips: readonly number[],
  terms: Map<string, DocumentTerm> | undefined,
  lookup?: PhraseLookup,
): { all: DocumentMention[]; terms: Map<string, DocumentTerm>; definitions: ResolvedDefinition[] } {
  const definitions = findDefinitions(entries, text, mentions, skips, lookup);
  terms ??= termsInForce(definitions);
  return { all: layeredMentions(text, mentions, skips, terms, definitions), terms, definitions };
}

/**
 * The document's layers over the matcher's mentions of text[0, text.length): the uses of the short forms in
 * force, the long forms of the definitions, and trial registry numbers. The one order both the whole document
 * ({@link defineAndApply}) and a re-scanned paragraph (incremental.ts) take.
 */
export function layeredMentions(text: string, mentions: Mention[], skips: readonly number[], terms: Map<string, DocumentTerm>, definitions: readonly ResolvedDefinition[]): DocumentMention[] {
  return withRegistryNumbers(text, markLongForms(applyDocumentTerms(text, mentions, skips, terms), definitions, terms), skips);
}

/**
 * The mentions with each definition's long form as one mention of what its short form names
 * (`natural killer (NK)`: `natural killer` is a mention of NK cells; `Low-dose radiotherapy (LDRT)` of the
 * document's own term): the mentions inside the long form give way to it. A long form that a mention only
 * partly covers is left alone, and so is a Chinese long form, whose start is a guess. Offsets of `mentions`
 * and `definitions` are those of the same text; both are in document order. A term defined twice keeps the
 * category of the definition in force (`p62/sequestosome 1 (p62/SQSTM1)`, then `p62/Sequestosome 1 gene
 * (p62/SQSTM1)`: every long form and use of the document's p62/SQSTM1 is one category); a short form
 * redefined as something else keeps each long form's own meaning.
 */
export function markLongForms(mentions: DocumentMention[], definitions: readonly ResolvedDefinition[], terms?: ReadonlyMap<string, DocumentTerm>): DocumentMention[] {
  const spans = definitions.filter((d) => !d.chinese && d.longEnd > d.longStart && (d.term.unmarked !== true || d.name !== undefined)).sort((a, b) => a.longStart - b.longStart);
  if (spans.length === 0) return mentions;
  const out: DocumentMention[] = [];
  let i = 0;
  for (const d of spans) {
    while (i < mentions.length && mentions[i].end <= d.longStart) out.push(mentions[i++]);
    if (out.length > 0 && out[out.length - 1].end > d.longStart) continue;
    const end = d.name?.end ?? d.longEnd;
    let j = i;
    while (j < mentions.length && mentions[j].end <= end) j++;
    const crossing = (j < mentions.length && mentions[j].start < end) || (i < mentions.length && mentions[i].start < d.longStart);
    if (crossing) continue;
    if (d.name !== undefined) {
      out.push({ start: d.longStart, end, id: d.name.id, category: d.name.category });
      i = j;
      continue;
    }
    const inForce = terms?.get(d.base);
    const term = inForce !== undefined && inForce.id === d.term.id ? inForce : d.term;
    // A term the document defines that is not the field's leaves the lexicon's mentions inside its long form.
    if (term.unmarked === true) continue;
    out.push({ start: d.longStart, end: d.longEnd, id: term.id, category: term.category });
    i = j;
  }
  while (i < mentions.length) out.push(mentions[i++]);
  return out;
}

/**
 * The definitions of text with what each names, given the matcher's mentions of the same text; with
 * `lookup`, also the names their brackets stand inside ({@link ResolvedDefinition.name}).
 */
export function findDefinitions(entries: readonly MatchEntry[], text: string, mentions: readonly Mention[], skips: readonly number[], lookup?: PhraseLookup): ResolvedDefinition[] {
  const facts = factsOf(entries);
  const found = findAbbreviationDefinitions(text, skips);
  const all = [...found, ...lexiconDefinitions(text, mentions, facts, found)];
  const names = lookup !== undefined ? bracketedNames(all, text, lookup) : [];
  return all
    .map((d, i) => ({ ...d, term: resolve(d, text, mentions, facts), ...(names[i] !== undefined ? { name: names[i] } : {}) }))
    .sort((a, b) => a.term.definedAt - b.term.definedAt);
}

/** Most characters after a definition's bracket that a name around it may take. */
const NAME_TAIL = 48;

/** What separates the phrases of one lookup: a NUL breaks every word and every form (normalize.ts). */
const PHRASE_SEPARATOR = '\n\u0000\n';

/**
 * The names "long form (SHORT) rest" definitions stand inside, where the lexicon has one (by index of
 * `definitions`): the long form joined to the words after the bracket is a lexicon term that reaches past the
 * join (`cyclic GMP-AMP` + `synthase`, `Chimeric antigen receptor` + `T cell therapy`, `major
 * histocompatibility complex` + `class II`). The long form, not the short one, carries the name:
 * `programmed death-ligand 1 (PD-L1) status` is two mentions and a word (PD-L1 status is a term,
 * programmed death-ligand 1 status is not). Reads at most {@link NAME_TAIL} characters after each bracket, up
 * to the end of the line or a bracket, comma or full stop, and asks the lexicon once for all of them.
 */
function bracketedNames(definitions: readonly AbbreviationDefinition[], text: string, lookup: PhraseLookup): (ResolvedDefinition['name'] | undefined)[] {
  const names: (ResolvedDefinition['name'] | undefined)[] = [];
  const asked: { index: number; at: number; long: number; close: number }[] = [];
  let phrases = '';
  definitions.forEach((d, index) => {
    if (d.chinese || d.shortStart < d.longEnd) return;
    let close = d.shortEnd;
    while (close < text.length && close - d.shortEnd < 2 && text.charCodeAt(close) !== 0x29) close++;
    // A space or a hyphen joins the bracket to the rest of the name: `(CAR) T cell therapy`, `(CAR)-T-cell therapy`,
    // `interleukin (IL)-12` (a number only after a hyphen).
    const join = text.charCodeAt(close + 1);
    if (text.charCodeAt(close) !== 0x29 || (join !== 0x20 && join !== 0x2d) || !(join === 0x2d ? /[A-Za-z0-9]/ : /[A-Za-z]/).test(text.charAt(close + 2))) return;
    let end = close + 2;
    const limit = Math.min(text.length, end + NAME_TAIL);
    while (end < limit && !/[\n(),.;:]/.test(text[end])) end++;
    if (phrases.length > 0) phrases += PHRASE_SEPARATOR;
    asked.push({ index, at: phrases.length, long: d.long.length, close });
    // The joint is read as a space (one character for one, so offsets carry over).
    phrases += d.long + ' ' + text.slice(close + 2, end);
  });
  if (asked.length === 0) return names;
  const found = lookup(phrases);
  let k = 0;
  for (const a of asked) {
    while (k < found.length && found[k].start < a.at) k++;
    const m = k < found.length && found[k].start === a.at ? found[k] : undefined;
    if (m !== undefined && m.end > a.at + a.long + 1) names[a.index] = { end: a.close + 1 + (m.end - a.at - a.long), id: m.id, category: m.category };
  }
  return names;
}

/** Most characters between the brackets of a definition the lexicon vouches for (`(Tregs)`). */
const MAX_LEXICON_SHORT = 12;

/**
 * Definitions the letter rule of definedAbbreviations.ts cannot see but the lexicon vouches for: a mention
 * of an entry right before a bracket that holds one of the same entry's abbreviations, or its plural
 * (`regulatory T cells (Tregs)`, whose letters are not in the long form's order). Linear: each mention
 * reads at most a bracket's length after itself.
 */
function lexiconDefinitions(text: string, mentions: readonly Mention[], facts: LexiconFacts, found: readonly AbbreviationDefinition[]): AbbreviationDefinition[] {
  const out: AbbreviationDefinition[] = [];
  const taken = new Set(found.map((d) => d.shortStart));
  const inside = new Map(mentions.map((m) => [m.start, m]));
  for (const m of mentions) {
    let i = m.end;
    if (text.charCodeAt(i) === 0x20) i++;
    const open = text.charCodeAt(i);
    if (open !== 0x28 && open !== 0xff08) continue;
    const a = i + 1;
    let b = a;
    while (b < text.length && b - a <= MAX_LEXICON_SHORT && text.charCodeAt(b) !== 0x29 && text.charCodeAt(b) !== 0xff09 && text.charCodeAt(b) !== 0x0a) b++;
    const close = text.charCodeAt(b);
    if ((close !== 0x29 && close !== 0xff09) || b === a || taken.has(a)) continue;
    const short = text.slice(a, b);
    const singularForm = short.endsWith('s') && facts.abbreviations.get(short.slice(0, -1)) === m.id ? short.slice(0, -1) : undefined;
    // Or the bracket holds another name of the same entry, a mention itself: `chimeric antigen receptor T cell (CAR T cell)`.
    if (singularForm === undefined && facts.abbreviations.get(short) !== m.id && !(inside.get(a)?.end === b && inside.get(a)?.id === m.id)) continue;
    const long = text.slice(m.start, m.end);
    // A name that is itself the abbreviation (`PD-L1 (CD274)`) defines nothing.
    if (!/[a-z\u4e00-\u9fff]{3}/.test(long)) continue;
    out.push({ short, base: singularForm ?? singular(short), long, shortStart: a, shortEnd: b, longStart: m.start, longEnd: m.end, chinese: /\p{Script=Han}/u.test(long) });
  }
  return out;
}

/** The short forms in force: the first definition of each (by short form without plural) wins; `definitions` are in document order. */
export function termsInForce(definitions: readonly ResolvedDefinition[]): Map<string, DocumentTerm> {
  const terms = new Map<string, DocumentTerm>();
  for (const d of definitions) if (!terms.has(d.base)) terms.set(d.base, d.term);
  return terms;
}

/** A key of what the terms in force do to mentions (short form, id, category): equal keys, equal mentions. */
export function termsKey(terms: Map<string, DocumentTerm>): string {
  return [...terms.values()].map((t) => `${t.short}\u0000${t.id}\u0000${t.category}\u0000${t.unmarked === true ? 1 : 0}`).sort().join('\u0001');
}

/** Index of the first mention ending after `offset` (mentions are sorted and non-overlapping). */
export function firstEndingAfter(mentions: readonly Mention[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The mention ending exactly at `end`, if any (`mentions` sorted and non-overlapping). */
export function mentionEndingAt(mentions: readonly Mention[], end: number): Mention | undefined {
  const i = firstEndingAfter(mentions, end - 1);
  return i < mentions.length && mentions[i].end === end ? mentions[i] : undefined;
}

/** What a definition's short form names (see the module comment for the rules, in order). */
function resolve(d: AbbreviationDefinition, text: string, mentions: readonly Mention[], facts: LexiconFacts): DocumentTerm {
  const definedAt = Math.min(d.longStart, d.shortStart);
  const known = facts.abbreviations.get(d.short) ?? facts.abbreviations.get(d.base);
  const last = mentionEndingAt(mentions, d.longEnd);
  // The short form is the lexicon's own abbreviation of the entry its long form names, or ends like.
  if (known !== undefined) {
    for (let i = firstEndingAfter(mentions, d.longStart); i < mentions.length; i++) {
      const m = mentions[i];
      if (m.start >= d.longEnd) break;
      if (m.end > d.longStart && m.id === known) {
        return { id: known, short: d.base, long: d.chinese ? text.slice(m.start, m.end) : d.long, category: m.category, local: false, definedAt };
      }
    }
    const long = letters(d.long);
    const need = Math.min(SUFFIX_AGREEMENT, long.length);
    // A Chinese long form is not checked letter by letter and its start is a guess: it never overrides the
    // lexicon's meaning of a short form the lexicon knows (一项 III 期研究（PACIFIC）).
    // A long form may also leave out the entry's head: natural killer (NK) for NK cells.
    const headless = (form: string) => long.length >= 4 && form.startsWith(long) && /^(?:cells?|lymphocytes?)$/.test(form.slice(long.length));
    if (d.chinese || (need > 0 && facts.letters(known).some((form) => commonSuffix(form, long) >= need || headless(form)))) {
      return { id: known, short: d.base, long: d.long, category: facts.category(known), local: false, definedAt };
    }
  }
  // The long form is a lexicon term.
  if (last && last.start <= d.longStart) return { id: last.id, short: d.base, long: d.long, category: last.category, local: false, definedAt };
  // A term of this document: its head (the end of the long form) or its head word gives the category.
  let related = last?.id;
  if (!related) {
    for (let i = firstEndingAfter(mentions, d.longStart); i < mentions.length; i++) {
      const m = mentions[i];
      if (m.start >= d.longEnd) break;
      if (m.start >= d.longStart) related = m.id;
    }
  }
  // What says the term is the field's: a lexicon term ending its long form, else its head word's class,
  // else a short form of the field ending its own (EclipseRT (ERT) → RT, radiotherapy).
  // A generic word ending it says nothing (`American Joint Committee on Cancer`).
  const end = last !== undefined && !facts.generic.has(last.id) ? last : undefined;
  const head = end === undefined ? headCategory(d.long) : undefined;
  const ending = end === undefined && head === undefined ? knownShortEnding(d.base, d.long, facts) : undefined;
  let category = end?.category ?? head ?? (ending !== undefined ? facts.category(ending) : undefined);
  // A combination with a treatment modality is a modality (新辅助免疫+化疗, NICT); of drugs only, a regimen (EP).
  if (category === 'drug' && COMBINED.test(d.long) && insideLongForm(d, mentions).some((m) => m.category === 'concept' && !facts.generic.has(m.id))) category = 'concept';
  const unmarked = category === undefined || (end === undefined && describes(d.long, insideLongForm(d, mentions), facts));
  return { id: DOCUMENT_TERM_PREFIX + d.base, short: d.base, long: d.long, category: category ?? 'concept', local: true, related: related ?? ending, definedAt, ...(unmarked ? { unmarked } : {}) };
}

/** A long form that joins two treatments: `依托泊苷+顺铂`, `新辅助免疫+化疗`, `immunotherapy plus chemotherapy`. */
const COMBINED = /[+＋]|联合|\b(?:plus|with|and)\b/;

/** The matcher's mentions inside a definition's long form. */
function insideLongForm(d: AbbreviationDefinition, mentions: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  for (let i = firstEndingAfter(mentions, d.longStart); i < mentions.length && mentions[i].start < d.longEnd; i++) if (mentions[i].start >= d.longStart && mentions[i].end <= d.longEnd) out.push(mentions[i]);
  return out;
}

/**
 * Whether a long form only describes: its one field word is a generic one joined as a modifier
 * (`tumor-derived factors`, `cancer-related genes`, `American Joint Committee on Cancer`), so it names no
 * thing of the field.
 */
function describes(long: string, inside: readonly Mention[], facts: LexiconFacts): boolean {
  return inside.length > 0 && inside.every((m) => facts.generic.has(m.id)) && /\b(?:derived|associated|related|induced|secreted|on|of|for)\b/i.test(long);
}

/**
 * The lexicon entry whose short form of capitals (at least two) ends the given short form and follows a
 * capital or a lower-case prefix, where the long form ends the same way, in that short form or in a name of
 * the entry: EclipseRT (ERT) → RT (radiotherapy). Undefined if none does: polymerase chain reaction (PCR)
 * ends in neither CR nor complete response, so it is not an outcome.
 */
function knownShortEnding(short: string, long: string, facts: LexiconFacts): string | undefined {
  const l = letters(long);
  for (let i = 1; i + 2 <= short.length; i++) {
    const tail = short.slice(i);
    const id = facts.abbreviations.get(tail);
    if (id === undefined || !/^[A-Z]{2,}$/.test(tail) || facts.generic.has(id)) continue;
    if (l.endsWith(tail.toLowerCase()) || facts.letters(id).some((form) => commonSuffix(form, l) >= Math.min(SUFFIX_AGREEMENT, form.length))) return id;
  }
  return undefined;
}

/**
 * Stems of the WHO's International Nonproprietary Names that only drugs end with, and the Chinese approved
 * names' renderings of them: a one-word long form ending so is a drug (`rezivertinib (BPI-7711)`,
 * `瑞齐替尼（BPI-7711）`). -tinib/替尼 tyrosine kinase inhibitors, -rafenib/非尼 Raf kinase inhibitors,
 * -parib/帕利 PARP inhibitors, -ciclib/西利 CDK inhibitors, -zomib/佐米 proteasome inhibitors, -mab/单抗 antibodies.
 */
const EN_DRUG_STEMS = /^[a-z]{3,}(?:tinib|rafenib|parib|ciclib|zomib|mab)$/;
const ZH_DRUG_STEMS = ['替尼', '非尼', '帕利', '西利', '佐米'];

/** Head words (the last word of an English long form, singular) and Chinese endings that tell a category. */
const HEADS: [Category, string[], string[]][] = [
  ['drug', ['inhibitor', 'blocker', 'antibody', 'antibodie', 'agonist', 'antagonist', 'vaccine', 'drug', 'agent', 'conjugate'], ['抑制剂', '抗体', '单抗', '疫苗', '激动剂', '拮抗剂', '药物', ...ZH_DRUG_STEMS]],
  ['immune-cell', ['cell', 'lymphocyte', 'macrophage', 'neutrophil', 'monocyte', 'granulocyte'], ['细胞']],
  ['molecule', ['receptor', 'ligand', 'factor', 'protein', 'kinase', 'cytokine', 'chemokine', 'antigen', 'gene', 'enzyme', 'molecule', 'interleukin', 'interferon'], ['受体', '配体', '因子', '蛋白', '激酶', '抗原', '基因', '分子']],
  ['outcome', ['response', 'survival', 'rate', 'ratio', 'time', 'remission', 'control', 'event'], ['率', '生存期', '缓解', '应答']],
  ['tumor', ['cancer', 'carcinoma', 'tumor', 'tumour', 'melanoma', 'lymphoma', 'sarcoma', 'glioma', 'neoplasm', 'leukemia', 'leukaemia'], ['癌', '瘤', '白血病']],
  ['trial', ['trial'], ['试验']],
];

/** The category a long form's head word tells, if any. */
function headCategory(long: string): Category | undefined {
  // A trailing number or Greek letter is part of the name, not its head: `Toll-like receptor 4`, `…相关蛋白 4`.
  // The head of `A of B`, `A on B` is A: `American Joint Committee on Cancer` is a committee, not a cancer.
  const prepositional = /^(.+?)\s+(?:of|on|for|in|against|from|to)\s/i.exec(long);
  if (prepositional && !/\p{Script=Han}/u.test(long)) long = prepositional[1];
  const name = long.replace(/[\s\d\u03b1-\u03c9-]+$/, '') || long;
  const words = name.toLowerCase().split(/[\s-]+/);
  let head = words[words.length - 1] ?? '';
  if (head.endsWith('s')) head = head.slice(0, -1);
  // Adverse effects and side effects are end points, whatever their head word says elsewhere.
  if (/\b(?:adverse|side)[\s-]+(?:effects?|events?|reactions?)$/i.test(name)) return 'outcome';
  // A dose rate is how radiotherapy is given (ultra-high dose rate, as FLASH radiotherapy is), not an end point.
  if (/\bdose[\s-]+rates?$/i.test(name)) return 'concept';
  for (const [category, en, zh] of HEADS) if (en.includes(head) || zh.some((z) => name.endsWith(z))) return category;
  if (words.length === 1 && EN_DRUG_STEMS.test(head)) return 'drug';
  return undefined;
}

/**
 * Adds the uses of the defined short forms `terms` in text[0, text.length) to the matcher's `mentions` of
 * the same text: whole words, case-sensitive, with a plural `s` or a hyphen after (`IR-induced`), outside
 * `skips`. A use replaces the mentions inside its span; it is dropped where a mention reaches beyond it.
 * Linear in the text's length: at each word start whose character begins a form, only the lengths some
 * form has are looked up (a hash lookup each), longest first, however many short forms the document defines.
 */
export function applyDocumentTerms(text: string, mentions: Mention[], skips: readonly number[], terms: Map<string, DocumentTerm>): DocumentMention[] {
  if (terms.size === 0) return mentions;
  // The forms to look for (short form, and with a plural s), by text; the first term to claim a text keeps it.
  const forms = new Map<string, DocumentTerm>();
  const starts = new Uint8Array(65536);
  let lengths: number[] = [];
  for (const t of terms.values()) {
    for (const key of [t.short, `${t.short}s`]) {
      if (key.length === 0 || forms.has(key)) continue;
      forms.set(key, t);
      starts[key.charCodeAt(0)] = 1;
      lengths.push(key.length);
    }
  }
  // The lengths of the forms, longest first.
  lengths = [...new Set(lengths)].sort((x, y) => y - x);
  const uses: DocumentMention[] = [];
  const n = text.length;
  // The text between skipped regions, one stretch at a time.
  for (let s = 0, from = 0; from < n; s += 2) {
    const limit = s < skips.length ? Math.min(skips[s], n) : n;
    for (let i = from; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (!isAlnum(c)) continue;
      if (starts[c] === 1 && (i === 0 || !isAlnum(text.charCodeAt(i - 1)))) {
        for (const length of lengths) {
          const j = i + length;
          if (j > limit || (j < n && isAlnum(text.charCodeAt(j)))) continue;
          const term = forms.get(text.slice(i, j));
          if (term !== undefined) {
            uses.push({ start: i, end: j, id: term.id, category: term.category, short: term.short });
            break;
          }
        }
      }
      // On to the end of the word.
      while (i + 1 < limit && isAlnum(text.charCodeAt(i + 1))) i++;
    }
    from = s < skips.length ? Math.max(from, skips[s + 1]) : n;
  }
  if (uses.length === 0) return mentions;
  const out: DocumentMention[] = [];
  let j = 0;
  for (const u of uses) {
    while (j < mentions.length && mentions[j].end <= u.start) out.push(mentions[j++]);
    // A second use inside a mention already carrying one (`PD-1/PD-L1 axis`): the first is enough.
    if (out.length > 0 && out[out.length - 1].end > u.start) continue;
    let k = j;
    let inside = true;
    while (k < mentions.length && mentions[k].start < u.end) {
      if (mentions[k].start < u.start || mentions[k].end > u.end) inside = false;
      k++;
    }
    if (inside) {
      out.push(u);
      j = k;
    } else if (j < mentions.length && mentions[j].start <= u.start && mentions[j].end >= u.end) {
      // One longer mention holds the use (`PD-L1 expression`): it stays, and carries the use (a copy, so
      // the matcher's mention is not changed).
      const m = mentions[j++];
      out.push({ start: m.start, end: m.end, id: m.id, category: m.category, inner: { short: u.short!, offset: u.start - m.start, length: u.end - u.start } });
    }
  }
  while (j < mentions.length) out.push(mentions[j++]);
  return out;
}
