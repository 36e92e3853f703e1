/** Our own JSON (`--format json`): `{"files":[{"file","mentions","abbreviations"}]}`, written in pieces. */
import type { FormatWriter, WriterContext } from './writer';

export function jsonWriter({ out }: WriterContext): FormatWriter {
  let first = true;
  return {
    begin: () => out.add('{"files":['),
    doc({ source, passages, abbreviations }) {
      out.add(`${first ? '' : ','}{"file":${JSON.stringify(source.file)},"mentions":[`);
      first = false;
      let i = 0;
      for (const p of passages) for (const m of p.mentions) out.add(`${i++ === 0 ? '' : ','}${JSON.stringify({ start: m.start, end: m.end, text: m.text, id: m.id, category: m.category })}`);
      out.add(`],"abbreviations":${JSON.stringify(abbreviations)}}`);
    },
    end: () => out.add(']}\n'),
  };
}
