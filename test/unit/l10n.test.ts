import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sourceFiles(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
}

/** The string literals passed to vscode.l10n.t in the extension's sources. */
function l10nStrings(): Map<string, string> {
  const found = new Map<string, string>();
  const re = /l10n\.t\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g;
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(re)) {
      const literal = m[1];
      const value = literal.startsWith("'") ? JSON.parse(`"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) : JSON.parse(literal);
      found.set(value, path.relative(ROOT, file));
    }
  }
  return found;
}

describe('localization', () => {
  it('translates every user-facing string of the extension into Simplified Chinese', () => {
    const zh = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const strings = l10nStrings();
    assert.ok(strings.size > 20, `only ${strings.size} strings found`);
    const missing = [...strings].filter(([s]) => !zh[s]).map(([s, f]) => `${f}: ${s}`);
    assert.deepEqual(missing, []);
    for (const [en, translated] of Object.entries(zh)) {
      const placeholders = (s: string) => [...s.matchAll(/\{\d\}/g)].map((m) => m[0]).sort().join();
      assert.equal(placeholders(translated), placeholders(en), `placeholders differ for: ${en}`);
    }
  });
});
