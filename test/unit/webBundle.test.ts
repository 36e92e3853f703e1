/**
 * The web extension's loading path: dist/web.js (package.json `browser`, built by `npm test` before the unit
 * tests) runs in a fresh V8 context that has only what a browser's web worker has — no `process`, `Buffer`,
 * `__dirname`, and a `require` that knows nothing but `vscode` — against a fake `vscode` module. It must
 * load, activate, register the hover, search and Lexicon view, and answer a hover from its bundled lexicon,
 * with the matcher made from the bundled tables.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as vm from 'node:vm';

const root = path.join(__dirname, '..', '..');
const BIB = Buffer.from('@article{postow2012,\n  title = {Immunologic correlates of the abscopal effect in a patient with melanoma},\n  author = {Postow, Michael A. and others},\n  journal = {N Engl J Med},\n  year = {2012}\n}\n');
const bundle = path.join(root, 'dist', 'web.js');

/**
 * Any API the test does not model: callable, constructible, every property another stub (or what was
 * assigned to it), iterates empty.
 */
function stub(name: string): unknown {
  const assigned = new Map<PropertyKey, unknown>();
  return new Proxy(function () {}, {
    set: (_t, prop, v) => (assigned.set(prop, v), true),
    get(_t, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => name;
      if (typeof prop === 'symbol') return undefined;
      return stub(`${name}.${prop}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`) as object,
  });
}

/**
 * The names the sources read off the `vscode` module: the bundle copies the module's own properties into its
 * namespace object (esbuild's `__toESM`), so the fake module must list them.
 */
function vscodeNames(): string[] {
  const names = new Set<string>();
  const src = path.join(root, 'src');
  for (const f of fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((x) => x.endsWith('.ts'))) {
    for (const m of fs.readFileSync(path.join(src, f), 'utf8').matchAll(/\bvscode\.([A-Za-z]+)/g)) names.add(m[1]);
  }
  return [...names];
}

/** `overrides` where given (nested objects too), stubs elsewhere; `keys` are reported as its own properties. */
function fake(name: string, overrides: Record<string, unknown>, keys: string[] = []): unknown {
  return new Proxy(overrides, {
    ownKeys: (t) => [...new Set([...Reflect.ownKeys(t), ...keys])],
    getOwnPropertyDescriptor: (t, prop) => Reflect.getOwnPropertyDescriptor(t, prop) ?? (typeof prop === 'string' && keys.includes(prop) ? { configurable: true, enumerable: true, writable: false, value: undefined } : undefined),
    get(t, prop) {
      if (typeof prop === 'symbol') return undefined;
      if (Object.hasOwn(t, prop)) {
        const v = t[prop];
        return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype ? fake(`${name}.${prop}`, v as Record<string, unknown>) : v;
      }
      return stub(`${name}.${prop}`);
    },
  });
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}
class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}
class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => undefined };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {}
}
class MarkdownString {
  isTrusted: unknown;
  supportHtml = false;
  constructor(public value = '') {}
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
  appendText(s: string): this {
    this.value += s;
    return this;
  }
}
class Hover {
  constructor(
    readonly contents: MarkdownString,
    readonly range?: Range,
  ) {}
}
interface FakeUri {
  scheme: string;
  path: string;
  toString(): string;
}
const uri = (p: string): FakeUri => ({ scheme: 'vscode-test-web', path: p, toString: () => `vscode-test-web://mount${p}` });

/** A read-only text document over `text`. */
function document(text: string, languageId: string) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const positionAt = (o: number) => {
    let line = starts.length - 1;
    while (starts[line] > o) line--;
    return new Position(line, o - starts[line]);
  };
  const offsetAt = (p: Position) => Math.min(text.length, starts[Math.min(p.line, starts.length - 1)] + p.character);
  return {
    uri: uri('/paper.md'),
    languageId,
    version: 1,
    isClosed: false,
    lineCount: starts.length,
    getText: (r?: Range) => (r ? text.slice(offsetAt(r.start), offsetAt(r.end)) : text),
    positionAt,
    offsetAt,
    lineAt: (line: number) => {
      const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
      return { text: text.slice(starts[line], end), range: new Range(new Position(line, 0), positionAt(end)) };
    },
  };
}

