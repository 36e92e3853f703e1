/**
 * The one document model every corpus format reads into and every output format writes from. Readers turn
 * their input into {@link SourceDoc}s (units — passages, sentences, a title and an abstract — with their
 * offsets, and what the reader keeps of the input for its own writer); each document is annotated as one
 * text ({@link documentText}; src/cli/annotate.ts, possibly in a worker); {@link annotatedDoc} splits the
 * result into the units and converts it into the chosen offset unit — the only place offsets change unit —
 * and the writers under src/cli/formats/ only lay the result out.
 */
import { curieOf } from '../../core/lexicon/curie';
import type { Entry } from '../../core/lexicon/lexicon';
import type { CliAbbreviation, FileAnnotation } from '../annotate';
import type { BiocSource } from './biocRead';
import type { OffsetUnit } from './offsets';
import type { PubTatorSource } from './pubtator';
import { lengthIn, offsetConverter } from './offsets';

/**
 * A piece of a document that is annotated as a unit of output — a BioC passage or sentence, a PubTator title
 * or abstract, a whole file: its text and where it starts in its document, in the output's offset unit.
 */
export interface SourcePassage {
  offset: number;
  text: string;
}

/** A document as a reader produced it. */
export interface SourceDoc {
  /** The document's id (a PMID, a BioC document id, a file name, a JSON Lines record id). */
  id: string;
  /** The file the document came from (`-` for stdin); its extension decides Markdown/LaTeX/plain reading. */
  file: string;
  /** The name matching reads the passages as (plain text for BioNLP formats). */
  language: string;
  /** Its units, in document order. */
  passages: SourcePassage[];
  /** The units' offsets are their places in the document's text (see {@link documentText}), as PubTator counts them. */
  offsetsFromText?: boolean;
  /** A BioC document as read, for the BioC writers. */
  bioc?: BiocSource;
  /** A PubTator document as read, for the PubTator writer. */
  pubtator?: PubTatorSource;
  /** Where the document comes from, for formats that name it (PubAnnotation): `PubMed` and the PMID for PubTator input. */
  sourcedb?: string;
  sourceid?: string;
}

/** One mention; offsets are relative to the document, in the output unit. */
export interface Mention {
  start: number;
  end: number;
  text: string;
  /** Our entry id (or `doc:XYZ` for a short form only the document defines). */
  id: string;
  category: string;
  /** An external CURIE where the entry has one, else `oncolex:<id>`. */
  identifier: string;
}

/** A short form the document defines beside its long form; offsets as for {@link Mention}. */
export interface Definition {
  short: { start: number; end: number; text: string };
  long: { start: number; end: number; text: string };
  /** The units (indexes into the document's passages) the short and the long form lie in. */
  shortUnit: number;
  longUnit: number;
  id: string;
  identifier: string;
}

export interface AnnotatedPassage extends SourcePassage {
  mentions: Mention[];
}

export interface AnnotatedDoc {
  source: SourceDoc;
  passages: AnnotatedPassage[];
  /** The definitions in force, in document order. */
  definitions: Definition[];
  /** The abbreviations of all passages, as our JSON reports them. */
  abbreviations: CliAbbreviation[];
}

/** Each entry's CURIE, made once per lexicon rather than once per mention. */
const curieCache = new WeakMap<ReadonlyMap<string, Entry>, Map<string, string>>();

function identifierOf(id: string, byId: ReadonlyMap<string, Entry>): string {
  let cache = curieCache.get(byId);
  if (!cache) curieCache.set(byId, (cache = new Map()));
  let curie = cache.get(id);
  if (curie === undefined) cache.set(id, (curie = curieOf(id, byId.get(id))));
  return curie;
}

/** Between two units of a document's text: a line break, as between a PubTator title and its abstract. */
const UNIT_BREAK = '\n';

/**
 * The one text a document is annotated as: its units in order, each followed by a line break but the last.
 * So every format sees the same text for the same document — a PubTator title and abstract, or BioC
 * passages or sentences of the same texts, are one text — and an abbreviation defined anywhere in it applies
 * to the whole document, in every format alike.
 */
export function documentText(source: SourceDoc): string {
  return source.passages.map((p) => p.text).join(UNIT_BREAK);
}

/** What to annotate for a document: its text (see {@link documentText}), or nothing when it has no units. */
export function annotationTasks(source: SourceDoc): { text: string; language: string }[] {
  return source.passages.length === 0 ? [] : [{ text: documentText(source), language: source.language }];
}

/**
 * The document with the annotation of its text ({@link annotationTasks}; UTF-16 offsets into that text)
 * split into its units and turned into offsets in `unit` relative to the document: the unit's offset
 * (already in `unit`) plus the converted offset inside it. A mention or definition that crosses from one
 * unit into the next is left out, since no unit could hold it.
 */
export function annotatedDoc(source: SourceDoc, results: readonly FileAnnotation[], unit: OffsetUnit, byId: ReadonlyMap<string, Entry>): AnnotatedDoc {
  const r = results[0] ?? { mentions: [], abbreviations: [], definitions: [] };
  // Where each unit starts in the document's text (UTF-16).
  const bases: number[] = [];
  let base = 0;
  for (const p of source.passages) {
    bases.push(base);
    base += p.text.length + UNIT_BREAK.length;
  }
  const converters = source.passages.map((p) => offsetConverter(p.text, unit));
  // PubTator's offsets: a unit starts where the one before it ends, plus the line break.
  const offsets: number[] = [];
  source.passages.forEach((p, i) => offsets.push(!source.offsetsFromText ? p.offset : i === 0 ? 0 : offsets[i - 1] + lengthIn(source.passages[i - 1].text, unit) + UNIT_BREAK.length));
  /** The unit holding [start, end) of the text, or -1. */
  let k = 0;
  const unitOf = (start: number, end: number): number => {
    // Mentions and definitions come in text order, so the search mostly moves forward.
    if (k >= bases.length || bases[k] > start) k = 0;
    while (k + 1 < bases.length && bases[k + 1] <= start) k++;
    return k < bases.length && end <= bases[k] + source.passages[k].text.length ? k : -1;
  };
  const span = (i: number, start: number, end: number) => {
    const p = source.passages[i];
    return { start: offsets[i] + converters[i](start - bases[i]), end: offsets[i] + converters[i](end - bases[i]), text: p.text.slice(start - bases[i], end - bases[i]) };
  };
  const passages = source.passages.map((p, i): AnnotatedPassage => ({ offset: offsets[i], text: p.text, mentions: [] }));
  for (const m of r.mentions) {
    const i = unitOf(m.start, m.end);
    if (i < 0) continue;
    const at = converters[i];
    passages[i].mentions.push({ start: offsets[i] + at(m.start - bases[i]), end: offsets[i] + at(m.end - bases[i]), text: m.text, id: m.id, category: m.category, identifier: identifierOf(m.id, byId) });
  }
  const definitions: Definition[] = [];
  for (const d of r.definitions) {
    const s = unitOf(d.shortStart, d.shortEnd);
    const l = unitOf(d.longStart, d.longEnd);
    if (s >= 0 && l >= 0) definitions.push({ short: span(s, d.shortStart, d.shortEnd), long: span(l, d.longStart, d.longEnd), shortUnit: s, longUnit: l, id: d.id, identifier: identifierOf(d.id, byId) });
  }
  return { source, passages, definitions, abbreviations: r.abbreviations };
}
