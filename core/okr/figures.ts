/**
 * Every figure of a key result, an objective and a whole OKR set, computed in one place so that
 * the dashboard, the exports and the retrospective show the same numbers.
 */
import type {
  CheckIn,
  Diagnostic,
  Direction,
  EpochMs,
  KeyResult,
  Objective,
  Score,
} from './okr-model'
import { diagnostic, idOf, isFiniteNumber, textOf, toScore } from './numbers'
import { orderCheckIns, prefixRollups, resolveRollup, rollupValues } from './rollup'
import type { Band, BandThresholds } from './score'
import {
  gradingScale,
  resolveBands,
  resolveWeight,
  scoreBand,
  scoreValue,
  weightedMean,
} from './score'
import { resolveTarget } from './targets'
import type { Period } from './timeframe'
import { periodOf } from './timeframe'
import type { Prediction, Projection, Trend, TrendThresholds } from './time'
import {
  DEFAULT_TRENDS,
  TRENDS,
  expectedProgress,
  predictScore,
  projectProgress,
  trendOf,
} from './time'
import { BANDS } from './score'

export interface EvaluationOptions {
  /** The moment the figures are for; core has no clock of its own. */
  readonly now: EpochMs
  /** The period for objectives without a timeframe of their own (e.g. the board's). */
  readonly timeframe?: Period | null
  readonly bands?: Partial<BandThresholds>
  readonly trends?: TrendThresholds
}

export interface KeyResultReport {
  readonly id: string
  readonly objectiveId: string
  readonly title: string
  /** The rollup of the check-ins; null before the first one. */
  readonly current: number | null
  readonly start: number
  readonly effectiveTarget: number
  readonly direction: Direction
  readonly weight: number
  /** Linear progress clamped into [0, 1]. */
  readonly progress: number
  /** Linear progress unclamped (over-achievement > 1), finite. */
  readonly raw: number
  readonly score: Score
  readonly band: Band
  /** Elapsed fraction of the period; null without a usable period. */
  readonly expected: number | null
  readonly trend: Trend | null
  readonly projection: Projection | null
  readonly predicted: Prediction | null
  readonly checkInCount: number
  readonly lastCheckInAt: EpochMs | null
  /** The latest check-in's confidence in [0, 1], if it gave one. */
  readonly confidence: number | null
  readonly diagnostics: readonly Diagnostic[]
}

export interface ObjectiveReport {
  readonly id: string
  readonly title: string
  /** Weighted mean of the key results' scores; 0 without key results. */
  readonly score: Score
  readonly band: Band
  /** Weighted mean of the key results' clamped progress. */
  readonly progress: number
  readonly expected: number | null
  readonly trend: Trend | null
  /** Weighted mean of predicted scores (a KR without one counts with its score); null if none. */
  readonly predicted: Score | null
  readonly keyResults: readonly KeyResultReport[]
  readonly diagnostics: readonly Diagnostic[]
}

export interface OkrSetSummary {
  /** Objectives counted: every one except cancelled. */
  readonly objectiveCount: number
  /** Key results of the counted objectives (orphans are reported apart). */
  readonly keyResultCount: number
  /** Mean of the counted objectives' scores; null when there are none. */
  readonly score: Score | null
  readonly bands: Readonly<Record<Band, number>>
  readonly trends: Readonly<Record<Trend | 'none', number>>
}

export interface OkrSetReport {
  readonly objectives: readonly ObjectiveReport[]
  /** Key results whose objective does not exist, scored all the same so no data is hidden. */
  readonly orphans: readonly KeyResultReport[]
  readonly summary: OkrSetSummary
  /** Set-level findings (options, orphans); per-item ones sit on each report. */
  readonly diagnostics: readonly Diagnostic[]
}

export interface OkrSet {
  readonly objectives: readonly Objective[]
  readonly keyResults: readonly KeyResult[]
  readonly checkIns: readonly CheckIn[]
}

interface Context {
  readonly now: EpochMs
  readonly bands: BandThresholds
  readonly trends: TrendThresholds
  readonly fallback: Period | null
}

