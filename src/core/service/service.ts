/**
 * The OncoLex service: one engine that answers every host. Given a document (its text, language id and URI)
 * and what the host supplies through {@link OncoLexServiceConfig} (the lexicon's matcher, the settings, the
 * bibliographies), it returns protocol-shaped results — mentions and the document's abbreviations,
 * diagnostics with their quick fixes, hover content, citation completions, semantic tokens, the
 * abbreviation list. The VS Code extension, the language server and the CLI convert these and display them;
 * none computes a feature of its own. Modelled on vscode-markdown-languageservice's `createLanguageService`.
 *
 * The service keeps each document's annotation keyed on its text (not a version number, which a client may
 * reuse), updated paragraph by paragraph when the host passes the edits ({@link OncoLexService.applyChanges}).
 */
import { abbreviationList } from '../writing/abbreviationList';
import type { AbbreviationItem, AbbreviationListOptions } from '../writing/abbreviationList';
import type { BibliographyIndex } from '../citations/bibliography/keyIndex';
import { CitationIndex } from '../citations/citationIndex';
import type { Reference } from '../citations/citations';
import type { DocumentMention } from '../matching/documentAnnotation';
import type { DocumentTerm } from '../matching/documentTerms';
import { DocumentMentions, stringParagraphReader } from '../matching/incremental';
import type { TextChange } from '../matching/incremental';
import type { Entry, Lexicon } from '../lexicon/lexicon';
import type { Matcher } from '../matching/matcher';
import type { Settings } from '../settings';
import { resolveDisplayLanguage } from '../settings';
import { computeCitationCompletions, resolveCitationCompletion } from './completion';
import type { CitationCompletionList } from './completion';
import { MAX_CHECKED_LENGTH, disabledCodes } from './constants';
import type { DiagnosticCode } from './constants';
import { computeDiagnostics } from './diagnostics';
import type { ServiceDiagnostic } from './diagnostics';
import { citationSyntaxOf, documentLanguage } from './document';
import type { Position, ServiceDocument } from './document';
import { computeHover } from './hover';
import type { ServiceHover } from './hover';
import { encodeMentionTokens } from './semanticTokens';

/** What the host supplies. Each is asked per request, so a change (a new lexicon, new settings) is seen. */
export interface OncoLexServiceConfig {
  /** The matcher of the lexicon in force (built-in plus workspace lexicons). A new matcher drops the caches. */
  matcher(): Matcher;
  /** The lexicon in force (the matcher's). */
  lexicon(): Lexicon;
  /** The lexicon's entries by id. */
  byId(): Map<string, Entry>;
  /** The settings that apply to a document. */
  settings(doc?: ServiceDocument): Settings;
  /** The bibliographies a document's citations resolve against; undefined: citations are not checked. */
  bibliographies(doc: ServiceDocument): BibliographyIndex | undefined;
  /** The editor's UI language (for `displayLanguage: auto`); default English. */
  uiLanguage?(): string;
  /**
   * An annotation the host keeps itself (VS Code's highlighter keeps one per visible document, updated as
   * the user types): used instead of the service's own, so a document is annotated once.
   */
  annotationOf?(doc: ServiceDocument): DocumentMentions | undefined;
  /** The longest document the diagnostics read; default {@link MAX_CHECKED_LENGTH} (the CLI: no limit). */
  maxCheckedLength?: number;
}

export interface DiagnosticOptions {
  /** Codes off besides those the settings turn off (the CLI's `--disable`). */
  disabled?: Iterable<DiagnosticCode>;
  /** Overrides the `abbreviations.minUses` setting (the CLI's `--min-uses`). */
  minUses?: number;
}

export interface OncoLexService {
  /** The document's annotation, or undefined where the settings leave the document alone. */
  annotation(doc: ServiceDocument): DocumentMentions | undefined;
  /** Applies edits (in order, each in the coordinates of the text after the previous one) to a kept annotation. */
  applyChanges(doc: ServiceDocument, changes: readonly TextChange[]): void;
  /** Forgets a closed document. */
  forget(uri: string): void;
  /** The mentions to show. */
  mentions(doc: ServiceDocument): DocumentMention[];
  /** The short forms the document defines, in force, by short form. */
  abbreviations(doc: ServiceDocument): DocumentTerm[];
  /** Every diagnostic with its quick fixes (none where the document is too long or left alone). */
  diagnostics(doc: ServiceDocument, options?: DiagnosticOptions): ServiceDiagnostic[];
  /** The hover at a position. */
  hover(doc: ServiceDocument, position: Position, options: { links: boolean }): ServiceHover | undefined;
  /** Citation completions at a position (a bounded list). */
  completions(doc: ServiceDocument, position: Position): CitationCompletionList | undefined;
  /** A completion item's documentation (the reference card), on request. */
  resolveCompletion(doc: ServiceDocument, key: string): string | undefined;
  /** The semantic tokens of the shown mentions (LSP encoding; see semanticTokens.ts for the legend). */
  semanticTokens(doc: ServiceDocument): number[];
  /** The document's abbreviation list (abbreviationList.ts). */
  abbreviationList(doc: ServiceDocument, options?: AbbreviationListOptions): AbbreviationItem[];
  /** The reference index (workspace references and the built-in studies) over a set of bibliographies. */
  citations(bibliographies: BibliographyIndex): CitationIndex;
}

