/**
 * Spell-checker dictionaries from the lexicon, so that Code Spell Checker and LTeX stop flagging the field's
 * terms (`pembrolizumab`, `Tregs`, `帕博利珠单抗`). Spell checkers check words, not phrases, so a form is split
 * into its words (at spaces, hyphens and slashes); Chinese forms are kept whole.
 */
import type { Entry } from './lexicon';

/** The dictionary formats: a Code Spell Checker config, LTeX's `ltex.dictionary` setting, one word a line. */
export const DICTIONARY_FORMATS = ['cspell', 'ltex', 'plain'] as const;
export type DictionaryFormat = (typeof DICTIONARY_FORMATS)[number];

const HAN = /\p{Script=Han}/u;
/** Words a spell checker already knows or that are not words (numbers, single letters). */
const SKIP = /^(?:\d+|[A-Za-z]|[A-Za-z]?\d+[A-Za-z]?)$/;
/** Control characters and bidirectional overrides: a form holding one (a broken workspace lexicon) gives no word. */
const CONTROL = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

/** The words of every form of `entries`, sorted and without repeats: English words, then Chinese forms. */
export function dictionaryWords(entries: readonly Entry[]): { en: string[]; zh: string[] } {
  const en = new Set<string>();
  const zh = new Set<string>();
  for (const e of entries) {
    for (const f of e.forms) {
      if (CONTROL.test(f.text)) continue;
      if (HAN.test(f.text)) {
        zh.add(f.text.replace(/\s+/g, ''));
        continue;
      }
      for (const w of f.text.split(/[\s/\-–—]+/)) {
        const word = w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        if (word.length > 1 && /\p{L}/u.test(word) && !SKIP.test(word)) en.add(word);
      }
    }
  }
  const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, 'en'));
  return { en: sort(en), zh: sort(zh) };
}

/**
 * The dictionary as a file's text: `cspell` is a Code Spell Checker configuration (`cspell.json` or a file
 * its `import` names), `ltex` the `ltex.dictionary` setting for English and Chinese (paste it into
 * settings.json), `plain` one word a line (a Code Spell Checker custom dictionary).
 */
export function formatDictionary(entries: readonly Entry[], format: DictionaryFormat): string {
  const { en, zh } = dictionaryWords(entries);
  switch (format) {
    case 'cspell':
      return `${JSON.stringify({ version: '0.2', description: 'OncoLex: the terms of radiotherapy and immunotherapy', words: [...en, ...zh] }, null, 2)}\n`;
    case 'ltex':
      return `${JSON.stringify({ 'ltex.dictionary': { 'en-US': en, 'en-GB': en, 'zh-CN': zh } }, null, 2)}\n`;
    case 'plain':
      return `${[...en, ...zh].join('\n')}\n`;
  }
}
