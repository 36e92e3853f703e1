/**
 * The terms a document defines (docs/annotation.md §3.9): each definition definedAbbreviations.ts finds, and
 * those the lexicon vouches for, resolved to what its short form names there (a lexicon entry, or a term of
 * this document only, with a category from its head), and the names a definition's bracket stands inside.
 * documentAnnotation.ts lays them over the matcher's mentions.
 */
import type { AbbreviationDefinition } from './definedAbbreviations';
import { findAbbreviationDefinitions, singular } from './definedAbbreviations';
import type { Category, MatchEntry } from '../lexicon/lexicon';
import type { LexiconFacts } from './lexiconFacts';
import { commonSuffix, factsOf, letters, SUFFIX_AGREEMENT } from './lexiconFacts';
import type { Mention } from './matcher';

/** The prefix of the id of a term the document defines and the lexicon does not have (`doc:LDRT`). */
export const DOCUMENT_TERM_PREFIX = 'doc:';

/** A short form the document defines, and what it names there. */
export interface DocumentTerm {
  /** The lexicon entry's id, or {@link DOCUMENT_TERM_PREFIX} + short for a term of this document only. */
  id: string;
  /** The short form without a plural `s` (`CPI` for `CPIs`). */
  short: string;
  /** The long form as the document writes it. */
  long: string;
  category: Category;
  /** True when the lexicon has no entry for it: a term of this document only. */
  local: boolean;
  /** For a local term, the lexicon entry its long form's head matches (radiotherapy for LDRT), if any. */
  related?: string;
  /**
   * For a local term, true when nothing says it is a term of the field (no lexicon term ends its long form,
   * no class head, no known short form ends it: `Karnofsky performance status (KPS)`, `insulin resistance
   * (IR)`), or its long form only describes with a generic word (`tumor-derived factors (TDFs)`). It is
   * known (for the abbreviation checks, hover) but not marked: neither its long form nor its uses.
   */
  unmarked?: boolean;
  /** Offset where the document defines it: the start of the definition's long or short form. */
  definedAt: number;
}

/** One definition the document makes, with what its short form names. */
export interface ResolvedDefinition extends AbbreviationDefinition {
  term: DocumentTerm;
  /**
   * A name the definition's bracket stands inside (`cyclic GMP-AMP (cGAMP) synthase`, `Chimeric antigen
   * receptor (CAR) T cell therapy`): where it ends, and the lexicon entry it names. The whole of it, from the
   * long form's start, is then one mention of that entry (docs/annotation.md §3.8).
   */
  name?: { end: number; id: string; category: Category };
}

/**
 * The matcher's mentions of a short text (the `plain` language), for the rules that ask the lexicon about a
 * phrase the document writes around a bracket: `(text) => matcher.annotate(text, 'plain')`.
 */
export type PhraseLookup = (text: string) => readonly Mention[];

/**
 * The definitions of text with what each names, given the matcher's mentions of the same text; with
 * `lookup`, also the names their brackets stand inside ({@link ResolvedDefinition.name}).
 */
export function findDefinitions(entries: readonly MatchEntry[], text: string, mentions: readonly Mention[], skips: readonly number[], lookup?: PhraseLookup): ResolvedDefinition[] {
  const facts = factsOf(entries);
  const found = findAbbreviationDefinitions(text, skips);
  const all = [...found, ...lexiconDefinitions(text, mentions, facts, found)];
  const names = lookup !== undefined ? bracketedNames(all, text, lookup) : [];
  return all
    .map((d, i) => ({ ...d, term: resolve(d, text, mentions, facts), ...(names[i] !== undefined ? { name: names[i] } : {}) }))
    .sort((a, b) => a.term.definedAt - b.term.definedAt);
}

/** Most characters after a definition's bracket that a name around it may take. */
const NAME_TAIL = 48;

/** What separates the phrases of one lookup: a NUL breaks every word and every form (normalize.ts). */
const PHRASE_SEPARATOR = '\n\u0000\n';

