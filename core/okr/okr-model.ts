/**
 * The OKR model as plain data. Everything in core/okr is a pure function over these shapes;
 * the Yjs binding (core/board) produces them as read models.
 *
 * Times are epoch milliseconds (`EpochMs`) so that the model stays serialisable and clock-free.
 */

/** Epoch milliseconds. Branded so a duration or a count is not passed where a time belongs. */
export type EpochMs = number & { readonly __brand: 'EpochMs' }
/** A score in [0, 1]; 0.7 is the conventional "success" line for a stretch goal. */
export type Score = number & { readonly __brand: 'Score' }

export const OBJECTIVE_STATUSES = ['draft', 'active', 'completed', 'cancelled'] as const
export type ObjectiveStatus = (typeof OBJECTIVE_STATUSES)[number]

export const OBJECTIVE_TYPES = ['committed', 'aspirational', 'learning'] as const
export type ObjectiveType = (typeof OBJECTIVE_TYPES)[number]

export const VISIBILITIES = ['public', 'team', 'private'] as const
export type Visibility = (typeof VISIBILITIES)[number]

export const DIRECTIONS = ['increase', 'decrease'] as const
export type Direction = (typeof DIRECTIONS)[number]

/**
 * - `absolute-target`: reach the number in `target`.
 * - `percentage-lift`: `target` holds a lift p (10 for +10 %); effective target = start × (1 ± p/100).
 * - `absolute-lift`: `target` holds a delta d; effective target = start ± d.
 */
export const CALCULATIONS = ['absolute-target', 'percentage-lift', 'absolute-lift'] as const
export type Calculation = (typeof CALCULATIONS)[number]

export const ROLLUPS = ['last', 'average', 'sum', 'max', 'min'] as const
export type Rollup = (typeof ROLLUPS)[number]

export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly'] as const
export type Frequency = (typeof FREQUENCIES)[number]

/** `%`, `currency` (with an optional ISO code), `count`, or any free-text unit ("ms", "NPS"). */
export type Unit =
  | { readonly kind: 'percent' }
  | { readonly kind: 'currency'; readonly code?: string }
  | { readonly kind: 'count' }
  | { readonly kind: 'text'; readonly label: string }

/** A quarter (`2026-Q4`), a year (`2026`) or a custom range. `start`/`end` are always resolved. */
export type Timeframe =
  | {
      readonly kind: 'quarter'
      readonly year: number
      readonly quarter: 1 | 2 | 3 | 4
      readonly start: EpochMs
      readonly end: EpochMs
    }
  | { readonly kind: 'year'; readonly year: number; readonly start: EpochMs; readonly end: EpochMs }
  | { readonly kind: 'custom'; readonly start: EpochMs; readonly end: EpochMs }

export interface Objective {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly owner: string | null
  readonly status: ObjectiveStatus
  readonly type: ObjectiveType
  readonly timeframe: Timeframe | null
  /** Alignment: the objective this one contributes to. */
  readonly parentId: string | null
  /** Growth areas / themes. */
  readonly tags: readonly string[]
  readonly visibility: Visibility
}

/** One point of a piecewise-linear value → score map (e.g. 500 followers → 0.5). */
export interface GradingPoint {
  readonly value: number
  readonly score: number
}

export interface KeyResult {
  readonly id: string
  readonly objectiveId: string
  readonly title: string
  readonly metric: string
  readonly unit: Unit
  readonly start: number
  /**
   * False when no baseline was ever set (stored as null and read back as 0 so figures can be
   * computed): the checklist then asks for one instead of trusting that 0. Absent means set.
   */
  readonly startKnown?: boolean
  /** As typed: the absolute target, or the lift for the lift calculations (see `Calculation`). */
  readonly target: number
  readonly direction: Direction
  readonly calculation: Calculation
  readonly rollup: Rollup
  readonly frequency: Frequency
  readonly owner: string | null
  /** Relative weight in the objective score; default 1. */
  readonly weight: number
  /** Optional grading scale; when present (≥ 2 points) it replaces linear scoring. */
  readonly grading: readonly GradingPoint[] | null
}

/** An effort behind a key result (or an objective). Initiatives are not scored. */
export interface Initiative {
  readonly id: string
  readonly keyResultId: string | null
  readonly objectiveId: string | null
  readonly title: string
}

export interface CheckIn {
  readonly id: string
  readonly keyResultId: string
  readonly at: EpochMs
  readonly value: number
  readonly note: string
  /** The author's predicted end-of-period score in [0, 1], if given. */
  readonly predictedScore: number | null
  /** Confidence in reaching the target, in [0, 1], if given. */
  readonly confidence: number | null
  readonly author: string
}

export const SEVERITIES = ['error', 'warning', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

/** A finding about the data: returned, never thrown. */
export interface Diagnostic {
  /** Stable machine-readable code, e.g. `kr-no-owner`, `kr-not-measurable`. */
  readonly code: string
  readonly severity: Severity
  readonly message: string
  /** The objective, key result or check-in it concerns, if any. */
  readonly targetId: string | null
}
