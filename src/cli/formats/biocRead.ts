/**
 * Reading BioC (XML and JSON) so that nothing of the input is lost. A document is kept as it was read — its
 * JSON object (every key, in order, with its type: `true` stays `true`, arrays stay arrays, `null` stays
 * `null`; PubTator3's `_id`, `pmid`, `meta`, `authors`, …), or for XML its element and the source text
 * around it — and the writers (src/cli/formats/bioc.ts) add OncoLex's annotations to that and change
 * nothing else. The units annotated are the passages, or a passage's sentences when it has them (BioC puts
 * either text or sentences in a passage); each unit's offset is its place in the document, as BioC defines
 * it, so an annotation's location is the unit's offset plus its place in the unit's text.
 */
import * as path from 'node:path';
import { jsonErrorOffset } from '../../core/text/jsonItems';
import type { SourceDoc, SourcePassage } from './model';
import type { XmlElement } from './xml';
import { XmlError, parseXml } from './xml';

/** A JSON value as `JSON.parse` gives it. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** What heads a BioC collection: source, date, key and infons, and (for the writers) the input's own form. */
export interface BiocCollectionInfo {
  source: string;
  date: string;
  key: string;
  infons: Record<string, string>;
  /** A JSON collection's keys other than `documents`: those before it, and those after it. */
  json?: { before: JsonObject; after: JsonObject };
  /** An XML collection's source text up to its first document and after its last one. */
  xml?: { head: string; tail: string };
}

/** A BioC document as read, for its writer. `units[i]` is where `passages[i]` of the {@link SourceDoc} lives. */
export interface BiocSource {
  /** The document as BioC JSON (for XML input, converted: infons are strings), and its units' objects. */
  json: JsonObject;
  jsonUnits: JsonObject[];
  /** For XML input: the source text, the document's element, its units' elements, and what came before it. */
  xml?: { text: string; el: XmlElement; units: XmlElement[]; gap: string };
  /** The document could not be read as BioC (a problem was reported): it is written back as it was, unannotated. */
  unreadable?: boolean;
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

/** The documents of one BioC file; documents that are not valid BioC are reported and written back unannotated. */
export function readBioc(text: string, file: string, kind: 'xml' | 'json', problem: (message: string) => void): { info?: BiocCollectionInfo; docs: SourceDoc[] } {
  return kind === 'xml' ? readBiocXml(text, file, problem) : readBiocJson(text, file, problem);
}

/** A plain, Markdown or LaTeX file as one BioC document of one passage. */
export function wrapFile(text: string, file: string, id = path.basename(file)): SourceDoc {
  const passage: JsonObject = { offset: 0, infons: { type: 'text' }, text, sentences: [], annotations: [], relations: [] };
  const json: JsonObject = { id, infons: {}, passages: [passage], annotations: [], relations: [] };
  return { id, file, language: file, passages: [{ offset: 0, text }], bioc: { json, jsonUnits: [passage] } };
}

const isObject = (x: unknown): x is JsonObject => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Infons as strings (for the collection head and XML), whatever their JSON type. */
export function stringInfons(raw: unknown): Record<string, string> {
  const infons: Record<string, string> = {};
  if (isObject(raw)) for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined) infons[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return infons;
}

/** How deeply an infon's value may nest (BioC infons are strings; deeper JSON is refused, since writing it back recurses). */
const MAX_INFON_DEPTH = 100;
/** How deeply anything else in a BioC JSON document may nest, for the same reason. */
const MAX_DOCUMENT_DEPTH = 200;

/** Whether `value` nests deeper than `limit` (checked without recursion). */
function nestsDeeper(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const c of Object.values(v)) stack.push([c, depth + 1]);
  }
  return false;
}

/** Why an object of infons cannot be written back, if it cannot. */
function infonDepthProblem(infons: unknown): string | undefined {
  if (!isObject(infons)) return undefined;
  for (const [k, v] of Object.entries(infons)) if (nestsDeeper(v, MAX_INFON_DEPTH)) return `infon "${k}" is nested more than ${MAX_INFON_DEPTH} deep`;
  return undefined;
}

