/**
 * PubTator: documents of a title line, an abstract line and one tab-separated line per mention, separated
 * by a blank line:
 *
 *   PMID|t|Title
 *   PMID|a|Abstract
 *   PMID<TAB>start<TAB>end<TAB>mention<TAB>type<TAB>identifier
 *
 * (the layout of PubTator's and PubTator3's exports, and of the BioCreative corpora; see the
 * pubtator-loader package, https://pypi.org/project/pubtator-loader/). Offsets count the title from 0 and
 * the abstract from the title's length plus one: NCBI's tmBioC key for PubTator says "Title has an offset of
 * zero, while the other passages (e.g., abstract) are assumed to begin after the previous passages and one
 * space". So title, a line break and the abstract are annotated as one text, whose offsets are PubTator's.
 * Annotation lines already in the input (PubTator3's own) are dropped: the output carries OncoLex's.
 */
import type { SourceDoc } from './model';
import type { FormatWriter, WriterContext } from './writer';
import { oneLine } from './writer';

const TITLE = /^([^|\t]+)\|t\|(.*)$/;
const ABSTRACT = /^([^|\t]+)\|a\|(.*)$/;
/** An annotation or relation line of the input: PMID, then tab-separated fields. */
const ANNOTATION = /^[^|\t]+\t/;

/**
 * The documents of a PubTator stream. A line that fits none of the forms is reported (file and line) and
 * its document skipped; the documents after it are read as usual.
 */
export async function* readPubTator(lines: AsyncIterable<{ line: string; n: number }>, file: string, problem: (message: string) => void): AsyncGenerator<SourceDoc> {
  let doc: { pmid: string; title: string; abstract?: string; bad: boolean } | undefined;
  const finish = (): SourceDoc | undefined => {
    const d = doc;
    doc = undefined;
    if (!d || d.bad) return undefined;
    const abstract = d.abstract ?? '';
    return { id: d.pmid, file, language: 'pubtator.txt', passages: [{ offset: 0, text: `${d.title}\n${abstract}` }], title: d.title, abstract };
  };
  for await (const { line, n } of lines) {
    if (line.trim() === '') {
      const d = finish();
      if (d) yield d;
      continue;
    }
    const t = TITLE.exec(line);
    if (t) {
      // A new title without a blank line before it still starts a new document.
      const d = finish();
      if (d) yield d;
      doc = { pmid: t[1], title: t[2], bad: false };
      continue;
    }
    const a = ABSTRACT.exec(line);
    if (a) {
      if (!doc || doc.pmid !== a[1] || doc.abstract !== undefined) {
        problem(`${file}:${n}: an abstract line for PMID ${a[1]} without its title line just before`);
        if (doc) doc.bad = true;
        continue;
      }
      doc.abstract = a[2];
      continue;
    }
    if (ANNOTATION.test(line) && doc) continue;
    problem(`${file}:${n}: not a PubTator line (expected PMID|t|title, PMID|a|abstract or PMID<TAB>start<TAB>end…)`);
    if (doc) doc.bad = true;
  }
  const d = finish();
  if (d) yield d;
}

export function pubtatorWriter({ out }: WriterContext): FormatWriter {
  return {
    begin() {},
    doc({ source, passages }) {
      const pmid = source.id;
      out.add(`${pmid}|t|${source.title ?? ''}\n${pmid}|a|${source.abstract ?? ''}\n`);
      for (const m of passages[0].mentions) out.add(`${pmid}\t${m.start}\t${m.end}\t${oneLine(m.text)}\t${m.category}\t${m.identifier}\n`);
      out.add('\n');
    },
    end() {},
  };
}
