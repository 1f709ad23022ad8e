import { describe, expect, it } from 'vitest'
import {
  createGroup,
  createNote,
  dropNotes,
  frameSelection,
  tidyUp,
} from '../../../core/board/commands/index'
import { noteBox } from '../../../core/board/layout'
import { readBoard, readNote } from '../../../core/board/read'
import { frameFootprint, overlap, within } from '../../../core/board/tidy'
import { at, newBoard, ORIGIN } from './fixtures'
import { oneStep, refused } from './selection-fixtures'

/** A messy board: 30 notes piled on each other, two overlapping frames holding some of them. */
function messyBoard() {
  const doc = newBoard()
  createGroup(doc, { id: 'g1', x: 0, y: 0, w: 320, h: 240 }, ORIGIN)
  createGroup(doc, { id: 'g2', x: 150, y: 100, w: 320, h: 240 }, ORIGIN)
  for (let i = 0; i < 30; i++) {
    const groupId = i < 5 ? 'g1' : i < 9 ? 'g2' : null
    const [x, y] = [(i * 37) % 400, (i * 53) % 300]
    createNote(doc, { id: `n${i}`, x, y, author: 'ann', createdAt: at(i), groupId }, ORIGIN)
  }
  return doc
}

function problems(doc: ReturnType<typeof newBoard>): string[] {
  const board = readBoard(doc)
  const boxes = [
    ...board.notes.filter((n) => n.groupId === null).map((n) => ({ id: n.id, ...noteBox(n) })),
    ...board.groups.map((g) => ({ id: g.id, ...frameFootprint(g) })),
  ]
  const out: string[] = []
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) if (overlap(a, b)) out.push(`${a.id}/${b.id}`)
  }
  for (const n of board.notes) {
    const g = board.groups.find((f) => f.id === n.groupId)
    if (g && !within(noteBox(n), g)) out.push(`${n.id} outside ${g.id}`)
  }
  return out
}

describe('tidyUp', () => {
  it('lays out the whole board without overlaps, in one undo step', () => {
    const doc = messyBoard()
    expect(problems(doc).length).toBeGreaterThan(10)
    const done = oneStep(doc, () => tidyUp(doc, {}, ORIGIN)) as string[]
    expect(done).toHaveLength(32)
    expect(problems(doc)).toEqual([])
    expect(readBoard(doc).notes.filter((n) => n.groupId !== null)).toHaveLength(9)
  })

  it('tidies only a selection, and a note in a frame brings its frame', () => {
    const doc = messyBoard()
    const before = readNote(doc, 'n20')
    const done = tidyUp(doc, { ids: ['n12', 'n13', 'n0', 'gone'] }, ORIGIN)
    expect(done.slice().sort()).toEqual(['g1', 'n0', 'n1', 'n12', 'n13', 'n2', 'n3', 'n4'])
    expect(readNote(doc, 'n20')).toEqual(before)
  })

  it('refuses malformed arguments and layouts past the edge, writing nothing', () => {
    const doc = messyBoard()
    expect(refused(doc, () => tidyUp(doc, null as never, ORIGIN))).toBe('invalid-argument:tidyUp')
    expect(refused(doc, () => tidyUp(doc, { ids: 'n1' } as never, ORIGIN))).toBe(
      'invalid-argument:ids',
    )
    expect(refused(doc, () => tidyUp(doc, { ids: [7] } as never, ORIGIN))).toBe(
      'invalid-argument:ids[0]',
    )
    expect(refused(doc, () => tidyUp(doc, { ids: ['gone'] }, ORIGIN))).toBe(null)
    createGroup(doc, { id: 'edge', x: 1e7 - 10, y: 0, w: 10, h: 10 }, ORIGIN)
    createNote(
      doc,
      { id: 'e1', x: 1e7 - 5, y: 0, author: 'a', createdAt: at(1), groupId: 'edge' },
      ORIGIN,
    )
    expect(refused(doc, () => tidyUp(doc, { ids: ['edge'] }, ORIGIN))).toBe('invalid-argument:ids')
  })
})

describe('frameSelection keeps non-members out', () => {
  it('moves a note lying between the members out of the new frame, in the same step', () => {
    const doc = newBoard()
    const note = (id: string, x: number, y: number) =>
      createNote(doc, { id, x, y, author: 'ann', createdAt: at(1) }, ORIGIN)
    note('a', 0, 0)
    note('b', 400, 0)
    note('c', 800, 0)
    note('x', 200, 30)
    oneStep(doc, () => frameSelection(doc, { groupId: 'g', noteIds: ['a', 'b', 'c'] }, ORIGIN))
    const board = readBoard(doc)
    const frame = board.groups[0]
    expect(frame).toBeDefined()
    if (!frame) return
    const members = board.notes.filter((n) => n.groupId === 'g').map((n) => n.id)
    expect(members.sort()).toEqual(['a', 'b', 'c'])
    for (const n of board.notes) {
      const inside = overlap(noteBox(n), frameFootprint(frame))
      expect([n.id, inside]).toEqual([n.id, n.groupId === 'g'])
      if (n.groupId === 'g') expect(within(noteBox(n), frame)).toBe(true)
    }
  })
})

describe('dropNotes and the frame grid', () => {
  function framed() {
    const doc = newBoard()
    createGroup(doc, { id: 'g', x: 0, y: 0, w: 400, h: 400 }, ORIGIN)
    createNote(doc, { id: 'a', x: 20, y: 44, author: 'a', createdAt: at(1), groupId: 'g' }, ORIGIN)
    createNote(doc, { id: 'b', x: 900, y: 0, author: 'a', createdAt: at(2) }, ORIGIN)
    return doc
  }

  it('flows a note dropped into a frame into its grid, in one undo step', () => {
    const doc = framed()
    oneStep(doc, () => dropNotes(doc, { noteIds: ['b'], dx: -800, dy: 150 }, ORIGIN))
    expect(readNote(doc, 'b')).toMatchObject({ groupId: 'g', x: 200, y: 44 })
  })

  it('moves a nudged note exactly by the nudge (flow: false), so it can leave its frame', () => {
    const doc = framed()
    dropNotes(doc, { noteIds: ['a'], dx: 10, dy: 0, flow: false }, ORIGIN)
    expect(readNote(doc, 'a')).toMatchObject({ groupId: 'g', x: 30, y: 44 })
    expect(
      refused(doc, () =>
        dropNotes(doc, { noteIds: ['a'], dx: 1, dy: 0, flow: 'no' } as never, ORIGIN),
      ),
    ).toBe('invalid-argument:flow')
  })
})
