/**
 * Document languages and their regions: the parts of a manuscript where terms must not be matched, and the
 * superscript markup that matching reads through (`CD8$^+$ T cells`, `CD8^+^`, `CD8<sup>+</sup>` and
 * `CD8\textsuperscript{+}` read as `CD8+ T cells`).
 *
 * - Markdown: fenced and inline code, `$…$`/`$$…$$` and `\(…\)`/`\[…\]` math, HTML comments and tags,
 *   autolinks and bare URLs, link targets and reference definitions, Pandoc citation keys, front matter
 *   except the prose values of its title, subtitle, abstract, description, summary and keywords (the kernel
 *   skips the front matter whole; the matcher then scans those values, see {@link frontMatterProse}).
 * - LaTeX: `%` comments, inline and display math and math environments, command names, the arguments of
 *   `\cite`-like, `\ref`, `\label`, `\url`, `\input` commands (the lists are below), verbatim
 *   environments and `\verb`.
 *
 * The scans run in the matcher's WebAssembly kernel (assembly/markdown.ts and assembly/latex.ts, each with
 * its rules at its top), together with the matching, so that a document is read in one pass. Constructs that are not closed are
 * bounded: inline constructs end at the paragraph (blank line), block constructs whose closing line never
 * comes end at the next blank line, so one stray `$` or fence never blanks the rest of a document.
 */
import { NAME_MATH_ENVIRONMENT, NAME_SKIP_ONE_ARGUMENT, NAME_SKIP_TWO_ARGUMENTS, NAME_VERBATIM_COMMAND, NAME_VERBATIM_ENVIRONMENT } from '../../../assembly/contract';

import { documentLanguageOf } from './documentLanguages';

export type DocLanguage = 'markdown' | 'latex' | 'plain';

/** The result of a scan: sorted, non-overlapping skip ranges. */
export interface Regions {
  /** [start0, end0, start1, end1, ...], sorted, non-overlapping, half-open. */
  skips: number[];
}

/** Maps a VS Code language id or a file extension to the region rules used (documentLanguages.ts). */
export function languageOf(idOrExt: string): DocLanguage {
  const l = documentLanguageOf(idOrExt);
  if (l) return l.markup;
  return 'plain';
}

const NL = 0x0a;
const CR = 0x0d;

/** The front matter keys whose values are prose that readers read (docs/annotation.md §2). */
export const FRONT_MATTER_PROSE_KEYS: readonly string[] = ['title', 'subtitle', 'abstract', 'description', 'summary', 'keywords'];

/**
 * The prose values of a YAML front matter text[0, end) (the region the Markdown scan skips as front matter):
 * for each top-level key of {@link FRONT_MATTER_PROSE_KEYS}, from just after its colon to the start of the
 * next top-level key or of the closing fence line. A top-level key is a line starting with a letter or `_`,
 * then name characters and a colon. Keys, fences and every other value stay outside. One pass over the lines.
 */
export function frontMatterProse(text: string, end: number): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  // Lines after the opening fence; the last line (the closing fence, if any) closes an open value.
  for (let line = text.indexOf('\n') + 1; line > 0 && line < end; ) {
    const nl = text.indexOf('\n', line);
    const lineEnd = nl < 0 || nl > end ? end : nl;
    const fence = /^(?:---|\.\.\.)[ \t]*\r?$/.test(text.slice(line, lineEnd));
    const key = fence ? null : /^([A-Za-z_][\w-]*)[ \t]*:/.exec(text.slice(line, Math.min(lineEnd, line + 64)));
    if ((fence || key) && open >= 0) {
      if (line > open) out.push([open, line]);
      open = -1;
    }
    if (key && FRONT_MATTER_PROSE_KEYS.includes(key[1])) open = line + key[0].length;
    if (fence || nl < 0) break;
    line = nl + 1;
  }
  if (open >= 0 && end > open) out.push([open, end]);
  return out;
}

/** A line break: `\n`, or `\r` (alone or in `\r\n`), as VS Code counts lines. */
const isBreak = (c: number) => c === NL || c === CR;
/** Whitespace that may fill a blank line: JavaScript's \s without the line breaks (so U+3000 too). */
const isBlankSpace = (c: number) => !isBreak(c) && /\s/.test(String.fromCharCode(c));

/**
 * Whether a line's text (without its line break) is blank: empty or whitespace only, as VS Code's
 * `TextLine.isEmptyOrWhitespace` says. Paragraphs are separated by blank lines; this is the one definition
 * the kernel's scans, {@link paragraphEnd}, {@link paragraphStart} and the editors' paragraph readers share.
 */
export function isBlankLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isBlankSpace(line.charCodeAt(i))) return false;
  return true;
}

/**
 * End of the paragraph containing `pos`: the index of the line break before the first blank line, or `end`.
 * Lines end at `\n`, `\r\n` or a lone `\r`; see {@link isBlankLine}.
 */
export function paragraphEnd(text: string, pos: number, end = text.length): number {
  let i = pos;
  for (;;) {
    let t = i;
    while (t < end && !isBreak(text.charCodeAt(t))) t++;
    if (t >= end) return end;
    let j = text.charCodeAt(t) === CR && text.charCodeAt(t + 1) === NL ? t + 2 : t + 1;
    while (j < end && isBlankSpace(text.charCodeAt(j))) j++;
    if (j >= end || isBreak(text.charCodeAt(j))) return t;
    i = j;
  }
}

/** Start of the paragraph containing `pos` (just after the previous blank line), or `start`. */
export function paragraphStart(text: string, pos: number, start = 0): number {
  let i = Math.min(pos, text.length);
  for (;;) {
    // The line break before i, and where it begins (a \r\n is one break).
    let t = i - 1;
    while (t >= start && !isBreak(text.charCodeAt(t))) t--;
    if (t < start) return start;
    const breakStart = text.charCodeAt(t) === NL && t - 1 >= start && text.charCodeAt(t - 1) === CR ? t - 1 : t;
    // Is the line before this break blank?
    let j = breakStart - 1;
    while (j >= start && isBlankSpace(text.charCodeAt(j))) j--;
    if (j < start || isBreak(text.charCodeAt(j))) return t + 1;
    i = breakStart;
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

/** Kinds of LaTeX names, for the kernel's LaTeX scan (the kernel's contract, assembly/contract.ts). */
export const LATEX_NAME_KIND = {
  skipOneArgument: NAME_SKIP_ONE_ARGUMENT,
  skipTwoArguments: NAME_SKIP_TWO_ARGUMENTS,
  verbatimCommand: NAME_VERBATIM_COMMAND,
  mathEnvironment: NAME_MATH_ENVIRONMENT,
  verbatimEnvironment: NAME_VERBATIM_ENVIRONMENT,
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
