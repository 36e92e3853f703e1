/**
 * Command ids, view ids and setting keys, defined once. package.json must list the same (a unit test checks).
 */
export const COMMANDS = {
  searchTerms: 'oncolex.searchTerms',
  filterLexicon: 'oncolex.filterLexicon',
  clearLexiconFilter: 'oncolex.clearLexiconFilter',
  toggleHighlighting: 'oncolex.toggleHighlighting',
  showMentions: 'oncolex.showMentions',
  insertTerm: 'oncolex.insertTerm',
  insertFirstUse: 'oncolex.insertFirstUse',
  showEntry: 'oncolex.showEntry',
  copyIdentifier: 'oncolex.copyIdentifier',
  revealNextMention: 'oncolex.revealNextMention',
  insertCitation: 'oncolex.insertCitation',
  citeEvidence: 'oncolex.citeEvidence',
  showLog: 'oncolex.showLog',
  mineLexicon: 'oncolex.mineLexicon',
  exportAbbreviations: 'oncolex.exportAbbreviations',
  spellDictionary: 'oncolex.spellDictionary',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The commands a hover card or view may link to (`isTrusted.enabledCommands`). */
export const HOVER_COMMANDS: readonly CommandId[] = [
  COMMANDS.searchTerms,
  COMMANDS.showMentions,
  COMMANDS.insertTerm,
  COMMANDS.showEntry,
  COMMANDS.citeEvidence,
];

export const VIEWS = {
  container: 'oncolex',
  lexicon: 'oncolex.lexicon',
} as const;

export const SETTINGS = {
  section: 'oncolex',
  highlightEnabled: 'highlight.enabled',
  highlightCategories: 'highlight.categories',
  highlightLanguages: 'highlight.languages',
  highlightStyle: 'highlight.style',
  maxFileSizeKB: 'highlight.maxFileSizeKB',
  highlightGeneric: 'highlight.generic',
  displayLanguage: 'displayLanguage',
  abbreviationDiagnostics: 'diagnostics.abbreviations',
  abbreviationRedefinedDiagnostics: 'diagnostics.abbreviationRedefined',
  abbreviationUnusedDiagnostics: 'diagnostics.abbreviationUnused',
  mixedSpellingDiagnostics: 'diagnostics.mixedSpelling',
  brandNameDiagnostics: 'diagnostics.brandName',
  abbreviationMinUses: 'abbreviations.minUses',
  lexiconFiles: 'lexicon.files',
  lexiconGenerated: 'lexicon.generated',
  bibFiles: 'citations.bibFiles',
  citationStyle: 'citations.style',
  zoteroEnabled: 'citations.zotero.enabled',
  zoteroPort: 'citations.zotero.port',
} as const;
