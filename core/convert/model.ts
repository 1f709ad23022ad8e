/**
 * The result of turning a voted board into a draft OKR set (core/convert/convert-board.ts).
 * Plain data: previewed in the UI, returned by the server, and applied to the document by the
 * `applyConversion` command in core/board (idempotent per source group).
 */
import type { Calculation, Diagnostic, Direction, Unit } from '../okr/model'

export interface ObjectiveDraft {
  /** Deterministic id derived from the source group, so re-running updates instead of duplicating. */
  readonly id: string
  readonly title: string
  readonly sourceGroupId: string
  readonly votes: number
  readonly order: number
}

export interface KeyResultDraft {
  readonly id: string
  readonly objectiveId: string
  readonly title: string
  readonly metric: string
  readonly unit: Unit
  readonly start: number | null
  readonly target: number | null
  readonly direction: Direction
  readonly calculation: Calculation
  /** False when no number could be parsed: the KR is kept, flagged `kr-not-measurable`. */
  readonly measurable: boolean
  readonly sourceNoteIds: readonly string[]
  readonly order: number
}

export interface InitiativeDraft {
  readonly id: string
  readonly objectiveId: string
  readonly keyResultId: string | null
  readonly title: string
  readonly sourceNoteIds: readonly string[]
}

export interface ConversionResult {
  readonly objectives: readonly ObjectiveDraft[]
  readonly keyResults: readonly KeyResultDraft[]
  readonly initiatives: readonly InitiativeDraft[]
  readonly diagnostics: readonly Diagnostic[]
}

export interface ConversionOptions {
  /** At most this many groups become objectives (default 5). */
  readonly maxObjectives?: number
  /** Also include groups without votes when fewer voted groups exist (default false). */
  readonly includeUnvoted?: boolean
}
