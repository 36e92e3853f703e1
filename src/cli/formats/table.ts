/** `--format table`: per file, how often each entry is mentioned, most frequent first. */
import type { Entry } from '../../core/lexicon/lexicon';
import { count } from '../text';
import { printableLine } from '../terminal';
import type { FormatWriter, WriterContext } from './writer';

export function tableWriter({ out }: WriterContext, byId: ReadonlyMap<string, Entry>): FormatWriter {
  return {
    begin() {},
    doc({ source, passages, abbreviations }) {
      const mentions = passages.flatMap((p) => p.mentions);
      out.add(`${printableLine(source.file)}: ${count(mentions.length, 'mention')}\n`);
      const counts = new Map<string, number>();
      for (const m of mentions) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
      const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      // The document's own terms by id, found once (a document may define thousands).
      const locals = new Map<string, (typeof abbreviations)[number]>();
      for (const x of abbreviations) if (!locals.has(x.id)) locals.set(x.id, x);
      for (const [id, n] of rows) {
        const e = byId.get(id);
        const local = locals.get(id);
        const name = e ? `${e.label.en} (${e.label.zh})` : `${local?.short ?? id} — ${local?.long ?? ''} (defined in this document, line ${local?.line ?? '?'})`;
        // Labels come from workspace lexicons and documents: escape sequences are shown, not interpreted.
        out.add(`  ${String(n).padStart(5)}  ${(e?.category ?? local?.category ?? '').padEnd(11)}  ${printableLine(name)}\n`);
      }
    },
    end() {},
  };
}
