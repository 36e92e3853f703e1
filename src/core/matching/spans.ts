/**
 * Span rules that need more than one lexicon form (docs/annotation.md, "Markers"): a cell population named
 * with its markers is one mention of the cells, `CD8+ cytotoxic T cells`, `XCR1+ dendritic cells`,
 * `CD4+CD25+ Tregs`; and a marker with its sign alone names the cells it marks where the lexicon has them,
 * `CD8$^+$` or `CD8+ cells` for CD8+ T cells. Applied by the matcher to its mentions, so every consumer sees
 * the same spans; one pass over the mentions, reading only the few characters between them.
 */
import type { Category, MatchEntry } from '../lexicon/lexicon';
import type { Mention } from './matcher';

/** A composed mention (the matcher's own mentions are of a private class; both are plain data to callers). */
class ComposedMention implements Mention {
  constructor(
    public start: number,
    public end: number,
    public id: string,
    public category: Category,
  ) {}
}

/** Signs written as markup, and as plain-text renderings of a superscript (`CD8^(+)`, `CD8^+`). */
const SIGN_TOKENS = ['\\textsuperscript{+}', '\\textsuperscript{-}', '<sup>+</sup>', '<sup>-</sup>', '$^{+}$', '$^{-}$', '$^+$', '$^-$', '^(+)', '^(-)', '^+^', '^-^', '^+', '^-'];

/** Whether `token` stands in `text` at `at` (`<sup>` in any case). */
function tokenAt(text: string, at: number, token: string): boolean {
  return token.charCodeAt(0) === 0x3c ? text.slice(at, at + token.length).toLowerCase() === token : text.startsWith(token, at);
}

/**
 * The length of a marker's sign at `at` (`+`, `⁺`, `−`, or superscript markup of one), or 0. Called for every
 * molecule mention of a document: the character decides first, the markup tokens are read only after `$`,
 * `^`, `<` or `\`.
 */
function signAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 0x2b || c === 0x207a || c === 0x2212 || c === 0x207b) return 1;
  // A hyphen is a sign only where nothing of a name follows it (CD4-CD8- cells, not PD-L1).
  if (c === 0x2d) return /[A-Za-z0-9]/.test(text.charAt(at + 1)) ? 0 : 1;
  if (c === 0x24 || c === 0x5e || c === 0x3c || c === 0x5c) {
    for (const t of SIGN_TOKENS) if (tokenAt(text, at, t)) return t.length;
  }
  return 0;
}

/** The start of the gap before `at` between two words of one name (spaces, a tab, `~`, at most one line break). */
function gapStart(text: string, at: number): number {
  let i = at;
  let breaks = 0;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x0a || c === 0x0d) {
      if (++breaks > 1) return at;
      if (c === 0x0a && text.charCodeAt(i - 2) === 0x0d) i--;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x7e && c !== 0xa0) break;
    i--;
  }
  return i;
}

/** The start of the spaces, tabs and no-break spaces just before `at`, on its line (`at` when there are none). */
function spacesBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && (text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x09 || text.charCodeAt(i - 1) === 0xa0)) i--;
  return i;
}

/** The end of the spaces, tabs and no-break spaces from `at`, on its line (`at` when there are none). */
function spacesAfter(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09 || text.charCodeAt(i) === 0xa0)) i++;
  return i;
}

/**
 * Whether the character at `at` is a sign that plain-text copies of papers write apart from its marker
 * (`CD8 + T cells`, `CD4 − T cells`): a plus or a minus sign, never a hyphen, which spaced is a dash
 * (docs/annotation.md §3.1).
 */
function spacedSignAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 0x2b || c === 0x2212;
}

