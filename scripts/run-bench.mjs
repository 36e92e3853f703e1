// `npm run bench`: bundles scripts/bench.ts with esbuild, as the extension and CLI are bundled, and runs it,
// so the figures are those of the shipped code rather than of a per-file transpiler.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';

await esbuild.build({
  entryPoints: ['scripts/bench.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  outfile: 'out/bench/bench.js',
  logLevel: 'warning',
  external: ['vscode'],
});
execFileSync(process.execPath, ['out/bench/bench.js'], { stdio: 'inherit' });
