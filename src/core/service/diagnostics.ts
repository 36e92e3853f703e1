/**
 * Every diagnostic OncoLex reports on a document, with its quick fixes, assembled once for every host:
 * `abbreviation-before-definition` (abbreviations.ts), the manuscript checks (manuscriptChecks.ts) and
 * `undefined-citation` (one rule: a bracketed citation key no good bibliography entry defines, once there
 * is a bibliography to check against). The checks themselves live where they are; this file only calls
 * them and puts their answers in one shape: ranges in protocol positions, offsets, the English message with
 * its template and arguments (a host that translates fills its own copy of the template), and fixes as edits.
 */
import { abbreviationsUsedBeforeDefinition, earlyAbbreviationMessage, firstUseEdits, firstUseForm } from '../checks/abbreviations';
import type { BibliographyIndex } from '../citations/bibliography/keyIndex';
import { findCitations, isCrossReference } from '../citations/citationSyntax';
import type { CitationSyntax } from '../citations/citationSyntax';
import type { Reference } from '../citations/citations';
import type { DocumentAnnotation, DocumentMention } from '../matching/documentAnnotation';
import { writingLanguage } from '../writing/insert';
import type { Entry } from '../lexicon/lexicon';
import type { CheckCode, CheckFix, CheckProblem } from '../checks/manuscriptChecks';
import { checkManuscript, checkMessage } from '../checks/manuscriptChecks';
import type { CheckSeverity } from '../checks/manuscriptChecks';
import type { DocLanguage } from '../text/regions';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SEVERITY } from './constants';
import type { DiagnosticCode } from './constants';
import type { Range, ServiceDocument, ServiceTextEdit } from './document';
import { rangeOf } from './document';

/** A fix: one undoable edit made of replacements that do not overlap. */
export interface ServiceFix {
  /** What the fix does, for its title (see {@link FIX_TITLES}). */
  kind: CheckFix['kind'] | 'first-use';
  /** The English title. */
  title: string;
  /** The title's arguments ({0}…) for a host that translates {@link FIX_TITLES}. */
  args: string[];
  edits: ServiceTextEdit[];
  /** The fix an editor applies by default. */
  preferred: boolean;
}

/** One problem, as every host reports it. */
export interface ServiceDiagnostic {
  code: DiagnosticCode;
  severity: CheckSeverity;
  start: number;
  end: number;
  range: Range;
  /** The English message. */
  message: string;
  /** The message's template and arguments ({0}…), for a host that translates the template. */
  template: string;
  args: string[];
  /** A related place: where the abbreviation is defined (first defined, for a redefinition). */
  related?: { offset: number; range: Range; message: string };
  fixes: ServiceFix[];
}

/** The English templates of the fixes' titles. */
export const FIX_TITLES: Record<ServiceFix['kind'], string> = {
  'first-use': 'Write the first-use form: {0}',
  'keep-short': 'Keep only the abbreviation: {0}',
  'drop-short': 'Drop the abbreviation, keep “{0}”',
  'spell-out': 'Spell it out everywhere: {0} ({1} changes)',
  unify: 'Write {0} everywhere ({1} changes)',
  inn: 'Write the generic name: {0}',
  'inn-with-brand': 'Write the generic name with the brand at first use: {0}',
  'inn-everywhere': 'Write the generic name for every brand ({0} changes)',
};

/** The English templates of the messages whose text is not the manuscript checks' own. */
export const MESSAGE_TEMPLATES = {
  beforeDefinition: '“{0}” is used before it is defined (line {1}). Define it at its first use: {2}',
  definedHere: 'defined here',
  firstDefinedHere: 'first defined here',
  undefinedCitation: "Citation key '{0}' is not defined in any bibliography.",
  brokenCitation: "'{0}' is defined by a broken BibTeX entry (see the Problems of the .bib file).",
  builtinCitation: "'{0}' is a built-in study of the review but is not in your .bib files: use 'OncoLex: Insert Citation' to add its entry.",
} as const;

const fill = (template: string, args: readonly string[]) => template.replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? '');

/** What the diagnostics read besides the document. */
export interface DiagnosticsInput {
  /** The document's annotation (mentions, terms in force, definitions). */
  annotation: Pick<DocumentAnnotation, 'mentions' | 'terms' | 'definitions'> & { all?: readonly DocumentMention[] };
  markup: DocLanguage;
  entry(id: string): Entry | undefined;
  /** Codes not to report. */
  disabled: ReadonlySet<DiagnosticCode>;
  /** `abbreviation-rare` below this many uses; 0 turns it off. */
  minUses: number;
  /** How the document cites (undefined: citations are not checked). */
  syntax?: CitationSyntax;
  /** The bibliographies citations are checked against; none: citations are not checked. */
  bibliographies?: BibliographyIndex;
  /** The built-in studies of the review (a key of one, missing from the bibliographies, is information). */
  builtinStudies?: readonly Reference[];
}

/** Every diagnostic of a document, sorted by offset, then by code. */
export function computeDiagnostics(doc: ServiceDocument, input: DiagnosticsInput): ServiceDiagnostic[] {
  const text = doc.getText();
  const on = (c: DiagnosticCode) => !input.disabled.has(c);
  const out: ServiceDiagnostic[] = [];
  if (on('abbreviation-before-definition')) out.push(...beforeDefinition(doc, text, input));
  const checks = checkManuscript(text, input.annotation, input.entry, { disabled: input.disabled as ReadonlySet<CheckCode>, minUses: input.minUses, lang: writingLanguage(text) });
  // A mixed-spelling or brand fix is one object shared by every problem of its group (it edits them all):
  // its edits are converted once, not once per problem (that was quadratic in the group's size).
  const converted = new WeakMap<object, ServiceTextEdit[]>();
  for (const p of checks) out.push(checkDiagnostic(doc, p, converted));
  if (on('undefined-citation') && input.syntax !== undefined && input.bibliographies !== undefined && !input.bibliographies.isEmpty) {
    out.push(...undefinedCitations(doc, text, input.syntax, input.bibliographies, input.builtinStudies ?? []));
  }
  const rank = (c: DiagnosticCode) => DIAGNOSTIC_CODES.indexOf(c);
  return out.sort((a, b) => a.start - b.start || a.end - b.end || rank(a.code) - rank(b.code));
}

