/**
 * The result of turning a voted board into a draft OKR set (core/convert/convert-board.ts).
 * Plain data: previewed in the UI, returned by the server, and applied to the document by the
 * `applyConversion` command in core/board (idempotent per source group).
 */
import type { Calculation, Diagnostic, Direction, Unit } from '../okr/okr-model'
import type { ConversionDecisions, DecisionSummary } from './decisions'

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
  /**
   * What the team's recorded decisions did (core/convert/decisions.ts): drafts removed,
   * objectives unticked, key results that stay initiatives. Absent in results made elsewhere.
   */
  readonly decisions?: DecisionSummary
}

export interface ConversionOptions {
  /** At most this many groups become objectives (default 5). */
  readonly maxObjectives?: number
  /** Also include groups without votes when fewer voted groups exist (default false). */
  readonly includeUnvoted?: boolean
  /**
   * The decisions recorded in the document (`readConversionDecisions(doc)`), honoured so that
   * converting again does not undo them. Without them every draft is offered afresh.
   */
  readonly decisions?: ConversionDecisions
}

/** What a sticky note's text turned out to be (core/convert/parse-key-result.ts). */
export const KEY_RESULT_KINDS = ['key-result', 'initiative', 'unmeasurable'] as const
export type KeyResultKind = (typeof KEY_RESULT_KINDS)[number]

/**
 * A key result read from free text. `start` is null when the text gives no baseline (a draft to
 * complete); `target` is null only when nothing measurable was found. For the lift calculations
 * `target` holds the lift, as in `KeyResult`.
 */
export interface ParsedKeyResult {
  readonly kind: KeyResultKind
  readonly direction: Direction
  readonly calculation: Calculation
  readonly start: number | null
  readonly target: number | null
  readonly unit: Unit
  /** The measured thing, with verbs, numbers and timeframe words removed ("customer churn rate"). */
  readonly metric: string
  /** How sure the parser is, in [0, 1]; below 0.7 the UI should ask the author to check. */
  readonly confidence: number
  /** Why the parse came out this way: ambiguities, defaults taken, numbers ignored. */
  readonly notes: readonly string[]
}

/** A proposed group of notes (core/grouping/suggest-groups.ts); applied only through a command. */
export interface GroupSuggestion {
  /** Sorted ascending, so equal proposals compare equal. */
  readonly noteIds: readonly string[]
  /** Built from the group's most distinctive words ("Churn, retention, renewals"). */
  readonly title: string
  /** Cohesion: mean pairwise cosine similarity of the notes' TF-IDF vectors, in [0, 1]. */
  readonly score: number
}

export interface SuggestGroupsOptions {
  /** Clusters merge while their average-linkage cosine similarity is at least this (default 0.15). */
  readonly threshold?: number
  /** Smaller clusters are not proposed (default 2). */
  readonly minSize?: number
  /** Notes already in a group are left out unless this is true (default false). */
  readonly includeGrouped?: boolean
  /**
   * Tag notes with the business themes their words belong to (core/grouping/concepts.ts) before
   * comparing them (default true). Turn off for boards not written in English business words.
   */
  readonly thesaurus?: boolean
}