/** The length of a marker's sign ending at `at` (see signAt), or 0. `-` ends a chain only before a gap. */
function signBefore(text: string, at: number): number {
  const c = text.charCodeAt(at - 1);
  // Markup ends in one of these (`$^+$`, `^+^`, `<sup>+</sup>`, `\textsuperscript{+}`, `^(+)`, `^+`).
  if (c === 0x24 || c === 0x5e || c === 0x3e || c === 0x7d || c === 0x29 || c === 0x2b || c === 0x2d) {
    for (const t of SIGN_TOKENS) if (at >= t.length && tokenAt(text, at - t.length, t)) return t.length;
  }
  if (c === 0x2b || c === 0x207a || c === 0x2212 || c === 0x207b) return 1;
  if (c === 0x2d) return /[\p{L}\p{N}]/u.test(text.charAt(at)) || !/[A-Za-z0-9]/.test(text.charAt(at - 2)) ? 0 : 1;
  return 0;
}

/**
 * The start of a marker-like name ending at `at` that the lexicon need not know (CD25, CD45RA, CCR7, PD-1):
 * a capital, then letters and digits (one inner hyphen), holding a digit or in capitals, or -1.
 */
function markerNameBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 12 && /[A-Za-z0-9-]/.test(text.charAt(i - 1))) i--;
  // The name starts at its first capital after a sign or another non-name character.
  const name = text.slice(i, at);
  const m = /[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?$/.exec(name);
  if (!m) return -1;
  const start = at - m[0].length;
  if (start > 0 && /[A-Za-z0-9]/.test(text.charAt(start - 1))) return -1;
  return /\d/.test(m[0]) || /^[A-Z]{2,}$/.test(m[0]) ? start : -1;
}

/** `cells`, `cell`, `lymphocytes` or `lymphocyte` (any case) at `at`, as a whole word: its length, or 0. */
function cellHeadAt(text: string, at: number): number {
  const m = /^(?:cells?|lymphocytes?)(?![\p{L}\p{N}])/iu.exec(text.slice(at, at + 12));
  return m ? m[0].length : 0;
}

/** Composes marker mentions with the cells they mark. Build once per lexicon. */
export class MarkerRules {
  /** Marker text (as written, upper case) → the cell entry it names with a plus: CD8 → CD8+ T cell. */
  private readonly markedCells = new Map<string, { id: string; category: Category }>();

