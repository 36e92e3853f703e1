/**
 * The abbreviation list of a manuscript, and its writers: LaTeX `acro`, `glossaries` and `acronym`, Pandoc
 * (`acronyms:` metadata map, as pandoc-acro and tarleb/acronyms read it) and Quarto (`acronyms: keys:` as
 * rchaput/acronyms reads it), a Markdown table, and plain text in the journal form (`PD-L1, programmed
 * death-ligand 1; …`) or the Chinese form (`程序性细胞死亡配体 1（programmed death-ligand 1，PD-L1）`).
 *
 * What is listed: every short form the document uses — a use of a short form the document defines, or a
 * lexicon mention written as one of the entry's abbreviations (`PD-L1`, `PDL1`; not a code name such as
 * `MK-3475`) — one row per entity, with the form the document writes most (its defined form first), the long
 * form the document defines, else the lexicon's. A use is every occurrence of the short form, the one inside
 * its definition included.
 */
import type { DocumentAnnotation, DocumentMention } from '../matching/documentAnnotation';
import { fullEnglishName, escapeLatex, escapeMarkdownInline, singularPhrase } from './insert';
import type { Entry } from '../lexicon/lexicon';

/** One row of the list. */
export interface AbbreviationItem {
  /** The lexicon entry's id, or `doc:SHORT` for a term of this document only. */
  id: string;
  /** The short form as the document writes it (its definition's form, else its most frequent). */
  short: string;
  /** The English long form (the document's, else the lexicon's), singular like the short form, if any. */
  en?: string;
  /** The Chinese long form (the document's, else the lexicon's), if any: never the short form with a description. */
  zh?: string;
  /** How many times the document writes the short form (plurals and the definition's own included). */
  uses: number;
  /** The long form comes from the document (not the lexicon). */
  defined: boolean;
}

export interface AbbreviationListOptions {
  /** Leave out abbreviations used fewer times than this. */
  minUses?: number;
}

export type AbbreviationFormat = 'acro' | 'glossaries' | 'acronym' | 'pandoc' | 'quarto' | 'markdown' | 'text';
export const ABBREVIATION_FORMATS: readonly AbbreviationFormat[] = ['acro', 'glossaries', 'acronym', 'pandoc', 'quarto', 'markdown', 'text'];

const HAN = /\p{Script=Han}/u;
const compact = (s: string) => s.replace(/[\s\-‐‑–]/g, '');

/**
 * The written form's number: `Tregs` is the plural of the entry's `Treg`, `PDL1s` of `PDL1`; `OS` (overall
 * survival) is an abbreviation of its own. Returns the singular form and whether it was plural.
 */
export function abbreviationNumber(e: Entry, written: string): { form: string; plural: boolean } {
  const plural = written.endsWith('s') && written.length > 2 && (e.abbreviations.includes(written.slice(0, -1)) || !e.abbreviations.includes(written));
  return { form: plural ? written.slice(0, -1) : written, plural };
}