function contextOf(options: EvaluationOptions): { context: Context; diagnostics: Diagnostic[] } {
  const { thresholds, diagnostics } = resolveBands(options.bands)
  const trends = options.trends ?? DEFAULT_TRENDS
  if (
    !isFiniteNumber(trends.atRiskGap) ||
    !isFiniteNumber(trends.behindGap) ||
    trends.atRiskGap > trends.behindGap
  ) {
    diagnostics.push(
      diagnostic(
        'trends-invalid',
        'warning',
        'Trend thresholds need atRiskGap ≤ behindGap; using 0.1 / 0.25.',
        null,
      ),
    )
  }
  if (!isFiniteNumber(options.now)) {
    diagnostics.push(
      diagnostic(
        'now-invalid',
        'error',
        '"now" is not a time; expected progress and trend are left out.',
        null,
      ),
    )
  }
  const fallback = periodOf(options.timeframe)
  return {
    context: { now: options.now, bands: thresholds, trends, fallback },
    diagnostics,
  }
}

function evaluateOne(
  kr: KeyResult,
  checkIns: readonly CheckIn[],
  period: Period | null,
  context: Context,
): KeyResultReport {
  const id = idOf(kr) ?? ''
  const target = resolveTarget(kr)
  const { rollup, diagnostics: rollupDiagnostics } = resolveRollup(kr)
  const { weight, diagnostics: weightDiagnostics } = resolveWeight(kr)
  const grading = gradingScale(kr.grading, idOf(kr))
  const ordered = orderCheckIns(checkIns)
  const values = ordered.checkIns.map((c) => c.value)
  const current = rollupValues(rollup, values)
  const scored = scoreValue(target, grading.points, current)
  const usablePeriod = isFiniteNumber(context.now) ? period : null
  const expected = usablePeriod ? expectedProgress(usablePeriod, context.now) : null
  const trend = expected === null ? null : trendOf(scored.progress, expected, context.trends)
  const history = prefixRollups(rollup, values)
  const series = ordered.checkIns.map((c, i) => ({ at: c.at, value: history[i] ?? c.value }))
  const projection = period ? projectProgress(series, target, period) : null
  const endScore = projection ? scoreValue(target, grading.points, projection.endValue).score : null
  const latest = ordered.checkIns[ordered.checkIns.length - 1]
  const confidence =
    latest && isFiniteNumber(latest.confidence) ? Math.min(1, Math.max(0, latest.confidence)) : null
  return {
    id,
    objectiveId: textOf(kr.objectiveId),
    title: textOf(kr.title),
    current,
    start: target.start,
    effectiveTarget: target.target,
    direction: target.direction,
    weight,
    progress: scored.progress,
    raw: scored.raw,
    score: scored.score,
    band: scoreBand(scored.score, context.bands),
    expected,
    trend,
    projection,
    predicted: predictScore(ordered.checkIns, endScore),
    checkInCount: ordered.checkIns.length,
    lastCheckInAt: latest ? latest.at : null,
    confidence,
    diagnostics: [
      ...target.diagnostics,
      ...rollupDiagnostics,
      ...weightDiagnostics,
      ...grading.diagnostics,
      ...ordered.diagnostics,
    ],
  }
}

/**
 * Every figure of one key result at `options.now`: current value, effective target, progress,
 * score, raw over-achievement, band, expected progress, trend, projection and prediction.
 * Check-ins of other key results are ignored; `period` is the objective's timeframe (falling
 * back to `options.timeframe`).
 *
 * @example
 * const r = evaluateKeyResult(followersKr, checkIns, { now, timeframe: quarterTimeframe(2026, 4) })
 * r.score // 0.7 with 700 of 1000 followers
 */
export function evaluateKeyResult(
  kr: KeyResult,
  checkIns: readonly CheckIn[],
  options: EvaluationOptions,
  period: Period | null = null,
): KeyResultReport {
  const { context, diagnostics } = contextOf(options)
  const own = (Array.isArray(checkIns) ? checkIns : []).filter((c) => c?.keyResultId === kr.id)
  const report = evaluateOne(kr, own, periodOf(period) ?? context.fallback, context)
  return diagnostics.length
    ? { ...report, diagnostics: [...diagnostics, ...report.diagnostics] }
    : report
}

function combine(
  objective: Objective,
  reports: readonly KeyResultReport[],
  context: Context,
): ObjectiveReport {
  const id = idOf(objective) ?? ''
  const period = periodOf(objective.timeframe) ?? context.fallback
  const diagnostics: Diagnostic[] = []
  if (reports.length === 0) {
    diagnostics.push(
      diagnostic('objective-no-krs', 'warning', 'Objective has no key results; it scores 0.', id),
    )
  }
  const score = weightedMean(reports) ?? toScore(0)
  const progress = weightedMean(reports.map((r) => ({ score: r.progress, weight: r.weight }))) ?? 0
  const expected =
    period && isFiniteNumber(context.now) ? expectedProgress(period, context.now) : null
  const anyPrediction = reports.some((r) => r.predicted !== null)
  const predicted = anyPrediction
    ? weightedMean(reports.map((r) => ({ score: r.predicted?.score ?? r.score, weight: r.weight })))
    : null
  return {
    id,
    title: textOf(objective.title),
    score,
    band: scoreBand(score, context.bands),
    progress,
    expected,
    trend:
      expected === null || reports.length === 0
        ? null
        : trendOf(progress, expected, context.trends),
    predicted,
    keyResults: reports,
    diagnostics,
  }
}

