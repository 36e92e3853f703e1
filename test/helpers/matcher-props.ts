/**
 * The matcher's property tests (run by test/unit/matcher-properties.test.ts, each in a worker thread with a
 * time limit: see isolate.ts). Fixed seeds: a failure reproduces. Each property returns a plain result
 * (failed, the shrunk counterexample, the error) that the test reports.
 *
 * Generators build Markdown, LaTeX and CJK documents from the lexicon's real forms (English and Chinese)
 * and every construct the region scanners know — opened, closed, unclosed, nested, cut at the end of the
 * document — with the whitespace and invisible characters manuscripts hold.
 */
import fc from 'fast-check';
import { annotateDocument } from '../../src/core/matching/documentAnnotation';
import { DocumentMentions, stringParagraphReader } from '../../src/core/matching/incremental';
import type { TextChange } from '../../src/core/matching/incremental';
import { buildLexicon } from '../../src/core/lexicon/build';
import type { Lexicon, SourceEntry } from '../../src/core/lexicon/lexicon';
import { compromiseInflector } from '../../src/node/inflect';
import { Matcher } from '../../src/core/matching/matcher';
import type { Mention } from '../../src/core/matching/matcher';
import { IGNORABLE, SPACE, foldForm, foldTables, isCjk } from '../../src/core/text/normalize';
import type { DocLanguage } from '../../src/core/text/regions';
import { MarkerRules } from '../../src/core/matching/spans';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { isolateReport } from './isolate';
import { MINI_SOURCES, miniLexicon } from './mini-lexicon';

export type LexiconName = 'builtin' | 'mini' | 'differential';

/**
 * The mini lexicon and two Chinese terms where a spaced variant shares a first character with another term
 * (抗 PD-1 抗体 is a variant of 抗PD-1抗体): a term hard-wrapped after that character (抗\n原递呈) must still
 * be found (issue 10 §4).
 */
function differentialLexicon(): Lexicon {
  const def = { en: 'Test definition.', zh: '测试定义。' };
  const extra: SourceEntry[] = [
    { id: 'antigen-presentation', category: 'concept', label: { en: 'antigen presentation', zh: '抗原递呈' }, definition: def },
    { id: 'anti-pd-1-antibody', category: 'drug', label: { en: 'anti-PD-1 antibody', zh: '抗PD-1抗体' }, definition: def },
  ];
  return buildLexicon({ sources: [{ file: 'differential.json', entries: [...MINI_SOURCES, ...extra] }], review: '', inflect: compromiseInflector });
}

const lexicons = new Map<LexiconName, { lexicon: Lexicon; matcher: Matcher }>();
function load(name: LexiconName): { lexicon: Lexicon; matcher: Matcher } {
  let l = lexicons.get(name);
  if (!l) {
    const lexicon = name === 'builtin' ? loadBuiltinLexicon() : name === 'mini' ? miniLexicon() : differentialLexicon();
    l = { lexicon, matcher: new Matcher(lexicon) };
    lexicons.set(name, l);
  }
  return l;
}

// ------------------------------------------------------------------------------------------ generators

/** Real forms of the lexicon, English and Chinese (a deterministic sample for the large lexicon). */
function lexiconForms(lexicon: Lexicon): { en: string[]; zh: string[] } {
  const en: string[] = [];
  const zh: string[] = [];
  for (const e of lexicon.entries) {
    for (const f of e.forms) {
      if (/\p{Script=Han}/u.test(f.text)) zh.push(f.text);
      else en.push(f.text);
    }
  }
  const thin = (xs: string[]) => (xs.length > 600 ? xs.filter((_x, i) => i % Math.ceil(xs.length / 600) === 0) : xs);
  return { en: thin(en), zh: thin(zh) };
}

