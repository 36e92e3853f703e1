// A test-only extension installed next to OncoLex in code-server, where the command line cannot pass
// --extensionTestsPath. It reads its orders from the environment the extension host inherits:
// - ONCOLEX_INTEGRATION_SUITE + ONCOLEX_INTEGRATION_RESULTS: run the compiled integration suite
//   (out/integration/index.js) once at startup; the suite writes its results to the JSON file.
// - ONCOLEX_E2E_STATE: the command "OncoLex E2E: Write State" writes what the extension's test API
//   reports for the visible editors to that file, so the browser-driven test can compare it with the CLI.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as vscode from 'vscode';

const EXTENSION_ID = 'oncolex.oncolex';

interface OncoLexApi {
  mentions(uri: string): { start: number; end: number; id: string; category: string }[];
  decoratedCount(uri: string): number;
  highlightingEnabled(): boolean;
}

/** The state file's content, read by test/e2e/run.ts. */
export interface E2eState {
  installed: boolean;
  active: boolean;
  activationError?: string;
  highlightingEnabled?: boolean;
  commands: string[];
  activeEditor?: {
    uri: string;
    line: string;
    lineNumber: number;
    dirty: boolean;
    /** The primary selection as document offsets (start <= end). */
    selection: { start: number; end: number };
    /** The whole document, so that a test can check an edit's result exactly. */
    text: string;
    /** The document's diagnostics from every source, with offsets. */
    diagnostics: { source?: string; code?: string; message: string; start: number; end: number }[];
  };
  editors: { uri: string; fileName: string; languageId: string; mentions: number; decorated: number }[];
}

async function writeState(file: string): Promise<void> {
  const ext = vscode.extensions.getExtension<OncoLexApi>(EXTENSION_ID);
  const state: E2eState = {
    installed: ext !== undefined,
    active: ext?.isActive ?? false,
    commands: (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('oncolex.')),
    editors: [],
  };
  let api: OncoLexApi | undefined;
  try {
    // Only read an already active extension: activating it here would hide an activation bug.
    api = ext?.isActive ? ext.exports : undefined;
  } catch (err) {
    state.activationError = String(err);
  }
  if (api) {
    state.highlightingEnabled = api.highlightingEnabled();
    for (const ed of vscode.window.visibleTextEditors) {
      const uri = ed.document.uri.toString();
      state.editors.push({
        uri,
        fileName: ed.document.fileName,
        languageId: ed.document.languageId,
        mentions: api.mentions(uri).length,
        decorated: api.decoratedCount(uri),
      });
    }
  }
  const active = vscode.window.activeTextEditor;
  if (active) {
    const doc = active.document;
    const line = active.selection.active.line;
    state.activeEditor = {
      uri: doc.uri.toString(),
      line: doc.lineAt(line).text,
      lineNumber: line,
      dirty: doc.isDirty,
      selection: { start: doc.offsetAt(active.selection.start), end: doc.offsetAt(active.selection.end) },
      text: doc.getText(),
      diagnostics: vscode.languages.getDiagnostics(doc.uri).map((d) => ({
        source: d.source,
        code: typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code),
        message: d.message,
        start: doc.offsetAt(d.range.start),
        end: doc.offsetAt(d.range.end),
      })),
    };
  }
  fs.writeFileSync(file, JSON.stringify(state, null, 2));
}

async function runSuite(suite: string, results: string): Promise<void> {
  try {
    // The suite lives outside this extension, in the repository's out/ folder.
    const mod = createRequire(__filename)(suite) as { run(): Promise<void> };
    await mod.run();
  } catch (err) {
    // run() writes the results file itself; only a suite that could not start leaves none behind.
    if (!fs.existsSync(results)) {
      fs.writeFileSync(results, JSON.stringify({ passed: 0, failed: 1, tests: [
        { title: 'integration suite could not run', state: 'failed', durationMs: 0, error: String(err) },
      ] }));
    }
  }
}

export function activate(context: vscode.ExtensionContext): void {
  const stateFile = process.env.ONCOLEX_E2E_STATE;
  context.subscriptions.push(
    vscode.commands.registerCommand('oncolexE2e.writeState', async () => {
      if (stateFile) await writeState(stateFile);
    }),
  );
  const suite = process.env.ONCOLEX_INTEGRATION_SUITE;
  const results = process.env.ONCOLEX_INTEGRATION_RESULTS;
  if (suite && results) void runSuite(suite, results);
}

export function deactivate(): void {}
