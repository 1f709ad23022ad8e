/**
 * Time-based figures: where a key result should be by now (expected progress), how it is doing
 * against that (trend), where its velocity takes it (projection) and the predicted end-of-period
 * score. Thresholds and formulas: docs/scoring.md.
 */
import type { CheckIn, EpochMs, Score } from './okr-model'
import { clamp, finite, isFiniteNumber, toEpochMs, toScore } from './numbers'
import type { Period } from './timeframe'
import { elapsedFraction } from './timeframe'
import type { ResolvedTarget } from './targets'
import { reached } from './score'

export const TRENDS = ['on-track', 'at-risk', 'behind'] as const
export type Trend = (typeof TRENDS)[number]

/**
 * How far progress may trail expected progress (both fractions of the way, 0–1) before the
 * trend worsens: gap = expected − progress; on-track while gap ≤ `atRiskGap`, at-risk while
 * gap ≤ `behindGap`, behind beyond.
 */
export interface TrendThresholds {
  readonly atRiskGap: number
  readonly behindGap: number
}

/** 10 points behind the calendar is noise in a weekly metric; 25 points is a quarter lost. */
export const DEFAULT_TRENDS: TrendThresholds = { atRiskGap: 0.1, behindGap: 0.25 }

/**
 * Expected progress at `now`: the elapsed fraction of the period, as if progress were linear.
 *
 * @example
 * expectedProgress(quarterTimeframe(2026, 1), Date.UTC(2026, 1, 15) as EpochMs) // 0.5
 */
export function expectedProgress(period: Period, now: EpochMs): number {
  return elapsedFraction(period, now)
}

/**
 * The trend of progress against expected progress (see `TrendThresholds`). Over-achievement
 * counts as on-track; invalid thresholds fall back to the defaults.
 *
 * @example
 * trendOf(0.45, 0.5) // 'on-track'
 * trendOf(0.3, 0.5) // 'at-risk'
 * trendOf(0.2, 0.5) // 'behind'
 */
export function trendOf(
  progress: number,
  expected: number,
  thresholds: TrendThresholds = DEFAULT_TRENDS,
): Trend {
  const { atRiskGap, behindGap } =
    isFiniteNumber(thresholds.atRiskGap) &&
    isFiniteNumber(thresholds.behindGap) &&
    thresholds.atRiskGap <= thresholds.behindGap
      ? thresholds
      : DEFAULT_TRENDS
  const gap = clamp(expected, 0, 1) - clamp(finite(progress), 0, 1)
  if (gap <= atRiskGap) return 'on-track'
  if (gap <= behindGap) return 'at-risk'
  return 'behind'
}

/** Where a key result is heading at its current velocity. */
export interface Projection {
  /** The least-squares line's value at the end of the period. */
  readonly endValue: number
  /** Slope of that line, in value units per day. */
  readonly velocityPerDay: number
  /**
   * When the target is (or was) reached: the first check-in that reached it, else when the
   * line crosses the target (never before the latest check-in); null if the line moves away
   * from the target or is flat.
   */
  readonly completionAt: EpochMs | null
  /** True when `completionAt` falls within the period (before its end). */
  readonly completesInTime: boolean
  /** Number of points fitted (check-ins, plus the start value at the period start). */
  readonly sampleSize: number
}

const DAY_MS = 86_400_000
const MAX_TIME = 8.64e15

/** One point of a key result's history: its current value right after a check-in. */
export interface ValuePoint {
  readonly at: EpochMs
  readonly value: number
}

/**
 * Projects the series of current values (see `prefixRollups`) to the end of the period by an
 * ordinary least-squares line value = a + b·t. The start value at the period start anchors the
 * line when it precedes the first check-in, so one check-in already gives a velocity. Null
 * when fewer than 2 points at distinct times remain.
 *
 * b = Σ(tᵢ − t̄)(yᵢ − ȳ) / Σ(tᵢ − t̄)², endValue = ȳ + b·(end − t̄),
 * completion t* = t̄ + (target − ȳ) / b when b points towards the target.
 *
 * @example
 * // start 0 → target 1000 over Q1, 250 on day 30: about 8.3/day, ≈ 750 at the end
 * projectProgress([{ at: day30, value: 250 }], target, q1)?.endValue // 750
 */
export function projectProgress(
  series: readonly ValuePoint[],
  target: ResolvedTarget,
  period: Period,
): Projection | null {
  const points: ValuePoint[] = []
  const first = series[0]
  if (first && first.at > period.start) points.push({ at: period.start, value: target.start })
  for (const p of series) if (isFiniteNumber(p.at) && isFiniteNumber(p.value)) points.push(p)
  const n = points.length
  if (n < 2) return null
  // Work in days around the mean time and in values scaled to ≤ 1, so sums of squares of
  // timestamps (~1e24) or of huge values cannot lose precision or overflow.
  let scale = 1
  for (const p of points) scale = Math.max(scale, Math.abs(p.value))
  let tMean = 0
  let yMean = 0
  for (const p of points) {
    tMean += p.at / n
    yMean += p.value / scale / n
  }
  let sxx = 0
  let sxy = 0
  for (const p of points) {
    const dt = (p.at - tMean) / DAY_MS
    sxx += dt * dt
    sxy += dt * (p.value / scale - yMean)
  }
  if (!(sxx > 0)) return null
  const slope = sxy / sxx
  const endValue = finite((yMean + slope * ((period.end - tMean) / DAY_MS)) * scale)
  const velocityPerDay = finite(slope * scale)
  const last = points[n - 1] as ValuePoint
  let completionAt: number | null = null
  const wanted = target.target - target.start
  const metAt = series.find((p) => reached(p.value, target.target, target.direction))
  if (metAt) completionAt = metAt.at
  else if (slope !== 0 && Math.sign(slope) === Math.sign(wanted)) {
    const crossing = tMean + ((target.target / scale - yMean) / slope) * DAY_MS
    if (Number.isFinite(crossing)) completionAt = Math.max(Math.round(crossing), last.at)
  }
  if (completionAt !== null && Math.abs(completionAt) > MAX_TIME) completionAt = null
  return {
    endValue,
    velocityPerDay,
    completionAt: completionAt === null ? null : toEpochMs(completionAt),
    completesInTime: completionAt !== null && completionAt < period.end,
    sampleSize: n,
  }
}

export const PREDICTION_SOURCES = ['check-in', 'projection'] as const
export type PredictionSource = (typeof PREDICTION_SOURCES)[number]

export interface Prediction {
  readonly score: Score
  readonly source: PredictionSource
}

/**
 * The predicted end-of-period score: the latest (by time) check-in's own prediction when any
 * check-in has one, since the owner knows things a line does not; else the projection's end
 * value scored like a check-in (`scoreAtEnd`); else null. Predictions are clamped into [0, 1].
 *
 * @example
 * predictScore(orderedCheckIns, 0.55 as Score) // { score: 0.7, source: 'check-in' } when the last prediction said 0.7
 */
export function predictScore(
  ordered: readonly CheckIn[],
  scoreAtEnd: Score | null,
): Prediction | null {
  for (let i = ordered.length - 1; i >= 0; i--) {
    const predicted = ordered[i]?.predictedScore
    if (isFiniteNumber(predicted)) return { score: toScore(predicted), source: 'check-in' }
  }
  return scoreAtEnd === null ? null : { score: scoreAtEnd, source: 'projection' }
}
