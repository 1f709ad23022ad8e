/**
 * The cycle in view (client/board/board-controller.ts): every figure a panel reads is of one
 * cycle, the board's current one unless this person picked another, and a pick is theirs only.
 */
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { controllerOn } from '../fixtures/board-controller'
import { newBoard, ORIGIN } from '../../core/board/fixtures'
import { createKeyResult, createObjective } from '../../../core/board/commands/index'
import { updateBoardSettings } from '../../../core/board/commands/facilitation'
import { carryIntoCycle } from '../../../core/board/commands/cycle-carry'
import { quarterTimeframe } from '../../../core/okr/timeframe'

const Q4 = quarterTimeframe(2026, 4)
const Q1 = quarterTimeframe(2027, 1)

function carriedBoard(): Y.Doc {
  const doc = newBoard()
  updateBoardSettings(doc, { timeframe: { start: Q4.start, end: Q4.end } }, ORIGIN)
  createObjective(doc, { id: 'o1', title: 'Grow' }, ORIGIN)
  createObjective(doc, { id: 'o2', title: 'Finish', status: 'completed' }, ORIGIN)
  createKeyResult(doc, { id: 'k1', objectiveId: 'o1', title: 'k', start: 0, target: 10 }, ORIGIN)
  carryIntoCycle(doc, { objectiveIds: ['o1'], timeframe: Q1 }, ORIGIN)
  return doc
}

describe('the cycle in view', () => {
  it("starts on the board's current cycle and narrows every figure to it", () => {
    const board = controllerOn(carriedBoard(), 'ann', {})
    expect(board.cycles.map((c) => c.label)).toEqual(['2027-Q1', '2026-Q4'])
    expect(board.cycle?.label).toBe('2027-Q1')
    expect(board.okrs.objectives.map((o) => o.id)).toEqual(['o1@2027-Q1'])
    expect(board.okrs.board.timeframe).toBe('2027-Q1')
    expect(board.cycleSnapshot.keyResults.map((k) => k.id)).toEqual(['k1@2027-Q1'])
    // The whole board is still there for what is not about one cycle.
    expect(board.snapshot.objectives).toHaveLength(3)
  })

  it('switches for this person only, and back to the current one', () => {
    const doc = carriedBoard()
    const ann = controllerOn(doc, 'ann', {})
    const ben = controllerOn(doc, 'ben', {})
    let changes = 0
    ann.addEventListener('change', () => changes++)
    ann.setCycle('2026-Q4')
    expect(changes).toBe(1)
    expect(ann.okrs.objectives.map((o) => o.id).sort()).toEqual(['o1', 'o2'])
    expect(ann.okrs.board.timeframe).toBe('2026-Q4')
    expect(ben.okrs.objectives.map((o) => o.id)).toEqual(['o1@2027-Q1'])
    ann.setCycle(null)
    expect(ann.okrs.objectives.map((o) => o.id)).toEqual(['o1@2027-Q1'])
  })
})