interface Kept {
  text: string;
  mentions: DocumentMentions;
  matcher: Matcher;
  generic: boolean;
  generated: boolean;
}

/** Creates the service over what a host supplies. */
export function createOncoLexService(config: OncoLexServiceConfig): OncoLexService {
  const kept = new Map<string, Kept>();
  const indexes = new WeakMap<BibliographyIndex, CitationIndex>();
  let studies: readonly Reference[] | undefined;

  const citationsOver = (bibs: BibliographyIndex): CitationIndex => {
    let index = indexes.get(bibs);
    if (!index) {
      index = new CitationIndex(bibs, () => config.lexicon());
      indexes.set(bibs, index);
    }
    return index;
  };

  const annotation = (doc: ServiceDocument): DocumentMentions | undefined => {
    const settings = config.settings(doc);
    if (settings['highlight.languages'][doc.languageId] === false) return undefined;
    if (config.annotationOf) return config.annotationOf(doc);
    const text = doc.getText();
    const maxKB = settings['highlight.maxFileSizeKB'];
    if (maxKB > 0 && text.length > maxKB * 1024) return undefined;
    const matcher = config.matcher();
    const generic = settings['highlight.generic'];
    const generated = settings['lexicon.generated'];
    const k = kept.get(doc.uri);
    if (k && k.text === text && k.matcher === matcher && k.generic === generic && k.generated === generated) return k.mentions;
    const mentions = new DocumentMentions(matcher, documentLanguage(doc), { includeGeneric: generic, includeGenerated: generated });
    mentions.full(text);
    kept.set(doc.uri, { text, mentions, matcher, generic, generated });
    return mentions;
  };

  const service: OncoLexService = {
    annotation,

    applyChanges(doc, changes) {
      const k = kept.get(doc.uri);
      if (!k || config.annotationOf) return;
      const text = doc.getText();
      // Each change's paragraphs are read from the text after it: rebuild that text change by change.
      let current = k.text;
      for (const c of changes) {
        current = current.slice(0, c.start) + c.insertedText + current.slice(c.start + c.removedLength);
        if (!k.mentions.applyChange(c, stringParagraphReader(current))) {
          kept.delete(doc.uri);
          return;
        }
      }
      if (current !== text) kept.delete(doc.uri);
      else k.text = text;
    },

    forget(uri) {
      kept.delete(uri);
    },

    mentions: (doc) => annotation(doc)?.mentions ?? [],

    abbreviations: (doc) => [...(annotation(doc)?.terms.values() ?? [])],

    diagnostics(doc, options = {}) {
      const max = config.maxCheckedLength ?? MAX_CHECKED_LENGTH;
      if (doc.getText().length > max) return [];
      // A citing document the settings leave unannotated still has its citations checked.
      const annotated = annotation(doc);
      if (!annotated && citationSyntaxOf(doc) === undefined) return [];
      const ann = annotated ?? { mentions: [], terms: new Map(), definitions: [] };
      const settings = config.settings(doc);
      const disabled = disabledCodes(options.minUses !== undefined ? { ...settings, 'abbreviations.minUses': options.minUses } : settings);
      for (const c of options.disabled ?? []) disabled.add(c);
      const byId = config.byId();
      const bibliographies = config.bibliographies(doc);
      studies ??= bibliographies ? citationsOver(bibliographies).builtins() : undefined;
      return computeDiagnostics(doc, {
        annotation: { mentions: ann.mentions, terms: ann.terms, definitions: ann.definitions, ...(annotated ? { all: annotated.all } : {}) },
        markup: documentLanguage(doc),
        entry: (id) => byId.get(id),
        disabled,
        minUses: options.minUses ?? settings['abbreviations.minUses'],
        syntax: citationSyntaxOf(doc),
        bibliographies,
        builtinStudies: studies,
      });
    },

    hover(doc, position, options) {
      const settings = config.settings(doc);
      const bibs = config.bibliographies(doc);
      return computeHover(doc, doc.offsetAt(position), {
        annotation: annotation(doc),
        byId: config.byId(),
        lang: resolveDisplayLanguage(settings.displayLanguage, config.uiLanguage?.() ?? 'en'),
        links: options.links,
        syntax: citationSyntaxOf(doc),
        citations: bibs ? citationsOver(bibs) : undefined,
      });
    },

    completions(doc, position) {
      const bibs = config.bibliographies(doc);
      return computeCitationCompletions(doc, position, citationSyntaxOf(doc), bibs ? citationsOver(bibs) : undefined);
    },

    resolveCompletion(doc, key) {
      const bibs = config.bibliographies(doc);
      return bibs ? resolveCitationCompletion(key, citationsOver(bibs)) : undefined;
    },

    semanticTokens(doc) {
      const settings = config.settings(doc);
      const ann = settings['highlight.enabled'] ? annotation(doc) : undefined;
      return ann ? encodeMentionTokens(doc, ann.mentions, (c) => settings['highlight.categories'][c] !== false) : [];
    },

    abbreviationList(doc, options) {
      const ann = annotation(doc);
      if (!ann) return [];
      const byId = config.byId();
      return abbreviationList(doc.getText(), ann, (id) => byId.get(id), options);
    },

    citations: citationsOver,
  };
  return service;
}
