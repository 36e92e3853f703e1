// The extension in a running VS Code: activation, commands, decorations, hover cards, citations.
// Checked against the example manuscripts, the built lexicon and examples/references.bib.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/core/ids';
import {
  assertNoMentionIn,
  completionLabels,
  exampleUri,
  getApi,
  hoverText,
  lexiconEntry,
  openExample,
  rangesOf,
  repoRoot,
  waitFor,
} from './helpers';

suite('activation', () => {
  test('activates and exports the test API', async () => {
    const api = await getApi();
    assert.equal(api.highlightingEnabled(), true);
  });

  test('registers every command of src/core/ids.ts', async () => {
    await getApi();
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = Object.values(COMMANDS).filter((c) => !all.has(c));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });
});

suite('highlighting', () => {
  for (const file of ['review-section.md', 'paper.tex', 'zh-review.md']) {
    test(`decorates every mention in ${file}`, async () => {
      const api = await getApi();
      const editor = await openExample(file);
      const uri = editor.document.uri.toString();
      await waitFor(() => api.mentions(uri).length > 0 && api.decoratedCount(uri) === api.mentions(uri).length, `decorations in ${file}`);
      const text = editor.document.getText();
      for (const m of api.mentions(uri)) {
        assert.ok(m.start >= 0 && m.end > m.start && m.end <= text.length, `mention ${m.id} has bad offsets ${m.start}-${m.end}`);
      }
    });
  }

  test('finds English terms in the Markdown review section', async () => {
    const api = await getApi();
    const editor = await openExample('review-section.md');
    const text = editor.document.getText();
    const found = new Set(api.mentions(editor.document.uri.toString()).map((m) => text.slice(m.start, m.end).toLowerCase()));
    for (const term of ['abscopal effect', 'pembrolizumab', 'ipilimumab', 'dendritic cells', 'pd-l1']) {
      assert.ok(found.has(term), `'${term}' is not a mention; found: ${[...found].slice(0, 30).join(', ')}`);
    }
  });

  test('finds Chinese terms in the Chinese review section', async () => {
    const api = await getApi();
    const editor = await openExample('zh-review.md');
    const text = editor.document.getText();
    const found = new Set(api.mentions(editor.document.uri.toString()).map((m) => text.slice(m.start, m.end)));
    for (const term of ['远端效应', '树突状细胞', '帕博利珠单抗', 'PD-L1']) {
      assert.ok(found.has(term), `'${term}' is not a mention; found: ${[...found].slice(0, 30).join(', ')}`);
    }
  });

  test('leaves front matter, HTML comments, inline code and math of Markdown alone', async () => {
    const api = await getApi();
    const editor = await openExample('review-section.md');
    const text = editor.document.getText();
    const mentions = api.mentions(editor.document.uri.toString());
    assertNoMentionIn(mentions, rangesOf(text, /<!--[\s\S]*?-->/g), text, 'an HTML comment');
    assertNoMentionIn(mentions, rangesOf(text, /`[^`\n]+`/g), text, 'inline code');
    assertNoMentionIn(mentions, rangesOf(text, /\$[^$\n]+\$/g), text, 'inline math');
  });

  test('leaves comments, math and verbatim of LaTeX alone', async () => {
    const api = await getApi();
    const editor = await openExample('paper.tex');
    const text = editor.document.getText();
    const mentions = api.mentions(editor.document.uri.toString());
    assertNoMentionIn(mentions, rangesOf(text, /(?<!\\)%[^\n]*/g), text, 'a % comment');
    assertNoMentionIn(mentions, rangesOf(text, /\\begin\{verbatim\}[\s\S]*?\\end\{verbatim\}/g), text, 'a verbatim block');
    assertNoMentionIn(mentions, rangesOf(text, /\\begin\{equation\}[\s\S]*?\\end\{equation\}/g), text, 'an equation');
  });

  test('the toggle command removes and restores every decoration', async () => {
    const api = await getApi();
    const editor = await openExample('review-section.md');
    const uri = editor.document.uri.toString();
    await waitFor(() => api.decoratedCount(uri) > 0, 'decorations');
    const before = api.decoratedCount(uri);
    await vscode.commands.executeCommand(COMMANDS.toggleHighlighting);
    try {
      await waitFor(() => !api.highlightingEnabled() && api.decoratedCount(uri) === 0, 'decorations to disappear');
    } finally {
      await vscode.commands.executeCommand(COMMANDS.toggleHighlighting);
    }
    await waitFor(() => api.highlightingEnabled() && api.decoratedCount(uri) === before, 'decorations to come back');
  });
});

suite('hover', () => {
  async function cardAt(file: string, phrase: string): Promise<{ id: string; text: string }> {
    const api = await getApi();
    const editor = await openExample(file);
    const doc = editor.document;
    const uri = doc.uri.toString();
    await waitFor(() => api.mentions(uri).length > 0, `mentions in ${file}`);
    const offset = doc.getText().indexOf(phrase);
    assert.ok(offset >= 0, `'${phrase}' is not in ${file}`);
    const mention = api.mentions(uri).find((m) => m.start <= offset && offset < m.end);
    assert.ok(mention, `no mention at '${phrase}'`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 1));
    return { id: mention.id, text: hoverText(hovers) };
  }

  function assertCard(id: string, text: string): void {
    const entry = lexiconEntry(id);
    assert.ok(text.includes(entry.label.en), `the card has no English name '${entry.label.en}':\n${text}`);
    assert.ok(text.includes(entry.label.zh), `the card has no Chinese name '${entry.label.zh}':\n${text}`);
    const def = entry.definition.en.slice(0, 40);
    assert.ok(text.includes(def), `the card has no definition ('${def}…'):\n${text}`);
    if (entry.evidence.length > 0) {
      const sentence = entry.evidence[0].sentence.slice(0, 12);
      assert.ok(text.includes(sentence), `the card has no evidence sentence ('${sentence}…'):\n${text}`);
    }
  }

  test('hovering pembrolizumab in Markdown shows its card', async () => {
    const { id, text } = await cardAt('review-section.md', 'Pembrolizumab and nivolumab block');
    assertCard(id, text);
  });

  test('hovering 远端效应 in Chinese Markdown shows its card', async () => {
    const { id, text } = await cardAt('zh-review.md', '远端效应（abscopal effect）');
    assertCard(id, text);
  });

  test('hovering a term in LaTeX shows its card', async () => {
    const { id, text } = await cardAt('paper.tex', 'durvalumab after');
    assertCard(id, text);
  });
});

suite('citations', () => {
  async function completeAfter(file: string, typed: string): Promise<string[]> {
    const editor = await openExample(file);
    const doc = editor.document;
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, `\n${typed}`));
    try {
      const pos = doc.lineAt(doc.lineCount - 1).range.end;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider', doc.uri, pos, typed.slice(-1));
      return completionLabels(list);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }

  test('\\cite{ in LaTeX offers the keys of references.bib', async () => {
    await getApi();
    const labels = await completeAfter('paper.tex', 'See \\cite{');
    for (const key of ['postow2012', 'theelen2019', 'shu2024']) {
      assert.ok(labels.includes(key), `'${key}' not offered; got: ${labels.slice(0, 20).join(', ')}`);
    }
  });

  test('\\cite{ also offers the review\'s studies that no .bib lists', async () => {
    await getApi();
    const bib = fs.readFileSync(exampleUri('references.bib').fsPath, 'utf8');
    const bibKeys = new Set([...bib.matchAll(/^@\w+\{([^,\s]+),/gm)].map((m) => m[1]));
    const studies = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'data', 'references', 'review-studies.json'), 'utf8')) as {
      studies: { key: string; identified?: boolean }[];
    }).studies
      // Studies whose record is not certain are shown as evidence but never offered as keys.
      .filter((s) => s.identified !== false)
      .map((s) => s.key)
      .filter((k) => !bibKeys.has(k));
    assert.ok(studies.length > 0, 'every study of the review is in references.bib: nothing to check');
    const labels = await completeAfter('paper.tex', 'See \\cite{');
    const missing = studies.filter((k) => !labels.includes(k));
    assert.deepEqual(missing, [], `studies of the review not offered: ${missing.join(', ')}`);
  });

  test('[@ in Markdown offers the keys of references.bib', async () => {
    await getApi();
    const labels = await completeAfter('review-section.md', 'As shown [@');
    assert.ok(labels.includes('golden2015'), `'golden2015' not offered; got: ${labels.slice(0, 20).join(', ')}`);
  });
});

suite('abbreviations', () => {
  test('hints at an abbreviation used before its definition, and the quick fix writes the first-use form', async () => {
    await getApi();
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: 'Tumours upregulate PD-L1 after RT.\n\nLater we define programmed death-ligand 1 (PD-L1) properly.\n',
    });
    const editor = await vscode.window.showTextDocument(doc);
    let hints: vscode.Diagnostic[] = [];
    await waitFor(() => {
      hints = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'OncoLex');
      return hints.length > 0;
    }, 'an abbreviation hint');
    assert.equal(hints.length, 1);
    assert.equal(doc.getText(hints[0].range), 'PD-L1');
    assert.equal(hints[0].range.start.line, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, hints[0].range);
    const fix = actions.find((a) => a.edit && /first-use form/.test(a.title));
    assert.ok(fix?.edit, `no quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.workspace.applyEdit(fix.edit);
    assert.match(editor.document.lineAt(0).text, /^Tumours upregulate programmed death-ligand 1 \(PD-L1\) after RT\.$/);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.lineAt(0).text, 'Tumours upregulate PD-L1 after RT.');
  });
});

