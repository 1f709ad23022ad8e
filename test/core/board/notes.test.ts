import { describe, expect, it } from 'vitest'
import {
  applyConversion,
  castVote,
  createNote,
  deleteNotes,
  duplicateNotes,
  moveNotes,
  placeNotes,
  recolourNotes,
} from '../../../core/board/commands/index'
import { getNoteText } from '../../../core/board/schema'
import { readBoard, readNote, readNotes } from '../../../core/board/read'
import { at, boardWithNotes, codeOf, newBoard, ORIGIN, recordUpdates } from './fixtures'

describe('createNote', () => {
  it('stores the fields with the text as a Y.Text', () => {
    const doc = newBoard()
    createNote(
      doc,
      { id: 'n1', x: 5, y: 6, author: 'ann', createdAt: at(7), text: 'Grow NPS' },
      ORIGIN,
    )
    expect(readNote(doc, 'n1')).toEqual({
      id: 'n1',
      text: 'Grow NPS',
      x: 5,
      y: 6,
      color: '#fde68a',
      author: 'ann',
      groupId: null,
      createdAt: 7,
    })
    expect(getNoteText(doc, 'n1')?.toString()).toBe('Grow NPS')
  })

  it('runs in one transaction with the caller origin', () => {
    const doc = newBoard()
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr) => origins.push(tr.origin))
    createNote(doc, { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: at(1) }, ORIGIN)
    expect(origins).toEqual([ORIGIN])
  })

  it('rejects bad arguments before writing', () => {
    const doc = newBoard()
    const updates = recordUpdates(doc)
    const base = { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: at(1) }
    expect(codeOf(() => createNote(doc, { ...base, id: '' }, ORIGIN))).toBe('invalid-argument:id')
    expect(codeOf(() => createNote(doc, { ...base, x: Number.NaN }, ORIGIN))).toBe(
      'invalid-argument:x',
    )
    expect(codeOf(() => createNote(doc, { ...base, text: 42 as never }, ORIGIN))).toBe(
      'invalid-argument:text',
    )
    expect(codeOf(() => createNote(doc, { ...base, groupId: 'nope' }, ORIGIN))).toBe(
      'not-found:groupId',
    )
    expect(codeOf(() => createNote(doc, null as never, ORIGIN))).toBe('invalid-argument:createNote')
    expect(updates.count()).toBe(0)
    createNote(doc, base, ORIGIN)
    expect(codeOf(() => createNote(doc, base, ORIGIN))).toBe('already-exists:id')
  })
})

describe('moveNotes and placeNotes', () => {
  it('moves a batch by an offset in one transaction and skips missing ids', () => {
    const doc = boardWithNotes(3)
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    expect(moveNotes(doc, { ids: ['n1', 'n2', 'gone'], dx: 5, dy: -5 }, ORIGIN)).toEqual([
      'n1',
      'n2',
    ])
    expect(transactions).toBe(1)
    const [n1, n2, n3] = readNotes(doc)
    expect([n1?.x, n1?.y, n2?.x, n2?.y, n3?.x]).toEqual([15, 15, 25, 35, 30])
  })

  it('places notes at absolute positions', () => {
    const doc = boardWithNotes(2)
    placeNotes(doc, { positions: [{ id: 'n2', x: -1, y: 2 }] }, ORIGIN)
    expect(readNote(doc, 'n2')).toMatchObject({ x: -1, y: 2 })
    expect(codeOf(() => placeNotes(doc, { positions: [{ id: 'n2', x: 1e9, y: 0 }] }, ORIGIN))).toBe(
      'invalid-argument:positions[0].x',
    )
  })
})

describe('recolourNotes', () => {
  it('recolours existing notes and rejects an empty colour', () => {
    const doc = boardWithNotes(2)
    expect(recolourNotes(doc, { ids: ['n2', 'x'], color: '#a7f3d0' }, ORIGIN)).toEqual(['n2'])
    expect(readNotes(doc).map((n) => n.color)).toEqual(['#fde68a', '#a7f3d0'])
    expect(codeOf(() => recolourNotes(doc, { ids: ['n1'], color: ' ' }, ORIGIN))).toBe(
      'invalid-argument:color',
    )
  })
})

