/**
 * Timeframes: quarters, years and custom ranges resolved to `[start, end)` in epoch ms (UTC).
 * `end` is exclusive, the first instant after the period, so Q4 2026 ends at 2027-01-01T00:00Z
 * and consecutive quarters tile the year without a gap or overlap.
 */
import type { Diagnostic, EpochMs, Timeframe } from './okr-model'
import { clamp, diagnostic, isFiniteNumber, toEpochMs } from './numbers'

/** A resolved period; every `Timeframe` is one, and so is the board's default timeframe. */
export interface Period {
  readonly start: EpochMs
  readonly end: EpochMs
}

export interface TimeframeResult {
  readonly timeframe: Timeframe | null
  readonly diagnostics: readonly Diagnostic[]
}

const DAY_MS = 86_400_000
// Date.UTC maps years 0–99 to 1900–1999, and four digits is what every format here writes.
const MIN_YEAR = 1000
const MAX_YEAR = 9999

function validYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR
}

/**
 * The calendar quarter `year`-Q`quarter` in UTC.
 *
 * @example
 * quarterTimeframe(2026, 4) // { kind: 'quarter', year: 2026, quarter: 4, start: 2026-10-01, end: 2027-01-01 }
 */
export function quarterTimeframe(year: number, quarter: 1 | 2 | 3 | 4): Timeframe {
  return {
    kind: 'quarter',
    year,
    quarter,
    start: toEpochMs(Date.UTC(year, (quarter - 1) * 3, 1)),
    end: toEpochMs(Date.UTC(year, quarter * 3, 1)),
  }
}

/**
 * The calendar year in UTC.
 *
 * @example
 * yearTimeframe(2026).end === Date.UTC(2027, 0, 1) // true
 */
export function yearTimeframe(year: number): Timeframe {
  return {
    kind: 'year',
    year,
    start: toEpochMs(Date.UTC(year, 0, 1)),
    end: toEpochMs(Date.UTC(year + 1, 0, 1)),
  }
}

/**
 * A custom range `[start, end)`; null with an error diagnostic unless start < end, both finite.
 *
 * @example
 * customTimeframe(Date.UTC(2026, 0, 15), Date.UTC(2026, 3, 15)).timeframe?.kind // 'custom'
 */
export function customTimeframe(start: number, end: number): TimeframeResult {
  if (!isFiniteNumber(start) || !isFiniteNumber(end) || end <= start) {
    return {
      timeframe: null,
      diagnostics: [
        diagnostic(
          'timeframe-invalid-range',
          'error',
          `A custom timeframe needs a start before its end (got ${String(start)} → ${String(end)}).`,
          null,
        ),
      ],
    }
  }
  return {
    timeframe: { kind: 'custom', start: toEpochMs(start), end: toEpochMs(end) },
    diagnostics: [],
  }
}

function parseIsoDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (!validYear(year) || month < 1 || month > 12 || day < 1) return null
  const time = Date.UTC(year, month - 1, day)
  // Date.UTC rolls 2026-02-30 over into March; a typo should not silently move the period.
  return new Date(time).getUTCDate() === day ? time : null
}

/**
 * Parses what a person types for a timeframe: `2026-Q4`, `2026 Q4`, `Q4 2026`, `2026`, or a
 * custom range of ISO dates `2026-01-15/2026-03-31` (also `..`), whose end date is inclusive.
 * Never throws: unparseable text gives `timeframe: null` and a `timeframe-unparseable` error.
 *
 * @example
 * parseTimeframe('2026-Q4').timeframe // quarterTimeframe(2026, 4)
 * parseTimeframe('2026-01-15/2026-03-31').timeframe?.end === Date.UTC(2026, 3, 1) // true
 */
export function parseTimeframe(text: unknown): TimeframeResult {
  const input = typeof text === 'string' ? text.trim() : ''
  const quarter =
    /^(\d{4})\s*[-\s/]?\s*q([1-4])$/i.exec(input) ?? /^q([1-4])\s*[-\s/]?\s*(\d{4})$/i.exec(input)
  if (quarter) {
    const yearFirst = /^\d{4}/.test(input)
    const year = Number(yearFirst ? quarter[1] : quarter[2])
    const q = Number(yearFirst ? quarter[2] : quarter[1]) as 1 | 2 | 3 | 4
    if (validYear(year)) return { timeframe: quarterTimeframe(year, q), diagnostics: [] }
  }
  if (/^\d{4}$/.test(input) && validYear(Number(input))) {
    return { timeframe: yearTimeframe(Number(input)), diagnostics: [] }
  }
  const range = /^(\S+)\s*(?:\/|\.\.)\s*(\S+)$/.exec(input)
  if (range) {
    const start = parseIsoDate(range[1] ?? '')
    const last = parseIsoDate(range[2] ?? '')
    if (start !== null && last !== null) return customTimeframe(start, last + DAY_MS)
  }
  return {
    timeframe: null,
    diagnostics: [
      diagnostic(
        'timeframe-unparseable',
        'error',
        `"${input}" is not a timeframe; use 2026-Q4, 2026 or 2026-01-15/2026-03-31.`,
        null,
      ),
    ],
  }
}

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

/**
 * The canonical label of a timeframe, as `parseTimeframe` reads it back; also the key the
 * quality lint groups objectives by. Unusable timeframes give `'invalid'`.
 *
 * @example
 * formatTimeframe(quarterTimeframe(2026, 4)) // '2026-Q4'
 */
export function formatTimeframe(timeframe: Timeframe): string {
  if (
    timeframe.kind === 'quarter' &&
    validYear(timeframe.year) &&
    [1, 2, 3, 4].includes(timeframe.quarter)
  ) {
    return `${timeframe.year}-Q${timeframe.quarter}`
  }
  if (timeframe.kind === 'year' && validYear(timeframe.year)) return String(timeframe.year)
  const period = periodOf(timeframe)
  if (!period) return 'invalid'
  // Show the inclusive last day when the range ends at midnight, as people write ranges.
  const last = period.end % DAY_MS === 0 ? period.end - DAY_MS : period.end
  return `${isoDate(period.start)}/${isoDate(Math.max(period.start, last))}`
}

// ±8.64e15 ms is the range of a JS Date; beyond it toISOString throws.
const MAX_TIME = 8.64e15

/**
 * The usable `[start, end)` of a timeframe-like value, or null when it is missing, non-finite,
 * outside the Date range or not increasing.
 *
 * @example
 * periodOf({ start: 0, end: -1 }) // null
 */
export function periodOf(value: unknown): Period | null {
  if (typeof value !== 'object' || value === null) return null
  const { start, end } = value as { start?: unknown; end?: unknown }
  if (!isFiniteNumber(start) || !isFiniteNumber(end) || end <= start) return null
  if (Math.abs(start) > MAX_TIME || Math.abs(end) > MAX_TIME) return null
  return { start: toEpochMs(start), end: toEpochMs(end) }
}

/**
 * The elapsed fraction of a period at `now`, in [0, 1]: 0 before it starts, 1 after it ends.
 * This is the "expected progress" of a key result that advances linearly.
 *
 * @example
 * elapsedFraction(quarterTimeframe(2026, 1), Date.UTC(2026, 1, 15) as EpochMs) // 0.5 (day 45 of 90)
 */
export function elapsedFraction(period: Period, now: EpochMs): number {
  if (!isFiniteNumber(now)) return 0
  return clamp((now - period.start) / (period.end - period.start), 0, 1)
}
