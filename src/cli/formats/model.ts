/**
 * The one mention model every output format writes. Readers turn their input into {@link SourceDoc}s
 * (passages with their offsets); each passage is annotated (src/cli/annotate.ts, possibly in a worker);
 * {@link annotatedDoc} converts the result into the chosen offset unit — the only place offsets change
 * unit — and the writers under src/cli/formats/ only lay the result out.
 */
import { curieOf } from '../../core/curie';
import type { Entry } from '../../core/lexicon';
import type { CliAbbreviation, FileAnnotation } from '../annotate';
import type { OffsetUnit } from './offsets';
import { offsetConverter } from './offsets';

/** An annotation a BioC input already carries: kept as it is, beside OncoLex's (src/cli/formats/bioc.ts). */
export interface KeptAnnotation {
  id: string;
  infons: Record<string, string>;
  text: string;
  locations: { offset: number; length: number }[];
}

/** A relation a BioC input already carries, kept as it is. */
export interface KeptRelation {
  id: string;
  infons: Record<string, string>;
  nodes: { refid: string; role: string }[];
}

/** A passage to annotate: its text and where it starts in its document, in the output's offset unit. */
export interface SourcePassage {
  offset: number;
  text: string;
  infons?: Record<string, string>;
  annotations?: KeptAnnotation[];
  relations?: KeptRelation[];
}

/** A document as a reader produced it. */
export interface SourceDoc {
  /** The document's id (a PMID, a BioC document id, a file name, a JSON Lines record id). */
  id: string;
  /** The file the document came from (`-` for stdin); its extension decides Markdown/LaTeX/plain reading. */
  file: string;
  /** The name matching reads the passages as (plain text for BioNLP formats). */
  language: string;
  passages: SourcePassage[];
  infons?: Record<string, string>;
  /** What a reader keeps for its own writer (a PubTator title and abstract). */
  title?: string;
  abstract?: string;
  /** A PubTator document's own annotation and relation lines, as they were. */
  pubtatorLines?: { annotations: string[]; relations: string[] };
  /** A BioC document's own document-level annotations and relations. */
  annotations?: KeptAnnotation[];
  relations?: KeptRelation[];
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
  id: string;
  identifier: string;
}

export interface AnnotatedPassage extends SourcePassage {
  mentions: Mention[];
  definitions: Definition[];
}

export interface AnnotatedDoc {
  source: SourceDoc;
  passages: AnnotatedPassage[];
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

/**
 * The document with each passage's annotation (UTF-16, relative to the passage) turned into offsets in
 * `unit` relative to the document: the passage's offset (already in `unit`) plus the converted offset.
 */
export function annotatedDoc(source: SourceDoc, results: readonly FileAnnotation[], unit: OffsetUnit, byId: ReadonlyMap<string, Entry>): AnnotatedDoc {
  const abbreviations: CliAbbreviation[] = [];
  const passages = source.passages.map((p, i): AnnotatedPassage => {
    const r = results[i];
    abbreviations.push(...r.abbreviations);
    const at = offsetConverter(p.text, unit);
    const span = (start: number, end: number) => ({ start: p.offset + at(start), end: p.offset + at(end), text: p.text.slice(start, end) });
    // Definitions first, then mentions: each list is in document order, so the converter walks forward.
    const definitions = r.definitions.map((d) => ({ short: span(d.shortStart, d.shortEnd), long: span(d.longStart, d.longEnd), id: d.id, identifier: identifierOf(d.id, byId) }));
    const mentions = r.mentions.map((m) => ({ start: p.offset + at(m.start), end: p.offset + at(m.end), text: m.text, id: m.id, category: m.category, identifier: identifierOf(m.id, byId) }));
    return { ...p, mentions, definitions };
  });
  return { source, passages, abbreviations };
}
