/**
 * BioC (Comeau et al. 2013, http://bioc.sourceforge.net/): a collection (source, date, key, infons) of
 * documents (id, infons), each of passages (infons, offset, text) that carry annotations (id, infons,
 * locations of offset and length, text) and relations (id, infons, nodes of refid and role). Offsets are
 * relative to the document: a passage's offset plus the offset inside it. The JSON form is the one the
 * `bioc` Python package (bionlplab/bioc, biocjson) and PubTator3 write, with the same key names.
 *
 * Input: BioC XML (.xml) or BioC JSON (.json: a collection, one document, an array of documents, or one
 * document per line) — every passage with text is annotated; any other file is wrapped as one document of
 * one passage. Annotations and relations already there (PubTator3's, a curator's) are kept as they are, and
 * OncoLex's added after them: with ids that the document does not use yet, and without those the input
 * already has (same one location, type, ABBR role and identifier — so annotating OncoLex's own output again
 * changes nothing). Output: mentions as annotations
 * with `infons.type` (our category) and `infons.identifier` (a CURIE), and each abbreviation the document
 * defines as two annotations (`type` ABBR, `ABBR` ShortForm / LongForm) joined by a relation of type ABBR
 * with nodes of role ShortForm and LongForm — the layout of BioC abbreviation corpora (Ab3P's).
 */
import * as path from 'node:path';
import type { AnnotatedDoc, AnnotatedPassage, KeptAnnotation, KeptRelation, SourceDoc, SourcePassage } from './model';
import type { WriterContext } from './writer';
import type { XmlElement } from './xml';
import { XmlError, parseXml } from './xml';

export interface BiocCollectionInfo {
  source: string;
  date: string;
  key: string;
  infons: Record<string, string>;
}

/** A BioC file that cannot be read as a whole; the message names file and, where known, line. */
export class BiocError extends Error {}

/**
 * How a file is read: BioC XML or JSON by its extension, anything else wrapped as one document. Standard
 * input (`-`) has no extension: its first character tells (`<` XML, `{` or `[` JSON).
 */
export function biocKind(file: string, text: string): 'xml' | 'json' | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xml' || ext === '.json') return ext === '.xml' ? 'xml' : 'json';
  if (file !== '-') return undefined;
  const first = /\S/.exec(text)?.[0];
  return first === '<' ? 'xml' : first === '{' || first === '[' ? 'json' : undefined;
}

/** The documents of one BioC file; documents that are not valid BioC are reported and skipped. */
export function readBioc(text: string, file: string, kind: 'xml' | 'json', problem: (message: string) => void): { info?: BiocCollectionInfo; docs: SourceDoc[] } {
  return kind === 'xml' ? readBiocXml(text, file, problem) : readBiocJson(text, file, problem);
}

/** A plain, Markdown or LaTeX file as one BioC document of one passage. */
export function wrapFile(text: string, file: string): SourceDoc {
  return { id: path.basename(file), file, language: file, passages: [{ offset: 0, text, infons: { type: 'text' } }] };
}

/** How deeply a value in BioC JSON infons may nest (BioC infons are strings; deeper JSON is refused, since writing it back recurses). */
const MAX_INFON_DEPTH = 100;

/** A non-string infon value as JSON text; throws {@link BiocError} when it nests deeper than {@link MAX_INFON_DEPTH} (checked without recursion). */
function infonJson(key: string, value: unknown): string {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth > MAX_INFON_DEPTH) throw new BiocError(`infon "${key}" is nested more than ${MAX_INFON_DEPTH} deep`);
    for (const c of Object.values(v)) stack.push([c, depth + 1]);
  }
  return JSON.stringify(value);
}

function stringInfons(raw: unknown): Record<string, string> {
  const infons: Record<string, string> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined) infons[k] = typeof v === 'string' ? v : infonJson(k, v);
  return infons;
}

