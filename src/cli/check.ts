/**
 * `oncolex check FILE... [--format text|json] [--min-uses N] [--disable CODE,…] [--bib FILE,…]
 * [--lexicon FILE.oncolex.json]`: the manuscript checks the editor shows as diagnostics
 * (abbreviation-before-definition, the checks of src/core/manuscriptChecks.ts, undefined-citation), one line
 * each (`file:line:col code message`) or as JSON with 1-based lines and columns (UTF-16 units). The
 * bibliography is what the document names (Pandoc `bibliography:`, `\bibliography{}`, `\addbibresource{}`)
 * plus `--bib`; without any, citations are not checked. Exits 1 when it reports anything (for CI and
 * pre-commit hooks), 2 on bad usage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { abbreviationsUsedBeforeDefinition, firstUseForm } from '../core/abbreviations';
import { parseBibtex, parseCslJson } from '../core/bibtex';
import { findCitations, isCrossReference } from '../core/citations';
import { annotateDocument } from '../core/documentAnnotation';
import { writingLanguage } from '../core/insert';
import { indexById } from '../core/lexicon';
import { lineIndexAt, lineStarts } from '../core/lines';
import type { CheckCode, CheckSeverity } from '../core/manuscriptChecks';
import { CHECK_CODES, CHECK_SEVERITY, checkManuscript, checkMessage } from '../core/manuscriptChecks';
import { namedBibliographies } from '../core/namedBibliographies';
import { languageOf } from '../core/regions';
import { matcherFor } from './annotate';
import type { CliIo } from './io';
import { ChunkedWriter, parseArgs, readInput, wholeNumberFlag } from './io';
import { lexiconOption } from './lexiconOption';

/** Every code `oncolex check` may report. */
export const CLI_CHECK_CODES = ['abbreviation-before-definition', ...CHECK_CODES, 'undefined-citation'] as const;
type CliCheckCode = (typeof CLI_CHECK_CODES)[number];

interface Found {
  start: number;
  end: number;
  code: CliCheckCode;
  severity: CheckSeverity;
  message: string;
}

/**
 * The citation keys the bibliographies define (lower-case), or undefined when there is none to check against.
 * A bibliography that cannot be read is named on stderr and calls `unread` (the exit code is then 1).
 */
function bibliographyKeys(files: string[], io: CliIo, unread: () => void): Set<string> | undefined {
  if (files.length === 0) return undefined;
  const keys = new Set<string>();
  let read = 0;
  for (const f of files) {
    const text = readInput(f, io, 'oncolex check');
    if (text === undefined) {
      unread();
      continue;
    }
    read++;
    const parsed = /\.json$/i.test(f) ? parseCslJson(text) : parseBibtex(text);
    for (const e of parsed.entries) keys.add(e.key.toLowerCase());
    // A broken entry still defines its key: the bibliography's own problems are `oncolex bib`'s to report.
    for (const e of parsed.errors) if (e.key !== undefined) keys.add(e.key.toLowerCase());
  }
  return read > 0 ? keys : undefined;
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
  const entry = (id: string) => byId.get(id);
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
    const markup = languageOf(path.extname(file));
    const annotation = annotateDocument(matcherFor(lexicon), text, markup);
    const found: Found[] = [];
    const on = (c: CliCheckCode) => !disabled.has(c);
    if (on('abbreviation-before-definition')) {
      const starts = lineStarts(text);
      for (const x of abbreviationsUsedBeforeDefinition(annotation.mentions, annotation.terms, text)) {
        const e = x.local ? undefined : entry(x.id);
        const firstUse = firstUseForm(x, e, 'en', 'plain');
        const line = lineIndexAt(starts, x.definedAt) + 1;
        found.push({
          start: x.start,
          end: x.end,
          code: 'abbreviation-before-definition',
          severity: CHECK_SEVERITY['abbreviation-before-definition'],
          message: `“${text.slice(x.start, x.end)}” is used before it is defined (line ${line}). Define it at its first use: ${firstUse}`,
        });
      }
    }
    const problems = checkManuscript(text, annotation, entry, { disabled: disabled as Set<CheckCode>, minUses, lang: writingLanguage(text) });
    for (const p of problems) found.push({ start: p.start, end: p.end, code: p.code, severity: CHECK_SEVERITY[p.code], message: checkMessage(p) });
    if (on('undefined-citation') && markup !== 'plain') {
      const syntax = markup === 'latex' ? 'latex' : 'pandoc';
      const dir = path.dirname(file);
      const keys = bibliographyKeys([...namedBibliographies(text, syntax).map((b) => path.resolve(dir, b)), ...extraBibs], io, () => (failed = true));
      if (keys) {
        for (const use of findCitations(text, syntax)) {
          if (!use.bracketed || isCrossReference(use.key) || keys.has(use.key.toLowerCase())) continue;
          found.push({ start: use.start, end: use.end, code: 'undefined-citation', severity: CHECK_SEVERITY['undefined-citation'], message: `Citation key '${use.key}' is not defined in any bibliography.` });
        }
      }
    }
    found.sort((a, b) => a.start - b.start || a.end - b.end);
    reported += found.length;
    const starts = lineStarts(text);
    const at = (offset: number) => {
      const line = lineIndexAt(starts, offset);
      return { line: line + 1, column: offset - starts[line] + 1 };
    };
    if (format === 'json') {
      out.add(`${first ? '' : ','}{"file":${JSON.stringify(file)},"diagnostics":[`);
      found.forEach((f, i) => {
        const s = at(f.start);
        const e = at(f.end);
        out.add(`${i === 0 ? '' : ','}${JSON.stringify({ line: s.line, column: s.column, endLine: e.line, endColumn: e.column, code: f.code, severity: f.severity, message: f.message })}`);
      });
      out.add(']}');
      first = false;
    } else {
      for (const f of found) {
        const s = at(f.start);
        out.add(`${file}:${s.line}:${s.column} ${f.code} ${f.message}\n`);
      }
    }
  }
  if (format === 'json') out.add(']}\n');
  out.flush();
  return failed || reported > 0 ? 1 : 0;
}
