/**
 * The parts of a manuscript where terms must not be matched, and the superscript markup that matching reads
 * through (`CD8$^+$ T cells`, `CD8^+^`, `CD8<sup>+</sup>` and `CD8\textsuperscript{+}` read as
 * `CD8+ T cells`).
 *
 * - Markdown: fenced and inline code, `$…$`/`$$…$$` and `\(…\)`/`\[…\]` math, HTML comments and tags,
 *   autolinks and bare URLs, link targets and reference definitions, Pandoc citation keys, front matter.
 *   These rules run in the matcher's WebAssembly kernel (assembly/kernel.ts, `scanMarkdown`), so that a
 *   Markdown document is read in one pass.
 * - LaTeX (here): `%` comments, inline and display math and math environments, command names, the
 *   arguments of `\cite`-like, `\ref`, `\label`, `\url`, `\input` commands, verbatim environments. The scan
 *   hands the plain text between constructs to the kernel.
 *
 * Constructs that are not closed are bounded: inline constructs end at the paragraph (blank line), block
 * constructs whose closing line never comes end at the next blank line, so one stray `$` or fence never
 * blanks the rest of a document.
 */

export type DocLanguage = 'markdown' | 'latex' | 'plain';

/** The result of a scan: sorted, non-overlapping skip ranges. */
export interface Regions {
  /** [start0, end0, start1, end1, ...], sorted, non-overlapping, half-open. */
  skips: number[];
}

/**
 * Reads plain text from `from`: returns the index of the first character at or after `from` (and before
 * `end`) where a construct may begin (see {@link isSpecial}), or `end`. It may return later than such a
 * character only when it read through superscript markup there (a mention like `CD8$^+$`).
 */
export type PlainTextScanner = (text: string, from: number, end: number) => number;

/** Maps a VS Code language id or a file extension to the region rules used. */
export function languageOf(idOrExt: string): DocLanguage {
  const v = idOrExt.toLowerCase().replace(/^\./, '');
  if (['markdown', 'md', 'markdown-math', 'quarto', 'qmd', 'rmd', 'rmarkdown', 'mdx', 'pandoc'].includes(v)) return 'markdown';
  if (['latex', 'tex', 'ltx', 'sty', 'cls', 'bibtex-style', 'latex-expl3', 'doctex', 'context'].includes(v)) return 'latex';
  return 'plain';
}

const NL = 0x0a;

/** End of the paragraph containing `pos`: the index of the first blank line's start, or `end`. */
export function paragraphEnd(text: string, pos: number, end = text.length): number {
  let i = pos;
  for (;;) {
    const nl = text.indexOf('\n', i);
    if (nl < 0 || nl >= end) return end;
    // Is the next line blank (only spaces/tabs/CR)?
    let j = nl + 1;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c === 0x20 || c === 0x09 || c === 0x0d) j++;
      else break;
    }
    if (j >= end || text.charCodeAt(j) === NL) return nl;
    i = j;
  }
}

/** Start of the paragraph containing `pos` (just after the previous blank line), or `start`. */
export function paragraphStart(text: string, pos: number, start = 0): number {
  let i = Math.min(pos, text.length);
  for (;;) {
    const nl = text.lastIndexOf('\n', i - 1);
    if (nl < start) return start;
    // Is the line before this newline blank?
    let j = nl - 1;
    while (j >= start) {
      const c = text.charCodeAt(j);
      if (c === 0x20 || c === 0x09 || c === 0x0d) j--;
      else break;
    }
    if (j < start) return start;
    if (text.charCodeAt(j) === NL) return nl + 1;
    i = nl;
  }
}

function lineEnd(text: string, pos: number, end: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 || nl > end ? end : nl;
}

/** Characters where a Markdown or LaTeX construct can begin; everything else is skipped quickly. */
function specialTable(chars: string): Uint8Array {
  const t = new Uint8Array(65536);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  return t;
}
const MD_SPECIAL = specialTable('`~$\\<][@:^');
const TEX_SPECIAL = specialTable('%$\\');

/** Whether a code unit may begin a construct in a language: the kernel's plain-text scan stops there. */
export function isSpecial(language: DocLanguage, c: number): boolean {
  return language === 'markdown' ? MD_SPECIAL[c] === 1 : language === 'latex' ? TEX_SPECIAL[c] === 1 : false;
}

const isSign = (c: number) => c === 0x2b || c === 0x2d;

/**
 * The length of LaTeX superscript markup at `j` (`$^+$`, `$^{+}$`, `\textsuperscript{+}`, minus signs too),
 * or 0. The kernel reads through it when it is part of a term (its markupAt has the rules of both languages);
 * elsewhere the scan passes over it as text.
 */
