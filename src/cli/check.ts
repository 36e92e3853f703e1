/**
 * `oncolex check FILE... [--format text|json] [--min-uses N] [--disable CODE,…] [--bib FILE,…]
 * [--lexicon FILE.oncolex.json]`: the manuscript checks the editor shows as diagnostics
 * (abbreviation-before-definition, the checks of src/core/checks/manuscriptChecks.ts, undefined-citation), one line
 * each (`file:line:col code message`) or as JSON with 1-based lines and columns (UTF-16 units). The
 * bibliography is what the document names (Pandoc `bibliography:`, `\bibliography{}`, `\addbibresource{}`)
 * plus `--bib`; without any, citations are not checked. Exits 1 when it reports anything (for CI and
 * pre-commit hooks), 2 on bad usage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BibliographyIndex } from '../core/citations/bibliography/keyIndex';
import type { ReadBibliography } from '../core/citations/bibliography/keyIndex';
import { readBibliography } from '../core/citations/bibliography/read';
import { indexById } from '../core/lexicon/lexicon';
import { namedBibliographies } from '../core/citations/namedBibliographies';
import { DIAGNOSTIC_CODES } from '../core/service/constants';
import type { DiagnosticCode } from '../core/service/constants';
import { citationSyntaxOf, textDocument } from '../core/service/document';
import { createOncoLexService } from '../core/service/service';
import { settingsFrom } from '../core/settings';
import { matcherFor } from './annotate';
import type { CliIo } from './io';
import { ChunkedWriter, parseArgs, readInput, wholeNumberFlag } from './io';
import { lexiconOption } from './lexiconOption';

/** Every code `oncolex check` may report: the service's. */
export const CLI_CHECK_CODES = DIAGNOSTIC_CODES;

/**
 * The bibliographies read (through the one reader), or undefined when there is none to check against.
 * A bibliography that cannot be read is named on stderr and calls `unread` (the exit code is then 1).
 */
function bibliographies(files: string[], io: CliIo, unread: () => void): BibliographyIndex | undefined {
  if (files.length === 0) return undefined;
  const read: ReadBibliography[] = [];
  for (const f of files) {
    const text = readInput(f, io, 'oncolex check');
    if (text === undefined) unread();
    else read.push({ file: f, result: readBibliography(f, text) });
  }
  return read.length > 0 ? new BibliographyIndex(read) : undefined;
}

export async function runCheck(argv: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(argv, ['format', 'min-uses', 'disable', 'bib', 'lexicon']);
  const format = flags.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.err('oncolex check: --format must be one of text, json\n');
    return 2;
  }
  const minUses = wholeNumberFlag(flags, 'min-uses', 0, 'oncolex check', io);
  if (minUses === undefined) return 2;
  const disableFlag = flags.get('disable');
  const disabled = new Set(typeof disableFlag === 'string' ? disableFlag.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const unknown = [...disabled].filter((c) => !(CLI_CHECK_CODES as readonly string[]).includes(c));
  if (disableFlag === true || unknown.length > 0) {
    io.err(`oncolex check: --disable takes codes among ${CLI_CHECK_CODES.join(', ')}\n`);
    return 2;
  }
  if (positional.length === 0) {
    io.err('oncolex check: give at least one file\n');
    return 2;
  }
  const bibFlag = flags.get('bib');
  const extraBibs = typeof bibFlag === 'string' ? bibFlag.split(',').map((s) => s.trim()).filter(Boolean) : [];
  // A --bib that is not there is an error even where no citation is checked (a plain-text file).
  const missing = extraBibs.find((b) => !fs.statSync(b, { throwIfNoEntry: false })?.isFile());
  if (missing !== undefined) {
    io.err(`oncolex check: --bib ${missing}: no such file\n`);
    return 1;
  }
  const lexicon = await lexiconOption(flags, io);
  const byId = indexById(lexicon);
  // Every file is checked, whatever its size.
  const settings = { ...settingsFrom(undefined), 'highlight.maxFileSizeKB': 0 };
  // The bibliographies of the file being checked: those it names, and --bib.
  let bibs: BibliographyIndex | undefined;
  const service = createOncoLexService({
    matcher: () => matcherFor(lexicon),
    lexicon: () => lexicon,
    byId: () => byId,
    settings: () => settings,
    bibliographies: () => bibs,
    maxCheckedLength: Infinity,
  });
  const out = new ChunkedWriter((t) => io.out(t), io.chunk);
  let failed = false;
  let reported = 0;
  let first = true;
  if (format === 'json') out.add('{"files":[');
  for (const file of positional) {
    const text = readInput(file, io, 'oncolex check');
    if (text === undefined) {
      failed = true;
      continue;
    }
    const doc = textDocument(file, '', text);
    const syntax = citationSyntaxOf(doc);
    bibs = undefined;
    if (!disabled.has('undefined-citation') && syntax !== undefined) {
      const dir = path.dirname(file);
      bibs = bibliographies([...namedBibliographies(text, syntax).map((b) => path.resolve(dir, b)), ...extraBibs], io, () => (failed = true));
    }
    const found = service.diagnostics(doc, { disabled: disabled as Set<DiagnosticCode>, minUses });
    service.forget(file);
    reported += found.length;
    // 1-based lines and columns of the protocol positions every host reports.
    const at = (p: { line: number; character: number }) => ({ line: p.line + 1, column: p.character + 1 });
    if (format === 'json') {
      out.add(`${first ? '' : ','}{"file":${JSON.stringify(file)},"diagnostics":[`);
      found.forEach((f, i) => {
        const s = at(f.range.start);
        const e = at(f.range.end);
        out.add(`${i === 0 ? '' : ','}${JSON.stringify({ line: s.line, column: s.column, endLine: e.line, endColumn: e.column, code: f.code, severity: f.severity, message: f.message })}`);
      });
      out.add(']}');
      first = false;
    } else {
      for (const f of found) {
        const s = at(f.range.start);
        out.add(`${file}:${s.line}:${s.column} ${f.code} ${f.message}\n`);
      }
    }
  }
  if (format === 'json') out.add(']}\n');
  out.flush();
  return failed || reported > 0 ? 1 : 0;
}
