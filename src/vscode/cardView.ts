import * as vscode from 'vscode';
import { keepCardLinks, renderCard } from '../core/cards/card';
import { HOVER_COMMANDS } from '../core/ids';
import type { Logger } from '../core/log';
import { displayLanguage } from './config';
import type { LexiconService } from './lexiconService';

function nonce(): string {
  let s = '';
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}

/**
 * The term card in a readable view: the same Markdown as the hover, rendered by VS Code's Markdown
 * extension into a webview that runs no script and follows only our own command links.
 */
export class CardView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly lexicon: LexiconService,
    private readonly log: Logger,
  ) {}

  async show(id: string): Promise<void> {
    const entry = this.lexicon.entry(id);
    if (!entry) {
      void vscode.window.showErrorMessage(vscode.l10n.t('OncoLex: no lexicon entry with id “{0}”.', id));
      return;
    }
    const md = renderCard(entry, { lang: displayLanguage(), byId: this.lexicon.byId, links: true, inCardView: true });
    let body: string;
    try {
      // The renderer may linkify text (a URL in a definition): only the card's own links are kept.
      body = keepCardLinks(await vscode.commands.executeCommand<string>('markdown.api.render', md));
    } catch (e) {
      // Without the built-in Markdown extension, show the escaped source instead.
      this.log.warn(`markdown.api.render unavailable: ${String(e)}`);
      body = `<pre>${md.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>`;
    }
    if (!this.panel) {
      // Keep focus in the manuscript: the card is for reading beside it.
      this.panel = vscode.window.createWebviewPanel('oncolex.card', entry.label.en, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: false,
        enableCommandUris: [...HOVER_COMMANDS],
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.panel.title = `${entry.label.en} · ${entry.label.zh}`;
    const n = nonce();
    this.panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}';">
<style nonce="${n}">body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);line-height:1.55;max-width:52em;padding:0 1.2em}
blockquote{border-left:3px solid var(--vscode-textBlockQuote-border);margin:0.6em 0;padding:0.2em 0.8em;background:var(--vscode-textBlockQuote-background)}
a{color:var(--vscode-textLink-foreground)}</style></head><body>${body}</body></html>`;
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
