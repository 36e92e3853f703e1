/**
 * A tolerant BibTeX reader (CSL-JSON is read by cslJson.ts, TeX decoded by texText.ts; the one entry point
 * for a file is bibliography/read.ts). One broken entry yields one {@link BibError} and reading
 * resumes at the next `@` at the start of a line, so a single typo never hides the rest of a bibliography
 * (the usual complaint about the parsers behind LaTeX Workshop and Pandoc Citer).
 *
 * Every table keyed by text from the file (macros, fields, TeX command names, CSL types) is a `Map` or an
 * object without a prototype, so a macro named `constructor` or a field named `__proto__` is plain data.
 * Bounds that keep a hostile file from exhausting memory or the stack, each reported as one broken entry:
 * - a value built from `@string` macros is at most {@link MAX_EXPANDED_VALUE} characters long, and macros
 *   nest at most {@link MAX_MACRO_DEPTH} deep (a macro defined from a macro defined from …);
 * - all macro expansions of one file together copy at most {@link expansionBudget} characters;
 * - TeX accent arguments are decoded recursively at most `MAX_ACCENT_DEPTH` deep (texText.ts); deeper accents
 *   keep their argument undecorated, so {@link decodeTex} never overflows the stack and stays linear.
 */
import { lineIndexAt, lineStarts } from '../text/lines';
import { decodeTex, matchingBrace } from './texText';

/** A person named in `author` or `editor`. */
export interface BibName {
  /** Family name including particles ("van der Berg"), or the whole name of an organisation. */
  family: string;
  given?: string;
  /** Set for `{Protected Organisation Names}`, which are never split. */
  literal?: boolean;
}

/** One bibliography entry, with values decoded from TeX to Unicode for display. */
export interface BibEntry {
  key: string;
  /** Lower-case entry type ("article", "book", …). */
  type: string;
  /**
   * Display fields (see {@link DISPLAY_FIELDS}) as text: macros expanded, braces removed, TeX decoded. Other
   * fields (abstract, file, keywords, …) are only in {@link BibEntry.raw}; {@link fieldText} decodes any field.
   */
  fields: Record<string, string>;
  /** Field name → value with macros expanded but braces and TeX kept (needed to split names correctly). */
  raw: Record<string, string>;
  authors: BibName[];
  editors: BibName[];
  /** 1-based line of the `@` that opens the entry. */
  line: number;
  /** Offsets of the entry in the source text ([start, end)). */
  start: number;
  end: number;
}

/** A problem with one entry; the entry is left out and reading goes on. */
export interface BibError {
  /** 1-based line of the problem. */
  line: number;
  /** The citation key of the broken entry, when it could be read. */
  key?: string;
  message: string;
}

export interface BibParseResult {
  entries: BibEntry[];
  errors: BibError[];
  /**
   * Problems that leave the entry in (BibTeX warns about them too): a key used by an earlier entry, a
   * `@string` macro that is not defined (its name stands as the value). Absent when there are none.
   */
  warnings?: BibError[];
  /** `@string` macros defined by the file (lower-case names), values raw; an object without a prototype. */
  strings: Record<string, string>;
  preambles: string[];
}

/**
 * The fields decoded while parsing. Decoding every abstract of a large library would double the parse time
 * for text nobody displays; {@link fieldText} decodes the others on demand. `author` and `editor` are read
 * into {@link BibEntry.authors} and {@link BibEntry.editors} instead.
 */
export const DISPLAY_FIELDS: ReadonlySet<string> = new Set([
  'title', 'shorttitle', 'subtitle', 'journal', 'journaltitle', 'booktitle', 'year', 'date', 'month',
  'volume', 'number', 'issue', 'pages', 'doi', 'url', 'pmid', 'note', 'publisher', 'institution', 'school',
  'organization', 'edition', 'series', 'eprint', 'crossref', 'howpublished', 'isbn', 'issn', 'langid', 'language',
]);

/** A field of an entry as display text, decoding it if the parser did not. */
export function fieldText(entry: BibEntry, name: string): string | undefined {
  const f = entry.fields[name];
  if (f !== undefined) return f;
  const r = entry.raw[name];
  return r === undefined ? undefined : decodeTex(r);
}