/**
 * Every figure of an objective: its key results' reports (those with this `objectiveId`), the
 * weighted mean score Σ wᵢ·sᵢ / Σ wᵢ, band, progress, expected progress, trend and predicted
 * score.
 *
 * @example
 * evaluateObjective(objective, keyResults, checkIns, { now }).score // mean of the KR scores
 */
export function evaluateObjective(
  objective: Objective,
  keyResults: readonly KeyResult[],
  checkIns: readonly CheckIn[],
  options: EvaluationOptions,
): ObjectiveReport {
  const { context } = contextOf(options)
  const period = periodOf(objective.timeframe) ?? context.fallback
  const byKr = groupCheckIns(checkIns)
  const reports = (Array.isArray(keyResults) ? keyResults : [])
    .filter((kr) => kr?.objectiveId === objective.id)
    .map((kr) => evaluateOne(kr, byKr.get(kr.id) ?? [], period, context))
  return combine(objective, reports, context)
}

function groupCheckIns(checkIns: readonly CheckIn[]): Map<unknown, CheckIn[]> {
  const byKr = new Map<unknown, CheckIn[]>()
  for (const c of Array.isArray(checkIns) ? checkIns : []) {
    if (typeof c !== 'object' || c === null) continue
    const list = byKr.get(c.keyResultId)
    if (list) list.push(c)
    else byKr.set(c.keyResultId, [c])
  }
  return byKr
}

/**
 * The whole dashboard in one pass: every objective's report (in input order), reports for
 * orphaned key results, and a summary (overall score = mean of non-cancelled objectives, count
 * per band and per trend). Linear in objectives + key results + check-ins (plus sorting each
 * key result's check-ins).
 *
 * @example
 * evaluateOkrSet({ objectives, keyResults, checkIns }, { now }).summary.bands // { red: 1, yellow: 2, green: 1 }
 */
export function evaluateOkrSet(set: OkrSet, options: EvaluationOptions): OkrSetReport {
  const { context, diagnostics } = contextOf(options)
  const objectives = (Array.isArray(set.objectives) ? set.objectives : []).filter(
    (o): o is Objective => typeof o === 'object' && o !== null,
  )
  const keyResults = (Array.isArray(set.keyResults) ? set.keyResults : []).filter(
    (kr): kr is KeyResult => typeof kr === 'object' && kr !== null,
  )
  const byKr = groupCheckIns(set.checkIns)
  const byObjective = new Map<unknown, KeyResult[]>()
  for (const kr of keyResults) {
    const list = byObjective.get(kr.objectiveId)
    if (list) list.push(kr)
    else byObjective.set(kr.objectiveId, [kr])
  }
  const reports = objectives.map((objective) => {
    const period = periodOf(objective.timeframe) ?? context.fallback
    const krs = byObjective.get(objective.id) ?? []
    byObjective.delete(objective.id)
    return combine(
      objective,
      krs.map((kr) => evaluateOne(kr, byKr.get(kr.id) ?? [], period, context)),
      context,
    )
  })
  const orphans = [...byObjective.values()].flat().map((kr) => {
    diagnostics.push(
      diagnostic(
        'kr-orphan',
        'error',
        `Key result belongs to objective "${String(kr.objectiveId)}", which does not exist.`,
        idOf(kr),
      ),
    )
    return evaluateOne(kr, byKr.get(kr.id) ?? [], context.fallback, context)
  })
  const counted = reports.filter((_, i) => objectives[i]?.status !== 'cancelled')
  const bands = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>
  const trends = Object.fromEntries([...TRENDS, 'none'].map((t) => [t, 0])) as Record<
    Trend | 'none',
    number
  >
  for (const r of counted) {
    bands[r.band]++
    trends[r.trend ?? 'none']++
  }
  return {
    objectives: reports,
    orphans,
    summary: {
      objectiveCount: counted.length,
      keyResultCount: counted.reduce((n, r) => n + r.keyResults.length, 0),
      score: weightedMean(counted.map((r) => ({ score: r.score, weight: 1 }))),
      bands,
      trends,
    },
    diagnostics,
  }
}
