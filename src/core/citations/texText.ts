/** TeX → Unicode for display: accents, symbols, math, dashes, quotes and font commands of BibTeX values. */

/** How deep accent commands are decoded inside accent arguments (`\'{\'{…}}`); real text uses one or two. */
export const MAX_ACCENT_DEPTH = 32;

/** The offset of the brace closing the one at `open`, or -1. */
export function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && --depth === 0) return i;
    else if (c === 92) i++;
  }
  return -1;
}

/** Accent commands → combining characters; NFC then composes "o" + U+0308 into "ö". */
const ACCENTS: ReadonlyMap<string, string> = new Map([
  ['"', '\u0308'],
  ["'", '\u0301'],
  ['`', '\u0300'],
  ['^', '\u0302'],
  ['~', '\u0303'],
  ['=', '\u0304'],
  ['.', '\u0307'],
  ['u', '\u0306'],
  ['v', '\u030c'],
  ['H', '\u030b'],
  ['c', '\u0327'],
  ['k', '\u0328'],
  ['r', '\u030a'],
  ['d', '\u0323'],
  ['b', '\u0331'],
  ['t', '\u0361'],
]);

const SYMBOLS: ReadonlyMap<string, string> = new Map(Object.entries({
  ss: 'ß', SS: 'SS', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', o: 'ø', O: 'Ø', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł',
  i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
  '&': '&', '%': '%', $: '$', '#': '#', _: '_', '{': '{', '}': '}', ' ': ' ', ',': '\u2009', ';': ' ', '!': '', '/': '', '-': '',
  textendash: '–', textemdash: '—', textquoteright: '’', textquoteleft: '‘', textquotedblleft: '“', textquotedblright: '”',
  ldots: '…', dots: '…', textellipsis: '…', textdegree: '°', textregistered: '®', texttrademark: '™', textcopyright: '©',
  copyright: '©', pounds: '£', euro: '€', texteuro: '€', S: '§', P: '¶', dag: '†', ddag: '‡', textasciitilde: '~',
  textbackslash: '\\', textbar: '|', textless: '<', textgreater: '>', textunderscore: '_', textbullet: '•', textperiodcentered: '·',
  guillemotleft: '«', guillemotright: '»', textquotesingle: "'", textmu: 'µ', textpm: '±', pm: '±', times: '×', textdiv: '÷',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', iota: 'ι', kappa: 'κ',
  lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ',
  psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ',
  Psi: 'Ψ', Omega: 'Ω', textalpha: 'α', textbeta: 'β', textgamma: 'γ', textkappa: 'κ', leq: '≤', geq: '≥', le: '≤', ge: '≥',
  neq: '≠', approx: '≈', sim: '∼', infty: '∞', rightarrow: '→', to: '→', leftarrow: '←', uparrow: '↑', downarrow: '↓', cdot: '·',
  deg: '°', circ: '°', prime: '′', textsuperscript: '', textsubscript: '', '\\': ' ', newline: ' ', par: ' ', relax: '',
}));

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** Reads the argument of an accent command at `p`: a `{group}`, a control word (`\\i`) or one character. */
function readAccentArg(raw: string, p: number, depth: number): { text: string; end: number } {
  const n = raw.length;
  while (p < n && (raw[p] === ' ' || raw[p] === '\n' || raw[p] === '\t')) p++;
  if (raw[p] === '{') {
    const e = matchingBrace(raw, p);
    if (e < 0) return { text: decodeTexAt(raw.slice(p + 1), depth + 1), end: n };
    return { text: decodeTexAt(raw.slice(p + 1, e), depth + 1), end: e + 1 };
  }
  if (raw[p] === '\\') {
    let q = p + 1;
    while (q < n && isLetter(raw.charCodeAt(q))) q++;
    if (q === p + 1) q++;
    return { text: decodeTexAt(raw.slice(p, q), depth + 1), end: q };
  }
  return { text: p < n ? raw[p] : '', end: Math.min(n, p + 1) };
}

const NEEDS_DECODING = /[\\{}~$]|--|``|''|\s\s|[\t\n\r]/;

/**
 * Decodes a raw BibTeX value for display: TeX accents and symbols to Unicode, braces and font commands
 * removed, `--`/`---` to dashes, `~` to a space, whitespace collapsed. Never throws.
 */
export function decodeTex(raw: string): string {
  return decodeTexAt(raw, 0);
}

/** {@link decodeTex} inside `depth` accent arguments. */
function decodeTexAt(raw: string, depth: number): string {
  // Fast path: most values are plain text.
  if (!NEEDS_DECODING.test(raw)) return raw.trim();
  let out = '';
  let combining = false;
  let space = false;
  // Plain characters are copied in runs: appending them one by one allocates a string per character.
  let run = -1;
  const n = raw.length;
  const flush = (i: number) => {
    if (run >= 0) {
      out += raw.slice(run, i);
      run = -1;
    }
  };
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    const special = c === 32 || c === 9 || c === 10 || c === 13 || c === 126 || c === 123 || c === 125 || c === 36 || c === 92 ||
      ((c === 45 || c === 96 || c === 39) && raw.charCodeAt(i + 1) === c);
    if (!special) {
      if (space) {
        flush(i);
        out += ' ';
        space = false;
      }
      if (run < 0) run = i;
      continue;
    }
    flush(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 126 /* ~ */) {
      space = out !== '';
      continue;
    }
    if (c === 123 || c === 125 || c === 36) continue; // { } $
    if (space) {
      out += ' ';
      space = false;
    }
    if (c === 92 /* \\ */) {
      if (i + 1 >= n) break;
      const next = raw.charCodeAt(i + 1);
      let name: string;
      let end: number;
      const word = isLetter(next);
      if (word) {
        let q = i + 1;
        while (q < n && isLetter(raw.charCodeAt(q))) q++;
        name = raw.slice(i + 1, q);
        end = q;
      } else {
        name = raw[i + 1];
        end = i + 2;
      }
      // Past the depth bound an accent is read like a font command: its argument stays, undecorated.
      const accent = depth < MAX_ACCENT_DEPTH ? ACCENTS.get(name) : undefined;
      if (accent !== undefined) {
        const arg = readAccentArg(raw, end, depth);
        let base = arg.text;
        if (base.startsWith('ı')) base = 'i' + base.slice(1);
        else if (base.startsWith('ȷ')) base = 'j' + base.slice(1);
        out += base === '' ? accent : base[0] + accent + base.slice(1);
        combining = true;
        i = arg.end - 1;
        continue;
      }
      const sym = SYMBOLS.get(name);
      if (sym !== undefined) {
        out += sym;
        // A control word eats the spaces after it ("\\ss d" is "ßd"); `{}` after it only ends the word.
        if (word) {
          while (end < n && raw.charCodeAt(end) === 32) end++;
          if (raw.charCodeAt(end) === 123 && raw.charCodeAt(end + 1) === 125) end += 2;
        }
        i = end - 1;
        continue;
      }
      // Unknown or font command (\\emph, \\textit, \\mkbibemph, \\url, …): keep its argument, drop the command.
      if (word) while (end < n && raw.charCodeAt(end) === 32) end++;
      i = end - 1;
      continue;
    }
    if (c === 45 /* - */) {
      if (raw.charCodeAt(i + 2) === 45) {
        out += '—';
        i += 2;
      } else {
        out += '–';
        i += 1;
      }
      continue;
    }
    out += c === 96 ? '“' : '”';
    i++;
  }
  flush(n);
  return combining ? out.normalize('NFC') : out;
}
