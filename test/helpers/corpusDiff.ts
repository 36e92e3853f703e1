/**
 * Structural diffs between a corpus file and OncoLex's output for it, for the round-trip tests: every item
 * of the input must be in the output, unchanged (same value and JSON type, same key order, same bytes for
 * XML and PubTator lines), in order; the only items the output may add are OncoLex's own annotations (and
 * relations) — whose ids the input uses nowhere. Each function returns what changed (empty when nothing did)
 * and how many items were added.
 */
import { isDeepStrictEqual } from 'node:util';
import { CATEGORIES } from '../../src/core/lexicon/lexicon';
import { parseXml } from '../../src/cli/formats/xml';
import type { XmlElement } from '../../src/cli/formats/xml';

/** The annotation types OncoLex writes. */
export const OUR_TYPES: ReadonlySet<string> = new Set<string>([...CATEGORIES, 'ABBR']);

export interface Diff {
  changed: string[];
  added: number;
  /** OncoLex's additions (annotations and relations), as they appear in the output. */
  ours: unknown[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Every id and refid used anywhere inside a BioC JSON document (not the document's own id, which names the document). */
export function jsonIds(x: unknown, into = new Set<string>(), top = true): Set<string> {
  if (Array.isArray(x)) for (const v of x) jsonIds(v, into, false);
  else if (isObj(x)) {
    for (const [k, v] of Object.entries(x)) {
      if ((k === 'id' || k === 'refid') && (typeof v === 'string' || typeof v === 'number')) {
        if (!top) into.add(String(v));
      } else jsonIds(v, into, false);
    }
  }
  return into;
}

/** BioC JSON: `input` (a collection, a document or an array of documents) against the output collection. */
export function biocJsonDiff(input: unknown, output: unknown): Diff {
  const diff: Diff = { changed: [], added: 0, ours: [] };
  // Ids are a document's own: OncoLex's must differ from every id and refid of their document.
  let used = new Set<string>();
  const ourItem = (item: unknown, key: string): boolean => {
    if (!isObj(item) || typeof item.id !== 'string' || used.has(item.id)) return false;
    if (key === 'annotations') return isObj(item.infons) && OUR_TYPES.has(String(item.infons.type));
    return isObj(item.infons) && item.infons.type === 'ABBR';
  };
  const walk = (a: unknown, b: unknown, where: string) => {
    if (/^\$\.documents\[\d+\]$/.test(where)) used = jsonIds(a);
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || b.length !== a.length) diff.changed.push(`${where}: array of ${a.length} became ${JSON.stringify(b)?.slice(0, 80)}`);
      else a.forEach((v, i) => walk(v, b[i], `${where}[${i}]`));
      return;
    }
    if (!isObj(a)) {
      if (!Object.is(a, b)) diff.changed.push(`${where}: ${JSON.stringify(a)} became ${JSON.stringify(b)}`);
      return;
    }
    if (!isObj(b)) {
      diff.changed.push(`${where}: an object became ${JSON.stringify(b)?.slice(0, 80)}`);
      return;
    }
    const keys = Object.keys(a);
    const kept = Object.keys(b).filter((k) => k in a);
    if (!isDeepStrictEqual(kept, keys)) diff.changed.push(`${where}: keys ${keys.join(',')} became ${Object.keys(b).join(',')}`);
    for (const k of Object.keys(b)) if (!(k in a) && !((k === 'annotations' || k === 'relations') && Array.isArray(b[k]) && (b[k] as unknown[]).every((x) => ourItem(x, k)))) diff.changed.push(`${where}.${k}: added`);
    for (const k of keys) {
      const av = a[k];
      const bv = b[k];
      if ((k === 'annotations' || k === 'relations') && Array.isArray(av) && Array.isArray(bv) && bv.length >= av.length) {
        av.forEach((v, i) => walk(v, bv[i], `${where}.${k}[${i}]`));
        for (const extra of bv.slice(av.length)) {
          if (ourItem(extra, k)) {
            diff.added++;
            diff.ours.push(extra);
          } else diff.changed.push(`${where}.${k}: an item that is not OncoLex's was added: ${JSON.stringify(extra).slice(0, 120)}`);
        }
      } else walk(av, bv, `${where}.${k}`);
    }
  };
  const outDocs = isObj(output) && Array.isArray(output.documents) ? output.documents : [];
  if (isObj(input) && Array.isArray(input.documents)) walk(input, output, '$');
  else if (Array.isArray(input)) walk(input, outDocs, '$.documents');
  else walk([input], outDocs, '$.documents');
  return diff;
}

/**
 * BioC XML: the output, with the annotation and relation elements whose ids the input does not use (and
 * the line break and indentation before each) taken out, must be the input byte for byte.
 */
export function biocXmlDiff(input: string, output: string): Diff {
  const diff: Diff = { changed: [], added: 0, ours: [] };
  // Ids are a document's own: OncoLex's must differ from every id and refid of their document.
  const inputDocs = parseXml(input).children.filter((c) => c.name === 'document');
  const idsOf = (el: XmlElement) => new Set([...input.slice(el.start, el.end).matchAll(/\b(?:ref)?id="([^"]*)"/g)].map((m) => m[1]));
  let used = new Set<string>();
  let docIndex = 0;
  const cuts: { start: number; end: number }[] = [];
  const visit = (el: XmlElement) => {
    if (el.name === 'document') used = inputDocs[docIndex] ? idsOf(inputDocs[docIndex++]) : new Set();
    if ((el.name === 'annotation' || el.name === 'relation') && el.attrs.id !== undefined && !used.has(el.attrs.id)) {
      const type = el.children.find((c) => c.name === 'infon' && c.attrs.key === 'type')?.text ?? '';
      if (!OUR_TYPES.has(type)) diff.changed.push(`line ${el.line}: an ${el.name} that is not OncoLex's was added (type ${type})`);
      let start = el.start;
      const before = /\r?\n[ \t]*$/.exec(output.slice(Math.max(0, start - 200), start));
      if (before) start -= before[0].length;
      cuts.push({ start, end: el.end });
      diff.added++;
      diff.ours.push({ name: el.name, id: el.attrs.id, type, line: el.line });
      return;
    }
    el.children.forEach(visit);
  };
  visit(parseXml(output));
  let rest = '';
  let from = 0;
  for (const c of cuts.sort((x, y) => x.start - y.start)) {
    rest += output.slice(from, c.start);
    from = c.end;
  }
  rest += output.slice(from);
  if (rest !== input) {
    let k = 0;
    while (k < rest.length && rest[k] === input[k]) k++;
    diff.changed.push(`differs from the input at character ${k}: ${JSON.stringify(input.slice(k, k + 60))} became ${JSON.stringify(rest.slice(k, k + 60))}`);
  }
  return diff;
}

/** Lines with their line ends. */
export function rawLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

/**
 * PubTator: walking input and output lines (with their line ends) together, every input line must come
 * next, unchanged; a line in between must be one of OncoLex's (PMID, start, end, mention, one of our
 * categories, identifier).
 */
export function pubtatorDiff(input: string, output: string): Diff {
  const diff: Diff = { changed: [], added: 0, ours: [] };
  const a = rawLines(input);
  const b = rawLines(output);
  let i = 0;
  for (let j = 0; j < b.length; j++) {
    // A last line without a line break takes one when OncoLex's lines follow it; nothing else may change.
    if (i < a.length && (b[j] === a[i] || (i === a.length - 1 && !/[\r\n]$/.test(a[i]) && (b[j] === `${a[i]}\n` || b[j] === `${a[i]}\r\n`)))) {
      i++;
      continue;
    }
    const f = b[j].replace(/\r?\n$|\r$/, '').split('\t');
    const end = (l: string | undefined) => /\r\n$|\n$|\r$/.exec(l ?? '')?.[0] ?? '';
    if (f.length === 6 && /^\d+$/.test(f[1]) && /^\d+$/.test(f[2]) && OUR_TYPES.has(f[4])) {
      // Our lines end as the line before them does (CRLF stays CRLF).
      if (end(b[j]) !== '' && end(b[j - 1]) !== '' && end(b[j]) !== end(b[j - 1])) diff.changed.push(`output line ${j + 1}: ends with ${JSON.stringify(end(b[j]))}, the line before with ${JSON.stringify(end(b[j - 1]))}`);
      diff.added++;
      diff.ours.push(b[j]);
    } else diff.changed.push(`output line ${j + 1}: ${JSON.stringify(b[j])} where input line ${i + 1} was ${JSON.stringify(a[i])}`);
  }
  if (i < a.length) diff.changed.push(`input lines ${i + 1}–${a.length} are missing (from ${JSON.stringify(a[i])})`);
  return diff;
}
