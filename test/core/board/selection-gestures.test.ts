import { describe, expect, it } from 'vitest'
import {
  createNote,
  deleteSelection,
  dropNotes,
  MAX_SELECTION,
  recolourSelection,
} from '../../../core/board/commands/index'
import { readBoard, readGroups, readNote } from '../../../core/board/read'
import { NOTE_SIZE } from '../../../core/board/schema'
import { at, ORIGIN } from './fixtures'
import { oneStep, refused, selectionBoard, sparse } from './selection-fixtures'

describe('dropNotes', () => {
  it('moves the notes and puts each in the frame its centre lands in, in one undo step', () => {
    const doc = selectionBoard()
    const moved = oneStep(doc, () =>
      dropNotes(doc, { noteIds: ['n2', 'n3'], groupIds: [], dx: 600, dy: 100 }, ORIGIN),
    )
    expect(moved).toEqual(['n2', 'n3'])
    // n3 hung over g2's right edge (1400), but its centre (1380) was inside. Both flow into
    // g2's grid (two columns fit in 400), in the order they were dropped in.
    expect(readNote(doc, 'n2')).toMatchObject({ x: 1020, y: 44, groupId: 'g2' })
    expect(readNote(doc, 'n3')).toMatchObject({ x: 1200, y: 44, groupId: 'g2' })
  })

  it('takes a note out of its frame when dropped outside every frame', () => {
    const doc = selectionBoard()
    oneStep(doc, () => dropNotes(doc, { noteIds: ['n1'], dx: 0, dy: 500 }, ORIGIN))
    expect(readNote(doc, 'n1')).toMatchObject({ x: 10, y: 510, groupId: null })
  })

  it('carries a dragged frame with its notes, once, and regroups only the loose notes', () => {
    const doc = selectionBoard()
    // n1 is selected too but rides in g1, so it moves once, with the frame.
    const moved = oneStep(doc, () =>
      dropNotes(doc, { noteIds: ['n1', 'n2'], groupIds: ['g1'], dx: 300, dy: 0 }, ORIGIN),
    )
    expect(moved).toEqual(['g1', 'n2'])
    expect(readGroups(doc).find((g) => g.id === 'g1')).toMatchObject({ x: 300, y: 0 })
    expect(readNote(doc, 'n1')).toMatchObject({ x: 310, groupId: 'g1' })
    // n2 lands at 800: its centre (880) is outside g1 (300..700) and g2 (1000..1400).
    expect(readNote(doc, 'n2')).toMatchObject({ x: 800, groupId: null })
    expect(readNote(doc, 'n3')).toMatchObject({ x: 700, groupId: null })
  })

  it('lets a loose note land in a frame dragged along with it', () => {
    const doc = selectionBoard()
    // n4 lies over g1 without belonging to it (created before the frame was drawn round it).
    createNote(doc, { id: 'n4', x: 100, y: 200, author: 'ann', createdAt: at(4) }, ORIGIN)
    dropNotes(doc, { noteIds: ['n4'], groupIds: ['g1'], dx: 10, dy: 0 }, ORIGIN)
    // g1 (now at x 10) flows: n1 keeps the first cell, n4 (dropped below it) comes next.
    expect(readNote(doc, 'n1')).toMatchObject({ x: 30, y: 44, groupId: 'g1' })
    expect(readNote(doc, 'n4')).toMatchObject({ x: 210, y: 44, groupId: 'g1' })
  })

  it('treats a zero offset as a click and writes nothing', () => {
    const doc = selectionBoard()
    // n3 is moved by hand onto g2 without joining it; a click must not regroup it.
    expect(refused(doc, () => dropNotes(doc, { noteIds: ['n3'], dx: 0, dy: 0 }, ORIGIN))).toBe(null)
  })

  it('skips ids another peer deleted, and moves the rest', () => {
    const doc = selectionBoard()
    expect(
      dropNotes(doc, { noteIds: ['gone', 'n2'], groupIds: ['gone-too'], dx: 5, dy: 0 }, ORIGIN),
    ).toEqual(['n2'])
    expect(readNote(doc, 'n2')?.x).toBe(505)
  })

  it('refuses malformed arguments before writing anything', () => {
    const doc = selectionBoard()
    const drop = (args: unknown) => () => dropNotes(doc, args as never, ORIGIN)
    expect(refused(doc, drop(null))).toBe('invalid-argument:dropNotes')
    expect(refused(doc, drop({ noteIds: 'n2', dx: 1, dy: 1 }))).toBe('invalid-argument:noteIds')
    expect(refused(doc, drop({ noteIds: { 0: 'n2', length: 1 }, dx: 1, dy: 1 }))).toBe(
      'invalid-argument:noteIds',
    )
    expect(refused(doc, drop({ noteIds: ['n2'], groupIds: 'g1', dx: 1, dy: 1 }))).toBe(
      'invalid-argument:groupIds',
    )
    for (const bad of [Number.NaN, Infinity, -Infinity, '5', null, 1e8]) {
      expect(refused(doc, drop({ noteIds: ['n2'], dx: bad, dy: 1 }))).toBe('invalid-argument:dx')
      expect(refused(doc, drop({ noteIds: ['n2'], dx: 1, dy: bad }))).toBe('invalid-argument:dy')
    }
    expect(refused(doc, drop({ noteIds: ['n2', 7], dx: 1, dy: 1 }))).toBe(
      'invalid-argument:noteIds[1]',
    )
    expect(refused(doc, drop({ noteIds: ['n2', ''], dx: 1, dy: 1 }))).toBe(
      'invalid-argument:noteIds[1]',
    )
    expect(refused(doc, drop({ noteIds: sparse(3), dx: 1, dy: 1 }))).toBe(
      'invalid-argument:noteIds[0]',
    )
    const huge = Array.from({ length: MAX_SELECTION + 1 }, () => 'n2')
    expect(refused(doc, drop({ noteIds: huge, dx: 1, dy: 1 }))).toBe('invalid-argument:noteIds')
  })

  it('refuses ids of the wrong kind, even next to valid ones', () => {
    const doc = selectionBoard()
    const drop = (args: unknown) => () => dropNotes(doc, args as never, ORIGIN)
    expect(refused(doc, drop({ noteIds: ['n2', 'g2'], dx: 1, dy: 1 }))).toBe(
      'invalid-argument:noteIds[1]',
    )
    expect(refused(doc, drop({ noteIds: ['o1'], dx: 1, dy: 1 }))).toBe(
      'invalid-argument:noteIds[0]',
    )
    expect(refused(doc, drop({ noteIds: [], groupIds: ['g1', 'n3'], dx: 1, dy: 1 }))).toBe(
      'invalid-argument:groupIds[1]',
    )
  })

  it('refuses a drop that would carry a frame or a note off the board', () => {
    const doc = selectionBoard()
    const drop = (args: unknown) => () => dropNotes(doc, args as never, ORIGIN)
    // Each offset is in range on its own; the frame, its rider or the loose note is not after it.
    expect(refused(doc, drop({ noteIds: ['n2'], groupIds: ['g1'], dx: 1e7 - 200, dy: 0 }))).toBe(
      'invalid-argument:dx',
    )
    // g1 itself fits at y = 1e7 - 5; the note it carries (y = 10 below it) would not.
    expect(refused(doc, drop({ noteIds: [], groupIds: ['g1'], dx: 0, dy: 1e7 - 5 }))).toBe(
      'invalid-argument:dy',
    )
  })

  it('agrees with the canvas on where a note lands: its centre, by NOTE_SIZE', () => {
    const doc = selectionBoard()
    // Put n2's centre exactly on g2's left edge (1000), then one unit short of it.
    dropNotes(doc, { noteIds: ['n2'], dx: 1000 - NOTE_SIZE.w / 2 - 500, dy: 0 }, ORIGIN)
    expect(readNote(doc, 'n2')?.groupId).toBe('g2')
    // It flowed into g2's grid; now drop it with its centre one unit left of the edge.
    const x = readNote(doc, 'n2')?.x ?? 0
    dropNotes(doc, { noteIds: ['n2'], dx: 1000 - NOTE_SIZE.w / 2 - 1 - x, dy: 0 }, ORIGIN)
    expect(readNote(doc, 'n2')?.groupId).toBeNull()
  })
})

