/**
 * Citation key completion: inside `\cite{…}` and after `@` in Pandoc Markdown, the references of the
 * workspace, then the built-in studies of the review. A reply carries at most {@link COMPLETION_LIMIT}
 * items, the best for what is typed so far, and says when there are more (the editor asks again as the
 * user types); each item's documentation is resolved on request ({@link resolveCitationCompletion}).
 */
import type { CitationIndex } from '../citations/citationIndex';
import { citationContextAt } from '../citations/citationSyntax';
import { BUILTIN_SOURCE } from '../citations/citations';
import { referenceDetail, referenceHoverMarkdown } from '../citations/referenceFormat';
import type { CitationSyntax } from '../citations/citationSyntax';
import type { Reference } from '../citations/citations';
import { COMPLETION_LIMIT } from './constants';
import type { Position, Range, ServiceDocument } from './document';
import { rangeOf } from './document';

export interface CitationCompletion {
  key: string;
  /** Authors and year, shown beside the key. */
  description: string;
  /** The title. */
  detail: string;
  /** Text the editor filters on: the key, the authors, the year, the title. */
  filterText: string;
  /** Workspace references before the built-in studies, each in its own order. */
  sortText: string;
  /** A built-in study not in the user's bibliographies (inserting its key leaves it undefined). */
  builtinOnly: boolean;
}

export interface CitationCompletionList {
  /** The text the key replaces. */
  range: Range;
  items: CitationCompletion[];
  /** More references matched than the reply carries. */
  isIncomplete: boolean;
}

/** The citation completions at `position`, or undefined where no citation is being typed. */
export function computeCitationCompletions(
  doc: ServiceDocument,
  position: Position,
  syntax: CitationSyntax | undefined,
  citations: CitationIndex | undefined,
  limit = COMPLETION_LIMIT,
): CitationCompletionList | undefined {
  if (syntax === undefined || citations === undefined) return undefined;
  const offset = doc.offsetAt(position);
  const windowStart = doc.offsetAt({ line: Math.max(0, position.line - 5), character: 0 });
  const windowEnd = doc.offsetAt({ line: position.line + 1, character: 0 });
  const ctx = citationContextAt(doc.getText().slice(windowStart, windowEnd), offset - windowStart, syntax);
  if (!ctx) return undefined;
  const already = new Set(ctx.otherKeys.map((k) => k.toLowerCase()));
  const typed = ctx.prefix.toLowerCase();
  const all = citations.all().filter((r) => !already.has(r.key.toLowerCase()));
  // What is typed narrows the list: keys that start with it, then references that mention it anywhere.
  const starts: Reference[] = [];
  const contains: Reference[] = [];
  for (const r of all) {
    if (typed === '' || r.key.toLowerCase().startsWith(typed)) starts.push(r);
    else if (filterTextOf(r).toLowerCase().includes(typed)) contains.push(r);
  }
  const matched = [...starts, ...contains];
  const order = new Map(all.map((r, i) => [r, i]));
  const items = matched.slice(0, limit).map((r) => ({
    key: r.key,
    description: referenceDetail(r),
    detail: r.title ?? '',
    filterText: filterTextOf(r),
    sortText: `${r.source === BUILTIN_SOURCE ? '1' : '0'}${String(order.get(r) ?? 0).padStart(6, '0')}`,
    builtinOnly: r.source === BUILTIN_SOURCE && !citations.inWorkspace(r),
  }));
  return { range: rangeOf(doc, windowStart + ctx.start, windowStart + ctx.end), items, isIncomplete: matched.length > items.length };
}

function filterTextOf(r: Reference): string {
  return [r.key, ...r.authors.map((a) => a.family), r.year ?? '', r.title ?? ''].join(' ');
}

/** The documentation of a completion item: the reference card of its key (Markdown, untrusted). */
export function resolveCitationCompletion(key: string, citations: CitationIndex): string | undefined {
  const refs = citations.lookup(key);
  if (refs.length === 0) return undefined;
  return referenceHoverMarkdown(refs[0], { entryLabels: citations.labels() });
}