/**
 * The names "long form (SHORT) rest" definitions stand inside, where the lexicon has one (by index of
 * `definitions`): the long form joined to the words after the bracket is a lexicon term that reaches past the
 * join (`cyclic GMP-AMP` + `synthase`, `Chimeric antigen receptor` + `T cell therapy`, `major
 * histocompatibility complex` + `class II`, and in Chinese with nothing between, 自然杀伤 + 细胞). The long form, not
 * the short one, carries the name:
 * `programmed death-ligand 1 (PD-L1) status` is two mentions and a word (PD-L1 status is a term,
 * programmed death-ligand 1 status is not). Reads at most {@link NAME_TAIL} characters after each bracket, up
 * to the end of the line or a bracket, comma or full stop, and asks the lexicon once for all of them.
 */
function bracketedNames(definitions: readonly AbbreviationDefinition[], text: string, lookup: PhraseLookup): (ResolvedDefinition['name'] | undefined)[] {
  const names: (ResolvedDefinition['name'] | undefined)[] = [];
  const asked: { index: number; at: number; long: number; close: number; joint: number }[] = [];
  let phrases = '';
  definitions.forEach((d, index) => {
    if (d.shortStart < d.longEnd) return;
    let close = d.shortEnd;
    while (close < text.length && close - d.shortEnd < 2 && text.charCodeAt(close) !== 0x29 && text.charCodeAt(close) !== 0xff09) close++;
    const join = text.charCodeAt(close + 1);
    // A Chinese name goes on right after the bracket: 自然杀伤(NK)细胞, 程序性死亡受体 1（PD-1）抑制剂.
    const chinese = d.chinese && (text.charCodeAt(close) === 0x29 || text.charCodeAt(close) === 0xff09) && /\p{Script=Han}/u.test(text.charAt(close + 1));
    // A space or a hyphen joins the bracket to the rest of the name: `(CAR) T cell therapy`, `(CAR)-T-cell therapy`,
    // `interleukin (IL)-12` (a number only after a hyphen).
    if (!chinese && (d.chinese || text.charCodeAt(close) !== 0x29 || (join !== 0x20 && join !== 0x2d) || !(join === 0x2d ? /[A-Za-z0-9]/ : /[A-Za-z]/).test(text.charAt(close + 2)))) return;
    const joint = chinese ? 0 : 1;
    let end = close + 1 + joint;
    const limit = Math.min(text.length, end + NAME_TAIL);
    while (end < limit && !/[\n(),.;:（），。；：]/.test(text[end])) end++;
    if (phrases.length > 0) phrases += PHRASE_SEPARATOR;
    asked.push({ index, at: phrases.length, long: d.long.length, close, joint });
    // The joint is read as a space (one character for one, so offsets carry over); Chinese has none.
    phrases += d.long + (joint === 1 ? ' ' : '') + text.slice(close + 1 + joint, end);
  });
  if (asked.length === 0) return names;
  const found = lookup(phrases);
  let k = 0;
  for (const a of asked) {
    while (k < found.length && found[k].start < a.at) k++;
    const m = k < found.length && found[k].start === a.at ? found[k] : undefined;
    if (m !== undefined && m.end > a.at + a.long + a.joint) names[a.index] = { end: a.close + 1 + (m.end - a.at - a.long), id: m.id, category: m.category };
  }
  return names;
}

/** Most characters between the brackets of a definition the lexicon vouches for (`(Tregs)`). */
const MAX_LEXICON_SHORT = 12;

/**
 * Definitions the letter rule of definedAbbreviations.ts cannot see but the lexicon vouches for: a mention
 * of an entry right before a bracket that holds one of the same entry's abbreviations, or its plural
 * (`regulatory T cells (Tregs)`, whose letters are not in the long form's order). Linear: each mention
 * reads at most a bracket's length after itself.
 */
