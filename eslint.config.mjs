// @ts-check
import tseslint from 'typescript-eslint';

/** Node's globals, which a browser's web worker (vscode.dev) does not have. */
const nodeGlobals = [
  { name: 'setImmediate', message: 'the web worker has no setImmediate: use setTimeout(f, 0).' },
  { name: 'clearImmediate', message: 'the web worker has no clearImmediate: use clearTimeout.' },
  { name: 'Buffer', message: 'the web worker has no Buffer: use Uint8Array/TextDecoder.' },
  { name: '__dirname', message: 'the web worker has no __dirname: take paths from the host (src/vscode/host.ts).' },
  { name: '__filename', message: 'the web worker has no __filename.' },
  { name: 'global', message: 'the web worker has no global: use globalThis.' },
];

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream',
  'string_decoder', 'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

/**
 * The kernel (assembly/) is AssemblyScript: TypeScript's syntax, except for decorators on functions
 * (`@inline`), which are blanked (keeping every position) before the TypeScript parser reads a file. Its
 * types are checked by the AssemblyScript compiler (node scripts/build-wasm.mjs --check, run by npm test).
 */
const assemblyScriptParser = {
  meta: { name: 'oncolex-assemblyscript' },
  parseForESLint: (code, options) => tseslint.parser.parseForESLint(code.replace(/^@(?:inline|global|lazy|unmanaged|final)\b/gm, (d) => ' '.repeat(d.length)), options),
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'out/**', '.e2e-cache/**', '.cache/**', 'generated/**', 'screenshots/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The extension never writes to the console: it logs through its output channel.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // The core is pure: no VS Code API and no Node built-ins, so it runs anywhere and tests in plain Node.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core must not import vscode: put VS Code code in src/vscode.' },
          ...nodeBuiltins.map((name) => ({ name, message: `src/core must stay pure: no Node built-in '${name}'.` })),
        ],
        patterns: [
          { group: ['node:*'], message: 'src/core must stay pure: no Node built-ins.' },
          { group: ['**/vscode/**', '../vscode/*'], message: 'src/core must not depend on the VS Code adapters.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/core must stay pure: pass configuration in.' },
        { name: 'require', message: 'src/core must stay pure.' },
        ...nodeGlobals,
      ],
    },
  },
  {
    // The adapters and wiring that the web extension shares with the desktop one run in a web worker too:
    // what only Node has is the desktop host's (src/extension.ts, src/node/).
    files: ['src/vscode/**/*.ts', 'src/activate.ts', 'src/web.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'the web worker has no process: ask the host (src/vscode/host.ts).' }, ...nodeGlobals],
    },
  },
  {
    files: ['assembly/**/*.ts'],
    languageOptions: { parser: assemblyScriptParser },
    rules: {
      // AssemblyScript has no type-only imports, and its `<u32>x` casts are its only conversions.
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/consistent-type-assertions': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'assembly/ is compiled on its own: import only from assembly/.' }] }],
    },
  },
);
