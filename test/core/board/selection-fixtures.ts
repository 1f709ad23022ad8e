/** The board and the all-or-nothing checks shared by the selection gesture tests. */
import * as Y from 'yjs'
import { expect } from 'vitest'
import {
  castVote,
  createGroup,
  createKeyResult,
  createNote,
  createObjective,
} from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { boardRoots } from '../../../core/board/schema'
import { at, codeOf, newBoard, ORIGIN, recordUpdates } from './fixtures'

/**
 * g1 (0,0 400×400) holds n1; g2 (1000,0 400×400) is empty; n2 and n3 are loose between them.
 * o1 was converted from g1 and kr1 cites n2, which also has a dot, so deletes have references
 * to clean up.
 */
export function selectionBoard(): Y.Doc {
  const doc = newBoard()
  createGroup(doc, { id: 'g1', x: 0, y: 0, w: 400, h: 400, title: 'Churn' }, ORIGIN)
  createGroup(doc, { id: 'g2', x: 1000, y: 0, w: 400, h: 400, title: 'Speed' }, ORIGIN)
  const note = (id: string, x: number, groupId: string | null, t: number) =>
    createNote(doc, { id, x, y: 10, author: 'ann', createdAt: at(t), groupId }, ORIGIN)
  note('n1', 10, 'g1', 1)
  note('n2', 500, null, 2)
  note('n3', 700, null, 3)
  createObjective(doc, { id: 'o1', title: 'Keep customers', sourceGroupId: 'g1' }, ORIGIN)
  createKeyResult(
    doc,
    { id: 'kr1', objectiveId: 'o1', title: 'Less', sourceNoteIds: ['n2'] },
    ORIGIN,
  )
  castVote(doc, { voterId: 'ann', targetId: 'n2', count: 1 }, ORIGIN)
  return doc
}

export function undoManager(doc: Y.Doc): Y.UndoManager {
  // captureTimeout 0: nothing merges by time, so one undo step is exactly one transaction.
  return new Y.UndoManager(boardRoots(doc), {
    trackedOrigins: new Set([ORIGIN]),
    captureTimeout: 0,
  })
}

/**
 * Runs a command expected to be refused: returns its `code:field`, after proving the document
 * is byte-for-byte what it was and that no update went out.
 */
export function refused(doc: Y.Doc, command: () => unknown): string | null {
  const before = Y.encodeStateAsUpdate(doc)
  const updates = recordUpdates(doc)
  const code = codeOf(command)
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  expect(updates.count()).toBe(0)
  return code
}

/** Proves `gesture` is one update and that one undo step restores the board exactly. */
export function oneStep(doc: Y.Doc, gesture: () => unknown): unknown {
  const undo = undoManager(doc)
  const before = readBoard(doc)
  const updates = recordUpdates(doc)
  const result = gesture()
  expect(updates.count()).toBe(1)
  expect(readBoard(doc)).not.toEqual(before)
  undo.undo()
  expect(readBoard(doc)).toEqual(before)
  undo.redo()
  return result
}

/** An array with holes only: `forEach` and `map` would never look at its entries. */
export const sparse = (length: number): string[] => new Array<string>(length)
