/**
 * Hover content as data and as Markdown: the card of the lexicon mention, or of the document's own term,
 * under the cursor (card.ts), else the reference card of the citation key under it (citations.ts).
 */
import { mentionCardAt } from '../cards/card';
import type { DisplayLanguage } from '../cards/card';
import type { CitationIndex } from '../citations/citationIndex';
import { findCitations, isCrossReference } from '../citations/citationSyntax';
import { referenceHoverMarkdown } from '../citations/referenceFormat';
import type { CitationSyntax } from '../citations/citationSyntax';
import type { Reference } from '../citations/citations';
import type { DocumentMentions } from '../matching/incremental';
import type { Entry } from '../lexicon/lexicon';
import { HOVER_EVIDENCE } from './constants';
import type { Range, ServiceDocument } from './document';
import { rangeOf } from './document';

/** What a hover shows. */
export type ServiceHover =
  | { kind: 'mention'; start: number; end: number; range: Range; /** The lexicon entry or `doc:` term. */ id: string; markdown: string }
  | { kind: 'citation'; start: number; end: number; range: Range; key: string; /** Every reference with the key, the shown one first. */ references: Reference[]; markdown: string };

export interface HoverInput {
  annotation: DocumentMentions | undefined;
  byId: Map<string, Entry>;
  lang: DisplayLanguage;
  /** Command links in the card (VS Code runs them; other editors cannot). */
  links: boolean;
  syntax: CitationSyntax | undefined;
  citations: CitationIndex | undefined;
}

/** The hover at `offset`, or undefined when there is nothing to show there. */
export function computeHover(doc: ServiceDocument, offset: number, input: HoverInput): ServiceHover | undefined {
  if (input.annotation) {
    const card = mentionCardAt(input.annotation, offset, {
      lang: input.lang,
      byId: input.byId,
      lineOf: (o) => doc.positionAt(o).line,
      links: input.links,
      maxEvidence: HOVER_EVIDENCE,
    });
    if (card) return { kind: 'mention', start: card.start, end: card.end, range: rangeOf(doc, card.start, card.end), id: input.annotation.at(offset)?.id ?? '', markdown: card.markdown };
  }
  return citationHover(doc, offset, input);
}

function citationHover(doc: ServiceDocument, offset: number, input: HoverInput): ServiceHover | undefined {
  if (input.syntax === undefined || input.citations === undefined) return undefined;
  // A citation lies within a few lines of the cursor: read those, not the document.
  const at = doc.positionAt(offset);
  const start = doc.offsetAt({ line: Math.max(0, at.line - 3), character: 0 });
  const end = doc.offsetAt({ line: at.line + 4, character: 0 });
  const use = findCitations(doc.getText().slice(start, end), input.syntax).find((u) => offset - start >= u.start && offset - start <= u.end);
  if (use === undefined || isCrossReference(use.key)) return undefined;
  const refs = input.citations.lookup(use.key);
  if (refs.length === 0) return undefined;
  const markdown = referenceHoverMarkdown(refs[0], {
    entryLabels: input.citations.labels(),
    otherSources: refs.slice(1).map((o) => (o.line !== undefined ? `${o.source}:${o.line}` : o.source)),
  });
  return { kind: 'citation', start: start + use.start, end: start + use.end, range: rangeOf(doc, start + use.start, start + use.end), key: use.key, references: refs, markdown };
}
