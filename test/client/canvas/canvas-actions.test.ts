import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createGroup } from '../../../core/board/commands/groups'
import { createNote } from '../../../core/board/commands/notes'
import { setPhase } from '../../../core/board/commands/facilitation'
import { readBoard, readGroups, readNote, readNotes } from '../../../core/board/read'
import { BoardCommandError } from '../../../core/board/errors'
import type { EpochMs } from '../../../core/okr/okr-model'
import type { SceneModel } from '../../../client/canvas/canvas-actions'
import { CanvasActions } from '../../../client/canvas/canvas-actions'
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../../client/canvas/hit-test'
import { controllerOn } from '../fixtures/board-controller'

function board() {
  const doc = new Y.Doc()
  const origin = { user: 'ann' }
  const setup = 'setup'
  createNote(doc, { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: 1 as EpochMs }, setup)
  createNote(doc, { id: 'n2', x: 200, y: 0, author: 'ann', createdAt: 2 as EpochMs }, setup)
  createGroup(doc, { id: 'g1', x: 1000, y: 0, w: 400, h: 400 }, setup)
  // Grouping: a participant may delete frames then (in the brainstorm only a facilitator may).
  setPhase(doc, { phase: 'group' }, setup)
  const controller = controllerOn(doc, 'ann', origin)
  const undoManager = controller.session.undoManager
  // The scene holds read models; here they are read straight from the doc.
  const model: SceneModel = {
    hasNote: (id) => readNote(doc, id) !== null,
    group: (id) => readGroups(doc).find((g) => g.id === id),
    allGroups: () => readGroups(doc),
    allNotes: () => readNotes(doc),
  }
  let next = 0
  const actions = new CanvasActions(
    controller,
    model,
    () => `new${++next}`,
    () => 42 as EpochMs,
  )
  return { doc, actions, undoManager }
}

describe('CanvasActions', () => {
  it('drops a note into a frame and undoes move and grouping in one step', () => {
    const { doc, actions, undoManager } = board()
    actions.drop(['n1'], [], 1100, 100)
    // Flowed into the frame's first grid cell.
    expect(readNote(doc, 'n1')).toMatchObject({ x: 1020, y: 44, groupId: 'g1' })
    undoManager.undo()
    expect(readNote(doc, 'n1')).toMatchObject({ x: 0, y: 0, groupId: null })
  })

  it('moves a frame with its notes and leaves other notes alone', () => {
    const { doc, actions } = board()
    actions.drop(['n1'], [], 1100, 100)
    actions.drop([], ['g1'], -50, 20)
    expect(readGroups(doc)[0]).toMatchObject({ x: 950, y: 20 })
    expect(readNote(doc, 'n1')).toMatchObject({ x: 970, y: 64, groupId: 'g1' })
    expect(readNote(doc, 'n2')).toMatchObject({ x: 200, y: 0 })
  })

  it('ungroups a note nudged out of its frame', () => {
    const { doc, actions } = board()
    actions.drop(['n1'], [], 1000, 0)
    expect(readNote(doc, 'n1')?.groupId).toBe('g1')
    actions.nudge(['n1'], -NOTE_WIDTH, 0)
    expect(readNote(doc, 'n1')).toMatchObject({ x: 1020 - NOTE_WIDTH, groupId: null })
  })

  it('creates a note centred on the point, inside the frame under it', () => {
    const { doc, actions } = board()
    const id = actions.createNoteAt({ x: 1200, y: 200 })
    expect(id).toBe('new1')
    expect(readNote(doc, 'new1')).toMatchObject({
      x: 1200 - NOTE_WIDTH / 2,
      y: 200 - NOTE_HEIGHT / 2,
      groupId: 'g1',
      author: 'ann',
      createdAt: 42,
    })
  })

  it('creates a note asked for on top of another one in the free spot beside it', () => {
    const { doc, actions } = board()
    actions.createNoteAt({ x: 80, y: 80 })
    const made = readNote(doc, 'new1')
    expect(made?.groupId).toBeNull()
    const clear = (n: { x: number; y: number }) =>
      Math.abs(n.x - (made?.x ?? 0)) >= NOTE_WIDTH || Math.abs(n.y - (made?.y ?? 0)) >= NOTE_HEIGHT
    expect(
      readNotes(doc)
        .filter((n) => n.id !== 'new1')
        .every(clear),
    ).toBe(true)
  })

  it('duplicates, recolours, frames and deletes through core commands', () => {
    const { doc, actions } = board()
    expect(actions.duplicate(['n1', 'missing'])).toEqual(['new1'])
    // Beside the original, not on it: n1 is at (0,0) and n2 at (200,0).
    expect(readNote(doc, 'new1')).toMatchObject({ x: 24, y: 204, text: '' })
    actions.recolour(['n1', 'g1'], '#bbf7d0')
    expect(readNote(doc, 'n1')?.color).toBe('#bbf7d0')
    expect(readGroups(doc)[0]?.color).toBe('#bbf7d0')
    const frame = actions.frameNotes(['n2'])
    expect(frame).toBe('new2')
    expect(readNote(doc, 'n2')?.groupId).toBe('new2')
    actions.delete(['n1', 'g1'])
    expect(readNotes(doc).map((n) => n.id)).toEqual(['n2', 'new1'])
    expect(readGroups(doc).map((g) => g.id)).toEqual(['new2'])
  })

  it('passes a refused gesture on to the caller, having written nothing', () => {
    const { doc, actions } = board()
    actions.drop(['n1'], [], 1100, 100)
    const before = Y.encodeStateAsUpdate(doc)
    expect(() => actions.recolour(['n1', 'g1'], '')).toThrow(BoardCommandError)
    // The frame would leave the board: neither it, its note, nor the loose note moves.
    expect(() => actions.drop(['n2'], ['g1'], 2e7, 0)).toThrow(BoardCommandError)
    expect(() => actions.nudge(['n2', 'g1'], Number.NaN, 0)).toThrow(BoardCommandError)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('is one undo step per gesture for delete, recolour and frame', () => {
    const { doc, actions, undoManager } = board()
    actions.drop(['n1'], [], 1100, 100)
    const dropped = readBoard(doc)
    actions.delete(['n1', 'n2', 'g1'])
    expect(readNotes(doc)).toEqual([])
    undoManager.undo()
    expect(readBoard(doc)).toEqual(dropped)
    actions.recolour(['n1', 'n2', 'g1'], '#bbf7d0')
    undoManager.undo()
    expect(readBoard(doc)).toEqual(dropped)
    expect(actions.frameNotes(['n2', 'g1'])).toBe('new1')
    expect(readNote(doc, 'n2')?.groupId).toBe('new1')
    undoManager.undo()
    expect(readBoard(doc)).toEqual(dropped)
  })

  it('frames nothing when the selection holds no note', () => {
    const { doc, actions } = board()
    const before = Y.encodeStateAsUpdate(doc)
    expect(actions.frameNotes(['g1', 'missing'])).toBeNull()
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })
})