const MONTHS: ReadonlyMap<string, string> = new Map([
  ['jan', 'January'],
  ['feb', 'February'],
  ['mar', 'March'],
  ['apr', 'April'],
  ['may', 'May'],
  ['jun', 'June'],
  ['jul', 'July'],
  ['aug', 'August'],
  ['sep', 'September'],
  ['oct', 'October'],
  ['nov', 'November'],
  ['dec', 'December'],
]);

/** The longest value (in UTF-16 code units) that `@string` macros may build: 1 Mi, far above any real field. */
export const MAX_EXPANDED_VALUE = 1 << 20;
/** How deep macros may be defined from macros; real files rarely go beyond two. */
export const MAX_MACRO_DEPTH = 64;

/**
 * How many characters the macro expansions of a file of `length` characters may copy in all: eight times
 * the file plus one maximal value. A journal macro used by every entry costs far less than the entries.
 */
export function expansionBudget(length: number): number {
  return 8 * length + MAX_EXPANDED_VALUE;
}

/**
 * An object for names read from input, whose prototype chain ends in an empty object without a prototype:
 * `constructor` or `__proto__` are ordinary keys. (`Object.create(null)` would do the same but starts in
 * V8's slow dictionary mode, which costs the parser a third of its speed.)
 */
const Dict = function Dict() {} as unknown as new () => Record<string, string>;
Dict.prototype = Object.create(null) as object;
export function dict(): Record<string, string> {
  return new Dict();
}

const AT = 64, LBRACE = 123, RBRACE = 125, LPAREN = 40, RPAREN = 41, COMMA = 44, EQ = 61, QUOTE = 34, HASH = 35, NL = 10;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === 0xfeff;
}

/** Characters allowed in entry types, field names and macro names. */
/** Where an unbraced value ends: white space, `,`, `}`, `)` or `#`. */
function isBareWordEnd(c: number): boolean {
  return isSpace(c) || c === COMMA || c === RBRACE || c === RPAREN || c === HASH;
}

function isIdentChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
    c === 95 || c === 45 || c === 46 || c === 58 || c === 43 || c === 47 || c === 39 || c === 33 || c === 63 || c === 42 || c === 38 || c === 36 || c === 60 || c === 62 || c === 94 || c === 96 || c === 124 || c === 126 || c === 59 || c > 127
  );
}

/** Characters allowed in citation keys: anything but space, comma, braces, parentheses, quotes, `=`, `#`, `%`. */
function isKeyChar(c: number): boolean {
  return !isSpace(c) && c !== COMMA && c !== LBRACE && c !== RBRACE && c !== LPAREN && c !== RPAREN && c !== EQ && c !== QUOTE && c !== HASH && c !== 37;
}

