import { describe, expect, it } from 'vitest'
import { evaluateOkrSet } from '../../../core/okr/figures'
import { exportOkrs } from '../../../core/export/index'
import { NOW, okrSnapshot } from './fixtures'

describe('exportOkrs', () => {
  it('carries core/okr figures for every objective and key result, in board order', () => {
    const snapshot = okrSnapshot()
    const data = exportOkrs(snapshot, { now: NOW })
    const report = evaluateOkrSet(snapshot, { now: NOW })
    expect(data.objectives.map((o) => o.id)).toEqual(['o1', 'o2'])
    expect(data.objectives.map((o) => o.score)).toEqual(report.objectives.map((o) => o.score))
    const [kr1, kr2] = data.objectives[0]?.keyResults ?? []
    const reported = report.objectives[0]?.keyResults ?? []
    expect(kr1?.id).toBe('kr1')
    expect(kr1?.current).toBe(176)
    expect(kr1?.score).toBe(reported[0]?.score)
    expect(kr1?.score).toBeCloseTo(0.7, 10)
    expect(kr1?.band).toBe('green')
    expect(kr1?.trend).toBe(reported[0]?.trend)
    expect(kr1?.initiatives).toEqual(['Onboarding tour'])
    expect(kr2?.effectiveTarget).toBe(4)
    expect(kr2?.score).toBeCloseTo(0.25, 10)
    expect(data.board.title).toBe('Growth team, Q4')
    expect(data.board.exportedAt).toBe(new Date(NOW).toISOString())
  })

  it('survives a JSON round trip unchanged', () => {
    const data = exportOkrs(okrSnapshot(), { now: NOW })
    expect(JSON.parse(JSON.stringify(data))).toEqual(data)
  })

  it('flags a weekly key result whose last check-in is older than its latest due date', () => {
    const data = exportOkrs(okrSnapshot(), { now: NOW })
    const [kr1, kr2] = data.objectives[0]?.keyResults ?? []
    // kr1 checked in on day 40; weekly dates fall on days 7, 14 … 42, so day 42 is owed.
    expect(kr1?.due.overdue).toBe(true)
    expect(kr1?.due.lastDue).toBe(Date.UTC(2026, 10, 12))
    // kr2 is monthly: due 1 Nov, checked in on 31 Oct → owed since 1 Nov.
    expect(kr2?.due.overdue).toBe(true)
    expect(kr2?.due.nextDue).toBe(Date.UTC(2026, 11, 1))
  })

  it('can leave out cancelled objectives', () => {
    const snapshot = okrSnapshot()
    const cancelled = {
      ...snapshot,
      objectives: snapshot.objectives.map((o) =>
        o.id === 'o2' ? { ...o, status: 'cancelled' as const } : o,
      ),
    }
    expect(exportOkrs(cancelled, { now: NOW }).objectives).toHaveLength(2)
    expect(
      exportOkrs(cancelled, { now: NOW, skipCancelled: true }).objectives.map((o) => o.id),
    ).toEqual(['o1'])
  })
})
