import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  applyConversion,
  castVote,
  deleteNotes,
  moveNotes,
} from '../../../core/board/commands/index'
import { boardRoots } from '../../../core/board/schema'
import { readBoard, readNote } from '../../../core/board/read'
import { boardWithNotes, ORIGIN } from './fixtures'

function undoManager(doc: Y.Doc): Y.UndoManager {
  // captureTimeout 0: every command is its own undo step, as after a pause in the UI.
  return new Y.UndoManager(boardRoots(doc), {
    trackedOrigins: new Set([ORIGIN]),
    captureTimeout: 0,
  })
}

describe('commands and undo', () => {
  it('one command is one undo step, however many entities it touched', () => {
    const doc = boardWithNotes(3)
    const undo = undoManager(doc)
    moveNotes(doc, { ids: ['n1', 'n2', 'n3'], dx: 100, dy: 0 }, ORIGIN)
    expect(readBoard(doc).notes.map((n) => n.x)).toEqual([110, 120, 130])
    undo.undo()
    expect(readBoard(doc).notes.map((n) => n.x)).toEqual([10, 20, 30])
  })

  it('undoing a delete brings the note back with its votes', () => {
    const doc = boardWithNotes(2)
    castVote(doc, { voterId: 'ann', targetId: 'n1', count: 2 }, ORIGIN)
    const undo = undoManager(doc)
    deleteNotes(doc, { ids: ['n1'] }, ORIGIN)
    expect(readNote(doc, 'n1')).toBeNull()
    undo.undo()
    expect(readNote(doc, 'n1')?.text).toBe('note 1')
    expect(readBoard(doc).tally.byTarget.get('n1')).toBe(2)
  })

  it('a remote peer’s change is not undone by the local undo', () => {
    const doc = boardWithNotes(1, { group: true })
    const undo = undoManager(doc)
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc))
    applyConversion(
      remote,
      {
        objectives: [{ id: 'o-g1', title: 'Retention', sourceGroupId: 'g1', votes: 0, order: 0 }],
        keyResults: [],
        initiatives: [],
        diagnostics: [],
      },
      'remote',
    )
    moveNotes(doc, { ids: ['n1'], dx: 5, dy: 5 }, ORIGIN)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'network')
    undo.undo()
    expect(readNote(doc, 'n1')).toMatchObject({ x: 10, y: 20 })
    expect(readBoard(doc).objectives.map((o) => o.id)).toEqual(['o-g1'])
  })
})
