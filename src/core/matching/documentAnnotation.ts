/**
 * A document's annotation: the one result every consumer (decorations, hover, the Lexicon view, the status
 * bar, abbreviation hints, the CLI) reads. It is the matcher's mentions with two layers on top:
 *
 * 1. What the document defines (definedAbbreviations.ts finds it, documentTerms.ts resolves it). A short form whose long form is a lexicon
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
import type { DocumentTerm, PhraseLookup, ResolvedDefinition } from './documentTerms';
import { DOCUMENT_TERM_PREFIX, findDefinitions, termsInForce } from './documentTerms';
import type { MatchEntry } from '../lexicon/lexicon';
import type { LexiconFacts } from './lexiconFacts';
import { factsOf, SHORT_FORM } from './lexiconFacts';
import type { Matcher, Mention } from './matcher';
import type { DocLanguage } from '../text/regions';

/** A letter or digit, ASCII or Greek: what short forms are made of (as in definedAbbreviations.ts). */
function isAlnum(c: number): boolean {
  return c < 0x80 ? (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) : (c >= 0x391 && c <= 0x3a9) || (c >= 0x3b1 && c <= 0x3c9);
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
 * partly covers is left alone, and so is a Chinese long form, whose start is a guess, unless the lexicon names
 * it with the words after its bracket (自然杀伤(NK)细胞). Offsets of `mentions`
 * and `definitions` are those of the same text; both are in document order. A term defined twice keeps the
 * category of the definition in force (`p62/sequestosome 1 (p62/SQSTM1)`, then `p62/Sequestosome 1 gene
 * (p62/SQSTM1)`: every long form and use of the document's p62/SQSTM1 is one category); a short form
 * redefined as something else keeps each long form's own meaning.
 */
export function markLongForms(mentions: DocumentMention[], definitions: readonly ResolvedDefinition[], terms?: ReadonlyMap<string, DocumentTerm>): DocumentMention[] {
  const spans = definitions.filter((d) => (!d.chinese || d.name !== undefined) && d.longEnd > d.longStart && (d.term.unmarked !== true || d.name !== undefined)).sort((a, b) => a.longStart - b.longStart);
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
