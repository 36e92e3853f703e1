/**
 * The OncoLex CLI: batch annotation and lexicon look-ups on the same core as the extension.
 *   oncolex annotate [--format FORMAT] [--offsets utf16|codepoint|utf8] [--jobs N] [--include-generic] [--lexicon FILE.oncolex.json] FILE...
 *   oncolex lexicon [--format json]
 *   oncolex lookup TERM
 *   oncolex search QUERY [--format json]
 *   oncolex bib FILE... [--format json|table]
 *   oncolex mine FILE... [--format json] [-o NAME.oncolex.json] [--force]
 *   oncolex lsp [--stdio]
 *   oncolex check FILE... [--format text|json] [--min-uses N] [--disable CODE,…] [--bib FILE,…]
 *   oncolex dictionary [--format cspell|ltex|plain] [--lexicon FILE.oncolex.json]
 *   oncolex cite --bib FILE [--style NAME|FILE.csl] KEY...
 *   oncolex abbreviations FILE [--format acro|glossaries|acronym|pandoc|quarto|markdown|text] [--min-uses N] [--lang en|zh]
 */
import { indexById } from '../core/lexicon';
import { entryAsText, lookupTerm } from '../core/lookup';
import { loadBuiltinLexicon } from '../node/builtin';
import { annotateCommand } from './annotateCommand';
import type { CliIo } from './io';
import { parseArgs, processIo } from './io';

const USAGE = `usage: oncolex <command> [options]

commands:
  annotate [--format FORMAT] FILE...       find lexicon terms in Markdown (.md), LaTeX (.tex) or plain files,
      [--include-generic]                  and the abbreviations each file defines; generic words (cancer,
      [--lexicon FILE.oncolex.json]        immune response…) only with --include-generic; --lexicon adds
                                           a workspace lexicon file's entries
      FORMAT: json (default), table, jsonl (stdin or files: {"id","text"} per line), pubtator (reads and
      writes PubTator; stdin or files), bioc-json, bioc-xml (read BioC, or wrap plain files), brat,
      pubannotation
      [--offsets utf16|codepoint|utf8]     offset unit (utf16 for json/jsonl, codepoint for the others)
      [--jobs N]                           worker threads (default: the number of cores)
  lexicon [--format json]                  print the whole built-in lexicon
  lookup TERM                              show the entry for a term
  search QUERY [--format json|table] [--limit N]   search the lexicon: names, abbreviations, brands,
      [--all]                              Chinese names, pinyin or initials (pbl), misspellings;
                                           --all shows weak matches too (definitions)
  bib FILE... [--format json|table]        read BibTeX files and report their entries and errors
  mine FILE... [--format json]             build a lexicon from reviews (Markdown, LaTeX, text from a PDF):
      [-o NAME.oncolex.json] [--force]     defined abbreviations and candidate terms with their evidence;
                                           -o writes a workspace lexicon file (never over an existing
                                           one unless --force)
  lsp [--stdio]                            run the language server (LSP over stdin/stdout) for Neovim,
                                           Helix, Emacs and other editors
  check FILE... [--format text|json]       manuscript checks, one line each (file:line:col code message):
      [--min-uses N] [--disable CODE,…]    abbreviation-before-definition, -redefined, -unused, -rare (below
      [--bib FILE,…] [--lexicon FILE]      N uses), mixed-spelling, brand-name, undefined-citation (against
                                           the bibliographies the file names, and --bib); exit 1 if any
  cite --bib FILE[,FILE] KEY...            references formatted by a CSL style: vancouver (default),
      [--style NAME|FILE.csl]              china-national-standard-gb-t-7714-2015-numeric,
                                           american-medical-association, apa, or a .csl file
  dictionary [--format cspell|ltex|plain]  the lexicon's words as a spell-checker dictionary (Code Spell
      [--lexicon FILE.oncolex.json]        Checker config, LTeX's ltex.dictionary, or one word a line)
  abbreviations FILE [--format F]          the abbreviations FILE uses, alphabetical, with the long form it
      [--min-uses N] [--lang en|zh]        defines (else the lexicon's); F: text (journal or Chinese form,
      [--lexicon FILE.oncolex.json]        default), markdown, acro, glossaries, acronym, pandoc, quarto
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
const COMMANDS: Record<string, Command> = { annotate: annotateCommand, lexicon: lexiconCommand, lookup };

/** Subcommands implemented in their own modules (search, bib), added by name. */
export const EXTRA_COMMANDS: Record<string, () => Promise<Command>> = {
  abbreviations: async () => (await import('./abbreviations')).runAbbreviations,
  bib: async () => (await import('./bib')).runBib,
  mine: async () => (await import('./mine')).runMine,
  check: async () => (await import('./check')).runCheck,
  cite: async () => (await import('./cite')).runCite,
  dictionary: async () => (await import('./dictionary')).runDictionary,
  search: async () => (await import('./search')).runSearch,
  lsp: async () => (await import('./lsp')).runLsp,
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(USAGE);
    return cmd ? 0 : 2;
  }
  // The command line names the key: `oncolex constructor` must not find Object.prototype's.
  const run = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : Object.hasOwn(EXTRA_COMMANDS, cmd) ? await EXTRA_COMMANDS[cmd]() : undefined;
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
