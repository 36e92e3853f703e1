// Entry point of the integration suite, in the shape @vscode/test-electron expects (`run()` rejecting on
// failure). The same compiled file is loaded inside code-server by the e2e runner extension
// (test/e2e-runner-extension), which is why it can also write its results to a JSON file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** One test's outcome, as written to ONCOLEX_INTEGRATION_RESULTS and read by test/e2e/run.ts. */
export interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  tests: TestResult[];
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000 });
  const suiteDir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(suiteDir).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(suiteDir, f));
  }
  await mocha.loadFilesAsync();
  const results: SuiteResults = { passed: 0, failed: 0, tests: [] };
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t) => {
      results.passed++;
      results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 });
    });
    runner.on('fail', (t, err: unknown) => {
      results.failed++;
      const error = err instanceof Error ? `${err.message}` : String(err);
      results.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error });
    });
  });
  const out = process.env.ONCOLEX_INTEGRATION_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
