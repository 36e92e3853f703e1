/**
 * Mining a lexicon from a text the author reads (a review, in Markdown, LaTeX or text extracted from a PDF;
 * English, Chinese or both): the terms it uses, each with the sentences that mention it as evidence.
 *
 * Candidates come from three sources, one pass each:
 * - the abbreviations the text defines, by the same detector as a manuscript's own abbreviations
 *   ({@link findAbbreviationDefinitions}): both directions, both languages;
 * - terms named by the heads that name entities in this field: `… cells`/`…细胞`, `… receptor`/`…受体`,
 *   `… factor`/`…因子`, `… inhibitor(s)`/`…抑制剂`, `…mab`/`…单抗`, and gene-like symbols (`CD8`, `IL-12`,
 *   `CXCL10`, `TLR4`, `IFN-γ`);
 * - the built-in lexicon's own mentions (generic words left out).
 * A candidate whose span the built-in lexicon matches exactly is known: it `extends` that entry and takes
 * its category; otherwise the category is guessed from its head. Evidence is every sentence mentioning one
 * of the candidate's forms, found by matching all candidates at once (the {@link Matcher}), with the
 * sentence's section and citations ({@link documentSentences}); a sentence longer than 400 characters (text
 * whose sentences do not split) gives a window around the term instead, so that the output stays linear.
 * Plain text is first joined back into running text ({@link joinExtractedLines}). The work is linear in the
 * text: regular expressions run per sentence with bounded look-back, and every lookup is by hash.
 */
import type { AbbreviationDefinition } from '../matching/definedAbbreviations';
import { findAbbreviationDefinitions, singular } from '../matching/definedAbbreviations';
import { mentionEndingAt } from '../matching/documentTerms';
import { entryForms } from '../lexicon/build';
import type { JoinedText } from '../text/extractedText';
import { joinExtractedLines } from '../text/extractedText';
import type { Category, Entry, SourceEntry, SourceEvidence } from '../lexicon/lexicon';
import { lineIndexAt, lineStarts } from '../text/lines';
import type { Mention } from '../matching/matcher';
import { Matcher } from '../matching/matcher';
import { foldForm } from '../text/normalize';
import type { DocLanguage } from '../text/regions';
import type { Sentence } from '../text/sentences';
import { citationsIn, documentSentences } from '../text/sentences';
import { pinyin } from 'pinyin-pro';
import { atSentenceStart } from '../writing/abbreviationList';

/** One text to mine. */
export interface MineInput {
  /** The name shown in evidence ("from <file>"). */
  file: string;
  text: string;
  language: DocLanguage;
}

/** A defined abbreviation, where the text defines it. */
export interface MinedAbbreviation {
  short: string;
  long: string;
  file: string;
  /** 1-based line in the file as given (before lines were joined). */
  line: number;
}

/** A mined entry: a lexicon source entry marked as a candidate, with its evidence. */
export interface MinedEntry extends SourceEntry {
  status: 'candidate';
  evidence: SourceEvidence[];
}

export interface MineResult {
  entries: MinedEntry[];
  abbreviations: MinedAbbreviation[];
}

const HAN = /\p{Script=Han}/u;

/** English heads and the category they name. */
const EN_HEADS: Record<string, Category> = {
  cell: 'immune-cell',
  cells: 'immune-cell',
  lymphocyte: 'immune-cell',
  lymphocytes: 'immune-cell',
  receptor: 'molecule',
  receptors: 'molecule',
  factor: 'molecule',
  factors: 'molecule',
  ligand: 'molecule',
  ligands: 'molecule',
  inhibitor: 'drug',
  inhibitors: 'drug',
};
/** Chinese heads and their categories. */
const ZH_HEADS: [string, Category][] = [
  ['细胞', 'immune-cell'],
  ['受体', 'molecule'],
  ['因子', 'molecule'],
  ['配体', 'molecule'],
  ['抑制剂', 'drug'],
  ['单抗', 'drug'],
];
/** Gene-like symbols: cluster of differentiation, interleukins, chemokines and their receptors, TLRs, IFN/TNF/TGF. */
const GENE_LIKE = /^(?:CD\d{1,3}[a-z]?|IL-?\d{1,2}[A-Z]?|CXCL\d{1,2}|CCL\d{1,2}|CXCR\d|CCR\d{1,2}|TLR\d{1,2}|IFN-?[αβγλ]|TNF-?α|TGF-?β\d?)$/;
const MAB = /^[a-z]{3,}mab$/i;
/** Words that never start or sit inside a term before its head. */
const EN_STOP = new Set(
  (
    'a an the of and or in on at to for with by from as is are was were be been being that which these those this such other its their our ' +
    'both all some many most more several various into via than then also not no only each between within among without against during after ' +
    'before while when where how whose can may might could would will should must has have had do does did it they we he she there here ' +
    'increased decreased reduced higher lower high low number numbers levels level including include includes like well even further ' +
    'activated activating induced inducing promoting promotes promote inhibits inhibit inhibiting enhance enhances enhanced through'
  ).split(' '),
);
/** Chinese words a term before its head does not reach back over (function words and common verbs). */
const ZH_STOP = /[的在是和与及或对将把被了以即经从由为中等使可也该其各种这那并而且如当用比些能]|释放|通过|促进|抑制(?!剂)|激活|增加|减少|诱导|导致|包括|引起|增强|产生|募集|表达|接受|给予|允许|有助于|予以|名/g;

