/**
 * Calibration: how close people's predicted end scores came to the final scores. A prediction
 * is a check-in's `predictedScore`; each author's monthly checkpoint counts once per key result
 * (the last prediction they gave for it in that UTC calendar month), so someone who checks in
 * daily does not outweigh someone who checks in monthly.
 *
 * Error = predicted − final: positive means the person expected more than happened
 * (over-confident). See docs/scoring.md, "Calibration".
 */
import type { CheckIn } from './okr-model'

/** Mean absolute error at or under this reads as well calibrated (a tenth, as scores are read). */
export const WELL_CALIBRATED = 0.1

export type Verdict = 'well calibrated' | 'over-confident' | 'under-confident'

export interface CalibrationFigures {
  /** Predictions counted: one per author, key result and month. */
  readonly count: number
  readonly meanAbsoluteError: number
  /** Mean of predicted − final; positive = over-confident. */
  readonly meanSignedError: number
  readonly verdict: Verdict
}

export interface MonthFigures extends CalibrationFigures {
  /** `2026-10`, the UTC calendar month of the predictions. */
  readonly month: string
}

export interface Calibration extends CalibrationFigures {
  /** Months in order, only those with predictions. */
  readonly months: readonly MonthFigures[]
}

export interface CalibrationReport {
  /** Everyone's counted predictions together; null when there are none. */
  readonly team: Calibration | null
  /** Per author key (see `authorKey`), only authors with predictions. */
  readonly people: ReadonlyMap<string, Calibration>
}

export interface CalibrationOptions {
  /** Check-ins at or after this time are ignored (the timeframe is half-open). */
  readonly end?: number
  /**
   * Who wrote a check-in, as one key per person (a member id for a name, say); null leaves the
   * check-in out. Default: the author field as written.
   */
  readonly authorKey?: (author: string) => string | null
}

interface Counted {
  readonly author: string
  readonly month: string
  readonly error: number
}

const isScore = (x: unknown): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1

/** `2026-10` for a time in October 2026 (UTC); null for a time no calendar holds. */
export function monthOf(at: number): string | null {
  if (!Number.isFinite(at)) return null
  const date = new Date(at)
  const year = date.getUTCFullYear()
  if (!Number.isFinite(year)) return null
  return `${String(year).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`
}

export function verdictOf(meanAbsoluteError: number, meanSignedError: number): Verdict {
  if (meanAbsoluteError <= WELL_CALIBRATED + 1e-9) return 'well calibrated'
  return meanSignedError < 0 ? 'under-confident' : 'over-confident'
}

function figuresOf(errors: readonly number[]): CalibrationFigures {
  const count = errors.length
  const meanAbsoluteError = errors.reduce((s, e) => s + Math.abs(e), 0) / count
  const meanSignedError = errors.reduce((s, e) => s + e, 0) / count
  return {
    count,
    meanAbsoluteError,
    meanSignedError,
    verdict: verdictOf(meanAbsoluteError, meanSignedError),
  }
}

function calibrationOf(counted: readonly Counted[]): Calibration {
  const byMonth = new Map<string, number[]>()
  for (const c of counted) byMonth.set(c.month, [...(byMonth.get(c.month) ?? []), c.error])
  const months = [...byMonth.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([month, errors]) => ({ month, ...figuresOf(errors) }))
  return { ...figuresOf(counted.map((c) => c.error)), months }
}

/**
 * Calibration per author and for the team, from check-ins and each key result's final score.
 * Garbage is skipped, never thrown on: a prediction or final outside [0, 1] or not a number, a
 * missing author or key result, a time that is not a number or not before `end`.
 *
 * @example
 * calibrate(snapshot.checkIns, new Map([['kr1', 0.5]]), { end: q4.end }).team?.verdict
 */
export function calibrate(
  checkIns: readonly CheckIn[],
  finals: ReadonlyMap<string, number>,
  options: CalibrationOptions = {},
): CalibrationReport {
  const end = options.end
  const keyOf = options.authorKey ?? ((author: string) => author)
  // The last prediction of each author per key result per month: author, kr, month → check-in.
  const latest = new Map<string, { at: number; id: string; c: Counted }>()
  for (const c of Array.isArray(checkIns) ? checkIns : []) {
    if (typeof c !== 'object' || c === null) continue
    const final = finals.get(c.keyResultId)
    if (typeof c.keyResultId !== 'string' || !isScore(final)) continue
    if (!isScore(c.predictedScore) || !Number.isFinite(c.at)) continue
    if (end !== undefined && Number.isFinite(end) && c.at >= end) continue
    if (typeof c.author !== 'string' || c.author.trim() === '') continue
    const author = keyOf(c.author)
    const month = monthOf(c.at)
    if (author === null || author === '' || month === null) continue
    const slot = JSON.stringify([author, c.keyResultId, month])
    const seen = latest.get(slot)
    // Ties in time go to the later id, so every peer counts the same check-in.
    if (seen !== undefined && (seen.at > c.at || (seen.at === c.at && seen.id > String(c.id))))
      continue
    latest.set(slot, {
      at: c.at,
      id: String(c.id),
      c: { author, month, error: c.predictedScore - final },
    })
  }
  const counted = [...latest.values()].map((v) => v.c)
  const byAuthor = new Map<string, Counted[]>()
  for (const c of counted) byAuthor.set(c.author, [...(byAuthor.get(c.author) ?? []), c])
  const people = new Map([...byAuthor.entries()].map(([a, list]) => [a, calibrationOf(list)]))
  return { team: counted.length === 0 ? null : calibrationOf(counted), people }
}

/** 0.18 for 0.1834: calibration errors read to two decimals. */
const hundredth = (x: number) => String(Math.round(Math.abs(x) * 100) / 100)

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

/**
 * One sentence for a person ("You") or the team ("The team").
 *
 * @example
 * calibrationText(report.team, 'You')
 * // 'You predicted 0.18 higher than the final scores on average (over-confident), over 6 predictions.'
 */
export function calibrationText(figures: CalibrationFigures, who: string): string {
  const over = `over ${plural(figures.count, 'prediction')}`
  const signed = figures.meanSignedError
  if (figures.verdict === 'well calibrated') {
    return `${who} predicted within ${hundredth(figures.meanAbsoluteError)} of the final scores on average (well calibrated), ${over}.`
  }
  const way = signed < 0 ? 'lower' : 'higher'
  const mae =
    Math.abs(Math.abs(signed) - figures.meanAbsoluteError) > 0.005
      ? ` Average miss either way (mean absolute error): ${hundredth(figures.meanAbsoluteError)}.`
      : ''
  return `${who} predicted ${hundredth(signed)} ${way} than the final scores on average (${figures.verdict}), ${over}.${mae}`
}

/** "2026-10: +0.2 · 2026-11: −0.05", the signed error month by month. */
export function monthsText(months: readonly MonthFigures[]): string {
  return months
    .map((m) => {
      const sign = m.meanSignedError > 0.005 ? '+' : m.meanSignedError < -0.005 ? '−' : '±'
      return `${m.month}: ${sign}${hundredth(m.meanSignedError)}`
    })
    .join(' · ')
}