describe('deleteNotes', () => {
  it('removes the notes, their votes and their ids from KRs and initiatives', () => {
    const doc = boardWithNotes(3, { group: true })
    castVote(doc, { voterId: 'bo', targetId: 'n1', count: 2 }, ORIGIN)
    castVote(doc, { voterId: 'bo', targetId: 'n3' }, ORIGIN)
    applyConversion(
      doc,
      {
        objectives: [{ id: 'o-g1', title: 'Retention', sourceGroupId: 'g1', votes: 2, order: 0 }],
        keyResults: [
          {
            id: 'kr-1',
            objectiveId: 'o-g1',
            title: 'note 1',
            metric: 'm',
            unit: { kind: 'count' },
            start: 1,
            target: 2,
            direction: 'increase',
            calculation: 'absolute-target',
            measurable: true,
            sourceNoteIds: ['n1', 'n2'],
            order: 0,
          },
        ],
        initiatives: [
          {
            id: 'i-1',
            objectiveId: 'o-g1',
            keyResultId: null,
            title: 'Ship',
            sourceNoteIds: ['n1'],
          },
        ],
        diagnostics: [],
      },
      ORIGIN,
    )
    expect(deleteNotes(doc, { ids: ['n1', 'missing'] }, ORIGIN)).toEqual(['n1'])
    const board = readBoard(doc)
    expect(board.notes.map((n) => n.id)).toEqual(['n2', 'n3'])
    expect([...board.tally.byTarget]).toEqual([['n3', 1]])
    expect(board.keyResults[0]?.sourceNoteIds).toEqual(['n2'])
    expect(board.initiatives[0]?.sourceNoteIds).toEqual([])
    // The doc itself is cleaned, not only the read model.
    expect(doc.getMap('votes').toJSON()).toEqual({ bo: { n3: 1 } })
  })
})

describe('duplicateNotes', () => {
  it('copies text, colour and group with an offset, authored by the duplicator', () => {
    const doc = boardWithNotes(2, { group: true })
    recolourNotes(doc, { ids: ['n1'], color: '#bfdbfe' }, ORIGIN)
    const created = duplicateNotes(
      doc,
      {
        copies: [
          { sourceId: 'n1', id: 'c1' },
          { sourceId: 'gone', id: 'c2' },
        ],
        dx: 8,
        dy: 8,
        author: 'bo',
        createdAt: at(99),
      },
      ORIGIN,
    )
    expect(created).toEqual(['c1'])
    expect(readNote(doc, 'c1')).toEqual({
      id: 'c1',
      text: 'note 1',
      x: 18,
      y: 28,
      color: '#bfdbfe',
      author: 'bo',
      groupId: 'g1',
      createdAt: 99,
    })
    // The copy's text is its own Y.Text: editing one does not edit the other.
    getNoteText(doc, 'c1')?.insert(0, 'copy of ')
    expect(readNote(doc, 'n1')?.text).toBe('note 1')
  })

  it('refuses an id that exists or repeats', () => {
    const doc = boardWithNotes(2)
    const args = { dx: 0, dy: 0, author: 'bo', createdAt: at(1) }
    expect(
      codeOf(() =>
        duplicateNotes(doc, { ...args, copies: [{ sourceId: 'n1', id: 'n2' }] }, ORIGIN),
      ),
    ).toBe('already-exists:copies[0].id')
    expect(
      codeOf(() =>
        duplicateNotes(
          doc,
          {
            ...args,
            copies: [
              { sourceId: 'n1', id: 'x' },
              { sourceId: 'n2', id: 'x' },
            ],
          },
          ORIGIN,
        ),
      ),
    ).toBe('already-exists:copies[1].id')
  })
})