class EntryError extends Error {
  constructor(
    readonly pos: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses BibTeX (and biblatex) text. Never throws: problems come back as {@link BibError}s, one per broken
 * entry. Handles `@string` macros (nested, `#` concatenation, month macros), `@preamble`, `@comment`,
 * `crossref` inheritance, braces or quotes as delimiters, `(`…`)` entries, and keys containing `/` and `:`.
 */
export function parseBibtex(text: string): BibParseResult {
  const reader = new BibtexReader(text);
  reader.readAll();
  const { entries, warnings } = reader;
  resolveCrossrefs(entries);
  const firstByKey = new Map<string, BibEntry>();
  for (const e of entries) {
    const k = e.key.toLowerCase();
    const first = firstByKey.get(k);
    if (first === undefined) firstByKey.set(k, e);
    else warnings.push({ line: e.line, key: e.key, message: `duplicate key '${e.key}' (first defined on line ${first.line})` });
  }
  warnings.sort((a, b) => a.line - b.line);
  const macros = dict();
  for (const [name, m] of reader.strings) macros[name] = m.value;
  return { entries, errors: reader.errors, strings: macros, preambles: reader.preambles, ...(warnings.length > 0 ? { warnings } : {}) };
}

/**
 * One pass over a BibTeX text, by responsibility: the lexical reads (space, identifiers, field names, where
 * an entry starts), values (braced, quoted, numbers, macros and `#`), the kinds of `@` block (comment,
 * preamble and string, entry with its key and fields), and recovery (resync to the next entry line).
 */
class BibtexReader {
  private readonly starts: number[];
  private readonly n: number;
  /** Macro name → expanded value and how deep it nests macros. */
  readonly strings = new Map<string, { value: string; depth: number }>();
  private budget: number;
  readonly entries: BibEntry[] = [];
  readonly errors: BibError[] = [];
  readonly warnings: BibError[] = [];
  readonly preambles: string[] = [];
  /**
   * Field names repeat thousands of times: one lower-case string per spelling instead of allocating (and
   * internalising) a new one for every field.
   */
  private readonly names = new Map<string, string>();

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
    this.n = text.length;
    this.budget = expansionBudget(text.length);
  }

  private lineOf(pos: number): number {
    return lineIndexAt(this.starts, pos) + 1;
  }

  // Lexical reads -----------------------------------------------------------------------------------------

  private skipSpace(p: number): number {
    while (p < this.n && isSpace(this.text.charCodeAt(p))) p++;
    return p;
  }

  private readIdent(p: number): string {
    const s = p;
    while (p < this.n && isIdentChar(this.text.charCodeAt(p))) p++;
    return this.text.slice(s, p);
  }

  private readName(p: number): { name: string; length: number } {
    const raw = this.readIdent(p);
    let lower = this.names.get(raw);
    if (lower === undefined) {
      lower = raw.toLowerCase();
      this.names.set(raw, lower);
    }
    return { name: lower, length: raw.length };
  }

  /** True when `p` starts a line whose first non-blank character is `@` followed by a type and a delimiter. */
  private isEntryStartLine(p: number): boolean {
    const { text, n } = this;
    let q = p;
    while (q < n && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
    if (text.charCodeAt(q) !== AT) return false;
    q++;
    const s = q;
    while (q < n && isIdentChar(text.charCodeAt(q))) q++;
    if (q === s) return false;
    q = this.skipSpace(q);
    const c = text.charCodeAt(q);
    return c === LBRACE || c === LPAREN;
  }

  // Values ------------------------------------------------------------------------------------------------

  /** Reads a `{…}` group starting at `p` (at the `{`); returns the end (after `}`). */
  private readBraced(p: number, fieldStart: number): number {
    const { text, n } = this;
    let depth = 0;
    for (let i = p; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACE) depth++;
      else if (c === RBRACE) {
        depth--;
        if (depth === 0) return i + 1;
      } else if (c === 92 /* \ */) i++;
      else if (c === NL && depth > 0 && i + 1 < n && this.isEntryStartLine(i + 1)) {
        // A new entry inside a value almost always means a brace was never closed.
        throw new EntryError(fieldStart, 'unbalanced braces: a value is not closed before the next entry');
      }
    }
    throw new EntryError(fieldStart, 'unbalanced braces: a value is not closed before the end of the file');
  }

  private readQuoted(p: number, fieldStart: number): number {
    const { text, n } = this;
    let depth = 0;
    for (let i = p + 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACE) depth++;
      else if (c === RBRACE) {
        if (depth === 0) throw new EntryError(i, 'unbalanced braces: "}" inside a quoted value');
        depth--;
      } else if (c === 92) i++;
      else if (c === QUOTE && depth === 0) return i + 1;
      else if (c === NL && i + 1 < n && this.isEntryStartLine(i + 1)) {
        throw new EntryError(fieldStart, 'a quoted value is not closed before the next entry');
      }
    }
    throw new EntryError(fieldStart, 'a quoted value is not closed before the end of the file');
  }

