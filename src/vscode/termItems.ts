/**
 * What the term commands share: their dependencies, the actions one command offers another (the picker's
 * "nothing fits" offers the Lexicon view; the view's context menu inserts), how a term is drawn (icons, a
 * one-line definition) and how a command's argument names a term.
 */
import type * as vscode from 'vscode';
import type { DocumentMentions } from '../core/matching/incremental';
import type { InsertForm } from '../core/writing/insert';
import { INSERT_FORMS } from '../core/writing/insert';
import type { Category, Entry } from '../core/lexicon/lexicon';
import type { Logger } from '../core/log';
import type { SearchIndex } from '../core/search/search';
import type { LexiconService } from './lexiconService';

export interface SearchDeps {
  lexicon: LexiconService;
  log: Logger;
  mentionsOf(document: vscode.TextDocument): DocumentMentions | undefined;
  showEntry(id: string): Promise<void>;
}

/** The actions of the term commands, for one another. */
export interface TermActions {
  readonly deps: SearchDeps;
  /** The search index of the current lexicon (built on first use, rebuilt after the lexicon changes). */
  searchIndex(): SearchIndex;
  /** The entry with this id; a warning names an id the lexicon lacks. */
  entryOrWarn(id: string | undefined): Entry | undefined;
  insertInto(editor: vscode.TextEditor | undefined, entry: Entry, form: InsertForm): Promise<void>;
  copyIdentifier(entry: Entry): Promise<void>;
  /** Shows the Lexicon view, filtered by `query` (the filter box when undefined; cleared when empty). */
  filterLexicon(query?: string): Promise<void>;
}

/** Codicons per category, in the QuickPick and the tree. */
export const CATEGORY_ICONS: Record<Category, string> = {
  'immune-cell': 'shield',
  molecule: 'symbol-structure',
  drug: 'beaker',
  tumor: 'flame',
  concept: 'lightbulb',
  trial: 'checklist',
  outcome: 'graph',
};

/** The first sentence of a definition, shortened for one line. */
export function shortDefinition(text: string, max = 140): string {
  const first = /^.*?[.。](?=\s|$)/u.exec(text)?.[0] ?? text;
  return first.length <= max ? first : `${first.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Accepts `{ id }`, `[{ id }]` (command links pass arrays), a plain id string, or a node of the Lexicon
 * view (`{ kind: 'entry', entry }`, what its context menu passes).
 */
export function argId(arg: unknown): string | undefined {
  const a = Array.isArray(arg) ? arg[0] : arg;
  if (typeof a === 'string') return a;
  if (!a || typeof a !== 'object') return undefined;
  const o = a as { id?: unknown; entry?: { id?: unknown } };
  if (typeof o.id === 'string') return o.id;
  if (o.entry && typeof o.entry.id === 'string') return o.entry.id;
  return undefined;
}

export function argForm(arg: unknown): InsertForm | undefined {
  const a = Array.isArray(arg) ? arg[0] : arg;
  const f = a && typeof a === 'object' ? (a as { form?: unknown }).form : undefined;
  return INSERT_FORMS.includes(f as InsertForm) ? (f as InsertForm) : undefined;
}
