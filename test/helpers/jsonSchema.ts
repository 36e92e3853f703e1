/**
 * A small JSON Schema (draft-07) checker for the keywords schemas/lexicon.schema.json uses: type, required,
 * additionalProperties: false, properties, items, enum, pattern, minLength, minimum. Enough for the tests to
 * say that a written lexicon file is valid against the schema an editor checks it with.
 */
type Schema = Record<string, unknown>;

/** The problems of `value` against `schema`, as "path: problem" lines; empty when valid. */
export function schemaProblems(schema: Schema, value: unknown, at = '$'): string[] {
  const out: string[] = [];
  const type = schema.type as string | undefined;
  const isObj = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'object' && !isObj) return [`${at}: expected an object`];
  if (type === 'array' && !Array.isArray(value)) return [`${at}: expected an array`];
  if (type === 'string' && typeof value !== 'string') return [`${at}: expected a string`];
  if (type === 'boolean' && typeof value !== 'boolean') return [`${at}: expected a boolean`];
  if (type === 'integer' && !Number.isInteger(value)) return [`${at}: expected an integer`];
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) out.push(`${at}: not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) out.push(`${at}: does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) out.push(`${at}: shorter than ${schema.minLength}`);
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) out.push(`${at}: less than ${schema.minimum}`);
  if (isObj) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) out.push(`${at}: missing '${r}'`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) out.push(...schemaProblems(props[k], v, `${at}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${at}: unknown property '${k}'`);
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => out.push(...schemaProblems(schema.items as Schema, v, `${at}[${i}]`)));
  return out;
}
