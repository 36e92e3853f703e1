/**
 * The core's service (src/core/service/) as the VS Code extension asks it: the lexicon service's matcher,
 * VS Code's settings for each document, the workspace's bibliographies, and the highlighter's annotation,
 * which it keeps up to date as the user types — so a document is annotated once, for every feature.
 */
import * as vscode from 'vscode';
import type { ServiceDocument } from '../core/service/document';
import { createOncoLexService } from '../core/service/service';
import type { OncoLexService } from '../core/service/service';
import type { Settings } from '../core/settings';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { BibliographyStore } from './citations/store';
import { setting } from './config';
import type { Highlighter } from './highlight';
import type { LexiconService } from './lexiconService';

/** The VS Code document a service document stands for. */
const originals = new WeakMap<ServiceDocument, vscode.TextDocument>();

/** A VS Code document as the service reads it (its URI as a string). */
export function serviceDocument(doc: vscode.TextDocument): ServiceDocument {
  const d: ServiceDocument = {
    uri: doc.uri.toString(),
    languageId: doc.languageId,
    getText: () => doc.getText(),
    positionAt: (offset) => doc.positionAt(offset),
    offsetAt: (p) => doc.offsetAt(new vscode.Position(p.line, p.character)),
  };
  originals.set(d, doc);
  return d;
}

/** Every OncoLex setting for a document. */
export function settingsFor(scope?: vscode.ConfigurationScope): Settings {
  const out = {} as Record<keyof Settings, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) out[key] = setting(key, scope);
  return out as Settings;
}

export function createVscodeService(lexicon: LexiconService, highlighter: Highlighter, bibliographies: BibliographyStore): OncoLexService {
  return createOncoLexService({
    matcher: () => lexicon.matcher,
    lexicon: () => lexicon.lexicon,
    byId: () => lexicon.byId,
    settings: (doc) => settingsFor(doc ? originals.get(doc) : undefined),
    bibliographies: () => bibliographies.index,
    uiLanguage: () => vscode.env.language,
    annotationOf: (doc) => {
      const original = originals.get(doc);
      return original ? highlighter.mentionsOf(original) : undefined;
    },
  });
}
