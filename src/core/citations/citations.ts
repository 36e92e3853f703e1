/**
 * The reference model shared by the built-in studies of the review and the user's own bibliographies: one
 * reference from a .bib file, a CSL-JSON file, Zotero or the review's studies, made from a parsed entry, and
 * the built-in studies. Formatting lives in referenceFormat.ts, citation syntax in citationSyntax.ts, fuzzy
 * search in referenceSearch.ts.
 */
import type { BibEntry, BibName } from './bibtex';
import { fieldText } from './bibtex';
import type { Entry, Lexicon } from '../lexicon/lexicon';

/** One reference, from a .bib file, a CSL-JSON file, Zotero or the built-in studies of the review. */
export interface Reference {
  key: string;
  /** BibTeX entry type, lower-case. */
  type: string;
  authors: BibName[];
  year?: string;
  title?: string;
  /** Journal, or the book/proceedings that contains the work. */
  journal?: string;
  volume?: string;
  number?: string;
  pages?: string;
  doi?: string;
  url?: string;
  pmid?: string;
  /** BibTeX `langid`/`language`, as written (CSL formatting reads it: a Chinese entry prints the Chinese way). */
  language?: string;
  note?: string;
  /** Where it was read: a file path (or URI), "built-in" or "zotero". */
  source: string;
  /** 1-based line of the entry in its source file. */
  line?: number;
  /** Built-in studies only: the citation numbers the review gives this study ([11] → 11). */
  reviewRefs?: number[];
  /** Built-in studies only: ids of the lexicon entries this study backs. */
  entries?: string[];
  /**
   * Built-in studies only: false when the review names the study ("Liu et al. [12]") but its bibliographic
   * record could not be identified with certainty. Such studies are listed as evidence, never inserted.
   */
  identified?: boolean;
}

/** The source name of the built-in studies. */
export const BUILTIN_SOURCE = 'built-in';

/** Turns a parsed BibTeX or CSL-JSON entry into a {@link Reference}. */
export function referenceFromBibEntry(e: BibEntry, source: string): Reference {
  const f = e.fields;
  const year = f.year ?? /\d{4}/.exec(f.date ?? '')?.[0];
  const doi = f.doi !== undefined ? normalizeDoi(f.doi) : undefined;
  const ref: Reference = { key: e.key, type: e.type, authors: e.authors.length > 0 ? e.authors : e.editors, source, line: e.line };
  const set = <K extends keyof Reference>(k: K, v: Reference[K] | undefined) => {
    if (v !== undefined && v !== '') ref[k] = v;
  };
  set('year', year);
  set('title', f.title);
  set('journal', f.journal ?? f.journaltitle ?? f.booktitle);
  set('volume', f.volume);
  set('number', f.number ?? f.issue);
  set('pages', f.pages);
  set('doi', doi);
  set('url', f.url);
  set('pmid', f.pmid);
  set('language', fieldText(e, 'langid') ?? fieldText(e, 'language'));
  return ref;
}

/** Strips `https://doi.org/` and `doi:` prefixes. */
export function normalizeDoi(doi: string): string {
  return doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
}

/** What a DOI looks like: `10.` a registrant code, `/`, a suffix. */
export const DOI_RE = /^10\.\d{4,9}\/\S+$/;

// ---------------------------------------------------------------------------------------------------------
// Built-in studies

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates data/references/review-studies.json and returns its studies as {@link Reference}s. Throws an
 * Error naming the study and field on the first problem: the file ships with the extension, so a problem
 * is a bug to fix, not user input to tolerate.
 */
