/**
 * What every host of the service shares by definition: the diagnostics' source name and codes, how long to
 * wait after typing before checking, how large a document the checks read, how many completion items one
 * reply carries. Hosts read these; none defines its own.
 */
import { CHECK_CODES, CHECK_SEVERITY } from '../checks/manuscriptChecks';
import type { CheckSeverity } from '../checks/manuscriptChecks';
import type { Settings } from '../settings';

/** The `source` of every diagnostic OncoLex reports. */
export const DIAGNOSTIC_SOURCE = 'OncoLex';

/** Every diagnostic code, in the order problems at one offset are listed. */
export const DIAGNOSTIC_CODES = ['abbreviation-before-definition', ...CHECK_CODES, 'undefined-citation'] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** The severity of each code (undefined-citation of a built-in study of the review is information). */
export const DIAGNOSTIC_SEVERITY: Record<DiagnosticCode, CheckSeverity> = CHECK_SEVERITY;

/** Editors check a document this long after the last keystroke. */
export const CHECK_DEBOUNCE_MS = 400;

/** Editors leave the checks of a longer document (UTF-16 code units) alone; the CLI checks any length. */
export const MAX_CHECKED_LENGTH = 2 * 1024 * 1024;

/** How many review sentences a hover card shows (the card view shows all). */
export const HOVER_EVIDENCE = 3;

/** The most citation completion items one reply carries; the reply says when there were more. */
export const COMPLETION_LIMIT = 200;

/** The setting that turns each code off (`abbreviation-rare` is off while `abbreviations.minUses` is 0). */
const ENABLED_BY: Record<Exclude<DiagnosticCode, 'abbreviation-rare' | 'undefined-citation'>, keyof Settings> = {
  'abbreviation-before-definition': 'diagnostics.abbreviations',
  'abbreviation-redefined': 'diagnostics.abbreviationRedefined',
  'abbreviation-unused': 'diagnostics.abbreviationUnused',
  'mixed-spelling': 'diagnostics.mixedSpelling',
  'brand-name': 'diagnostics.brandName',
};

/** The codes the settings turn off. */
export function disabledCodes(settings: Settings): Set<DiagnosticCode> {
  const off = new Set<DiagnosticCode>();
  for (const c of DIAGNOSTIC_CODES) {
    if (c === 'undefined-citation') continue;
    if (c === 'abbreviation-rare' ? !(settings['abbreviations.minUses'] > 0) : settings[ENABLED_BY[c]] !== true) off.add(c);
  }
  return off;
}