interface Candidate {
  key: string;
  /** The built-in entry it matches, if any. */
  known?: Entry;
  category?: Category;
  /** Short forms (case-sensitive). */
  shorts: Set<string>;
  /** English and Chinese names as written. */
  en: Map<string, number>;
  zh: Map<string, number>;
  evidence: SourceEvidence[];
  /** The sentences already given as evidence (file index × 2^32 + sentence index): one item per sentence. */
  sentences: Set<number>;
}

/** What one file contributes while mining. */
interface FileWork {
  input: MineInput;
  joined: JoinedText;
  sentences: Sentence[];
  mentions: Mention[];
  lines: number[];
}

/** The identity of a name: folded, and with the plural of a known English head made singular. */
function nameKey(name: string): string {
  const f = foldForm(name, false);
  return f.replace(/(cell|receptor|inhibitor|factor|ligand|lymphocyte)s$/, '$1');
}

/**
 * Mines candidate lexicon entries from texts (see the module comment).
 * @param builtin a matcher over the built-in lexicon: what is already known
 */
export function mine(inputs: readonly MineInput[], builtin: Matcher): MineResult {
  const byKey = new Map<string, Candidate>();
  /** Name keys to candidates, so that an abbreviation's long form and a head term meet. */
  const byName = new Map<string, Candidate>();
  const abbreviations: MinedAbbreviation[] = [];
  const seenAbbr = new Set<string>();
  const files: FileWork[] = [];
  const generic = new Set(builtin.entries.filter((e) => e.generic === true).map((e) => e.id));
  const byId = new Map(builtin.entries.map((e) => [e.id, e]));

  const candidate = (key: string, known: Entry | undefined): Candidate => {
    let c = byKey.get(key);
    if (!c) {
      c = { key, known, category: known?.category, shorts: new Set(), en: new Map(), zh: new Map(), evidence: [], sentences: new Set() };
      byKey.set(key, c);
    }
    return c;
  };
  const addName = (c: Candidate, name: string) => {
    const seen = c.en.get(name) ?? c.zh.get(name);
    if (seen !== undefined) {
      (c.en.has(name) ? c.en : c.zh).set(name, seen + 1);
      return;
    }
    const m = HAN.test(name) ? c.zh : c.en;
    m.set(name, 1);
    const k = nameKey(name);
    if (!byName.has(k)) byName.set(k, c);
  };

  for (const input of inputs) {
    const joined: JoinedText = input.language === 'plain' ? joinExtractedLines(input.text) : { text: input.text, origin: (o) => o };
    const text = joined.text;
    const { mentions, regions } = builtin.annotateWithRegions(text, input.language);
    const sentences = documentSentences(text, input.language);
    const lines = lineStarts(input.text);
    files.push({ input, joined, sentences, mentions, lines });
    // Exact spans of built-in mentions: a candidate with the same span is known.
    const exact = new Map<number, Mention>();
    for (const m of mentions) exact.set(m.start * 4096 + Math.min(m.end - m.start, 4095), m);
    const knownAt = (a: number, b: number): Entry | undefined => {
      const m = exact.get(a * 4096 + Math.min(b - a, 4095));
      return m && m.end === b ? byId.get(m.id) : undefined;
    };
    // 1. The built-in lexicon's own mentions.
    for (const m of mentions) {
      if (generic.has(m.id)) continue;
      const e = byId.get(m.id)!;
      const c = candidate(`known:${m.id}`, e);
      const form = text.slice(m.start, m.end);
      if (e.abbreviations.includes(form) || (/^[A-Z0-9][A-Z0-9+\-/]*s?$/.test(form) && form.length <= 10)) c.shorts.add(form);
      else addName(c, form);
    }
    // 2. Defined abbreviations.
    for (const found of findAbbreviationDefinitions(text, regions.skips)) {
      // A Chinese long form's start is a guess (the run of Han text before the bracket); where the lexicon's name
      // of the very entry the short form abbreviates ends at the bracket, that name is the long form, shorter or
      // longer than the guess: 随着表皮生长因子受体（EGFR） → 表皮生长因子受体, 细胞因子释放综合征（CRS） whole
      // where the guess stopped at the verb 释放 (but 局部晚期非小细胞肺癌（LA-NSCLC） stays whole).
      const tail = found.chinese ? mentionEndingAt(mentions, found.longEnd) : undefined;
      const same = tail !== undefined && tail.start !== found.longStart && knownAt(found.shortStart, found.shortEnd)?.id === tail.id;
      const d = same ? { ...found, long: text.slice(tail.start, tail.end), longStart: tail.start } : found;
      const at = `${input.file}\u0000${d.short}\u0000${d.long}`;
      if (!seenAbbr.has(at)) {
        seenAbbr.add(at);
        abbreviations.push({ short: d.short, long: d.long, file: input.file, line: lineIndexAt(lines, joined.origin(d.shortStart)) + 1 });
      }
      addDefinition({ ...d, long: sentenceCaseOff(text, d.longStart, d.long) }, knownAt(d.shortStart, d.shortEnd) ?? knownAt(d.longStart, d.longEnd));
    }
    // 3. Head terms and gene-like symbols, sentence by sentence.
    for (const s of sentences) {
      for (const t of headTerms(text, s.start, s.end)) {
        const known = knownAt(t.start, t.end);
        if (known?.generic === true) continue;
        if (known) {
          addName(candidate(`known:${known.id}`, known), t.text);
          continue;
        }
        if (insideMention(mentions, t.start, t.end)) continue;
        // A Chinese term that ends with a known term is mostly that term with a verb or modifier before it.
        const tail = t.chinese ? endingMention(mentions, t.start, t.end) : undefined;
        if (tail) {
          const e = byId.get(tail.id)!;
          if (e.generic !== true) addName(candidate(`known:${e.id}`, e), text.slice(tail.start, tail.end));
          continue;
        }
        const existing = byName.get(nameKey(t.text));
        const c = existing ?? candidate(`term:${nameKey(t.text)}`, undefined);
        c.category ??= t.category;
        if (t.symbol) c.shorts.add(t.text);
        else addName(c, sentenceCaseOff(text, t.start, t.text));
      }
    }
  }

  function addDefinition(d: AbbreviationDefinition, known: Entry | undefined): void {
    const existing = known ? undefined : (byKey.get(`abbr:${d.base}`) ?? byName.get(nameKey(d.long)));
    const c = existing ?? (known ? candidate(`known:${known.id}`, known) : candidate(`abbr:${d.base}`, undefined));
    if (!byKey.has(`abbr:${d.base}`)) byKey.set(`abbr:${d.base}`, c);
    c.shorts.add(d.base);
    addName(c, d.long);
    c.category ??= categoryOfName(d.long);
  }

  // Evidence: every sentence mentioning a form of a candidate. Known terms are found by the built-in
  // mentions already made; a second matcher looks only for the forms the built-in lexicon lacks (new terms,
  // and the names a text gives a known term), so it stays small.
  const candidates = [...new Set(byKey.values())];
  const entries: Entry[] = [];
  const owner: Candidate[] = [];
  for (const c of candidates) {
    const e = toEntryForMatching(c, entries.length, c.known);
    if (e.forms.length === 0) continue;
    entries.push(e);
    owner.push(c);
  }
  const matcher = entries.length > 0 ? new Matcher(entries) : undefined;
  files.forEach((f, fi) => {
    // Each short sentence's text is made once, however many terms it gives evidence for.
    const texts = new Map<number, string>();
    const addEvidence = (c: Candidate, si: number, m: Mention) => {
      const key = fi * 0x100000000 + si;
      if (c.sentences.has(key) || c.evidence.length >= MAX_EVIDENCE_PER_TERM) return;
      c.sentences.add(key);
      const s = f.sentences[si];
      const w = evidenceWindow(f.joined.text, s, m);
      let sentence = w.whole ? texts.get(si) : undefined;
      if (sentence === undefined) {
        sentence = `${w.start > s.start ? '… ' : ''}${f.joined.text.slice(w.start, w.end).replace(/\s+/g, ' ')}${w.end < s.end ? ' …' : ''}`;
        if (w.whole) texts.set(si, sentence);
      }
      // A window cites what it shows.
      const { refs, keys } = w.whole ? s : citationsIn(f.joined.text.slice(w.start, w.end));
      c.evidence.push({
        sentence,
        ...(s.section !== '' ? { section: s.section, sectionTitle: s.sectionTitle } : {}),
        refs,
        ...(keys.length > 0 ? { keys } : {}),
        source: f.input.file,
        line: lineIndexAt(f.lines, f.joined.origin(w.start)) + 1,
      });
    };
    const walk = (ms: readonly Mention[], candidateOf: (m: Mention) => Candidate | undefined) => {
      let si = 0;
      for (const m of ms) {
        while (si < f.sentences.length && f.sentences[si].end <= m.start) si++;
        if (si >= f.sentences.length) break;
        if (f.sentences[si].start > m.start) continue;
        const c = candidateOf(m);
        if (c) addEvidence(c, si, m);
      }
    };
    walk(f.mentions, (m) => byKey.get(`known:${m.id}`));
    if (matcher) walk(matcher.annotate(f.joined.text, f.input.language), (m) => owner[Number(m.id)]);
  });
  // The two walks add evidence in two runs: put each term's back in text order.
  for (const c of candidates) if (c.known && c.evidence.length > 1) c.evidence.sort((a, b) => (a.source === b.source ? a.line! - b.line! : 0));
  // A form belongs to one entry: not to a mined entry when the built-in lexicon gives it to another entry
  // (it would clash when the file is loaded), nor to two mined entries.
  const formOwner = new Map<string, string>();
  for (const e of builtin.entries) for (const f of e.forms) if (!formOwner.has(foldForm(f.text, false))) formOwner.set(foldForm(f.text, false), e.id);
  const claimed = new Set<string>();
  const free = (c: Candidate, form: string): boolean => {
    const k = foldForm(form, false);
    const owner = formOwner.get(k);
    if ((owner !== undefined && owner !== c.known?.id) || claimed.has(k)) return false;
    claimed.add(k);
    return true;
  };
  for (const c of candidates) {
    for (const s of [...c.shorts]) if (!free(c, s)) c.shorts.delete(s);
    for (const names of [c.en, c.zh]) for (const n of [...names.keys()]) if (!free(c, n)) names.delete(n);
  }
  const ids = new Set<string>();
  const out = candidates
    .filter((c) => c.known !== undefined || c.shorts.size + c.en.size + c.zh.size > 0)
    .filter((c) => c.evidence.length > 0 || c.shorts.size > 0)
    .map((c) => toMinedEntry(c, ids, inputs.length === 1 ? inputs[0].file : `${inputs.length} files`));
  return { entries: out.sort((a, b) => a.id.localeCompare(b.id)), abbreviations };
}

