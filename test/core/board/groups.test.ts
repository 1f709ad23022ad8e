import { describe, expect, it } from 'vitest'
import {
  applyConversion,
  assignNotes,
  castVote,
  createGroup,
  deleteGroup,
  recolourGroup,
  renameGroup,
  setGroupBounds,
  unassignNotes,
} from '../../../core/board/commands/index'
import { getGroupTitle } from '../../../core/board/schema'
import { readBoard, readGroups, readNote, readNotes } from '../../../core/board/read'
import { boardWithNotes, codeOf, newBoard, ORIGIN } from './fixtures'

describe('createGroup and renameGroup', () => {
  it('creates with defaults and renames through the shared title', () => {
    const doc = newBoard()
    createGroup(doc, { id: 'g1', x: 1, y: 2 }, ORIGIN)
    expect(readGroups(doc)).toEqual([
      { id: 'g1', title: '', x: 1, y: 2, w: 320, h: 240, color: '#e5e7eb' },
    ])
    renameGroup(doc, { id: 'g1', title: 'Speed' }, ORIGIN)
    expect(getGroupTitle(doc, 'g1')?.toString()).toBe('Speed')
    recolourGroup(doc, { id: 'g1', color: '#bfdbfe' }, ORIGIN)
    expect(readGroups(doc)[0]?.color).toBe('#bfdbfe')
  })

  it('rejects negative sizes, duplicates and unknown groups', () => {
    const doc = newBoard()
    expect(codeOf(() => createGroup(doc, { id: 'g1', x: 0, y: 0, w: -1 }, ORIGIN))).toBe(
      'invalid-argument:w',
    )
    createGroup(doc, { id: 'g1', x: 0, y: 0 }, ORIGIN)
    expect(codeOf(() => createGroup(doc, { id: 'g1', x: 0, y: 0 }, ORIGIN))).toBe(
      'already-exists:id',
    )
    expect(codeOf(() => renameGroup(doc, { id: 'g2', title: 'x' }, ORIGIN))).toBe('not-found:id')
  })
})

describe('setGroupBounds', () => {
  it('moving a group moves its notes by the same offset; resizing does not', () => {
    const doc = boardWithNotes(3, { group: true })
    setGroupBounds(doc, { id: 'g1', x: 100, y: 50 }, ORIGIN)
    expect(readNotes(doc).map((n) => [n.id, n.x, n.y])).toEqual([
      ['n1', 110, 70],
      ['n2', 120, 90],
      ['n3', 30, 60],
    ])
    setGroupBounds(doc, { id: 'g1', w: 500, h: 400 }, ORIGIN)
    expect(readGroups(doc)[0]).toMatchObject({ x: 100, y: 50, w: 500, h: 400 })
    expect(readNote(doc, 'n1')).toMatchObject({ x: 110, y: 70 })
  })
})

describe('assignNotes and unassignNotes', () => {
  it('assigns existing notes to an existing group and unassigns them', () => {
    const doc = boardWithNotes(3, { group: true })
    createGroup(doc, { id: 'g2', x: 0, y: 0 }, ORIGIN)
    expect(assignNotes(doc, { noteIds: ['n1', 'n3', 'gone'], groupId: 'g2' }, ORIGIN)).toEqual([
      'n1',
      'n3',
    ])
    expect(readNotes(doc).map((n) => n.groupId)).toEqual(['g2', 'g1', 'g2'])
    unassignNotes(doc, { noteIds: ['n1'] }, ORIGIN)
    expect(readNote(doc, 'n1')?.groupId).toBeNull()
    expect(codeOf(() => assignNotes(doc, { noteIds: ['n1'], groupId: 'nope' }, ORIGIN))).toBe(
      'not-found:groupId',
    )
  })
})

describe('deleteGroup', () => {
  it('unassigns its notes, drops its votes and clears sourceGroupId', () => {
    const doc = boardWithNotes(3, { group: true })
    castVote(doc, { voterId: 'ann', targetId: 'g1', count: 2 }, ORIGIN)
    applyConversion(
      doc,
      {
        objectives: [{ id: 'o-g1', title: 'Retention', sourceGroupId: 'g1', votes: 2, order: 0 }],
        keyResults: [],
        initiatives: [],
        diagnostics: [],
      },
      ORIGIN,
    )
    expect(deleteGroup(doc, { id: 'g1' }, ORIGIN)).toBe(true)
    expect(deleteGroup(doc, { id: 'g1' }, ORIGIN)).toBe(false)
    const board = readBoard(doc)
    expect(board.groups).toEqual([])
    expect(board.notes.map((n) => n.groupId)).toEqual([null, null, null])
    expect(board.tally.byTarget.size).toBe(0)
    expect(board.objectives[0]?.sourceGroupId).toBeNull()
    expect(doc.getMap('notes').toJSON()).toMatchObject({ n1: { groupId: null } })
  })
})
