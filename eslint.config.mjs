// @ts-check
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream',
  'string_decoder', 'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'out/**', '.e2e-cache/**', '.cache/**', 'generated/**', 'screenshots/**', 'assembly/**'] },
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
        { name: 'Buffer', message: 'src/core must stay pure: use Uint8Array/TextDecoder.' },
      ],
    },
  },
);
