/**
 * Scoring: progress of a key result between its start and effective target, its score in
 * [0, 1] (linear or by grading points), the weighted objective score and the colour bands.
 * Formulas are documented in docs/scoring.md.
 */
import type { Diagnostic, Direction, GradingPoint, KeyResult, Score } from './okr-model'
import {
  clamp,
  diagnostic,
  finite,
  idOf,
  isFiniteNumber,
  ratioOfDifferences,
  toScore,
} from './numbers'
import type { ResolvedTarget } from './targets'

/**
 * Linear progress `(current − start) / (target − start)`, unclamped: 1.3 is 30 % over-achievement,
 * negative is movement the wrong way. Works for both directions unchanged: for a decrease the
 * numerator and the denominator are both negative while things improve. 0 when start = target.
 *
 * @example
 * linearProgress(700, 0, 1000) // 0.7
 * linearProgress(6.5, 8, 5) // 0.5 (churn 8 % → 5 %, now 6.5 %)
 */
export function linearProgress(current: number, start: number, target: number): number {
  if (!isFiniteNumber(current) || !isFiniteNumber(start) || !isFiniteNumber(target)) return 0
  if (start === target) return 0
  return ratioOfDifferences(current, start, target, start)
}

/**
 * Whether a value has reached a target in the goal's direction (≥ for increase, ≤ for
 * decrease). Used for key results whose target equals their start: those are thresholds.
 *
 * @example
 * reached(5, 5, 'decrease') // true
 */
export function reached(value: number, target: number, direction: Direction): boolean {
  return direction === 'decrease' ? value <= target : value >= target
}

/** Grading points after repair: finite, scores clamped into [0, 1], ascending by value. */
export interface GradingScale {
  readonly points: readonly GradingPoint[]
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Repairs a grading scale: drops points with a non-finite value or score, clamps scores into
 * [0, 1], sorts by value and keeps the last of points sharing a value. Fewer than 2 usable
 * points means no scale (`points: []`), and linear scoring applies.
 *
 * @example
 * gradingScale([{ value: 1000, score: 1 }, { value: 0, score: 0 }]).points[0] // { value: 0, score: 0 }
 */
export function gradingScale(grading: unknown, targetId: string | null = null): GradingScale {
  if (grading === null || grading === undefined) return { points: [], diagnostics: [] }
  const diagnostics: Diagnostic[] = []
  const raw: unknown[] = Array.isArray(grading) ? grading : []
  if (!Array.isArray(grading)) {
    diagnostics.push(
      diagnostic(
        'kr-grading-invalid',
        'warning',
        'Grading is not a list of points; scoring linearly.',
        targetId,
      ),
    )
  }
  const byValue = new Map<number, number>()
  let dropped = 0
  let clamped = 0
  for (const point of raw) {
    const { value, score } = (typeof point === 'object' && point !== null ? point : {}) as {
      value?: unknown
      score?: unknown
    }
    if (!isFiniteNumber(value) || !isFiniteNumber(score)) {
      dropped++
      continue
    }
    if (score < 0 || score > 1) clamped++
    byValue.set(value, clamp(score, 0, 1))
  }
  if (dropped > 0) {
    diagnostics.push(
      diagnostic(
        'kr-grading-invalid',
        'warning',
        `${dropped} grading point(s) without a numeric value and score were ignored.`,
        targetId,
      ),
    )
  }
  if (clamped > 0) {
    diagnostics.push(
      diagnostic(
        'kr-grading-invalid',
        'warning',
        `${clamped} grading score(s) outside [0, 1] were clamped.`,
        targetId,
      ),
    )
  }
  const points = [...byValue.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([value, score]) => ({ value, score }))
  if (points.length < 2) {
    if (raw.length > 0) {
      diagnostics.push(
        diagnostic(
          'kr-grading-too-short',
          'warning',
          'A grading scale needs at least 2 points; scoring linearly.',
          targetId,
        ),
      )
    }
    return { points: [], diagnostics }
  }
  return { points, diagnostics }
}

/**
 * Piecewise-linear grading: the score of `value` on a repaired scale (see `gradingScale`),
 * interpolated between neighbouring points and held flat beyond the first and last point.
 *
 * @example
 * const { points } = gradingScale([{ value: 0, score: 0 }, { value: 100, score: 0.1 }, { value: 500, score: 0.5 }, { value: 1000, score: 1 }])
 * gradeValue(points, 300) // 0.3
 * gradeValue(points, 2000) // 1
 */
export function gradeValue(points: readonly GradingPoint[], value: number): Score {
  const first = points[0]
  const last = points[points.length - 1]
  if (!first || !last || !isFiniteNumber(value)) return toScore(first?.score ?? 0)
  if (value <= first.value) return toScore(first.score)
  if (value >= last.value) return toScore(last.score)
  let lo = 0
  let hi = points.length - 1
  // Binary search for the segment [points[lo], points[hi]] holding value.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if ((points[mid]?.value ?? 0) <= value) lo = mid
    else hi = mid
  }
  const a = points[lo] ?? first
  const b = points[hi] ?? last
  const t = ratioOfDifferences(value, a.value, b.value, a.value)
  return toScore(a.score + (b.score - a.score) * clamp(t, 0, 1))
}

