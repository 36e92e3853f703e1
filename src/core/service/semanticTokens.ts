/**
 * The mentions as semantic tokens, encoded as the Language Server Protocol wants them (relative line,
 * relative start, length, type, modifiers). The legend: one token type per lexicon category, in this order —
 * `immuneCell`, `molecule`, `drug`, `tumor`, `concept`, `trial`, `outcome` — and no modifiers.
 */
import type { DocumentMention } from '../matching/documentAnnotation';
import type { Category } from '../lexicon/lexicon';
import { CATEGORIES } from '../lexicon/lexicon';
import type { ServiceDocument } from './document';

/** The token types of the legend, one per category. */
export const TOKEN_TYPES = CATEGORIES.map((c) => c.replace(/-(\w)/g, (_, x: string) => x.toUpperCase()));
const TOKEN_OF = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));

/** The encoded tokens of the mentions whose category is shown. */
export function encodeMentionTokens(doc: ServiceDocument, mentions: readonly DocumentMention[], shown: (c: Category) => boolean): number[] {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const m of mentions) {
    if (!shown(m.category)) continue;
    const start = doc.positionAt(m.start);
    const end = doc.positionAt(m.end);
    // A token lies on one line: a mention broken across lines is marked on its first.
    const length = end.line === start.line ? end.character - start.character : doc.offsetAt({ line: start.line, character: Number.MAX_SAFE_INTEGER }) - m.start;
    if (length <= 0) continue;
    data.push(start.line - line, start.line === line ? start.character - char : start.character, length, TOKEN_OF.get(m.category) ?? 0, 0);
    line = start.line;
    char = start.character;
  }
  return data;
}
