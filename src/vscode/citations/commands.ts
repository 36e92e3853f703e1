/** The Insert Citation and Cite Evidence commands, with the offer to add a built-in study to a .bib. */
import * as vscode from 'vscode';
import type { ReferenceFormatter } from '../host';
import { citationContextAt, formatCitation } from '../../core/citations/citationSyntax';
import { BUILTIN_SOURCE, normalizeDoi, studiesForEntry } from '../../core/citations/citations';
import { bibAppendText, referenceDetail, shortAuthors, toBibtex } from '../../core/citations/referenceFormat';
import type { Reference } from '../../core/citations/citations';
import type { ReferenceSearch } from '../../core/citations/referenceSearch';
import { COMMANDS, SETTINGS } from '../../core/ids';
import type { Lexicon } from '../../core/lexicon/lexicon';
import type { Logger } from '../../core/log';
import type { CitationIndex } from '../../core/citations/citationIndex';
import { syntaxOf } from './documents';
import type { BibliographyStore } from './store';
import { ZoteroError } from './zotero';

/** Zotero search where the host has it (desktop), else undefined (web). */
type ZoteroSearch = ((query: string) => Promise<Reference[]>) | undefined;

/** Registers the citation commands. */
export function registerCitationCommands(
  context: vscode.ExtensionContext,
  deps: { index: CitationIndex; store: BibliographyStore; getLexicon(): Lexicon; log: Logger; zotero: ZoteroSearch; formatter?: ReferenceFormatter },
): void {
  const { index, store, log } = deps;
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.insertCitation, () => insertCitationCommand(index, store, log, deps.zotero, deps.formatter)),
    vscode.commands.registerCommand(COMMANDS.citeEvidence, (arg?: { id?: string } | string) =>
      citeEvidenceCommand(index, store, deps.getLexicon(), typeof arg === 'string' ? arg : arg?.id, log, deps.zotero),
    ),
  );
}

interface RefItem extends vscode.QuickPickItem {
  ref?: Reference;
}

/** How a reference reads in the document's CSL style, where the host prints styles (desktop). */
type StyledReference = (ref: Reference) => string | undefined;

function refItem(ref: Reference, index: CitationIndex, styled?: StyledReference): RefItem {
  const builtinOnly = ref.source === BUILTIN_SOURCE && !index.inWorkspace(ref);
  return {
    label: ref.key,
    description: [shortAuthors(ref.authors), ref.year, builtinOnly ? vscode.l10n.t('built-in') : undefined].filter(Boolean).join(' · '),
    detail: styled?.(ref) ?? [ref.title, ref.journal].filter(Boolean).join(' — '),
    alwaysShow: true,
    ref,
  };
}

async function insertCitationCommand(index: CitationIndex, store: BibliographyStore, log: Logger, zotero: ZoteroSearch, formatter: ReferenceFormatter | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown or LaTeX document to insert a citation.'));
    return;
  }
  await store.refresh();
  const ref = await pickReference(index, log, zotero, undefined, styledFor(editor.document, formatter));
  if (ref === undefined) return;
  await insertReference(editor, ref, index, store);
}

/** The references of a document as its CSL style prints them, each printed once per QuickPick. */
function styledFor(doc: vscode.TextDocument, formatter: ReferenceFormatter | undefined): StyledReference | undefined {
  if (formatter === undefined) return undefined;
  const style = formatter.documentStyle(doc);
  const printed = new Map<Reference, string | undefined>();
  return (ref) => {
    if (!printed.has(ref)) printed.set(ref, formatter.formattedReference(ref, style));
    return printed.get(ref);
  };
}

