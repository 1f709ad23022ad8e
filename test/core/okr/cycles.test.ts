import { describe, expect, it } from 'vitest'
import {
  CADENCES,
  boardCycle,
  cycleAfter,
  cycleAt,
  cycleLabelOf,
  readCadence,
  timeframeOfPeriod,
} from '../../../core/okr/cycles'
import { formatTimeframe, quarterTimeframe, yearTimeframe } from '../../../core/okr/timeframe'
import type { EpochMs } from '../../../core/okr/okr-model'

const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) as EpochMs

describe('the current cycle', () => {
  it('is the quarter holding the clock passed in, for a new board', () => {
    expect(cycleAt(at(2026, 11, 5), 'quarterly')).toEqual(quarterTimeframe(2026, 4))
    expect(cycleAt(at(2026, 1, 1), 'quarterly')).toEqual(quarterTimeframe(2026, 1))
    // The last millisecond of a quarter is still in it.
    expect(cycleAt((Date.UTC(2026, 3, 1) - 1) as EpochMs, 'quarterly')).toEqual(
      quarterTimeframe(2026, 1),
    )
  })

  it('follows the cadence: trimesters, half-years and years', () => {
    expect(formatTimeframe(cycleAt(at(2026, 11, 5), 'trimester'))).toBe('2026-09-01/2026-12-31')
    expect(formatTimeframe(cycleAt(at(2026, 4, 30), 'trimester'))).toBe('2026-01-01/2026-04-30')
    expect(formatTimeframe(cycleAt(at(2026, 7, 1), 'half-year'))).toBe('2026-07-01/2026-12-31')
    expect(cycleAt(at(2026, 7, 1), 'yearly')).toEqual(yearTimeframe(2026))
  })

  it('tiles the year for every cadence: each cycle starts where the one before ends', () => {
    for (const cadence of CADENCES) {
      let cycle = cycleAt(at(2026, 1, 1), cadence)
      expect(cycle.start).toBe(at(2026, 1, 1))
      while (cycle.end < at(2027, 1, 1)) {
        const next = cycleAfter(cycle)
        expect(next.start).toBe(cycle.end)
        expect(cycleAt(next.start, cadence)).toEqual(next)
        cycle = next
      }
      expect(cycle.end).toBe(at(2027, 1, 1))
    }
  })
})

describe('cadence and stored ranges', () => {
  it('reads an absent or unknown cadence as quarterly', () => {
    expect(readCadence(undefined)).toBe('quarterly')
    expect(readCadence('fortnightly')).toBe('quarterly')
    expect(readCadence(7)).toBe('quarterly')
    expect(readCadence('trimester')).toBe('trimester')
  })

  it('reads a stored range as the quarter or year it covers, else a custom range', () => {
    const q = quarterTimeframe(2026, 4)
    expect(timeframeOfPeriod({ start: q.start, end: q.end })).toEqual(q)
    const y = yearTimeframe(2027)
    expect(timeframeOfPeriod({ start: y.start, end: y.end })).toEqual(y)
    expect(timeframeOfPeriod({ start: at(2026, 1, 15), end: at(2026, 3, 1) }).kind).toBe('custom')
  })

  it('gives the board no cycle without a usable timeframe', () => {
    expect(boardCycle({ timeframe: null })).toBeNull()
    expect(boardCycle({ timeframe: { start: 10, end: 5 } })).toBeNull()
    expect(boardCycle({ timeframe: { start: 0, end: 0 } })).toBeNull()
  })

  it("puts an objective without its own timeframe in the board's cycle", () => {
    const board = quarterTimeframe(2027, 1)
    expect(cycleLabelOf({ timeframe: null }, board)).toBe('2027-Q1')
    expect(cycleLabelOf({ timeframe: quarterTimeframe(2026, 4) }, board)).toBe('2026-Q4')
    expect(cycleLabelOf({ timeframe: null }, null)).toBeNull()
  })
})
