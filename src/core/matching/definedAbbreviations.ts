/**
 * The abbreviations a document defines itself, in English and Chinese:
 *
 * - "long form (SHORT)": `Low-dose radiotherapy (LDRT)`, `checkpoint inhibitors (CPIs)`,
 *   `肿瘤浸润淋巴细胞（TILs）`, `程序性细胞死亡配体 1 (PD-L1)`;
 * - "(Long Form, SHORT)": `(Toll-Like Receptor 4, TLR4)`, also after a Chinese name;
 * - "long form (SHORT, details)": `ipilimumab (IPI, 1 mg/kg IV)` (English long forms only);
 * - "SHORT (long form)": `PD-L1 (programmed death-ligand 1)`, `TILs（肿瘤浸润淋巴细胞）`;
 * - "长名 (SHORT 头)": `调节性 T 细胞(Treg 细胞)`, where the bracket repeats the Chinese head of the long form.
 *
 * English pairs are checked with the Schwartz–Hearst rule (Schwartz & Hearst, PSB 2003): every letter and
 * digit of the short form appears in the long form in order, the first at the start of a word, and the long
 * form is the shortest such run of at most min(|SHORT| + 5, 2|SHORT|) words. A Chinese long form cannot be
 * checked letter by letter; it is the run of Chinese text before the bracket, back to punctuation or a
 * function word (的, 在, 是, …), and the lexicon decides later how much of it names the term.
 *
 * Linear time: one forward pass finds bracket pairs (the innermost open bracket is the only one remembered,
 * so an unclosed `(` costs nothing later); each pair is examined once, and everything it reads is bounded by
 * constants (a bracket holds at most {@link MAX_BRACKET} characters, a long form window at most
 * {@link MAX_WINDOW}). The pass finds brackets and line feeds with one character-class search (the native
 * regular-expression engine, which scans faster than a loop), never repeated over the same text; no other
 * regular expression runs on the document. Brackets never pair across a blank line
 * or a skipped region (code, math, comments), so a paragraph's definitions depend on that paragraph only.
 */

/** One definition found in a text (UTF-16 offsets, half-open). */
export interface AbbreviationDefinition {
  /** The short form as written: `CPIs`. */
  short: string;
  /** The short form without a plural `s`: `CPI` (`CPI` and `CPIs` are then both uses of it). */
  base: string;
  /** The long form as written, trimmed: `checkpoint inhibitors`. */
  long: string;
  shortStart: number;
  shortEnd: number;
  longStart: number;
  longEnd: number;
  /** The long form is Chinese text, whose start is a guess (see the module comment). */
  chinese: boolean;
}

/** Most characters between a pair of brackets that can still hold a definition. */
const MAX_BRACKET = 120;
/** Most characters a long form before a bracket may span. */
const MAX_WINDOW = 160;
/** Most characters of a Chinese long form. */
const MAX_CHINESE = 24;
/** Length bounds of a short form (a plural `s` may come on top). */
const MIN_SHORT = 2;
const MAX_SHORT = 10;

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isGreek = (c: number) => (c >= 0x391 && c <= 0x3a9) || (c >= 0x3b1 && c <= 0x3c9);
/** A letter or digit of a short form or long form (ASCII or Greek). */
const isAlnum = (c: number) => (c < 0x80 ? isDigit(c) || isLower(c | 0x20) : isGreek(c));
const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000;
const isOpen = (c: number) => c === 0x28 || c === 0xff08;
/**
 * What a blank line may hold besides its line break: any white space (an ideographic space, a no-break space),
 * as the paragraph split reads it (isBlankLine in regions.ts), and a CR of a CRLF.
 */
const isBlankFiller = (c: number) => c === 0x0d || (c !== 0x0a && (c === 0x20 || c === 0x09 || (c > 0x7f && /\s/.test(String.fromCharCode(c)))));
/** Brackets (ASCII and full-width) and line feeds: what the definition scan stops at. */
const SPECIAL = /[()\n\uff08\uff09]/g;

/**
 * A finder of the first bracket or line feed of text[from, end) (else `end`) for calls with `from` never
 * decreasing: the native regular expression engine searches, and a search that went past `end` is
 * remembered, so no part of the text is searched twice (a text with many skipped regions stays linear).
 */
