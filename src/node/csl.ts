/** The CSL styles and locales shipped in assets/csl/ (see its README for their source and licence). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompactNode, CslLocales, CslStyle } from '../core/citations/csl';
import { BUILTIN_STYLES, CslError } from '../core/citations/csl';

/** assets/csl, found from the bundle (dist/) or from the sources (src/node/) when run by tsx. */
function cslDir(): string {
  const candidates = [path.join(__dirname, '..', 'assets', 'csl'), path.join(__dirname, '..', '..', 'assets', 'csl')];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new CslError(`the CSL styles are missing (looked for ${candidates.join(', ')})`);
  return found;
}

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(cslDir(), file), 'utf8')) as CompactNode;

let locales: CslLocales | undefined;

/** The shipped locales (en-US, zh-CN). */
export function builtinLocales(): CslLocales {
  locales ??= { 'en-US': read('locales-en-US.json'), 'zh-CN': read('locales-zh-CN.json') };
  return locales;
}

/**
 * A style by the name of a shipped one, or a `.csl` file (read as XML text).
 * Throws {@link CslError} naming what was asked for when it is neither.
 */
export function loadStyle(nameOrFile: string): CslStyle {
  if ((BUILTIN_STYLES as readonly string[]).includes(nameOrFile)) return { json: read(`${nameOrFile}.json`) };
  if (/\.csl$/i.test(nameOrFile)) {
    let xml: string;
    try {
      xml = fs.readFileSync(nameOrFile, 'utf8');
    } catch {
      throw new CslError(`${nameOrFile}: no such style file`);
    }
    // citeproc-js would read anything else as JSON and fail with a parser's message.
    if (!/^\uFEFF?\s*</.test(xml)) throw new CslError(`${nameOrFile}: is not a CSL style (a CSL style is XML)`);
    return { xml };
  }
  throw new CslError(`unknown style '${nameOrFile}': use one of ${BUILTIN_STYLES.join(', ')}, or a .csl file`);
}
