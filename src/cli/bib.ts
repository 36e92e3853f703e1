import type { BibEntry, BibParseResult } from '../core/citations/bibtex';
import { readBibliography } from '../core/citations/bibliography/read';
import { ChunkedWriter, parseArgs, readInput } from './io';
import type { CliIo } from './io';
import { clipColumns, count, displayWidth, padEndColumns } from './text';

const USAGE = 'usage: oncolex bib FILE... [--format json|table]\n';

/** One bibliography as the CLI prints it. */
interface FileReport {
  file: string;
  entries: { key: string; type: string; authors: string[]; year: string | null; title: string | null }[];
  errors: { line: number; key: string | null; message: string }[];
  /** Duplicate keys and undefined `@string` macros: the entries are read, the exit code stays 0. */
  warnings: { line: number; key: string | null; message: string }[];
}

function report(file: string, result: BibParseResult): FileReport {
  const person = (e: BibEntry) =>
    (e.authors.length > 0 ? e.authors : e.editors).map((a) => (a.given !== undefined ? `${a.family}, ${a.given}` : a.family));
  return {
    file,
    entries: result.entries.map((e) => ({
      key: e.key,
      type: e.type,
      authors: person(e),
      year: e.fields.year ?? null,
      title: e.fields.title ?? null,
    })),
    errors: result.errors.map((e) => ({ line: e.line, key: e.key ?? null, message: e.message })),
    warnings: (result.warnings ?? []).map((e) => ({ line: e.line, key: e.key ?? null, message: e.message })),
  };
}

/**
 * `oncolex bib FILE... [--format json|table]`: lists the entries and the broken entries of bibliographies.
 * A file that cannot be read gets a one-line error on stderr and exit code 1; the other files are still read.
 * Broken entries are reported in the output, with exit code 1 as well, so scripts can check a .bib.
 */
export async function runBib(argv: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(argv, ['format']);
  if (flags.has('help')) {
    io.out(USAGE);
    return 0;
  }
  const format = flags.get('format') ?? 'json';
  if (format !== 'json' && format !== 'table') {
    io.err(`oncolex bib: unknown format '${String(format)}' (json or table)\n`);
    return 2;
  }
  for (const f of flags.keys()) {
    if (f !== 'format') {
      io.err(`oncolex bib: unknown option --${f}\n${USAGE}`);
      return 2;
    }
  }
  if (positional.length === 0) {
    io.err(USAGE);
    return 2;
  }
  // One file at a time, written in pieces: the text is that of JSON.stringify({ files }, null, 2), never built whole.
  const out = new ChunkedWriter((t) => io.out(t), io.chunk);
  let failed = false;
  let count = 0;
  if (format === 'json') out.add('{\n  "files": [');
  for (const file of positional) {
    const text = readInput(file, io, 'oncolex bib');
    if (text === undefined) {
      failed = true;
      continue;
    }
    const r = report(file, readBibliography(file, text));
    if (r.errors.length > 0) failed = true;
    if (format === 'json') out.add(`${count === 0 ? '' : ','}\n    ${JSON.stringify(r, null, 2).replace(/\n/g, '\n    ')}`);
    else out.add(table([r]));
    count++;
  }
  if (format === 'json') out.add(count === 0 ? ']\n}\n' : '\n  ]\n}\n');
  else if (count === 0) out.add('\n');
  out.flush();
  return failed ? 1 : 0;
}

function table(files: FileReport[]): string {
  const out: string[] = [];
  for (const f of files) {
    out.push(`${f.file}: ${count(f.entries.length, 'entry', 'entries')}, ${count(f.errors.length, 'error')}`);
    const rows = f.entries.map((e) => [e.key, e.type, e.year ?? '', shortNames(e.authors), clipColumns(e.title ?? '', 60)]);
    // Columns, not UTF-16 units: a Chinese author or key takes two columns a character.
    const widths = [0, 1, 2, 3].map((i) => Math.min(40, Math.max(...rows.map((r) => displayWidth(r[i])), 0)));
    for (const r of rows) out.push(`  ${r.map((c, i) => (i < 4 ? padEndColumns(clipColumns(c, widths[i]), widths[i]) : c)).join('  ').trimEnd()}`);
    for (const e of f.errors) out.push(`  ${f.file}:${e.line}: error${e.key !== null ? ` in '${e.key}'` : ''}: ${e.message}`);
    for (const e of f.warnings) out.push(`  ${f.file}:${e.line}: warning${e.key !== null ? ` in '${e.key}'` : ''}: ${e.message}`);
  }
  return `${out.join('\n')}\n`;
}

function shortNames(authors: string[]): string {
  const fam = authors.filter((a) => a !== 'others').map((a) => a.split(',')[0]);
  if (fam.length === 0) return '';
  return fam.length > 2 || authors.includes('others') ? `${fam[0]} et al.` : fam.join(' & ');
}