/**
 * How many sentences one term keeps as evidence: enough for its card and for a reviewer, while a long
 * document that names a term on every page (5 MB gave 81 MB of JSON) stays a lexicon, not a copy of the text.
 */
const MAX_EVIDENCE_PER_TERM = 50;

/** Evidence longer than this many characters is cut to a window around the term. */
const MAX_EVIDENCE = 400;
/** How much of a long sentence a window shows on each side of the term. */
const EVIDENCE_CONTEXT = 160;

/**
 * The part of a sentence given as evidence for the mention `m` in it: the whole sentence when it is short,
 * else a window of {@link EVIDENCE_CONTEXT} characters either side of the mention, cut at spaces and at
 * most {@link MAX_EVIDENCE} long. A text whose sentences do not split (a PDF's extracted text, a table)
 * would otherwise give every term the whole text as evidence: output quadratic in the input.
 */
function evidenceWindow(text: string, s: Sentence, m: Mention): { start: number; end: number; whole: boolean } {
  if (s.end - s.start <= MAX_EVIDENCE) return { start: s.start, end: s.end, whole: true };
  let start = Math.max(s.start, m.start - EVIDENCE_CONTEXT);
  let end = Math.min(s.end, Math.max(m.end, m.start + 1) + EVIDENCE_CONTEXT, start + MAX_EVIDENCE);
  // Whole words: after the first space of the window's start, before the last space of its end (within 40).
  if (start > s.start) {
    for (let i = start; i < Math.min(m.start, start + 40); i++) {
      if (/\s/.test(text[i])) {
        start = i + 1;
        break;
      }
    }
  }
  if (end < s.end) {
    for (let i = end - 1; i > Math.max(m.end, end - 40); i--) {
      if (/\s/.test(text[i])) {
        end = i;
        break;
      }
    }
  }
  return { start, end, whole: false };
}

