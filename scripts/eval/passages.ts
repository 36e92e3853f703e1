/** The passages of the evaluation set (test/eval/passages/) with their resolved gold mentions. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GoldSpan } from './gold';
import { parseGold, resolveGold } from './gold';

export const PASSAGE_DIR = path.join(__dirname, '..', '..', 'test', 'eval', 'passages');

export interface Passage {
  id: string;
  file: string;
  kind: 'markdown' | 'latex' | 'plain';
  language: string;
  text: string;
  gold: GoldSpan[];
}

const KIND: Record<string, Passage['kind']> = { '.md': 'markdown', '.tex': 'latex', '.txt': 'plain' };

/** Every passage with its gold spans; throws a GoldError when a gold file does not resolve. */
export function loadPassages(dir = PASSAGE_DIR): Passage[] {
  return fs
    .readdirSync(dir)
    .filter((f) => KIND[path.extname(f)] !== undefined)
    .sort()
    .map((f) => {
      const id = f.slice(0, -path.extname(f).length);
      const file = path.join(dir, f);
      const text = fs.readFileSync(file, 'utf8');
      const kind = KIND[path.extname(f)];
      const meta = JSON.parse(fs.readFileSync(path.join(dir, `${id}.meta.json`), 'utf8')) as { language: string };
      const goldFile = path.join(dir, `${id}.gold.tsv`);
      const gold = resolveGold(text, parseGold(fs.readFileSync(goldFile, 'utf8'), goldFile), kind, goldFile);
      return { id, file, kind, language: meta.language, text, gold };
    });
}