function specialFinder(text: string): (from: number, end: number) => number {
  let found = -1;
  return (from, end) => {
    if (found < from) {
      SPECIAL.lastIndex = from;
      const m = SPECIAL.exec(text);
      found = m === null ? text.length : m.index;
    }
    return Math.min(found, end);
  };
}
const isClose = (c: number) => c === 0x29 || c === 0xff09;
/** Separates a long form from a short form inside one bracket: `,` `;` and their full-width forms. */
const isSeparator = (c: number) => c === 0x2c || c === 0x3b || c === 0xff0c || c === 0xff1b;
/** Characters a short form is made of besides letters and digits: PD-L1, CD8+, IFN-γ. */
const isShortJoiner = (c: number) => c === 0x2d || c === 0x2b || c === 0x2f || c === 0x2e;
const lower = (c: number) => (isUpper(c) ? c + 32 : c);

/** Characters that end an English long form window: sentence and clause punctuation, other brackets. */
function endsWindow(c: number): boolean {
  switch (c) {
    case 0x2e: // .
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x3a: // :
    case 0x21: // !
    case 0x3f: // ?
    case 0x28:
    case 0x29:
    case 0x5b:
    case 0x5d:
    case 0x3002: // 。
    case 0xff0c: // ，
    case 0xff1b: // ；
    case 0xff1a: // ：
    case 0xff01: // ！
    case 0xff1f: // ？
    case 0xff08:
    case 0xff09:
    case 0x3001: // 、
    case 0x3010: // 【
    case 0x3011: // 】
      return true;
  }
  return false;
}

/** Chinese function words that a long form does not reach back over: …发现低剂量放疗 is not part of it. */
const CHINESE_STOPS = new Set([...'的在是和与及或对将把被了以即经从由为中如除而'].map((ch) => ch.charCodeAt(0)));
/**
 * Words holding a stop character that are names, not the function word: 中性粒细胞 (neutrophil), 中位 (median),
 * 神经 (nerve: 免疫效应细胞相关神经毒性综合征).
 */
const CHINESE_STOP_WORDS = new Set(['中性', '中位', '中枢', '中心', '神经']);
/**
 * Two-character verbs a Chinese long form does not reach back over either: …细胞产生干扰素 β (IFN β), and the
 * verbs an aim opens with (目的：研究嵌合抗原受体T细胞免疫治疗（CAR-T）…, 探讨, 评价, 观察, 分析).
 */
const CHINESE_VERBS = new Set(['产生', '导致', '通过', '激活', '增加', '减少', '诱导', '释放', '包括', '称为', '促进', '使用', '接受', '给予', '作为', '随着', '研究', '探讨', '评价', '评估', '观察', '分析', '比较']);

/**
 * Whether text[a, b) can be a short form: 2–10 characters (a plural `s` on top) of letters, digits and
 * `- + / .`, beginning with a letter or digit, with at least one capital letter; a space only before a
 * final number or Greek letter (`IFN β`, `IFN 1`).
 */
function isShortForm(text: string, a: number, b: number): boolean {
  const n = b - a;
  if (n < MIN_SHORT || n > MAX_SHORT + (text.charCodeAt(b - 1) === 0x73 ? 1 : 0)) return false;
  let upper = false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (isUpper(c)) upper = true;
    else if (c === 0x20 && i > a && isAlnum(text.charCodeAt(i - 1)) && i + 1 < b && (isDigit(text.charCodeAt(i + 1)) || isGreek(text.charCodeAt(i + 1)))) {
      for (let j = i + 1; j < b; j++) if (!isDigit(text.charCodeAt(j)) && !isGreek(text.charCodeAt(j))) return false;
    } else if (!isAlnum(c) && !isShortJoiner(c)) return false;
  }
  const last = text.charCodeAt(b - 1);
  return upper && isAlnum(text.charCodeAt(a)) && (isAlnum(last) || last === 0x2b);
}

/** `CPIs` → `CPI`: a final `s` after a capital or digit is a plural. */
export function singular(short: string): string {
  return short.slice(0, singularEnd(short, 0, short.length));
}

/** The end of text[a, b) without a plural `s` (see {@link singular}). */
function singularEnd(text: string, a: number, b: number): number {
  if (b - a >= 3 && text.charCodeAt(b - 1) === 0x73) {
    const p = text.charCodeAt(b - 2);
    if (isUpper(p) || isDigit(p)) return b - 1;
  }
  return b;
}