/**
 * A name without the capital of the sentence it starts: a plain capitalised first word goes to lower case
 * (`Proton minibeam radiotherapy`, `Frobnicated NK-like cells`); `Toll-Like Receptor 4`, `PD-L1` and `FLASH` stay.
 */
function sentenceCaseOff(text: string, at: number, name: string): string {
  return /^[A-Z][a-z]+(?=$|\s|-[a-z])/.test(name) && atSentenceStart(text, at) ? name[0].toLowerCase() + name.slice(1) : name;
}

/** Whether [a, b) lies inside (and is shorter than) a built-in mention: the longer known term is the term. */
function insideMention(mentions: readonly Mention[], a: number, b: number): boolean {
  // Mentions are sorted and do not overlap: the one that could hold [a, b) is the last starting at or before a.
  let lo = 0;
  let hi = mentions.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (mentions[mid].start <= a) lo = mid;
    else hi = mid - 1;
  }
  const m = mentions[lo];
  return m !== undefined && m.start <= a && m.end >= b;
}

/** A built-in mention inside [a, b) that ends at b, if any. */
function endingMention(mentions: readonly Mention[], a: number, b: number): Mention | undefined {
  const m = mentionEndingAt(mentions, b);
  return m !== undefined && m.start >= a ? m : undefined;
}

