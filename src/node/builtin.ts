/**
 * Loads the built lexicon shipped beside the bundle — its core (dist/lexicon.json: what the first mentions
 * need) now, its details (dist/lexicon-details.json) when first read (see src/core/lexicon/builtLexicon.ts) —
 * with the matcher tables built from it (dist/matcher-tables.bin); all three are written by
 * scripts/build-tables.ts, so the first matcher needs no build. Run from the sources before a build, it reads
 * generated/lexicon.json whole.
 */
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isBuiltLexiconCore, readBuiltCore } from '../core/lexicon/builtLexicon';
import type { Entry, Lexicon } from '../core/lexicon/lexicon';
import { MAX_TABLES_BYTES, attachTables, readTablesInto } from '../core/matching/matcherTables';

/** The first of the files that exists, relative to the bundle (dist/) or to the sources (src/node/) when run by tsx. */
function shipped(relativeToBundle: string, relativeToSources: string): string | undefined {
  return [path.join(__dirname, relativeToBundle), path.join(__dirname, relativeToSources)].find((p) => fs.existsSync(p));
}

/** The built lexicon file. */
export function builtinLexiconPath(): string {
  const found = shipped('lexicon.json', '../../generated/lexicon.json');
  if (!found) throw new Error(`the built-in lexicon is missing (looked for lexicon.json beside ${__dirname}, and generated/lexicon.json); run npm run build`);
  return found;
}

/**
 * Reads a built lexicon, and the matcher tables built from it where `tablesFile` exists and holds them (else
 * the first matcher builds its tables, as for any other lexicon; `onTables` hears why). The tables file is
 * checked before it is read (a regular file, not larger than tables can be) and its contents before they are
 * used (see decodeTables). The file is read straight into the memory of the kernel that checks it, which the
 * first matcher takes (see readTablesInto).
 */
export function readBuiltLexicon(lexiconFile: string, tablesFile: string | undefined, onTables?: (problem: string) => void): Lexicon {
  const { lexicon, formsDigest } = readLexiconFile(lexiconFile);
  if (tablesFile !== undefined) {
    try {
      const built = withBoundedFile(tablesFile, MAX_TABLES_BYTES, 'matcher tables', (size, fd) =>
        readTablesInto(size, (into) => {
          const read = readAll(fd, into);
          if (read !== size) throw new Error(`matcher tables: ${read} bytes read of ${size} (the file changed while it was read)`);
        }),
      );
      if (!attachTables(lexicon.matching ?? lexicon.entries, built, formsDigest)) onTables?.(`${tablesFile} was built from another lexicon than ${lexiconFile}; the matcher is built instead`);
    } catch (e) {
      onTables?.(`${tablesFile}: ${(e as Error).message}; the matcher is built instead`);
    }
  }
  return lexicon;
}

/** The path of the details file of a core file (`lexicon.json` → `lexicon-details.json`). */
export function detailsPath(lexiconFile: string): string {
  return lexiconFile.replace(/(\.json)?$/, '-details.json');
}

/**
 * A lexicon file's lexicon: a core file's (its details read from beside it when first needed, see
 * builtLexicon.ts), or a whole lexicon's (generated/lexicon.json). The details file must be there, of the
 * size the core says, when the core is read.
 */
function readLexiconFile(lexiconFile: string): { lexicon: Lexicon; formsDigest: string | undefined } {
  const bytes = readBounded(lexiconFile, MAX_LEXICON_BYTES, lexiconFile);
  // The core is ASCII (see builtLexicon.ts): read as Latin-1, it needs no UTF-8 decoding.
  const data = JSON.parse(isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')) as unknown;
  if (!isBuiltLexiconCore(data)) {
    const whole = data as { formsDigest?: string; entries: Entry[] };
    return { lexicon: { source: 'built-in', entries: whole.entries }, formsDigest: whole.formsDigest };
  }
  const details = detailsPath(lexiconFile);
  const size = fs.existsSync(details) ? fs.statSync(details).size : undefined;
  const expected = (data as { detailsBytes?: unknown }).detailsBytes;
  if (size === undefined) throw new Error(`${details} is missing (it is built with ${lexiconFile}); run npm run build`);
  if (size !== expected) throw new Error(`${details} was not built with ${lexiconFile} (${size} bytes, ${lexiconFile} says ${String(expected)}); run npm run build`);
  return readBuiltCore(data, lexiconFile, {
    name: details,
    read: () => {
      const bytes = readBounded(details, MAX_LEXICON_BYTES, details);
      return { text: bytes.toString('utf8'), bytes: bytes.length };
    },
  });
}

/** The built lexicon is a few MB; a file far larger is not one. */
const MAX_LEXICON_BYTES = 256 * 1024 * 1024;

/**
 * A file's bytes (`what` names it in errors), when it is a regular file of at most `limit` bytes: its kind
 * and size are asked before anything is read, so a device such as /dev/zero, a named pipe (opened without
 * waiting for a writer) or a huge file is refused at once. Reads exactly the size it had.
 */
function readBounded(file: string, limit: number, what: string): Buffer {
  return withBoundedFile(file, limit, what, (size, fd) => {
    const bytes = Buffer.allocUnsafe(size);
    const at = readAll(fd, bytes);
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  });
}

/**
 * Calls `use` with the size of `file` (`what` names it in errors) and its open descriptor, when it is a
 * regular file of at most `limit` bytes (see {@link readBounded}).
 */
function withBoundedFile<T>(file: string, limit: number, what: string, use: (size: number, fd: number) => T): T {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Error(`${what}: not a regular file`);
    if (stat.size > limit) throw new Error(`${what}: ${stat.size} bytes is more than it can be (${limit})`);
    return use(stat.size, fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a file from its start into `into` until it is full or the file ends; returns the bytes read. */
function readAll(fd: number, into: Uint8Array): number {
  let at = 0;
  while (at < into.length) {
    const n = fs.readSync(fd, into, at, into.length - at, at);
    if (n === 0) break;
    at += n;
  }
  return at;
}

let cached: Lexicon | undefined;

/**
 * The built-in lexicon, parsed once. `onProblem` (the first caller's) hears of a tables file that cannot be
 * used; without one (running from the sources before a build) the first matcher builds its tables.
 */
export function loadBuiltinLexicon(onProblem?: (message: string) => void): Lexicon {
  cached ??= readBuiltLexicon(builtinLexiconPath(), shipped('matcher-tables.bin', '../../dist/matcher-tables.bin'), onProblem);
  return cached;
}