suite('manuscript checks', () => {
  test('a brand name and a mixed spelling each get their diagnostic; the quick fixes apply and undo', async () => {
    await getApi();
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: 'Keytruda was given after RT.\n\nPD-L1 rose, and PDL1 with PD-L1 again.\n',
    });
    const editor = await vscode.window.showTextDocument(doc);
    const byCode = (code: string) => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'OncoLex' && d.code === code);
    await waitFor(() => byCode('brand-name').length > 0 && byCode('mixed-spelling').length > 0, 'brand-name and mixed-spelling diagnostics');
    const brand = byCode('brand-name')[0];
    assert.equal(doc.getText(brand.range), 'Keytruda');
    const mixed = byCode('mixed-spelling');
    assert.deepEqual(
      mixed.map((d) => doc.getText(d.range)),
      ['PDL1'],
    );
    const brandFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, brand.range);
    const inn = brandFixes.find((a) => a.edit && /Pembrolizumab \(Keytruda\)/.test(a.title));
    assert.ok(inn?.edit, `no INN (brand) fix among: ${brandFixes.map((a) => a.title).join(' | ')}`);
    await vscode.workspace.applyEdit(inn.edit);
    assert.equal(editor.document.lineAt(0).text, 'Pembrolizumab (Keytruda) was given after RT.');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.lineAt(0).text, 'Keytruda was given after RT.');
    await waitFor(() => byCode('mixed-spelling').length > 0 && byCode('mixed-spelling')[0].range.start.line === 2, 'the mixed spelling again after undo');
    const again = byCode('mixed-spelling')[0];
    const mixedFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, again.range);
    const unify = mixedFixes.find((a) => a.edit && /PD-L1/.test(a.title));
    assert.ok(unify?.edit, `no unifying fix among: ${mixedFixes.map((a) => a.title).join(' | ')}`);
    await vscode.workspace.applyEdit(unify.edit);
    assert.equal(editor.document.lineAt(2).text, 'PD-L1 rose, and PD-L1 with PD-L1 again.');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.lineAt(2).text, 'PD-L1 rose, and PDL1 with PD-L1 again.');
  });

  test('Export Abbreviations inserts an acro block at the cursor, undoably', async () => {
    const api = await getApi();
    const doc = await vscode.workspace.openTextDocument({
      language: 'latex',
      content: 'Programmed death-ligand 1 (PD-L1) and PD-L1 after radiotherapy (RT) and RT.\n\n',
    });
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor(() => api.mentions(doc.uri.toString()).length > 0, 'mentions');
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    await vscode.commands.executeCommand(COMMANDS.exportAbbreviations, { format: 'acro', target: 'insert' });
    await waitFor(() => doc.getText().includes('\\DeclareAcronym'), 'the acro block');
    assert.equal(
      doc.getText().slice(doc.offsetAt(new vscode.Position(2, 0))),
      '\\DeclareAcronym{pdl1}{\n  short = {PD-L1},\n  long = {programmed death-ligand 1}\n}\n\\DeclareAcronym{rt}{\n  short = {RT},\n  long = {radiotherapy}\n}\n',
    );
    await vscode.commands.executeCommand('undo');
    assert.ok(!doc.getText().includes('DeclareAcronym'));
  });
});

