import { describe, expect, it } from 'vitest'
import type { EpochMs, Timeframe } from '../../../core/okr/okr-model'
import {
  customTimeframe,
  elapsedFraction,
  formatTimeframe,
  parseTimeframe,
  periodOf,
  quarterTimeframe,
  yearTimeframe,
} from '../../../core/okr/timeframe'
import { untrusted } from './fixtures'

describe('timeframes', () => {
  it('resolves a quarter to [first day, first day of the next quarter) in UTC', () => {
    const q4 = quarterTimeframe(2026, 4)
    expect(q4.start).toBe(Date.UTC(2026, 9, 1))
    expect(q4.end).toBe(Date.UTC(2027, 0, 1))
    expect(quarterTimeframe(2026, 1).end).toBe(quarterTimeframe(2026, 2).start)
  })

  it('resolves a year', () => {
    const y = yearTimeframe(2026)
    expect([y.start, y.end]).toEqual([Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)])
  })

  it.each([
    ['2026-Q4', 2026, 4],
    ['2026 q1', 2026, 1],
    ['Q2 2027', 2027, 2],
    ['q3-2025', 2025, 3],
  ] as const)('parses the quarter %s', (text, year, quarter) => {
    expect(parseTimeframe(text)).toEqual({
      timeframe: quarterTimeframe(year, quarter),
      diagnostics: [],
    })
  })

  it('parses a year and a custom range whose end date is inclusive', () => {
    expect(parseTimeframe('2026').timeframe).toEqual(yearTimeframe(2026))
    const custom = parseTimeframe('2026-01-15/2026-03-31').timeframe
    expect(custom).toEqual({
      kind: 'custom',
      start: Date.UTC(2026, 0, 15),
      end: Date.UTC(2026, 3, 1),
    })
    expect(parseTimeframe('2026-01-15..2026-03-31').timeframe).toEqual(custom)
  })

  it.each([
    '',
    '2026-Q5',
    'next quarter',
    '2026-02-30/2026-03-01',
    '0099',
    '2026-03-01/2026-01-01',
  ])('rejects %j with a diagnostic instead of throwing', (text) => {
    const result = parseTimeframe(text)
    expect(result.timeframe).toBeNull()
    expect(result.diagnostics.length).toBeGreaterThan(0)
    expect(result.diagnostics[0]?.severity).toBe('error')
  })

  it('does not throw on non-string input', () => {
    expect(parseTimeframe(42).timeframe).toBeNull()
    expect(parseTimeframe(undefined).diagnostics[0]?.code).toBe('timeframe-unparseable')
  })

  it('rejects custom ranges that are empty, reversed or not numbers', () => {
    expect(customTimeframe(5, 5).timeframe).toBeNull()
    expect(customTimeframe(6, 5).diagnostics[0]?.code).toBe('timeframe-invalid-range')
    expect(customTimeframe(NaN, 5).timeframe).toBeNull()
  })

  it('formats what it parses back to the same timeframe', () => {
    for (const text of ['2026-Q4', '2026', '2026-01-15/2026-03-31']) {
      const { timeframe } = parseTimeframe(text)
      expect(timeframe).not.toBeNull()
      if (timeframe) expect(formatTimeframe(timeframe)).toBe(text)
    }
  })

  it('formats a damaged quarter or year by its range, or as invalid', () => {
    const q1 = quarterTimeframe(2026, 1)
    const year = yearTimeframe(2026)
    const damagedQuarter: Timeframe = { ...q1, kind: 'quarter', year: 2026, quarter: untrusted(7) }
    const damagedYear: Timeframe = { ...year, kind: 'year', year: 12 }
    expect(formatTimeframe(damagedQuarter)).toBe('2026-01-01/2026-03-31')
    expect(formatTimeframe(damagedYear)).toBe('2026-01-01/2026-12-31')
    expect(formatTimeframe({ kind: 'custom', start: 5 as EpochMs, end: 1 as EpochMs })).toBe(
      'invalid',
    )
  })

  it('computes the elapsed fraction, clamped to the period', () => {
    const q1 = quarterTimeframe(2026, 1)
    expect(elapsedFraction(q1, Date.UTC(2026, 1, 15) as EpochMs)).toBe(0.5)
    expect(elapsedFraction(q1, Date.UTC(2025, 0, 1) as EpochMs)).toBe(0)
    expect(elapsedFraction(q1, Date.UTC(2027, 0, 1) as EpochMs)).toBe(1)
    expect(elapsedFraction(q1, NaN as EpochMs)).toBe(0)
  })

  it('accepts only increasing, finite, representable periods', () => {
    expect(periodOf({ start: 1, end: 2 })).toEqual({ start: 1, end: 2 })
    expect(periodOf({ start: 2, end: 1 })).toBeNull()
    expect(periodOf({ start: 0, end: Infinity })).toBeNull()
    expect(periodOf({ start: 0, end: 1e300 })).toBeNull()
    expect(periodOf(null)).toBeNull()
    expect(periodOf({ start: '1', end: 2 })).toBeNull()
  })
})