  /** Reads `part # part # …`; returns the raw expanded value, its macro depth and the end position. */
  private readValue(p: number, fieldStart: number): { value: string; depth: number; end: number } {
    const { text, n } = this;
    let value = '';
    let depth = 0;
    for (;;) {
      p = this.skipSpace(p);
      const c = text.charCodeAt(p);
      if (c === LBRACE) {
        const e = this.readBraced(p, fieldStart);
        value += text.slice(p + 1, e - 1);
        p = e;
      } else if (c === QUOTE) {
        const e = this.readQuoted(p, fieldStart);
        value += text.slice(p + 1, e - 1);
        p = e;
      } else if (c >= 48 && c <= 57) {
        // A number, or an unbraced word that starts with one (`isbn = 1-405-12345-6`): BibTeX rejects the
        // latter, but the entry is worth keeping, so it reads to the next delimiter.
        const s = p;
        while (p < n && !isBareWordEnd(text.charCodeAt(p))) p++;
        value += text.slice(s, p);
      } else if (p < n && isIdentChar(c)) {
        const name = this.readIdent(p);
        p += name.length;
        const expanded = this.expandMacro(name, p - name.length, value.length, fieldStart);
        value += expanded.value;
        depth = Math.max(depth, expanded.depth);
      } else {
        throw new EntryError(p, p >= n ? 'unexpected end of file in a value' : `expected a value, found '${text[p]}'`);
      }
      const q = this.skipSpace(p);
      if (text.charCodeAt(q) === HASH) {
        p = q + 1;
        continue;
      }
      return { value, depth, end: p };
    }
  }

  /** A macro's value in a value so far `length` long, within the bounds on expansion; an undefined one, its name. */
  private expandMacro(name: string, at: number, length: number, fieldStart: number): { value: string; depth: number } {
    const lower = name.toLowerCase();
    const macro = this.strings.get(lower);
    if (macro !== undefined) {
      if (length + macro.value.length > MAX_EXPANDED_VALUE) {
        throw new EntryError(fieldStart, `macro '${name}' makes the value longer than ${MAX_EXPANDED_VALUE} characters`);
      }
      if (macro.value.length > this.budget) {
        throw new EntryError(fieldStart, `macro '${name}' would take the file's macro expansions past ${expansionBudget(this.n)} characters in all`);
      }
      this.budget -= macro.value.length;
      return { value: macro.value, depth: macro.depth + 1 };
    }
    // An undefined macro: BibTeX warns and uses nothing; the name is more useful to show.
    const month = MONTHS.get(lower);
    if (month === undefined) this.warnings.push({ line: this.lineOf(at), message: `undefined @string macro '${name}' (its name is used as the value)` });
    return { value: month ?? name, depth: 0 };
  }

  // Blocks ------------------------------------------------------------------------------------------------

  /** Reads every block; a broken one costs itself (an error), never the file. */
  readAll(): void {
    const { text, n } = this;
    let pos = 0;
    while (pos < n) {
      const at = text.indexOf('@', pos);
      if (at < 0) break;
      let p = at + 1;
      const { name: type, length: typeLength } = this.readName(p);
      p = this.skipSpace(p + typeLength);
      const open = text.charCodeAt(p);
      if (type === '' || (open !== LBRACE && open !== LPAREN)) {
        // Not an entry (an e-mail address in a comment, say): BibTeX ignores text between entries.
        pos = at + 1;
        continue;
      }
      const close = open === LBRACE ? RBRACE : RPAREN;
      if (type === 'comment') {
        try {
          pos = open === LBRACE ? this.readBraced(p, at) : skipParenBody(text, p);
        } catch {
          pos = this.resync(at);
        }
        continue;
      }
      const block = { key: undefined as string | undefined };
      const firstWarning = this.warnings.length;
      try {
        pos = type === 'preamble' || type === 'string' ? this.readMacroBlock(type, p + 1, close) : this.readEntry(type, at, p + 1, close, block, firstWarning);
      } catch (err) {
        // Anything else (a RangeError from the engine, say) still costs one entry, never the file.
        const message = err instanceof EntryError ? err.message : `could not be read (${err instanceof Error ? err.message : String(err)})`;
        this.errors.push({ line: this.lineOf(err instanceof EntryError ? err.pos : at), ...(block.key !== undefined ? { key: block.key } : {}), message });
        pos = this.resync(at);
      }
    }
  }

