/**
 * English number inflection: at build time, and at run time for workspace lexicons. Most last words follow
 * the regular rules (`cell` → `cells`, `therapy` → `therapies`, `box` → `boxes`), which are applied
 * directly; a word whose ending the rules cannot decide (Latin and Greek plurals, `-o`, `-f`, words ending
 * in `s`, irregular nouns) asks compromise, once per word (remembered). Compromise costs milliseconds a call,
 * and a workspace lexicon of 3,000 entries called it for every name: 20 s of work on every lexicon change.
 */
import nlp from 'compromise';

/** Endings the regular rules do not decide: compromise does (`metastasis`, `stimulus`, `criterion`, `leaf`…). */
const IRREGULAR_ENDING = /(?:s|o|f|fe|a|ae|i|um|on|ex|ix|is|us|man|men|en|ch|eau|ouse|ice|eese|oot|ooth|eet|eeth|child|ren|ople|rson|ox|eep|ish|eer|ese|ois|ies|ves|ing|ed|ly)$/;

/** The other number of a lower-case noun by the regular rules, or undefined where they do not decide. */
function regularPlural(word: string): string | undefined {
  // A regular plural: `cells` → `cell`, `receptors` → `receptor`.
  if (/[^aeiouys]s$/.test(word) && !/(?:ics|ps)$/.test(word)) return word.slice(0, -1);
  if (IRREGULAR_ENDING.test(word)) return undefined;
  if (/(?:x|z|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** Compromise's plural and singular of a word, read as a noun (after an article). */
function compromiseNumbers(word: string): string[] {
  const strip = (s: string) => s.replace(/^the /, '');
  const plural = strip(nlp(`the ${word}`).nouns().toPlural().text());
  const singular = strip(nlp(`the ${word}`).nouns().toSingular().text());
  return [plural, singular].filter((w) => w !== '' && w !== word && /^[a-z]+$/.test(w));
}

/** Compromise's answers, by word: a lexicon repeats its heads (cells, receptors, inhibitors…). */
const remembered = new Map<string, string[]>();
let compromiseCalls = 0;

/** How many words compromise has inflected in this process (each is remembered): for tests and the bench. */
export function compromiseCallCount(): number {
  return compromiseCalls;
}

/** {@link compromiseNumbers}, remembered. */
function rememberedNumbers(word: string): string[] {
  let known = remembered.get(word);
  if (known === undefined) {
    compromiseCalls++;
    known = compromiseNumbers(word);
    if (remembered.size > 50_000) remembered.clear();
    remembered.set(word, known);
  }
  return known;
}

/** The other number of one lower-case word, by the rules where they decide, else by compromise. */
export function otherNumbers(word: string): string[] {
  if (!/^[a-z]+$/.test(word)) return [];
  const regular = regularPlural(word);
  return regular !== undefined ? [regular] : rememberedNumbers(word);
}

/** The phrase with its last word replaced by each of `numbers`. */
function withLastWord(words: string[], numbers: string[]): string[] {
  return [...new Set(numbers.map((w) => [...words.slice(0, -1), w].join(' ')))];
}

/**
 * The other number of a noun phrase's last word (plural for singular and back), by compromise alone: the
 * built-in lexicon is built with it (generated/lexicon.json). In a form the last word is a noun; alone,
 * compromise may read it as a verb (effect, rate, break), so it is inflected after an article, which forces
 * the noun reading.
 */
export function compromiseInflector(phrase: string): string[] {
  const words = phrase.split(' ');
  return withLastWord(words, rememberedNumbers(words[words.length - 1]));
}

/**
 * The inflector of workspace lexicons, built at run time on every change of a lexicon file: the regular
 * rules, and compromise only for the endings they do not decide (see the module comment). It agrees with
 * {@link compromiseInflector} on the last words of all but one of the built-in lexicon's 356 inflectable
 * names (`skin`, which compromise leaves alone); where they differ elsewhere, the rules give a plural to a
 * word compromise does not read as a noun (`acid` → `acids`).
 */
export function workspaceInflector(phrase: string): string[] {
  const words = phrase.split(' ');
  return withLastWord(words, otherNumbers(words[words.length - 1]));
}
