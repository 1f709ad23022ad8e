/**
 * OKR cycles: the period a board's objectives run over (a quarter by default), how long each
 * cycle lasts (the board's cadence), and which cycle each objective belongs to. An objective
 * without its own timeframe belongs to the board's, so after "Carry forward" the old and the
 * new quarter are two cycles and every view can show one of them.
 *
 * Core has no clock: the current cycle is computed from a `now` the caller passes.
 */
import type { EpochMs, Timeframe } from './okr-model'
import { formatTimeframe, periodOf, quarterTimeframe, yearTimeframe } from './timeframe'

/** How long one OKR cycle lasts; what OKR tools commonly offer. */
export const CADENCES = ['quarterly', 'trimester', 'half-year', 'yearly'] as const
export type Cadence = (typeof CADENCES)[number]
/** A board written before cadences existed has none: it runs in quarters. */
export const DEFAULT_CADENCE: Cadence = 'quarterly'

export const CADENCE_LABELS: Readonly<Record<Cadence, string>> = {
  quarterly: 'Quarters (3 months)',
  trimester: 'Trimesters (4 months)',
  'half-year': 'Half-years (6 months)',
  yearly: 'Years',
}

const MONTHS: Readonly<Record<Cadence, number>> = {
  quarterly: 3,
  trimester: 4,
  'half-year': 6,
  yearly: 12,
}

/**
 * A stored cadence, repaired: anything but a known cadence (absent, mistyped, from a newer
 * version) reads as the default.
 *
 * @example
 * readCadence(undefined) // 'quarterly'
 */
export function readCadence(value: unknown): Cadence {
  return (CADENCES as readonly unknown[]).includes(value) ? (value as Cadence) : DEFAULT_CADENCE
}

function monthRange(year: number, firstMonth: number, months: number): Timeframe {
  return {
    kind: 'custom',
    start: Date.UTC(year, firstMonth, 1) as EpochMs,
    end: Date.UTC(year, firstMonth + months, 1) as EpochMs,
  }
}

/**
 * The cycle of `cadence` that contains `now` (UTC): its quarter, trimester, half or year.
 *
 * @example
 * formatTimeframe(cycleAt(Date.UTC(2026, 10, 5) as EpochMs, 'quarterly')) // '2026-Q4'
 * formatTimeframe(cycleAt(Date.UTC(2026, 10, 5) as EpochMs, 'trimester')) // '2026-09-01/2026-12-31'
 */
export function cycleAt(now: EpochMs, cadence: Cadence): Timeframe {
  const date = new Date(Number.isFinite(now) ? now : 0)
  const year = date.getUTCFullYear()
  const months = MONTHS[cadence]
  if (cadence === 'yearly') return yearTimeframe(year)
  const index = Math.floor(date.getUTCMonth() / months)
  if (cadence === 'quarterly') return quarterTimeframe(year, (index + 1) as 1 | 2 | 3 | 4)
  return monthRange(year, index * months, months)
}

/** The cadence whose cycles a range is exactly one of, or null for any other range. */
function cadenceOf(range: { readonly start: number; readonly end: number }): Cadence | null {
  for (const cadence of CADENCES) {
    const cycle = cycleAt(range.start as EpochMs, cadence)
    if (cycle.start === range.start && cycle.end === range.end) return cadence
  }
  return null
}

/**
 * A stored range read as the timeframe it exactly covers: a quarter or a year gets its kind
 * (and its `2026-Q4` label), anything else is a custom range.
 *
 * @example
 * timeframeOfPeriod({ start: Date.UTC(2026, 9, 1), end: Date.UTC(2027, 0, 1) }).kind // 'quarter'
 */
export function timeframeOfPeriod(range: {
  readonly start: number
  readonly end: number
}): Timeframe {
  const cadence = cadenceOf(range)
  if (cadence === 'quarterly' || cadence === 'yearly') {
    return cycleAt(range.start as EpochMs, cadence)
  }
  return { kind: 'custom', start: range.start as EpochMs, end: range.end as EpochMs }
}

/**
 * The cycle after this one: the next quarter, year, trimester or half-year when the timeframe
 * is one of those, else a range of the same length starting where this one ends.
 *
 * @example
 * formatTimeframe(cycleAfter(quarterTimeframe(2026, 4))) // '2027-Q1'
 */
export function cycleAfter(timeframe: Timeframe): Timeframe {
  const cadence = cadenceOf(timeframe)
  if (cadence !== null) return cycleAt(timeframe.end, cadence)
  const length = timeframe.end - timeframe.start
  return { kind: 'custom', start: timeframe.end, end: (timeframe.end + length) as EpochMs }
}

/** The board's timeframe as a `Timeframe`, or null when it has none (or an unusable one). */
export function boardCycle(meta: { readonly timeframe: unknown }): Timeframe | null {
  const period = periodOf(meta.timeframe)
  return period === null ? null : timeframeOfPeriod(period)
}

/**
 * The cycle an objective belongs to: its own timeframe, else the board's. Null when neither
 * has one (a board nobody has set a timeframe on yet).
 *
 * @example
 * cycleLabelOf({ timeframe: null }, quarterTimeframe(2026, 4)) // '2026-Q4'
 */
export function cycleLabelOf(
  objective: { readonly timeframe: Timeframe | null },
  board: Timeframe | null,
): string | null {
  const own = objective.timeframe
  if (own && periodOf(own)) return formatTimeframe(own)
  return board ? formatTimeframe(board) : null
}