/** Whether a Chinese name is a long form of `short`: Chinese, and not the short form with a description (`PACIFIC（…研究）`). */
function isChineseLongForm(zh: string, short: string): boolean {
  if (!HAN.test(zh)) return false;
  const at = compact(zh).indexOf(compact(short));
  return at < 0 || !/^[（(]/.test(compact(zh).slice(at + compact(short).length));
}

/**
 * Whether the document's definition of `t` writes its short form in the plural (`immune checkpoint inhibitors
 * (ICIs)`, `ICIs (immune checkpoint inhibitors)`), read at the definition itself.
 */
function definedInPlural(text: string, t: { short: string; long: string; definedAt: number }): boolean {
  if (text.startsWith(t.short, t.definedAt)) return text[t.definedAt + t.short.length] === 's';
  let i = t.definedAt + t.long.length;
  for (let n = 0; n < 4 && /[\s(（,，]/.test(text[i] ?? ''); n++) i++;
  return text.startsWith(`${t.short}s`, i);
}

/** Whether `offset` starts a sentence: the start of a line or paragraph, or after `.`, `!`, `?` or `:`. */
export function atSentenceStart(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || /[.!?:\n#>*]/.test(text[i]);
}

/** `Programmed death-ligand 1` → `programmed death-ligand 1`; `Toll-Like Receptor`, `T cell`, `PD-1 blockade` stay. */
export function decapitalize(long: string): string {
  return /^[A-Z][a-z]+(?:[\s-][a-z0-9]|$)/.test(long) || /^[A-Z][a-z]+ [a-z]/.test(long) ? long[0].toLowerCase() + long.slice(1) : long;
}

/**
 * A long form written at a sentence start without the sentence's capital: lower case where the lexicon
 * writes the name so (`Regulatory T cell` → `regulatory T cell`), kept where the lexicon capitalises it
 * too, else as {@link decapitalize} guesses.
 */
function sentenceCaseOff(long: string, e: Entry | undefined): string {
  const lower = long[0].toLowerCase() + long.slice(1);
  if (lower === long) return long;
  const names = e ? [e.label.en, ...e.synonyms] : [];
  if (names.includes(lower)) return lower;
  // The lexicon's own capital (`Toll-like receptor 4`) stays.
  if (names.includes(long)) return long;
  return decapitalize(long);
}

/** Whether `text` (a mention's text) is written as one of the entry's abbreviations (or its plural), hyphens and spaces aside. */
export function isAbbreviationOf(e: Entry, text: string): boolean {
  const t = compact(text);
  return e.abbreviations.some((a) => {
    const c = compact(a);
    return c.length > 0 && a !== a.toLowerCase() && (t === c || t === `${c}s`);
  });
}

/**
 * The abbreviations `text` uses, alphabetical by short form (case-insensitive), from its annotation.
 * @param entry the lexicon entry of an id (for the lexicon's long forms and abbreviations)
 */
export function abbreviationList(
  text: string,
  annotation: Pick<DocumentAnnotation, 'mentions' | 'terms'> & { all?: readonly DocumentMention[] },
  entry: (id: string) => Entry | undefined,
  options: AbbreviationListOptions = {},
): AbbreviationItem[] {
  const byId = new Map<string, { forms: Map<string, number>; uses: number; definedShort?: string }>();
  const definedById = new Map<string, { en?: string; zh?: string; short: string }>();
  for (const t of annotation.terms.values()) {
    const d = definedById.get(t.id) ?? { short: t.short };
    if (HAN.test(t.long)) d.zh ??= isChineseLongForm(t.long, t.short) ? t.long : undefined;
    else {
      // Lists are singular (acro's \acp and glossaries' \glspl make the plural): `ICIs` defines `ICI`.
      const long = definedInPlural(text, t) ? singularPhrase(t.long) : t.long;
      d.en ??= atSentenceStart(text, t.definedAt) ? sentenceCaseOff(long, t.local ? undefined : entry(t.id)) : long;
    }
    definedById.set(t.id, d);
  }
  // The uses of a term the document defines outside the field are not shown (docs/annotation.md §3.9), but
  // the document still uses the abbreviation (Karnofsky performance status (KPS)): it is listed.
  const unshown = (annotation.all ?? []).filter((m) => annotation.terms.get(m.short ?? '')?.unmarked === true);
  for (const m of unshown.length > 0 ? [...annotation.mentions, ...unshown] : annotation.mentions) {
    let form: string | undefined;
    let id = m.id;
    if (m.short !== undefined) form = m.short;
    else if (m.inner !== undefined) {
      // `PD-L1` inside `PD-L1 expression`: a use of the defined short form, listed under what it names.
      form = m.inner.short;
      id = annotation.terms.get(form)?.id ?? id;
    } else {
      const e = entry(m.id);
      const written = text.slice(m.start, m.end);
      if (e && isAbbreviationOf(e, written)) form = abbreviationNumber(e, written).form;
    }
    if (form === undefined) continue;
    let r = byId.get(id);
    if (!r) byId.set(id, (r = { forms: new Map(), uses: 0 }));
    r.uses++;
    r.forms.set(form, (r.forms.get(form) ?? 0) + 1);
  }
  const out: AbbreviationItem[] = [];
  const min = options.minUses ?? 0;
  for (const [id, r] of byId) {
    if (r.uses < min) continue;
    const defined = definedById.get(id);
    const e = entry(id);
    const frequent = [...r.forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const short = defined?.short ?? frequent;
    const lexiconEn = e ? fullEnglishName(e) : undefined;
    const en = defined?.en ?? (lexiconEn !== undefined && !HAN.test(lexiconEn) ? lexiconEn : undefined);
    const zh = defined?.zh ?? (e && isChineseLongForm(e.label.zh, short) ? e.label.zh : undefined);
    out.push({ id, short, en: en !== short ? en : undefined, zh, uses: r.uses, defined: defined?.en !== undefined || defined?.zh !== undefined });
  }
  return out.sort((a, b) => a.short.localeCompare(b.short, 'en', { sensitivity: 'base' }) || (a.short < b.short ? -1 : a.short > b.short ? 1 : 0));
}

/** The long form in the list's language, if the item has one (never the other language's: an English list stays English). */
export function longForm(item: AbbreviationItem, lang: 'en' | 'zh'): string | undefined {
  return lang === 'zh' ? item.zh : item.en;
}

const GREEK_NAMES: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu',
  ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
};

/**
 * A LaTeX label for a short form: ASCII letters and digits only (valid for acro, glossaries and acronym,
 * which build control-sequence names from it), Greek letters spelt out, `+` as `plus`: `IFN-γ` → `ifngamma`.
 */
export function latexId(short: string): string {
  let id = '';
  for (const ch of short.toLowerCase()) {
    if (/[a-z0-9]/.test(ch)) id += ch;
    else if (GREEK_NAMES[ch]) id += GREEK_NAMES[ch];
    else if (ch === '+') id += 'plus';
  }
  return /^[a-z]/.test(id) ? id : `a${id}`;
}

/** Unique LaTeX labels for the items, in order (`pdl1`, `pdl1-2`…). */
function latexIds(items: readonly AbbreviationItem[]): string[] {
  const seen = new Set<string>();
  return items.map((x) => {
    const base = latexId(x.short);
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
    seen.add(id);
    return id;
  });
}

/**
 * Text for LaTeX text mode that compiles under pdfLaTeX as well as LuaLaTeX/XeLaTeX: special characters
 * escaped, Greek letters as `\ensuremath{\gamma}` and primes (`3′`) as `\ensuremath{'}` (the default text
 * fonts, Computer Modern and Latin Modern, have neither).
 */
export function latexText(s: string): string {
  return escapeLatex(s).replace(/[\u03b1-\u03c9\u0391-\u03a9\u2032\u2033]/g, (ch) => {
    if (ch === '\u2032') return "\\ensuremath{'}";
    if (ch === '\u2033') return "\\ensuremath{''}";
    const lower = ch.toLowerCase();
    const name = GREEK_NAMES[lower];
    if (!name) return ch;
    return `\\ensuremath{\\${ch === lower ? name : name[0].toUpperCase() + name.slice(1)}}`;
  });
}

/** A YAML double-quoted scalar (JSON's string syntax is a subset of it). */
const yaml = (s: string) => JSON.stringify(s);

/** A comment line for an entry with no long form in the list's language (LaTeX `%`, YAML `#`): it is not declared, and the author sees why. */
function noLongForm(item: AbbreviationItem, lang: 'en' | 'zh', mark: string): string {
  return `${mark} ${item.short.replace(/[\r\n]/g, ' ')}: no ${lang === 'zh' ? 'Chinese' : 'English'} long form known; not declared\n`;
}

/**
 * The list written in a format; `lang` picks the long form (and the text form: journal or Chinese). An entry
 * without a long form in that language is written without one: a comment in the LaTeX and YAML formats (the
 * packages require a long form), an empty cell in Markdown, the short form alone in the text forms.
 */
export function formatAbbreviationList(items: readonly AbbreviationItem[], format: AbbreviationFormat, lang: 'en' | 'zh'): string {
  const ids = latexIds(items);
  switch (format) {
    case 'acro':
      return items
        .map((x, i) => {
          const long = longForm(x, lang);
          return long === undefined ? noLongForm(x, lang, '%') : `\\DeclareAcronym{${ids[i]}}{\n  short = {${latexText(x.short)}},\n  long = {${latexText(long)}}\n}\n`;
        })
        .join('');
    case 'glossaries':
      return items
        .map((x, i) => {
          const long = longForm(x, lang);
          return long === undefined ? noLongForm(x, lang, '%') : `\\newacronym{${ids[i]}}{${latexText(x.short)}}{${latexText(long)}}\n`;
        })
        .join('');
    case 'acronym': {
      const body = items
        .map((x, i) => {
          const long = longForm(x, lang);
          if (long === undefined) return `  ${noLongForm(x, lang, '%')}`;
          // The first argument is the key \ac{} refers to: the short form itself when it is safe as a key.
          const key = /^[A-Za-z0-9-]+$/.test(x.short) ? x.short : ids[i];
          const shown = key === x.short ? '' : `[${latexText(x.short)}]`;
          return `  \\acro{${key}}${shown}{${latexText(long)}}\n`;
        })
        .join('');
      const widest = items.reduce((w, x) => (longForm(x, lang) !== undefined && x.short.length > w.length ? x.short : w), '');
      return `\\begin{acronym}[${latexText(widest)}]\n${body}\\end{acronym}\n`;
    }
    case 'pandoc':
      return `acronyms:\n${items
        .map((x, i) => {
          const long = longForm(x, lang);
          return long === undefined ? `  ${noLongForm(x, lang, '#')}` : `  ${ids[i]}:\n    short: ${yaml(x.short)}\n    long: ${yaml(long)}\n`;
        })
        .join('')}`;
    case 'quarto':
      return `acronyms:\n  keys:\n${items
        .map((x) => {
          const long = longForm(x, lang);
          return long === undefined ? `    ${noLongForm(x, lang, '#')}` : `    - shortname: ${yaml(x.short)}\n      longname: ${yaml(long)}\n`;
        })
        .join('')}`;
    case 'markdown': {
      const head = lang === 'zh' ? '| 缩写 | 全称 |\n| --- | --- |\n' : '| Abbreviation | Definition |\n| --- | --- |\n';
      return head + items.map((x) => `| ${escapeMarkdownInline(x.short)} | ${escapeMarkdownInline(longForm(x, lang) ?? '')} |\n`).join('');
    }
    case 'text':
      if (items.length === 0) return '';
      if (lang === 'zh') {
        // 中文名（English name，ABBR）, the way Chinese journals list them; without a Chinese name, ABBR（English name）.
        return `${items
          .map((x) => {
            if (x.zh === undefined) return x.en !== undefined ? `${x.short}（${x.en}）` : x.short;
            return `${x.zh}（${[x.en, x.short].filter((s): s is string => s !== undefined && s !== '').join('，')}）`;
          })
          .join('；')}。\n`;
      }
      return `${items.map((x) => (x.en !== undefined ? `${x.short}, ${x.en}` : x.short)).join('; ')}.\n`;
  }
}