function lexiconDefinitions(text: string, mentions: readonly Mention[], facts: LexiconFacts, found: readonly AbbreviationDefinition[]): AbbreviationDefinition[] {
  const out: AbbreviationDefinition[] = [];
  const taken = new Set(found.map((d) => d.shortStart));
  const inside = new Map(mentions.map((m) => [m.start, m]));
  for (const m of mentions) {
    let i = m.end;
    if (text.charCodeAt(i) === 0x20) i++;
    const open = text.charCodeAt(i);
    if (open !== 0x28 && open !== 0xff08) continue;
    const a = i + 1;
    let b = a;
    while (b < text.length && b - a <= MAX_LEXICON_SHORT && text.charCodeAt(b) !== 0x29 && text.charCodeAt(b) !== 0xff09 && text.charCodeAt(b) !== 0x0a) b++;
    const close = text.charCodeAt(b);
    if ((close !== 0x29 && close !== 0xff09) || b === a || taken.has(a)) continue;
    const short = text.slice(a, b);
    const singularForm = short.endsWith('s') && facts.abbreviations.get(short.slice(0, -1)) === m.id ? short.slice(0, -1) : undefined;
    // Or the bracket holds another name of the same entry, a mention itself: `chimeric antigen receptor T cell (CAR T cell)`.
    if (singularForm === undefined && facts.abbreviations.get(short) !== m.id && !(inside.get(a)?.end === b && inside.get(a)?.id === m.id)) continue;
    const long = text.slice(m.start, m.end);
    // A name that is itself the abbreviation (`PD-L1 (CD274)`) defines nothing.
    if (!/[a-z\u4e00-\u9fff]{3}/.test(long)) continue;
    out.push({ short, base: singularForm ?? singular(short), long, shortStart: a, shortEnd: b, longStart: m.start, longEnd: m.end, chinese: /\p{Script=Han}/u.test(long) });
  }
  return out;
}

/** The short forms in force: the first definition of each (by short form without plural) wins; `definitions` are in document order. */
export function termsInForce(definitions: readonly ResolvedDefinition[]): Map<string, DocumentTerm> {
  const terms = new Map<string, DocumentTerm>();
  for (const d of definitions) if (!terms.has(d.base)) terms.set(d.base, d.term);
  return terms;
}

/** A key of what the terms in force do to mentions (short form, id, category): equal keys, equal mentions. */
export function termsKey(terms: Map<string, DocumentTerm>): string {
  return [...terms.values()].map((t) => `${t.short}\u0000${t.id}\u0000${t.category}\u0000${t.unmarked === true ? 1 : 0}`).sort().join('\u0001');
}

