import * as vscode from 'vscode';
import { renderCard } from '../core/card';
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
    const entry = this.lexicon.entry(m.id);
    if (!entry) return undefined;
    const count = mentions.mentions.reduce((n, x) => (x.id === m.id ? n + 1 : n), 0);
    const md = renderCard(entry, { lang: displayLanguage(), byId: this.lexicon.byId, maxEvidence: HOVER_EVIDENCE, mentionCount: count, links: true });
    return new vscode.Hover(trustedMarkdown(md), new vscode.Range(document.positionAt(m.start), document.positionAt(m.end)));
  }
}