function parsesAlone(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function readBiocJson(text: string, file: string, problem: (message: string) => void): { info?: BiocCollectionInfo; docs: SourceDoc[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // One document per line (PubTator Central's export).
    const lines = text.split('\n');
    if (lines.filter((l) => l.trim() !== '').length > 1 && parsesAlone(lines.find((l) => l.trim() !== '') ?? '')) {
      const docs: SourceDoc[] = [];
      lines.forEach((l, k) => {
        if (l.trim() === '') return;
        try {
          const d = jsonDocument(JSON.parse(l), file, `${file}:${k + 1}`, problem);
          if (d) docs.push(d);
        } catch {
          problem(`${file}:${k + 1}: not valid JSON`);
        }
      });
      return { docs };
    }
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw new BiocError(`${file}${line ? `:${line}` : ''}: not valid JSON`);
  }
  const o = data as Record<string, unknown>;
  let rawDocs: unknown[];
  let info: BiocCollectionInfo | undefined;
  if (Array.isArray(data)) rawDocs = data;
  else if (o && typeof o === 'object' && Array.isArray(o.documents)) {
    rawDocs = o.documents;
    let infons: Record<string, string>;
    try {
      infons = stringInfons(o.infons);
    } catch (e) {
      throw new BiocError(`${file}: the collection's infons: ${(e as Error).message}`);
    }
    info = { source: String(o.source ?? ''), date: String(o.date ?? ''), key: String(o.key ?? ''), infons };
  } else if (o && typeof o === 'object' && Array.isArray(o.PubTator3)) rawDocs = o.PubTator3 as unknown[];
  else if (o && typeof o === 'object' && Array.isArray(o.passages)) rawDocs = [o];
  else throw new BiocError(`${file}: not a BioC collection or document (no "documents" or "passages")`);
  const docs: SourceDoc[] = [];
  rawDocs.forEach((d, k) => {
    const doc = jsonDocument(d, file, `${file}: document ${k + 1}`, problem);
    if (doc) docs.push(doc);
  });
  return { info, docs };
}

function jsonDocument(raw: unknown, file: string, where: string, problem: (message: string) => void): SourceDoc | undefined {
  const d = raw as { id?: unknown; infons?: unknown; passages?: unknown; annotations?: unknown; relations?: unknown };
  if (!d || typeof d !== 'object' || !Array.isArray(d.passages)) {
    problem(`${where}: a document needs "passages"`);
    return undefined;
  }
  const id = typeof d.id === 'string' || typeof d.id === 'number' ? String(d.id) : '';
  const passages: SourcePassage[] = [];
  try {
    for (const [k, p] of (d.passages as { offset?: unknown; text?: unknown; infons?: unknown; annotations?: unknown; relations?: unknown }[]).entries()) {
      if (!p || typeof p !== 'object' || typeof p.offset !== 'number' || !Number.isInteger(p.offset) || p.offset < 0) {
        problem(`${where}${id ? ` (id ${id})` : ''}: passage ${k + 1} needs a whole-number "offset"`);
        return undefined;
      }
      passages.push({ offset: p.offset, text: typeof p.text === 'string' ? p.text : '', infons: stringInfons(p.infons), ...jsonKept(p) });
    }
    return { id, file, language: 'bioc.txt', passages, infons: stringInfons(d.infons), ...jsonKept(d) };
  } catch (e) {
    // Whatever goes wrong in one document (a BiocError, or anything else) skips that document only.
    problem(`${where}${id ? ` (id ${id})` : ''}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** The annotations and relations a JSON document or passage carries (only what is there). */
function jsonKept(raw: { annotations?: unknown; relations?: unknown }): { annotations?: KeptAnnotation[]; relations?: KeptRelation[] } {
  const kept: { annotations?: KeptAnnotation[]; relations?: KeptRelation[] } = {};
  const objects = (x: unknown) => (Array.isArray(x) ? (x.filter((o) => o && typeof o === 'object') as Record<string, unknown>[]) : []);
  const idOf = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');
  const annotations = objects(raw.annotations).map((a) => ({
    id: idOf(a.id),
    infons: stringInfons(a.infons),
    text: typeof a.text === 'string' ? a.text : '',
    locations: objects(a.locations)
      .filter((l) => Number.isInteger(l.offset) && Number.isInteger(l.length))
      .map((l) => ({ offset: l.offset as number, length: l.length as number })),
  }));
  const relations = objects(raw.relations).map((r) => ({ id: idOf(r.id), infons: stringInfons(r.infons), nodes: objects(r.nodes).map((n) => ({ refid: idOf(n.refid), role: typeof n.role === 'string' ? n.role : '' })) }));
  if (annotations.length > 0) kept.annotations = annotations;
  if (relations.length > 0) kept.relations = relations;
  return kept;
}

function childText(el: XmlElement, name: string): string | undefined {
  const c = el.children.find((x) => x.name === name);
  return c?.text;
}

function xmlInfons(el: XmlElement): Record<string, string> {
  const infons: Record<string, string> = {};
  for (const c of el.children) if (c.name === 'infon') infons[c.attrs.key ?? ''] = c.text;
  return infons;
}

/** The annotations and relations directly inside an XML document or passage (only what is there). */
function xmlKept(el: XmlElement): { annotations?: KeptAnnotation[]; relations?: KeptRelation[] } {
  const kept: { annotations?: KeptAnnotation[]; relations?: KeptRelation[] } = {};
  const annotations = el.children
    .filter((c) => c.name === 'annotation')
    .map((a) => ({
      id: a.attrs.id ?? '',
      infons: xmlInfons(a),
      text: childText(a, 'text') ?? '',
      locations: a.children
        .filter((l) => l.name === 'location' && /^\d+$/.test(l.attrs.offset ?? '') && /^\d+$/.test(l.attrs.length ?? ''))
        .map((l) => ({ offset: Number(l.attrs.offset), length: Number(l.attrs.length) })),
    }));
  const relations = el.children
    .filter((c) => c.name === 'relation')
    .map((r) => ({ id: r.attrs.id ?? '', infons: xmlInfons(r), nodes: r.children.filter((n) => n.name === 'node').map((n) => ({ refid: n.attrs.refid ?? '', role: n.attrs.role ?? '' })) }));
  if (annotations.length > 0) kept.annotations = annotations;
  if (relations.length > 0) kept.relations = relations;
  return kept;
}

function readBiocXml(text: string, file: string, problem: (message: string) => void): { info?: BiocCollectionInfo; docs: SourceDoc[] } {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlError) throw new BiocError(`${file}:${e.line}: ${e.message}`);
    throw e;
  }
  if (root.name !== 'collection') throw new BiocError(`${file}:${root.line}: the root element is <${root.name}>, not a BioC <collection>`);
  const info = { source: childText(root, 'source') ?? '', date: childText(root, 'date') ?? '', key: childText(root, 'key') ?? '', infons: xmlInfons(root) };
  const docs: SourceDoc[] = [];
  outer: for (const d of root.children) {
    if (d.name !== 'document') continue;
    const id = (childText(d, 'id') ?? '').trim();
    const passages: SourcePassage[] = [];
    for (const p of d.children) {
      if (p.name !== 'passage') continue;
      const offsetText = childText(p, 'offset')?.trim() ?? '';
      if (!/^\d+$/.test(offsetText)) {
        problem(`${file}:${p.line}: document ${id || '(no id)'}: a passage needs a whole-number <offset>`);
        continue outer;
      }
      passages.push({ offset: Number(offsetText), text: childText(p, 'text') ?? '', infons: xmlInfons(p), ...xmlKept(p) });
    }
    docs.push({ id, file, language: 'bioc.txt', passages, infons: xmlInfons(d), ...xmlKept(d) });
  }
  return { info, docs };
}

/** The annotations and relations of one passage: the input's, then OncoLex's. */
interface PassageOut {
  annotations: KeptAnnotation[];
  relations: KeptRelation[];
}

/** A document's ids: OncoLex numbers its annotations 1, 2, … and its relations R1, R2, …, skipping ids the input uses. */
interface DocIds {
  a: number;
  r: number;
  annotations: Set<string>;
  relations: Set<string>;
}

function docIds(source: SourceDoc): DocIds {
  const ids: DocIds = { a: 0, r: 0, annotations: new Set(), relations: new Set() };
  for (const x of [source, ...source.passages]) {
    for (const a of x.annotations ?? []) ids.annotations.add(a.id);
    for (const r of x.relations ?? []) ids.relations.add(r.id);
  }
  return ids;
}

const annotationKey = (offset: number, length: number, infons: Record<string, string>) => `${offset}+${length} ${infons.type ?? ''} ${infons.ABBR ?? ''} ${infons.identifier ?? ''}`;
const relationKey = (r: KeptRelation) => `${r.infons.type ?? ''} ${r.nodes.map((n) => `${n.refid}:${n.role}`).join(' ')}`;

function passageOut(p: AnnotatedPassage, ids: DocIds): PassageOut {
  const out: PassageOut = { annotations: [...(p.annotations ?? [])], relations: [...(p.relations ?? [])] };
  // One of ours the input already has is not added again; the input's id stands for it (in relations too).
  const theirs = new Map<string, string>();
  for (const a of out.annotations) if (a.locations.length === 1) theirs.set(annotationKey(a.locations[0].offset, a.locations[0].length, a.infons), a.id);
  const theirRelations = new Set(out.relations.map(relationKey));
  const add = (infons: Record<string, string>, span: { start: number; end: number; text: string }): string => {
    const same = theirs.get(annotationKey(span.start, span.end - span.start, infons));
    if (same !== undefined) return same;
    let id: string;
    do id = String(++ids.a);
    while (ids.annotations.has(id));
    out.annotations.push({ id, infons, text: span.text, locations: [{ offset: span.start, length: span.end - span.start }] });
    return id;
  };
  for (const m of p.mentions) add({ type: m.category, identifier: m.identifier }, m);
  for (const d of p.definitions) {
    const s = add({ type: 'ABBR', ABBR: 'ShortForm', identifier: d.identifier }, d.short);
    const l = add({ type: 'ABBR', ABBR: 'LongForm' }, d.long);
    const relation: KeptRelation = { id: '', infons: { type: 'ABBR' }, nodes: [{ refid: s, role: 'ShortForm' }, { refid: l, role: 'LongForm' }] };
    if (theirRelations.has(relationKey(relation))) continue;
    do relation.id = `R${++ids.r}`;
    while (ids.relations.has(relation.id));
    out.relations.push(relation);
  }
  return out;
}

const DEFAULT_INFO: BiocCollectionInfo = { source: 'OncoLex', date: '', key: '', infons: {} };

export function biocJsonWriter(ctx: WriterContext) {
  const { out } = ctx;
  let first = true;
  return {
    begin() {
      const c = ctx.collection ?? DEFAULT_INFO;
      out.add(`{"source":${JSON.stringify(c.source)},"date":${JSON.stringify(c.date)},"key":${JSON.stringify(c.key)},"infons":${JSON.stringify(c.infons)},"documents":[`);
    },
    doc({ source, passages }: AnnotatedDoc) {
      const ids = docIds(source);
      const ps = passages.map((p) => {
        const o = passageOut(p, ids);
        return { offset: p.offset, infons: p.infons ?? {}, text: p.text, sentences: [], annotations: o.annotations, relations: o.relations };
      });
      out.add(`${first ? '' : ','}${JSON.stringify({ id: source.id, infons: source.infons ?? {}, passages: ps, annotations: source.annotations ?? [], relations: source.relations ?? [] })}`);
      first = false;
    },
    end: () => out.add(']}\n'),
  };
}

/**
 * Text for XML: the five special characters escaped, a carriage return as a reference (a reader would turn
 * a literal one into a line feed), and characters XML 1.0 cannot hold replaced by U+FFFD (one unit for one,
 * so offsets hold).
 */
export function xmlEscape(text: string): string {
  return text
    .replace(/[&<>"'\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : '&#13;'))
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
}

function infonsXml(infons: Record<string, string>): string {
  return Object.entries(infons)
    .map(([k, v]) => `<infon key="${xmlEscape(k)}">${xmlEscape(v)}</infon>`)
    .join('');
}

function keptXml({ annotations, relations }: PassageOut): string {
  let xml = '';
  for (const a of annotations) xml += `<annotation id="${xmlEscape(a.id)}">${infonsXml(a.infons)}${a.locations.map((l) => `<location offset="${l.offset}" length="${l.length}"/>`).join('')}<text>${xmlEscape(a.text)}</text></annotation>`;
  for (const r of relations) xml += `<relation id="${xmlEscape(r.id)}">${infonsXml(r.infons)}${r.nodes.map((n) => `<node refid="${xmlEscape(n.refid)}" role="${xmlEscape(n.role)}"/>`).join('')}</relation>`;
  return xml;
}

export function biocXmlWriter(ctx: WriterContext) {
  const { out } = ctx;
  return {
    begin() {
      const c = ctx.collection ?? DEFAULT_INFO;
      out.add(`<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE collection SYSTEM "BioC.dtd">\n<collection><source>${xmlEscape(c.source)}</source><date>${xmlEscape(c.date)}</date><key>${xmlEscape(c.key)}</key>${infonsXml(c.infons)}`);
    },
    doc({ source, passages }: AnnotatedDoc) {
      const ids = docIds(source);
      out.add(`\n<document><id>${xmlEscape(source.id)}</id>${infonsXml(source.infons ?? {})}`);
      for (const p of passages) {
        const o = passageOut(p, ids);
        out.add(`<passage>${infonsXml(p.infons ?? {})}<offset>${p.offset}</offset><text>${xmlEscape(p.text)}</text>${keptXml(o)}</passage>`);
      }
      out.add(`${keptXml({ annotations: source.annotations ?? [], relations: source.relations ?? [] })}</document>`);
    },
    end: () => out.add('\n</collection>\n'),
  };
}
