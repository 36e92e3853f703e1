/**
 * The consistency checks journals ask of a manuscript, over its annotation (documentAnnotation.ts), each
 * with its own code and, where one makes sense, a fix made only of replacements of the spans it names:
 *
 * - `abbreviation-redefined`: a short form defined again after its first definition (fix: keep the short form);
 * - `abbreviation-unused`: a short form defined but not written again (fix: drop it from the definition);
 * - `abbreviation-rare`: a defined short form written fewer than `minUses` times, its definition included
 *   (fix: spell it out everywhere);
 * - `mixed-spelling`: one entity's abbreviation written different ways (`PD-L1`, `PDL1`, `B7-H1`) — fix: the
 *   form the document defines, else its most frequent (ties: the lexicon's order), everywhere;
 * - `brand-name`: a brand where journals want the INN (`Keytruda`) — fix: the INN, or at the entity's first
 *   mention `pembrolizumab (Keytruda)`.
 *
 * `abbreviation-before-definition` lives in abbreviations.ts and `undefined-citation` in citations; the
 * adapters and `oncolex check` report them beside these.
 */
import { abbreviationNumber, atSentenceStart, decapitalize, isAbbreviationOf } from '../writing/abbreviationList';
import type { DocumentAnnotation, DocumentMention } from '../matching/documentAnnotation';
import type { ResolvedDefinition } from '../matching/documentTerms';
import { shortFormUse } from '../matching/documentAnnotation';
import type { Entry } from '../lexicon/lexicon';
import { lineIndexAt, lineStarts } from '../text/lines';

export const CHECK_CODES = ['abbreviation-redefined', 'abbreviation-unused', 'abbreviation-rare', 'mixed-spelling', 'brand-name'] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

export type CheckSeverity = 'warning' | 'information';

/** How each check is reported, in the editor and by `oncolex check`. */
export const CHECK_SEVERITY: Record<CheckCode | 'abbreviation-before-definition' | 'undefined-citation', CheckSeverity> = {
  'abbreviation-before-definition': 'information',
  'abbreviation-redefined': 'warning',
  'abbreviation-unused': 'warning',
  'abbreviation-rare': 'information',
  'mixed-spelling': 'warning',
  'brand-name': 'warning',
  'undefined-citation': 'warning',
};

/** Replace text[start, end) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A fix: edits that do not overlap, sorted by start. */
export interface CheckFix {
  kind: 'keep-short' | 'drop-short' | 'spell-out' | 'unify' | 'inn' | 'inn-with-brand' | 'inn-everywhere';
  /** The text written (the short form, the long form, the preferred spelling, the INN…), for the fix's title. */
  text: string;
  edits: TextEdit[];
}

/** One problem found. `args` fill the message of its code (see {@link checkMessage}). */
export interface CheckProblem {
  code: CheckCode;
  start: number;
  end: number;
  args: string[];
  /** A related place (the first definition of a redefined short form). */
  related?: number;
  fixes: CheckFix[];
}

export interface CheckOptions {
  /** Checks turned off. */
  disabled?: ReadonlySet<CheckCode>;
  /** `abbreviation-rare` below this many uses; 0 turns it off. */
  minUses?: number;
  /** The manuscript's language: which INN a Latin-script brand becomes. */
  lang?: 'en' | 'zh';
}

/** The English message of a code, `{0}`… filled from a problem's args (the adapters localize the same strings). */
export function checkMessage(p: Pick<CheckProblem, 'code' | 'args'>): string {
  const fill = (s: string) => s.replace(/\{(\d)\}/g, (_, i: string) => p.args[Number(i)] ?? '');
  switch (p.code) {
    case 'abbreviation-redefined':
      return fill('“{0}” is defined again; it was first defined on line {1}. Define an abbreviation once.');
    case 'abbreviation-unused':
      return fill('“{0}” is defined but never used again: spell out “{1}” instead.');
    case 'abbreviation-rare':
      return fill('“{0}” is used {1} times, fewer than {2}: spell out “{3}” instead.');
    case 'mixed-spelling':
      return fill('“{0}” and {1} name the same thing in this document: write one form ({2}).');
    case 'brand-name':
      return fill('“{0}” is a brand name: journals want the generic name ({1}).');
  }
}