/** How a key result scores at one value. */
export interface KeyResultScore {
  /** Linear progress clamped into [0, 1]. */
  readonly progress: number
  /** Linear progress unclamped: over-achievement (> 1) or regression (< 0), always finite. */
  readonly raw: number
  /** The score in [0, 1]: the grading scale's when there is one, else `progress`. */
  readonly score: Score
}

/**
 * Scores a value against a resolved target. `value` null (no check-in yet) scores as the start.
 * A key result whose target equals its start is a threshold: raw = 1 once reached, else 0.
 *
 * @example
 * scoreValue(resolveTarget({ ...kr, start: 0, target: 1000 }), [], 700) // { progress: 0.7, raw: 0.7, score: 0.7 }
 */
export function scoreValue(
  target: ResolvedTarget,
  grading: readonly GradingPoint[],
  value: number | null,
): KeyResultScore {
  const current = value === null || !isFiniteNumber(value) ? target.start : value
  let raw: number
  if (target.measurable) raw = linearProgress(current, target.start, target.target)
  else raw = value !== null && reached(current, target.target, target.direction) ? 1 : 0
  const progress = clamp(raw, 0, 1)
  const score = grading.length >= 2 ? gradeValue(grading, current) : toScore(progress)
  return { progress, raw: finite(raw), score }
}

/**
 * A key result's weight in its objective: the stored one when finite and > 0, else 1 with a
 * warning. (Weight 0 is refused too: "don't count this KR" is better said by removing it.)
 *
 * @example
 * resolveWeight({ ...kr, weight: -2 }).weight // 1
 */
export function resolveWeight(kr: KeyResult): { weight: number; diagnostics: Diagnostic[] } {
  if (isFiniteNumber(kr.weight) && kr.weight > 0) return { weight: kr.weight, diagnostics: [] }
  return {
    weight: 1,
    diagnostics: [
      diagnostic(
        'kr-invalid-weight',
        'warning',
        `Weight ${String(kr.weight)} is not a positive number; using 1.`,
        idOf(kr),
      ),
    ],
  }
}

/**
 * Weighted mean Σ wᵢ·sᵢ / Σ wᵢ of scores; null for an empty list. Weights must be finite and
 * > 0 (see `resolveWeight`); they are scaled by the largest first so their sum cannot overflow,
 * and the result is clamped to [min sᵢ, max sᵢ], where a mean lies, against rounding.
 *
 * @example
 * weightedMean([{ score: 1, weight: 1 }, { score: 0.4, weight: 2 }]) // 0.6
 */
export function weightedMean(
  items: readonly { readonly score: number; readonly weight: number }[],
): Score | null {
  let maxWeight = 0
  let min = Infinity
  let max = -Infinity
  for (const { score, weight } of items) {
    if (weight > maxWeight) maxWeight = weight
    if (score < min) min = score
    if (score > max) max = score
  }
  if (items.length === 0 || !(maxWeight > 0)) return null
  let weighted = 0
  let total = 0
  for (const { score, weight } of items) {
    const w = weight / maxWeight
    weighted += w * score
    total += w
  }
  return toScore(clamp(weighted / total, min, max))
}