/** The category a long form's last word suggests. */
function categoryOfName(name: string): Category | undefined {
  const words = name.toLowerCase().split(/[\s-]+/);
  const last = words[words.length - 1];
  if (EN_HEADS[last]) return EN_HEADS[last];
  for (const [h, cat] of ZH_HEADS) if (name.endsWith(h)) return cat;
  if (/(?:cancer|carcinoma|tumou?rs?|melanoma|lymphoma|sarcoma|glioma|leukemia|癌|瘤)$/.test(name.toLowerCase())) return 'tumor';
  if (/(?:survival|response rate|control rate|events?|生存期|缓解率|控制率)$/.test(name.toLowerCase())) return 'outcome';
  if (/(?:mab|单抗|vaccine|疫苗)$/.test(name.toLowerCase())) return 'drug';
  if (/(?:trial|试验)$/.test(name.toLowerCase())) return 'trial';
  if (/(?:protein|antigen|kinase|interferon|interleukin|chemokine|cytokine|蛋白|抗原|激酶|干扰素|白细胞介素)$/.test(name.toLowerCase())) return 'molecule';
  return undefined;
}

interface HeadTerm {
  start: number;
  end: number;
  text: string;
  category: Category;
  /** A gene-like symbol (matched case-sensitively). */
  symbol: boolean;
  chinese?: boolean;
}

/**
 * Words that make `… cells` or `… lymphocytes` a kind of immune cell (a lineage, subset, marker or state):
 * `regulatory T cells`, `CD8+ cells`, `tumour-infiltrating lymphocytes`. Without one, the words before the
 * head say where or how the cells are (`Valley-dose lymphocytes`, `irradiated cells`): no new cell type.
 */
const EN_LINEAGE = /^(?:[tb]|nk|nkt|ilc\d?|cd\d+[a-z]?\+?|th\d+|tfh|treg|dendritic|killer|myeloid|lymphoid|regulatory|helper|memory|effector|naive|naïve|cytotoxic|plasma|plasmacytoid|mast|suppressor|infiltrating|tumou?r-infiltrating|innate|follicular|exhausted|antigen-presenting|γδ|gamma-delta|mucosal-associated|invariant|germinal|granulocytic|monocytic|polymorphonuclear)$/i;
/** Chinese words that make `…细胞` a kind of immune cell (T 细胞, 树突状细胞, 髓系抑制细胞, 自然杀伤细胞…). */
const ZH_LINEAGE = /[TBＴＢ]|NK|CD\d|淋巴|树突|杀伤|巨噬|髓|调节性|辅助|记忆|效应|浆细|中性粒|单核|粒细|抗原提呈|抗原呈递|肥大|固有|天然|免疫抑制|抑制性|细胞毒/;

