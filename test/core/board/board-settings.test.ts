import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import {
  readBoardSettings,
  setBoardCadence,
  setBoardTimeframe,
  updateBoardSettings,
} from '../../../core/board/commands/facilitation'
import { carriedId } from '../../../core/board/commands/retro'
import { carryIntoCycle as carryForward } from '../../../core/board/commands/cycle-carry'
import { createCheckIn, createKeyResult, createObjective } from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { cycleAfter, cycleAt } from '../../../core/okr/cycles'
import { exportOkrs } from '../../../core/export/export-model'
import { chooseCycle, cyclesOf, inCycle } from '../../../core/export/cycle'
import { formatTimeframe, quarterTimeframe } from '../../../core/okr/timeframe'
import type { EpochMs } from '../../../core/okr/okr-model'
import { ORIGIN, newBoard } from './fixtures'

const Q4 = quarterTimeframe(2026, 4)
const Q1 = quarterTimeframe(2027, 1)
const range = (t: { start: EpochMs; end: EpochMs }) => ({ start: t.start, end: t.end })
const NOW = Date.UTC(2026, 11, 20) as EpochMs

describe('board settings', () => {
  it('writes title, timeframe and cadence in one transaction', () => {
    const doc = newBoard()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    updateBoardSettings(
      doc,
      { title: 'Growth', timeframe: range(cycleAt(NOW, 'quarterly')), cadence: 'trimester' },
      ORIGIN,
    )
    expect(transactions).toBe(1)
    expect(readBoardSettings(doc)).toEqual({
      title: 'Growth',
      timeframe: range(Q4),
      cadence: 'trimester',
    })
  })

  it('writes nothing when one field is refused', () => {
    const doc = newBoard()
    updateBoardSettings(doc, { title: 'Kept', cadence: 'yearly' }, ORIGIN)
    const bad = { title: 'Lost', cadence: 'weekly' } as unknown as Parameters<
      typeof updateBoardSettings
    >[1]
    expect(() => updateBoardSettings(doc, bad, ORIGIN)).toThrow(/cadence/)
    expect(() =>
      updateBoardSettings(doc, { title: 'Lost', timeframe: { start: NOW, end: NOW } }, ORIGIN),
    ).toThrow(/timeframe/)
    expect(readBoardSettings(doc).title).toBe('Kept')
    expect(readBoardSettings(doc).cadence).toBe('yearly')
  })

  it('reads an absent cadence as quarterly and keeps fields left out', () => {
    const doc = newBoard()
    expect(readBoardSettings(doc).cadence).toBe('quarterly')
    setBoardTimeframe(doc, { timeframe: range(Q4) }, ORIGIN)
    setBoardCadence(doc, { cadence: 'half-year' }, ORIGIN)
    updateBoardSettings(doc, { title: 'Only the title' }, ORIGIN)
    expect(readBoardSettings(doc)).toEqual({
      title: 'Only the title',
      timeframe: range(Q4),
      cadence: 'half-year',
    })
  })

  it("gives objectives without their own timeframe the board's", () => {
    const doc = newBoard()
    updateBoardSettings(doc, { timeframe: range(Q4) }, ORIGIN)
    createObjective(doc, { id: 'o1', title: 'Delight' }, ORIGIN)
    const data = exportOkrs(inCycle(readBoard(doc), '2026-Q4'), { now: NOW })
    expect(data.objectives.map((o) => o.id)).toEqual(['o1'])
    expect(data.board.timeframe).toBe('2026-Q4')
  })
})

/** Q4: parent p (KR at 50 %), child c aligned to it (KR at 30 %), and q, finished at 100 %. */
function quarterBoard(): Y.Doc {
  const doc = newBoard()
  updateBoardSettings(doc, { title: 'Team', timeframe: range(Q4) }, ORIGIN)
  createObjective(doc, { id: 'p', title: 'Grow' }, ORIGIN)
  createObjective(doc, { id: 'c', title: 'Activate', parentId: 'p' }, ORIGIN)
  createObjective(doc, { id: 'q', title: 'Done' }, ORIGIN)
  for (const [kr, objectiveId, value] of [
    ['kp', 'p', 50],
    ['kc', 'c', 30],
    ['kq', 'q', 100],
  ] as const) {
    createKeyResult(doc, { id: kr, objectiveId, title: kr, start: 0, target: 100 }, ORIGIN)
    createCheckIn(doc, { id: `ci-${kr}`, keyResultId: kr, at: NOW, value }, ORIGIN)
  }
  return doc
}

