/**
 * BioC (Comeau et al. 2013, http://bioc.sourceforge.net/): a collection (source, date, key, infons) of
 * documents (id, infons), each of passages (infons, offset, text or sentences) that carry annotations (id,
 * infons, locations of offset and length, text) and relations (id, infons, nodes of refid and role). Offsets
 * are relative to the document. The JSON form is the one the `bioc` Python package (bionlplab/bioc,
 * biocjson) and PubTator3 write, with the same key names.
 *
 * Input is read by src/cli/formats/biocRead.ts, which keeps each document as it was. Output is that
 * document with OncoLex's annotations added and nothing else changed: in XML, the input's text itself with
 * ours spliced in (after a unit's last annotation, and our relations after its last child, as BioC.dtd
 * orders them); in JSON, the input's objects with ours appended to a unit's `annotations` and `relations`.
 * A passage split into sentences is annotated sentence by sentence, each annotation inside its sentence.
 * OncoLex's ids are ones the document uses nowhere (no annotation, relation or node refid), so a relation of
 * the input never points at one of ours. A mention the unit already has (same one location, type, ABBR role
 * and identifier) is not added again, so annotating OncoLex's own output again changes nothing.
 *
 * OncoLex's mentions are annotations with `infons.type` (our category) and `infons.identifier` (a CURIE);
 * each abbreviation the document defines is two annotations (`type` ABBR, `ABBR` ShortForm / LongForm)
 * joined by a relation of type ABBR with nodes of role ShortForm and LongForm — the layout of BioC
 * abbreviation corpora (Ab3P's). Converting between XML and JSON keeps what the other form can hold (XML
 * infons are strings; keys BioC does not define have no place in XML).
 */
import type { BiocCollectionInfo, Json, JsonObject } from './biocRead';
import { stringInfons } from './biocRead';
import type { AnnotatedDoc } from './model';
import type { WriterContext } from './writer';

const isObject = (x: unknown): x is JsonObject => x !== null && typeof x === 'object' && !Array.isArray(x);
const objects = (x: Json | undefined): JsonObject[] => (Array.isArray(x) ? x.filter(isObject) : []);
const str = (x: Json | undefined): string => (x === undefined || x === null ? '' : typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : JSON.stringify(x));

/** Every id and refid a BioC document uses, at any level. */
function usedIds(doc: JsonObject): Set<string> {
  const used = new Set<string>();
  const visit = (o: JsonObject) => {
    for (const a of objects(o.annotations)) used.add(str(a.id));
    for (const r of objects(o.relations)) {
      used.add(str(r.id));
      for (const n of objects(r.nodes)) used.add(str(n.refid));
    }
    for (const p of objects(o.passages)) visit(p);
    for (const s of objects(o.sentences)) visit(s);
  };
  visit(doc);
  return used;
}

/** OncoLex's annotations and relations for each unit of a document (nothing for those it has already). */
export interface UnitAdditions {
  annotations: JsonObject[];
  relations: JsonObject[];
}

const annotationKey = (offset: number, length: number, infons: Json | undefined) => {
  const i = isObject(infons) ? infons : {};
  return `${offset}+${length} ${str(i.type)} ${str(i.ABBR)} ${str(i.identifier)}`;
};
const relationKey = (r: JsonObject) => `${str(isObject(r.infons) ? r.infons.type : '')} ${objects(r.nodes).map((n) => `${str(n.refid)}:${str(n.role)}`).join(' ')}`;

