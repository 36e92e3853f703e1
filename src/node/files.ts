/** Workspace files for hosts that read them with Node (the language server): found by name, read as text. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.e2e-cache', '.cache']);
/** A workspace is a manuscript folder: a deep or huge tree (a home directory) is not searched whole. */
const MAX_DEPTH = 8;
const MAX_FILES = 20000;

/** Files under `root` whose names end with one of `suffixes`, sorted; dependency and build folders are skipped. */
export function findFiles(root: string, suffixes: readonly string[]): string[] {
  const out: string[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > MAX_FILES) return;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED_DIRS.has(e.name)) walk(p, depth + 1);
      } else if (suffixes.some((s) => e.name.endsWith(s))) out.push(p);
    }
  };
  walk(root, 0);
  return out.sort();
}

/** The review text shipped beside the bundle (dist/) or the sources (src/node/), which workspace lexicons cite. */
export function readReviewText(): string {
  for (const p of [path.join(__dirname, '..', 'data', 'review', 'abscopal-review-2024.txt'), path.join(__dirname, '..', '..', 'data', 'review', 'abscopal-review-2024.txt')]) {
    if (fs.existsSync(p)) return fs.readFileSync(p, 'utf8');
  }
  return '';
}
