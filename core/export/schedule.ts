/**
 * When check-ins fall due. A key result's frequency sets a cadence anchored at the start of its
 * period: a weekly KR in a quarter that starts on 1 October is due on 8, 15, 22 October …, and
 * every KR is due once more on the last day for its final score. The dashboard's "due"
 * highlight and the calendar feed both read this one schedule.
 */
import type { EpochMs, Frequency } from '../okr/okr-model'
import { toEpochMs } from '../okr/numbers'
import type { Period } from '../okr/timeframe'

export const DAY_MS = 86_400_000

/** Adds whole months in UTC, keeping the day but never rolling over (31 Jan + 1 month = 28/29 Feb). */
function addMonths(time: number, months: number): number {
  const date = new Date(time)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth() + months
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return Date.UTC(
    year,
    month,
    Math.min(date.getUTCDate(), lastDay),
    date.getUTCHours(),
    date.getUTCMinutes(),
  )
}

function step(start: number, frequency: Frequency, k: number): number {
  switch (frequency) {
    case 'daily':
      return start + k * DAY_MS
    case 'weekly':
      return start + k * 7 * DAY_MS
    case 'monthly':
      return addMonths(start, k)
    case 'quarterly':
      return addMonths(start, 3 * k)
  }
}

/** Start of the UTC day that holds `time`. */
export function dayOf(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS
}

/**
 * Every due date of the period in order (UTC midnights): one per cadence step after the start,
 * plus the period's last day. At most `limit` dates (a daily KR over a year stays bounded).
 *
 * @example
 * checkInDates('monthly', quarterTimeframe(2026, 4)) // 1 Nov, 1 Dec, 31 Dec 2026
 */
export function checkInDates(frequency: Frequency, period: Period, limit = 400): EpochMs[] {
  const out: EpochMs[] = []
  const start = dayOf(period.start)
  const lastDay = dayOf(period.end - 1)
  if (!Number.isFinite(start) || !Number.isFinite(lastDay) || lastDay < start) return out
  for (let k = 1; out.length < limit; k++) {
    const at = dayOf(step(start, frequency, k))
    if (!Number.isFinite(at) || at >= lastDay) break
    out.push(toEpochMs(at))
  }
  if (out.length < limit) out.push(toEpochMs(lastDay))
  return out
}

export interface CheckInDue {
  /** The latest due date on or before today, if one has passed. */
  readonly lastDue: EpochMs | null
  /** The next due date after today within the period, if any. */
  readonly nextDue: EpochMs | null
  /** True when a due date has passed with no check-in since it. */
  readonly overdue: boolean
}

/**
 * Whether a key result owes a check-in at `now`: a due date has passed and the latest check-in
 * (if any) is older than that date.
 *
 * @example
 * checkInDue('weekly', q4, lastCheckInAt, now).overdue
 */
export function checkInDue(
  frequency: Frequency,
  period: Period | null,
  lastCheckInAt: EpochMs | null,
  now: EpochMs,
): CheckInDue {
  if (period === null || !Number.isFinite(now))
    return { lastDue: null, nextDue: null, overdue: false }
  const today = dayOf(now)
  let lastDue: EpochMs | null = null
  let nextDue: EpochMs | null = null
  for (const at of checkInDates(frequency, period)) {
    if (at <= today) lastDue = at
    else {
      nextDue = at
      break
    }
  }
  const overdue = lastDue !== null && (lastCheckInAt === null || dayOf(lastCheckInAt) < lastDue)
  return { lastDue, nextDue, overdue }
}
