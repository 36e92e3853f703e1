/**
 * The text inserted for a lexicon entry: which name (preferred term, first-use "full name (ABBR)", the
 * abbreviation), in which writing language, escaped for the markup it goes into. Markdown escaping is
 * never applied in LaTeX and LaTeX escaping never in Markdown; Greek letters stay Unicode in LaTeX text
 * (modern engines and `inputenc` read them) and become commands only in math.
 */
import type { Entry } from '../lexicon/lexicon';
import type { DocLanguage } from '../text/regions';

/** Which name to insert. */
export type InsertForm = 'preferred' | 'firstUse' | 'abbreviation';

export const INSERT_FORMS: readonly InsertForm[] = ['preferred', 'firstUse', 'abbreviation'];

export interface InsertOptions {
  form: InsertForm;
  /** The language the manuscript is written in. */
  lang: 'en' | 'zh';
  /** The markup of the document. */
  markup: DocLanguage;
  /** The insertion point is inside math (`$…$`, `\(…\)`, an equation environment). */
  inMath?: boolean;
  /** The English first-use form in the plural, for a use written in the plural (`MDSCs`): `myeloid-derived suppressor cells (MDSCs)`. */
  plural?: boolean;
}

const HAN = /\p{Script=Han}/u;

/**
 * The spelt-out English name: the label unless the label is itself an abbreviation (PD-L1), in which case
 * the first synonym written in words.
 */
export function fullEnglishName(e: Entry): string {
  const labelIsAbbreviation = e.abbreviations.includes(e.label.en) || (!/[a-z]{3}/.test(e.label.en) && e.label.en.length <= 8);
  if (!labelIsAbbreviation) return e.label.en;
  return e.synonyms.find((s) => /[a-z]{3}/.test(s) && /\s/.test(s)) ?? e.label.en;
}

const compact = (s: string) => s.toLowerCase().replace(/[\s\-+]/g, '');

/**
 * The abbreviation introduced at first use: the first one that looks like an abbreviation (no spaces, not
 * all lower case) and is not merely the start of the full name ("CD8+T" for "CD8+ T cell").
 */
export function primaryAbbreviation(e: Entry): string | undefined {
  const full = compact(fullEnglishName(e));
  return e.abbreviations.find((a) => !/\s/.test(a) && a !== a.toLowerCase() && !full.startsWith(compact(a)));
}

/**
 * An English noun phrase in the singular, by its last word: `immune checkpoint inhibitors` → `immune
 * checkpoint inhibitor`, `therapies` → `therapy`. Words ending in `ss`, `us`, `is` stay, and so does anything
 * that does not end in a lower-case `s`. Only for long forms the document wrote in the plural.
 */
export function singularPhrase(phrase: string): string {
  const m = /([A-Za-z]+)$/.exec(phrase);
  if (!m || !/[a-z]s$/.test(m[1]) || /(?:ss|us|is)$/.test(m[1])) return phrase;
  const w = m[1];
  const one = /[^aeiou]ies$/.test(w) ? `${w.slice(0, -3)}y` : /(?:ches|shes|sses|xes|zes)$/.test(w) ? w.slice(0, -2) : w.slice(0, -1);
  return phrase.slice(0, m.index) + one;
}

/** An English noun phrase in the plural, by its last word: `suppressor cell` → `suppressor cells`, `therapy` → `therapies`. */
export function pluralPhrase(phrase: string): string {
  const m = /([A-Za-z]+)$/.exec(phrase);
  if (!m || HAN.test(phrase)) return phrase;
  const w = m[1];
  const many = /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : /(?:ch|sh|s|x|z)$/.test(w) ? `${w}es` : `${w}s`;
  return phrase.slice(0, m.index) + many;
}

/** The unescaped text of a form in a language; `plural` makes the English first-use form plural (Chinese has none). */
export function insertionText(e: Entry, form: InsertForm, lang: 'en' | 'zh', plural = false): string {
  const abbr = primaryAbbreviation(e);
  const full = fullEnglishName(e);
  switch (form) {
    case 'abbreviation':
      return abbr ?? (lang === 'zh' ? e.label.zh : e.label.en);
    case 'preferred':
      return lang === 'zh' ? e.label.zh : e.label.en;
    case 'firstUse': {
      if (lang === 'zh') {
        // Chinese papers introduce a term as 中文名（English name, ABBR） with full-width brackets.
        const inner = [full, abbr].filter((x): x is string => x !== undefined && x !== e.label.zh && !e.label.zh.includes(x));
        return inner.length > 0 ? `${e.label.zh}（${inner.join('，')}）` : e.label.zh;
      }
      if (!abbr || full === abbr || full.includes(`(${abbr})`)) return plural ? pluralPhrase(full) : full;
      return plural ? `${pluralPhrase(full)} (${abbr}s)` : `${full} (${abbr})`;
    }
  }
}

const LATEX_TEXT_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '%': '\\%',
  _: '\\_',
  '&': '\\&',
  '#': '\\#',
  $: '\\$',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Escapes text for LaTeX text mode. Greek and other Unicode letters are left as they are. */
