// Bundles the e2e runner extension and packages it as a .vsix for code-server.
// Usage: node test/e2e-runner-extension/build.mjs OUT.vsix
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const out = path.resolve(process.argv[2] ?? path.join(root, '.e2e-cache', 'oncolex-e2e-runner.vsix'));

await esbuild.build({
  entryPoints: [path.join(here, 'src', 'extension.ts')],
  outfile: path.join(here, 'dist', 'extension.js'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  logLevel: 'warning',
  external: ['vscode'],
});
execFileSync(path.join(root, 'node_modules', '.bin', 'vsce'),
  ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out],
  { cwd: here, stdio: ['ignore', 'inherit', 'inherit'] });
