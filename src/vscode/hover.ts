import * as vscode from 'vscode';
import { mentionCardAt } from '../core/card';
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
export const HOVER_EVIDENCE = 3;

/** Hover cards on lexicon mentions in Markdown and LaTeX. */
export class TermHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly lexicon: LexiconService,
    private readonly highlighter: Highlighter,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const mentions = this.highlighter.mentionsOf(document);
    if (!mentions) return undefined;
    const card = mentionCardAt(mentions, document.offsetAt(position), {
      lang: displayLanguage(),
      byId: this.lexicon.byId,
      lineOf: (offset) => document.positionAt(offset).line,
      links: true,
      maxEvidence: HOVER_EVIDENCE,
    });
    if (!card) return undefined;
    return new vscode.Hover(trustedMarkdown(card.markdown), new vscode.Range(document.positionAt(card.start), document.positionAt(card.end)));
  }
}
