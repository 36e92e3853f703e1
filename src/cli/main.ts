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
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexById } from '../core/lexicon/lexicon';
import { entryAsText, lookupTerm } from '../core/lexicon/lookup';
import { loadBuiltinLexicon } from '../node/builtin';
import { annotateCommand } from './annotateCommand';
import type { CliIo } from './io';
import { parseArgs, processIo } from './io';

/**
 * Each command's usage (what `oncolex CMD --help` prints, and the block of `oncolex --help`) and the
 * options it takes: `values` take an argument (`--format json`, `--format=json`), `switches` do not. Any
 * other option is an error (exit 2), not silently ignored.
 */
interface CommandSpec {
  usage: string;
  values: readonly string[];
  switches: readonly string[];
  /** Single-dash options besides -h: `-o` of mine. */
  short?: readonly string[];
}

const SPECS: Record<string, CommandSpec> = {
  annotate: {
    usage: `  annotate [--format FORMAT] FILE...       find lexicon terms in Markdown (.md), LaTeX (.tex) or plain files,
      [--include-generic]                  and the abbreviations each file defines; generic words (cancer,
      [--lexicon FILE.oncolex.json]        immune response…) only with --include-generic; --lexicon adds
                                           a workspace lexicon file's entries
      FORMAT: json (default), table, jsonl (stdin or files: {"id","text"} per line), pubtator (reads and
      writes PubTator; stdin or files), bioc-json, bioc-xml (read BioC, or wrap plain files), brat,
      pubannotation
      [--offsets utf16|codepoint|utf8]     offset unit (utf16 for json/jsonl, codepoint for the others)
      [--jobs N]                           worker threads (default: the number of cores)
      [--out-dir DIR]                      write one output file per input file into DIR (brat: .txt and .ann)
      [--force]                            with --out-dir: replace output files that exist (never an input)
`,
    values: ['format', 'lexicon', 'offsets', 'jobs', 'out-dir'],
    switches: ['include-generic', 'force'],
  },
  lexicon: { usage: '  lexicon [--format json]                  print the whole built-in lexicon\n', values: ['format'], switches: [] },
  lookup: { usage: '  lookup TERM                              show the entry for a term\n', values: [], switches: [] },
  search: {
    usage: `  search QUERY [--format json|table] [--limit N]   search the lexicon: names, abbreviations, brands,
      [--all]                              Chinese names, pinyin or initials (pbl), misspellings;
                                           --all shows weak matches too (definitions)
`,
    values: ['format', 'limit'],
    switches: ['all'],
  },
  bib: { usage: '  bib FILE... [--format json|table]        read BibTeX files and report their entries and errors\n', values: ['format'], switches: [] },
  mine: {
    usage: `  mine FILE... [--format json]             build a lexicon from reviews (Markdown, LaTeX, text from a PDF):
      [-o NAME.oncolex.json] [--force]     defined abbreviations and candidate terms with their evidence;
                                           -o writes a workspace lexicon file (never over an existing
                                           one unless --force)
`,
    values: ['format', 'output'],
    switches: ['force'],
    short: ['-o'],
  },
  lsp: {
    usage: `  lsp [--stdio]                            run the language server (LSP over stdin/stdout) for Neovim,
                                           Helix, Emacs and other editors
`,
    values: [],
    switches: ['stdio'],
  },
  check: {
    usage: `  check FILE... [--format text|json]       manuscript checks, one line each (file:line:col code message):
      [--min-uses N] [--disable CODE,…]    abbreviation-before-definition, -redefined, -unused, -rare (below
      [--bib FILE,…] [--lexicon FILE]      N uses), mixed-spelling, brand-name, undefined-citation (against
                                           the bibliographies the file names, and --bib); exit 1 if any
`,
    values: ['format', 'min-uses', 'disable', 'bib', 'lexicon'],
    switches: [],
  },
  cite: {
    usage: `  cite --bib FILE[,FILE] KEY...            references formatted by a CSL style: vancouver (default),
      [--style NAME|FILE.csl]              china-national-standard-gb-t-7714-2015-numeric,
                                           american-medical-association, apa, or a .csl file
`,
    values: ['bib', 'style'],
    switches: [],
  },
  dictionary: {
    usage: `  dictionary [--format cspell|ltex|plain]  the lexicon's words as a spell-checker dictionary (Code Spell
      [--lexicon FILE.oncolex.json]        Checker config, LTeX's ltex.dictionary, or one word a line)
`,
    values: ['format', 'lexicon'],
    switches: [],
  },
  abbreviations: {
    usage: `  abbreviations FILE [--format F]          the abbreviations FILE uses, alphabetical, with the long form it
      [--min-uses N] [--lang en|zh]        defines (else the lexicon's); F: text (journal or Chinese form,
      [--lexicon FILE.oncolex.json]        default), markdown, acro, glossaries, acronym, pandoc, quarto
`,
    values: ['format', 'min-uses', 'lang', 'lexicon'],
    switches: [],
  },
};

const USAGE = `usage: oncolex <command> [options]
       oncolex <command> --help
       oncolex --version

commands:
${Object.values(SPECS)
  .map((x) => x.usage)
  .join('')}`;

/** The usage of one command. */
export function commandUsage(cmd: string): string {
  return `usage (oncolex ${cmd}):\n${SPECS[cmd].usage}`;
}

/**
 * Whether the arguments ask for help (`--help`, `-h`, before any `--`), and the first option the command
 * does not take, if any. Arguments that are not options (`-` for stdin, `-5`, words) are left alone.
 */
function checkOptions(spec: CommandSpec, argv: readonly string[]): { help: boolean; unknown?: string } {
  let unknown: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === '--help' || a === '-h') return { help: true };
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq >= 0 ? eq : undefined);
      if (spec.values.includes(name)) {
        if (eq < 0) i++; // its argument, whatever it looks like
      } else if (!spec.switches.includes(name) || eq >= 0) unknown ??= a;
    } else if (/^-[A-Za-z]/.test(a)) {
      if (spec.short?.includes(a)) i++;
      else unknown ??= a;
    }
  }
  return { help: false, unknown };
}

/** The version of the package this CLI belongs to (its package.json, beside dist/ or two levels above src/cli/). */
function packageVersion(): string {
  for (const rel of ['..', '../..']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, rel, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'oncolex' && pkg.version) return pkg.version;
    } catch {
      // not here; try the next place
    }
  }
  return 'unknown';
}

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
    if (cmd === 'help' && rest.length > 0 && Object.hasOwn(SPECS, rest[0])) {
      io.out(commandUsage(rest[0]));
      return 0;
    }
    io.out(USAGE);
    return cmd ? 0 : 2;
  }
  if (cmd === '--version' || cmd === '-V' || cmd === 'version') {
    io.out(`oncolex ${packageVersion()}\n`);
    return 0;
  }
  // The command line names the key: `oncolex constructor` must not find Object.prototype's.
  const run = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : Object.hasOwn(EXTRA_COMMANDS, cmd) ? await EXTRA_COMMANDS[cmd]() : undefined;
  if (!run || !Object.hasOwn(SPECS, cmd)) {
    io.err(`oncolex: unknown command '${cmd}'\n${USAGE}`);
    return 2;
  }
  const options = checkOptions(SPECS[cmd], rest);
  if (options.help) {
    io.out(commandUsage(cmd));
    return 0;
  }
  if (options.unknown !== undefined) {
    io.err(`oncolex ${cmd}: unknown option '${options.unknown}'\n${commandUsage(cmd)}`);
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
