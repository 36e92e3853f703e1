/**
 * Exact-output regression tests for the inputs of issue 10 §1, §3 and §4 and issue 11 §1, with the built-in
 * lexicon (the small test lexicon hid the hang). Each annotation runs in a worker with a time limit, so a
 * hang fails its test instead of hanging the suite.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { TextChange } from '../../src/core/matching/incremental';
import type { DocLanguage } from '../../src/core/text/regions';
import { IsolatedRunner } from '../helpers/isolate';
import { markupTokens } from '../helpers/matcher-props';

const PROPS = path.join(__dirname, '..', 'helpers', 'matcher-props.ts');
const LIMIT_MS = 8000;
const runner = new IsolatedRunner();
after(() => runner.close());

interface Found {
  text: string;
  start: number;
  end: number;
  id: string;
}

async function annotate(text: string, language: DocLanguage): Promise<Found[]> {
  const r = await runner.run<Found[]>(PROPS, 'annotateIn', { lexicon: 'builtin', text, language }, LIMIT_MS);
  if (r.kind === 'timeout') assert.fail(`the matcher did not return within ${r.ms / 1000} s on ${JSON.stringify(text)} (${language})`);
  if (r.kind === 'error') assert.fail(r.message);
  return r.value;
}

/** No mention starts or ends strictly inside `$^+$`, `<sup>+</sup>` and the other markup tokens. */
function assertNoCutMarkup(text: string, ms: Found[]): void {
  for (const m of ms) {
    for (const [a, b] of markupTokens(text)) {
      assert.ok(!(m.start > a && m.start < b) && !(m.end > a && m.end < b), `mention ${JSON.stringify(m.text)} [${m.start}, ${m.end}) cuts the markup ${JSON.stringify(text.slice(a, b))}; all: ${JSON.stringify(ms.map((x) => x.text))}`);
    }
  }
}

function assertFoundAt(text: string, ms: Found[], term: string, from = 0): void {
  const at = text.indexOf(term, from);
  assert.ok(ms.some((m) => m.start === at && m.end === at + term.length), `${JSON.stringify(term)} at ${at} is not a mention; mentions: ${JSON.stringify(ms.map((m) => `${m.text}@${m.start}`))}`);
}

describe('matcher regressions: markup never desynchronizes the region scan (issue 10 §1, issue 11 §1)', () => {
  it('LaTeX CD8$^+$ and FOXP3$^+$: no span ends inside $^+$, and PD-1, PD-L1 and RT after them are found', async () => {
    const text = 'Tumour-infiltrating CD8$^+$ cells and FOXP3$^+$ cells were counted. PD-1 and PD-L1 were assessed after RT.';
    const ms = await annotate(text, 'latex');
    assertNoCutMarkup(text, ms);
    for (const term of ['PD-1', 'PD-L1', 'RT']) assertFoundAt(text, ms, term);
  });
  it('Markdown CD8$^+$/CD4$^+$: no span ends inside $^+$, and PD-1 after them is found', async () => {
    const text = 'The CD8$^+$/CD4$^+$ ratio and PD-1 levels.';
    const ms = await annotate(text, 'markdown');
    assertNoCutMarkup(text, ms);
    assertFoundAt(text, ms, 'PD-1');
  });
  it('LaTeX CD8$^+$~\\cite{a}\\cite{b}: no span ends inside $^+$, and T cells and dendritic cells later in the paragraph are found', async () => {
    const text = 'It stimulates cytotoxic cells, mainly CD8$^+$~\\cite{a}\\cite{b}. These are T cells and dendritic cells.';
    const ms = await annotate(text, 'latex');
    assertNoCutMarkup(text, ms);
    assertFoundAt(text, ms, 'T cells');
    assertFoundAt(text, ms, 'dendritic cells');
  });
});

describe('matcher regressions: inputs that hung (issue 10 §1)', () => {
  it('Markdown RT<sup></sup> returns, and RT is a mention', async () => {
    const text = 'RT<sup></sup>';
    const ms = await annotate(text, 'markdown');
    assert.equal(ms[0]?.start, 0, JSON.stringify(ms));
    assertNoCutMarkup(text, ms);
  });
  it('Markdown CD8<sup>+</sup> T cells returns one mention covering the markup, as CD8$^+$ T cells does', async () => {
    const text = 'CD8<sup>+</sup> T cells';
    const ms = await annotate(text, 'markdown');
    assert.deepEqual(ms.map((m) => [m.text, m.id]), [[text, 'cd8-t-cell']]);
  });
});

