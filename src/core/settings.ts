/** The extension's settings with their defaults, shared by the adapters and checked against package.json. */
import type { Category } from './lexicon/lexicon';
import { CATEGORIES } from './lexicon/lexicon';
import { EDITOR_LANGUAGES } from './text/documentLanguages';

export type HighlightStyle = 'background' | 'underline' | 'text';
export type DisplayLanguageSetting = 'auto' | 'en' | 'zh';

export interface Settings {
  'highlight.enabled': boolean;
  'highlight.categories': Record<Category, boolean>;
  'highlight.languages': Record<string, boolean>;
  'highlight.style': HighlightStyle;
  'highlight.maxFileSizeKB': number;
  /** Highlight, count and report generic words too (see documentAnnotation.ts). */
  'highlight.generic': boolean;
  displayLanguage: DisplayLanguageSetting;
  'diagnostics.abbreviations': boolean;
  'diagnostics.abbreviationRedefined': boolean;
  'diagnostics.abbreviationUnused': boolean;
  'diagnostics.mixedSpelling': boolean;
  'diagnostics.brandName': boolean;
  /** `abbreviation-rare` below this many uses; 0 turns it off. */
  'abbreviations.minUses': number;
  'lexicon.files': string[];
  /** Use the generated tier (entries built from the field's ontologies: HGNC, Cell Ontology, Disease Ontology). */
  'lexicon.generated': boolean;
  'citations.bibFiles': string[];
  /** A shipped CSL style's name or a .csl file; empty: GB/T 7714 for a Chinese document, Vancouver for others. */
  'citations.style': string;
  'citations.zotero.enabled': boolean;
  'citations.zotero.port': number;
}

/** The languages highlighted by default (documentLanguages.ts). */
export const HIGHLIGHT_LANGUAGES = EDITOR_LANGUAGES;

export const DEFAULT_SETTINGS: Settings = {
  'highlight.enabled': true,
  'highlight.categories': Object.fromEntries(CATEGORIES.map((c) => [c, true])) as Record<Category, boolean>,
  'highlight.languages': Object.fromEntries(HIGHLIGHT_LANGUAGES.map((l) => [l, true])),
  'highlight.style': 'underline',
  'highlight.maxFileSizeKB': 8192,
  'highlight.generic': false,
  displayLanguage: 'auto',
  'diagnostics.abbreviations': true,
  'diagnostics.abbreviationRedefined': true,
  'diagnostics.abbreviationUnused': true,
  'diagnostics.mixedSpelling': true,
  'diagnostics.brandName': true,
  'abbreviations.minUses': 0,
  'lexicon.files': [],
  'lexicon.generated': true,
  'citations.bibFiles': [],
  'citations.style': '',
  'citations.zotero.enabled': false,
  'citations.zotero.port': 23119,
};

/** Resolves the display language: `auto` follows the editor's UI language. */
export function resolveDisplayLanguage(setting: DisplayLanguageSetting, uiLanguage: string): 'en' | 'zh' {
  if (setting === 'en' || setting === 'zh') return setting;
  return uiLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * The settings from a configuration object as editors other than VS Code send it (the `oncolex` section of
 * `workspace/configuration`, or initialization options): nested (`{ highlight: { enabled: false } }`) or
 * dotted (`{ "highlight.enabled": false }`). A value of the wrong type falls back to the default, and an
 * object setting (categories, languages) is merged over its default, as in VS Code.
 */
export function settingsFrom(section: unknown): Settings {
  const out = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  if (section === null || typeof section !== 'object') return out as unknown as Settings;
  const root = section as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    let v: unknown = root[key];
    if (v === undefined) {
      v = root;
      for (const part of key.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    }
    const d = DEFAULT_SETTINGS[key];
    if (v === undefined || v === null || typeof v !== typeof d || Array.isArray(v) !== Array.isArray(d)) continue;
    out[key] = typeof d === 'object' && !Array.isArray(d) ? { ...d, ...(v as object) } : v;
  }
  return out as unknown as Settings;
}