function latexSuperscriptAt(text: string, j: number): number {
  const c = text.charCodeAt(j);
  if (c === 0x24) {
    if (text.charCodeAt(j + 1) !== 0x5e) return 0;
    const s = text.charCodeAt(j + 2);
    if (isSign(s)) return text.charCodeAt(j + 3) === 0x24 ? 4 : 0;
    return s === 0x7b && isSign(text.charCodeAt(j + 3)) && text.charCodeAt(j + 4) === 0x7d && text.charCodeAt(j + 5) === 0x24 ? 6 : 0;
  }
  return c === 0x5c && text.startsWith('\\textsuperscript{', j) && isSign(text.charCodeAt(j + 17)) && text.charCodeAt(j + 18) === 0x7d ? 19 : 0;
}

class Collector {
  readonly skips: number[] = [];
  skip(a: number, b: number): void {
    if (b <= a) return;
    const n = this.skips.length;
    if (n > 0 && this.skips[n - 1] >= a) {
      if (b > this.skips[n - 1]) this.skips[n - 1] = b;
    } else this.skips.push(a, b);
  }
}

/** Skips plain text up to the next character where a construct may begin. */
function skipper(table: Uint8Array): PlainTextScanner {
  return (text, from, end) => {
    let i = from;
    while (i < end && table[text.charCodeAt(i)] === 0) i++;
    return i;
  };
}
const SKIP_TEX = skipper(TEX_SPECIAL);

/**
 * Scans `text[start, end)` of a LaTeX or plain-text document for regions (the whole text by default). With
 * `plain`, the text between constructs is handed to it as it is reached (for plain text, all of it).
 * Markdown is scanned by the matcher's kernel.
 */
export function findRegions(text: string, language: 'latex' | 'plain', start = 0, end = text.length, plain?: PlainTextScanner): Regions {
  const out = new Collector();
  if (language === 'latex') scanLatex(text, start, end, out, plain ?? SKIP_TEX);
  else if (plain) plain(text, start, end);
  return { skips: out.skips };
}

/**
 * Skips a construct opened at `i` by a two-character delimiter (`$$`, `\(`, `\[`) up to its closer, or to
 * the paragraph end `pe` when the closer is missing or beyond it. Returns where scanning continues.
 */
function skipMath(text: string, i: number, closer: string, pe: number, out: Collector): number {
  const close = text.indexOf(closer, i + 2);
  const stop = close >= 0 && close < pe ? close + closer.length : pe;
  out.skip(i, stop);
  return stop;
}

