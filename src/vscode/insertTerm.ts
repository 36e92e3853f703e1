/**
 * Inserting a term at the selections: the text comes from the core (insert.ts), which decides the form, the
 * language of the surrounding text and the escaping (math, LaTeX); this only reads the context and edits.
 */
import * as vscode from 'vscode';
import type { InsertForm } from '../core/writing/insert';
import { isInMath, textToInsert, writingLanguage } from '../core/writing/insert';
import type { Entry } from '../core/lexicon/lexicon';
import { languageOf } from '../core/text/regions';

/** How much text around the cursor decides the writing language and whether it is in math. */
const CONTEXT_BEFORE = 20000;
const LANGUAGE_SAMPLE = 1500;

/** Inserts the chosen form of an entry at every selection of an editor, in one undoable edit. */
export async function insertEntry(editor: vscode.TextEditor, entry: Entry, form: InsertForm): Promise<boolean> {
  const doc = editor.document;
  const markup = languageOf(doc.languageId);
  const edits = editor.selections.map((sel) => {
    const offset = doc.offsetAt(sel.start);
    const start = Math.max(0, offset - CONTEXT_BEFORE);
    const before = doc.getText(new vscode.Range(doc.positionAt(start), sel.start));
    const after = doc.getText(new vscode.Range(sel.end, doc.positionAt(doc.offsetAt(sel.end) + LANGUAGE_SAMPLE)));
    const lang = writingLanguage(before.slice(-LANGUAGE_SAMPLE) + after);
    const inMath = isInMath(before, before.length, markup);
    return { sel, text: textToInsert(entry, { form, lang, markup, inMath }) };
  });
  return editor.edit((b) => {
    for (const e of edits) b.replace(e.sel, e.text);
  });
}
