/**
 * The bibliography files a document names itself: Pandoc's `bibliography:` front matter (one path, a flow
 * list `[a.bib, b.bib]` or a block list), LaTeX's `\bibliography{a,b}` (`.bib` added when missing) and
 * `\addbibresource[…]{x.bib}` outside comments. Paths are returned as written; the caller resolves them
 * against the document's folder.
 */
import type { CitationSyntax } from './citationSyntax';

const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2').trim();

/** The bibliography paths `text` names, in order, without duplicates. */
export function namedBibliographies(text: string, syntax: CitationSyntax): string[] {
  const out: string[] = [];
  const add = (p: string) => {
    if (p !== '' && !out.includes(p)) out.push(p);
  };
  if (syntax === 'latex') {
    const uncommented = text.replace(/(^|[^\\])%[^\n]*/g, '$1');
    for (const m of uncommented.matchAll(/\\(bibliography|addbibresource)\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}/g)) {
      if (m[1] === 'addbibresource') add(m[2].trim());
      else {
        for (const p of m[2].split(',')) {
          const name = p.trim();
          if (name) add(/\.bib$/i.test(name) ? name : `${name}.bib`);
        }
      }
    }
    return out;
  }
  const front = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!front) return out;
  const lines = front[1].split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^bibliography\s*:\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    const value = m[1].trim();
    if (value.startsWith('[')) {
      for (const p of value.replace(/^\[|\]$/g, '').split(',')) add(unquote(p));
    } else if (value !== '') add(unquote(value));
    else {
      for (let j = i + 1; j < lines.length && /^\s+-\s*/.test(lines[j]); j++) add(unquote(lines[j].replace(/^\s+-\s*/, '')));
    }
  }
  return out;
}
