import * as vscode from 'vscode';
import { HOVER_COMMANDS } from '../core/ids';
import type { OncoLexService } from '../core/service/service';
import { shownHover } from './diagnosticConversion';
import { serviceDocument } from './service';

/** Markdown for hovers and views: our own commands only, no HTML, no theme icons from lexicon text. */
export function trustedMarkdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.supportHtml = false;
  return md;
}

/** Hover cards on lexicon mentions in Markdown and LaTeX (citation keys: citations/hover.ts). */
export class TermHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: OncoLexService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const h = this.service.hover(serviceDocument(document), position, { links: true });
    if (h?.kind !== 'mention') return undefined;
    const shown = shownHover(h);
    return new vscode.Hover(trustedMarkdown(shown.markdown), new vscode.Range(shown.range.start.line, shown.range.start.character, shown.range.end.line, shown.range.end.character));
  }
}