/** Why a JSON value (a document, the collection's own keys) cannot be written back, if it cannot: its infons or itself nest too deep. One pass, without recursion. */
function depthProblem(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_DOCUMENT_DEPTH) return `nested more than ${MAX_DOCUMENT_DEPTH} deep`;
    for (const [k, c] of Object.entries(v)) {
      if (k === 'infons' && !Array.isArray(v) && isObject(c)) {
        const p = infonDepthProblem(c);
        if (p !== undefined) return p;
        continue;
      }
      stack.push([c, depth + 1]);
    }
  }
  return undefined;
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
        let raw: unknown;
        try {
          raw = JSON.parse(l);
        } catch {
          problem(`${file}:${k + 1}: not valid JSON`);
          return;
        }
        const d = jsonDocument(raw, file, `${file}:${k + 1}`, problem);
        if (d) docs.push(d);
      });
      return { docs };
    }
    const at = jsonErrorOffset(e);
    const line = at !== undefined ? text.slice(0, at).split('\n').length : undefined;
    throw new BiocError(`${file}${line ? `:${line}` : ''}: not valid JSON`);
  }
  let rawDocs: unknown[];
  let info: BiocCollectionInfo | undefined;
  if (Array.isArray(data)) rawDocs = data;
  else if (isObject(data) && Array.isArray(data.documents)) {
    rawDocs = data.documents;
    const before: JsonObject = {};
    const after: JsonObject = {};
    let seen = false;
    for (const [k, v] of Object.entries(data)) {
      if (k === 'documents') seen = true;
      else (seen ? after : before)[k] = v;
    }
    const deep = depthProblem({ before, after });
    if (deep !== undefined) throw new BiocError(`${file}: the collection's ${/^infon /.test(deep) ? 'infons' : 'keys'}: ${deep}`);
    info = { source: String(data.source ?? ''), date: String(data.date ?? ''), key: String(data.key ?? ''), infons: stringInfons(data.infons), json: { before, after } };
  } else if (isObject(data) && Array.isArray(data.PubTator3)) rawDocs = data.PubTator3;
  else if (isObject(data) && Array.isArray(data.passages)) rawDocs = [data];
  else throw new BiocError(`${file}: not a BioC collection or document (no "documents" or "passages")`);
  const docs: SourceDoc[] = [];
  rawDocs.forEach((d, k) => {
    const doc = jsonDocument(d, file, `${file}: document ${k + 1}`, problem);
    if (doc) docs.push(doc);
  });
  return { info, docs };
}

const idOf = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');

/** A JSON document's units: each passage, or its sentences when it has any. Undefined (and a problem reported) when an offset is missing. */
function jsonDocument(raw: unknown, file: string, where: string, problem: (message: string) => void): SourceDoc | undefined {
  if (!isObject(raw) || !Array.isArray(raw.passages)) {
    problem(`${where}: a document needs "passages"`);
    return undefined;
  }
  const id = idOf(raw.id);
  const deep = depthProblem(raw);
  if (deep !== undefined) {
    problem(`${where}${id ? ` (id ${id})` : ''}: ${deep}`);
    return undefined;
  }
  const passages: SourcePassage[] = [];
  const jsonUnits: JsonObject[] = [];
  const bad = (what: string) => {
    problem(`${where}${id ? ` (id ${id})` : ''}: ${what} needs a whole-number "offset"`);
    return { id, file, language: 'bioc.txt', passages: [], bioc: { json: raw, jsonUnits: [], unreadable: true } };
  };
  for (const [k, p] of raw.passages.entries()) {
    if (!isObject(p) || !isOffset(p.offset)) return bad(`passage ${k + 1}`);
    const sentences = Array.isArray(p.sentences) ? p.sentences : [];
    if (sentences.length === 0) {
      passages.push({ offset: p.offset as number, text: typeof p.text === 'string' ? p.text : '' });
      jsonUnits.push(p);
      continue;
    }
    for (const [j, s] of sentences.entries()) {
      if (!isObject(s) || !isOffset(s.offset)) return bad(`passage ${k + 1}, sentence ${j + 1}`);
      passages.push({ offset: s.offset as number, text: typeof s.text === 'string' ? s.text : '' });
      jsonUnits.push(s);
    }
  }
  return { id, file, language: 'bioc.txt', passages, bioc: { json: raw, jsonUnits } };
}

const isOffset = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;

function childText(el: XmlElement, name: string): string | undefined {
  return el.children.find((x) => x.name === name)?.text;
}

