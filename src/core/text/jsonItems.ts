/**
 * Where the items of a JSON array start in its source text. `JSON.parse` keeps no positions, so a problem
 * found in a parsed item (a CSL-JSON reference, a lexicon entry) is located by one scan of the text: the
 * scan follows strings and nesting only, never re-reads a character, and so stays linear.
 */

const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;

function skipWs(text: string, p: number): number {
  while (p < text.length && isWs(text.charCodeAt(p))) p++;
  return p;
}

/** The end of the string starting at `p` (at its opening quote), after the closing quote. */
function skipString(text: string, p: number): number {
  for (let i = p + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return text.length;
}

/** The end of the JSON value starting at `p`. */
function skipValue(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (c === 34) return skipString(text, p);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let i = p; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 34) i = skipString(text, i) - 1;
      else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
    }
    return text.length;
  }
  let i = p;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 44 || d === 93 || d === 125 || isWs(d)) break;
    i++;
  }
  return i;
}

/**
 * The offsets of the items of a JSON array: the top-level array, or with `key` the array that is the value
 * of that member of the top-level object (`{"entries": […]}`). Empty when the text has no such array.
 * Meant for text that `JSON.parse` accepted; on other text it returns what it could find.
 */
export function jsonArrayItemOffsets(text: string, key?: string): number[] {
  let p = skipWs(text, 0);
  if (text.charCodeAt(p) === 123 /* { */ && key !== undefined) {
    p = skipWs(text, p + 1);
    let found = -1;
    while (p < text.length && text.charCodeAt(p) === 34) {
      const end = skipString(text, p);
      let name = text.slice(p + 1, end - 1);
      if (name.includes('\\')) {
        try {
          name = JSON.parse(text.slice(p, end)) as string;
        } catch {
          return [];
        }
      }
      p = skipWs(text, end);
      if (text.charCodeAt(p) !== 58 /* : */) return [];
      p = skipWs(text, p + 1);
      // JSON.parse keeps the last of duplicate members, and so does this.
      if (name === key && text.charCodeAt(p) === 91) found = p;
      p = skipWs(text, skipValue(text, p));
      if (text.charCodeAt(p) !== 44 /* , */) break;
      p = skipWs(text, p + 1);
    }
    if (found < 0) return [];
    p = found;
  }
  if (text.charCodeAt(p) !== 91 /* [ */) return [];
  const out: number[] = [];
  p = skipWs(text, p + 1);
  if (text.charCodeAt(p) === 93) return out;
  while (p < text.length) {
    out.push(p);
    p = skipWs(text, skipValue(text, p));
    if (text.charCodeAt(p) !== 44) break;
    p = skipWs(text, p + 1);
  }
  return out;
}

/**
 * The offset of the member `key` of the JSON object starting at `objectStart` (at its `{`), or undefined
 * when the object has no such member. Reads only that object's text.
 */
export function jsonMemberOffset(text: string, objectStart: number, key: string): number | undefined {
  if (text.charCodeAt(objectStart) !== 123) return undefined;
  let p = skipWs(text, objectStart + 1);
  while (p < text.length && text.charCodeAt(p) === 34) {
    const at = p;
    const end = skipString(text, p);
    const name = text.slice(p + 1, end - 1);
    p = skipWs(text, end);
    if (text.charCodeAt(p) !== 58) return undefined;
    if (name === key) return at;
    p = skipWs(text, skipValue(text, skipWs(text, p + 1)));
    if (text.charCodeAt(p) !== 44) return undefined;
    p = skipWs(text, p + 1);
  }
  return undefined;
}

/** Where `JSON.parse` failed in its text (V8 names the offset in its message: "… at position N"), if it says. */
export function jsonErrorOffset(e: unknown): number | undefined {
  const at = /position (\d+)/.exec(e instanceof Error ? e.message : String(e));
  return at ? Number(at[1]) : undefined;
}
