/**
 * Control characters in text and lexicons (issue 25): NUL breaks a word like every other control character
 * (it used to be skipped, so `Pembro\0lizumab` was a drug), and terminal output shows escape sequences as
 * text instead of letting the terminal interpret them.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { printable, printableLine } from '../../src/cli/terminal';
import { Matcher } from '../../src/core/matching/matcher';
import { foldForm } from '../../src/core/text/normalize';
import { loadBuiltinLexicon } from '../../src/node/builtin';

describe('control characters inside words', () => {
  const matcher = new Matcher(loadBuiltinLexicon());
  const found = (text: string) => matcher.annotate(text, 'plain').map((m) => text.slice(m.start, m.end));
  it('NUL and the other C0 controls break a word; tab and line breaks are spaces; invisible joiners stay invisible', () => {
    assert.deepEqual(found('pembrolizumab'), ['pembrolizumab']);
    for (const c of ['\u0000', '\u0001', '\u001b', '\u007f', '\u0085']) {
      assert.ok(!found(`Pembro${c}lizumab`).includes(`Pembro${c}lizumab`), JSON.stringify(c));
      assert.deepEqual(found(`PD${c}-1 and PD-L${c}1`), [], JSON.stringify(c));
    }
    // A soft hyphen and a zero-width space are invisible in a word (PDF text holds them).
    assert.deepEqual(found('Pembro\u00adlizumab and Pembro\u200blizumab'), ['Pembro\u00adlizumab', 'Pembro\u200blizumab']);
    assert.deepEqual(found('tumor\tmicroenvironment'), ['tumor\tmicroenvironment']);
  });
  it('folds a form with NUL to one that keeps the break', () => {
    assert.notEqual(foldForm('Pembro\u0000lizumab', false), foldForm('pembrolizumab', false));
    assert.equal(foldForm('Pembro\u00adlizumab', false), 'pembrolizumab');
  });
});

describe('terminal text', () => {
  it('shows C0 and C1 controls, DEL and bidi overrides as \\u{..}, keeping tabs and line breaks (or making them spaces in a line)', () => {
    assert.equal(printable('a\u001b[31mb\u0007\u009b\u202e\u2066c\td\ne'), 'a\\u{1B}[31mb\\u{07}\\u{9B}\\u{202E}\\u{2066}c\td\ne');
    assert.equal(printableLine('long\nform\tname\u0000'), 'long form name\\u{00}');
    const plain = 'PD-L1 (程序性死亡配体 1) — ok';
    assert.equal(printable(plain), plain);
  });
});