const HAN = /\p{Script=Han}/u;
const isClose = (c: string | undefined) => c === ')' || c === '）' || c === ']';
const isOpen = (c: string | undefined) => c === '(' || c === '（' || c === '[';

/**
 * The whole written definition: from its first form to the bracket closing it — `long (SHORT)`,
 * `SHORT (long)`, `(Long, SHORT)` — and its parts.
 */
function definitionSpan(text: string, d: ResolvedDefinition): { start: number; end: number; bracketed: 'short' | 'long' | 'both' } {
  let start = Math.min(d.longStart, d.shortStart);
  let end = Math.max(d.longEnd, d.shortEnd);
  let j = end;
  while (text[j] === ' ') j++;
  if (isClose(text[j])) end = j + 1;
  let i = start - 1;
  while (i >= 0 && text[i] === ' ') i--;
  const both = isOpen(text[i]) && d.longStart < d.shortStart ? text.slice(d.longEnd, d.shortStart).trim().match(/^[,，;；]$/) !== null : false;
  if (both) start = i;
  return { start, end, bracketed: both ? 'both' : d.shortStart > d.longStart ? 'short' : 'long' };
}

/** The edit that removes the short form from a definition, leaving the long form. */
function dropShort(text: string, d: ResolvedDefinition): TextEdit {
  const span = definitionSpan(text, d);
  switch (span.bracketed) {
    case 'short':
      // `long (SHORT)` → `long`
      return { start: d.longEnd, end: span.end, text: '' };
    case 'long':
      // `SHORT (long)` → `long`
      return { start: span.start, end: span.end, text: d.long };
    case 'both':
      // `(Long, SHORT)` → `(Long)`
      return { start: d.longEnd, end: d.shortEnd, text: '' };
  }
}

/** `pembrolizumab` → `Pembrolizumab` where a sentence starts. */
function capitalizeAt(text: string, offset: number, word: string): string {
  return atSentenceStart(text, offset) && /^[a-z]/.test(word) ? word[0].toUpperCase() + word.slice(1) : word;
}

/**
 * The long form to show and to spell out: the document's, except a Chinese definition's, whose start is a
 * guess — there the name the lexicon matched (`d.term.long`), or nothing for a term of the document only.
 */
function spelled(d: ResolvedDefinition): string | undefined {
  if (!d.chinese) return d.long;
  return d.term.local ? undefined : d.term.long;
}

/**
 * Runs the checks over a document's annotation.
 * @param entry the lexicon entry of an id (for brands and abbreviations)
 */
