/**
 * brat standoff (https://brat.nlplab.org/standoff.html): one `.ann` line per annotation, offsets counted
 * from the start of the document (code points by default, as brat's Python server counts):
 *
 *   T1<TAB>drug 0 13<TAB>Pembrolizumab            a text-bound annotation (type, start, end, text)
 *   N1<TAB>Reference T1 DRUGBANK:DB09037<TAB>Pembrolizumab   its normalisation to an external id
 *   R1<TAB>Abbreviation Arg1:T5 Arg2:T6           a short form the document defines and its long form
 *
 * One input file prints its `.ann` on stdout; with `--out-dir DIR`, each file gets DIR/NAME.ann and the text
 * annotated as DIR/NAME.txt, the pair brat opens, and DIR gets the `annotation.conf` that declares our types
 * (so brat, and its `verify_annotations.py`, accept them) and a `visual.conf` that draws each category in
 * the colour the editor gives it. A conf file already in DIR is merged, never overwritten: each section
 * keeps every line it has, and only the types it lacks are added (a colour the user chose stays).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contributes } from '../../../package.json';
import { CATEGORIES } from '../../core/lexicon/lexicon';
import type { AnnotatedDoc } from './model';
import type { FormatWriter, WriterContext } from './writer';
import { oneLine } from './writer';

/** The `.ann` text of one document. */
export function bratAnn({ passages, definitions }: AnnotatedDoc): string {
  const lines: string[] = [];
  let t = 0;
  let n = 0;
  let r = 0;
  for (const p of passages) {
    for (const m of p.mentions) {
      lines.push(`T${++t}\t${m.category} ${m.start} ${m.end}\t${oneLine(m.text)}`);
      lines.push(`N${++n}\tReference T${t} ${m.identifier}\t${oneLine(m.text)}`);
    }
  }
  for (const d of definitions) {
    const s = ++t;
    lines.push(`T${s}\tAbbreviation ${d.short.start} ${d.short.end}\t${oneLine(d.short.text)}`);
    lines.push(`N${++n}\tReference T${s} ${d.identifier}\t${oneLine(d.short.text)}`);
    const l = ++t;
    lines.push(`T${l}\tLongForm ${d.long.start} ${d.long.end}\t${oneLine(d.long.text)}`);
    lines.push(`R${++r}\tAbbreviation Arg1:T${s} Arg2:T${l}`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** The sections of a brat conf file, each a list of lines, in order. */
type Conf = [section: string, lines: string[]][];

/** What OncoLex's `.ann` files need declared: its categories, the abbreviation spans and their relation; any two may overlap. */
export function annotationConf(): Conf {
  return [
    ['entities', [...CATEGORIES, 'Abbreviation', 'LongForm']],
    ['relations', ['Abbreviation Arg1:Abbreviation, Arg2:LongForm', '<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>']],
    ['events', []],
    ['attributes', []],
  ];
}

/** Each category's colour (the editor's, from package.json's `contributes.colors`: the dark theme's, light enough for black text). */
export function visualConf(): Conf {
  const colour = (category: string) => {
    const id = `oncolex.${category.replace(/-([a-z])/g, (_m, ch: string) => ch.toUpperCase())}`;
    return contributes.colors.find((c) => c.id === id)?.defaults.dark;
  };
  const label = (c: string) => c[0].toUpperCase() + c.slice(1).replace(/-/g, ' ');
  return [
    ['labels', [...CATEGORIES.map((c) => `${c} | ${label(c)}`), 'Abbreviation | Abbreviation | Abbr', 'LongForm | Long form']],
    ['drawing', [...CATEGORIES.flatMap((c) => (colour(c) ? [`${c}\tbgColor:${colour(c)}`] : [])), 'Abbreviation\tbgColor:#E0E0E0', 'LongForm\tbgColor:#F5F5F5']],
  ];
}

/**
 * `ours` added to the conf text `existing`: a line whose first word (a type; a relation with its arguments'
 * first word) its section has already is left out, so nothing of `existing` changes.
 */
export function mergeConf(existing: string, ours: Conf): string {
  const lines = existing.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const key = (line: string) => line.trim().split(/[\s|]+/)[0];
  for (const [section, wanted] of ours) {
    let start = lines.findIndex((l) => l.trim() === `[${section}]`);
    if (start < 0) {
      lines.push('', `[${section}]`);
      start = lines.length - 1;
    }
    let end = start + 1;
    while (end < lines.length && !/^\s*\[/.test(lines[end])) end++;
    const have = new Set(lines.slice(start + 1, end).filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).map(key));
    const add = wanted.filter((l) => !have.has(key(l)));
    // After the section's last line that is not blank.
    let at = end;
    while (at > start + 1 && lines[at - 1].trim() === '') at--;
    lines.splice(at, 0, ...add);
  }
  return `${lines.join('\n')}\n`;
}

const confText = (conf: Conf) => `# Written by OncoLex (oncolex annotate --format brat): the types its .ann files use.\n${conf.map(([s, lines]) => `[${s}]\n${lines.map((l) => `${l}\n`).join('')}`).join('\n')}`;

/** Writes `name` in `dir` from `conf`, or merges `conf` into the file already there. */
function writeConf(dir: string, name: string, conf: Conf): void {
  const file = path.join(dir, name);
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(file, 'utf8');
  } catch {
    existing = undefined;
  }
  const text = existing === undefined ? confText(conf) : mergeConf(existing, conf);
  if (text !== existing) fs.writeFileSync(file, text);
}

/** The `.txt` and `.ann` files an input gets in `--out-dir DIR`: DIR/NAME.txt and DIR/NAME.ann, NAME its name without extension. */
export function bratFiles(outDir: string, file: string): [txt: string, ann: string] {
  const base = path.join(outDir, path.basename(file).replace(/\.[^.]*$/, ''));
  return [`${base}.txt`, `${base}.ann`];
}

export function bratWriter({ out, outDir, force }: WriterContext): FormatWriter {
  return {
    begin() {
      if (outDir === undefined) return;
      writeConf(outDir, 'annotation.conf', annotationConf());
      writeConf(outDir, 'visual.conf', visualConf());
    },
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