/**
 * Schwartz–Hearst: the start of the shortest long form ending at `end` (searched back to `min`) that holds
 * the letters and digits of the short form text[sa, sb) in order, the first at the start of a word; -1 if
 * there is none. Reads at most end - min characters.
 */
function longFormStart(text: string, min: number, end: number, sa: number, sb: number): number {
  let l = end - 1;
  for (let s = sb - 1; s >= sa; s--) {
    const c = lower(text.charCodeAt(s));
    if (!isAlnum(c)) continue;
    while (l >= min && (lower(text.charCodeAt(l)) !== c || (s === sa && l > min && isAlnum(text.charCodeAt(l - 1))))) l--;
    if (l < min) return -1;
    if (s > sa) l--;
  }
  // The long form begins at the start of the word holding the first match.
  while (l > min && !isSpace(text.charCodeAt(l - 1))) l--;
  return l;
}

/** Trims [a, b) to begin and end with a letter, digit, Han character or a closing `+`. */
function trim(text: string, a: number, b: number): [number, number] {
  const keep = (c: number) => isAlnum(c) || isHan(c);
  while (a < b && !keep(text.charCodeAt(a))) a++;
  while (b > a && !keep(text.charCodeAt(b - 1)) && text.charCodeAt(b - 1) !== 0x2b) b--;
  return [a, b];
}

/** Counts words (runs of non-space) in text[a, b). */
function wordCount(text: string, a: number, b: number): number {
  let n = 0;
  let inWord = false;
  for (let i = a; i < b; i++) {
    const sp = isSpace(text.charCodeAt(i));
    if (!sp && !inWord) n++;
    inWord = !sp;
  }
  return n;
}

/** Whether text[a, b) holds a Han character. */
function hasHan(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (isHan(text.charCodeAt(i))) return true;
  return false;
}

/**
 * The window a long form before position `end` may come from: back over at most `words` words and
 * {@link MAX_WINDOW} characters, stopping at punctuation, a blank line or `min` (the end of the last skipped
 * region, or the paragraph start).
 */
function windowStart(text: string, min: number, end: number, words: number): number {
  let i = end;
  let n = 0;
  let inWord = false;
  const limit = Math.max(min, end - MAX_WINDOW);
  while (i > limit) {
    const c = text.charCodeAt(i - 1);
    if (endsWindow(c)) break;
    if (c === 0x0a) {
      // A blank line ends it: look back over the line's blanks.
      let j = i - 2;
      while (j >= limit && isBlankFiller(text.charCodeAt(j))) j--;
      if (j < limit || text.charCodeAt(j) === 0x0a) break;
    }
    const sp = isSpace(c);
    if (!sp && !inWord && ++n > words) break;
    inWord = !sp;
    i--;
  }
  return i;
}

/**
 * A Chinese long form ending at `end` (spaces before the bracket already passed): the run of Han
 * characters, with the letters, digits and spaces inside a name (`程序性细胞死亡配体 1`, `toll 样受体 4`),
 * back to punctuation, a function word or {@link MAX_CHINESE} characters. Undefined if the text before the
 * bracket is not Chinese.
 */
function chineseLongForm(text: string, min: number, end: number): [number, number] | undefined {
  let i = end;
  let lastHan = -1;
  const limit = Math.max(min, end - MAX_CHINESE);
  while (i > limit) {
    const c = text.charCodeAt(i - 1);
    if (isHan(c)) {
      if (CHINESE_STOPS.has(c) && !CHINESE_STOP_WORDS.has(text.slice(i - 1, i + 1)) && !CHINESE_STOP_WORDS.has(text.slice(i - 2, i))) break;
      if (i - 2 >= limit && CHINESE_VERBS.has(text.slice(i - 2, i))) break;
      if (lastHan < 0) lastHan = i;
    } else if (!(isAlnum(c) || c === 0x20 || c === 0x2d || c === 0x2b || c === 0x2f || c === 0x2013)) break;
    else if (lastHan < 0 && end - i > 4) return undefined; // Latin text right before the bracket: English.
    i--;
  }
  if (lastHan < 0) return undefined;
  const [a, b] = trim(text, i, end);
  return b - a >= 2 ? [a, b] : undefined;
}

/**
 * Finds the abbreviations defined in text[from, to), outside the skipped regions `skips` (sorted
 * [start, end, …] pairs, as the matcher's `annotateWithRegions` returns them). Sorted by position. Linear in
 * to - from (see the module comment).
 */