export const BANDS = ['red', 'yellow', 'green'] as const
export type Band = (typeof BANDS)[number]

/** Band lower bounds: red below `yellowFrom`, yellow below `greenFrom`, green from there. */
export interface BandThresholds {
  readonly yellowFrom: number
  readonly greenFrom: number
}

/** The conventional bands: red < 0.4 ≤ yellow < 0.7 ≤ green (0.7 is a stretch goal's success). */
export const DEFAULT_BANDS: BandThresholds = { yellowFrom: 0.4, greenFrom: 0.7 }

/**
 * Validates configured band thresholds: each must be a number in [0, 1] and yellowFrom ≤
 * greenFrom; otherwise the defaults apply, with a warning.
 *
 * @example
 * resolveBands({ yellowFrom: 0.3 }).thresholds // { yellowFrom: 0.3, greenFrom: 0.7 }
 */
export function resolveBands(input: Partial<BandThresholds> | undefined): {
  thresholds: BandThresholds
  diagnostics: Diagnostic[]
} {
  const yellowFrom = input?.yellowFrom ?? DEFAULT_BANDS.yellowFrom
  const greenFrom = input?.greenFrom ?? DEFAULT_BANDS.greenFrom
  const valid = (x: number) => isFiniteNumber(x) && x >= 0 && x <= 1
  if (valid(yellowFrom) && valid(greenFrom) && yellowFrom <= greenFrom) {
    return { thresholds: { yellowFrom, greenFrom }, diagnostics: [] }
  }
  return {
    thresholds: DEFAULT_BANDS,
    diagnostics: [
      diagnostic(
        'bands-invalid',
        'warning',
        `Band thresholds ${String(yellowFrom)} / ${String(greenFrom)} must satisfy 0 ≤ yellow ≤ green ≤ 1; using 0.4 / 0.7.`,
        null,
      ),
    ],
  }
}

/** Scores are shown with one decimal (0.7), the way OKR scores are spoken. */
export const SCORE_DECIMALS = 1

/**
 * The score as it is shown: rounded to one decimal, halves up (0.35 → 0.4, 0.65 → 0.7). The
 * product is read at twelve significant digits first, so binary noise (0.7 × 0.5 =
 * 0.34999999999999997) rounds the way the decimal reads. Non-finite input reads as 0.
 *
 * This is the one rule for the number on screen, in exports and for the colour: `scoreBand`
 * bands this value, so a "0.4" is always yellow and a "0.7" always green (docs/scoring.md).
 *
 * @example
 * shownScore(0.368) // 0.4
 * shownScore(0.649) // 0.6
 */
export function shownScore(score: number): Score {
  if (!isFiniteNumber(score)) return toScore(0)
  const scale = 10 ** SCORE_DECIMALS
  return toScore(Math.round(Number((clamp(score, 0, 1) * scale).toPrecision(12))) / scale)
}

/**
 * A score as text, one decimal: the shown value of `shownScore` ("–" for none).
 *
 * @example
 * scoreText(0.65) // '0.7'
 */
export function scoreText(score: number | null): string {
  if (score === null || !isFiniteNumber(score)) return '–'
  return shownScore(score).toFixed(SCORE_DECIMALS)
}

/**
 * The colour band of a score, decided on the shown value (`shownScore`): the number and the
 * colour a person sees can never disagree at a threshold (0.368 and 0.421 both read "0.4",
 * both yellow; 0.65 reads "0.7", green).
 *
 * @example
 * scoreBand(0.35 as Score) // 'yellow'
 * scoreBand(0.65 as Score) // 'green'
 */
export function scoreBand(score: Score, thresholds: BandThresholds = DEFAULT_BANDS): Band {
  const shown = shownScore(score)
  if (shown >= thresholds.greenFrom) return 'green'
  if (shown >= thresholds.yellowFrom) return 'yellow'
  return 'red'
}
