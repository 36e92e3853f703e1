/**
 * The reference model shared by the built-in studies of the review and the user's own bibliographies, and
 * everything about citations that does not need VS Code: formatting, citation syntax per language, finding
 * citations and the citation being typed, fuzzy search, BibTeX output for a built-in study.
 */
import Fuse from 'fuse.js';
import type { BibEntry, BibName } from './bibtex';
import { fieldText } from './bibtex';
import type { Entry, Lexicon } from './lexicon';
import { BracketTracker, LatexCiteScanner, maskMarkdownCode } from './citationScan';
import { escapeMarkdown } from './markdown';
import { DOCUMENT_LANGUAGES } from './documentLanguages';

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

const DOI_RE = /^10\.\d{4,9}\/\S+$/;

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

// ---------------------------------------------------------------------------------------------------------
// Formatting

/** "Pevzner AM, Tsyganov MM, Ibragimova MK, et al." (Vancouver style, `max` names then et al.). */
export function formatAuthors(authors: readonly BibName[], max = 3): string {
  const real = authors.filter((a) => !(a.literal === true && a.family === 'others'));
  const etAl = real.length > max || real.length < authors.length;
  const shown = real.slice(0, max).map((a) => {
    if (a.literal === true || a.given === undefined) return a.family;
    const initials = a.given
      .split(/[\s.]+/)
      .filter((w) => w !== '')
      .map((w) => w.split('-').map((p) => p.charAt(0).toUpperCase()).join(''))
      .join('');
    return `${a.family} ${initials}`;
  });
  if (shown.length === 0) return '';
  return etAl ? `${shown.join(', ')}, et al.` : shown.join(', ');
}

/** "Pevzner et al." / "Kelly and Ajani" / "Mole": the short form used in lists. */
export function shortAuthors(authors: readonly BibName[]): string {
  const real = authors.filter((a) => !(a.literal === true && a.family === 'others'));
  if (real.length === 0) return '';
  if (real.length === 1 && authors.length === 1) return real[0].family;
  if (real.length === 2 && authors.length === 2) return `${real[0].family} and ${real[1].family}`;
  return `${real[0].family} et al.`;
}

/** One line, plain text: "Pevzner AM, et al. Title. Journal. 2021;39(4):247–253. doi:10.…". */
export function formatReference(ref: Reference): string {
  const parts: string[] = [];
  const authors = formatAuthors(ref.authors);
  if (authors !== '') parts.push(authors.endsWith('.') ? authors : `${authors}.`);
  if (ref.title !== undefined) parts.push(/[.?!]$/.test(ref.title) ? ref.title : `${ref.title}.`);
  let pub = ref.journal !== undefined ? `${ref.journal}.` : '';
  if (ref.year !== undefined) {
    pub += `${pub === '' ? '' : ' '}${ref.year}`;
    if (ref.volume !== undefined) pub += `;${ref.volume}${ref.number !== undefined ? `(${ref.number})` : ''}`;
    if (ref.pages !== undefined) pub += `:${ref.pages}`;
    pub += '.';
  }
  if (pub !== '') parts.push(pub);
  if (ref.doi !== undefined) parts.push(`doi:${ref.doi}`);
  return parts.join(' ');
}

/** The completion item's detail: "Pevzner et al. 2021 · Radiation Oncology Journal". */
export function referenceDetail(ref: Reference): string {
  return [shortAuthors(ref.authors), ref.year, ref.journal].filter((s): s is string => s !== undefined && s !== '').join(' · ');
}

/** True when `s` holds a lone surrogate (JSON can encode one); `encodeURI` throws on such text. */
function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/**
 * A link destination safe inside `[text](…)`: only http(s), percent-encoded so it cannot close the link.
 * Undefined for anything else, including text that cannot be encoded (a lone surrogate): never throws.
 */
