import { describe, expect, it } from 'vitest'
import { toEpochMs } from '../../../core/okr/numbers'
import * as Y from 'yjs'
import {
  acceptGroupingProposal,
  acceptGroupingProposals,
} from '../../../core/board/commands/selection'
import { NOTE_SIZE } from '../../../core/board/schema'
import { assignNotes, createGroup, createNote } from '../../../core/board/commands'
import { readBoard } from '../../../core/board/read'
import { BoardCommandError } from '../../../core/board/errors'

type Box = { x: number; y: number; w: number; h: number }
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
const noteBox = (p: { x: number; y: number }): Box => ({ ...p, w: NOTE_SIZE.w, h: NOTE_SIZE.h })

function board(): Y.Doc {
  const doc = new Y.Doc()
  const texts = ['Cut churn', 'Churn interviews', 'Hire designers', 'Faster pages', 'Page errors']
  texts.forEach((text, i) =>
    createNote(
      doc,
      {
        id: `n${i}`,
        x: (i % 3) * 220,
        y: Math.floor(i / 3) * 200,
        author: 'a',
        createdAt: toEpochMs(1),
        text,
      },
      'setup',
    ),
  )
  return doc
}

describe('acceptGroupingProposal, as the suggestions panel calls it', () => {
  it('creates, places and assigns in one transaction (one undo step, one update)', () => {
    const doc = board()
    let updates = 0
    doc.on('update', () => updates++)
    const proposal = { noteIds: ['n0', 'n1'], title: 'Churn', score: 0.5 }
    expect(acceptGroupingProposal(doc, { ...proposal, groupId: 'g1' }, 'me')).toBe('g1')
    expect(updates).toBe(1)
    const after = readBoard(doc)
    expect(after.groups.map((g) => [g.id, g.title])).toEqual([['g1', 'Churn']])
    expect(after.notes.filter((n) => n.groupId === 'g1').map((n) => n.id)).toEqual(['n0', 'n1'])
    const frame = after.groups[0] as Box
    for (const other of after.notes.filter((n) => n.groupId === null)) {
      expect(overlaps(frame, noteBox(other))).toBe(false)
    }
  })

  it('uses only the notes still ungrouped, and does nothing when none are left', () => {
    const doc = board()
    createGroup(doc, { id: 'g0', x: 0, y: 900, title: 'Taken' }, 'them')
    assignNotes(doc, { noteIds: ['n0'], groupId: 'g0' }, 'them')
    const proposal = { noteIds: ['n0', 'n1'], title: 'Churn', score: 0.5 }
    acceptGroupingProposal(doc, { ...proposal, groupId: 'g1' }, 'me')
    const notes = readBoard(doc).notes
    expect(notes.find((n) => n.id === 'n0')?.groupId).toBe('g0')
    expect(notes.find((n) => n.id === 'n1')?.groupId).toBe('g1')

    const gone = { noteIds: ['n0'], title: 'Again', score: 1 }
    expect(acceptGroupingProposal(doc, { ...gone, groupId: 'g2' }, 'me')).toBeNull()
    expect(readBoard(doc).groups.map((g) => g.id)).toEqual(['g0', 'g1'])
  })

  it('passes a refusal on to the caller, having written nothing', () => {
    const doc = board()
    createGroup(doc, { id: 'g1', x: 0, y: 900, title: 'Taken' }, 'them')
    const before = Y.encodeStateAsUpdate(doc)
    const proposal = { noteIds: ['n0', 'n1'], title: 'Churn', score: 0.5 }
    expect(() => acceptGroupingProposal(doc, { ...proposal, groupId: 'g1' }, 'me')).toThrow(
      BoardCommandError,
    )
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })
})

describe('acceptGroupingProposals ("Apply all")', () => {
  const proposals = [
    { groupId: 'g1', title: 'Reduce churn', noteIds: ['n0', 'n1'] },
    { groupId: 'g2', title: 'Make it faster', noteIds: ['n3', 'n4', 'n1'] },
  ]

  it('makes every frame in one update (one undo step) and no frame overlaps another or a note', () => {
    const doc = board()
    let updates = 0
    doc.on('update', () => updates++)
    expect(acceptGroupingProposals(doc, { proposals }, 'me')).toEqual(['g1', 'g2'])
    expect(updates).toBe(1)
    const b = readBoard(doc)
    const byGroup = (id: string) =>
      b.notes
        .filter((n) => n.groupId === id)
        .map((n) => n.id)
        .sort()
    // n1 was named twice: it joins the first proposal.
    expect(byGroup('g1')).toEqual(['n0', 'n1'])
    expect(byGroup('g2')).toEqual(['n3', 'n4'])
    const [f1, f2] = b.groups
    expect(overlaps(f1!, f2!)).toBe(false)
    for (const note of b.notes) {
      for (const frame of b.groups) {
        const inside = note.groupId === frame.id
        expect(overlaps(noteBox(note), frame)).toBe(inside)
      }
    }
  })

  it('writes nothing when any proposal is malformed, even the last', () => {
    const doc = board()
    const before = Y.encodeStateVector(doc)
    const bad = [...proposals, { groupId: 'g3', title: 7, noteIds: ['n2'] }]
    expect(() => acceptGroupingProposals(doc, { proposals: bad as never }, 'me')).toThrow(
      BoardCommandError,
    )
    const dup = [proposals[0]!, { ...proposals[1]!, groupId: 'g1' }]
    expect(() => acceptGroupingProposals(doc, { proposals: dup }, 'me')).toThrow(/groupId/)
    expect(() => acceptGroupingProposals(doc, { proposals: 'all' as never }, 'me')).toThrow()
    const many = Array.from({ length: 501 }, (_, i) => ({ ...proposals[0]!, groupId: `x${i}` }))
    expect(() => acceptGroupingProposals(doc, { proposals: many }, 'me')).toThrow(/at most/)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(readBoard(doc).groups).toEqual([])
  })
})
