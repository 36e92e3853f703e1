/** CSL-JSON (Zotero's and Pandoc's bibliography format) read into the same entries as BibTeX. */
import type { BibName, BibParseResult } from './bibtex';
import { dict } from './bibtex';
import { jsonArrayItemOffsets, jsonErrorOffset } from '../text/jsonItems';
import { lineIndexAt, lineStarts } from '../text/lines';

const CSL_TYPES: ReadonlyMap<string, string> = new Map([
  ['article-journal', 'article'],
  ['article', 'article'],
  ['article-magazine', 'article'],
  ['article-newspaper', 'article'],
  ['book', 'book'],
  ['chapter', 'incollection'],
  ['paper-conference', 'inproceedings'],
  ['thesis', 'phdthesis'],
  ['report', 'techreport'],
  ['webpage', 'online'],
  ['dataset', 'dataset'],
  ['manuscript', 'unpublished'],
]);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads CSL-JSON (an array of items, or `{"items": […]}` as some exporters write) into {@link BibEntry}s
 * (field names in BibTeX terms, types mapped). Items without an `id` are reported, the rest kept.
 */
export function parseCslJson(text: string): BibParseResult {
  const result: BibParseResult = { entries: [], errors: [], strings: dict(), preambles: [] };
  const starts = lineStarts(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorOffset(e);
    result.errors.push({ line: at !== undefined ? lineIndexAt(starts, at) + 1 : 1, message: `not valid JSON: ${(e as Error).message}` });
    return result;
  }
  const items = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.items) ? data.items : undefined;
  if (items === undefined) {
    result.errors.push({ line: 1, message: 'CSL-JSON must be an array of items' });
    return result;
  }
  const offsets = jsonArrayItemOffsets(text, 'items');
  items.forEach((item: unknown, index: number) => {
    const start = offsets[index] ?? 0;
    const line = lineIndexAt(starts, start) + 1;
    if (!isRecord(item) || (typeof item.id !== 'string' && typeof item.id !== 'number')) {
      result.errors.push({ line, message: `item #${index + 1} has no "id"` });
      return;
    }
    const key = String(item.id);
    const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
    const fields = dict();
    const set = (name: string, v: unknown) => {
      const s = str(v);
      if (s !== undefined && s.trim() !== '') fields[name] = s.replace(/\s+/g, ' ').trim();
    };
    set('title', item.title);
    const container = str(item['container-title']);
    const type = CSL_TYPES.get(str(item.type) ?? '') ?? 'misc';
    if (container !== undefined) set(type === 'article' ? 'journal' : 'booktitle', container);
    set('volume', item.volume);
    set('number', item.issue);
    set('pages', str(item.page)?.replace(/-/g, '–'));
    set('doi', item.DOI);
    set('url', item.URL);
    set('publisher', item.publisher);
    set('note', item.note);
    const year = cslYear(item.issued);
    if (year !== undefined) fields.year = year;
    const names = (v: unknown): BibName[] =>
      Array.isArray(v)
        ? v.flatMap((p: unknown): BibName[] => {
            if (!isRecord(p)) return [];
            if (typeof p.literal === 'string') return [{ family: p.literal, literal: true }];
            if (typeof p.family !== 'string') return [];
            const particle = typeof p['non-dropping-particle'] === 'string' ? `${p['non-dropping-particle']} ` : '';
            return [{ family: particle + p.family, ...(typeof p.given === 'string' ? { given: p.given } : {}) }];
          })
        : [];
    const authors = names(item.author);
    const editors = names(item.editor);
    if (authors.length > 0) fields.author = authors.map(nameToText).join(' and ');
    if (editors.length > 0) fields.editor = editors.map(nameToText).join(' and ');
    const raw = dict();
    Object.assign(raw, fields);
    result.entries.push({ key, type, fields, raw, authors, editors, line, start, end: offsets[index + 1] ?? text.length });
  });
  return result;
}

function nameToText(n: BibName): string {
  return n.given !== undefined ? `${n.family}, ${n.given}` : n.family;
}

function cslYear(issued: unknown): string | undefined {
  if (!isRecord(issued)) return undefined;
  const parts = issued['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0][0] !== undefined) return String(parts[0][0]);
  const raw = issued.raw ?? issued.literal;
  if (typeof raw === 'string') return /\d{4}/.exec(raw)?.[0];
  return undefined;
}

/** True when a parsed JSON file looks like CSL-JSON (so arbitrary JSON files in a workspace are not read as bibliographies). */
export function looksLikeCslJson(text: string): boolean {
  const head = text.slice(0, 4096).trimStart();
  if (!head.startsWith('[') && !head.startsWith('{')) return false;
  return /"id"\s*:/.test(head) && /"(type|title|author|issued)"\s*:/.test(head);
}
