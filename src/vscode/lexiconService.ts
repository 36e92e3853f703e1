import * as vscode from 'vscode';
import type { Entry, Lexicon } from '../core/lexicon';
import { indexById } from '../core/lexicon';
import { Matcher } from '../core/matcher';
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

  /** Without a lexicon, the host's built-in one is read on first use (not during activation). */
  constructor(
    private readonly host: Pick<ExtensionHost, 'builtinLexicon'>,
    lexicon?: Lexicon,
  ) {
    this.lexiconValue = lexicon;
  }

  get lexicon(): Lexicon {
    this.lexiconValue ??= this.host.builtinLexicon();
    return this.lexiconValue;
  }

  /** The matcher, built on first use. */
  get matcher(): Matcher {
    this.matcherValue ??= new Matcher(this.lexicon);
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
