/**
 * `oncolex cite --bib FILE[,FILE…] [--style NAME|FILE.csl] KEY...`: the references of KEYs formatted by a CSL
 * style (src/core/citations/csl.ts), in the style's order, one per line. The default style is Vancouver; GB/T 7714
 * formats with the Chinese locale.
 */
import { BibliographyIndex } from '../core/citations/bibliography/keyIndex';
import type { ReadBibliography } from '../core/citations/bibliography/keyIndex';
import { readBibliography } from '../core/citations/bibliography/read';
import type { CslItem } from '../core/citations/csl';
import { CslError, cslItemFromBib, formatBibliography } from '../core/citations/csl';
import { builtinLocales, loadStyle } from '../node/csl';
import type { CliIo } from './io';
import { parseArgs, readInput } from './io';

export function runCite(argv: string[], io: CliIo): number {
  const { flags, positional } = parseArgs(argv, ['bib', 'style']);
  const bib = flags.get('bib');
  if (typeof bib !== 'string' || positional.length === 0) {
    io.err('oncolex cite: usage: oncolex cite --bib FILE [--style NAME|FILE.csl] KEY...\n');
    return 2;
  }
  const styleName = flags.get('style') ?? 'vancouver';
  if (typeof styleName !== 'string') {
    io.err('oncolex cite: --style needs a name or a .csl file\n');
    return 2;
  }
  // The bibliographies as every command reads them (BibTeX or CSL-JSON), keys looked up as everywhere.
  const read: ReadBibliography[] = [];
  for (const file of bib.split(',').map((s) => s.trim()).filter(Boolean)) {
    const text = readInput(file, io, 'oncolex cite');
    if (text === undefined) return 1;
    read.push({ file, result: readBibliography(file, text) });
  }
  const index = new BibliographyIndex(read);
  const items: CslItem[] = [];
  let missing = 0;
  for (const key of positional) {
    const entry = index.entry(key);
    if (entry) items.push(cslItemFromBib(entry));
    else {
      io.err(`oncolex cite: no entry '${key}' in ${bib}\n`);
      missing++;
    }
  }
  try {
    const style = loadStyle(styleName);
    const lang = styleName.startsWith('china-') ? 'zh-CN' : 'en-US';
    if (items.length > 0) for (const line of formatBibliography(items, style, builtinLocales(), lang)) io.out(`${line}\n`);
  } catch (e) {
    if (!(e instanceof CslError)) throw e;
    io.err(`oncolex cite: ${e.message}\n`);
    return 2;
  }
  return missing > 0 ? 1 : 0;
}
