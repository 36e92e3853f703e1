/**
 * The document languages OncoLex reads, registered once: each language id (VS Code's, which other editors
 * share) with its markup (which region rules the scan follows), its citation syntax, its file extensions, and
 * whether the editors activate and highlight on it. `languageOf` (regions.ts), `citationSyntaxFor`
 * (citations.ts), the default of `oncolex.highlight.languages` (settings.ts) and the VS Code document
 * selectors derive from this table; a test checks `package.json` against it. To add a language, add a row.
 */

export interface DocumentLanguage {
  /** The editor's language id. */
  id: string;
  /** Which region rules the scan follows. */
  markup: 'markdown' | 'latex';
  /** How documents of the language cite; undefined: they do not. */
  citation?: 'latex' | 'pandoc';
  /** File extensions (without the dot) read as this language by the CLI and by editors that send no id. */
  extensions: readonly string[];
  /** VS Code activates on it, highlights it by default and offers citations in it. */
  editor: boolean;
}

export const DOCUMENT_LANGUAGES: readonly DocumentLanguage[] = [
  { id: 'markdown', markup: 'markdown', citation: 'pandoc', extensions: ['md'], editor: true },
  { id: 'latex', markup: 'latex', citation: 'latex', extensions: ['ltx', 'sty', 'cls'], editor: true },
  { id: 'quarto', markup: 'markdown', citation: 'pandoc', extensions: ['qmd'], editor: true },
  { id: 'rmd', markup: 'markdown', citation: 'pandoc', extensions: [], editor: true },
  { id: 'tex', markup: 'latex', citation: 'latex', extensions: [], editor: true },
  { id: 'markdown-math', markup: 'markdown', extensions: [], editor: false },
  { id: 'rmarkdown', markup: 'markdown', citation: 'pandoc', extensions: [], editor: false },
  { id: 'mdx', markup: 'markdown', citation: 'pandoc', extensions: [], editor: false },
  { id: 'pandoc', markup: 'markdown', citation: 'pandoc', extensions: [], editor: false },
  { id: 'bibtex-style', markup: 'latex', citation: 'latex', extensions: [], editor: false },
  { id: 'latex-expl3', markup: 'latex', citation: 'latex', extensions: [], editor: false },
  { id: 'doctex', markup: 'latex', citation: 'latex', extensions: [], editor: false },
  { id: 'context', markup: 'latex', citation: 'latex', extensions: [], editor: false },
];

/** The ids VS Code activates on, highlights by default and offers citations in. */
export const EDITOR_LANGUAGES: readonly string[] = DOCUMENT_LANGUAGES.filter((l) => l.editor).map((l) => l.id);

/** The language of an id or a file extension (with or without its dot), if OncoLex reads it. */
export function documentLanguageOf(idOrExt: string): DocumentLanguage | undefined {
  const v = idOrExt.toLowerCase().replace(/^\./, '');
  return DOCUMENT_LANGUAGES.find((l) => l.id === v || l.extensions.includes(v));
}