/** OncoLex's additions to each unit of `doc`, with ids `doc` does not use (annotations 1, 2, …; relations R1, R2, …). */
export function unitAdditions(doc: AnnotatedDoc): UnitAdditions[] {
  const bioc = doc.source.bioc;
  const used = bioc ? usedIds(bioc.json) : new Set<string>();
  let a = 0;
  let r = 0;
  const fresh = (make: () => string) => {
    let id: string;
    do id = make();
    while (used.has(id));
    used.add(id);
    return id;
  };
  const out: UnitAdditions[] = doc.passages.map(() => ({ annotations: [], relations: [] }));
  const theirs = doc.passages.map((_, i) => {
    const unit = bioc?.jsonUnits[i];
    const keys = new Map<string, string>();
    for (const x of objects(unit?.annotations)) {
      const locations = objects(x.locations);
      if (locations.length === 1 && typeof locations[0].offset === 'number' && typeof locations[0].length === 'number') keys.set(annotationKey(locations[0].offset, locations[0].length, x.infons), str(x.id));
    }
    return { keys, relations: new Set(objects(unit?.relations).map(relationKey)) };
  });
  const add = (i: number, infons: JsonObject, span: { start: number; end: number; text: string }): string => {
    const same = theirs[i].keys.get(annotationKey(span.start, span.end - span.start, infons));
    if (same !== undefined) return same;
    const id = fresh(() => String(++a));
    out[i].annotations.push({ id, infons, text: span.text, locations: [{ offset: span.start, length: span.end - span.start }] });
    return id;
  };
  doc.passages.forEach((p, i) => {
    for (const m of p.mentions) add(i, { type: m.category, identifier: m.identifier }, m);
  });
  for (const d of doc.definitions) {
    // The short and long form may sit in different units (sentences); the relation goes with the short form.
    const i = d.shortUnit;
    const s = add(i, { type: 'ABBR', ABBR: 'ShortForm', identifier: d.identifier }, d.short);
    const l = add(d.longUnit, { type: 'ABBR', ABBR: 'LongForm' }, d.long);
    const relation: JsonObject = { id: '', infons: { type: 'ABBR' }, nodes: [{ refid: s, role: 'ShortForm' }, { refid: l, role: 'LongForm' }] };
    if (theirs[i].relations.has(relationKey(relation))) continue;
    relation.id = fresh(() => `R${++r}`);
    out[i].relations.push(relation);
  }
  return out;
}

/** The document as BioC JSON with OncoLex's additions appended to its units (the input's objects, extended in place). */
function jsonWithAdditions(doc: AnnotatedDoc): JsonObject {
  const bioc = doc.source.bioc!;
  if (bioc.unreadable) return bioc.json;
  unitAdditions(doc).forEach((add, i) => {
    const unit = bioc.jsonUnits[i];
    if (add.annotations.length > 0) unit.annotations = [...(Array.isArray(unit.annotations) ? unit.annotations : []), ...add.annotations];
    if (add.relations.length > 0) unit.relations = [...(Array.isArray(unit.relations) ? unit.relations : []), ...add.relations];
  });
  return bioc.json;
}

const DEFAULT_INFO: BiocCollectionInfo = { source: 'OncoLex', date: '', key: '', infons: {} };

/** The members of a JSON object, without its braces. */
const members = (o: JsonObject) => JSON.stringify(o).slice(1, -1);

