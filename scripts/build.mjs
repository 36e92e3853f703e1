// Bundles the extension (desktop and web), the CLI and its language server with esbuild, after building the
// built-in lexicon's matcher tables (scripts/build-tables.ts → dist/matcher-tables.bin), which the web bundle
// embeds and the others read beside them. Types are checked separately by `tsc --noEmit`.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Fails the build on any Node built-in (`fs`, `node:path`…): the browser bundle must not need one. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    const builtins = new Set(builtinModules);
    build.onResolve({ filter: /.*/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (args.path.startsWith('node:') || builtins.has(name.split('/')[0])) {
        return { errors: [{ text: `the web build must not use the Node built-in '${args.path}' (imported by ${args.importer})` }] };
      }
      return undefined;
    });
  },
};

/**
 * Large libraries that only some commands use (citeproc for citation styles, compromise for the plural
 * forms of workspace lexicon entries: together 1.5 MB of the 2.4 MB CLI; pinyin-pro for the ids of mined
 * Chinese terms, 0.3 MB) are bundled apart, as
 * dist/vendor/<name>.js, and loaded on first use: an `import` of one gets a stand-in that requires the real
 * module when first touched. Node reads and compiles the rest faster: the CLI, the language server and the
 * desktop extension start sooner. (The web build has neither library.)
 */
const LAZY_VENDOR = ['citeproc', 'compromise', 'pinyin-pro'];
/** The named imports taken from a lazy library (`import { pinyin } from 'pinyin-pro'`): the stand-in lists them, so the bundle's import helper links each to the real one on first use. */
const LAZY_NAMES = { 'pinyin-pro': ['pinyin'] };
const lazyVendor = {
  name: 'lazy-vendor',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    const filter = new RegExp(`^(${LAZY_VENDOR.join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy-vendor' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-vendor' }, (args) => ({
      loader: 'js',
      // A function target, so that a default export that is a function (compromise's nlp) can be called.
      contents: `let real;
const load = () => {
  if (real === undefined) {
    const m = require(require('node:path').join(__dirname, 'vendor', ${JSON.stringify(`${args.path}.js`)}));
    real = m && m.__esModule && 'default' in m ? m.default : m;
  }
  return real;
};
module.exports = new Proxy(function () {}, {
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  apply: (_, self, args) => load().apply(self, args),
  construct: (_, args) => new (load())(...args),
  ownKeys: () => ['prototype', ...${JSON.stringify(LAZY_NAMES[args.path] ?? [])}],
});`,
    }));
  },
};

/** `import text from './file?text'`: the file's contents as a string (the web build bundles the lexicon so: a string parses faster than an object literal). */
const textImport = {
  name: 'text-import',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /\?text$/ }, (args) => ({ path: path.join(args.resolveDir, args.path.slice(0, -'?text'.length)), namespace: 'text-import' }));
    build.onLoad({ filter: /.*/, namespace: 'text-import' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text', watchFiles: [args.path] }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazyVendor] },
  // The CLI, with `oncolex lsp` (src/cli/lsp.ts, src/lsp/) in the same file.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyVendor] },
  // The web extension (package.json `browser`) for vscode.dev's web worker: no Node built-in may resolve, so a
  // stray import of one fails the build instead of the extension in the browser.
  { ...common, platform: 'browser', target: 'es2022', entryPoints: ['src/web.ts'], outfile: 'dist/web.js', plugins: [textImport, noNodeBuiltins], loader: { '.bin': 'binary' } },
  // `oncolex annotate --jobs N` starts this beside dist/cli.js (src/cli/pool.ts).
  { ...common, entryPoints: ['src/cli/worker.ts'], outfile: 'dist/cli-worker.js', plugins: [lazyVendor] },
  ...LAZY_VENDOR.map((name) => ({ ...common, entryPoints: [name], outfile: `dist/vendor/${name}.js` })),
];

/** Builds dist/matcher-tables.bin from generated/lexicon.json (again in watch mode when the lexicon is rebuilt: run the build). */
async function buildTables() {
  await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: ['scripts/build-tables.ts'], outfile: 'out/build-tables.js' });
  execFileSync(process.execPath, ['out/build-tables.js', '.'], { stdio: 'inherit' });
}

await buildTables();
if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