suite('workspace lexicons', () => {
  test('a *.oncolex.json file in the workspace adds its terms, and its broken entries show in Problems', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const lexiconUri = vscode.Uri.joinPath(folder.uri, 'lab-terms.oncolex.json');
    const entries = [
      { id: 'flash-rt', category: 'concept', label: { en: 'FLASH radiotherapy', zh: 'FLASH 放疗' }, abbreviations: ['FLASH-RT'], definition: { en: 'Radiotherapy at ultra-high dose rate.', zh: '超高剂量率放疗。' } },
      { id: 'broken-entry', category: 'concept', label: { en: 'Broken', zh: '' }, definition: { en: 'x', zh: '某' } },
    ];
    await vscode.workspace.fs.writeFile(lexiconUri, new TextEncoder().encode(JSON.stringify({ entries }, null, 2)));
    try {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'We compared FLASH-RT with conventional radiotherapy.\n' });
      await vscode.window.showTextDocument(doc);
      const uri = doc.uri.toString();
      await waitFor(() => api.mentions(uri).some((m) => m.id === 'flash-rt'), 'the workspace term is found', 20_000);
      await waitFor(() => vscode.languages.getDiagnostics(lexiconUri).some((d) => /entry 'broken-entry', field 'label'/.test(d.message)), 'the broken entry is reported', 10_000);
      const problem = vscode.languages.getDiagnostics(lexiconUri).find((d) => /broken-entry/.test(d.message))!;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(lexiconUri));
      assert.equal(problem.range.start.line, text.split('\n').findIndex((l) => l.includes('"broken-entry"')));
    } finally {
      await vscode.workspace.fs.delete(lexiconUri);
    }
  });
});

