import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createCheckIn,
  createInitiative,
  createKeyResult,
  createObjective,
} from '../../../core/board/commands/index'
import { readBoard, readKeyResults, readMeta, readNote, readNotes } from '../../../core/board/read'
import { restoreKeyResult, restoreUnit } from '../../../core/board/restore'
import { boardWithNotes, ORIGIN, recordUpdates } from './fixtures'

describe('readBoard', () => {
  it('reads an empty, never-migrated doc as defaults without writing to it', () => {
    const doc = new Y.Doc()
    const updates = recordUpdates(doc)
    const board = readBoard(doc)
    expect(board.meta).toMatchObject({ schemaVersion: 0, phase: 'brainstorm', voteBudget: 5 })
    expect([board.notes, board.groups, board.objectives, board.keyResults]).toEqual([
      [],
      [],
      [],
      [],
    ])
    expect(updates.count()).toBe(0)
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()))
  })

  it('repairs hand-edited and mistyped data instead of throwing', () => {
    const doc = new Y.Doc()
    const meta = doc.getMap('meta')
    meta.set('phase', 'party')
    meta.set('voteBudget', '3')
    meta.set('timer', { startedAt: 'soon' })
    const notes = doc.getMap('notes')
    notes.set('plain', { text: 'Written by a script', x: '12', y: null, groupId: '' })
    notes.set('junk', 42)
    notes.set('', { text: 'empty id' })
    const board = readBoard(doc)
    expect(board.meta).toMatchObject({ phase: 'brainstorm', voteBudget: 3, timer: null })
    expect(board.notes).toEqual([
      {
        id: 'plain',
        text: 'Written by a script',
        x: 12,
        y: 0,
        color: '#fde68a',
        author: '',
        groupId: null,
        createdAt: 0,
      },
    ])
  })

  it('tolerates a root that another tool defined with a different Y type', () => {
    const doc = new Y.Doc()
    doc.getArray('notes').push(['not a map'])
    doc.getText('meta').insert(0, 'hello')
    expect(() => readBoard(doc)).not.toThrow()
    expect(readBoard(doc).notes).toEqual([])
    expect(readMeta(doc).voteBudget).toBe(5)
  })

  it('filters references to entities that no longer exist', () => {
    const doc = boardWithNotes(2)
    createObjective(doc, { id: 'o1', title: 'Kept' }, ORIGIN)
    createKeyResult(
      doc,
      { id: 'kr1', objectiveId: 'o1', title: 'k', sourceNoteIds: ['n1', 'n9'] },
      ORIGIN,
    )
    // What a delete racing a concurrent create leaves behind: references to missing entities.
    doc.getMap('notes').get('n2')
    ;(doc.getMap('notes').get('n2') as Y.Map<unknown>).set('groupId', 'deleted-group')
    const orphan = new Y.Map<unknown>()
    orphan.set('objectiveId', 'deleted-objective')
    orphan.set('title', 'orphan')
    doc.getMap('keyResults').set('kr-orphan', orphan)
    createCheckIn(doc, { id: 'c1', keyResultId: 'kr1', at: 1 as never, value: 1 }, ORIGIN)
    const orphanCheckIn = new Y.Map<unknown>()
    orphanCheckIn.set('keyResultId', 'kr-orphan')
    doc.getMap('checkIns').set('c-orphan', orphanCheckIn)
    createInitiative(doc, { id: 'i1', title: 'free-standing' }, ORIGIN)
    const orphanInitiative = new Y.Map<unknown>()
    orphanInitiative.set('keyResultId', 'kr-orphan')
    doc.getMap('initiatives').set('i-orphan', orphanInitiative)
    ;(doc.getMap('objectives').get('o1') as Y.Map<unknown>).set('parentId', 'gone')

    const board = readBoard(doc)
    expect(readNote(doc, 'n2')?.groupId).toBeNull()
    expect(board.notes.map((n) => n.groupId)).toEqual([null, null])
    expect(board.objectives[0]?.parentId).toBeNull()
    expect(board.keyResults.map((k) => [k.id, k.sourceNoteIds])).toEqual([['kr1', ['n1']]])
    expect(board.checkIns.map((c) => c.id)).toEqual(['c1'])
    expect(board.initiatives.map((i) => i.id)).toEqual(['i1'])
    // Reading hides them but never erases them.
    expect(doc.getMap('keyResults').has('kr-orphan')).toBe(true)
    expect(readKeyResults(doc)).toEqual(board.keyResults)
  })

  it('orders collections the same way whatever the insertion order', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const note = (createdAt: number) => ({ text: 't', createdAt })
    a.getMap('notes').set('x', note(2))
    a.getMap('notes').set('y', note(1))
    a.getMap('notes').set('a', note(2))
    b.getMap('notes').set('a', note(2))
    b.getMap('notes').set('y', note(1))
    b.getMap('notes').set('x', note(2))
    expect(readNotes(a).map((n) => n.id)).toEqual(['y', 'a', 'x'])
    expect(readNotes(b)).toEqual(readNotes(a))
  })
})

describe('restorers', () => {
  it('keep a key result readable whatever its fields hold', () => {
    expect(
      restoreKeyResult('k', {
        objectiveId: 'o',
        start: '5',
        target: null,
        weight: -3,
        grading: [{ value: 0, score: 0 }, { value: 10, score: 7 }, 'x'],
        sourceNoteIds: ['a', 'a', 3, ''],
        direction: 'sideways',
      }),
    ).toMatchObject({
      start: 5,
      target: 0,
      measurable: false,
      weight: 1,
      grading: [
        { value: 0, score: 0 },
        { value: 10, score: 1 },
      ],
      sourceNoteIds: ['a'],
      direction: 'increase',
    })
    expect(restoreKeyResult('k', 'nope')).toBeNull()
  })

  it('map unit spellings to the unit model', () => {
    expect(restoreUnit('%')).toEqual({ kind: 'percent' })
    expect(restoreUnit('ms')).toEqual({ kind: 'text', label: 'ms' })
    expect(restoreUnit({ kind: 'currency', code: 'EUR' })).toEqual({
      kind: 'currency',
      code: 'EUR',
    })
    expect(restoreUnit({ kind: 'text' })).toEqual({ kind: 'count' })
    expect(restoreUnit(7)).toEqual({ kind: 'count' })
  })
})
