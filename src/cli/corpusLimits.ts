/**
 * What one BioC file may cost before it is read whole. A BioC collection is parsed into objects (the XML
 * reader's elements, JSON.parse's objects, then one document model per document), and those cost far more
 * than their text: a 240 MB XML file of empty elements or a 224 MB JSON file of 8 million tiny documents
 * aborted the process (V8 out of memory) although both are under the 256 MiB input limit. So the elements
 * (XML) or the objects and arrays (JSON) of a file are counted first, by one linear scan of its text, and a
 * file with more than the limit is refused with a message naming it; so is JSON nested deeper than V8's
 * parser copes with in linear time.
 */
import { jsonStringEnd } from './formats/jsonl';
/**
 * The most XML elements, or JSON objects and arrays, one BioC file may hold: two million. Read and
 * annotated, a file at the limit peaks at about 1 GB (measured with `annotate --jobs 1`: 2 million empty XML
 * elements, 1.06 GB; 1 million tiny JSON documents, 0.65 GB; before the limit, 60 million elements took
 * 4.5 GB and aborted) — room for a full-text BioC collection of a few hundred articles with their annotations.
 */
export const MAX_COLLECTION_ITEMS = 2_000_000;

/**
 * How deeply a BioC JSON file may nest: 10,000 (BioC nests five deep; V8's JSON.parse slows more than
 * linearly beyond this). Deeper infons within that are refused per document by the reader.
 */
export const MAX_JSON_DEPTH = 10_000;

/** Why a BioC file is refused before it is parsed (one line, naming file and, where known, line), or undefined. */
export function biocCostProblem(text: string, file: string, kind: 'xml' | 'json', maxItems: number = MAX_COLLECTION_ITEMS): string | undefined {
  const what = kind === 'xml' ? 'XML elements' : 'JSON objects and arrays';
  const shape = kind === 'xml' ? xmlElements(text, maxItems) : jsonShape(text, maxItems);
  if (shape.items > maxItems) {
    return `${file}:${shape.line}: more than ${maxItems.toLocaleString('en-US')} ${what} (the most one BioC file may hold): split it into smaller files`;
  }
  if (shape.depth > MAX_JSON_DEPTH) return `${file}:${shape.line}: JSON nested more than ${MAX_JSON_DEPTH.toLocaleString('en-US')} deep`;
  return undefined;
}

interface Shape {
  /** Counted up to the first past the limit. */
  items: number;
  depth: number;
  /** The 1-based line where counting stopped (the item past the limit, the nesting past the depth). */
  line: number;
}

function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The number of elements of an XML text: start tags (`<` and a name), outside comments, CDATA sections,
 * processing instructions and the DOCTYPE, which are skipped whole (well-formed XML has no other `<`).
 */
function xmlElements(text: string, maxItems: number): Shape {
  let items = 0;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const next = text.charCodeAt(i + 1);
    let close: string | undefined;
    if (next === 0x21 /* ! */) close = text.startsWith('<!--', i) ? '-->' : text.startsWith('<![CDATA[', i) ? ']]>' : '>';
    else if (next === 0x3f /* ? */) close = '?>';
    if (close !== undefined) {
      const end = text.indexOf(close, i + 2);
      if (end < 0) break;
      i = end;
      continue;
    }
    if (next === 0x2f /* / */) continue;
    if (++items > maxItems) return { items, depth: 0, line: lineAt(text, i) };
  }
  return { items, depth: 0, line: 0 };
}

/** The objects and arrays of a JSON text and how deep they nest, strings skipped (by search, not by character). */
function jsonShape(text: string, maxItems: number): Shape {
  let items = 0;
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const q = jsonStringEnd(text, i);
      if (q < 0) break;
      i = q;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++items > maxItems) return { items, depth, line: lineAt(text, i) };
      if (++depth > deepest) {
        deepest = depth;
        if (depth > MAX_JSON_DEPTH) return { items, depth, line: lineAt(text, i) };
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return { items, depth: deepest, line: 0 };
}
