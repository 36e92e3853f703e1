/** Finding an entry by any of its names, and rendering an entry as plain text (CLI). */
import type { Entry, Lexicon } from './lexicon';
import { ID_SYSTEM_LABELS, identifierUrl } from './lexicon';
import type { IdSystem } from './lexicon';
import { foldForm } from '../text/normalize';

/**
 * The entry whose id, name or any form equals `term` (folded: case, width and dashes are ignored, so a
 * case-sensitive abbreviation is still found by a user typing it in another case), or undefined.
 */
export function lookupTerm(lexicon: Lexicon, term: string): Entry | undefined {
  const key = foldForm(term, false);
  if (key === '') return undefined;
  const exactCase = foldForm(term, true);
  let loose: Entry | undefined;
  for (const e of lexicon.entries) {
    if (e.id === term) return e;
    for (const f of e.forms) {
      if (foldForm(f.text, false) !== key) continue;
      if (!f.caseSensitive || foldForm(f.text, true) === exactCase) return e;
      loose ??= e;
    }
  }
  return loose;
}

/** A plain-text card for the terminal. */
export function entryAsText(e: Entry, byId: Map<string, Entry>): string {
  const lines: string[] = [];
  lines.push(`${e.label.en} — ${e.label.zh}  [${e.category}${e.kind ? `: ${e.kind}` : ''}]  (${e.id})`);
  lines.push('');
  lines.push(e.definition.en);
  lines.push(e.definition.zh);
  const names = [...e.abbreviations, ...e.synonyms, ...e.zh];
  if (names.length) lines.push('', `Also: ${names.join(', ')}`);
  if (e.brands.length) lines.push(`Brands: ${e.brands.join(', ')}`);
  if (e.relations.length) {
    lines.push('', 'Relations:');
    for (const r of e.relations) lines.push(`  ${r.type}: ${byId.get(r.id)?.label.en ?? r.id}`);
  }
  const ids = Object.entries(e.ids) as [IdSystem, string][];
  if (ids.length) {
    lines.push('', 'Identifiers:');
    for (const [sys, v] of ids) lines.push(`  ${ID_SYSTEM_LABELS[sys]}: ${v}  ${identifierUrl(sys, v) ?? ''}`.trimEnd());
  }
  if (e.evidence.length) {
    lines.push('', `Evidence from the review (${e.evidence.length}):`);
    for (const ev of e.evidence) lines.push(`  §${ev.section}${ev.refs.length ? ` [${ev.refs.join(', ')}]` : ''} ${ev.sentence}`);
  }
  return lines.join('\n');
}
