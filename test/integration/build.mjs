// Compiles the integration suite to out/integration/ (one bundle per file; vscode and mocha stay
// external: the extension host provides the first, the repository's node_modules the second).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outdir = path.join(root, 'out', 'integration');
const suite = fs.readdirSync(path.join(here, 'suite')).filter((f) => f.endsWith('.test.ts'));

fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [
    path.join(here, 'index.ts'),
    path.join(here, 'runTest.ts'),
    ...suite.map((f) => path.join(here, 'suite', f)),
  ],
  outbase: here,
  outdir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
});
console.log(`integration suite built into ${path.relative(root, outdir)}`);
