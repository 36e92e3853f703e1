/** `--format table`: per file, how often each entry is mentioned, most frequent first. */
import type { Entry } from '../../core/lexicon';
import { count } from '../text';
import type { FormatWriter, WriterContext } from './writer';

export function tableWriter({ out }: WriterContext, byId: ReadonlyMap<string, Entry>): FormatWriter {
  return {
    begin() {},
    doc({ source, passages, abbreviations }) {
      const mentions = passages.flatMap((p) => p.mentions);
      out.add(`${source.file}: ${count(mentions.length, 'mention')}\n`);
      const counts = new Map<string, number>();
      for (const m of mentions) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
      const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      for (const [id, n] of rows) {
        const e = byId.get(id);
        const local = abbreviations.find((x) => x.id === id);
        const name = e ? `${e.label.en} (${e.label.zh})` : `${local?.short ?? id} — ${local?.long ?? ''} (defined in this document, line ${local?.line ?? '?'})`;
        out.add(`  ${String(n).padStart(5)}  ${(e?.category ?? local?.category ?? '').padEnd(11)}  ${name}\n`);
      }
    },
    end() {},
  };
}
