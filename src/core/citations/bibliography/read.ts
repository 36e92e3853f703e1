/**
 * The one bibliography reader: every command and host reads a bibliography file here, so a file one of them
 * reads, all of them read the same way. A `.bib` file is BibTeX/BibLaTeX, a `.json` file CSL-JSON (the
 * format Zotero and Pandoc write); any other name is read by its content.
 */
import type { BibParseResult } from '../bibtex';
import { parseBibtex } from '../bibtex';
import { looksLikeCslJson, parseCslJson } from '../cslJson';

export type BibliographyFormat = 'bibtex' | 'csl-json';

/** The format of a bibliography file, by its name, else by its content. */
export function bibliographyFormat(file: string, text: string): BibliographyFormat {
  if (/\.json$/i.test(file)) return 'csl-json';
  if (/\.bib$/i.test(file)) return 'bibtex';
  return looksLikeCslJson(text) ? 'csl-json' : 'bibtex';
}

/**
 * True when a file found by a pattern (not named by the user) should be read as a bibliography: a `.json`
 * file found by a glob may be any JSON, and only CSL-JSON is read.
 */
export function isBibliographyText(file: string, text: string): boolean {
  return bibliographyFormat(file, text) !== 'csl-json' || looksLikeCslJson(text);
}

/** Reads one bibliography file: its entries, its broken entries and its warnings. */
export function readBibliography(file: string, text: string): BibParseResult {
  return bibliographyFormat(file, text) === 'csl-json' ? parseCslJson(text) : parseBibtex(text);
}