export function biocJsonWriter(ctx: WriterContext) {
  const { out } = ctx;
  let first = true;
  let after = '';
  return {
    begin() {
      const c = ctx.collection ?? DEFAULT_INFO;
      const json = c.json ?? { before: { source: c.source, date: c.date, key: c.key, infons: c.infons }, after: {} };
      const before = members(json.before);
      after = members(json.after);
      out.add(`{${before}${before ? ',' : ''}"documents":[`);
    },
    doc(doc: AnnotatedDoc) {
      // An XML document that could not be read has no JSON form to write.
      if (doc.source.bioc?.unreadable && doc.source.bioc.xml) return;
      out.add(`${first ? '' : ','}${JSON.stringify(jsonWithAdditions(doc))}`);
      first = false;
    },
    end: () => out.add(`]${after ? `,${after}` : ''}}\n`),
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

function infonsXml(infons: Json | undefined): string {
  return Object.entries(stringInfons(infons))
    .map(([k, v]) => `<infon key="${xmlEscape(k)}">${xmlEscape(v)}</infon>`)
    .join('');
}

function annotationXml(a: JsonObject): string {
  const locations = objects(a.locations)
    .map((l) => `<location offset="${xmlEscape(str(l.offset))}" length="${xmlEscape(str(l.length))}"/>`)
    .join('');
  return `<annotation id="${xmlEscape(str(a.id))}">${infonsXml(a.infons)}${locations}<text>${xmlEscape(str(a.text))}</text></annotation>`;
}

function relationXml(r: JsonObject): string {
  const nodes = objects(r.nodes)
    .map((n) => `<node refid="${xmlEscape(str(n.refid))}" role="${xmlEscape(str(n.role))}"/>`)
    .join('');
  return `<relation id="${xmlEscape(str(r.id))}">${infonsXml(r.infons)}${nodes}</relation>`;
}

const keptXml = (o: JsonObject) => objects(o.annotations).map(annotationXml).join('') + objects(o.relations).map(relationXml).join('');

/** A BioC JSON document as XML (for JSON input or a wrapped file written as XML). */
function documentXml(d: JsonObject): string {
  const unit = (u: JsonObject, name: string, inner: string) => `<${name}>${infonsXml(u.infons)}<offset>${str(u.offset)}</offset>${inner}</${name}>`;
  const passages = objects(d.passages)
    .map((p) => {
      const sentences = objects(p.sentences);
      if (sentences.length === 0) return unit(p, 'passage', `<text>${xmlEscape(str(p.text))}</text>${keptXml(p)}`);
      return unit(p, 'passage', sentences.map((s) => unit(s, 'sentence', `<text>${xmlEscape(str(s.text))}</text>${keptXml(s)}`)).join('') + objects(p.relations).map(relationXml).join(''));
    })
    .join('');
  return `<document><id>${xmlEscape(str(d.id))}</id>${infonsXml(d.infons)}${passages}${keptXml(d)}</document>`;
}

/** The indentation of the line `at` starts on, with the line break before it, when `at` is the first thing on its line. */
function lineStartBefore(text: string, at: number): string {
  let k = at;
  while (k > 0 && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
  if (k === 0 || text[k - 1] !== '\n') return '';
  return `${text[k - 2] === '\r' ? '\r\n' : '\n'}${text.slice(k, at)}`;
}

/** An XML document read from a file, with OncoLex's additions spliced into its source text. */
function splicedXml(doc: AnnotatedDoc): string {
  const { text, el, units } = doc.source.bioc!.xml!;
  const inserts: { at: number; xml: string }[] = [];
  unitAdditions(doc).forEach((add, i) => {
    if (add.annotations.length === 0 && add.relations.length === 0) return;
    const u = units[i];
    // BioC.dtd: infon*, offset, text?, annotation*, relation* — ours go after the unit's last annotation (or its text or offset), our relations last.
    const anchor = [...u.children].reverse().find((c) => c.name === 'annotation' || c.name === 'text' || c.name === 'offset') ?? u.children[u.children.length - 1];
    const last = u.children[u.children.length - 1];
    const nl = lineStartBefore(text, anchor.start);
    if (add.annotations.length > 0) inserts.push({ at: anchor.end, xml: add.annotations.map((a) => nl + annotationXml(a)).join('') });
    if (add.relations.length > 0) inserts.push({ at: last.end, xml: add.relations.map((r) => lineStartBefore(text, last.start) + relationXml(r)).join('') });
  });
  inserts.sort((x, y) => x.at - y.at);
  let xml = '';
  let from = el.start;
  for (const ins of inserts) {
    xml += text.slice(from, ins.at) + ins.xml;
    from = ins.at;
  }
  return xml + text.slice(from, el.end);
}

export function biocXmlWriter(ctx: WriterContext) {
  const { out } = ctx;
  let tail = '\n</collection>\n';
  return {
    begin() {
      const c = ctx.collection ?? DEFAULT_INFO;
      if (c.xml) {
        out.add(c.xml.head);
        tail = c.xml.tail;
        return;
      }
      out.add(`<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE collection SYSTEM "BioC.dtd">\n<collection><source>${xmlEscape(c.source)}</source><date>${xmlEscape(c.date)}</date><key>${xmlEscape(c.key)}</key>${infonsXml(c.infons)}`);
    },
    doc(doc: AnnotatedDoc) {
      const bioc = doc.source.bioc!;
      if (bioc.xml) out.add(`${bioc.xml.gap}${splicedXml(doc)}`);
      else if (!bioc.unreadable) out.add(`\n${documentXml(jsonWithAdditions(doc))}`);
    },
    end: () => out.add(tail),
  };
}