export function findAbbreviationDefinitions(text: string, skips: readonly number[] = [], from = 0, to = text.length): AbbreviationDefinition[] {
  const out: AbbreviationDefinition[] = [];
  let k = 0;
  while (k < skips.length && skips[k + 1] <= from) k += 2;
  // The text between skipped regions, one stretch at a time. `open` is where the innermost open bracket is
  // (-1: none), `floor` where a long form may begin (after the last skip or blank line).
  let open = -1;
  let floor = from;
  const nextSpecial = specialFinder(text);
  for (let start = from; start < to; k += 2) {
    const end = k < skips.length ? Math.min(skips[k], to) : to;
    // Only brackets and line breaks matter: the native regular expression engine finds them.
    for (let i = nextSpecial(start, end); i < end; i = nextSpecial(i + 1, end)) {
      const c = text.charCodeAt(i);
      if (isOpen(c)) open = i;
      else if (isClose(c)) {
        if (open >= 0 && i - open - 1 <= MAX_BRACKET) pair(text, floor, open, i, out);
        open = -1;
      } else if (c === 0x0a) {
        // A blank line: no pair crosses it, and no window reaches back over it.
        let j = i + 1;
        while (j < end && isBlankFiller(text.charCodeAt(j))) j++;
        if (j >= end || text.charCodeAt(j) === 0x0a) {
          open = -1;
          floor = j;
        }
      }
    }
    if (k >= skips.length) break;
    // A skipped region: no pair spans it, and no long form reaches back over it.
    start = Math.max(start, skips[k + 1]);
    floor = start;
    open = -1;
  }
  return out;
}

/** Examines one bracket pair text[open] … text[close] and adds the definition it holds, if any. */
function pair(text: string, floor: number, open: number, close: number, out: AbbreviationDefinition[]): void {
  const [a, b] = trim(text, open + 1, close);
  if (a >= b) return;
  // "long form (SHORT)"
  if (isShortForm(text, a, b)) {
    longFormBefore(text, floor, open, a, b, out);
    return;
  }
  // "long form (SHORT 细胞)": the bracket repeats the Chinese head the long form ends with (调节性 T 细胞(Treg 细胞)).
  const head = shortBeforeHan(text, a, b);
  if (head > a) {
    let end = open;
    while (end > floor && isSpace(text.charCodeAt(end - 1))) end--;
    const suffix = text.slice(head, b).trim();
    if (text.slice(end - suffix.length, end) === suffix) {
      const zh = chineseLongForm(text, floor, end);
      let se = head;
      while (se > a && isSpace(text.charCodeAt(se - 1))) se--;
      if (zh) {
        add(out, text, a, se, zh[0], zh[1], true);
        return;
      }
    }
  }
  // "(Long Form, SHORT)"
  let sep = -1;
  for (let i = b - 1; i > a; i--) {
    if (isSeparator(text.charCodeAt(i))) {
      sep = i;
      break;
    }
  }
  if (sep > a) {
    const [sa, sb] = trim(text, sep + 1, b);
    const [la, lb] = trim(text, a, sep);
    if (sa < sb && la < lb && isShortForm(text, sa, sb)) {
      if (hasHan(text, la, lb) && !hasLatinWord(text, la, lb)) add(out, text, sa, sb, la, lb, true);
      else if (longFormStart(text, la, lb, sa, sb) === la || longFormStart(text, la, lb, sa, singularEnd(text, sa, sb)) === la) add(out, text, sa, sb, la, lb, false);
      return;
    }
  }
  // "long form (SHORT, details)": the bracket goes on after the short form, `ipilimumab (IPI, 1 mg/kg IV)`,
  // `hazard ratio (HR, 0.72; 95% CI …)`. Only an English long form checked letter by letter pairs.
  if (sep > a) {
    let first = a;
    while (first < sep && !isSeparator(text.charCodeAt(first))) first++;
    const [sa, sb] = trim(text, a, first);
    if (sa < sb && isShortForm(text, sa, sb) && longFormBefore(text, floor, open, sa, sb, out, false)) return;
  }
  // "SHORT (long form)"
  let se = open;
  while (se > floor && isSpace(text.charCodeAt(se - 1))) se--;
  let ss = se;
  while (ss > floor && se - ss <= MAX_SHORT + 1 && (isAlnum(text.charCodeAt(ss - 1)) || isShortJoiner(text.charCodeAt(ss - 1)))) ss--;
  [ss, se] = trim(text, ss, se);
  if (ss >= se || !isShortForm(text, ss, se) || (ss > floor && isAlnum(text.charCodeAt(ss - 1)))) return;
  if (hasHan(text, a, b)) {
    if (b - a <= MAX_CHINESE && onlyNameCharacters(text, a, b)) add(out, text, ss, se, a, b, true);
    return;
  }
  if (wordCount(text, a, b) < 2 && b - a <= se - ss + 2) return;
  // A bracket after a label is not its long form: "Type II (non-insulin-dependent)", "stage IV (metastatic)".
  // A Roman numeral names a rank, and a long form begins with the short form's first letter or digit.
  if (isRomanNumeral(text, ss, se) || lower(text.charCodeAt(a)) !== lower(firstAlnum(text, ss, se))) return;
  if (longFormStart(text, a, b, ss, se) === a || longFormStart(text, a, b, ss, singularEnd(text, ss, se)) === a) add(out, text, ss, se, a, b, false);
}