/** Superscript and Greek markup the walk reads through or that sits right after a term. */
const MARKUP_COMMON = ['$^+$', '$^{+}$', '$^-$', '$^{-}$', '$\\gamma$', '$\\beta$', '$_1$', '$_{\\text{reg}}$', '$^{\\text{hi}}$', '\\(\\gamma\\)'];
const MARKUP: Record<DocLanguage, string[]> = {
  markdown: [...MARKUP_COMMON, '^+^', '^-^', '<sup>+</sup>', '<sup>-</sup>', '<sup></sup>', '<sub>1</sub>', '<sup>', '</sup>', 'γ'],
  latex: [...MARKUP_COMMON, '\\textsuperscript{+}', '\\textsuperscript{-}', '\\textgamma', '\\textsuperscript{'],
  plain: ['+', '⁺', 'γ'],
};
/** What follows superscript/subscript math directly (issue 11: `CD8$^+$~\cite{a}`). */
const FOLLOWERS: Record<DocLanguage, string[]> = {
  markdown: ['', '~', '.', ',', ';', ':', ')', '/', '$x$', '$\\alpha$', '$', ' T cells', '/CD4$^+$', '[@key]', ' @key', '^+^', '<sup>+</sup>'],
  latex: ['', '~', '~\\cite{a}\\cite{b}', '\\cite{k}', '~\\citep[p.~3]{k}', '.', ',', ';', ':', ')', '/', '$x$', '$\\alpha$', '$', ' T cells', '/CD4$^+$', '\\,', '\\textsuperscript{+}'],
  plain: ['', '.', ',', ')', ' T cells'],
};

/** [open, close] pairs of every construct the region scanners know, per language. */
const CONSTRUCTS: Record<DocLanguage, [string, string][]> = {
  markdown: [
    ['\n```\n', '\n```\n'], ['\n```a\n', '\n```\n'], ['\n~~~\n', '\n~~~\n'], ['\n````\n', '\n```\n'], ['`', '`'], ['``', '``'],
    ['$', '$'], ['$$', '$$'], ['$ ', ' $'], ['\\(', '\\)'], ['\\[', '\\]'], ['<!--', '-->'], ['<span class="x">', '</span>'],
    ['<low ', ''], ['<word', '>'], ['<sup>', '</sup>'], ['<sub>', '</sub>'], ['^', '^'], ['[', '](http://x.org/a_b)'], ['[', '][ref]'], ['](', ')'],
    ['][', ']'], ['\n[ref]: http://x.org/y "T"\n', ''], ['[@', ']'], ['[see @', ', p. 3]'], ['@', ''], ['http://example.com/', ''],
    ['<https://a.org/', '>'], ['\\', ''], ['*', '*'],
  ],
  latex: [
    ['%', '\n'], ['$', '$'], ['$$', '$$'], ['\\(', '\\)'], ['\\[', '\\]'], ['\\verb|', '|'], ['\\verb+', '+'], ['\\lstinline|', '|'],
    ['\n\\begin{verbatim}\n', '\n\\end{verbatim}\n'], ['\\begin{comment}', '\\end{comment}'], ['\\begin{equation}', '\\end{equation}'],
    ['\\begin{align*}', '\\end{align*}'], ['\\begin{itemize}\\item ', '\\end{itemize}'], ['\\cite[p.~3]{', '}'], ['\\cite[', ']{k}'], ['\\citep{', '}'],
    ['\\label{', '}'], ['\\ref{', '}'], ['\\href{http://x.org}{', '}'], ['\\textbf{', '}'], ['\\emph{', '}'], ['\\url{', '}'],
    ['\\section{', '}'], ['{', '}'], ['\\footnote{', '}'], ['\\', ' '], ['~', ''],
  ],
  plain: [['(', ')'], ['"', '"']],
};

