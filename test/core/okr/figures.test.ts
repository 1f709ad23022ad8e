import { describe, expect, it } from 'vitest'
import type { CheckIn, EpochMs, KeyResult, Objective } from '../../../core/okr/okr-model'
import { evaluateKeyResult, evaluateObjective, evaluateOkrSet } from '../../../core/okr/figures'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import { checkIn, day, keyResult, objective, q4, untrusted } from './fixtures'

const now = day(46)

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value)
  if (Array.isArray(value)) return value.some(hasNaN)
  if (value && typeof value === 'object') return Object.values(value).some(hasNaN)
  return false
}

describe('key result report', () => {
  it('computes every figure: 700 of 1000 followers half way through the quarter', () => {
    const checkIns = [
      checkIn({ at: day(40), value: 700, confidence: 0.8 }),
      checkIn({ at: day(20), value: 300 }),
      checkIn({ keyResultId: 'other', at: day(45), value: 5 }),
    ]
    const report = evaluateKeyResult(keyResult(), checkIns, { now }, q4)
    expect(report).toMatchObject({
      id: 'kr-1',
      current: 700,
      start: 0,
      effectiveTarget: 1000,
      direction: 'increase',
      progress: 0.7,
      raw: 0.7,
      band: 'green',
      expected: 0.5,
      trend: 'on-track',
      checkInCount: 2,
      lastCheckInAt: day(40),
      confidence: 0.8,
    })
    expect(report.score).toBeCloseTo(0.7, 12)
    expect(report.projection?.completesInTime).toBe(true)
    expect(report.predicted).toEqual({ score: 1, source: 'projection' })
    expect(report.diagnostics.map((d) => d.code)).toEqual(['checkins-reordered'])
  })

  it('uses the fallback timeframe, and leaves time figures out without one', () => {
    const withBoard = evaluateKeyResult(keyResult(), [], { now, timeframe: q4 })
    expect(withBoard).toMatchObject({ expected: 0.5, trend: 'behind', current: null, score: 0 })
    const without = evaluateKeyResult(keyResult(), [], { now })
    expect(without).toMatchObject({
      expected: null,
      trend: null,
      projection: null,
      predicted: null,
    })
  })

  it('reports a bad clock and bad options as diagnostics', () => {
    const report = evaluateKeyResult(
      keyResult(),
      [],
      {
        now: NaN as EpochMs,
        bands: { greenFrom: 2 },
        trends: { atRiskGap: 1, behindGap: 0 },
      },
      q4,
    )
    expect(report.diagnostics.map((d) => d.code)).toEqual([
      'bands-invalid',
      'trends-invalid',
      'now-invalid',
    ])
    expect(report.expected).toBeNull()
  })

  it('prefers the owner’s latest predicted score', () => {
    const checkIns = [checkIn({ at: day(30), value: 400, predictedScore: 0.6 })]
    expect(evaluateKeyResult(keyResult(), checkIns, { now }, q4).predicted).toEqual({
      score: 0.6,
      source: 'check-in',
    })
  })
})

describe('objective report', () => {
  const objectiveKrs: KeyResult[] = [
    keyResult({ id: 'a', title: 'Reach 1000 followers' }),
    keyResult({
      id: 'b',
      title: 'Cut churn',
      metric: 'churn',
      start: 8,
      target: 5,
      direction: 'decrease',
      weight: 2,
    }),
    keyResult({ id: 'c', objectiveId: 'elsewhere' }),
  ]
  const checkIns: CheckIn[] = [
    checkIn({ keyResultId: 'a', at: day(40), value: 1000 }),
    checkIn({ keyResultId: 'b', at: day(40), value: 6.8 }),
  ]

  it('scores the weighted mean of its own key results', () => {
    const report = evaluateObjective(objective(), objectiveKrs, checkIns, { now })
    expect(report.keyResults.map((kr) => kr.id)).toEqual(['a', 'b'])
    // (1 × 1 + 2 × 0.4) / 3 = 0.6
    expect(report.score).toBeCloseTo(0.6, 12)
    expect(report.band).toBe('yellow')
    expect(report.progress).toBeCloseTo(0.6, 12)
    expect(report.expected).toBe(0.5)
    expect(report.trend).toBe('on-track')
  })

  it('scores 0 without key results and says so', () => {
    const report = evaluateObjective(objective(), [], [], { now })
    expect(report).toMatchObject({ score: 0, band: 'red', trend: null, predicted: null })
    expect(report.diagnostics.map((d) => d.code)).toEqual(['objective-no-krs'])
  })

  it('averages predictions, counting a key result without one at its score', () => {
    const predicted = [
      ...checkIns,
      checkIn({ keyResultId: 'b', at: day(41), value: 6.8, predictedScore: 0.7 }),
    ]
    const report = evaluateObjective(objective({ timeframe: null }), objectiveKrs, predicted, {
      now,
    })
    // a has no timeframe → no projection → counts at its score 1; b said 0.7: (1 + 2 × 0.7) / 3.
    expect(report.predicted).toBeCloseTo(0.8, 12)
  })
})

