/**
 * PubAnnotation JSON (https://www.pubannotation.org/docs/annotation-format/), one document per line:
 * `{"text", "denotations":[{"id","span":{"begin","end"},"obj"}], "attributes":[{"id","subj","pred","obj"}],
 * "relations":[{"id","subj","pred","obj"}]}`. A denotation's `obj` is our category; its identifier is an
 * attribute (`pred` "identifier"), as bconv writes concept ids; a short form the document defines is a
 * denotation `Abbreviation` related to its `LongForm` by `abbreviationOf`. Offsets count code points by
 * default (PubAnnotation counts characters, as Ruby does). `sourcedb` and `sourceid` name the document where
 * the input does (PubTator: `PubMed` and the PMID); a plain file has none, and an upload must name them.
 */
import { documentText } from './model';
import type { FormatWriter, WriterContext } from './writer';

export function pubannotationWriter({ out }: WriterContext): FormatWriter {
  return {
    begin() {},
    doc({ source, passages, definitions }) {
      const denotations: { id: string; span: { begin: number; end: number }; obj: string }[] = [];
      const attributes: { id: string; subj: string; pred: string; obj: string }[] = [];
      const relations: { id: string; subj: string; pred: string; obj: string }[] = [];
      let t = 0;
      const denote = (start: number, end: number, obj: string, identifier?: string) => {
        const id = `T${++t}`;
        denotations.push({ id, span: { begin: start, end }, obj });
        if (identifier !== undefined) attributes.push({ id: `A${attributes.length + 1}`, subj: id, pred: 'identifier', obj: identifier });
        return id;
      };
      for (const p of passages) {
        for (const m of p.mentions) denote(m.start, m.end, m.category, m.identifier);
      }
      for (const d of definitions) {
        const s = denote(d.short.start, d.short.end, 'Abbreviation', d.identifier);
        const l = denote(d.long.start, d.long.end, 'LongForm');
        relations.push({ id: `R${relations.length + 1}`, subj: s, pred: 'abbreviationOf', obj: l });
      }
      // The document's place in a source database (PubMed and the PMID for PubTator input), which an upload needs.
      const from = source.sourcedb !== undefined && source.sourceid !== undefined ? { sourcedb: source.sourcedb, sourceid: source.sourceid } : {};
      out.add(`${JSON.stringify({ ...from, text: documentText(source), denotations, attributes, relations })}\n`);
    },
    end() {},
  };
}