describe('deleteSelection', () => {
  it('deletes notes and frames together, with their references, in one undo step', () => {
    const doc = selectionBoard()
    const deleted = oneStep(doc, () =>
      deleteSelection(doc, { noteIds: ['n2'], groupIds: ['g1'] }, ORIGIN),
    )
    expect(deleted).toEqual(['n2', 'g1'])
    const board = readBoard(doc)
    expect(board.notes.map((n) => [n.id, n.groupId])).toEqual([
      ['n1', null],
      ['n3', null],
    ])
    expect(board.groups.map((g) => g.id)).toEqual(['g2'])
    expect(board.objectives[0]?.sourceGroupId).toBeNull()
    expect(board.keyResults[0]?.sourceNoteIds).toEqual([])
    expect(board.tally.byTarget.size).toBe(0)
  })

  it('skips ids already deleted and writes nothing when none is left', () => {
    const doc = selectionBoard()
    expect(refused(doc, () => deleteSelection(doc, { noteIds: ['x'], groupIds: [] }, ORIGIN))).toBe(
      null,
    )
    expect(deleteSelection(doc, { noteIds: ['x', 'n3'], groupIds: ['y'] }, ORIGIN)).toEqual(['n3'])
  })

  it('refuses malformed or mixed-up selections, writing nothing', () => {
    const doc = selectionBoard()
    const del = (args: unknown) => () => deleteSelection(doc, args as never, ORIGIN)
    expect(refused(doc, del({ noteIds: ['n2'] }))).toBe('invalid-argument:groupIds')
    expect(refused(doc, del({ noteIds: 'n2', groupIds: [] }))).toBe('invalid-argument:noteIds')
    expect(refused(doc, del({ noteIds: ['n2', 'g1'], groupIds: [] }))).toBe(
      'invalid-argument:noteIds[1]',
    )
    expect(refused(doc, del({ noteIds: ['n2'], groupIds: ['g1', 'kr1'] }))).toBe(
      'invalid-argument:groupIds[1]',
    )
    expect(refused(doc, del({ noteIds: ['n2'], groupIds: sparse(2) }))).toBe(
      'invalid-argument:groupIds[0]',
    )
    const huge = new Array<string>(MAX_SELECTION + 1).fill('g1')
    expect(refused(doc, del({ noteIds: ['n2'], groupIds: huge }))).toBe('invalid-argument:groupIds')
  })
})

