import { describe, expect, it } from 'vitest'
import { toEpochMs } from '../../../core/okr/numbers'
import * as Y from 'yjs'
import { acceptProposal, layoutProposal } from '../../../client/board/group-layout'
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../../client/canvas/hit-test'
import { assignNotes, createGroup, createNote } from '../../../core/board/commands'
import { readBoard } from '../../../core/board/read'

type Box = { x: number; y: number; w: number; h: number }
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
const noteBox = (p: { x: number; y: number }): Box => ({ ...p, w: NOTE_WIDTH, h: NOTE_HEIGHT })

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

describe('layoutProposal', () => {
  it('puts every note inside the frame without overlaps, clear of everything else', () => {
    const notes = [0, 1, 2, 3, 4].map((i) => ({ id: `n${i}`, x: i * 7, y: i * 3 }))
    const others: Box[] = [{ x: -50, y: 40, w: 900, h: 300 }]
    const { frame, positions } = layoutProposal(notes, others)
    for (const position of positions) {
      const box = noteBox(position)
      expect(box.x).toBeGreaterThanOrEqual(frame.x)
      expect(box.y).toBeGreaterThanOrEqual(frame.y)
      expect(box.x + box.w).toBeLessThanOrEqual(frame.x + frame.w)
      expect(box.y + box.h).toBeLessThanOrEqual(frame.y + frame.h)
      for (const other of positions) {
        if (other !== position) expect(overlaps(box, noteBox(other))).toBe(false)
      }
    }
    expect(overlaps(frame, others[0] as Box)).toBe(false)
  })

  it('keeps a lone group where its notes already are', () => {
    const { frame } = layoutProposal([{ id: 'a', x: 500, y: 300 }])
    expect(frame.x).toBeLessThanOrEqual(500)
    expect(frame.x).toBeGreaterThan(400)
    expect(frame.y).toBeLessThanOrEqual(300)
    expect(frame.y).toBeGreaterThan(200)
  })
})

describe('acceptProposal', () => {
  it('creates, places and assigns in one transaction (one undo step, one update)', () => {
    const doc = board()
    let updates = 0
    doc.on('update', () => updates++)
    const proposal = { noteIds: ['n0', 'n1'], title: 'Churn', score: 0.5 }
    expect(acceptProposal(doc, proposal, readBoard(doc), 'g1', 'me')).toBe('g1')
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
    acceptProposal(doc, proposal, readBoard(doc), 'g1', 'me')
    const notes = readBoard(doc).notes
    expect(notes.find((n) => n.id === 'n0')?.groupId).toBe('g0')
    expect(notes.find((n) => n.id === 'n1')?.groupId).toBe('g1')

    const gone = { noteIds: ['n0'], title: 'Again', score: 1 }
    expect(acceptProposal(doc, gone, readBoard(doc), 'g2', 'me')).toBeNull()
    expect(readBoard(doc).groups.map((g) => g.id)).toEqual(['g0', 'g1'])
  })
})
