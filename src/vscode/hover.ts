import * as vscode from 'vscode';
import { definedAsNote, renderCard, renderDocumentTermCard } from '../core/card';
import { HOVER_COMMANDS } from '../core/ids';
import { displayLanguage } from './config';
import type { Highlighter } from './highlight';
import type { LexiconService } from './lexiconService';

/** Markdown for hovers and views: our own commands only, no HTML, no theme icons from lexicon text. */
export function trustedMarkdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.supportHtml = false;
  return md;
}

/** How many review sentences a hover shows; the card view shows all. */
const HOVER_EVIDENCE = 3;

/** Hover cards on lexicon mentions in Markdown and LaTeX. */
export class TermHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly lexicon: LexiconService,
    private readonly highlighter: Highlighter,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const mentions = this.highlighter.mentionsOf(document);
    if (!mentions) return undefined;
    const m = mentions.at(document.offsetAt(position));
    if (!m) return undefined;
    const range = new vscode.Range(document.positionAt(m.start), document.positionAt(m.end));
    const lang = displayLanguage();
    // A short form the document defines: where, and as what.
    const term = m.short !== undefined ? mentions.terms.get(m.short) : undefined;
    const line = term ? document.positionAt(term.definedAt).line + 1 : 0;
    if (term?.local) return new vscode.Hover(trustedMarkdown(renderDocumentTermCard(term, { lang, line, byId: this.lexicon.byId, links: true })), range);
    const entry = this.lexicon.entry(m.id);
    if (!entry) return undefined;
    const count = mentions.all.reduce((n, x) => (x.id === m.id ? n + 1 : n), 0);
    const card = renderCard(entry, { lang, byId: this.lexicon.byId, maxEvidence: HOVER_EVIDENCE, mentionCount: count, links: true });
    return new vscode.Hover(trustedMarkdown(term ? `${definedAsNote(term, line, lang)}\n\n${card}` : card), range);
  }
}
