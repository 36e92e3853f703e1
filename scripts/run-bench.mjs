// `npm run bench`: bundles scripts/bench.ts with esbuild, as the extension and CLI are bundled, and runs it,
// so the figures are those of the shipped code rather than of a per-file transpiler.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';

const options = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning', external: ['vscode'] };
await esbuild.build({ ...options, entryPoints: ['scripts/bench.ts'], outfile: 'out/bench/bench.js' });
// The cold start runs in a fresh process of its own (scripts/bench.ts starts it).
await esbuild.build({ ...options, entryPoints: ['scripts/bench-cold.ts'], outfile: 'out/bench/cold.js' });
execFileSync(process.execPath, ['out/bench/bench.js', ...process.argv.slice(2)], { stdio: 'inherit' });