function beforeDefinition(doc: ServiceDocument, text: string, input: DiagnosticsInput): ServiceDiagnostic[] {
  const out: ServiceDiagnostic[] = [];
  for (const x of abbreviationsUsedBeforeDefinition(input.annotation.mentions, input.annotation.terms, text)) {
    const entry = x.local ? undefined : input.entry(x.id);
    // The message names the first-use form in English plain text; the fix writes it in the language of the
    // text around the use, escaped for the document's markup.
    const named = firstUseForm(x, entry, 'en', 'plain');
    const range = rangeOf(doc, x.start, x.end);
    const sampleStart = doc.offsetAt({ line: Math.max(0, range.start.line - 3), character: 0 });
    const sampleEnd = doc.offsetAt({ line: range.end.line + 3, character: 0 });
    const written = entry ? firstUseForm(x, entry, writingLanguage(text.slice(sampleStart, sampleEnd)), input.markup) : named;
    const defined = doc.positionAt(x.definedAt);
    const args = [text.slice(x.start, x.end), String(defined.line + 1), named];
    out.push({
      code: 'abbreviation-before-definition',
      severity: DIAGNOSTIC_SEVERITY['abbreviation-before-definition'],
      start: x.start,
      end: x.end,
      range,
      message: earlyAbbreviationMessage(args[0], defined.line + 1, named),
      template: MESSAGE_TEMPLATES.beforeDefinition,
      args,
      related: { offset: x.definedAt, range: { start: defined, end: defined }, message: MESSAGE_TEMPLATES.definedHere },
      fixes: [{ kind: 'first-use', title: fill(FIX_TITLES['first-use'], [written]), args: [written], edits: firstUseEdits(x, written).map((e) => ({ range: rangeOf(doc, e.start, e.end), start: e.start, end: e.end, newText: e.text })), preferred: true }],
    });
  }
  return out;
}

/** The English template of a manuscript check's message: checkMessage's own, with its placeholders kept. */
const checkTemplate = (code: CheckCode) => checkMessage({ code, args: ['{0}', '{1}', '{2}', '{3}'] });

function checkDiagnostic(doc: ServiceDocument, p: CheckProblem, converted: WeakMap<object, ServiceTextEdit[]>): ServiceDiagnostic {
  const related = p.related !== undefined ? { offset: p.related, range: rangeOf(doc, p.related, p.related), message: MESSAGE_TEMPLATES.firstDefinedHere } : undefined;
  return {
    code: p.code,
    severity: DIAGNOSTIC_SEVERITY[p.code],
    start: p.start,
    end: p.end,
    range: rangeOf(doc, p.start, p.end),
    message: checkMessage(p),
    template: checkTemplate(p.code),
    args: p.args,
    ...(related ? { related } : {}),
    fixes: p.fixes.map((f, i) => {
      const args = f.kind === 'spell-out' || f.kind === 'unify' ? [f.text, String(f.edits.length)] : f.kind === 'inn-everywhere' ? [String(f.edits.length)] : [f.text];
      return {
        kind: f.kind,
        title: fill(FIX_TITLES[f.kind], args),
        args,
        edits: editsOf(doc, f.edits, converted),
        preferred: i === 0,
      };
    }),
  };
}

/** `edits` as the service's text edits, converted once per array however many diagnostics share it. */
function editsOf(doc: ServiceDocument, edits: CheckProblem['fixes'][number]['edits'], converted: WeakMap<object, ServiceTextEdit[]>): ServiceTextEdit[] {
  let out = converted.get(edits);
  if (out === undefined) {
    out = edits.map((e) => ({ range: rangeOf(doc, e.start, e.end), start: e.start, end: e.end, newText: e.text }));
    converted.set(edits, out);
  }
  return out;
}

function undefinedCitations(doc: ServiceDocument, text: string, syntax: CitationSyntax, bibs: BibliographyIndex, studies: readonly Reference[]): ServiceDiagnostic[] {
  const out: ServiceDiagnostic[] = [];
  for (const use of findCitations(text, syntax)) {
    if (!use.bracketed || isCrossReference(use.key) || bibs.entry(use.key) !== undefined) continue;
    const k = use.key.toLowerCase();
    const builtin = studies.some((s) => s.key.toLowerCase() === k && s.identified !== false);
    const template = bibs.brokenEntry(use.key) !== undefined ? MESSAGE_TEMPLATES.brokenCitation : builtin ? MESSAGE_TEMPLATES.builtinCitation : MESSAGE_TEMPLATES.undefinedCitation;
    out.push({
      code: 'undefined-citation',
      severity: builtin && template === MESSAGE_TEMPLATES.builtinCitation ? 'information' : DIAGNOSTIC_SEVERITY['undefined-citation'],
      start: use.start,
      end: use.end,
      range: rangeOf(doc, use.start, use.end),
      message: fill(template, [use.key]),
      template,
      args: [use.key],
      fixes: [],
    });
  }
  return out;
}
