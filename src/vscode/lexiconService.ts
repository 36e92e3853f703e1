import * as vscode from 'vscode';
import type { Entry, Lexicon } from '../core/lexicon/lexicon';
import type { Logger } from '../core/log';
import { indexById } from '../core/lexicon/lexicon';
import { Matcher } from '../core/matching/matcher';
import type { ExtensionHost } from './host';

/**
 * The lexicon the extension uses, its matcher and id index, built once and rebuilt when the lexicon
 * changes (listeners such as the search index and the highlighter follow `onDidChange`).
 */
export class LexiconService implements vscode.Disposable {
  private lexiconValue: Lexicon | undefined;
  private matcherValue: Matcher | undefined;
  private byIdValue: Map<string, Entry> | undefined;
  private readonly emitter = new vscode.EventEmitter<Lexicon>();
  readonly onDidChange = this.emitter.event;

  /** The host's built-in lexicon is read on first use (not during activation). */
  constructor(
    private readonly host: Pick<ExtensionHost, 'builtinLexicon'>,
    private readonly log?: Logger,
  ) {}

  get lexicon(): Lexicon {
    this.lexiconValue ??= this.host.builtinLexicon((m) => this.log?.warn(m));
    return this.lexiconValue;
  }

  /**
   * The matcher, made on first use: from the tables built with the built-in lexicon, or built (a lexicon
   * merged with a workspace's). The log says which, and how long it took.
   */
  get matcher(): Matcher {
    if (!this.matcherValue) {
      const lexicon = this.lexicon;
      const t0 = Date.now();
      this.matcherValue = new Matcher(lexicon);
      const how = this.matcherValue.prebuilt ? 'loaded from its built tables' : 'built';
      this.log?.info(`matcher for ${lexicon.source === 'built-in' ? 'the built-in lexicon' : lexicon.source}: ${this.matcherValue.formCount} forms, ${how} in ${Date.now() - t0} ms`);
    }
    return this.matcherValue;
  }

  get byId(): Map<string, Entry> {
    this.byIdValue ??= indexById(this.lexicon);
    return this.byIdValue;
  }

  entry(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  /** Replaces the lexicon (e.g. a merged workspace lexicon) and notifies listeners. */
  replace(lexicon: Lexicon): void {
    this.lexiconValue = lexicon;
    this.matcherValue = undefined;
    this.byIdValue = undefined;
    this.emitter.fire(lexicon);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