  /** `@preamble{…}` or `@string{name = …}` from after its opening delimiter; returns the end. */
  private readMacroBlock(type: 'preamble' | 'string', p: number, close: number): number {
    const text = this.text;
    p = this.skipSpace(p);
    if (type === 'preamble') {
      const v = this.readValue(p, p);
      this.preambles.push(v.value);
      p = this.skipSpace(v.end);
    } else {
      const name = this.readIdent(p);
      if (name === '') throw new EntryError(p, '@string needs a name');
      p = this.skipSpace(p + name.length);
      if (text.charCodeAt(p) !== EQ) throw new EntryError(p, `@string ${name}: expected '='`);
      let v: { value: string; depth: number; end: number };
      try {
        v = this.readValue(p + 1, p);
      } catch (err) {
        throw err instanceof EntryError ? new EntryError(err.pos, `@string ${name}: ${err.message}`) : err;
      }
      if (v.depth > MAX_MACRO_DEPTH) throw new EntryError(p, `@string ${name}: macros nest more than ${MAX_MACRO_DEPTH} deep`);
      this.strings.set(name.toLowerCase(), { value: v.value, depth: v.depth });
      p = this.skipSpace(v.end);
    }
    if (text.charCodeAt(p) !== close) throw new EntryError(p, `expected '${String.fromCharCode(close)}' to close @${type}`);
    return p + 1;
  }

  /**
   * An entry from after its opening delimiter: its key (set on `block` as soon as it is read, so an error
   * names it), then its fields; returns the end.
   */
  private readEntry(type: string, at: number, p: number, close: number, block: { key: string | undefined }, firstWarning: number): number {
    const text = this.text;
    p = this.skipSpace(p);
    const ks = p;
    while (p < this.n && isKeyChar(text.charCodeAt(p))) p++;
    const key = text.slice(ks, p);
    const afterKey = this.skipSpace(p);
    const c = text.charCodeAt(afterKey);
    if (key === '' || c === EQ) throw new EntryError(at, c === EQ ? 'missing citation key (the entry starts with a field)' : 'missing citation key');
    block.key = key;
    p = afterKey;
    if (c === COMMA) p++;
    else if (c !== close) throw new EntryError(afterKey, `expected ',' after the key '${key}'`);
    const raw = dict();
    p = this.readFields(key, at, p, close, raw);
    const fields = dict();
    for (const k in raw) if (DISPLAY_FIELDS.has(k)) fields[k] = decodeTex(raw[k]);
    for (let i = firstWarning; i < this.warnings.length; i++) this.warnings[i].key ??= key;
    this.entries.push({
      key,
      type,
      fields,
      raw,
      authors: raw.author !== undefined ? parseNames(raw.author) : [],
      editors: raw.editor !== undefined ? parseNames(raw.editor) : [],
      line: this.lineOf(at),
      start: at,
      end: p,
    });
    return p;
  }

  /** `name = value, …` up to the entry's closing delimiter, into `raw`; returns the end (after it). */
  private readFields(key: string, at: number, p: number, close: number, raw: Record<string, string>): number {
    const text = this.text;
    for (;;) {
      p = this.skipSpace(p);
      const d = text.charCodeAt(p);
      if (d === close) return p + 1;
      if (p >= this.n) throw new EntryError(at, `entry '${key}' is not closed before the end of the file`);
      if (d === AT && this.isEntryStartLine(this.starts[this.lineOf(p) - 1])) throw new EntryError(at, `entry '${key}' is not closed before the next entry`);
      const fieldStart = p;
      const { name, length } = this.readName(p);
      if (name === '') throw new EntryError(p, `expected a field name, found '${text[p]}'`);
      p = this.skipSpace(p + length);
      if (text.charCodeAt(p) !== EQ) throw new EntryError(p, `field '${name}': expected '=' (is a comma missing before it?)`);
      const v = this.readValue(p + 1, fieldStart);
      raw[name] = v.value;
      p = this.skipSpace(v.end);
      const e = text.charCodeAt(p);
      if (e === COMMA) p++;
      else if (e !== close) {
        if (e === AT && this.isEntryStartLine(this.starts[this.lineOf(p) - 1])) throw new EntryError(at, `entry '${key}' is not closed before the next entry`);
        throw new EntryError(p, `missing comma after field '${name}'`);
      }
    }
  }

  // Recovery ----------------------------------------------------------------------------------------------

  /** Skips to the next `@` that starts a line, after `from`. */
  private resync(from: number): number {
    let p = this.text.indexOf('\n', from);
    while (p >= 0) {
      if (this.isEntryStartLine(p + 1)) return p + 1;
      p = this.text.indexOf('\n', p + 1);
    }
    return this.n;
  }
}

