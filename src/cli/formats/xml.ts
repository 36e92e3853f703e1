/**
 * A minimal XML reader for BioC files: elements, attributes, text, CDATA, comments, processing
 * instructions and a DOCTYPE (skipped; its DTD is not read), the five predefined entities and character
 * references. Namespaces, entity declarations and external entities are not supported (BioC uses none;
 * refusing them also rules out entity-expansion attacks). Errors name the line, so a caller can name file
 * and line.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (character data directly inside it, CDATA included), in order. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
  /** Where the element starts (its `<`) and ends (after its end tag's `>`) in the source text. */
  start: number;
  end: number;
  /** Where its end tag starts (its `</`); `end` for an empty-element tag. */
  contentEnd: number;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Parses `text` into its root element. Throws {@link XmlError} for anything not well-formed. Positions
 * (`start`, `end`, `contentEnd`) index `text` as given, so a writer can splice into the source unchanged.
 */
export function parseXml(text: string): XmlElement {
  // XML reads every line break as a line feed (XML 1.0, 2.11); &#13; still gives a carriage return.
  const lineFeeds = (raw: string) => (raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
  let i = 0;
  let line = 1;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    i = to;
  };
  const fail = (message: string): never => {
    throw new XmlError(message, line);
  };
  const skipPast = (close: string, what: string) => {
    const end = text.indexOf(close, i);
    if (end < 0) fail(`unclosed ${what}`);
    advance(end + close.length);
  };
  const decode = (raw: string): string =>
    lineFeeds(raw).replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) fail(`'&' must start an entity such as &amp;`);
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) fail(`bad character reference &${ref};`);
        return String.fromCodePoint(code);
      }
      const e = ENTITIES[ref];
      if (e === undefined) fail(`unknown entity &${ref}; (only &lt; &gt; &amp; &quot; &apos; and character references)`);
      return e;
    });
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) fail('expected a tag name');
    advance(i + m![0].length);
    return m![0];
  };
  const spaces = () => {
    let k = i;
    while (k < text.length && /\s/.test(text[k])) k++;
    advance(k);
  };

  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? text.length : lt;
    if (end > i) {
      const raw = text.slice(i, end);
      if (stack.length > 0) stack[stack.length - 1].text += decode(raw);
      else if (raw.trim() !== '') fail('text outside the root element');
      advance(end);
      if (lt < 0) break;
    }
    if (text.startsWith('<!--', i)) skipPast('-->', 'comment');
    else if (text.startsWith('<![CDATA[', i)) {
      const close = text.indexOf(']]>', i);
      if (close < 0) fail('unclosed CDATA section');
      if (stack.length === 0) fail('CDATA outside the root element');
      stack[stack.length - 1].text += lineFeeds(text.slice(i + 9, close));
      advance(close + 3);
    } else if (text.startsWith('<?', i)) skipPast('?>', 'processing instruction');
    else if (text.startsWith('<!DOCTYPE', i)) {
      // An internal subset may hold '>' inside brackets.
      const bracket = text.indexOf('[', i);
      const gt = text.indexOf('>', i);
      if (bracket >= 0 && gt >= 0 && bracket < gt) {
        if (/<!ENTITY/.test(text.slice(i, text.indexOf(']', bracket)))) fail('entity declarations are not supported');
        advance(bracket);
        skipPast(']', 'DOCTYPE');
        skipPast('>', 'DOCTYPE');
      } else skipPast('>', 'DOCTYPE');
    } else if (text.startsWith('</', i)) {
      const tagStart = i;
      advance(i + 2);
      const n = name();
      spaces();
      if (text[i] !== '>') fail(`expected '>' to close </${n}`);
      advance(i + 1);
      const open = stack.pop();
      if (!open) fail(`</${n}> closes nothing`);
      if (open!.name !== n) fail(`</${n}> closes <${open!.name}> (opened on line ${open!.line})`);
      open!.contentEnd = tagStart;
      open!.end = i;
    } else {
      const startLine = line;
      const start = i;
      advance(i + 1);
      const el: XmlElement = { name: name(), attrs: {}, children: [], text: '', line: startLine, start, end: start, contentEnd: start };
      for (;;) {
        spaces();
        if (text.startsWith('/>', i)) {
          advance(i + 2);
          el.end = el.contentEnd = i;
          break;
        }
        if (text[i] === '>') {
          advance(i + 1);
          stack.push(el);
          break;
        }
        if (i >= text.length) fail(`unclosed tag <${el.name}`);
        const attr = name();
        spaces();
        if (text[i] !== '=') fail(`expected '=' after attribute ${attr}`);
        advance(i + 1);
        spaces();
        const q = text[i];
        if (q !== '"' && q !== "'") fail(`the value of attribute ${attr} must be quoted`);
        const close = text.indexOf(q, i + 1);
        if (close < 0) fail(`unclosed value of attribute ${attr}`);
        el.attrs[attr] = decode(text.slice(i + 1, close));
        advance(close + 1);
      }
      if (stack.length > (stack[stack.length - 1] === el ? 1 : 0)) {
        const parent = stack[stack.length - (stack[stack.length - 1] === el ? 2 : 1)];
        parent.children.push(el);
      } else if (root) fail('a second root element');
      else root = el;
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> (line ${stack[stack.length - 1].line}) is never closed`);
  if (!root) fail('no root element');
  return root!;
}
