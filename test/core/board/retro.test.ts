import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  carryForward,
  carriedId,
  nextTimeframe,
  readCarriedFrom,
  readRetroAnswers,
  setRetroAnswer,
  unfinishedObjectives,
} from '../../../core/board/commands/retro'
import { createCheckIn, createKeyResult, createObjective } from '../../../core/board/commands/index'
import { formatTimeframe, quarterTimeframe, yearTimeframe } from '../../../core/okr/timeframe'
import { readBoard } from '../../../core/board/read'
import type { EpochMs } from '../../../core/okr/okr-model'
import { ORIGIN, newBoard } from './fixtures'

const Q4 = quarterTimeframe(2026, 4)
const END = (Q4.end - 1) as EpochMs

function board(): Y.Doc {
  const doc = newBoard()
  createObjective(doc, { id: 'o1', title: 'Delight', owner: 'Ann', timeframe: Q4 }, ORIGIN)
  createObjective(doc, { id: 'o2', title: 'Done', timeframe: Q4, status: 'completed' }, ORIGIN)
  createObjective(doc, { id: 'o3', title: 'Hit', timeframe: Q4 }, ORIGIN)
  for (const [id, objectiveId] of [
    ['kr1', 'o1'],
    ['kr2', 'o1'],
    ['kr3', 'o3'],
  ] as const) {
    createKeyResult(doc, { id, objectiveId, title: id, start: 0, target: 100 }, ORIGIN)
  }
  createCheckIn(doc, { id: 'c1', keyResultId: 'kr1', at: END, value: 100 }, ORIGIN)
  createCheckIn(doc, { id: 'c2', keyResultId: 'kr2', at: END, value: 40 }, ORIGIN)
  createCheckIn(doc, { id: 'c3', keyResultId: 'kr3', at: END, value: 120 }, ORIGIN)
  return doc
}

describe('retrospective answers', () => {
  it('are shared per timeframe and merge concurrent typing', () => {
    const a = board()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setRetroAnswer(a, { timeframe: '2026-Q4', question: 'ambition', text: 'Yes' }, ORIGIN)
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setRetroAnswer(a, { timeframe: '2026-Q4', question: 'ambition', text: 'Yes, mostly' }, ORIGIN)
    setRetroAnswer(b, { timeframe: '2026-Q4', question: 'ambition', text: 'Oh Yes' }, ORIGIN)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readRetroAnswers(a, '2026-Q4').ambition).toBe('Oh Yes, mostly')
    expect(readRetroAnswers(b, '2026-Q4')).toEqual(readRetroAnswers(a, '2026-Q4'))
    expect(readRetroAnswers(a, '2027-Q1').ambition).toBe('')
  })

  it('refuses an unknown question', () => {
    const doc = board()
    const bad = { timeframe: '2026-Q4', question: 'nope', text: 'x' } as unknown as Parameters<
      typeof setRetroAnswer
    >[1]
    expect(() => setRetroAnswer(doc, bad, ORIGIN)).toThrow(/question/)
  })
})

describe('carry forward', () => {
  it('finds unfinished objectives and their open key results', () => {
    const found = unfinishedObjectives(readBoard(board()), { now: END })
    expect(found).toEqual([{ objectiveId: 'o1', keyResultIds: ['kr2'] }])
  })

  it('names the next timeframe', () => {
    expect(formatTimeframe(nextTimeframe(Q4))).toBe('2027-Q1')
    expect(formatTimeframe(nextTimeframe(quarterTimeframe(2026, 2)))).toBe('2026-Q3')
    expect(formatTimeframe(nextTimeframe(yearTimeframe(2026)))).toBe('2027')
    const custom = nextTimeframe({ kind: 'custom', start: 0 as EpochMs, end: 10 as EpochMs })
    expect([custom.start, custom.end]).toEqual([10, 20])
  })

  it('copies objectives as drafts with provenance, starting KRs where they stand, once', () => {
    const doc = board()
    const next = nextTimeframe(Q4)
    const args = {
      objectiveIds: ['o1'],
      keyResultIds: ['kr2'],
      timeframe: next,
      currentValues: { kr2: 40 },
    }
    const report = carryForward(doc, args, ORIGIN)
    const o = carriedId('o1', next)
    const kr = carriedId('kr2', next)
    expect(report.created).toEqual([o, kr])
    const snapshot = readBoard(doc)
    const copy = snapshot.objectives.find((x) => x.id === o)
    expect(copy?.title).toBe('Delight')
    expect(copy?.owner).toBe('Ann')
    expect(copy?.status).toBe('draft')
    expect(copy?.timeframe && formatTimeframe(copy.timeframe)).toBe('2027-Q1')
    const krCopy = snapshot.keyResults.find((x) => x.id === kr)
    expect(krCopy?.objectiveId).toBe(o)
    expect([krCopy?.start, krCopy?.target]).toEqual([40, 100])
    expect(snapshot.checkIns.filter((c) => c.keyResultId === kr)).toEqual([])
    expect(readCarriedFrom(doc).get(o)).toBe('o1')
    expect(readCarriedFrom(doc).get(kr)).toBe('kr2')
    expect(carryForward(doc, args, ORIGIN)).toEqual({ created: [], skipped: [o, kr] })
  })

  it('is one undoable step', () => {
    const doc = board()
    const undo = new Y.UndoManager([doc.getMap('objectives'), doc.getMap('keyResults')], {
      trackedOrigins: new Set([ORIGIN]),
    })
    carryForward(doc, { objectiveIds: ['o1'], timeframe: nextTimeframe(Q4) }, ORIGIN)
    expect(readBoard(doc).objectives).toHaveLength(4)
    undo.undo()
    expect(readBoard(doc).objectives).toHaveLength(3)
    expect(readBoard(doc).keyResults).toHaveLength(3)
  })
})
