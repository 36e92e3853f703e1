import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createRequire } from 'node:module';
import { commandLink, isCardLinkTarget, keepCardLinks, renderCard } from '../../src/core/cards/card';
import { escapeMarkdown } from '../../src/core/cards/markdown';
import { COMMANDS, HOVER_COMMANDS } from '../../src/core/ids';
import type { Entry } from '../../src/core/lexicon/lexicon';
import { indexById } from '../../src/core/lexicon/lexicon';
import { loadBuiltinLexicon } from '../../src/node/builtin';
import { miniLexicon } from '../helpers/mini-lexicon';

const lexicon = miniLexicon();
const byId = indexById(lexicon);

/** Every link target in rendered Markdown. */
function linkTargets(md: string): string[] {
  return [...md.matchAll(/(?<!\\)\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

const hostile: Entry = {
  ...lexicon.entries[0],
  id: 'hostile',
  label: { en: '[x](command:workbench.action.terminal.new)', zh: '<img src=x onerror=alert(1)>' },
  synonyms: ['`code`', '**bold**', '![img](https://evil.example/a.png)'],
  kind: '<script>alert(1)</script>',
  definition: { en: 'Click [here](command:workbench.action.terminal.new?%5B%5D) or <a href="command:x">this</a>.', zh: '[链接](https://evil.example)' },
  evidence: [{ section: '4', sectionTitle: 't', sentence: '[y](command:workbench.action.openSettings)', refs: [1] }],
};

describe('term cards', () => {
  it('show names in both languages, category, definition, relations, identifiers and evidence', () => {
    const pembro = byId.get('pembrolizumab')!;
    const md = renderCard({ ...pembro, ids: { drugbank: 'DB09037' }, evidence: [{ section: '4', sectionTitle: '', sentence: '抗 PD-1 药物帕博利珠单抗已被批准。', refs: [15, 16] }] }, { lang: 'en', byId, links: true, mentionCount: 2 });
    assert.match(md, /^\*\*pembrolizumab\*\* · 帕博利珠单抗/);
    assert.match(md, /\*drug\*/);
    assert.match(md, /\*\*Targets:\*\* \[PD-1\]\(command:oncolex\.showEntry\?/);
    assert.match(md, /\[DrugBank DB09037\]\(https:\/\/go\.drugbank\.com\/drugs\/DB09037\)/);
    assert.ok(md.includes('> §4 抗 PD-1 药物帕博利珠单抗已被批准。 — refs \\[15, 16\\]'), md);
    assert.ok(md.includes('[Show mentions (2)](command:oncolex.showMentions?'), md);
  });
  it('put Chinese first when the display language is Chinese', () => {
    const md = renderCard(byId.get('dendritic-cell')!, { lang: 'zh', byId });
    assert.match(md, /^\*\*树突状细胞\*\* · dendritic cell/);
    assert.match(md, /\*免疫细胞\*/);
  });
  it('list the inverse relation on the target: a checkpoint shows its drugs', () => {
    assert.match(renderCard(byId.get('pd-1')!, { lang: 'en', byId }), /\*\*Drugs:\*\* pembrolizumab/);
  });
  it('escape hostile lexicon text: no links, HTML, images or code from the lexicon', () => {
    const md = renderCard(hostile, { lang: 'en', byId, links: true });
    for (const target of linkTargets(md)) {
      assert.ok(target.startsWith('command:oncolex.'), `unexpected link target ${target}`);
      const command = target.slice('command:'.length).split('?')[0];
      assert.ok((HOVER_COMMANDS as readonly string[]).includes(command), command);
    }
    // Every < from the lexicon is backslash-escaped, so CommonMark shows it as text, never as HTML.
    assert.ok(!/(?<!\\)</.test(md), md);
    assert.ok(!/(?<!\\)\[x\]\(command:workbench/.test(md));
    assert.ok(md.includes('\\[x\\](command:workbench.action.terminal.new)'), md);
  });
  it('escape every Markdown metacharacter', () => {
    assert.equal(escapeMarkdown('a*b_c`d[e](f)<g>&h!#|~'), 'a\\*b\\_c\\`d\\[e\\](f)\\<g\\>&h!#|~');
    // Only what Markdown would interpret (issue 23): text shown raw by other editors stays readable.
    assert.equal(escapeMarkdown('anti-PD-1 (MSD/Merck & Co.) 50%'), 'anti-PD-1 (MSD/Merck & Co.) 50%');
    assert.equal(escapeMarkdown('# x'), '\\# x');
    assert.equal(escapeMarkdown('1. x &amp; ~~y~~ https://a.b www.c.d'), '1\\. x \\&amp; \\~\\~y\\~\\~ https\\://a.b www\\.c.d');
    assert.equal(escapeMarkdown('line\nbreak\u202eRTL'), 'line breakRTL');
  });
  it('build command links to our commands with JSON arguments', () => {
    assert.equal(commandLink('Open', COMMANDS.showEntry, { id: 'pd-1' }), `[Open](command:oncolex.showEntry?${encodeURIComponent(JSON.stringify([{ id: 'pd-1' }]))})`);
  });
});

describe('the card view keeps only the card’s own links', () => {
  const lexicon = loadBuiltinLexicon();
  const byId = indexById(lexicon);
  const base = lexicon.entries.find((e) => Object.keys(e.ids).length >= 2 && e.relations.length > 0)!;
  const hostile: Entry = {
    ...base,
    definition: { en: 'Write to lab@example.org, or see https://evil.example/x and www.evil.example.', zh: '见 https://evil.example/zh 与 a@b.cn' },
  };
  const md = renderCard(hostile, { lang: 'en', byId, links: true, inCardView: true });

  it('a renderer’s extra links (linkified URLs, mail addresses) lose their link and keep their text', () => {
    const html =
      '<p>Write to <a href="mailto:lab@example.org">lab@example.org</a>, or see <a href="https://evil.example/x">https://evil.example/x</a>.</p>' +
      `<p><a href="https://ncit.nci.nih.gov/ncitbrowser/ConceptReport.jsp?dictionary=NCI_Thesaurus&amp;code=C17764">NCI Thesaurus C17764</a> · ` +
      '<a href="command:oncolex.showEntry?%5B%7B%22id%22%3A%22cd28%22%7D%5D">CD28</a> · <a href="command:workbench.action.terminal.new">x</a> · ' +
      '<a href="https://www.uniprot.org/uniprotkb/Q15116/../../evil">y</a></p>';
    const kept = keepCardLinks(html);
    assert.deepEqual(kept.match(/href="[^"]*"/g), [
      'href="https://ncit.nci.nih.gov/ncitbrowser/ConceptReport.jsp?dictionary=NCI_Thesaurus&amp;code=C17764"',
      'href="command:oncolex.showEntry?%5B%7B%22id%22%3A%22cd28%22%7D%5D"',
    ]);
    assert.match(kept, /Write to lab@example\.org, or see https:\/\/evil\.example\/x\./);
    assert.match(kept, /· x · y<\/p>$/);
  });

  it('with markdown-it and linkify on (as the card view renders), every link left is an identifier page or our command, and all of those stay', (t) => {
    let MarkdownIt: (new (options: object) => { render(src: string): string; linkify: { set(o: object): void } }) | undefined;
    try {
      MarkdownIt = createRequire(__filename)('markdown-it');
    } catch {
      t.skip('markdown-it is not installed');
      return;
    }
    const renderer = new MarkdownIt!({ html: true, linkify: true });
    renderer.linkify.set({ fuzzyLink: true, fuzzyEmail: true });
    const html = keepCardLinks(renderer.render(md));
    const hrefs = (html.match(/href="[^"]*"/g) ?? []).map((h) => h.slice(6, -1).replace(/&amp;/g, '&'));
    for (const href of hrefs) assert.ok(isCardLinkTarget(href), href);
    const made = md.match(/\]\((?:command:|https:)/g) ?? [];
    assert.equal(hrefs.length, made.length);
    assert.ok(hrefs.filter((h) => h.startsWith('https:')).length >= 2);
    assert.doesNotMatch(html, /href="[^"]*evil/);
  });
});