  constructor(entries: readonly MatchEntry[]) {
    for (const e of entries) {
      if (e.category !== 'immune-cell') continue;
      for (const f of e.forms) {
        const m = /^([A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)\+ ?T(?:[ -](?:cells?|lymphocytes?))?$/.exec(f.text);
        if (m && !this.markedCells.has(m[1].toUpperCase())) this.markedCells.set(m[1].toUpperCase(), { id: e.id, category: e.category });
      }
    }
  }

  /** The mentions with marker chains composed (sorted and non-overlapping in, sorted and non-overlapping out). */
  compose(text: string, mentions: Mention[]): Mention[] {
    // Markers, then the cells: one mention of the cells, found by reading back from each cell mention. The
    // mentions are copied only from the first one composed (most documents need no copy at all).
    let out: Mention[] | undefined;
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i];
      if (m.category === 'immune-cell') {
        const done = out ?? mentions;
        const length = out?.length ?? i;
        let pos = gapStart(text, m.start);
        let keep = length;
        let start = -1;
        for (;;) {
          let sign = signBefore(text, pos);
          // Markers of a chain may stand apart, each with its sign (CD4+ CD25+ T cells, CD4 + CD25 + T cells).
          if (sign === 0 && start >= 0) {
            const before = spacesBefore(text, pos);
            if (before < pos && (sign = signBefore(text, before)) > 0) pos = before;
          }
          if (sign === 0) break;
          let markerEnd = pos - sign;
          // A plain-text copy writes the sign apart from its marker: CD8 + T cells, CD8 +T cells (§3.1).
          const spaced = sign === 1 && spacedSignAt(text, markerEnd) ? spacesBefore(text, markerEnd) : markerEnd;
          const prev = keep > 0 ? done[keep - 1] : undefined;
          if (spaced < markerEnd && !(prev !== undefined && prev.end === markerEnd)) markerEnd = spaced;
          if (prev !== undefined && prev.end === markerEnd && prev.category === 'molecule') {
            keep--;
            pos = start = prev.start;
            continue;
          }
          const name = markerNameBefore(text, markerEnd);
          if (name < 0 || (prev !== undefined && prev.end > name)) break;
          // A name the lexicon does not know stands apart from its sign only with a digit (CD45RA, not PBS + T cells).
          if (markerEnd === spaced && spaced < pos - sign && !/\d/.test(text.slice(name, markerEnd))) break;
          pos = start = name;
        }
        if (start >= 0) {
          // One known marker before plain T cells names its subset: CD8^+ T cells are CD8+ T cells.
          const only = keep === length - 1 ? done[keep] : undefined;
          const subset = only !== undefined && /^T[ -]?(?:cells?|lymphocytes?)$/i.test(text.slice(m.start, m.end)) ? this.markedCells.get(text.slice(only.start, only.end).toUpperCase()) : undefined;
          out ??= mentions.slice(0, i);
          out.length = keep;
          out.push(new ComposedMention(start, m.end, subset?.id ?? m.id, subset?.category ?? m.category));
          continue;
        }
      }
      out?.push(m);
    }
    let changed = out !== undefined;
    out ??= mentions;
    // One marker with its sign names the cells it marks, with a plain head if one follows (CD8+ cells).
    for (let i = 0; i < out.length; i++) {
      const m = out[i];
      if (m.category !== 'molecule') continue;
      let sign = signAt(text, m.end);
      let signStart = m.end;
      // Apart from its marker, a sign names the cells only with their head (CD8 + cells; not CD8 + CD4).
      const apart = sign === 0 ? spacesAfter(text, m.end) : m.end;
      if (apart > m.end && spacedSignAt(text, apart) && cellHeadAt(text, spacesAfter(text, apart + 1)) > 0) {
        sign = 1;
        signStart = apart;
      }
      if (sign === 0) continue;
      const end = signStart + sign;
      const cells = this.markedCells.get(text.slice(m.start, m.end).toUpperCase());
      if (cells === undefined || /[\p{L}\p{N}]/u.test(text.charAt(end))) continue;
      let stop = end;
      let k = end;
      while (k < text.length && (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x7e || text.charCodeAt(k) === 0xa0)) k++;
      const head = k > end ? cellHeadAt(text, k) : 0;
      if (head > 0 && (out[i + 1] === undefined || out[i + 1].start >= k + head)) stop = k + head;
      if (!changed) {
        out = out.slice();
        changed = true;
      }
      out[i] = new ComposedMention(m.start, stop, cells.id, cells.category);
    }
    return joinedNames(text, withInfiltratingPrefix(text, withoutCellModifiers(text, out)));
  }
}


/**
 * The mentions with names of one thing joined by a slash made one mention (docs/annotation.md §3.3): a trial
 * named by each of its cooperative groups, `ENGOT-cx11/GOG 3047/KEYNOTE-A18`, or a molecule by two names,
 * `PD-L1/CD274`. Names of different entries stay apart (`RT/PD-1`). One pass, reading one character between
 * neighbours.
 */
export function joinedNames(text: string, mentions: Mention[]): Mention[] {
  let out: Mention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const done = out ?? mentions;
    const prev = out !== undefined ? out[out.length - 1] : i > 0 ? mentions[i - 1] : undefined;
    if (prev !== undefined && prev.id === m.id && m.start === prev.end + 1 && text.charCodeAt(prev.end) === 0x2f) {
      out ??= done.slice(0, i);
      out[out.length - 1] = new ComposedMention(prev.start, m.end, m.id, m.category);
      continue;
    }
    out?.push(m);
  }
  return out ?? mentions;
}