function skipParenBody(text: string, p: number): number {
  let depth = 0;
  for (let i = p; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LPAREN) depth++;
    else if (c === RPAREN && --depth === 0) return i + 1;
  }
  throw new EntryError(p, 'unbalanced parentheses');
}

/** Copies fields a child lacks from the entry its `crossref` names; a parent's title becomes the booktitle. */
function resolveCrossrefs(entries: BibEntry[]): void {
  let byKey: Map<string, BibEntry> | undefined;
  for (const e of entries) {
    const ref = e.raw.crossref;
    if (ref === undefined) continue;
    byKey ??= new Map(entries.map((x) => [x.key.toLowerCase(), x]));
    const parent = byKey.get(ref.trim().toLowerCase());
    if (parent === undefined || parent === e) continue;
    for (const [k, v] of Object.entries(parent.raw)) {
      if (k === 'crossref' || k === 'ids' || k === 'entryset') continue;
      if (e.raw[k] === undefined) {
        e.raw[k] = v;
        if (parent.fields[k] !== undefined) e.fields[k] = parent.fields[k];
      }
    }
    if (parent.raw.title !== undefined && e.raw.booktitle === undefined) {
      e.raw.booktitle = parent.raw.title;
      if (parent.fields.title !== undefined) e.fields.booktitle = parent.fields.title;
    }
    if (e.authors.length === 0 && parent.authors.length > 0 && e.raw.author === parent.raw.author) e.authors = parent.authors;
    if (e.editors.length === 0 && parent.editors.length > 0) e.editors = parent.editors;
  }
}


// ---------------------------------------------------------------------------------------------------------
// Names

/** Splits a raw `author`/`editor` value on top-level " and ", then each name into family and given names. */
export function parseNames(raw: string): BibName[] {
  const norm = /\s\s|[\t\n\r]/.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw.trim();
  const parts = norm.includes('{') ? splitTopLevel(norm, ' and ') : norm.split(/ and /i);
  const names: BibName[] = [];
  for (const part of parts) {
    const p = part.trim();
    if (p === '') continue;
    if (p.toLowerCase() === 'others') {
      names.push({ family: 'others', literal: true });
      continue;
    }
    if (p.startsWith('{') && p.endsWith('}') && matchingBrace(p, 0) === p.length - 1) {
      names.push({ family: decodeTex(p), literal: true });
      continue;
    }
    const commaParts = (p.includes('{') ? splitTopLevel(p, ',') : p.split(',')).map((s) => s.trim());
    if (commaParts.length >= 2) {
      // "von Last, First" or "von Last, Jr, First"
      const family = decodeTex(commaParts[0]);
      const given = decodeTex(commaParts.length === 2 ? commaParts[1] : commaParts[2]);
      names.push(given !== '' ? { family, given } : { family });
      continue;
    }
    const words = (p.includes('{') ? splitTopLevel(p, ' ') : p.split(' ')).filter((w) => w !== '');
    if (words.length === 1) {
      names.push({ family: decodeTex(words[0]) });
      continue;
    }
    // "First von Last": the family name starts at the first lower-case word (a particle) or is the last word.
    let k = words.length - 1;
    for (let i = 0; i < words.length - 1; i++) {
      const c0 = words[i].charCodeAt(0);
      if (c0 >= 97 && c0 <= 122 ? true : c0 === 92 || c0 === 123 || c0 < 128 ? false : /^\p{Ll}/u.test(words[i])) {
        k = i;
        break;
      }
    }
    const given = decodeTex(words.slice(0, k).join(' '));
    names.push({ family: decodeTex(words.slice(k).join(' ')), ...(given !== '' ? { given } : {}) });
  }
  return names;
}


/** Splits `s` on a separator (" and ", case-insensitive; "," or " "), ignoring separators inside braces. */
function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  const first = sep.charCodeAt(0);
  const ci = sep.length > 1;
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LBRACE) depth++;
    else if (c === RBRACE) depth = depth > 0 ? depth - 1 : 0;
    else if (c === 92) i++;
    else if (depth === 0 && c === first && (!ci || s.slice(i, i + sep.length).toLowerCase() === sep)) {
      out.push(s.slice(start, i));
      start = i + sep.length;
      i = start - 1;
    }
  }
  out.push(s.slice(start));
  return out;
}