describe('carry forward into the next cycle', () => {
  it('aligns a carried child to the carried copy of its parent, in one transaction', () => {
    const doc = quarterBoard()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    carryForward(doc, { objectiveIds: ['p', 'c'], timeframe: cycleAfter(Q4) }, ORIGIN)
    expect(transactions).toBe(1)
    const byId = new Map(readBoard(doc).objectives.map((o) => [o.id, o]))
    expect(byId.get(carriedId('c', Q1))?.parentId).toBe(carriedId('p', Q1))
    // The old child stays aligned to the old parent.
    expect(byId.get('c')?.parentId).toBe('p')
  })

  it('aligns a child carried later to a parent carried earlier, and keeps an uncarried parent', () => {
    const doc = quarterBoard()
    carryForward(doc, { objectiveIds: ['p'], timeframe: Q1 }, ORIGIN)
    carryForward(doc, { objectiveIds: ['c'], timeframe: Q1 }, ORIGIN)
    const copy = readBoard(doc).objectives.find((o) => o.id === carriedId('c', Q1))
    expect(copy?.parentId).toBe(carriedId('p', Q1))

    const other = quarterBoard()
    carryForward(other, { objectiveIds: ['c'], timeframe: Q1 }, ORIGIN)
    const alone = readBoard(other).objectives.find((o) => o.id === carriedId('c', Q1))
    expect(alone?.parentId).toBe('p')
  })

  it('moves the board into the new cycle and keeps the old objectives in theirs', () => {
    const doc = quarterBoard()
    carryForward(doc, { objectiveIds: ['p', 'c'], timeframe: Q1 }, ORIGIN)
    const snapshot = readBoard(doc)
    expect(readBoardSettings(doc).timeframe).toEqual(range(Q1))
    expect(snapshot.objectives.filter((o) => o.timeframe === null)).toEqual([])
    const cycles = cyclesOf(snapshot)
    expect(cycles.map((c) => [c.label, c.current])).toEqual([
      ['2027-Q1', true],
      ['2026-Q4', false],
    ])
    expect(chooseCycle(cycles, null)?.label).toBe('2027-Q1')
    expect(chooseCycle(cycles, '2026-Q4')?.label).toBe('2026-Q4')
    expect(chooseCycle(cycles, '1999-Q1')?.label).toBe('2027-Q1')
  })

  it('never mixes the cycles: objectives, check-ins, export timeframe and overall score', () => {
    const doc = quarterBoard()
    const before = exportOkrs(readBoard(doc), { now: NOW })
    carryForward(doc, { objectiveIds: ['p', 'c'], timeframe: Q1 }, ORIGIN)
    const snapshot = readBoard(doc)

    const old = exportOkrs(inCycle(snapshot, '2026-Q4'), { now: NOW })
    expect(old.objectives.map((o) => o.id).sort()).toEqual(['c', 'p', 'q'])
    expect(old.board.timeframe).toBe('2026-Q4')
    // The old quarter scores as it did before the carry: (0.5 + 0.3 + 1) / 3.
    expect(old.board.score).toBeCloseTo(before.board.score ?? NaN, 10)
    expect(old.board.score).toBeCloseTo(0.6, 10)

    const next = exportOkrs(inCycle(snapshot, '2027-Q1'), { now: NOW })
    expect(next.objectives.map((o) => o.id).sort()).toEqual([
      carriedId('c', Q1),
      carriedId('p', Q1),
    ])
    expect(next.board.timeframe).toBe('2027-Q1')
    expect(next.board.score).toBe(0)
    expect(inCycle(snapshot, '2027-Q1').checkIns).toEqual([])
    expect(inCycle(snapshot, '2026-Q4').checkIns).toHaveLength(3)
  })

  it('leaves the board where it is when carrying into an earlier or the same cycle', () => {
    const doc = quarterBoard()
    carryForward(doc, { objectiveIds: ['p'], timeframe: quarterTimeframe(2026, 3) }, ORIGIN)
    expect(readBoardSettings(doc).timeframe).toEqual(range(Q4))
    expect(readBoard(doc).objectives.find((o) => o.id === 'p')?.timeframe).toBeNull()
  })

  it('follows the cadence into the next trimester', () => {
    const t3 = cycleAt(NOW, 'trimester')
    expect(formatTimeframe(cycleAfter(t3))).toBe('2027-01-01/2027-04-30')
  })
})