export function safeLinkTarget(url: string): string | undefined {
  const u = url.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(u) || hasLoneSurrogate(u)) return undefined;
  return encodeURI(decodeURISafe(u)).replace(/[()<>[\]\\"' ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function decodeURISafe(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/** The https://doi.org/ link of a DOI, or undefined when the text is not a DOI (or cannot be encoded). */
export function doiUrl(doi: string): string | undefined {
  const d = normalizeDoi(doi);
  if (!DOI_RE.test(d) || hasLoneSurrogate(d)) return undefined;
  return `https://doi.org/${d.split('/').map(encodeURIComponent).join('/').replace(/[()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** What a hover card shows besides the reference itself. */
export interface HoverOptions {
  /** Lexicon labels of the entries a built-in study backs, by id. */
  entryLabels?: ReadonlyMap<string, string>;
  /** Shown as "Also defined in …" when the key appears in several sources. */
  otherSources?: readonly string[];
}

/**
 * The Markdown of a hover card for a reference. Every piece of text is escaped with {@link escapeMarkdown};
 * the only links are a DOI link and an http(s) URL, both percent-encoded. Render it with `isTrusted` off.
 */
export function referenceHoverMarkdown(ref: Reference, options: HoverOptions = {}): string {
  const lines: string[] = [];
  const authors = formatAuthors(ref.authors, 6);
  lines.push(`**${escapeMarkdown(ref.key)}**${ref.type !== '' ? ` · ${escapeMarkdown(ref.type)}` : ''}`);
  if (ref.title !== undefined) lines.push(`*${escapeMarkdown(ref.title)}*`);
  if (authors !== '') lines.push(escapeMarkdown(authors));
  const pub = [ref.journal, ref.year, ref.volume !== undefined ? `${ref.volume}${ref.number !== undefined ? `(${ref.number})` : ''}` : undefined, ref.pages]
    .filter((s): s is string => s !== undefined)
    .map(escapeMarkdown)
    .join(' · ');
  if (pub !== '') lines.push(pub);
  const links: string[] = [];
  if (ref.doi !== undefined) {
    const target = doiUrl(ref.doi);
    links.push(target !== undefined ? `[doi:${escapeMarkdown(normalizeDoi(ref.doi))}](${target})` : `doi: ${escapeMarkdown(ref.doi)}`);
  }
  if (ref.url !== undefined && (ref.doi === undefined || !/doi\.org/i.test(ref.url))) {
    const target = safeLinkTarget(ref.url);
    if (target !== undefined) links.push(`[${escapeMarkdown(ref.url.length > 60 ? `${ref.url.slice(0, 57)}…` : ref.url)}](${target})`);
  }
  if (ref.pmid !== undefined && /^\d+$/.test(ref.pmid)) links.push(`[PMID ${ref.pmid}](https://pubmed.ncbi.nlm.nih.gov/${ref.pmid}/)`);
  if (links.length > 0) lines.push(links.join(' · '));
  if (ref.identified === false) lines.push(escapeMarkdown('Bibliographic record not identified with certainty: check the review’s reference list.'));
  if (ref.note !== undefined) lines.push(escapeMarkdown(ref.note));
  if (ref.reviewRefs !== undefined && ref.reviewRefs.length > 0) {
    lines.push(`${escapeMarkdown('Cited by the review (Shu et al. 2024) as')} ${ref.reviewRefs.map((n) => `\\[${n}\\]`).join(' ')}`);
  }
  if (ref.entries !== undefined && ref.entries.length > 0) {
    const labels = ref.entries.map((id) => options.entryLabels?.get(id) ?? id);
    lines.push(`${escapeMarkdown('Backs:')} ${labels.map(escapeMarkdown).join(', ')}`);
  }
  const where = ref.source === BUILTIN_SOURCE ? 'built-in (OncoLex)' : ref.line !== undefined ? `${ref.source}:${ref.line}` : ref.source;
  lines.push(`_${escapeMarkdown(`Source: ${where}`)}_`);
  if (options.otherSources !== undefined && options.otherSources.length > 0) {
    lines.push(escapeMarkdown(`Also defined in: ${options.otherSources.join(', ')}`));
  }
  return lines.join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------
// Citation syntax

/** How a document cites: LaTeX `\cite{…}` or Pandoc `[@…]` (Markdown, Quarto, R Markdown). */
export type CitationSyntax = 'latex' | 'pandoc';

/** The citation syntax of a VS Code language id (documentLanguages.ts), or undefined when the language does not cite. */
export function citationSyntaxFor(languageId: string): CitationSyntax | undefined {
  // Sweave is LaTeX with R chunks: it cites as LaTeX, though the scan does not read it.
  if (languageId === 'rsweave') return 'latex';
  return DOCUMENT_LANGUAGES.find((l) => l.id === languageId)?.citation;
}

/** `\cite{a,b}` or `[@a; @b]`. */
export function formatCitation(keys: readonly string[], syntax: CitationSyntax, command = 'cite'): string {
  return syntax === 'latex' ? `\\${command}{${keys.join(',')}}` : `[${keys.map((k) => `@${k}`).join('; ')}]`;
}

/** The citation being typed at the cursor, for completion. */
export interface CitationContext {
  /** What has been typed of the key so far. */
  prefix: string;
  /** Offsets of the whole key around the cursor ([start, end)), to replace on completion. */
  start: number;
  end: number;
  /** Keys already in the same citation before this one. */
  otherKeys: string[];
  /** LaTeX: the command ("citep"); Pandoc: "[@" or "@". */
  command: string;
}

const NOT_CITE_COMMANDS = new Set(['citestyle', 'citesetup', 'citereset', 'citeindexfalse', 'citeindextrue', 'bibliographystyle']);
const LOOKBEHIND = 1000;

const isPandocKeyChar = (c: string) => /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u.test(c);

/**
 * Detects a citation key being typed at `offset`: inside `\cite{…}` (and variants, with optional `[…]`
 * arguments, several comma-separated keys) in LaTeX; after `[@`, `@` at a word start, or `; @` in Pandoc
 * Markdown. Returns undefined elsewhere (e-mail addresses, code).
 */
export function citationContextAt(text: string, offset: number, syntax: CitationSyntax): CitationContext | undefined {
  const from = Math.max(0, offset - LOOKBEHIND);
  const before = text.slice(from, offset);
  if (syntax === 'latex') {
    // LaTeX commands whose braces hold citation keys: \cite, \citep, \citet, \parencite, \autocite, …
    const cmd = new LatexCiteScanner(before, true).openAtEnd();
    if (cmd === undefined || NOT_CITE_COMMANDS.has(cmd.name)) return undefined;
    const inside = before.slice(cmd.open + 1);
    const parts = inside.split(',');
    const last = parts[parts.length - 1];
    const prefix = last.replace(/^\s+/, '');
    let end = offset;
    while (end < text.length && !/[,}\s\\{]/.test(text[end])) end++;
    return {
      prefix,
      start: offset - prefix.length,
      end,
      otherKeys: parts.slice(0, -1).map((k) => k.trim()).filter((k) => k !== ''),
      command: cmd.name,
    };
  }
  let i = before.length;
  while (i > 0 && isPandocKeyChar(before[i - 1])) i--;
  if (i === 0 || before[i - 1] !== '@') return undefined;
  const atPos = i - 1;
  const prev = atPos > 0 ? before[atPos - 1] : '\n';
  // `@` must start a word: not an e-mail address (x@y) nor a decorator inside a word.
  if (/[\p{L}\p{N}_]/u.test(prev) || prev === '@' || prev === '`') return undefined;
  if (atPos === 0 && from > 0 && /[\p{L}\p{N}_]/u.test(text[from - 1])) return undefined;
  const prefix = before.slice(i);
  if (prefix !== '' && !/^[\p{L}\p{N}_]/u.test(prefix)) return undefined;
  let end = offset;
  while (end < text.length && isPandocKeyChar(text[end])) end++;
  // Trailing punctuation ends a sentence, not a key.
  while (end > offset && /[.:?;,]/.test(text[end - 1])) end--;
  const bracket = bracketOpenBefore(before, atPos);
  const otherKeys: string[] = [];
  if (bracket >= 0) {
    for (const km of before.slice(bracket, atPos).matchAll(/@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)/gu)) otherKeys.push(trimKey(km[1]));
  }
  return { prefix, start: offset - prefix.length, end, otherKeys, command: bracket >= 0 ? '[@' : '@' };
}

/** Offset of the `[` that opens the bracketed citation containing `pos`, or -1. */
function bracketOpenBefore(text: string, pos: number): number {
  for (let j = pos - 1; j >= 0 && pos - j < 500; j--) {
    const c = text[j];
    if (c === '[') return j;
    if (c === ']' || c === '\n') return -1;
  }
  return -1;
}

function trimKey(k: string): string {
  return k.replace(/[.:?;,]+$/, '');
}

/** A citation key used in a document. */
export interface CitationUse {
  key: string;
  /** Offsets of the key itself ([start, end)). */
  start: number;
  end: number;
  /** Pandoc: inside `[…]`; LaTeX: always true. Bare `@word` in Markdown may be a handle, not a citation. */
  bracketed: boolean;
}

/**
 * Finds the citation keys of a document with their offsets, skipping LaTeX comments and, in Markdown,
 * code (fenced blocks, inline code) and HTML comments.
 */
export function findCitations(text: string, syntax: CitationSyntax): CitationUse[] {
  const out: CitationUse[] = [];
  if (syntax === 'latex') {
    const masked = maskLatexComments(text);
    for (const c of new LatexCiteScanner(masked, false).citations()) {
      if (NOT_CITE_COMMANDS.has(c.name)) continue;
      let p = c.keysStart;
      for (const part of masked.slice(c.keysStart, c.keysEnd).split(',')) {
        const lead = part.length - part.trimStart().length;
        const key = part.trim();
        if (key !== '' && key !== '*') out.push({ key, start: p + lead, end: p + lead + key.length, bracketed: true });
        p += part.length + 1;
      }
    }
    return out;
  }
  const masked = maskMarkdownCode(text);
  const brackets = new BracketTracker(masked);
  const re = /@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)/gu;
  for (const m of masked.matchAll(re)) {
    const at = m.index ?? 0;
    const prev = at > 0 ? masked[at - 1] : '\n';
    if (/[\p{L}\p{N}_@`]/u.test(prev)) continue;
    const key = trimKey(m[1]);
    if (key === '') continue;
    out.push({ key, start: at + 1, end: at + 1 + key.length, bracketed: brackets.openBefore(at) >= 0 && brackets.closesAfter(at) });
  }
  return out;
}

/** Pandoc-crossref and Quarto cross-references look like citations but are not (@fig-x, @tbl:y). */
export function isCrossReference(key: string): boolean {
  return /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|apx)[-:]/.test(key);
}

/** Replaces LaTeX comments by spaces, keeping offsets. */
function maskLatexComments(text: string): string {
  return text.replace(/(^|[^\\])(%[^\n]*)/g, (_m, pre: string, c: string) => pre + ' '.repeat(c.length));
}

// ---------------------------------------------------------------------------------------------------------
// Search

/** One search hit. */
export interface ReferenceHit {
  ref: Reference;
  /** 0 is a perfect match, 1 no match. */
  score: number;
}

interface SearchDoc {
  key: string;
  authors: string;
  title: string;
  year: string;
  journal: string;
  terms: string;
}

/**
 * A fuzzy index over references: authors, title, year, journal, key, and for built-in studies the lexicon
 * terms they back (English and Chinese labels, abbreviations). Multi-word queries must match every word.
 */
export class ReferenceSearch {
  private readonly fuse: Fuse<SearchDoc>;

  constructor(
    private readonly refs: readonly Reference[],
    lexicon?: Pick<Lexicon, 'entries'>,
  ) {
    const byId = new Map((lexicon?.entries ?? []).map((e) => [e.id, e]));
    const docs = refs.map((r): SearchDoc => ({
      key: r.key,
      authors: r.authors.map((a) => (a.given !== undefined ? `${a.family} ${a.given}` : a.family)).join('; '),
      title: r.title ?? '',
      year: r.year ?? '',
      journal: r.journal ?? '',
      terms: (r.entries ?? [])
        .flatMap((id) => {
          const e = byId.get(id);
          return e === undefined ? [id] : [e.label.en, e.label.zh, ...e.abbreviations];
        })
        .join('; '),
    }));
    this.fuse = new Fuse(docs, {
      keys: [
        { name: 'key', weight: 2 },
        { name: 'authors', weight: 2 },
        { name: 'title', weight: 1.5 },
        { name: 'terms', weight: 1.5 },
        { name: 'year', weight: 1 },
        { name: 'journal', weight: 0.7 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.3,
      minMatchCharLength: 1,
    });
  }

  /** Ranked references for a query; an empty query returns all, in their order. */
  search(query: string, limit = 50): ReferenceHit[] {
    const words = query.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) return this.refs.slice(0, limit).map((ref) => ({ ref, score: 0 }));
    let combined: Map<number, number> | undefined;
    for (const w of words) {
      const scores = new Map<number, number>();
      for (const r of this.fuse.search(w)) scores.set(r.refIndex, r.score ?? 0);
      if (combined === undefined) combined = scores;
      else {
        const next = new Map<number, number>();
        for (const [i, s] of combined) {
          const t = scores.get(i);
          if (t !== undefined) next.set(i, s + t);
        }
        combined = next;
      }
      if (combined.size === 0) break;
    }
    return [...(combined ?? new Map<number, number>())]
      .map(([i, s]) => ({ ref: this.refs[i], score: s / words.length }))
      .sort((a, b) => a.score - b.score || a.ref.key.localeCompare(b.ref.key))
      .slice(0, limit);
  }
}

// ---------------------------------------------------------------------------------------------------------
// BibTeX output

/** Escapes TeX specials in a value written into a .bib file. */
function texEscape(s: string): string {
  return s.replace(/[\\{}&%$#_~^]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : c === '^' ? '\\textasciicircum{}' : `\\${c}`));
}

function nameToBib(n: BibName): string {
  if (n.literal === true) return n.family === 'others' ? 'others' : `{${texEscape(n.family)}}`;
  return n.given !== undefined ? `${texEscape(n.family)}, ${texEscape(n.given)}` : texEscape(n.family);
}

/** A BibTeX entry for a reference (used to append a built-in study to the user's .bib). UTF-8, one field a line. */
export function toBibtex(ref: Reference): string {
  const fields: [string, string][] = [];
  if (ref.authors.length > 0) fields.push(['author', ref.authors.map(nameToBib).join(' and ')]);
  if (ref.title !== undefined) fields.push(['title', `{${texEscape(ref.title)}}`]);
  if (ref.journal !== undefined) fields.push([ref.type === 'article' ? 'journal' : 'booktitle', texEscape(ref.journal)]);
  if (ref.year !== undefined) fields.push(['year', ref.year]);
  if (ref.volume !== undefined) fields.push(['volume', texEscape(ref.volume)]);
  if (ref.number !== undefined) fields.push(['number', texEscape(ref.number)]);
  if (ref.pages !== undefined) fields.push(['pages', texEscape(ref.pages.replace(/–/g, '--'))]);
  if (ref.doi !== undefined) fields.push(['doi', texEscape(ref.doi)]);
  if (ref.url !== undefined) fields.push(['url', ref.url.replace(/[{}]/g, '')]);
  if (ref.pmid !== undefined) fields.push(['pmid', ref.pmid]);
  if (ref.note !== undefined) fields.push(['note', texEscape(ref.note)]);
  const width = Math.max(...fields.map(([k]) => k.length), 0);
  const body = fields.map(([k, v]) => `  ${k.padEnd(width)} = {${v}}`).join(',\n');
  return `@${ref.type}{${ref.key},\n${body}\n}\n`;
}

/**
 * The text to append to a .bib file so that it ends with `entry`: a blank line separates it from what is
 * there. Existing text is never changed.
 */
export function bibAppendText(existing: string, entry: string): string {
  if (existing.trim() === '') return entry;
  const sep = existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  return sep + entry;
}

/** Labels of lexicon entries by id ("PD-1 (程序性死亡受体1)"), for hovers and lists. */
export function entryLabelMap(lexicon: Pick<Lexicon, 'entries'>): Map<string, string> {
  return new Map(lexicon.entries.map((e) => [e.id, e.label.en]));
}
