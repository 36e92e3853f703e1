/**
 * The OncoLex CLI: batch annotation and lexicon look-ups on the same core as the extension.
 *   oncolex annotate [--format json|table] [--include-generic] [--lexicon FILE.oncolex.json] FILE...
 *   oncolex lexicon [--format json]
 *   oncolex lookup TERM
 *   oncolex search QUERY [--format json]
 *   oncolex bib FILE... [--format json|table]
 */
import * as path from 'node:path';
import { annotateDocument } from '../core/documentAnnotation';
import type { Lexicon } from '../core/lexicon';
import { indexById } from '../core/lexicon';
import { entryAsText, lookupTerm } from '../core/lookup';
import { Matcher } from '../core/matcher';
import { languageOf } from '../core/regions';
import { buildWorkspaceLexicon } from '../core/workspaceLexicon';
import { loadBuiltinLexicon } from '../node/builtin';
import { compromiseInflector } from '../node/inflect';
import type { CliIo } from './io';
import { parseArgs, processIo, readInputs, readTextFile } from './io';

const USAGE = `usage: oncolex <command> [options]

commands:
  annotate [--format json|table] FILE...   find lexicon terms in Markdown (.md), LaTeX (.tex) or plain files,
      [--include-generic]                  and the abbreviations each file defines; generic words (cancer,
      [--lexicon FILE.oncolex.json]        immune response…) only with --include-generic; --lexicon adds
                                           a workspace lexicon file's entries
  lexicon [--format json]                  print the whole built-in lexicon
  lookup TERM                              show the entry for a term
  search QUERY [--format json|table] [--limit N]   fuzzy-search the lexicon
  bib FILE... [--format json|table]        read BibTeX files and report their entries and errors
`;

type Command = (argv: string[], io: CliIo) => Promise<number> | number;

function formatOf(flags: Map<string, string | true>, allowed: string[], io: CliIo): string | undefined {
  const f = flags.get('format') ?? allowed[0];
  if (typeof f !== 'string' || !allowed.includes(f)) {
    io.err(`oncolex: --format must be one of ${allowed.join(', ')}\n`);
    return undefined;
  }
  return f;
}

/** The 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The built-in lexicon, with the entries of a workspace lexicon file when one is given. */
function lexiconWith(file: string | true | undefined, io: CliIo): Lexicon {
  const builtin = loadBuiltinLexicon();
  if (typeof file !== 'string') return builtin;
  const { lexicon, problems } = buildWorkspaceLexicon([{ file, text: readTextFile(file) }], builtin, '', compromiseInflector);
  for (const p of problems) io.err(`oncolex: ${p.message}\n`);
  return lexicon;
}

interface AnnotatedFile {
  file: string;
  mentions: { start: number; end: number; text: string; id: string; category: string }[];
  /** The abbreviations the file defines, in force (the first definition of each). */
  abbreviations: { short: string; long: string; line: number; id: string; category: string; local: boolean }[];
}

function annotate(argv: string[], io: CliIo): number {
  const { flags, positional } = parseArgs(argv, ['format', 'lexicon']);
  const format = formatOf(flags, ['json', 'table'], io);
  if (!format) return 2;
  if (positional.length === 0) {
    io.err('oncolex annotate: give at least one file\n');
    return 2;
  }
  const lexicon = lexiconWith(flags.get('lexicon'), io);
  const matcher = new Matcher(lexicon);
  const includeGeneric = flags.get('include-generic') === true;
  const files: AnnotatedFile[] = [];
  const { inputs, failed } = readInputs(positional, io, 'oncolex');
  for (const { file, text } of inputs) {
    const a = annotateDocument(matcher, text, languageOf(path.extname(file)), { includeGeneric });
    files.push({
      file,
      mentions: a.mentions.map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end), id: m.id, category: m.category })),
      abbreviations: [...a.terms.values()].map((t) => ({ short: t.short, long: t.long, line: lineOf(text, t.definedAt), id: t.id, category: t.category, local: t.local })),
    });
  }
  if (format === 'json') io.out(`${JSON.stringify({ files })}\n`);
  else {
    const byId = indexById(lexicon);
    for (const f of files) {
      io.out(`${f.file}: ${f.mentions.length} mentions\n`);
      const counts = new Map<string, number>();
      for (const m of f.mentions) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
      const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      for (const [id, n] of rows) {
        const e = byId.get(id);
        const local = f.abbreviations.find((x) => x.id === id);
        const name = e ? `${e.label.en} (${e.label.zh})` : `${local?.short ?? id} — ${local?.long ?? ''} (defined in this document, line ${local?.line ?? '?'})`;
        io.out(`  ${String(n).padStart(5)}  ${(e?.category ?? local?.category ?? '').padEnd(11)}  ${name}\n`);
      }
    }
  }
  return failed > 0 ? 1 : 0;
}

function lexiconCommand(argv: string[], io: CliIo): number {
  const { flags } = parseArgs(argv, ['format']);
  const format = formatOf(flags, ['json'], io);
  if (!format) return 2;
  const lexicon = loadBuiltinLexicon();
  const entries = lexicon.entries.map((e) => ({
    id: e.id,
    category: e.category,
    kind: e.kind,
    label: e.label,
    definition: e.definition,
    synonyms: [...new Set([...e.abbreviations, ...e.synonyms, ...e.zh, ...e.brands])],
    relations: e.relations,
    ids: e.ids,
    evidence: e.evidence.map((ev) => ({ section: ev.section, sentence: ev.sentence, refs: ev.refs })),
  }));
  io.out(`${JSON.stringify({ entries })}\n`);
  return 0;
}

function lookup(argv: string[], io: CliIo): number {
  const term = argv.join(' ').trim();
  if (!term) {
    io.err('oncolex lookup: give a term\n');
    return 2;
  }
  const lexicon = loadBuiltinLexicon();
  const e = lookupTerm(lexicon, term);
  if (!e) {
    io.err(`oncolex lookup: no entry for '${term}' (try: oncolex search ${JSON.stringify(term)})\n`);
    return 1;
  }
  io.out(`${entryAsText(e, indexById(lexicon))}\n`);
  return 0;
}

/** Subcommands; others register theirs in {@link EXTRA_COMMANDS}. */
const COMMANDS: Record<string, Command> = { annotate, lexicon: lexiconCommand, lookup };

/** Subcommands implemented in their own modules (search, bib), added by name. */
export const EXTRA_COMMANDS: Record<string, () => Promise<Command>> = {
  bib: async () => (await import('./bib')).runBib,
  search: async () => (await import('./search')).runSearch,
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(USAGE);
    return cmd ? 0 : 2;
  }
  const run = COMMANDS[cmd] ?? (EXTRA_COMMANDS[cmd] ? await EXTRA_COMMANDS[cmd]() : undefined);
  if (!run) {
    io.err(`oncolex: unknown command '${cmd}'\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    io.err(`oncolex ${cmd}: ${(e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
