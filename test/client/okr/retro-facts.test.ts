import { describe, expect, it } from 'vitest'
import { createCheckIn, createObjective } from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { exportOkrs } from '../../../core/export/export-model'
import type { CheckIn } from '../../../core/okr/okr-model'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import { latestPredictions, predictedText, retroFacts } from '../../../client/okr/retro-model'
import { DAY, NOW, ORIGIN, settingBoard } from '../facilitation/step-help/fixture'

function board() {
  const doc = settingBoard()
  // A later prediction replaces the earlier one (0.8 two days before NOW).
  createCheckIn(
    doc,
    { id: 'c7', keyResultId: 'kr1', at: NOW, value: 170, predictedScore: 0.5 },
    ORIGIN,
  )
  createCheckIn(
    doc,
    { id: 'c8', keyResultId: 'kr5', at: NOW, value: 39000, predictedScore: 0.6 },
    ORIGIN,
  )
  createObjective(
    doc,
    { id: 'o1-next', title: 'Delight new customers', timeframe: quarterTimeframe(2027, 1) },
    ORIGIN,
  )
  return readBoard(doc)
}

describe('retrospective facts', () => {
  it('takes each key result’s latest prediction, skipping ones that are not scores', () => {
    const checkIns = [
      { keyResultId: 'a', at: 1, predictedScore: 0.4 },
      { keyResultId: 'a', at: 3, predictedScore: 0.6 },
      { keyResultId: 'a', at: 2, predictedScore: 0.9 },
      { keyResultId: 'a', at: 4, predictedScore: null },
      { keyResultId: 'b', at: 1, predictedScore: 1.5 },
      { keyResultId: 'b', at: NaN, predictedScore: 0.5 },
      { keyResultId: 7, at: 1, predictedScore: 0.5 },
      null,
    ] as unknown as CheckIn[]
    expect([...latestPredictions(checkIns)]).toEqual([['a', { score: 0.6, at: 3 }]])
    expect(latestPredictions('nope' as never).size).toBe(0)
  })

  it('puts final scores, predicted against final and what was carried forward side by side', () => {
    const snapshot = board()
    const okrs = exportOkrs(snapshot, { now: NOW })
    const facts = retroFacts(snapshot, okrs, '2026-Q4', new Map([['o1-next', 'o1']]))
    expect(facts.objectives.map((o) => o.id)).toEqual(['o1', 'o2'])
    const kr1 = facts.objectives[0]?.keyResults.find((kr) => kr.id === 'kr1')
    // 120 → 200, at 170: 0.625 reads as 0.6, one tenth above the 0.5 predicted.
    expect(kr1).toMatchObject({ final: 0.625, predicted: 0.5, gap: 0.1 })
    expect(predictedText(kr1!)).toBe('predicted 0.5, final 0.6 (+0.1)')
    const kr5 = facts.objectives[1]?.keyResults[0]
    // Below the $40k target: it reads 1.0, four tenths better than the 0.6 predicted.
    expect(kr5).toMatchObject({ predicted: 0.6, gap: 0.4 })
    expect(predictedText(kr5!)).toBe('predicted 0.6, final 1.0 (+0.4)')
    expect(facts.predicted).toBe(2)
    expect(facts.predictedWell).toBe(1)
    expect(facts.carriedForward).toEqual([{ title: 'Delight new customers', into: '2027-Q1' }])
    expect(facts.carriedIn).toEqual([])
    // Seen from the next quarter, the same objective was carried in.
    const next = retroFacts(snapshot, okrs, '2027-Q1', new Map([['o1-next', 'o1']]))
    expect(next.carriedIn).toEqual([
      { title: 'Delight new customers', from: 'Delight new customers' },
    ])
    expect(next.carriedForward).toEqual([])
  })

  it('says nothing of a prediction nobody made, and survives provenance that points nowhere', () => {
    const snapshot = board()
    const okrs = exportOkrs(snapshot, { now: NOW })
    const facts = retroFacts(
      snapshot,
      okrs,
      '2026-Q4',
      new Map([
        ['gone', 'o1'],
        ['o2', 'missing'],
      ]),
    )
    const kr2 = facts.objectives[0]?.keyResults.find((kr) => kr.id === 'kr2')
    expect(kr2?.predicted).toBeNull()
    expect(predictedText(kr2!)).toBe('')
    expect(facts.carriedForward).toEqual([])
    expect(facts.carriedIn).toEqual([{ title: 'Run lean', from: 'a deleted objective' }])
    const exact = { id: 'x', title: 'x', final: 0.7, predicted: 0.7, gap: 0 }
    expect(predictedText(exact)).toBe('predicted 0.7, final 0.7')
    expect(DAY).toBeGreaterThan(0)
  })
})
