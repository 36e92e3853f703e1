/** Fuzzy search over references (Fuse.js), for the Insert Citation picker. */
import Fuse from 'fuse.js';
import type { Reference } from './citations';
import type { Lexicon } from '../lexicon/lexicon';

/** One search hit. */
export interface ReferenceHit {
  ref: Reference;
  /** 0 is a perfect match, 1 no match. */
  score: number;
}

interface SearchDoc {
  key: string;
  authors: string;
  title: string;
  year: string;
  journal: string;
  terms: string;
}

/**
 * A fuzzy index over references: authors, title, year, journal, key, and for built-in studies the lexicon
 * terms they back (English and Chinese labels, abbreviations). Multi-word queries must match every word.
 */
export class ReferenceSearch {
  private readonly fuse: Fuse<SearchDoc>;

  constructor(
    private readonly refs: readonly Reference[],
    lexicon?: Pick<Lexicon, 'entries'>,
  ) {
    const byId = new Map((lexicon?.entries ?? []).map((e) => [e.id, e]));
    const docs = refs.map((r): SearchDoc => ({
      key: r.key,
      authors: r.authors.map((a) => (a.given !== undefined ? `${a.family} ${a.given}` : a.family)).join('; '),
      title: r.title ?? '',
      year: r.year ?? '',
      journal: r.journal ?? '',
      terms: (r.entries ?? [])
        .flatMap((id) => {
          const e = byId.get(id);
          return e === undefined ? [id] : [e.label.en, e.label.zh, ...e.abbreviations];
        })
        .join('; '),
    }));
    this.fuse = new Fuse(docs, {
      keys: [
        { name: 'key', weight: 2 },
        { name: 'authors', weight: 2 },
        { name: 'title', weight: 1.5 },
        { name: 'terms', weight: 1.5 },
        { name: 'year', weight: 1 },
        { name: 'journal', weight: 0.7 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.3,
      minMatchCharLength: 1,
    });
  }

  /** Ranked references for a query; an empty query returns all, in their order. */
  search(query: string, limit = 50): ReferenceHit[] {
    const words = query.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) return this.refs.slice(0, limit).map((ref) => ({ ref, score: 0 }));
    let combined: Map<number, number> | undefined;
    for (const w of words) {
      const scores = new Map<number, number>();
      for (const r of this.fuse.search(w)) scores.set(r.refIndex, r.score ?? 0);
      if (combined === undefined) combined = scores;
      else {
        const next = new Map<number, number>();
        for (const [i, s] of combined) {
          const t = scores.get(i);
          if (t !== undefined) next.set(i, s + t);
        }
        combined = next;
      }
      if (combined.size === 0) break;
    }
    return [...(combined ?? new Map<number, number>())]
      .map(([i, s]) => ({ ref: this.refs[i], score: s / words.length }))
      .sort((a, b) => a.score - b.score || a.ref.key.localeCompare(b.ref.key))
      .slice(0, limit);
  }
}