export function checkManuscript(
  text: string,
  annotation: Pick<DocumentAnnotation, 'mentions' | 'terms' | 'definitions'> & { all?: readonly DocumentMention[] },
  entry: (id: string) => Entry | undefined,
  options: CheckOptions = {},
): CheckProblem[] {
  const on = (c: CheckCode) => !options.disabled?.has(c);
  const out: CheckProblem[] = [];
  const { mentions, terms, definitions } = annotation;
  // Line starts, made once (on the first redefinition): a line is found by binary search.
  let starts: number[] | undefined;
  const lineOf = (offset: number) => lineIndexAt((starts ??= lineStarts(text)), offset) + 1;

  // Definitions: the first of each short form is in force; later ones are redefinitions. Where each short
  // form is defined, gathered once (not searched for per term: thousands of definitions are common).
  const firstDefinition = new Map<string, ResolvedDefinition>();
  const definedAt = new Map<string, Set<number>>();
  for (const d of definitions) {
    const at = definedAt.get(d.base);
    if (at) at.add(d.shortStart);
    else definedAt.set(d.base, new Set([d.shortStart]));
    const first = firstDefinition.get(d.base);
    if (!first) {
      firstDefinition.set(d.base, d);
      continue;
    }
    if (!on('abbreviation-redefined')) continue;
    const span = definitionSpan(text, d);
    // `long (SHORT)` again → `SHORT`; the other shapes are left to the author.
    const fixes: CheckFix[] = span.bracketed === 'short' ? [{ kind: 'keep-short', text: d.short, edits: [{ start: span.start, end: span.end, text: d.short }] }] : [];
    out.push({ code: 'abbreviation-redefined', start: d.shortStart, end: d.shortEnd, args: [d.short, String(lineOf(first.term.definedAt))], related: first.term.definedAt, fixes });
  }

  // Uses of each defined short form, shown or not (a term the document defines outside the field, and a short
  // form the field gate hides, are still used: docs/annotation.md §3.9, §5).
  const uses = new Map<string, { start: number; end: number }[]>();
  for (const m of annotation.all ?? mentions) {
    // A use inside a longer term (`PD-L1 expression`) is a use too.
    const u = shortFormUse(m);
    if (u === undefined) continue;
    const list = uses.get(u.short) ?? [];
    list.push(u);
    uses.set(u.short, list);
  }
  // Where each defined entity's abbreviation is written some other way than the defined short form (`PDL1`).
  const termIds = new Set([...terms.values()].filter((t) => !t.local).map((t) => t.id));
  const abbreviated = new Map<string, number[]>();
  for (const m of mentions) {
    if (m.short !== undefined || m.inner !== undefined || !termIds.has(m.id)) continue;
    const e = entry(m.id);
    if (!e || !isAbbreviationOf(e, text.slice(m.start, m.end))) continue;
    const list = abbreviated.get(m.id) ?? [];
    list.push(m.start);
    abbreviated.set(m.id, list);
  }
  const minUses = options.minUses ?? 0;
  for (const t of terms.values()) {
    const d = firstDefinition.get(t.short);
    if (!d) continue;
    const all = uses.get(t.short) ?? [];
    // The use inside the definition itself (and inside later redefinitions) is not a use of the abbreviation.
    const redefined = definedAt.get(t.short)!;
    const others = all.filter((u) => !redefined.has(u.start));
    // The entity's abbreviation written another way (`PDL1` after `… (PD-L1)`) is a use too, which
    // mixed-spelling asks to write as the defined form: "unused: spell it out" would contradict that.
    const respelled = (abbreviated.get(t.id) ?? []).filter((start) => start < Math.min(d.longStart, d.shortStart) || start >= Math.max(d.longEnd, d.shortEnd));
    if (others.length === 0 && respelled.length === 0) {
      if (on('abbreviation-unused')) {
        const drop = dropShort(text, d);
        // `SHORT (long)` rewrites the long form: not with a guessed Chinese one.
        const safe = spelled(d) !== undefined || drop.text === '';
        const long = spelled(d) ?? d.long;
        out.push({ code: 'abbreviation-unused', start: d.shortStart, end: d.shortEnd, args: [d.short, long], fixes: safe ? [{ kind: 'drop-short', text: long, edits: [drop] }] : [] });
      }
      continue;
    }
    if (minUses > 0 && on('abbreviation-rare') && others.length + 1 < minUses) {
      const name = spelled(d);
      if (name === undefined) {
        out.push({ code: 'abbreviation-rare', start: d.shortStart, end: d.shortEnd, args: [d.short, String(others.length + 1), String(minUses), d.long], fixes: [] });
        continue;
      }
      const drop = dropShort(text, d);
      const edits: TextEdit[] = [drop];
      const long = atSentenceStart(text, d.longStart) && !d.chinese ? decapitalize(name) : name;
      for (const u of others) {
        if (u.start >= drop.start && u.end <= drop.end) continue;
        const plural = text.slice(u.start, u.end) === `${t.short}s` && !/s$/.test(name) && !d.chinese;
        edits.push({ start: u.start, end: u.end, text: capitalizeAt(text, u.start, long) + (plural ? 's' : '') });
      }
      edits.sort((a, b) => a.start - b.start);
      out.push({ code: 'abbreviation-rare', start: d.shortStart, end: d.shortEnd, args: [d.short, String(others.length + 1), String(minUses), name], fixes: [{ kind: 'spell-out', text: name, edits }] });
    }
  }

  // Spellings of each entity's abbreviation, and brands.
  if (on('mixed-spelling') || on('brand-name')) {
    const spellings = new Map<string, { form: string; start: number; end: number; plural: boolean }[]>();
    const brands: { id: string; start: number; end: number; written: string }[] = [];
    const firstMention = new Map<string, number>();
    for (const m of mentions) {
      if (!firstMention.has(m.id)) firstMention.set(m.id, m.start);
      const e = entry(m.id);
      if (!e) continue;
      const written = text.slice(m.start, m.end);
      if (e.brands.some((b) => b.toLowerCase() === written.toLowerCase())) {
        brands.push({ id: m.id, start: m.start, end: m.end, written });
        continue;
      }
      if (!isAbbreviationOf(e, written)) continue;
      // `Tregs` is the plural of `Treg`, not another spelling of it.
      const { form, plural } = abbreviationNumber(e, written);
      const list = spellings.get(m.id) ?? [];
      list.push({ form, start: m.start, end: m.end, plural });
      spellings.set(m.id, list);
    }
    if (on('mixed-spelling')) {
      // The short forms the document defines for each entry, in the terms' order.
      const definedFor = new Map<string, string[]>();
      for (const t of terms.values()) {
        const list = definedFor.get(t.id);
        if (list) list.push(t.short);
        else definedFor.set(t.id, [t.short]);
      }
      for (const [id, list] of spellings) {
        const counts = new Map<string, number>();
        for (const s of list) counts.set(s.form, (counts.get(s.form) ?? 0) + 1);
        if (counts.size < 2) continue;
        const e = entry(id)!;
        const defined = definedFor.get(id)?.find((short) => counts.has(short));
        const rank = (f: string) => {
          const i = e.abbreviations.indexOf(f);
          return i < 0 ? e.abbreviations.length : i;
        };
        const preferred = defined ?? [...counts].sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]))[0][0];
        const others = [...counts.keys()].filter((f) => f !== preferred);
        const edits = list.filter((s) => s.form !== preferred).map((s) => ({ start: s.start, end: s.end, text: preferred + (s.plural ? 's' : '') }));
        const fix: CheckFix = { kind: 'unify', text: preferred, edits };
        for (const s of list) {
          if (s.form === preferred) continue;
          out.push({ code: 'mixed-spelling', start: s.start, end: s.end, args: [s.form, [preferred, ...others.filter((f) => f !== s.form)].map((f) => `“${f}”`).join(', '), preferred], fixes: [fix] });
        }
      }
    }
    if (on('brand-name')) {
      const byId = new Map<string, typeof brands>();
      for (const b of brands) {
        const list = byId.get(b.id);
        if (list) list.push(b);
        else byId.set(b.id, [b]);
      }
      for (const [id, list] of byId) {
        const e = entry(id)!;
        const innOf = (b: (typeof list)[number]) => capitalizeAt(text, b.start, HAN.test(b.written) || options.lang === 'zh' ? e.label.zh : e.label.en);
        const everywhere: CheckFix = { kind: 'inn-everywhere', text: e.label.en, edits: list.map((b) => ({ start: b.start, end: b.end, text: innOf(b) })) };
        for (const b of list) {
          const inn = innOf(b);
          const fixes: CheckFix[] = [{ kind: 'inn', text: inn, edits: [{ start: b.start, end: b.end, text: inn }] }];
          if (firstMention.get(id) === b.start) {
            const withBrand = HAN.test(inn) ? `${inn}（${b.written}）` : `${inn} (${b.written})`;
            fixes.push({ kind: 'inn-with-brand', text: withBrand, edits: [{ start: b.start, end: b.end, text: withBrand }] });
          }
          if (list.length > 1) fixes.push(everywhere);
          out.push({ code: 'brand-name', start: b.start, end: b.end, args: [b.written, HAN.test(inn) ? inn : (HAN.test(b.written) || options.lang === 'zh' ? e.label.zh : e.label.en)], fixes });
        }
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || CHECK_CODES.indexOf(a.code) - CHECK_CODES.indexOf(b.code));
}
