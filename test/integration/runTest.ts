// Runs the integration suite in a desktop VS Code with @vscode/test-electron, for machines that can
// download VS Code or already have one (VSCODE_EXECUTABLE_PATH). Where neither works (this project's CI
// machines), `npm run test:e2e` runs the same suite inside code-server instead.
//
// Usage: node test/integration/build.mjs && node out/integration/runTest.js
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  // A copy, so that tests which type into the manuscripts never touch the committed examples.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'oncolex-it-'));
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  await runTests({
    ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: '1.100.0' }),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err: unknown) => {
  console.error('Integration tests failed:', err);
  process.exit(1);
});
