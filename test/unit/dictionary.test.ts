/** Spell-checker dictionaries from the lexicon: what a user's spell checker stops flagging. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { dictionaryWords, formatDictionary } from '../../src/core/lexicon/dictionary';
import { main } from '../../src/cli/main';
import { loadBuiltinLexicon } from '../../src/node/builtin';

const entries = loadBuiltinLexicon().entries;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('spell-checker dictionary', () => {
  it('lists the words of the field (pembrolizumab, Tregs, abscopal) and Chinese terms whole, once each, sorted', () => {
    const { en, zh } = dictionaryWords(entries);
    for (const w of ['pembrolizumab', 'Tregs', 'abscopal', 'durvalumab', 'PD', 'CTLA']) assert.ok(en.includes(w), w);
    for (const w of ['帕博利珠单抗', '树突状细胞']) assert.ok(zh.includes(w), w);
    assert.equal(new Set(en).size, en.length);
    assert.deepEqual(en, [...en].sort((a, b) => a.localeCompare(b, 'en')));
    assert.ok(!en.includes('1') && !en.includes('T'), 'numbers and single letters are not words');
  });
  it('writes a Code Spell Checker configuration, the LTeX setting and a plain word list', () => {
    const cspell = JSON.parse(formatDictionary(entries, 'cspell')) as { version: string; words: string[] };
    assert.equal(cspell.version, '0.2');
    assert.ok(cspell.words.includes('pembrolizumab') && cspell.words.includes('帕博利珠单抗'));
    const ltex = JSON.parse(formatDictionary(entries, 'ltex')) as { 'ltex.dictionary': Record<string, string[]> };
    assert.ok(ltex['ltex.dictionary']['en-US'].includes('nivolumab'));
    assert.ok(ltex['ltex.dictionary']['zh-CN'].includes('帕博利珠单抗'));
    assert.ok(formatDictionary(entries, 'plain').split('\n').includes('atezolizumab'));
  });
  it('oncolex dictionary prints it, and names a bad format', async () => {
    const r = await cli('dictionary', '--format', 'plain');
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.split('\n').includes('pembrolizumab'));
    const bad = await cli('dictionary', '--format', 'docx');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--format must be one of cspell, ltex, plain/);
  });
});