function xmlInfons(el: XmlElement): JsonObject {
  const infons: JsonObject = {};
  for (const c of el.children) if (c.name === 'infon') infons[c.attrs.key ?? ''] = c.text;
  return infons;
}

/** An XML annotation, relation, sentence, passage or document as BioC JSON (the `bioc` package's mapping). */
function xmlToJson(el: XmlElement): JsonObject {
  const all = (name: string) => el.children.filter((c) => c.name === name).map(xmlToJson);
  switch (el.name) {
    case 'annotation':
      return {
        id: el.attrs.id ?? '',
        infons: xmlInfons(el),
        text: childText(el, 'text') ?? '',
        locations: el.children.filter((c) => c.name === 'location').map((l) => ({ offset: Number(l.attrs.offset), length: Number(l.attrs.length) })),
      };
    case 'relation':
      return { id: el.attrs.id ?? '', infons: xmlInfons(el), nodes: el.children.filter((c) => c.name === 'node').map((n) => ({ refid: n.attrs.refid ?? '', role: n.attrs.role ?? '' })) };
    case 'sentence':
      return { offset: Number(childText(el, 'offset')?.trim()), infons: xmlInfons(el), text: childText(el, 'text') ?? '', annotations: all('annotation'), relations: all('relation') };
    case 'passage':
      return { offset: Number(childText(el, 'offset')?.trim()), infons: xmlInfons(el), text: childText(el, 'text') ?? '', sentences: all('sentence'), annotations: all('annotation'), relations: all('relation') };
    default:
      return { id: (childText(el, 'id') ?? '').trim(), infons: xmlInfons(el), passages: all('passage'), annotations: all('annotation'), relations: all('relation') };
  }
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
  const documents = root.children.filter((d) => d.name === 'document');
  // What a document is preceded by: the text since the element before it.
  const gaps = new Map<XmlElement, string>();
  root.children.forEach((c, k) => {
    if (c.name !== 'document') return;
    const prev = root.children[k - 1];
    const from = prev ? prev.end : text.lastIndexOf('>', root.children[0].start - 1) + 1;
    gaps.set(c, text.slice(from, c.start));
  });
  const first = documents[0];
  const last = documents[documents.length - 1];
  const head = first ? text.slice(0, first.start - gaps.get(first)!.length) : text.slice(0, root.contentEnd);
  const tail = last ? text.slice(last.end) : text.slice(root.contentEnd);
  const info: BiocCollectionInfo = { source: childText(root, 'source') ?? '', date: childText(root, 'date') ?? '', key: childText(root, 'key') ?? '', infons: stringInfons(xmlInfons(root)), xml: { head, tail } };
  const docs: SourceDoc[] = [];
  for (const d of documents) {
    const id = (childText(d, 'id') ?? '').trim();
    const json = xmlToJson(d);
    const passages: SourcePassage[] = [];
    const units: XmlElement[] = [];
    const jsonUnits: JsonObject[] = [];
    let unreadable = false;
    const jsonPassages = json.passages as JsonObject[];
    d.children
      .filter((p) => p.name === 'passage')
      .forEach((p, k) => {
        const sentences = p.children.filter((s) => s.name === 'sentence');
        const unitEls = sentences.length > 0 ? sentences : [p];
        const unitJson = sentences.length > 0 ? (jsonPassages[k].sentences as JsonObject[]) : [jsonPassages[k]];
        unitEls.forEach((u, j) => {
          if (unreadable) return;
          const offsetText = childText(u, 'offset')?.trim() ?? '';
          if (!/^\d+$/.test(offsetText)) {
            problem(`${file}:${u.line}: document ${id || '(no id)'}: a ${u.name} needs a whole-number <offset>`);
            unreadable = true;
            return;
          }
          passages.push({ offset: Number(offsetText), text: childText(u, 'text') ?? '' });
          units.push(u);
          jsonUnits.push(unitJson[j]);
        });
      });
    const xml = { text, el: d, units, gap: gaps.get(d)! };
    if (unreadable) docs.push({ id, file, language: 'bioc.txt', passages: [], bioc: { json, jsonUnits: [], xml: { ...xml, units: [] }, unreadable } });
    else docs.push({ id, file, language: 'bioc.txt', passages, bioc: { json, jsonUnits, xml } });
  }
  return { info, docs };
}
