// What the editor paints on one line of the document, read from the DOM of a real VS Code: the colour of
// every character (the TextMate token colours) and the boxes of the decorations. The e2e test uses it to
// check that OncoLex paints mentions with its decorations only, and that nothing else is painted.
import type { Page } from 'playwright-core';

/** A box on screen, in page pixels. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** One decoration box painted by an extension (`ced-` classes) on the line. */
export interface Overlay extends Box {
  borderBottomColor: string;
  borderBottomWidth: string;
  backgroundColor: string;
}

export interface PaintedLine {
  /** The line's text as rendered (non-breaking spaces read as spaces). */
  text: string;
  /** The CSS colour of each UTF-16 unit of `text`. */
  colors: string[];
  /** For each range asked for, the boxes its characters occupy (several when the line wraps inside it). */
  rangeBoxes: Box[][];
  overlays: Overlay[];
  /** The editor's background colour. */
  background: string;
  /** The theme's default text colour (the renderer's token colour 1, `.mtk1`). */
  textColor: string;
}

/**
 * Reads line `line` (1-based) of the active editor, which must be on screen, with the boxes of the
 * character ranges `ranges` (offsets in the line).
 */
export async function readPaintedLine(page: Page, line: number, ranges: { start: number; end: number }[]): Promise<PaintedLine> {
  return page.evaluate(
    ({ line, ranges }) => {
      // Runs in the browser; the project's tsconfig has no DOM lib, hence the structural types.
      type R = { left: number; right: number; top: number; bottom: number; width: number };
      type Style = { color: string; borderBottomColor: string; borderBottomWidth: string; backgroundColor: string };
      type N = { nodeValue: string | null; parentElement: E | null };
      type E = {
        textContent: string | null;
        className: string;
        getBoundingClientRect(): R;
        querySelector(s: string): E | null;
        querySelectorAll(s: string): ArrayLike<E>;
        appendChild(e: E): E;
        remove(): void;
      };
      type Rng = { setStart(n: N, o: number): void; setEnd(n: N, o: number): void; getClientRects(): ArrayLike<R> };
      const g = globalThis as unknown as {
        document: E & { createRange(): Rng; createTreeWalker(root: E, what: number): { nextNode(): N | null }; createElement(tag: string): E };
        getComputedStyle(e: E): Style;
      };
      const doc = g.document;
      const editor = doc.querySelector('.editor-instance .monaco-editor');
      if (!editor) throw new Error('no editor on screen');
      const numbers = Array.from(editor.querySelectorAll('.margin-view-overlays .line-numbers'));
      const here = numbers.find((n) => n.textContent?.trim() === String(line));
      if (!here) throw new Error(`line ${line} is not on screen`);
      const top = here.getBoundingClientRect().top;
      // The model line is every view line from its number down to the next number (word wrap splits it).
      const next = Math.min(
        ...numbers.map((n) => n.getBoundingClientRect().top).filter((t) => t > top + 1),
        Number.POSITIVE_INFINITY,
      );
      const rows = Array.from(editor.querySelectorAll('.view-lines .view-line'))
        .filter((r) => {
          const t = r.getBoundingClientRect().top;
          return t >= top - 1 && t < next - 1;
        })
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      const units: { node: N; at: number }[] = [];
      const colors: string[] = [];
      let text = '';
      for (const row of rows) {
        const walker = doc.createTreeWalker(row, 4 /* NodeFilter.SHOW_TEXT */);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const s = n.nodeValue ?? '';
          const color = n.parentElement ? g.getComputedStyle(n.parentElement).color : '';
          for (let i = 0; i < s.length; i++) {
            units.push({ node: n, at: i });
            colors.push(color);
          }
          text += s.replace(/\u00a0/g, ' ');
        }
      }
      // No named function in here: tsx would wrap it in a helper (__name) the page does not have.
      const rangeBoxes = ranges.map(({ start, end }) => {
        if (start < 0 || end > units.length || start >= end) return [];
        const rng = doc.createRange();
        rng.setStart(units[start].node, units[start].at);
        const last = units[end - 1];
        rng.setEnd(last.node, last.at + 1);
        // One box per row: the renderer splits text into several spans (long tokens too), one rect each.
        const rows: { left: number; right: number; top: number; bottom: number }[] = [];
        for (const r of Array.from(rng.getClientRects())) {
          if (r.width <= 0) continue;
          const same = rows.find((b) => Math.abs(b.top - r.top) < 2);
          if (same) {
            same.left = Math.min(same.left, r.left);
            same.right = Math.max(same.right, r.right);
          } else rows.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
        }
        return rows;
      });
      const bandBottom = rows.length > 0 ? rows[rows.length - 1].getBoundingClientRect().bottom : top;
      const overlays = Array.from(editor.querySelectorAll('.view-overlays .cdr'))
        .filter((o) => /\bced-/.test(o.className))
        .map((o) => ({ o, r: o.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.top >= top - 1 && r.top < bandBottom - 1)
        .map(({ o, r }) => {
          const st = g.getComputedStyle(o);
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, borderBottomColor: st.borderBottomColor, borderBottomWidth: st.borderBottomWidth, backgroundColor: st.backgroundColor };
        });
      const bg = editor.querySelector('.monaco-editor-background');
      const background = g.getComputedStyle(bg ?? editor).backgroundColor;
      const probe = doc.createElement('span');
      probe.className = 'mtk1';
      (editor.querySelector('.view-lines') ?? editor).appendChild(probe);
      const textColor = g.getComputedStyle(probe).color;
      probe.remove();
      return { text, colors, rangeBoxes, overlays, background, textColor };
    },
    { line, ranges },
  );
}