/** Index of the bracket closing the one at `open`, balancing nested ones, or -1 before `end`. */
function findBalanced(text: string, open: number, end: number, oc: number, cc: number): number {
  let depth = 0;
  for (let k = open; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x5c) {
      k++;
      continue;
    }
    if (c === oc) depth++;
    else if (c === cc && --depth === 0) return k;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------- LaTeX

const MATH_ENVS = new Set([
  'equation', 'equation*', 'align', 'align*', 'alignat', 'alignat*', 'flalign', 'flalign*', 'gather', 'gather*',
  'multline', 'multline*', 'eqnarray', 'eqnarray*', 'math', 'displaymath', 'dmath', 'dmath*',
]);
const VERBATIM_ENVS = new Set(['verbatim', 'verbatim*', 'Verbatim', 'lstlisting', 'minted', 'comment', 'alltt', 'filecontents', 'filecontents*']);
/** Commands whose arguments are keys, labels, paths or code: skipped whole. */
const SKIP_ARG_COMMANDS = new Set([
  'ref', 'eqref', 'pageref', 'autoref', 'cref', 'Cref', 'nameref', 'vref', 'label', 'url', 'input', 'include',
  'includeonly', 'includegraphics', 'bibliography', 'bibliographystyle', 'addbibresource', 'usepackage',
  'RequirePackage', 'documentclass', 'begin', 'end', 'hypersetup', 'graphicspath', 'newcounter', 'setcounter',
  'addtocounter', 'setlength', 'addtolength', 'hspace', 'vspace', 'color', 'pagestyle', 'thispagestyle',
  'pagenumbering', 'newenvironment', 'renewenvironment', 'newcommand', 'renewcommand', 'providecommand',
  'DeclareMathOperator', 'def', 'let', 'lstinputlisting', 'inputminted', 'verbatiminput', 'nocite', 'linewidth',
]);
/** Commands whose first argument is skipped and the rest is text (\href{url}{text}, \textcolor{red}{text}). */
const SKIP_FIRST_ARG = new Set(['href', 'textcolor', 'colorbox', 'fcolorbox', 'rotatebox', 'scalebox', 'resizebox']);

function isCiteCommand(name: string): boolean {
  return /cite/i.test(name);
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x40;
}

function scanLatex(text: string, start: number, end: number, out: Collector, plain: PlainTextScanner): void {
  let i = start;
  let paraEnd = -1;
  const bound = (pos: number) => {
    if (pos >= paraEnd) paraEnd = paragraphEnd(text, pos, end);
    return paraEnd;
  };
  const skipArgs = (from: number, count: number, pe: number): number => {
    // Skips optional [..] and up to `count` {..} arguments (and a trailing star), returns the position after.
    let k = from;
    if (text.charCodeAt(k) === 0x2a) k++;
    let braces = 0;
    for (;;) {
      let w = k;
      while (w < pe && (text.charCodeAt(w) === 0x20 || text.charCodeAt(w) === 0x09 || text.charCodeAt(w) === NL || text.charCodeAt(w) === 0x0d)) w++;
      const c = text.charCodeAt(w);
      if (c === 0x5b) {
        const close = findBalanced(text, w, pe, 0x5b, 0x5d);
        if (close < 0) return k;
        k = close + 1;
      } else if (c === 0x7b && braces < count) {
        const close = findBalanced(text, w, pe, 0x7b, 0x7d);
        if (close < 0) return pe;
        k = close + 1;
        braces++;
      } else return k;
    }
  };
  while (i < end) {
    i = plain(text, i, end);
    if (i >= end) break;
    const c = text.charCodeAt(i);
    if (c === 0x25) {
      // % comment to the end of the line
      const le = lineEnd(text, i, end);
      out.skip(i, le);
      i = le;
      continue;
    }
    if (c === 0x24) {
      const pe = bound(i);
      if (text.charCodeAt(i + 1) === 0x24) {
        i = skipMath(text, i, '$$', pe, out);
        continue;
      }
      const sup = latexSuperscriptAt(text, i);
      if (sup !== 0) {
        i += sup;
        continue;
      }
      let j = i + 1;
      let close = -1;
      while (j < pe) {
        const n = text.indexOf('$', j);
        if (n < 0 || n >= pe) break;
        if (text.charCodeAt(n - 1) === 0x5c) {
          j = n + 1;
          continue;
        }
        close = n;
        break;
      }
      const stop = close >= 0 ? close + 1 : pe;
      out.skip(i, stop);
      i = stop;
      continue;
    }
    if (c !== 0x5c) {
      i++;
      continue;
    }
    // A backslash: a control symbol, math delimiters, or a command.
    const n = text.charCodeAt(i + 1);
    if (n === 0x28 || n === 0x5b) {
      i = skipMath(text, i, n === 0x28 ? '\\)' : '\\]', bound(i), out);
      continue;
    }
    if (!isLetter(n)) {
      out.skip(i, Math.min(i + 2, end));
      i += 2;
      continue;
    }
    let k = i + 1;
    while (k < end && isLetter(text.charCodeAt(k))) k++;
    const name = text.slice(i + 1, k);
    if (name === 'verb' || name === 'lstinline') {
      let d = k;
      if (text.charCodeAt(d) === 0x2a) d++;
      const delim = text.charAt(d);
      const pe = bound(i);
      const close = delim === '{' ? findBalanced(text, d, pe, 0x7b, 0x7d) : text.indexOf(delim, d + 1);
      const stop = close >= 0 && close < pe ? close + 1 : lineEnd(text, i, end);
      out.skip(i, stop);
      i = stop;
      continue;
    }
    if (name === 'begin') {
      const m = /^\{([A-Za-z*]+)\}/.exec(text.slice(k, k + 40));
      if (m && (MATH_ENVS.has(m[1]) || VERBATIM_ENVS.has(m[1]))) {
        const endTag = `\\end{${m[1]}}`;
        const close = text.indexOf(endTag, k);
        let stop: number;
        if (MATH_ENVS.has(m[1])) {
          // TeX ends math at a blank line ("Missing $ inserted"), so a math environment never spans one.
          const pe = bound(i);
          stop = close >= 0 && close < pe ? close + endTag.length : pe;
        } else stop = close >= 0 && close < end ? close + endTag.length : paragraphEnd(text, i, end);
        out.skip(i, stop);
        i = stop;
        continue;
      }
    }
    const sup = latexSuperscriptAt(text, i);
    if (sup !== 0) {
      i += sup;
      continue;
    }
    const pe = bound(i);
    if (isCiteCommand(name) || SKIP_ARG_COMMANDS.has(name)) {
      const stop = skipArgs(k, name === 'newcommand' || name === 'renewcommand' || name === 'providecommand' ? 2 : name === 'hypersetup' ? 1 : 1, pe);
      out.skip(i, stop);
      i = stop;
      continue;
    }
    if (SKIP_FIRST_ARG.has(name)) {
      const stop = skipArgs(k, 1, pe);
      out.skip(i, stop);
      i = stop;
      continue;
    }
    // Any other command: skip its name (and optional arguments); its {text} arguments are text.
    let stop = k;
    if (text.charCodeAt(stop) === 0x2a) stop++;
    if (text.charCodeAt(stop) === 0x5b) {
      const close = findBalanced(text, stop, pe, 0x5b, 0x5d);
      if (close >= 0) stop = close + 1;
    }
    out.skip(i, stop);
    i = stop;
  }
}