suite('building a lexicon from a review', () => {
  test('the command opens the mined lexicon unsaved beside the review; once saved, a new term is found and its hover shows the review’s evidence', async () => {
    const api = await getApi();
    const review = exampleUri('minibeam-review.md');
    await vscode.commands.executeCommand(COMMANDS.mineLexicon, review);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('/minibeam-review.oncolex.json') === true, 'the mined lexicon opens', 20_000);
    const mined = vscode.window.activeTextEditor!.document;
    assert.equal(mined.isUntitled, true, 'the mined lexicon is not saved before the user saves it');
    const data = JSON.parse(mined.getText()) as { entries: { id: string; status: string; abbreviations?: string[]; extends?: string }[] };
    const pmbrt = data.entries.find((e) => e.abbreviations?.includes('pMBRT'));
    assert.ok(pmbrt, `no entry for pMBRT in:\n${mined.getText().slice(0, 2000)}`);
    assert.equal(pmbrt.status, 'candidate');
    assert.ok(data.entries.some((e) => e.extends === 'treg'), 'regulatory T cells extend the built-in entry');
    // What saving does: the file appears in the workspace.
    const target = exampleUri('minibeam-review.oncolex.json');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(mined.getText()));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    try {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'We plan pMBRT before pembrolizumab.\n' });
      await vscode.window.showTextDocument(doc);
      const uri = doc.uri.toString();
      await waitFor(() => api.mentions(uri).some((m) => m.id === pmbrt.id), 'the mined term is found', 20_000);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(doc.getText().indexOf('pMBRT') + 1));
      const text = hoverText(hovers).replace(/\\/g, '');
      assert.match(text, /from minibeam-review\.md, §1 Proton minibeam radiotherapy \(pMBRT\) delivers/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(target);
    }
  });
});

suite('large documents', () => {
  test('a document with many mentions is decorated around the visible lines only, and follows scrolling', async () => {
    const api = await getApi();
    const paragraph = 'Tumour cells upregulate PD-L1 after RT, and CD8+ T cells infiltrate.\n\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: paragraph.repeat(4000) });
    const editor = await vscode.window.showTextDocument(doc);
    const uri = doc.uri.toString();
    await waitFor(() => api.mentions(uri).length === 12000, 'all 12,000 mentions are found', 20_000);
    await waitFor(() => api.decoratedCount(uri) > 0, 'decorations are drawn');
    const first = api.decoratedCount(uri);
    assert.ok(first < 12000, `only the visible window is decorated (${first} of 12000)`);
    const before = api.decoratedSpan(uri)!;
    assert.ok(before.first < doc.offsetAt(new vscode.Position(400, 0)), 'the window starts near the top');
    editor.revealRange(new vscode.Range(7000, 0, 7000, 0), vscode.TextEditorRevealType.AtTop);
    await waitFor(() => editor.visibleRanges[0].start.line > 6000, 'the editor scrolled');
    // After scrolling, the window follows: it now covers line 7000 and no longer the top of the document.
    const line7000 = doc.offsetAt(new vscode.Position(7000, 0));
    await waitFor(() => {
      const span = api.decoratedSpan(uri);
      return span !== undefined && span.first <= line7000 && span.last >= line7000 && span.first > before.last;
    }, 'the decorated window follows the scroll');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