export function escapeLatex(text: string): string {
  return text.replace(/[\\%_&#${}~^]/g, (c) => LATEX_TEXT_ESCAPES[c]);
}

const GREEK_COMMANDS: Record<string, string> = {
  α: '\\alpha',
  β: '\\beta',
  γ: '\\gamma',
  δ: '\\delta',
  ε: '\\epsilon',
  ζ: '\\zeta',
  η: '\\eta',
  θ: '\\theta',
  ι: '\\iota',
  κ: '\\kappa',
  λ: '\\lambda',
  μ: '\\mu',
  ν: '\\nu',
  ξ: '\\xi',
  π: '\\pi',
  ρ: '\\rho',
  σ: '\\sigma',
  τ: '\\tau',
  υ: '\\upsilon',
  φ: '\\phi',
  χ: '\\chi',
  ψ: '\\psi',
  ω: '\\omega',
  Γ: '\\Gamma',
  Δ: '\\Delta',
  Θ: '\\Theta',
  Λ: '\\Lambda',
  Ξ: '\\Xi',
  Π: '\\Pi',
  Σ: '\\Sigma',
  Φ: '\\Phi',
  Ψ: '\\Psi',
  Ω: '\\Omega',
};

/**
 * A term for LaTeX math: runs of text in `\text{…}` (escaped for text mode, which is what `\text` reads),
 * Greek letters as math commands: IFN-γ becomes `\text{IFN-}\gamma`.
 */
export function latexMath(text: string): string {
  let out = '';
  let run = '';
  const flush = () => {
    if (run) out += `\\text{${escapeLatex(run)}}`;
    run = '';
  };
  for (const ch of text) {
    const cmd = GREEK_COMMANDS[ch];
    if (cmd) {
      flush();
      out += `${cmd}{}`;
    } else run += ch;
  }
  flush();
  // `\gamma{}` keeps a following letter from joining the command name; at the end it is not needed.
  return out.replace(/\{\}$/, '');
}

/**
 * Escapes text for Markdown where it would otherwise turn into markup inline: backslash, code, emphasis,
 * links, HTML, table pipes and math dollars. Hyphens, dots, plus signs and brackets that are harmless
 * inside a line are left alone, so "IFN-γ" and "CD8+ T cell" stay readable in the source.
 */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]<|$~]/g, '\\$&');
}

/** The text to insert for an entry: the chosen form in the writing language, escaped for the markup. */
export function textToInsert(e: Entry, o: InsertOptions): string {
  const raw = insertionText(e, o.form, o.lang, o.plural);
  if (o.inMath) return latexMath(raw);
  switch (o.markup) {
    case 'latex':
      return escapeLatex(raw);
    case 'markdown':
      return escapeMarkdownInline(raw);
    case 'plain':
      return raw;
  }
}

/**
 * The language a manuscript is written in, from a sample of its text (e.g. the paragraphs around the
 * cursor): Chinese when Chinese characters outnumber a third of the Latin letters, since Chinese prose
 * carries many English terms and each character stands for a word.
 */
export function writingLanguage(sample: string): 'en' | 'zh' {
  let han = 0;
  let latin = 0;
  for (const ch of sample) {
    if (HAN.test(ch)) han++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  return han > 0 && han * 3 >= latin ? 'zh' : 'en';
}

const MATH_ENVIRONMENTS = /^(?:equation|align|gather|multline|flalign|alignat|eqnarray|math|displaymath)\*?$/;

/**
 * Whether `offset` in `text` is inside math: `$…$`, `$$…$$`, `\(…\)`, `\[…\]` or a math environment
 * (LaTeX), or `$…$` / `$$…$$` (Markdown with math). Inline math does not cross a blank line.
 */
export function isInMath(text: string, offset: number, markup: DocLanguage): boolean {
  if (markup === 'plain') return false;
  // Display environments can span paragraphs: find the innermost open one before the offset.
  if (markup === 'latex') {
    const envRe = /\\(begin|end)\{([^}]*)\}/g;
    const open: string[] = [];
    for (let m = envRe.exec(text); m && m.index < offset; m = envRe.exec(text)) {
      if (!MATH_ENVIRONMENTS.test(m[2])) continue;
      if (m[1] === 'begin') open.push(m[2]);
      else if (open[open.length - 1] === m[2]) open.pop();
    }
    if (open.length > 0) return true;
  }
  // `$$` blocks may span lines but not blank lines; so does inline math.
  const blank = text.lastIndexOf('\n\n', offset - 1);
  const para = text.slice(blank < 0 ? 0 : blank + 2, offset);
  let inline = false;
  let display = false;
  for (let i = 0; i < para.length; i++) {
    const c = para[i];
    if (c === '\\') {
      const next = para[i + 1];
      if (markup === 'latex' && (next === '(' || next === '[')) {
        if (!inline && !display) {
          if (next === '(') inline = true;
          else display = true;
        }
      } else if (markup === 'latex' && (next === ')' || next === ']')) {
        if (next === ')') inline = false;
        else display = false;
      }
      i++; // an escaped character (\$, \\) is not a delimiter
      continue;
    }
    if (markup === 'latex' && c === '%') {
      // A comment runs to the end of the line.
      const nl = para.indexOf('\n', i);
      if (nl < 0) return false;
      i = nl;
      continue;
    }
    if (c === '$') {
      if (para[i + 1] === '$') {
        if (!inline) display = !display;
        i++;
      } else if (!display) inline = !inline;
    }
  }
  return inline || display;
}
