import { describe, expect, it } from 'vitest'
import { checkInDays, checkInTime, dayText, valueWarning } from '../../../client/okr/checkins-model'
import type { Period } from '../../../core/okr/timeframe'
import type { EpochMs, Unit } from '../../../core/okr/okr-model'

/** Local days, so the test reads the same in any time zone. */
const day = (y: number, m: number, d: number, h = 0) => new Date(y, m - 1, d, h).getTime()
const Q4: Period = { start: day(2026, 10, 1) as EpochMs, end: day(2027, 1, 1) as EpochMs }
const NOV_20 = day(2026, 11, 20, 15) + 1234

describe('the check-in date', () => {
  it('defaults to today and runs from the period start to today', () => {
    expect(checkInDays(Q4, NOV_20)).toEqual({
      min: '2026-10-01',
      max: '2026-11-20',
      value: '2026-11-20',
    })
    // After the quarter: its last day at most; before it: its days.
    expect(checkInDays(Q4, day(2027, 2, 3))).toEqual({
      min: '2026-10-01',
      max: '2026-12-31',
      value: '2026-12-31',
    })
    expect(checkInDays(Q4, day(2026, 9, 20)).value).toBe('2026-10-01')
    expect(checkInDays(null, NOV_20)).toEqual({ min: '', max: '2026-11-20', value: '2026-11-20' })
  })

  it('keeps the exact second for today and dates a late checkpoint at noon of its day', () => {
    expect(checkInTime('', Q4, NOV_20)).toEqual({ ok: true, at: NOV_20 })
    expect(checkInTime('2026-11-20', Q4, NOV_20)).toEqual({ ok: true, at: NOV_20 })
    const late = checkInTime('2026-10-31', Q4, NOV_20)
    expect(late).toEqual({ ok: true, at: day(2026, 10, 31, 12) })
    expect(late.ok && dayText(late.at)).toBe('2026-10-31')
  })

  it('refuses days outside the period, in the future, and anything that is not a date', () => {
    for (const text of [
      '2026-09-30',
      '2026-11-21',
      '2027-01-01',
      '2026-02-31',
      'yesterday',
      '2026-11-20T00:00',
      '9'.repeat(10_000),
    ]) {
      expect(checkInTime(text, Q4, NOV_20).ok, text).toBe(false)
    }
    const refused = checkInTime('2026-12-01', Q4, NOV_20)
    expect(refused.ok ? '' : refused.message).toContain('2026-10-01 – 2026-11-20')
  })
})

describe('a value that looks meant for another key result', () => {
  const percent: Unit = { kind: 'percent' }
  const churn = { start: 8, effectiveTarget: 4, unit: percent, current: 6, measurable: true }

  it('warns on NPS 42 typed against churn 8 % → 4 %, not on a plausible value', () => {
    expect(valueWarning(churn, 42)).toContain('far outside')
    expect(valueWarning(churn, 42)).toContain('8% → 4%')
    for (const fine of [8, 5.5, 4, 3, 0, 12])
      expect(valueWarning(churn, fine), `${fine}`).toBeNull()
  })

  it('warns on a percentage past 0–100 and on a negative amount', () => {
    const coverage = { ...churn, start: 60, effectiveTarget: 90, current: null }
    expect(valueWarning(coverage, 140)).toContain('not a percentage')
    expect(valueWarning(coverage, 100)).toBeNull()
    const revenue = {
      start: 40000,
      effectiveTarget: 48000,
      unit: { kind: 'currency', code: 'USD' } as const,
      current: null,
      measurable: true,
    }
    expect(valueWarning(revenue, -5)).toContain('negative')
    expect(valueWarning(revenue, 52000)).toBeNull()
    expect(valueWarning(revenue, 480000)).toContain('far outside')
  })

  it('stays quiet when the key result has no range to compare with', () => {
    const blank = { start: 0, effectiveTarget: 0, unit: { kind: 'count' } as const }
    expect(valueWarning({ ...blank, current: null, measurable: false }, 1e9)).toBeNull()
    // A count from 0 to 0 that is measurable has a span of 1: only far-off values warn.
    expect(valueWarning({ ...blank, current: null, measurable: true }, 3)).toBeNull()
  })
})