/**
 * Adds the definition of the short form text[a, b) (inside the bracket opening at `open`) by the long form
 * before the bracket: the Chinese run there, or (Schwartz–Hearst) the English words. Whether one was added.
 */
function longFormBefore(text: string, floor: number, open: number, a: number, b: number, out: AbbreviationDefinition[], chinese = true): boolean {
  let end = open;
  while (end > floor && isSpace(text.charCodeAt(end - 1))) end--;
  const zh = chineseLongForm(text, floor, end);
  if (zh) {
    if (!chinese) return false;
    add(out, text, a, b, zh[0], zh[1], true);
    return true;
  }
  const sb = singularEnd(text, a, b);
  for (const e of sb === b ? [b] : [b, sb]) {
    const alnum = countAlnum(text, a, e);
    const min = windowStart(text, floor, end, Math.min(alnum + 5, 2 * alnum));
    const start = longFormStart(text, min, end, a, e);
    if (start < 0) continue;
    const [la, lb] = trim(text, start, end);
    if (lb - la > e - a && !text.slice(la, lb).includes(text.slice(a, e))) {
      add(out, text, a, b, la, lb, false);
      return true;
    }
  }
  return false;
}

/** Whether text[a, b) is a Roman numeral of I, V and X (II, III, IV, … XXXIX): a type, stage or grade, not an abbreviation. */
function isRomanNumeral(text: string, a: number, b: number): boolean {
  return /^X{0,3}(IX|IV|V?I{0,3})$/.test(text.slice(a, b));
}

/** The first letter or digit of text[a, b) (a short form has one). */
function firstAlnum(text: string, a: number, b: number): number {
  for (let i = a; i < b; i++) if (isAlnum(text.charCodeAt(i))) return text.charCodeAt(i);
  return -1;
}

/**
 * Where the Chinese head of a bracket like `Treg 细胞` begins: after a short form and a space, one to four
 * Han characters end the bracket. -1 if the bracket is not like that.
 */
function shortBeforeHan(text: string, a: number, b: number): number {
  let h = b;
  while (h > a && isHan(text.charCodeAt(h - 1))) h--;
  if (h === b || b - h > 4) return -1;
  let se = h;
  while (se > a && isSpace(text.charCodeAt(se - 1))) se--;
  return se > a && isShortForm(text, a, se) ? h : -1;
}

function countAlnum(text: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) if (isAlnum(text.charCodeAt(i))) n++;
  return Math.max(n, 1);
}

/** Whether text[a, b) has a Latin word of three or more letters (an English long form after a Chinese one). */
function hasLatinWord(text: string, a: number, b: number): boolean {
  let run = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    run = isUpper(c) || isLower(c) ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}

/** Whether text[a, b) is made of Han characters, letters, digits, spaces and hyphens only (a name). */
function onlyNameCharacters(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (!(isHan(c) || isAlnum(c) || c === 0x20 || c === 0x2d || c === 0x2b)) return false;
  }
  return true;
}

function add(out: AbbreviationDefinition[], text: string, shortStart: number, shortEnd: number, longStart: number, longEnd: number, chinese: boolean): void {
  const short = text.slice(shortStart, shortEnd);
  out.push({ short, base: singular(short), long: text.slice(longStart, longEnd), shortStart, shortEnd, longStart, longEnd, chinese });
}
