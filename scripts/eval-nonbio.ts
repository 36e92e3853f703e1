/**
 * `npm run eval:nonbio -- FOLDER`: OncoLex's false marks on texts outside oncology. Every mention the CLI's
 * default annotation reports in such a text is a false mark; the figure is marks per 1,000 words, per file
 * and overall, with the marked strings. The texts are the caller's (any folder of .txt, .md, .Rmd, .qmd or
 * .tex files): the project keeps no text by others. Words are counted with `Intl.Segmenter` (word-like
 * segments), so Chinese counts words, not characters.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { annotateFile } from '../src/cli/annotate';

const EXTENSIONS = new Set(['.txt', '.md', '.rmd', '.qmd', '.tex']);

/** Word-like segments of a text, in its language's segmentation (Chinese by the ICU dictionary). */
export function countWords(text: string, language: string): number {
  const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
  let n = 0;
  for (const s of segmenter.segment(text)) if (s.isWordLike) n++;
  return n;
}

const hasHan = (text: string): boolean => /\p{Script=Han}/u.test(text);

function main(): void {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: npm run eval:nonbio -- FOLDER   (a folder of non-biomedical .txt/.md/.Rmd/.qmd/.tex texts)');
    process.exitCode = 2;
    return;
  }
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    console.error(`oncolex eval:nonbio: ${folder} is not a folder`);
    process.exitCode = 2;
    return;
  }
  const files = fs.readdirSync(folder).filter((f) => EXTENSIONS.has(path.extname(f).toLowerCase()) && !/^(SOURCES|README)\./i.test(f)).sort();
  let words = 0;
  let marks = 0;
  for (const f of files) {
    const text = fs.readFileSync(path.join(folder, f), 'utf8');
    const w = countWords(text, hasHan(text) ? 'zh' : 'en');
    const mentions = annotateFile(text, f).mentions;
    words += w;
    marks += mentions.length;
    console.log(`${f}: ${w} words, ${mentions.length} marks, ${((1000 * mentions.length) / Math.max(w, 1)).toFixed(1)} per 1,000 words`);
    if (mentions.length) console.log(`  + ${mentions.map((m) => `[${m.category}] ${m.text.replace(/\s+/g, ' ')}`).join(' · ')}`);
  }
  const rate = (1000 * marks) / Math.max(words, 1);
  console.log(`\n${files.length} files, ${words} words, ${marks} false marks: ${rate.toFixed(2)} per 1,000 words`);
  console.log(JSON.stringify({ eval: 'nonbio', files: files.length, words, falseMarks: marks, perThousandWords: Math.round(rate * 100) / 100 }));
}

main();
