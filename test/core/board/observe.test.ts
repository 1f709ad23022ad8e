import { describe, expect, it } from 'vitest'
import {
  castVote,
  createGroup,
  deleteNotes,
  insertNoteText,
  moveNotes,
  setGroupBounds,
} from '../../../core/board/commands/index'
import { observeBoard, observeCollection } from '../../../core/board/observe'
import { boardWithNotes, ORIGIN } from './fixtures'

describe('observeBoard', () => {
  it('reports once per transaction, even when it touched several roots, until unsubscribed', () => {
    const doc = boardWithNotes(2)
    const seen: unknown[] = []
    const stop = observeBoard(doc, (tr) => seen.push(tr.origin))
    createGroup(doc, { id: 'g1', x: 0, y: 0 }, ORIGIN)
    castVote(doc, { voterId: 'ann', targetId: 'n1' }, ORIGIN)
    // One transaction over notes and votes.
    deleteNotes(doc, { ids: ['n1'] }, ORIGIN)
    expect(seen).toEqual([ORIGIN, ORIGIN, ORIGIN])
    stop()
    moveNotes(doc, { ids: ['n2'], dx: 1, dy: 1 }, ORIGIN)
    expect(seen).toHaveLength(3)
  })
})

describe('observeCollection', () => {
  it('names the entities that changed, including text edits inside them', () => {
    const doc = boardWithNotes(3, { group: true })
    const batches: string[][] = []
    const stop = observeCollection(doc, 'notes', (ids) => batches.push([...ids].sort()))
    insertNoteText(doc, { id: 'n2', index: 0, text: '!' }, ORIGIN)
    setGroupBounds(doc, { id: 'g1', x: 40 }, ORIGIN)
    deleteNotes(doc, { ids: ['n3'] }, ORIGIN)
    stop()
    moveNotes(doc, { ids: ['n1'], dx: 1, dy: 1 }, ORIGIN)
    expect(batches).toEqual([['n2'], ['n1', 'n2'], ['n3']])
  })
})