const TOKEN = /[A-Za-z0-9\u0391-\u03c9][A-Za-z0-9\u0391-\u03c9+\-/]*/g;
const ZH_TERM = /(?:[A-Za-z][A-Za-z0-9+\-/]*\s?)?[\u4e00-\u9fff]{0,8}?(?:细胞|受体|因子|配体|抑制剂|单抗)(?![癌瘤])/g;

/** The head terms of one sentence text[a, b), in order. */
function headTerms(text: string, a: number, b: number): HeadTerm[] {
  const s = text.slice(a, b);
  const out: HeadTerm[] = [];
  const tokens: { start: number; end: number; word: string }[] = [];
  for (const m of s.matchAll(TOKEN)) {
    let word = m[0];
    while (word.length > 1 && /[-/]$/.test(word)) word = word.slice(0, -1);
    tokens.push({ start: m.index, end: m.index + word.length, word });
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const symbol = t.word.replace(/\+$/, '');
    if (GENE_LIKE.test(symbol)) out.push({ start: a + t.start, end: a + t.start + symbol.length, text: symbol, category: 'molecule', symbol: true });
    else if (MAB.test(t.word)) out.push({ start: a + t.start, end: a + t.end, text: t.word, category: 'drug', symbol: false });
    const cat = EN_HEADS[t.word.toLowerCase()];
    if (!cat || !/^[a-z]/.test(t.word)) continue;
    // Up to three words before the head, joined by single spaces only, none of them a stop word.
    let first = i;
    while (first > 0 && i - first < 3) {
      const p = tokens[first - 1];
      const gap = s.slice(p.end, tokens[first].start);
      if (gap !== ' ' && gap !== '') break;
      if (EN_STOP.has(p.word.toLowerCase()) || /^\d+$/.test(p.word)) break;
      first--;
    }
    if (first === i) continue;
    if (cat === 'immune-cell' && !tokens.slice(first, i).some((w) => w.word.split(/-(?=[a-z])/i).some((p) => EN_LINEAGE.test(p)) || EN_LINEAGE.test(w.word))) continue;
    out.push({ start: a + tokens[first].start, end: a + t.end, text: s.slice(tokens[first].start, t.end), category: cat, symbol: false });
  }
  for (const m of s.matchAll(ZH_TERM)) {
    let start = m.index;
    const term = m[0];
    // Cut back to the last function word or verb before the head.
    const headLen = ZH_HEADS.find(([h]) => term.endsWith(h))![0].length;
    const body = term.slice(0, term.length - headLen);
    let cut = 0;
    for (const x of body.matchAll(ZH_STOP)) cut = x.index + x[0].length;
    start += cut;
    const text = s.slice(start, m.index + term.length).trim();
    if (text.length - headLen < 1 || (term.endsWith('单抗') && text.length <= 2)) continue;
    let category = ZH_HEADS.find(([h]) => term.endsWith(h))![1];
    if (category === 'immune-cell' && !ZH_LINEAGE.test(text.slice(0, text.length - headLen))) {
      // Tumour cells are a concept of the field; other cells named by a state or an action (正常细胞,
      // 受辐射细胞) are no new cell type.
      if (!/肿瘤|癌/.test(text)) continue;
      category = 'concept';
    }
    out.push({ start: a + start, end: a + m.index + term.length, text, category, symbol: false, chinese: true });
  }
  return out.sort((x, y) => x.start - y.start);
}

/**
 * A throw-away lexicon entry for matching a candidate's forms; its id is its index. For a known term, only
 * the forms its built-in entry lacks.
 */
