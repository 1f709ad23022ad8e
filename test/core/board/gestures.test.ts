import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createCheckIn,
  createKeyResult,
  createNote,
  createObjective,
  makeKeyResultAnInitiative,
  reorderKeyResults,
  reorderObjectives,
  updateKeyResult,
} from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { at, codeOf, newBoard, ORIGIN, recordUpdates } from './fixtures'

function boardWithTaskKr() {
  const doc = newBoard()
  createNote(
    doc,
    { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: at(1), text: 'Ship it' },
    ORIGIN,
  )
  createObjective(doc, { id: 'o1', title: 'Delight new customers' }, ORIGIN)
  createKeyResult(
    doc,
    { id: 'kr1', objectiveId: 'o1', title: 'Ship the onboarding tour', sourceNoteIds: ['n1'] },
    ORIGIN,
  )
  createCheckIn(doc, { id: 'c1', keyResultId: 'kr1', at: at(5), value: 1 }, ORIGIN)
  return doc
}

describe('makeKeyResultAnInitiative', () => {
  it('replaces the key result by an initiative of its objective in one update', () => {
    const doc = boardWithTaskKr()
    const updates = recordUpdates(doc)
    makeKeyResultAnInitiative(doc, { keyResultId: 'kr1', initiativeId: 'i1' }, ORIGIN)
    const board = readBoard(doc)
    expect(board.keyResults).toEqual([])
    expect(board.checkIns).toEqual([])
    expect(board.initiatives).toMatchObject([
      { id: 'i1', objectiveId: 'o1', title: 'Ship the onboarding tour', sourceNoteIds: ['n1'] },
    ])
    expect(updates.count()).toBe(1)
  })

  it('is one undo step', () => {
    const doc = boardWithTaskKr()
    const undo = new Y.UndoManager([...doc.share.values()] as Y.AbstractType<unknown>[], {
      trackedOrigins: new Set([ORIGIN]),
      captureTimeout: 0,
    })
    makeKeyResultAnInitiative(doc, { keyResultId: 'kr1', initiativeId: 'i1' }, ORIGIN)
    undo.undo()
    const board = readBoard(doc)
    expect(board.keyResults.map((kr) => kr.id)).toEqual(['kr1'])
    expect(board.initiatives).toEqual([])
  })

  it('rejects an unknown key result or an invalid id and writes nothing', () => {
    const doc = boardWithTaskKr()
    const updates = recordUpdates(doc)
    expect(
      codeOf(() =>
        makeKeyResultAnInitiative(doc, { keyResultId: 'nope', initiativeId: 'i' }, ORIGIN),
      ),
    ).toBe('not-found:keyResultId')
    expect(
      codeOf(() =>
        makeKeyResultAnInitiative(doc, { keyResultId: 'kr1', initiativeId: '' }, ORIGIN),
      ),
    ).toMatch(/^invalid-argument/)
    expect(updates.count()).toBe(0)
    expect(readBoard(doc).keyResults.map((kr) => kr.id)).toEqual(['kr1'])
  })
})

describe('reorder commands', () => {
  it('gives objectives the list order and writes only those that move', () => {
    const doc = newBoard()
    for (const [i, id] of ['a', 'b', 'c'].entries()) {
      createObjective(doc, { id, title: id, order: i }, ORIGIN)
    }
    const updates = recordUpdates(doc)
    reorderObjectives(doc, { ids: ['a', 'c', 'b'] }, ORIGIN)
    expect(readBoard(doc).objectives.map((o) => o.id)).toEqual(['a', 'c', 'b'])
    expect(updates.count()).toBe(1)
    reorderObjectives(doc, { ids: ['a', 'c', 'b'] }, ORIGIN)
    expect(updates.count()).toBe(1)
  })

  it('reorders key results and keeps other fields', () => {
    const doc = newBoard()
    createObjective(doc, { id: 'o1', title: 'o' }, ORIGIN)
    createKeyResult(doc, { id: 'k1', objectiveId: 'o1', title: 'one', order: 0 }, ORIGIN)
    createKeyResult(doc, { id: 'k2', objectiveId: 'o1', title: 'two', order: 1 }, ORIGIN)
    updateKeyResult(doc, { id: 'k2', target: 42 }, ORIGIN)
    reorderKeyResults(doc, { ids: ['k2', 'k1'] }, ORIGIN)
    const krs = readBoard(doc).keyResults
    expect(krs.map((kr) => kr.id)).toEqual(['k2', 'k1'])
    expect(krs[0]?.target).toBe(42)
  })

  it('rejects duplicates, unknown ids and non-lists without writing', () => {
    const doc = newBoard()
    createObjective(doc, { id: 'a', title: 'a', order: 0 }, ORIGIN)
    createObjective(doc, { id: 'b', title: 'b', order: 1 }, ORIGIN)
    const updates = recordUpdates(doc)
    expect(codeOf(() => reorderObjectives(doc, { ids: ['b', 'b'] }, ORIGIN))).toBe(
      'invalid-argument:ids',
    )
    expect(codeOf(() => reorderObjectives(doc, { ids: ['b', 'zzz'] }, ORIGIN))).toBe(
      'not-found:ids',
    )
    expect(codeOf(() => reorderObjectives(doc, { ids: 'ab' as never }, ORIGIN))).toBe(
      'invalid-argument:ids',
    )
    expect(updates.count()).toBe(0)
  })
})
