/**
 * brat standoff (https://brat.nlplab.org/standoff.html): one `.ann` line per annotation, offsets counted
 * from the start of the document (code points by default, as brat's Python server counts):
 *
 *   T1<TAB>drug 0 13<TAB>Pembrolizumab            a text-bound annotation (type, start, end, text)
 *   N1<TAB>Reference T1 DRUGBANK:DB09037<TAB>Pembrolizumab   its normalisation to an external id
 *   R1<TAB>Abbreviation Arg1:T5 Arg2:T6           a short form the document defines and its long form
 *
 * One input file prints its `.ann` on stdout; with `--out-dir DIR`, each file gets DIR/NAME.ann and the text
 * annotated as DIR/NAME.txt, the pair brat opens.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnnotatedDoc } from './model';
import type { FormatWriter, WriterContext } from './writer';
import { oneLine } from './writer';

/** The `.ann` text of one document. */
export function bratAnn({ passages }: AnnotatedDoc): string {
  const lines: string[] = [];
  let t = 0;
  let n = 0;
  let r = 0;
  for (const p of passages) {
    for (const m of p.mentions) {
      lines.push(`T${++t}\t${m.category} ${m.start} ${m.end}\t${oneLine(m.text)}`);
      lines.push(`N${++n}\tReference T${t} ${m.identifier}\t${oneLine(m.text)}`);
    }
    for (const d of p.definitions) {
      const s = ++t;
      lines.push(`T${s}\tAbbreviation ${d.short.start} ${d.short.end}\t${oneLine(d.short.text)}`);
      lines.push(`N${++n}\tReference T${s} ${d.identifier}\t${oneLine(d.short.text)}`);
      const l = ++t;
      lines.push(`T${l}\tLongForm ${d.long.start} ${d.long.end}\t${oneLine(d.long.text)}`);
      lines.push(`R${++r}\tAbbreviation Arg1:T${s} Arg2:T${l}`);
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** The `.txt` and `.ann` files an input gets in `--out-dir DIR`: DIR/NAME.txt and DIR/NAME.ann, NAME its name without extension. */
export function bratFiles(outDir: string, file: string): [txt: string, ann: string] {
  const base = path.join(outDir, path.basename(file).replace(/\.[^.]*$/, ''));
  return [`${base}.txt`, `${base}.ann`];
}

export function bratWriter({ out, outDir, force }: WriterContext): FormatWriter {
  return {
    begin() {},
    doc(doc) {
      if (outDir === undefined) {
        out.add(bratAnn(doc));
        return;
      }
      const [txt, ann] = bratFiles(outDir, doc.source.file);
      // Created, never replaced, unless --force (a file that appeared since the command checked is kept).
      const flag = force ? 'w' : 'wx';
      fs.writeFileSync(txt, doc.passages.map((p) => p.text).join(''), { flag });
      fs.writeFileSync(ann, bratAnn(doc), { flag });
    },
    end() {},
  };
}