describe('recolourSelection', () => {
  it('recolours notes and frames in one undo step', () => {
    const doc = selectionBoard()
    const args = { noteIds: ['n1', 'n2'], groupIds: ['g2'], color: 'green' }
    expect(oneStep(doc, () => recolourSelection(doc, args, ORIGIN))).toEqual(['n1', 'n2', 'g2'])
    const board = readBoard(doc)
    const green = board.notes.find((n) => n.id === 'n1')?.color
    expect(green).toMatch(/^#[0-9a-f]{6}$/)
    expect(board.notes.find((n) => n.id === 'n2')?.color).toBe(green)
    expect(board.notes.find((n) => n.id === 'n3')?.color).not.toBe(green)
    expect(board.groups.map((g) => g.color === green)).toEqual([false, true])
  })

  it('refuses a bad colour or a mixed-up id before recolouring anything', () => {
    const doc = selectionBoard()
    const paint = (args: unknown) => () => recolourSelection(doc, args as never, ORIGIN)
    for (const color of ['', 'url(x)', 42, null, '#12345g']) {
      expect(refused(doc, paint({ noteIds: ['n1'], groupIds: ['g1'], color }))).toBe(
        'invalid-argument:color',
      )
    }
    expect(refused(doc, paint({ noteIds: ['g1'], groupIds: [], color: '#ffffff' }))).toBe(
      'invalid-argument:noteIds[0]',
    )
    expect(refused(doc, paint({ noteIds: [], groupIds: ['n1'], color: '#ffffff' }))).toBe(
      'invalid-argument:groupIds[0]',
    )
    expect(refused(doc, paint({ noteIds: 5, groupIds: [], color: '#ffffff' }))).toBe(
      'invalid-argument:noteIds',
    )
  })
})