/** Malignancies named after the cells they arise from: `T-cell lymphoma`, `B-cell … leukaemia`, `plasma cell myeloma`. */
const MALIGNANCY_HEAD = /^(?:leuka?emias?|lymphomas?|lymphomata|myelomas?|sarcomas?|neoplasms?|neoplasia|malignanc(?:y|ies)|lymphoproliferative|histiocytosis)$/i;
/** Words that qualify such a malignancy between the cell and its head: `T-cell acute lymphoblastic leukaemia`, `NK-cell non-Hodgkin lymphoma`. */
const QUALIFIER = /^(?:acute|chronic|adult|large|small|mature|immature|precursor|primary|diffuse|follicular|aggressive|indolent|granular|(?:non-)?Hodgkin(?:'s)?|[a-z]+(?:ic|al|ar|ous|oid))$/i;
/** How many qualifiers may stand between the cell and the head. */
const MAX_QUALIFIERS = 3;
const WORD = /[A-Za-z][A-Za-z'-]{0,39}/y;

/**
 * The mentions without cells that only name where a malignancy arises: `T-cell` in `adult T-cell leukaemia`
 * or `T-cell acute lymphoblastic leukemia`, `B-cell` in `B-cell lymphoma` name a disease, not the cells —
 * the one exception to "a term used as a modifier is still a mention" (docs/annotation.md, rule 6:
 * `[T-cell] infiltration` stays). The tumour word stays a mention of its own. Reads at most a few words
 * after each cell mention, on its line.
 */
export function withoutCellModifiers(text: string, mentions: Mention[]): Mention[] {
  let out: Mention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (m.category === 'immune-cell' && modifiesMalignancy(text, m.end)) out ??= mentions.slice(0, i);
    else out?.push(m);
  }
  return out ?? mentions;
}

/** Whether a malignancy head follows `at`, after at most {@link MAX_QUALIFIERS} qualifying words, on the same line. */
function modifiesMalignancy(text: string, at: number): boolean {
  let pos = at;
  for (let words = 0; words <= MAX_QUALIFIERS; words++) {
    const gap = pos;
    while (pos < text.length && (text.charCodeAt(pos) === 0x20 || text.charCodeAt(pos) === 0xa0 || text.charCodeAt(pos) === 0x7e)) pos++;
    if (pos === gap && !(words === 0 && text.charCodeAt(pos) === 0x2d)) return false;
    if (words === 0 && text.charCodeAt(pos) === 0x2d) pos++;
    WORD.lastIndex = pos;
    const w = WORD.exec(text);
    if (!w) return false;
    const word = w[0].replace(/-$/, '');
    if (MALIGNANCY_HEAD.test(word)) return true;
    if (!QUALIFIER.test(word)) return false;
    pos += w[0].length;
  }
  return false;
}

/** What names cells by where they are found, before the cells: `tumor-infiltrating`, `肿瘤浸润(性)`. */
const INFILTRATING = /(?:(?:^|[^\p{L}\p{N}-])((?:tumou?r|intratumou?ral)[- ]infiltrating )|(肿瘤浸润性?))$/iu;
/** The longest such prefix, in UTF-16 code units. */
const MAX_INFILTRATING = 22;

/**
 * The mentions with the cells a text names by where they are found made one mention of those cells
 * (docs/annotation.md §3.1): `tumor-infiltrating dendritic cells`, `肿瘤浸润NK细胞`, as `tumour-infiltrating
 * lymphocytes` is one. A mention inside the prefix (the generic `tumor`, 肿瘤) gives way to it. Reads at most
 * {@link MAX_INFILTRATING} characters before each cell mention.
 */
export function withInfiltratingPrefix(text: string, mentions: Mention[]): Mention[] {
  let out: Mention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const p = m.category === 'immune-cell' ? INFILTRATING.exec(text.slice(Math.max(0, m.start - MAX_INFILTRATING - 1), m.start)) : null;
    if (p === null) {
      out?.push(m);
      continue;
    }
    const start = m.start - (p[1] ?? p[2]).length;
    const done = out ?? mentions.slice(0, i);
    let keep = done.length;
    while (keep > 0 && done[keep - 1].start >= start) keep--;
    // A mention reaching into the prefix from before it (another name) keeps its place, and the cells theirs.
    if (keep > 0 && done[keep - 1].end > start) {
      out?.push(m);
      continue;
    }
    out = done;
    out.length = keep;
    out.push(new ComposedMention(start, m.end, m.id, m.category));
  }
  return out ?? mentions;
}