const WORDS = ['and', 'the', 'cells', 'T', 'of', 'Plain', 'were', 'in', 'x', 'A', 'after', 'group'];
const CJK_WORDS = ['的', '联合', '治疗', '细胞', '和', '在', '中', '后', '。', '，'];
const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\n\n', '\r\n', '\r\n\r\n', '\r', '\n\u3000\n', '\u3000', '\u200b', '\u00ad', '~', ' \t', '\n \n', ''];

/** A piece of running text: a lexicon form (possibly with markup and a follower), a word, CJK. */
function textPiece(language: DocLanguage, forms: { en: string[]; zh: string[] }): fc.Arbitrary<string> {
  const en = fc.constantFrom(...forms.en);
  const zh = forms.zh.length > 0 ? fc.constantFrom(...forms.zh) : fc.constant('树突状细胞');
  return fc.oneof(
    { weight: 4, arbitrary: en },
    { weight: 2, arbitrary: zh },
    { weight: 2, arbitrary: fc.tuple(en, fc.constantFrom(...MARKUP[language]), fc.constantFrom(...FOLLOWERS[language])).map(([f, m, x]) => f + m + x) },
    { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 2, arbitrary: fc.constantFrom(...CJK_WORDS) },
  );
}

/** A run of text pieces joined by separators (a hard-wrapped CJK run has no spaces). */
function run(language: DocLanguage, forms: { en: string[]; zh: string[] }, max: number): fc.Arbitrary<string> {
  return fc.array(fc.tuple(textPiece(language, forms), fc.constantFrom(...SEPARATORS)), { maxLength: max }).map((xs) => xs.map(([p, s]) => p + s).join(''));
}

/** A construct: closed, unclosed, or nested one level, with text (and lexicon forms) inside. */
function construct(language: DocLanguage, forms: { en: string[]; zh: string[] }): fc.Arbitrary<string> {
  const pair = fc.constantFrom(...CONSTRUCTS[language]);
  const inner = run(language, forms, 4);
  const flat = fc.tuple(pair, inner, fc.constantFrom('closed', 'closed', 'unclosed')).map(([[o, c], x, mode]) => (mode === 'closed' ? o + x + c : o + x));
  const nested = fc.tuple(pair, inner, flat, inner, fc.boolean()).map(([[o, c], a, f, b, closed]) => o + a + f + b + (closed ? c : ''));
  return fc.oneof({ weight: 3, arbitrary: flat }, { weight: 1, arbitrary: nested });
}

const FRONT_MATTER = ['---\ntitle: PD-1\n---\n', '---\ntitle: RT\n...\n', '---\nkey: T cells\n', '---\r\ntitle: x\r\n---\r\n'];

export interface DocOptions {
  /** Allow Markdown front matter at the start (off where a prefix is prepended). */
  frontMatter?: boolean;
  /** Cut the document at a random point (constructs cut at EOF). */
  cut?: boolean;
  maxPieces?: number;
}

/** A random document of the language built from the lexicon's forms and constructs. */
export function documentArb(language: DocLanguage, lexicon: Lexicon, options: DocOptions = {}): fc.Arbitrary<string> {
  const forms = lexiconForms(lexicon);
  const piece = fc.oneof({ weight: 3, arbitrary: run(language, forms, 5) }, { weight: 2, arbitrary: construct(language, forms) });
  const body = fc.array(fc.tuple(piece, fc.constantFrom(...SEPARATORS)), { maxLength: options.maxPieces ?? 12 }).map((xs) => xs.map(([p, s]) => p + s).join(''));
  const front = language === 'markdown' && options.frontMatter !== false ? fc.option(fc.constantFrom(...FRONT_MATTER), { freq: 4 }) : fc.constant(null);
  const cut = options.cut !== false ? fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 3 }) : fc.constant(null);
  return fc.tuple(front, body, cut).map(([f, b, c]) => {
    const doc = (f ?? '') + b;
    return c === null ? doc : doc.slice(0, Math.floor(doc.length * c));
  });
}

// ------------------------------------------------------------------------------------------ invariants