describe('OKR set report', () => {
  const objectives: Objective[] = [
    objective({ id: 'o1' }),
    objective({ id: 'o2', timeframe: quarterTimeframe(2027, 1) }),
    objective({ id: 'o3', status: 'cancelled' }),
  ]
  const keyResults = [
    keyResult({ id: 'k1', objectiveId: 'o1' }),
    keyResult({ id: 'k2', objectiveId: 'o2' }),
    keyResult({ id: 'k3', objectiveId: 'o3' }),
    keyResult({ id: 'k4', objectiveId: 'missing' }),
  ]
  const checkIns = [
    checkIn({ keyResultId: 'k1', at: day(40), value: 800 }),
    checkIn({ keyResultId: 'k3', at: day(40), value: 100 }),
    checkIn({ keyResultId: 'k4', at: day(40), value: 500 }),
  ]

  it('reports every objective, orphans and a summary without cancelled objectives', () => {
    const report = evaluateOkrSet({ objectives, keyResults, checkIns }, { now })
    expect(report.objectives.map((o) => [o.id, o.score, o.band])).toEqual([
      ['o1', 0.8, 'green'],
      ['o2', 0, 'red'],
      ['o3', 0.1, 'red'],
    ])
    // o2 is next quarter: nothing expected yet, so it is on track.
    expect(report.objectives[1]?.trend).toBe('on-track')
    expect(report.orphans.map((kr) => [kr.id, kr.score])).toEqual([['k4', 0.5]])
    expect(report.diagnostics.map((d) => [d.code, d.targetId])).toEqual([['kr-orphan', 'k4']])
    expect(report.summary).toEqual({
      objectiveCount: 2,
      keyResultCount: 2,
      score: 0.4,
      bands: { red: 1, yellow: 0, green: 1 },
      trends: { 'on-track': 2, 'at-risk': 0, behind: 0, none: 0 },
    })
  })

  it('agrees with evaluating each objective on its own', () => {
    const set = evaluateOkrSet({ objectives, keyResults, checkIns }, { now })
    for (const o of objectives) {
      const alone = evaluateObjective(o, keyResults, checkIns, { now })
      expect(set.objectives.find((r) => r.id === o.id)).toEqual(alone)
    }
  })

  it('survives garbage without throwing or producing NaN', () => {
    const garbage = {
      objectives: untrusted<Objective[]>([
        null,
        { id: 'o', timeframe: { start: 'x' } },
        objective({ id: 'p' }),
      ]),
      keyResults: untrusted<KeyResult[]>([
        {
          id: 'k',
          objectiveId: 'o',
          start: NaN,
          target: Infinity,
          weight: -1,
          rollup: 'median',
          grading: [{ value: 'a' }],
        },
        { id: 'j', objectiveId: 'p', start: 1e308, target: -1e308, weight: 1e308, rollup: 'sum' },
        { objectiveId: 'p' },
        7,
      ]),
      checkIns: untrusted<CheckIn[]>([
        null,
        { keyResultId: 'k', at: 5, value: NaN },
        {
          keyResultId: 'j',
          at: day(3),
          value: 1e308,
          predictedScore: Infinity,
          confidence: 'high',
        },
        { keyResultId: 'j', at: day(4), value: 1e308, predictedScore: NaN },
        { keyResultId: 'j', at: Infinity, value: 1 },
      ]),
    }
    const report = evaluateOkrSet(garbage, { now })
    expect(hasNaN(report)).toBe(false)
    expect(report.objectives).toHaveLength(2)
    expect(evaluateOkrSet(untrusted({}), { now }).summary.score).toBeNull()
  })
})

describe('shown score and band (issue 14, item 8)', () => {
  it.each([
    [349, 'red'],
    [350, 'yellow'],
    [368, 'yellow'],
    [421, 'yellow'],
    [649, 'yellow'],
    [650, 'green'],
  ] as const)('%d of 1000 is %s in the report and in the set summary', (value, band) => {
    const checkIns = [checkIn({ at: day(40), value })]
    const report = evaluateKeyResult(keyResult(), checkIns, { now }, q4)
    expect(report.band).toBe(band)
    const set = evaluateOkrSet(
      { objectives: [objective({ timeframe: q4 })], keyResults: [keyResult()], checkIns },
      { now },
    )
    expect(set.summary.bands[band]).toBe(1)
    expect(set.objectives[0]?.band).toBe(band)
  })
})
