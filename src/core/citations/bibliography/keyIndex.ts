/**
 * The citation keys of a set of bibliographies, as every host and command looks them up: case-insensitive,
 * the first entry of a key wins where one entry is wanted (`oncolex cite`), every entry of a key is kept
 * where a list is wanted (completion, hover); a key only a broken entry names is known as such, so a
 * citation of it can say why it does not resolve.
 */
import type { BibEntry, BibError, BibParseResult } from '../bibtex';
import { referenceFromBibEntry } from '../citations';
import type { Reference } from '../citations';
import type { ReferenceStore } from '../citationIndex';

/** One bibliography file as read by {@link readBibliography}. */
export interface ReadBibliography {
  /** The file's path or URI, as the host names it. */
  file: string;
  /** How references from it name their source (a workspace-relative path, say); default `file`. */
  source?: string;
  result: BibParseResult;
}

/** The keys of a set of bibliographies; {@link replace} swaps the set and tells the listeners. */
export class BibliographyIndex implements ReferenceStore {
  /** Every reference, in file order. */
  refs: Reference[] = [];
  /** References by lower-case key. */
  byKey = new Map<string, Reference[]>();
  private entries = new Map<string, BibEntry>();
  private broken = new Map<string, BibError>();
  private read: readonly ReadBibliography[] = [];
  private readonly listeners: (() => void)[] = [];

  constructor(files: readonly ReadBibliography[] = []) {
    this.build(files);
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => void this.listeners.splice(this.listeners.indexOf(listener) >>> 0, 1) };
  }

  /** Replaces the bibliographies and tells the listeners. */
  replace(files: readonly ReadBibliography[]): void {
    this.build(files);
    for (const l of [...this.listeners]) l();
  }

  private build(files: readonly ReadBibliography[]): void {
    this.read = files;
    this.refs = [];
    this.byKey = new Map();
    this.entries = new Map();
    this.broken = new Map();
    for (const f of files) {
      for (const e of f.result.entries) {
        const k = e.key.toLowerCase();
        if (!this.entries.has(k)) this.entries.set(k, e);
        const r = referenceFromBibEntry(e, f.source ?? f.file);
        this.refs.push(r);
        const list = this.byKey.get(k);
        if (list) list.push(r);
        else this.byKey.set(k, [r]);
      }
      for (const e of f.result.errors) if (e.key !== undefined && !this.broken.has(e.key.toLowerCase())) this.broken.set(e.key.toLowerCase(), e);
    }
  }

  /** The files read, with their results (for the bibliographies' own diagnostics). */
  get files(): readonly ReadBibliography[] {
    return this.read;
  }

  /** True when no file was read: there is nothing to check citation keys against. */
  get isEmpty(): boolean {
    return this.read.length === 0;
  }

  /** The first entry with this key (any case). */
  entry(key: string): BibEntry | undefined {
    return this.entries.get(key.toLowerCase());
  }

  /** The broken entry that would define this key, if no good entry does. */
  brokenEntry(key: string): BibError | undefined {
    const k = key.toLowerCase();
    return this.entries.has(k) ? undefined : this.broken.get(k);
  }

}