/** Superscript and Greek markup tokens: no mention may start or end strictly inside one. */
const MARKUP_TOKEN = /<sup>[+-]<\/sup>|<\/?su[pb]>|\$\^\{[+-]\}\$|\$\^[+-]\$|\^[+-]\^|\\textsuperscript\{[+-]\}|\$\\(?:alpha|beta|gamma)\$|\\\(\\(?:alpha|beta|gamma)\\\)/gi;

export function markupTokens(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(MARKUP_TOKEN)) out.push([m.index, m.index + m[0].length]);
  return out;
}

const { fold } = foldTables();
function isBlank(c: number): boolean {
  return fold[c] === SPACE || fold[c] === IGNORABLE;
}

function show(text: string, m: Mention): string {
  return `${JSON.stringify(text.slice(m.start, m.end))} [${m.start}, ${m.end}) ${m.id}`;
}

/** Mentions are sorted, non-overlapping, in bounds, non-empty, of known entries. Throws on a violation. */
export function checkShape(text: string, ms: Mention[], lexicon: Lexicon): void {
  const ids = new Map(lexicon.entries.map((e) => [e.id, e.category]));
  let prevEnd = 0;
  for (const m of ms) {
    if (!(Number.isInteger(m.start) && Number.isInteger(m.end))) throw new Error(`non-integer offsets: ${show(text, m)}`);
    if (m.start < 0 || m.end > text.length) throw new Error(`mention out of bounds (text length ${text.length}): ${show(text, m)}`);
    if (m.start >= m.end) throw new Error(`empty or inverted mention: ${show(text, m)}`);
    if (m.start < prevEnd) throw new Error(`mentions unsorted or overlapping at ${show(text, m)} (previous ended at ${prevEnd})`);
    if (ids.get(m.id) !== m.category) throw new Error(`unknown entry or wrong category: ${show(text, m)} ${m.category}`);
    prevEnd = m.end;
  }
}

/** No mention starts or ends strictly inside a markup token. Throws on a violation. */
export function checkMarkup(text: string, ms: Mention[]): void {
  const tokens = markupTokens(text);
  for (const m of ms) {
    for (const [a, b] of tokens) {
      if ((m.start > a && m.start < b) || (m.end > a && m.end < b)) throw new Error(`mention ${show(text, m)} cuts the markup ${JSON.stringify(text.slice(a, b))} at [${a}, ${b})`);
    }
  }
}

/** No mention starts or ends with whitespace or a zero-width (ignorable) character. Throws on a violation. */
export function checkEdges(text: string, ms: Mention[]): void {
  for (const m of ms) {
    if (isBlank(text.charCodeAt(m.start)) || isBlank(text.charCodeAt(m.end - 1))) throw new Error(`mention starts or ends with whitespace or a zero-width character: ${show(text, m)}`);
  }
}

// ------------------------------------------------------------------------------------------ the reference matcher

interface RefPattern {
  entry: number;
  key: string;
  cs: string | null;
}

/**
 * An obviously-correct matcher for plain text, for the differential test. The rules (matcher.ts,
 * normalize.ts, matcher.test.ts): text and forms are folded (case, width, dashes); case-sensitive forms
 * (abbreviations) must also match with only width/dash folding; ignorable characters (U+200B, U+00AD…) are
 * invisible; a form's space matches a run of whitespace holding at most one line break (never a blank line);
 * between two CJK characters a single line break (with spaces around it) may be read through; a form that
 * starts with a word character starts at a word start, one that ends with a word character ends at a word
 * end; at each position in order the longest match wins (the first form on a tie), and the scan goes on
 * after it.
 */
