import { describe, expect, it } from 'vitest'
import type { EpochMs, Score } from '../../../core/okr/okr-model'
import { orderCheckIns } from '../../../core/okr/rollup'
import { resolveTarget } from '../../../core/okr/targets'
import {
  DEFAULT_TRENDS,
  expectedProgress,
  predictScore,
  projectProgress,
  trendOf,
} from '../../../core/okr/time'
import { DAY, checkIn, day, keyResult, q4 } from './fixtures'

const followers = resolveTarget(keyResult({ start: 0, target: 1000 }))
const quarterDays = (q4.end - q4.start) / DAY

describe('expected progress and trend', () => {
  it('expects the elapsed fraction of the period', () => {
    expect(quarterDays).toBe(92)
    expect(expectedProgress(q4, day(46))).toBe(0.5)
    expect(expectedProgress(q4, day(-5))).toBe(0)
    expect(expectedProgress(q4, day(200))).toBe(1)
  })

  it.each([
    [0.45, 0.5, 'on-track'],
    [0.4, 0.5, 'on-track'],
    [0.3, 0.5, 'at-risk'],
    [0.25, 0.5, 'at-risk'],
    [0.2, 0.5, 'behind'],
    [1.4, 0.5, 'on-track'],
    [0, 0, 'on-track'],
    [0, 1, 'behind'],
  ] as const)('progress %d against expected %d is %s', (progress, expected, trend) => {
    expect(trendOf(progress, expected)).toBe(trend)
  })

  it('takes configured thresholds and ignores inconsistent ones', () => {
    expect(trendOf(0.3, 0.5, { atRiskGap: 0.25, behindGap: 0.4 })).toBe('on-track')
    expect(trendOf(0.3, 0.5, { atRiskGap: 0.5, behindGap: 0.1 })).toBe(
      trendOf(0.3, 0.5, DEFAULT_TRENDS),
    )
    expect(trendOf(NaN, 0.5)).toBe('behind')
  })
})

describe('projection', () => {
  it('extrapolates from the start value and one check-in', () => {
    const projection = projectProgress([{ at: day(30), value: 250 }], followers, q4)
    expect(projection?.sampleSize).toBe(2)
    expect(projection?.velocityPerDay).toBeCloseTo(250 / 30, 9)
    expect(projection?.endValue).toBeCloseTo((250 / 30) * 92, 6)
    // 1000 at 8.33/day is day 120: after the quarter ends.
    expect(projection?.completionAt).toBe(day(120))
    expect(projection?.completesInTime).toBe(false)
  })

  it('fits a least-squares line through noisy check-ins', () => {
    // Points (0,0) (10,100) (20,300) (30,300): slope = 5500 / 500 = 11 per day, intercept
    // 175 − 11 × 15 = 10, so 10 + 11 × 92 = 1022 at the end of the quarter.
    const series = [
      { at: day(10), value: 100 },
      { at: day(20), value: 300 },
      { at: day(30), value: 300 },
    ]
    const projection = projectProgress(series, followers, q4)
    expect(projection?.velocityPerDay).toBeCloseTo(11, 9)
    expect(projection?.endValue).toBeCloseTo(10 + 11 * 92, 6)
    expect(projection?.completesInTime).toBe(true)
  })

  it('dates completion at the first check-in that reached the target', () => {
    const series = [
      { at: day(10), value: 600 },
      { at: day(20), value: 1100 },
      { at: day(30), value: 900 },
    ]
    expect(projectProgress(series, followers, q4)?.completionAt).toBe(day(20))
  })

  it('projects a decrease and has no completion when moving away from the target', () => {
    const churn = resolveTarget(keyResult({ start: 8, target: 5, direction: 'decrease' }))
    // 8 → 6.5 in 40 days: −0.0375/day reaches 5 on day 80 and 4.55 by day 92.
    const improving = projectProgress([{ at: day(40), value: 6.5 }], churn, q4)
    expect(improving?.endValue).toBeCloseTo(4.55, 9)
    expect(improving?.completionAt).toBe(day(80))
    expect(improving?.completesInTime).toBe(true)
    const worsening = projectProgress([{ at: day(46), value: 9 }], churn, q4)
    expect(worsening?.completionAt).toBeNull()
    expect(worsening?.completesInTime).toBe(false)
  })

  it('needs two points at distinct times', () => {
    expect(projectProgress([], followers, q4)).toBeNull()
    expect(projectProgress([{ at: q4.start, value: 10 }], followers, q4)).toBeNull()
    const sameTime = [
      { at: q4.start, value: 10 },
      { at: q4.start, value: 20 },
    ]
    expect(projectProgress(sameTime, followers, q4)).toBeNull()
  })

  it('stays finite for huge values and times', () => {
    const huge = projectProgress(
      [
        { at: day(1), value: -1e308 },
        { at: day(2), value: 1e308 },
      ],
      followers,
      q4,
    )
    expect(Number.isFinite(huge?.endValue)).toBe(true)
    expect(Number.isFinite(huge?.velocityPerDay)).toBe(true)
  })
})

describe('predicted end-of-period score', () => {
  it("prefers the latest check-in's own prediction, by time", () => {
    const ordered = orderCheckIns([
      checkIn({ at: day(30), value: 500, predictedScore: 0.8 }),
      checkIn({ at: day(10), value: 200, predictedScore: 0.3 }),
      checkIn({ at: day(40), value: 550 }),
    ]).checkIns
    expect(predictScore(ordered, 0.5 as Score)).toEqual({ score: 0.8, source: 'check-in' })
  })

  it('falls back to the projection, then to nothing, and clamps predictions', () => {
    const plain = orderCheckIns([checkIn({ value: 100 })]).checkIns
    expect(predictScore(plain, 0.55 as Score)).toEqual({ score: 0.55, source: 'projection' })
    expect(predictScore(plain, null)).toBeNull()
    const wild = orderCheckIns([checkIn({ value: 100, predictedScore: 7 })]).checkIns
    expect(predictScore(wild, null)).toEqual({ score: 1, source: 'check-in' })
  })

  it('ignores predictions that are not numbers', () => {
    const ordered = orderCheckIns([
      checkIn({ at: day(1), value: 1, predictedScore: 0.6 }),
      checkIn({ at: day(2), value: 2, predictedScore: NaN }),
    ]).checkIns
    expect(predictScore(ordered, null)).toEqual({ score: 0.6, source: 'check-in' })
  })

  it('uses epoch milliseconds throughout', () => {
    const projection = projectProgress([{ at: day(46), value: 500 }], followers, q4)
    expect(Number.isInteger(projection?.completionAt as EpochMs)).toBe(true)
  })
})
