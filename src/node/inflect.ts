/** English number inflection with compromise: at build time, and at run time only for workspace lexicons. */
import nlp from 'compromise';

/**
 * The other number of a noun phrase's last word (plural for singular and back). In a form the last word is
 * a noun; alone, compromise may read it as a verb (effect, rate, break), so it is inflected after an
 * article, which forces the noun reading.
 */
export function compromiseInflector(phrase: string): string[] {
  const words = phrase.split(' ');
  const last = words[words.length - 1];
  const out = new Set<string>();
  const strip = (s: string) => s.replace(/^the /, '');
  const plural = strip(nlp(`the ${last}`).nouns().toPlural().text());
  const singular = strip(nlp(`the ${last}`).nouns().toSingular().text());
  for (const w of [plural, singular]) {
    if (w && w !== last && /^[a-z]+$/.test(w)) out.add([...words.slice(0, -1), w].join(' '));
  }
  return [...out];
}