export function loadStudies(data: unknown): Reference[] {
  if (!isRecord(data) || !Array.isArray(data.studies)) throw new Error('review-studies.json: expected {"studies": [...]}');
  const seen = new Set<string>();
  return data.studies.map((s: unknown, i: number): Reference => {
    const where = `review-studies.json: study #${i + 1}`;
    if (!isRecord(s) || typeof s.key !== 'string' || !/^[A-Za-z][\w:-]*$/.test(s.key)) throw new Error(`${where}: "key" must be a citation key`);
    if (seen.has(s.key)) throw new Error(`${where}: duplicate key '${s.key}'`);
    seen.add(s.key);
    const fail = (field: string, problem: string): never => {
      throw new Error(`review-studies.json: study '${String(s.key)}', field '${field}': ${problem}`);
    };
    const str = (field: string): string | undefined => {
      const v = s[field];
      if (v === undefined) return undefined;
      if (typeof v !== 'string' || v.trim() === '') fail(field, 'must be a non-empty string');
      return v as string;
    };
    if (!Array.isArray(s.authors) || s.authors.length === 0) fail('authors', 'must be a non-empty array');
    const authors = (s.authors as unknown[]).map((a, j): BibName => {
      if (!isRecord(a) || typeof a.family !== 'string' || (a.given !== undefined && typeof a.given !== 'string')) {
        return fail(`authors[${j}]`, 'must be {"family": "…", "given"?: "…"}');
      }
      return { family: a.family, ...(typeof a.given === 'string' ? { given: a.given } : {}), ...(a.literal === true ? { literal: true } : {}) };
    });
    const nums = (field: string): number[] => {
      const v = s[field];
      if (v === undefined) return [];
      if (!Array.isArray(v) || v.some((x) => !Number.isInteger(x) || (x as number) < 1)) fail(field, 'must be an array of positive integers');
      return v as number[];
    };
    const ids = s.entries;
    if (ids !== undefined && (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string'))) fail('entries', 'must be an array of lexicon ids');
    const doi = str('doi');
    if (doi !== undefined && !DOI_RE.test(doi)) fail('doi', 'must look like 10.xxxx/…');
    const year = str('year');
    if (year !== undefined && !/^\d{4}$/.test(year)) fail('year', 'must be four digits');
    const type = str('type') ?? 'article';
    const identified = s.identified === undefined ? true : s.identified === true;
    if (s.identified !== undefined && typeof s.identified !== 'boolean') fail('identified', 'must be true or false');
    const title = str('title');
    if (identified && title === undefined) fail('title', 'an identified study needs a title');
    const ref: Reference = { key: s.key, type, authors, source: BUILTIN_SOURCE, reviewRefs: nums('reviewRefs'), entries: (ids as string[] | undefined) ?? [], identified };
    for (const k of ['year', 'title', 'journal', 'volume', 'number', 'pages', 'doi', 'url', 'pmid', 'note'] as const) {
      const v = k === 'year' ? year : k === 'doi' ? doi : k === 'title' ? title : str(k);
      if (v !== undefined) ref[k] = v;
    }
    return ref;
  });
}

/**
 * The studies behind a lexicon entry's review evidence: those whose review numbers appear in the entry's
 * evidence sentences, then those that list the entry. Review order (by first citation number) is kept.
 */
export function studiesForEntry(entry: Pick<Entry, 'id' | 'evidence'>, studies: readonly Reference[]): Reference[] {
  // Reference numbers of evidence mined from another text number that text's references, not the review's.
  const cited = new Set(entry.evidence.flatMap((e) => (e.source === undefined ? e.refs : [])));
  const out = studies.filter((s) => (s.reviewRefs ?? []).some((n) => cited.has(n)) || (s.entries ?? []).includes(entry.id));
  const firstRef = (s: Reference) => Math.min(...(s.reviewRefs ?? []).filter((n) => cited.has(n)), 1e9);
  return out.sort((a, b) => firstRef(a) - firstRef(b));
}

/** Labels of lexicon entries by id ("PD-1 (程序性死亡受体1)"), for hovers and lists. */
export function entryLabelMap(lexicon: Pick<Lexicon, 'entries'>): Map<string, string> {
  return new Map(lexicon.entries.map((e) => [e.id, e.label.en]));
}
