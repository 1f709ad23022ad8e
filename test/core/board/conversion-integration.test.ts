import { describe, expect, it } from 'vitest'
import { convertBoard } from '../../../core/convert/convert-board'
import {
  applyConversion,
  assignNotes,
  castVote,
  createGroup,
  createNote,
  deleteNotes,
  setText,
  updateKeyResult,
} from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { at, codeOf, newBoard, ORIGIN, recordUpdates } from './fixtures'

/** A voted board as a team leaves it after a planning session. */
function votedBoard() {
  const doc = newBoard()
  const groups = {
    g1: ['Boost attendance at monthly company social events by 30%', 'Ship a new events calendar'],
    g2: [
      'Decrease our customer churn rate to less than 5%',
      'Reduce wait time on customer support tickets to 24 hours',
      'Happier customers',
    ],
    g3: ['Reduce data breach incidents from 2 to 0'],
  }
  let n = 0
  for (const [groupId, texts] of Object.entries(groups)) {
    createGroup(doc, { id: groupId, x: n * 100, y: 0, title: `Theme ${groupId}` }, ORIGIN)
    const ids = texts.map((text) => {
      const id = `n${++n}`
      createNote(doc, { id, x: n * 10, y: 0, author: 'ann', createdAt: at(n), text }, ORIGIN)
      return id
    })
    assignNotes(doc, { noteIds: ids, groupId }, ORIGIN)
  }
  castVote(doc, { voterId: 'ann', targetId: 'g2', count: 3 }, ORIGIN)
  castVote(doc, { voterId: 'bo', targetId: 'g1', count: 2 }, ORIGIN)
  castVote(doc, { voterId: 'bo', targetId: 'n6' }, ORIGIN)
  return doc
}

describe('convertBoard → applyConversion', () => {
  it('applies the real converter’s result and is idempotent on the next run', () => {
    const doc = votedBoard()
    const result = convertBoard(readBoard(doc))
    expect(codeOf(() => applyConversion(doc, result, ORIGIN))).toBeNull()
    const board = readBoard(doc)
    expect(board.objectives.length).toBe(result.objectives.length)
    expect(board.keyResults.length + board.initiatives.length).toBeGreaterThan(0)
    for (const kr of board.keyResults) expect(kr.sourceNoteIds.length).toBeGreaterThan(0)

    const updates = recordUpdates(doc)
    const again = applyConversion(doc, convertBoard(readBoard(doc)), ORIGIN)
    expect(again.created).toEqual([])
    expect(updates.count()).toBe(0)
  })

  it('keeps user edits across a re-conversion and drops drafts of deleted notes', () => {
    const doc = votedBoard()
    applyConversion(doc, convertBoard(readBoard(doc)), ORIGIN)
    const [objective] = readBoard(doc).objectives
    const [kr, other] = readBoard(doc).keyResults
    if (!objective || !kr || !other) throw new Error('expected converted drafts')
    setText(doc, { collection: 'objectives', id: objective.id, text: 'Our own wording' }, ORIGIN)
    updateKeyResult(doc, { id: kr.id, target: 123 }, ORIGIN)
    deleteNotes(doc, { ids: [...other.sourceNoteIds] }, ORIGIN)

    applyConversion(doc, convertBoard(readBoard(doc)), ORIGIN)
    const board = readBoard(doc)
    expect(board.objectives.find((o) => o.id === objective.id)?.title).toBe('Our own wording')
    expect(board.keyResults.find((k) => k.id === kr.id)?.target).toBe(123)
    expect(board.keyResults.some((k) => k.id === other.id)).toBe(false)
  })
})