describe('the web extension bundle (dist/web.js)', () => {
  it('loads in a browser-like context with no Node built-in, activates, and hovers a term', async () => {
    assert.ok(fs.existsSync(bundle), `${bundle} is missing: run npm run build`);
    const required: string[] = [];
    const commands = new Map<string, unknown>();
    const hovers: { provideHover(doc: unknown, pos: Position): Hover | undefined }[] = [];
    const logs: string[] = [];
    const errors: string[] = [];
    const log = (level: string) => (m: unknown) => logs.push(`${level} ${String(m)}`);
    const vscode = fake('vscode', {
      Position,
      Range,
      EventEmitter,
      MarkdownString,
      Hover,
      Uri: { joinPath: (base: FakeUri, ...parts: string[]) => uri([base.path, ...parts].join('/')), file: (p: string) => uri(p), parse: (s: string) => uri(s) },
      env: { language: 'en', uiKind: 2 },
      l10n: { t: (s: string, ...args: unknown[]) => s.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) },
      commands: { registerCommand: (id: string, fn: unknown) => (commands.set(id, fn), { dispose: () => undefined }) },
      languages: {
        registerHoverProvider: (_sel: unknown, p: (typeof hovers)[number]) => (hovers.push(p), { dispose: () => undefined }),
      },
      window: {
        createOutputChannel: () => ({ trace: log('trace'), info: log('info'), warn: log('warn'), error: log('error'), show: () => undefined, dispose: () => undefined }),
        showErrorMessage: (m: string) => (errors.push(m), Promise.resolve(undefined)),
        visibleTextEditors: [],
        activeTextEditor: undefined,
      },
      workspace: {
        getConfiguration: () => ({ get: (_k: string, d?: unknown) => d }),
        // One bibliography in the workspace, read through vscode.workspace.fs as on vscode.dev.
        findFiles: async (pattern: unknown) => (/bib/.test(String(pattern)) ? [uri('/ws/refs.bib')] : []),
        asRelativePath: (u: FakeUri) => u.path.replace(/^\/ws\//, ''),
        textDocuments: [],
        workspaceFolders: undefined,
        fs: {
          readFile: async (u: FakeUri) => (u.path === '/ws/refs.bib' ? BIB : fs.readFileSync(path.join(root, u.path.replace(/^\/ext\//, '')))),
          stat: async (u: FakeUri) => ({ mtime: 1, size: u.path === '/ws/refs.bib' ? BIB.length : 0 }),
        },
      },
    }, vscodeNames());
    const sandbox: Record<string, unknown> = {
      module: { exports: {} },
      require: (name: string) => {
        required.push(name);
        if (name === 'vscode') return vscode;
        throw new Error(`the web bundle required '${name}', which a browser does not have`);
      },
      // What a web worker has (the extension host's globals), and nothing of Node's.
      console,
      setTimeout,
      clearTimeout,
      queueMicrotask,
      TextEncoder,
      TextDecoder,
      WebAssembly,
      atob,
      btoa,
      URL,
      AbortSignal,
      performance,
    };
    sandbox.exports = (sandbox.module as { exports: unknown }).exports;
    sandbox.self = sandbox;
    sandbox.globalThis = sandbox;
    vm.createContext(sandbox);
    vm.runInContext(fs.readFileSync(bundle, 'utf8'), sandbox, { filename: 'web.js' });
    const ext = (sandbox.module as { exports: { activate(c: unknown): unknown } }).exports;
    assert.equal(typeof ext.activate, 'function');

    const api = ext.activate({ subscriptions: [], extensionUri: uri('/ext') });
    assert.deepEqual(errors, [], logs.join('\n'));
    assert.ok(api, `activation failed:\n${logs.join('\n')}`);
    assert.deepEqual([...new Set(required)], ['vscode'], 'only the vscode module is required');
    assert.ok(logs.some((l) => /activated \(web\)/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /Zotero search .* need desktop VS Code/.test(l)), 'the log says what the web build lacks');
    for (const id of ['oncolex.searchTerms', 'oncolex.showEntry', 'oncolex.insertCitation', 'oncolex.toggleHighlighting']) assert.ok(commands.has(id), id);

    const doc = document('# Results\n\nPembrolizumab blocks PD-1 on CD8+ T cells.\n', 'markdown');
    const cards = hovers.map((h) => h.provideHover(doc, new Position(2, 4))).filter((h) => h !== undefined);
    assert.equal(cards.length, 1);
    assert.match(cards[0]!.contents.value, /^\*\*pembrolizumab\*\* · 帕博利珠单抗/);
    assert.deepEqual(cards[0]!.range, new Range(new Position(2, 0), new Position(2, 13)));
    // The matcher comes from the tables bundled with the lexicon, not from a build in the browser.
    assert.ok(logs.some((l) => /matcher for the built-in lexicon: \d+ forms, loaded from its built tables/.test(l)), logs.join('\n'));
    const mentions = (api as { mentions(u: string): { id: string }[] }).mentions(doc.uri.toString());
    assert.ok(Array.isArray(mentions));
    // Let the abbreviation check's debounce and the bibliography's reading run before the test ends: the
    // bibliography is read, and nothing is logged as an error (a Node-only global such as setImmediate was).
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(logs.some((l) => /citations: read refs\.bib: 1 entries, 0 errors/.test(l)), logs.join('\n'));
    assert.deepEqual(logs.filter((l) => l.startsWith('error')), []);
  });
});
