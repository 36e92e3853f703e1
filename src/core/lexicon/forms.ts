/** What a lexicon form is keyed by, and the generic heads a named form is matched without. Pure. */
import type { Form } from './lexicon';
import { foldForm } from '../text/normalize';

const HAN = /\p{Script=Han}/u;

/** Heads that name the kind of a thing, not the thing: they stay outside a mention of a named trial or pathway. */
const GENERIC_HEAD = /^(.*?\S)(?:\s+(?:trial|study|(?:signal(?:l)?ing\s+)?pathway|axis)|\s*(?:研究|试验|临床试验|(?:信号)?通路|轴))$/;

/**
 * A form's name without its generic head (`PACIFIC trial` → `PACIFIC`, `cGAS-STING pathway` → `cGAS-STING`,
 * `PACIFIC 研究` → `PACIFIC`), where what remains is a proper name: every word holds a capital or a digit.
 * Undefined for other forms (`radiotherapy plus GM-CSF trial` keeps its head: it describes, not names).
 */
export function withoutGenericHead(form: string): string | undefined {
  const m = GENERIC_HEAD.exec(form);
  if (!m) return undefined;
  const name = m[1];
  return !HAN.test(name) && name.split(/\s+/).every((w) => /[A-Z0-9]/.test(w)) ? name : undefined;
}

/** What makes two forms the same: their folding, and whether case matters. */
export function formKey(f: Form): string {
  return `${f.caseSensitive ? 'S' : 'i'}${foldForm(f.text, f.caseSensitive)}`;
}
