/**
 * Scoring of predicted mentions against gold mentions, per category and overall, in two modes:
 * strict (the same span and the same category) and overlap (any overlap and the same category).
 */

export interface Span {
  start: number;
  end: number;
  category: string;
}

export interface Counts {
  /** Predicted mentions that match a gold mention. */
  tpPred: number;
  /** Gold mentions that a predicted mention matches. */
  tpGold: number;
  pred: number;
  gold: number;
}

export interface Prf {
  p: number;
  r: number;
  f1: number;
}

export type Mode = 'strict' | 'overlap';

function matches(a: Span, b: Span, mode: Mode): boolean {
  if (a.category !== b.category) return false;
  return mode === 'strict' ? a.start === b.start && a.end === b.end : a.start < b.end && b.start < a.end;
}

/**
 * Counts for one document. In overlap mode one predicted span may cover two gold spans (or the reverse), so
 * precision counts the predictions that match some gold span and recall the gold spans that some prediction
 * matches; in strict mode the two are equal.
 */
export function countDocument(gold: Span[], pred: Span[], mode: Mode): { counts: Counts; missed: Span[]; falseMarks: Span[] } {
  const missed = gold.filter((g) => !pred.some((p) => matches(p, g, mode)));
  const falseMarks = pred.filter((p) => !gold.some((g) => matches(p, g, mode)));
  return { counts: { tpPred: pred.length - falseMarks.length, tpGold: gold.length - missed.length, pred: pred.length, gold: gold.length }, missed, falseMarks };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tpPred: a.tpPred + b.tpPred, tpGold: a.tpGold + b.tpGold, pred: a.pred + b.pred, gold: a.gold + b.gold };
}

export const ZERO: Counts = { tpPred: 0, tpGold: 0, pred: 0, gold: 0 };

/** Precision, recall and F1; an empty denominator gives 1 when nothing was expected or predicted, else 0. */
export function prf(c: Counts): Prf {
  const p = c.pred === 0 ? (c.gold === 0 ? 1 : 0) : c.tpPred / c.pred;
  const r = c.gold === 0 ? 1 : c.tpGold / c.gold;
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f1 };
}

/** Counts per category (the categories of both sides) and overall, summed over documents. */
export function countByCategory(docs: { gold: Span[]; pred: Span[] }[], mode: Mode): { overall: Counts; byCategory: Map<string, Counts> } {
  const byCategory = new Map<string, Counts>();
  let overall = ZERO;
  for (const { gold, pred } of docs) {
    overall = addCounts(overall, countDocument(gold, pred, mode).counts);
    const cats = new Set([...gold, ...pred].map((s) => s.category));
    for (const c of cats) {
      const k = countDocument(
        gold.filter((s) => s.category === c),
        pred.filter((s) => s.category === c),
        mode,
      ).counts;
      byCategory.set(c, addCounts(byCategory.get(c) ?? ZERO, k));
    }
  }
  return { overall, byCategory };
}
