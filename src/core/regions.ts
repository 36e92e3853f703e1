/**
 * Document languages and their regions: the parts of a manuscript where terms must not be matched, and the
 * superscript markup that matching reads through (`CD8$^+$ T cells`, `CD8^+^`, `CD8<sup>+</sup>` and
 * `CD8\textsuperscript{+}` read as `CD8+ T cells`).
 *
 * - Markdown: fenced and inline code, `$…$`/`$$…$$` and `\(…\)`/`\[…\]` math, HTML comments and tags,
 *   autolinks and bare URLs, link targets and reference definitions, Pandoc citation keys, front matter.
 * - LaTeX: `%` comments, inline and display math and math environments, command names, the arguments of
 *   `\cite`-like, `\ref`, `\label`, `\url`, `\input` commands (the lists are below), verbatim
 *   environments and `\verb`.
 *
 * The scans run in the matcher's WebAssembly kernel (assembly/kernel.ts, `scanMarkdown` and `scanLatex`),
 * together with the matching, so that a document is read in one pass. Constructs that are not closed are
 * bounded: inline constructs end at the paragraph (blank line), block constructs whose closing line never
 * comes end at the next blank line, so one stray `$` or fence never blanks the rest of a document.
 */

export type DocLanguage = 'markdown' | 'latex' | 'plain';

/** The result of a scan: sorted, non-overlapping skip ranges. */
export interface Regions {
  /** [start0, end0, start1, end1, ...], sorted, non-overlapping, half-open. */
  skips: number[];
}

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

/** Kinds of LaTeX names, for the kernel's LaTeX scan (its constants of the same names). */
export const LATEX_NAME_KIND = {
  skipOneArgument: 1,
  skipTwoArguments: 2,
  verbatimCommand: 4,
  mathEnvironment: 8,
  verbatimEnvironment: 16,
} as const;

/**
 * The LaTeX commands and environments the region scan treats specially, with their kinds (a name can be
 * both a command and an environment). Any command whose name contains `cite` also has its arguments
 * skipped.
 */
export function latexNameKinds(): Map<string, number> {
  const kinds = new Map<string, number>();
  const add = (name: string, kind: number) => kinds.set(name, (kinds.get(name) ?? 0) | kind);
  for (const name of SKIP_ARG_COMMANDS) add(name, ['newcommand', 'renewcommand', 'providecommand'].includes(name) ? LATEX_NAME_KIND.skipTwoArguments : LATEX_NAME_KIND.skipOneArgument);
  for (const name of SKIP_FIRST_ARG) add(name, LATEX_NAME_KIND.skipOneArgument);
  for (const name of ['verb', 'lstinline']) add(name, LATEX_NAME_KIND.verbatimCommand);
  for (const name of MATH_ENVS) add(name, LATEX_NAME_KIND.mathEnvironment);
  for (const name of VERBATIM_ENVS) add(name, LATEX_NAME_KIND.verbatimEnvironment);
  return kinds;
}