/** Index of the first mention ending after `offset` (mentions are sorted and non-overlapping). */
export function firstEndingAfter(mentions: readonly Mention[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The mention ending exactly at `end`, if any (`mentions` sorted and non-overlapping). */
export function mentionEndingAt(mentions: readonly Mention[], end: number): Mention | undefined {
  const i = firstEndingAfter(mentions, end - 1);
  return i < mentions.length && mentions[i].end === end ? mentions[i] : undefined;
}

/** What a definition's short form names (see the module comment for the rules, in order). */
function resolve(d: AbbreviationDefinition, text: string, mentions: readonly Mention[], facts: LexiconFacts): DocumentTerm {
  const definedAt = Math.min(d.longStart, d.shortStart);
  const known = facts.abbreviations.get(d.short) ?? facts.abbreviations.get(d.base);
  const last = mentionEndingAt(mentions, d.longEnd);
  // The short form is the lexicon's own abbreviation of the entry its long form names, or ends like.
  if (known !== undefined) {
    for (let i = firstEndingAfter(mentions, d.longStart); i < mentions.length; i++) {
      const m = mentions[i];
      if (m.start >= d.longEnd) break;
      if (m.end > d.longStart && m.id === known) {
        return { id: known, short: d.base, long: d.chinese ? text.slice(m.start, m.end) : d.long, category: m.category, local: false, definedAt };
      }
    }
    const long = letters(d.long);
    const need = Math.min(SUFFIX_AGREEMENT, long.length);
    // A Chinese long form is not checked letter by letter and its start is a guess: it never overrides the
    // lexicon's meaning of a short form the lexicon knows (一项 III 期研究（PACIFIC）).
    // A long form may also leave out the entry's head: natural killer (NK) for NK cells.
    const headless = (form: string) => long.length >= 4 && form.startsWith(long) && /^(?:cells?|lymphocytes?)$/.test(form.slice(long.length));
    if (d.chinese || (need > 0 && facts.letters(known).some((form) => commonSuffix(form, long) >= need || headless(form)))) {
      return { id: known, short: d.base, long: d.long, category: facts.category(known), local: false, definedAt };
    }
  }
  // The long form is a lexicon term.
  if (last && last.start <= d.longStart) return { id: last.id, short: d.base, long: d.long, category: last.category, local: false, definedAt };
  // A term of this document: its head (the end of the long form) or its head word gives the category.
  let related = last?.id;
  if (!related) {
    for (let i = firstEndingAfter(mentions, d.longStart); i < mentions.length; i++) {
      const m = mentions[i];
      if (m.start >= d.longEnd) break;
      if (m.start >= d.longStart) related = m.id;
    }
  }
  // What says the term is the field's: a lexicon term ending its long form, else its head word's class,
  // else a short form of the field ending its own (EclipseRT (ERT) → RT, radiotherapy).
  // A generic word ending it says nothing (`American Joint Committee on Cancer`).
  const end = last !== undefined && !facts.generic.has(last.id) ? last : undefined;
  const head = end === undefined ? headCategory(d.long) : undefined;
  const ending = end === undefined && head === undefined ? knownShortEnding(d.base, d.long, facts) : undefined;
  let category = end?.category ?? head ?? (ending !== undefined ? facts.category(ending) : undefined);
  // A combination with a treatment modality is a modality (新辅助免疫+化疗, NICT); of drugs only, a regimen (EP).
  if (category === 'drug' && COMBINED.test(d.long) && insideLongForm(d, mentions).some((m) => m.category === 'concept' && !facts.generic.has(m.id))) category = 'concept';
  const unmarked = category === undefined || (end === undefined && describes(d.long, insideLongForm(d, mentions), facts));
  return { id: DOCUMENT_TERM_PREFIX + d.base, short: d.base, long: d.long, category: category ?? 'concept', local: true, related: related ?? ending, definedAt, ...(unmarked ? { unmarked } : {}) };
}

/** A long form that joins two treatments: `依托泊苷+顺铂`, `新辅助免疫+化疗`, `immunotherapy plus chemotherapy`. */
const COMBINED = /[+＋]|联合|\b(?:plus|with|and)\b/;

/** The matcher's mentions inside a definition's long form. */
function insideLongForm(d: AbbreviationDefinition, mentions: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  for (let i = firstEndingAfter(mentions, d.longStart); i < mentions.length && mentions[i].start < d.longEnd; i++) if (mentions[i].start >= d.longStart && mentions[i].end <= d.longEnd) out.push(mentions[i]);
  return out;
}

/**
 * Whether a long form only describes: its one field word is a generic one joined as a modifier
 * (`tumor-derived factors`, `cancer-related genes`, `American Joint Committee on Cancer`), so it names no
 * thing of the field.
 */
function describes(long: string, inside: readonly Mention[], facts: LexiconFacts): boolean {
  return inside.length > 0 && inside.every((m) => facts.generic.has(m.id)) && /\b(?:derived|associated|related|induced|secreted|on|of|for)\b/i.test(long);
}

/**
 * The lexicon entry whose short form of capitals (at least two) ends the given short form and follows a
 * capital or a lower-case prefix, where the long form ends the same way, in that short form or in a name of
 * the entry: EclipseRT (ERT) → RT (radiotherapy). Undefined if none does: polymerase chain reaction (PCR)
 * ends in neither CR nor complete response, so it is not an outcome.
 */
function knownShortEnding(short: string, long: string, facts: LexiconFacts): string | undefined {
  const l = letters(long);
  for (let i = 1; i + 2 <= short.length; i++) {
    const tail = short.slice(i);
    const id = facts.abbreviations.get(tail);
    if (id === undefined || !/^[A-Z]{2,}$/.test(tail) || facts.generic.has(id)) continue;
    if (l.endsWith(tail.toLowerCase()) || facts.letters(id).some((form) => commonSuffix(form, l) >= Math.min(SUFFIX_AGREEMENT, form.length))) return id;
  }
  return undefined;
}

/**
 * Stems of the WHO's International Nonproprietary Names that only drugs end with, and the Chinese approved
 * names' renderings of them: a one-word long form ending so is a drug (`rezivertinib (BPI-7711)`,
 * `瑞齐替尼（BPI-7711）`). -tinib/替尼 tyrosine kinase inhibitors, -rafenib/非尼 Raf kinase inhibitors,
 * -parib/帕利 PARP inhibitors, -ciclib/西利 CDK inhibitors, -zomib/佐米 proteasome inhibitors, -mab/单抗 antibodies.
 */
const EN_DRUG_STEMS = /^[a-z]{3,}(?:tinib|rafenib|parib|ciclib|zomib|mab)$/;
const ZH_DRUG_STEMS = ['替尼', '非尼', '帕利', '西利', '佐米'];

/** Head words (the last word of an English long form, singular) and Chinese endings that tell a category. */
const HEADS: [Category, string[], string[]][] = [
  ['drug', ['inhibitor', 'blocker', 'antibody', 'antibodie', 'agonist', 'antagonist', 'vaccine', 'drug', 'agent', 'conjugate'], ['抑制剂', '抗体', '单抗', '疫苗', '激动剂', '拮抗剂', '药物', ...ZH_DRUG_STEMS]],
  ['immune-cell', ['cell', 'lymphocyte', 'macrophage', 'neutrophil', 'monocyte', 'granulocyte'], ['细胞']],
  ['molecule', ['receptor', 'ligand', 'factor', 'protein', 'kinase', 'cytokine', 'chemokine', 'antigen', 'gene', 'enzyme', 'molecule', 'interleukin', 'interferon'], ['受体', '配体', '因子', '蛋白', '激酶', '抗原', '基因', '分子']],
  ['outcome', ['response', 'survival', 'rate', 'ratio', 'time', 'remission', 'control', 'event'], ['率', '生存期', '缓解', '应答']],
  ['tumor', ['cancer', 'carcinoma', 'tumor', 'tumour', 'melanoma', 'lymphoma', 'sarcoma', 'glioma', 'neoplasm', 'leukemia', 'leukaemia'], ['癌', '瘤', '白血病']],
  ['trial', ['trial'], ['试验']],
];

/** The category a long form's head word tells, if any. */
function headCategory(long: string): Category | undefined {
  // A trailing number or Greek letter is part of the name, not its head: `Toll-like receptor 4`, `…相关蛋白 4`.
  // The head of `A of B`, `A on B` is A: `American Joint Committee on Cancer` is a committee, not a cancer.
  const prepositional = /^(.+?)\s+(?:of|on|for|in|against|from|to)\s/i.exec(long);
  if (prepositional && !/\p{Script=Han}/u.test(long)) long = prepositional[1];
  const name = long.replace(/[\s\d\u03b1-\u03c9-]+$/, '') || long;
  const words = name.toLowerCase().split(/[\s-]+/);
  let head = words[words.length - 1] ?? '';
  if (head.endsWith('s')) head = head.slice(0, -1);
  // Adverse effects and side effects are end points, whatever their head word says elsewhere.
  if (/\b(?:adverse|side)[\s-]+(?:effects?|events?|reactions?)$/i.test(name)) return 'outcome';
  // A dose rate is how radiotherapy is given (ultra-high dose rate, as FLASH radiotherapy is), not an end point.
  if (/\bdose[\s-]+rates?$/i.test(name)) return 'concept';
  for (const [category, en, zh] of HEADS) if (en.includes(head) || zh.some((z) => name.endsWith(z))) return category;
  if (words.length === 1 && EN_DRUG_STEMS.test(head)) return 'drug';
  return undefined;
}
