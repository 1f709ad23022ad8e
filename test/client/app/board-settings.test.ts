import { describe, expect, it } from 'vitest'
import {
  cycleSuggestions,
  draftOf,
  settingsToSave,
  timeframeText,
} from '../../../client/app/board-settings'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import type { EpochMs } from '../../../core/okr/okr-model'

const NOW = Date.UTC(2026, 11, 3) as EpochMs
const Q4 = quarterTimeframe(2026, 4)

describe('the settings form', () => {
  it("offers the current cycle of the board's cadence when the board has no timeframe", () => {
    expect(timeframeText({ timeframe: null, cadence: 'quarterly' }, NOW)).toBe('2026-Q4')
    expect(timeframeText({ timeframe: null, cadence: 'yearly' }, NOW)).toBe('2026')
    expect(
      timeframeText({ timeframe: { start: Q4.start, end: Q4.end }, cadence: 'yearly' }, NOW),
    ).toBe('2026-Q4')
    expect(draftOf({ title: 'T', timeframe: null, cadence: 'trimester' }, NOW).timeframe).toBe(
      '2026-09-01/2026-12-31',
    )
  })

  it('suggests the cycle before, the current one and the two after', () => {
    expect(cycleSuggestions('quarterly', NOW)).toEqual(['2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2'])
  })

  it('saves what people type for a quarter as its range, and names the wrong field', () => {
    expect(
      settingsToSave({ title: '  Growth   OKRs ', timeframe: 'Q4 2026', cadence: 'quarterly' }),
    ).toEqual({
      ok: true,
      settings: {
        title: 'Growth OKRs',
        timeframe: { start: Q4.start, end: Q4.end },
        cadence: 'quarterly',
      },
    })
    const bad = settingsToSave({ title: 'Growth', timeframe: 'next spring', cadence: 'quarterly' })
    expect(bad.ok ? null : bad.field).toBe('timeframe')
    const empty = settingsToSave({ title: '   ', timeframe: '2026-Q4', cadence: 'quarterly' })
    expect(empty.ok ? null : empty.field).toBe('title')
  })
})
