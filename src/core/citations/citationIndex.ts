/** The references completion, hover and commands offer: the workspace's, enriched by the built-in studies of the review. */
import { BUILTIN_SOURCE, entryLabelMap, loadStudies, normalizeDoi } from './citations';
import { ReferenceSearch } from './referenceSearch';
import type { Reference } from './citations';
import type { Lexicon } from '../lexicon/lexicon';
import studiesJson from '../../../data/references/review-studies.json';

/**
 * The workspace's references as each host reads them (the VS Code extension through its file system and
 * watchers, the language server through Node's): in file order, by lower-case key, and an event on change.
 */
export interface ReferenceStore {
  readonly refs: Reference[];
  readonly byKey: Map<string, Reference[]>;
  onDidChange(listener: () => void): unknown;
}

/** Everything the providers need, rebuilt when a bibliography or the lexicon changes. */
export class CitationIndex {
  private studies: Reference[];
  private search: ReferenceSearch | undefined;
  private lexiconRef: Lexicon | undefined;

  constructor(
    private readonly store: ReferenceStore,
    private readonly getLexicon: () => Lexicon,
  ) {
    this.studies = loadStudies(studiesJson);
    store.onDidChange(() => {
      this.search = undefined;
    });
  }

  /** The built-in study a workspace reference duplicates (same key or same DOI). */
  private studyFor(ref: Reference): Reference | undefined {
    const doi = ref.doi !== undefined ? normalizeDoi(ref.doi).toLowerCase() : undefined;
    return this.studies.find((s) => s.key.toLowerCase() === ref.key.toLowerCase() || (doi !== undefined && s.doi?.toLowerCase() === doi));
  }

  /** Workspace references (enriched with the review numbers and terms of the study they match), then the built-in studies not in the workspace. */
  all(): Reference[] {
    const ws = this.store.refs.map((r) => {
      const s = this.studyFor(r);
      return s === undefined ? r : { ...r, reviewRefs: s.reviewRefs, entries: s.entries };
    });
    const covered = new Set(ws.flatMap((r) => [r.key.toLowerCase(), ...(r.doi !== undefined ? [normalizeDoi(r.doi).toLowerCase()] : [])]));
    const builtins = this.studies.filter(
      (s) => s.identified !== false && !covered.has(s.key.toLowerCase()) && !(s.doi !== undefined && covered.has(s.doi.toLowerCase())),
    );
    return [...ws, ...builtins];
  }

  builtins(): Reference[] {
    return this.studies;
  }

  lookup(key: string): Reference[] {
    const ws = this.store.byKey.get(key.toLowerCase()) ?? [];
    const exact = ws.filter((r) => r.key === key);
    const found = exact.length > 0 ? exact : ws;
    if (found.length > 0) {
      const s = this.studyFor(found[0]);
      return s === undefined ? found : found.map((r) => ({ ...r, reviewRefs: s.reviewRefs, entries: s.entries }));
    }
    return this.studies.filter((s) => s.key === key);
  }

  inWorkspace(ref: Reference): boolean {
    if (ref.source !== BUILTIN_SOURCE) return true;
    if (this.store.byKey.has(ref.key.toLowerCase())) return true;
    const doi = ref.doi?.toLowerCase();
    return doi !== undefined && this.store.refs.some((r) => r.doi !== undefined && normalizeDoi(r.doi).toLowerCase() === doi);
  }

  searcher(): ReferenceSearch {
    const lexicon = this.getLexicon();
    if (this.search === undefined || this.lexiconRef !== lexicon) {
      this.lexiconRef = lexicon;
      this.search = new ReferenceSearch(this.all(), lexicon);
    }
    return this.search;
  }

  labels(): Map<string, string> {
    return entryLabelMap(this.getLexicon());
  }
}

