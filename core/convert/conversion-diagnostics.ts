/**
 * The findings convertBoard reports (docs/conversion.md, "Diagnostics") and the collector the
 * conversion steps share, so every step reports in one order-preserving list.
 */
import type { Diagnostic, Severity } from '../okr/okr-model'

/** Every code convertBoard reports, so UIs and tests can match on them. */
export const CONVERSION_CODES = {
  invalidSnapshot: 'invalid-snapshot',
  invalidOption: 'invalid-option',
  noGroups: 'no-groups',
  noVotedGroups: 'no-voted-groups',
  objectiveLimit: 'objective-limit',
  voteTieAtLimit: 'vote-tie-at-limit',
  groupEmpty: 'group-empty',
  groupUntitled: 'group-untitled',
  objectiveNoKeyResults: 'objective-no-key-results',
  krNotMeasurable: 'kr-not-measurable',
  krNoBaseline: 'kr-no-baseline',
  krParseUncertain: 'kr-parse-uncertain',
  noteEmpty: 'note-empty',
  notesUngrouped: 'notes-ungrouped',
  noteGroupMissing: 'note-group-missing',
  duplicateId: 'duplicate-id',
  invalidId: 'invalid-id',
  textTruncated: 'text-truncated',
} as const

export type ConversionCode = (typeof CONVERSION_CODES)[keyof typeof CONVERSION_CODES]

/** Collects diagnostics in the order the conversion finds them. */
export class ConversionDiagnostics {
  readonly list: Diagnostic[] = []

  add(
    severity: Severity,
    code: ConversionCode,
    message: string,
    targetId: string | null = null,
  ): void {
    this.list.push({ code, severity, message, targetId })
  }
}

/** Code-unit order, independent of locale, as the board's vote ranking uses. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