/** A QuickPick ranked by the fuse index (and Zotero when enabled); VS Code's own filter is bypassed with alwaysShow. */
async function pickReference(index: CitationIndex, log: Logger, zotero: ZoteroSearch, candidates?: Reference[], styled?: StyledReference): Promise<Reference | undefined> {
  const qp = vscode.window.createQuickPick<RefItem>();
  qp.placeholder = vscode.l10n.t('Search references by author, title, year, journal, key or term');
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  const search = candidates === undefined ? index.searcher() : undefined;
  let zoteroItems: RefItem[] = [];
  let zoteroSeq = 0;
  let zoteroTimer: ReturnType<typeof setTimeout> | undefined;
  const render = () => {
    const q = qp.value;
    const hits = candidates ?? (search as ReferenceSearch).search(q, 100).map((h) => h.ref);
    const items: RefItem[] = hits.map((r) => refItem(r, index, styled));
    if (zoteroItems.length > 0) items.push({ label: 'Zotero', kind: vscode.QuickPickItemKind.Separator }, ...zoteroItems);
    qp.items = items;
  };
  const zoteroEnabled = vscode.workspace.getConfiguration(SETTINGS.section).get<boolean>(SETTINGS.zoteroEnabled, false);
  qp.onDidChangeValue(() => {
    render();
    if (!zoteroEnabled || candidates !== undefined) return;
    if (zotero === undefined) {
      // The web build runs in the browser, which cannot reach the Zotero app on the user's computer.
      qp.placeholder = vscode.l10n.t('Zotero search needs desktop VS Code: in the browser, OncoLex cannot reach Zotero on your computer.');
      return;
    }
    if (zoteroTimer !== undefined) clearTimeout(zoteroTimer);
    const q = qp.value.trim();
    if (q.length < 3) return;
    zoteroTimer = setTimeout(() => {
      const seq = ++zoteroSeq;
      qp.busy = true;
      zotero(q)
        .then((refs) => {
          if (seq !== zoteroSeq) return;
          zoteroItems = refs.map((r) => ({ ...refItem(r, index), description: `${referenceDetail(r)} · Zotero` }));
          render();
        })
        .catch((e: unknown) => {
          if (seq !== zoteroSeq) return;
          qp.placeholder = e instanceof ZoteroError ? e.message : vscode.l10n.t('Zotero search failed.');
          log.warn(`citations: zotero: ${e instanceof Error ? e.message : String(e)}`);
        })
        .finally(() => {
          if (seq === zoteroSeq) qp.busy = false;
        });
    }, 300);
  });
  render();
  const chosen = await new Promise<Reference | undefined>((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.ref);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  if (zoteroTimer !== undefined) clearTimeout(zoteroTimer);
  qp.dispose();
  return chosen;
}

/** Inserts a citation of `ref` at the cursor in the document's syntax, then offers to add a built-in study to a .bib. */
async function insertReference(editor: vscode.TextEditor, ref: Reference, index: CitationIndex, store: BibliographyStore): Promise<void> {
  const doc = editor.document;
  const syntax = syntaxOf(doc) ?? 'pandoc';
  const pos = editor.selection.active;
  const lineStart = doc.offsetAt(new vscode.Position(pos.line, 0));
  const ctx = citationContextAt(doc.lineAt(pos.line).text, doc.offsetAt(pos) - lineStart, syntax);
  await editor.edit((b) => {
    if (ctx !== undefined) b.replace(new vscode.Range(doc.positionAt(lineStart + ctx.start), doc.positionAt(lineStart + ctx.end)), ref.key);
    else b.replace(editor.selection, formatCitation([ref.key], syntax));
  });
  if (ref.source === 'zotero' || (ref.source === BUILTIN_SOURCE && !index.inWorkspace(ref))) await offerAppend(ref, store);
}

/** Asks whether to append the entry to a .bib file; the edit only inserts at the end and can be undone. */
async function offerAppend(ref: Reference, store: BibliographyStore): Promise<void> {
  const add = vscode.l10n.t('Add to .bib…');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t("'{0}' is not in your .bib files. Add its BibTeX entry?", ref.key),
    add,
    vscode.l10n.t('Not now'),
  );
  if (answer !== add) return;
  let target: vscode.Uri | undefined;
  const bibs = store.bibFiles();
  if (bibs.length === 1) target = bibs[0];
  else if (bibs.length > 1) {
    const pick = await vscode.window.showQuickPick(
      bibs.map((u) => ({ label: vscode.workspace.asRelativePath(u, true), uri: u })),
      { placeHolder: vscode.l10n.t('Append the entry to which .bib file?') },
    );
    target = pick?.uri;
    if (target === undefined) return;
  } else {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to create a .bib file.'));
      return;
    }
    target = vscode.Uri.joinPath(folder.uri, 'references.bib');
  }
  const edit = new vscode.WorkspaceEdit();
  const entry = toBibtex(ref);
  let exists = true;
  try {
    await vscode.workspace.fs.stat(target);
  } catch {
    exists = false;
  }
  if (!exists) {
    edit.createFile(target, { ignoreIfExists: true });
    edit.insert(target, new vscode.Position(0, 0), entry);
  } else {
    const bib = await vscode.workspace.openTextDocument(target);
    const end = bib.lineAt(bib.lineCount - 1).range.end;
    edit.insert(target, end, bibAppendText(bib.getText(), entry));
  }
  if (await vscode.workspace.applyEdit(edit)) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Added '{0}' to {1} (unsaved: Undo reverts it).", ref.key, vscode.workspace.asRelativePath(target, true)));
    store.schedule(200);
  }
}

async function citeEvidenceCommand(index: CitationIndex, store: BibliographyStore, lexicon: Lexicon, id: string | undefined, log: Logger, zotero: ZoteroSearch): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const studies = index.builtins();
  let entry = id !== undefined ? lexicon.entries.find((e) => e.id === id) : undefined;
  if (id !== undefined && entry === undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t("No lexicon entry '{0}'.", id));
    return;
  }
  if (entry === undefined) {
    const withStudies = lexicon.entries.filter((e) => studiesForEntry(e, studies).length > 0);
    const pick = await vscode.window.showQuickPick(
      withStudies.map((e) => ({ label: e.label.en, description: e.label.zh, detail: studiesForEntry(e, studies).map((s) => s.key).join(', '), entry: e })),
      { placeHolder: vscode.l10n.t('Cite the evidence for which term?'), matchOnDescription: true },
    );
    entry = pick?.entry;
    if (entry === undefined) return;
  }
  const behind = studiesForEntry(entry, studies);
  if (behind.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t("The review cites no study for '{0}' that OncoLex knows.", entry.label.en));
    return;
  }
  const ref = await pickReference(index, log, zotero, behind);
  if (ref === undefined) return;
  if (ref.identified === false) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The review cites this study as [{0}], but its full reference could not be identified with certainty. Look it up in the review’s reference list (doi:10.12677/acm.2024.143913).', (ref.reviewRefs ?? []).join('], [')),
    );
    return;
  }
  if (editor === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown or LaTeX document to insert a citation.'));
    return;
  }
  // Prefer the user's own key for the same study (matched by key or DOI).
  const own = index.all().find((r) => r.source !== BUILTIN_SOURCE && ((r.doi !== undefined && ref.doi !== undefined && normalizeDoi(r.doi).toLowerCase() === ref.doi.toLowerCase()) || r.key.toLowerCase() === ref.key.toLowerCase()));
  await insertReference(editor, own ?? ref, index, store);
}