export function referenceMatcher(lexicon: Lexicon): (text: string) => { start: number; end: number; id: string }[] {
  const { fold: f, foldCs, word } = foldTables();
  const patterns: RefPattern[] = [];
  const seen = new Set<string>();
  lexicon.entries.forEach((e, entry) => {
    for (const form of e.forms) {
      const key = foldForm(form.text, false);
      if (key === '') continue;
      const cs = form.caseSensitive ? foldForm(form.text, true) : null;
      const dedupe = `${entry} ${key} ${cs ?? ''}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      patterns.push({ entry, key, cs });
    }
  });
  const markers = new MarkerRules(lexicon.entries);
  const isWordUnit = (c: number) => word[f[c]] === 1;
  const isSpace = (c: number) => f[c] === SPACE;
  return (original: string) => {
    // Drop the invisible characters, keeping where each remaining one was.
    const at: number[] = [];
    let text = '';
    for (let i = 0; i < original.length; i++) {
      if (f[original.charCodeAt(i)] === IGNORABLE) continue;
      at.push(i);
      text += original[i];
    }
    const n = text.length;
    const c = (i: number) => text.charCodeAt(i);
    const spaceRun = (j: number): [number, number] => {
      let e = j;
      let newlines = 0;
      while (e < n && isSpace(c(e))) {
        if (c(e) === 0x0a) newlines++;
        e++;
      }
      return [e, newlines];
    };
    const matchAt = (i: number, p: RefPattern): number => {
      let j = i;
      for (let k = 0; k < p.key.length; k++) {
        const kc = p.key.charCodeAt(k);
        if (kc === SPACE) {
          if (j >= n || !isSpace(c(j))) return -1;
          const [e, newlines] = spaceRun(j);
          if (newlines >= 2) return -1;
          j = e;
          continue;
        }
        if (j < n && isSpace(c(j)) && k > 0) {
          const [e, newlines] = spaceRun(j);
          if (newlines === 1 && isCjk(c(j - 1)) && e < n && isCjk(c(e))) j = e;
          else return -1;
        }
        if (j >= n || f[c(j)] !== kc) return -1;
        if (p.cs !== null && foldCs[c(j)] !== p.cs.charCodeAt(k)) return -1;
        j++;
      }
      if (word[p.key.charCodeAt(p.key.length - 1)] === 1 && j < n && isWordUnit(c(j))) return -1;
      return j;
    };
    /** Every match at i as [end, pattern], the first pattern on a tie of ends, sorted by end. */
    const matchesAt = (i: number): [number, number][] => {
      const wordStart = isWordUnit(c(i)) && (i === 0 || !isWordUnit(c(i - 1)));
      const byEnd = new Map<number, number>();
      for (let q = 0; q < patterns.length; q++) {
        const p = patterns[q];
        if (word[p.key.charCodeAt(0)] === 1 ? !wordStart : isWordUnit(c(i))) continue;
        const e = matchAt(i, p);
        if (e > i && !byEnd.has(e)) byEnd.set(e, q);
      }
      return [...byEnd].sort((a, b) => a[0] - b[0]);
    };
    // Chinese: after a term, text that goes on to name a longer molecule (…酶, …受体, …蛋白, …基因, …配体).
    const nameGoesOn = (j: number) => /^(?:酶|合成酶|激酶|受体|配体|蛋白|基因)/.test(text.slice(j, j + 3));
    const out: Mention[] = [];
    for (let i = 0; i < n; ) {
      const ms = matchesAt(i);
      let best = -1;
      let bestEnd = -1;
      if (ms.length > 0 && isCjk(c(i))) {
        // Chinese: the longest term that neither ends inside a longer term starting within it nor where a longer name goes on.
        const longest = ms[ms.length - 1][0];
        let cut = -1;
        for (let q = i + 1; q < longest && cut < 0; q++) {
          if (!isCjk(c(q))) continue;
          const mq = matchesAt(q);
          const e = mq.length > 0 ? mq[mq.length - 1][0] : -1;
          if (e > longest && e - q > longest - i) cut = q;
        }
        for (let k = ms.length - 1; k >= 0; k--) {
          const [e, q] = ms[k];
          if ((cut >= 0 && e > cut) || (isCjk(c(e - 1)) && nameGoesOn(e))) continue;
          best = q;
          bestEnd = e;
          break;
        }
      } else if (ms.length > 0) [bestEnd, best] = ms[ms.length - 1];
      if (best < 0) {
        i++;
        continue;
      }
      const e = lexicon.entries[patterns[best].entry];
      out.push({ start: at[i], end: at[bestEnd - 1] + 1, id: e.id, category: e.category });
      i = bestEnd;
    }
    // Markers are composed with the cells they mark by the same layer as the matcher's (tested in spans.test.ts).
    return markers.compose(original, out).map((m) => ({ start: m.start, end: m.end, id: m.id }));
  };
}

/** Random plain texts for the differential test: mini-lexicon forms in random case, words, CJK, punctuation. */
export function plainTextArb(lexicon: Lexicon): fc.Arbitrary<string> {
  const forms = lexicon.entries.flatMap((e) => e.forms.map((x) => x.text));
  const cased = fc.tuple(fc.constantFrom(...forms), fc.constantFrom('as-is', 'as-is', 'lower', 'upper', 'title')).map(([s, k]) =>
    k === 'lower' ? s.toLowerCase() : k === 'upper' ? s.toUpperCase() : k === 'title' ? s.charAt(0).toUpperCase() + s.slice(1) : s,
  );
  const piece = fc.oneof(
    { weight: 5, arbitrary: cased },
    { weight: 3, arbitrary: fc.constantFrom('and', 'cells', 'the', 'CD', 'T', 'PD', '1', 'x', 'cell', 'effect', 'L1', 'beta', 'β', 'α') },
    { weight: 2, arbitrary: fc.constantFrom('联合', '的', '细胞', '树突', '状', '放', '疗', '效应', '远端', '抗', '原递呈', '抗体', '原') },
    { weight: 2, arbitrary: fc.constantFrom('-', '.', ',', '(', ')', '+', '/', '\u2013', '\u207a') },
  );
  const joiner = fc.constantFrom(' ', ' ', ' ', '', '', '\n', '  ', '\t', '\n\n', ' \n ', '\u00a0');
  return fc
    .tuple(fc.array(fc.tuple(piece, joiner), { maxLength: 14 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('\u200b', '\u00ad')), { maxLength: 3 }))
    .map(([xs, invisible]) => {
      let text = xs.map(([p, j]) => p + j).join('');
      // Zero-width characters go between two visible, non-space characters.
      for (const [pos, ch] of invisible) {
        if (text.length < 2) break;
        const k = 1 + (pos % (text.length - 1));
        const a = text.charCodeAt(k - 1);
        const b = text.charCodeAt(k);
        if (!isBlank(a) && !isBlank(b)) text = text.slice(0, k) + ch + text.slice(k);
      }
      return text;
    });
}

// ------------------------------------------------------------------------------------------ properties

export interface PropertyResult {
  failed: boolean;
  numRuns: number;
  numShrinks: number;
  counterexample?: string;
  error?: string;
}

export interface PropertyArgs {
  property: string;
  language: DocLanguage;
  lexicon: LexiconName;
  seed: number;
  numRuns: number;
}

function annotate(matcher: Matcher, text: string, language: DocLanguage): Mention[] {
  isolateReport({ text, language });
  return matcher.annotate(text, language);
}

function plainMentions(ms: Mention[]): { start: number; end: number; id: string; category: string }[] {
  return ms.map((m) => ({ start: m.start, end: m.end, id: m.id, category: m.category }));
}

function diff(text: string, got: { start: number; end: number; id: string }[], want: { start: number; end: number; id: string }[]): string {
  const fmt = (xs: { start: number; end: number; id: string }[]) => xs.map((m) => `${JSON.stringify(text.slice(m.start, m.end))}@${m.start}=${m.id}`).join(', ');
  return `\n  got:  ${fmt(got)}\n  want: ${fmt(want)}`;
}

const PREFIX = 'Plain words.\n\n';

/** A probe term that must be found after the superscript markup and its follower. */
const PROBE = 'PD-L1';

function buildProperty(args: PropertyArgs): fc.IProperty<[string]> | fc.IProperty<[string, { pos: number; del: number; ins: string }[]]> {
  const { lexicon, matcher } = load(args.lexicon);
  const lang = args.language;
  switch (args.property) {
    case 'shape':
      return fc.property(documentArb(lang, lexicon), (text) => {
        checkShape(text, annotate(matcher, text, lang), lexicon);
      });
    case 'markup':
      return fc.property(documentArb(lang, lexicon), (text) => {
        const ms = annotate(matcher, text, lang);
        checkMarkup(text, ms);
        checkEdges(text, ms);
      });
    case 'prefix':
      return fc.property(documentArb(lang, lexicon, { frontMatter: false }), (text) => {
        // Markdown front matter only exists at offset 0: a document that starts like it is left out.
        if (lang === 'markdown' && text.startsWith('---')) return;
        const base = plainMentions(annotate(matcher, text, lang));
        const shifted = plainMentions(annotate(matcher, PREFIX + text, lang)).map((m) => ({ ...m, start: m.start - PREFIX.length, end: m.end - PREFIX.length }));
        if (JSON.stringify(base) !== JSON.stringify(shifted)) throw new Error(`prepending ${JSON.stringify(PREFIX)} changed the mentions:${diff(text, shifted, base)}`);
      });
    case 'incremental': {
      const forms = lexiconForms(lexicon);
      const insert = fc.oneof(
        fc.constantFrom('\n\n', '\n', '\r', '\r\n', '\n\u3000\n', ' ', 'x', '```', '~~~', '$', '$$', '<!--', '-->', '---\n', '...\n', '<low ', '>', '\\(', '\\)', '\\begin{verbatim}', '\\end{verbatim}', '%', '`', '[', '](', '@k ', '\u200b', '~', '}', '{'),
        fc.constantFrom(...forms.en),
        fc.constantFrom(...(forms.zh.length > 0 ? forms.zh : ['放疗'])),
        fc.constantFrom(...MARKUP[lang]),
        fc.constant(''),
      );
      const edit = fc.record({ pos: fc.nat(), del: fc.nat({ max: 6 }), ins: insert });
      return fc.property(documentArb(lang, lexicon), fc.array(edit, { minLength: 1, maxLength: 6 }), (text, edits) => {
        isolateReport({ text, language: lang, edits });
        const doc = new DocumentMentions(matcher, lang);
        doc.full(text);
        let cur = text;
        for (const e of edits) {
          const start = cur.length === 0 ? 0 : e.pos % (cur.length + 1);
          const change: TextChange = { start, removedLength: Math.min(e.del, cur.length - start), insertedText: e.ins };
          const next = cur.slice(0, start) + change.insertedText + cur.slice(start + change.removedLength);
          if (!doc.applyChange(change, stringParagraphReader(next))) doc.full(next);
          // The document's full annotation (its own abbreviations, generic words kept apart), shown and all.
          const full = annotateDocument(matcher, next, lang);
          const want = [plainMentions(full.mentions), plainMentions(full.all)];
          const got = [plainMentions(doc.mentions), plainMentions([...doc.all])];
          if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`after ${JSON.stringify(change)} (${doc.lastUpdate}) on ${JSON.stringify(cur)}, incremental differs from full on ${JSON.stringify(next)}:${diff(next, got[1], want[1])}${diff(next, got[0], want[0])}`);
          cur = next;
        }
      });
    }
    case 'superscript-follower': {
      // Issue 11: superscript/subscript math directly followed by ~, \cite, punctuation or another $:
      // the markup is read through or skipped whole, and the rest of the paragraph is still matched.
      const forms = lexiconForms(lexicon);
      const followers = FOLLOWERS[lang].filter((x) => x !== '$');
      const markup = MARKUP[lang].filter((x) => !['<sup>', '</sup>', '\\textsuperscript{'].includes(x));
      const arb = fc
        .tuple(fc.constantFrom(...forms.en, 'CD8', 'FOXP3', 'CD4'), fc.constantFrom(...markup), fc.constantFrom(...followers), fc.constantFrom('', 'x ', 'cells '))
        .map(([f, m, x, tail]) => `It stimulates cells, mainly ${f}${m}${x} ${tail}and ${PROBE} here.`);
      return fc.property(arb, (text) => {
        const ms = annotate(matcher, text, lang);
        checkShape(text, ms, lexicon);
        checkMarkup(text, ms);
        checkEdges(text, ms);
        const probeAt = text.lastIndexOf(PROBE);
        if (!ms.some((m) => m.start === probeAt && m.end === probeAt + PROBE.length)) {
          throw new Error(`${PROBE} at ${probeAt} is not found after the markup: ${JSON.stringify(ms.map((m) => text.slice(m.start, m.end)))}`);
        }
      });
    }
    case 'differential': {
      const reference = referenceMatcher(lexicon);
      return fc.property(plainTextArb(lexicon), (text) => {
        const got = annotate(matcher, text, 'plain').map((m) => ({ start: m.start, end: m.end, id: m.id }));
        const want = reference(text);
        if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`the matcher differs from the reference matcher:${diff(text, got, want)}`);
      });
    }
    default:
      throw new Error(`unknown property ${args.property}`);
  }
}

/** Runs one property with a fixed seed; returns a plain result for the test to report. */
export function runProperty(args: PropertyArgs): PropertyResult {
  const prop = buildProperty(args) as fc.IProperty<unknown[]>;
  const details = fc.check(prop, { seed: args.seed, numRuns: args.numRuns });
  return {
    failed: details.failed,
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    counterexample: details.counterexample ? JSON.stringify(details.counterexample) : undefined,
    error: details.errorInstance ? String((details.errorInstance as Error).message ?? details.errorInstance) : undefined,
  };
}

/** Annotates one text with a lexicon (for the regression tests, run in a worker). */
export function annotateIn(args: { lexicon: LexiconName; text: string; language: DocLanguage }): { text: string; start: number; end: number; id: string }[] {
  const { matcher } = load(args.lexicon);
  return matcher.annotate(args.text, args.language).map((m) => ({ text: args.text.slice(m.start, m.end), start: m.start, end: m.end, id: m.id }));
}

/**
 * Applies each change in turn through DocumentMentions (a full scan when it asks for one) and compares
 * with a full annotation after each; returns the first difference, or null.
 */
export function incrementalIn(args: { lexicon: LexiconName; language: DocLanguage; text: string; changes: TextChange[] }): string | null {
  const { matcher } = load(args.lexicon);
  const doc = new DocumentMentions(matcher, args.language);
  doc.full(args.text);
  let cur = args.text;
  for (const change of args.changes) {
    const next = cur.slice(0, change.start) + change.insertedText + cur.slice(change.start + change.removedLength);
    if (!doc.applyChange(change, stringParagraphReader(next))) doc.full(next);
    const full = annotateDocument(matcher, next, args.language);
    const want = [plainMentions(full.mentions), plainMentions(full.all)];
    const got = [plainMentions(doc.mentions), plainMentions([...doc.all])];
    if (JSON.stringify(got) !== JSON.stringify(want)) return `after ${JSON.stringify(change)} (${doc.lastUpdate}) on ${JSON.stringify(cur)}, incremental (got) differs from full (want) on ${JSON.stringify(next)}:${diff(next, got[1], want[1])}${diff(next, got[0], want[0])}`;
    cur = next;
  }
  return null;
}