describe('matcher regressions: an HTML tag never spans a blank line (issue 10 §1)', () => {
  it('a stray <low in Markdown does not hide the next paragraph: PD-1 and RT are found', async () => {
    const text = 'PD-L1 expression <low in group A.\n\nPD-1 and RT.\n\nGroup A > group B.';
    const ms = await annotate(text, 'markdown');
    const middle = text.indexOf('PD-1');
    assertFoundAt(text, ms, 'PD-1', middle);
    assertFoundAt(text, ms, 'RT', middle);
  });
});

describe('matcher regressions: spans end at the term, not at the line break or a zero-width character (issue 10 §4)', () => {
  for (const language of ['plain', 'markdown', 'latex'] as DocLanguage[]) {
    it(`${language}: 树突状细胞 at the end of a hard-wrapped line excludes the line break`, async () => {
      for (const text of ['树突状细胞\n', '树突状细胞\n放疗', '激活树突状细胞\n并产生']) {
        const ms = await annotate(text, language);
        const first = ms.find((m) => m.start === text.indexOf('树突状细胞'));
        assert.equal(first?.text, '树突状细胞', `on ${JSON.stringify(text)}: ${JSON.stringify(ms.map((m) => m.text))}`);
      }
    });
  }
  it('plain: RT followed by U+200B or U+00AD and a space ends before the invisible character', async () => {
    for (const text of ['RT\u200b and PD-1', 'RT\u00ad and PD-1']) {
      const ms = await annotate(text, 'plain');
      assert.deepEqual(ms.map((m) => m.text), ['RT', 'PD-1'], JSON.stringify(text));
    }
  });
});

describe('matcher regressions: incremental equals full on the inputs of issue 10 §3', () => {
  const cases: { name: string; language: DocLanguage; text: string }[] = [
    { name: 'Markdown front matter closed by ...', language: 'markdown', text: '---\ntitle: x\n\nkeywords: RT\n...\nPD-1 here.\n\nDC and Treg.' },
    { name: 'a line holding only U+3000', language: 'markdown', text: 'PD-1 and $x\n\u3000\nRT and DC$ here.\n\nTreg.' },
    { name: 'a lone \\r between paragraphs', language: 'markdown', text: 'PD-1 and $x\r\rRT and DC$ here.\n\nTreg.' },
    { name: 'a stray <low tag', language: 'markdown', text: 'PD-L1 expression <low in group A.\n\nPD-1 and RT.\n\nGroup A > group B.' },
    { name: 'LaTeX, a line holding only U+3000', language: 'latex', text: 'PD-1 and $x\n\u3000\nRT and DC$ here.\n\nTreg.' },
  ];
  it('a > typed after a stray <low two paragraphs earlier: incremental equals full (an HTML tag never spans a blank line)', async () => {
    const text = 'PD-L1 expression <low in group A.\n\nPD-1 and RT.\n\nGroup A  group B.';
    const changes: TextChange[] = [{ start: text.indexOf('  group') + 1, removedLength: 0, insertedText: '>' }];
    const r = await runner.run<string | null>(PROPS, 'incrementalIn', { lexicon: 'builtin', language: 'markdown', text, changes }, LIMIT_MS);
    if (r.kind !== 'done') assert.fail(JSON.stringify(r));
    assert.equal(r.value, null, r.value ?? '');
  });
  for (const c of cases) {
    it(`${c.name}: editing each paragraph re-annotates it exactly as a full scan does`, async () => {
      // Insert a term at the start of every line, then delete the first character of the last paragraph.
      const changes: TextChange[] = [];
      let shift = 0;
      for (let i = 0; i <= c.text.length; i++) {
        if (i === 0 || c.text[i - 1] === '\n' || c.text[i - 1] === '\r') {
          changes.push({ start: i + shift, removedLength: 0, insertedText: 'PD-L1 ' });
          shift += 'PD-L1 '.length;
        }
      }
      changes.push({ start: 0, removedLength: 1, insertedText: '' });
      const r = await runner.run<string | null>(PROPS, 'incrementalIn', { lexicon: 'builtin', language: c.language, text: c.text, changes }, LIMIT_MS);
      if (r.kind === 'timeout') assert.fail(`no result within ${r.ms / 1000} s`);
      if (r.kind === 'error') assert.fail(r.message);
      assert.equal(r.value, null, r.value ?? '');
    });
  }
});