function toEntryForMatching(c: Candidate, index: number, known: Entry | undefined): Entry {
  const builtinForms = new Set(known?.forms.map((f) => `${f.caseSensitive}${foldForm(f.text, f.caseSensitive)}`));
  const forms: { text: string; caseSensitive: boolean }[] = [];
  const seen = new Set<string>();
  const source: SourceEntry = {
    id: 'x',
    category: 'concept',
    label: { en: [...c.en.keys()][0] ?? [...c.shorts][0] ?? 'x', zh: [...c.zh.keys()][0] ?? '' },
    abbreviations: [...c.shorts],
    synonyms: [...c.en.keys()],
    zh: [...c.zh.keys()],
    definition: { en: 'x', zh: 'x' },
  };
  for (const f of entryForms(source, simpleInflector)) {
    const k = `${f.caseSensitive}${f.text}`;
    if (builtinForms.has(`${f.caseSensitive}${foldForm(f.text, f.caseSensitive)}`)) continue;
    if (!seen.has(k)) {
      seen.add(k);
      forms.push(f);
    }
  }
  return {
    id: String(index),
    category: 'concept',
    label: source.label,
    abbreviations: [],
    synonyms: [],
    zh: [],
    brands: [],
    definition: source.definition,
    relations: [],
    ids: {},
    forms,
    evidence: [],
  };
}

/** The other number of an English name, for matching only: `cells` ↔ `cell`. */
function simpleInflector(phrase: string): string[] {
  if (/(?:ss|us|is|ys)$/.test(phrase)) return [];
  return phrase.endsWith('s') ? [phrase.slice(0, -1)] : [`${phrase}s`];
}

/** The name written most often (the first on a tie). */
function mostFrequent(names: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = 0;
  for (const [name, count] of names) {
    if (count > n) {
      best = name;
      n = count;
    }
  }
  return best;
}

/**
 * A lexicon id from a name: lower-case ASCII words joined by hyphens; Chinese characters as their pinyin
 * (`受照肿瘤细胞` → `shou-zhao-zhong-liu-xi-bao`), so a mined Chinese term gets an id that says what it is.
 */
function slug(name: string): string {
  const latin = HAN.test(name) ? pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join(' ') : name;
  return latin
    .normalize('NFKD')
    .toLowerCase()
    .replace(/α/g, 'alpha')
    .replace(/β/g, 'beta')
    .replace(/γ/g, 'gamma')
    .replace(/\+/g, 'pos')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The source entry written for a candidate. */
function toMinedEntry(c: Candidate, ids: Set<string>, from: string): MinedEntry {
  const enNames = new Map([...c.en].filter(([n]) => !c.shorts.has(n)));
  const shorts = [...c.shorts].filter((s) => !(s.endsWith('s') && c.shorts.has(singular(s)) && singular(s) !== s));
  const en = mostFrequent(enNames) ?? shorts[0] ?? mostFrequent(c.zh) ?? c.key;
  const zh = mostFrequent(c.zh);
  let id = c.known?.id ?? (slug(en) || slug(shorts[0] ?? '') || 'term');
  if (!c.known) {
    const base = id;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  }
  ids.add(id);
  const label = c.known ? c.known.label : { en, zh: zh ?? `${en}（待译）` };
  const definition = c.known
    ? c.known.definition
    : { en: `Candidate term found in ${from}; not yet reviewed.`, zh: `从 ${from} 中挖掘的候选术语，尚未审核。` };
  const synonyms = [...enNames.keys()].filter((n) => n !== label.en);
  const zhNames = [...c.zh.keys()].filter((n) => n !== label.zh);
  return {
    id,
    category: c.known?.category ?? c.category ?? 'concept',
    label,
    ...(shorts.length > 0 ? { abbreviations: shorts } : {}),
    ...(synonyms.length > 0 ? { synonyms } : {}),
    ...(zhNames.length > 0 ? { zh: zhNames } : {}),
    definition,
    // The built-in entry already has the inflected forms; these are the text's own spellings.
    ...(c.known ? { inflect: false } : {}),
    status: 'candidate',
    ...(c.known ? { extends: c.known.id } : {}),
    evidence: c.evidence,
  };
}

/**
 * The workspace lexicon file (`*.oncolex.json`) for a mining result: the entries, one JSON member per line
 * group, with a note saying where they came from and that they await review. The CLI's `-o` and the editor
 * command write the same text.
 */
export function minedLexiconText(result: MineResult, files: readonly string[]): string {
  const note = `Mined by OncoLex from ${files.join(', ')}: candidate entries, to be reviewed (edit or delete entries, then remove "status"). Saved as *.oncolex.json, the entries are live.`;
  return `${JSON.stringify({ generatedBy: note, entries: result.entries }, null, 2)}\n`;
}
