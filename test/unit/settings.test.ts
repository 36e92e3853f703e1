import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS, SETTINGS, VIEWS } from '../../src/core/ids';
import { DEFAULT_SETTINGS, resolveDisplayLanguage } from '../../src/core/settings';
import { contrastRatio } from '../colors';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.nls.json'), 'utf8')) as Record<string, string>;
const nlsZh = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
const properties = pkg.contributes.configuration.properties as Record<string, { default: unknown; description?: string }>;

describe('manifest and code agree', () => {
  it('every setting in package.json has the default the code uses, and vice versa', () => {
    const fromManifest = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k.replace(/^oncolex\./, ''), v.default]));
    assert.deepEqual(fromManifest, DEFAULT_SETTINGS);
    for (const key of Object.values(SETTINGS)) if (key !== SETTINGS.section) assert.ok(`oncolex.${key}` in properties, key);
  });
  it('every command the code defines is contributed, with a title in English and Chinese', () => {
    const contributed = new Map((pkg.contributes.commands as { command: string; title: string }[]).map((c) => [c.command, c.title]));
    for (const id of Object.values(COMMANDS)) {
      const title = contributed.get(id);
      assert.ok(title, `${id} is not in package.json`);
      const key = title.replace(/^%|%$/g, '');
      assert.ok(nls[key] && nlsZh[key], `${id}: title ${key} lacks a translation`);
    }
    assert.ok((pkg.contributes.views.oncolex as { id: string }[]).some((v) => v.id === VIEWS.lexicon));
  });
  it('every %key% in package.json is translated in both languages', () => {
    const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    for (const k of keys) {
      assert.ok(nls[k], `package.nls.json lacks ${k}`);
      assert.ok(nlsZh[k], `package.nls.zh-cn.json lacks ${k}`);
    }
  });
  it('colours terms only through the decorations: no grammar, injection or semantic tokens', () => {
    // The decorations come from the matcher, which knows regions, case, word boundaries and the document's
    // own abbreviations; a TextMate grammar or a token provider would paint a second, less precise signal.
    for (const key of ['semanticTokenTypes', 'semanticTokenModifiers', 'semanticTokenScopes']) {
      assert.ok(!(key in pkg.contributes), `package.json contributes ${key}`);
    }
    // Grammars only for the corpus languages OncoLex contributes itself (PubTator, brat), never injected into prose.
    const own = new Set((pkg.contributes as { languages?: { id: string }[] }).languages?.map((l) => l.id) ?? []);
    for (const g of (pkg.contributes as { grammars?: { language?: string; injectTo?: string[] }[] }).grammars ?? []) {
      assert.ok(g.language !== undefined && own.has(g.language) && g.injectTo === undefined, `package.json contributes a grammar for ${g.language ?? g.injectTo?.join(', ')}`);
    }
    // The language server (src/lsp/) is not the extension: other editors have no decorations, so there the
    // mentions are semantic tokens.
    const src = path.resolve(__dirname, '../../src');
    for (const f of fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((x) => x.endsWith('.ts') && !x.startsWith('lsp'))) {
      assert.doesNotMatch(fs.readFileSync(path.join(src, f), 'utf8'), /SemanticTokens/, `src/${f} provides semantic tokens`);
    }
  });
  it('category colours contrast with the default editor backgrounds: 4.5:1, as text must (style "text")', () => {
    // Editor backgrounds of Default Light Modern / Dark Modern and the high-contrast themes.
    const backgrounds = { light: '#FFFFFF', dark: '#1F1F1F', highContrast: '#000000', highContrastLight: '#FFFFFF' };
    const colors = pkg.contributes.colors as { id: string; defaults: Record<string, string | null> }[];
    for (const c of colors.filter((x) => !x.id.endsWith('Background'))) {
      for (const [kind, bg] of Object.entries(backgrounds)) {
        const fg = c.defaults[kind];
        assert.ok(fg, `${c.id} has no ${kind} default`);
        const ratio = contrastRatio(fg, bg);
        assert.ok(ratio >= 4.5, `${c.id} (${kind}) ${fg} on ${bg}: ${ratio.toFixed(2)}:1`);
      }
    }
  });
  it('activates on Markdown and LaTeX only, never on *', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(pkg.activationEvents.includes('onLanguage:markdown') && pkg.activationEvents.includes('onLanguage:latex'));
  });
  it('resolves the display language', () => {
    assert.equal(resolveDisplayLanguage('auto', 'zh-cn'), 'zh');
    assert.equal(resolveDisplayLanguage('auto', 'en'), 'en');
    assert.equal(resolveDisplayLanguage('en', 'zh-cn'), 'en');
  });
});
