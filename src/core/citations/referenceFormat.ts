/**
 * A reference as text: Vancouver-style authors and one-line references, the completion detail, the hover
 * card's Markdown (every piece escaped; only DOI and http(s) links, percent-encoded), and the BibTeX entry of
 * a built-in study for the user's .bib.
 */
import type { BibName } from './bibtex';
import { BUILTIN_SOURCE, DOI_RE, normalizeDoi } from './citations';
import type { Reference } from './citations';
import { escapeMarkdown } from '../cards/markdown';

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
