// The reveal's write (core/board/commands/publish.ts): every private room into the shared
// board in one transaction, rebuilt from the read model, the author from the room's binding.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createGroup, createNote } from '../../../core/board/commands/index'
import { castPrivateVote } from '../../../core/board/commands/private-votes'
import { publishPrivate, removePublished } from '../../../core/board/commands/publish'
import {
  privateCounts,
  readSealed,
  RELAY_ORIGIN,
  setSealedCounts,
} from '../../../core/board/sealed'
import type { EpochMs } from '../../../core/okr/okr-model'

const ORIGIN = 'test'

function privateRoom(notes: [string, string, string | null][], dots: [string, number][] = []) {
  const doc = new Y.Doc()
  for (const [id, text, groupId] of notes) {
    createNote(doc, { id, x: 1, y: 2, author: 'liar', text, createdAt: 3 as EpochMs }, ORIGIN)
    if (groupId !== null) doc.getMap<Y.Map<unknown>>('notes').get(id)?.set('groupId', groupId)
  }
  for (const [targetId, count] of dots) castPrivateVote(doc, { targetId, budget: 5, count }, ORIGIN)
  return doc
}

function board(): Y.Doc {
  const doc = new Y.Doc()
  createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Growth' }, ORIGIN)
  return doc
}

describe('publishPrivate', () => {
  it('publishes every room in one transaction with the bound member as author', () => {
    const shared = board()
    const ann = privateRoom(
      [
        ['a1', 'ann words', 'g1'],
        ['a2', 'more', 'gone'],
      ],
      [['g1', 2]],
    )
    const cat = privateRoom([['c1', 'cat words', null]])
    setSealedCounts(shared, 'ann', privateCounts(ann), RELAY_ORIGIN)
    setSealedCounts(shared, 'cat', privateCounts(cat), RELAY_ORIGIN)
    expect(readSealed(shared).get('ann')).toEqual({ notes: 2, dots: 2 })
    let transactions = 0
    shared.on('afterTransaction', () => transactions++)
    const rooms = [
      { member: 'ann', doc: ann },
      { member: 'cat', doc: cat },
    ]

    const taken = publishPrivate(shared, { rooms, notes: true, votes: false }, RELAY_ORIGIN)

    expect(transactions).toBe(1)
    const notes = shared.getMap('notes').toJSON() as Record<string, Record<string, unknown>>
    expect(notes.a1).toMatchObject({ text: 'ann words', author: 'ann', groupId: 'g1', x: 1 })
    // A group that is not on the board is not referenced.
    expect(notes.a2).toMatchObject({ text: 'more', groupId: null })
    expect(notes.c1).toMatchObject({ text: 'cat words', author: 'cat' })
    expect(shared.getMap<Y.Map<unknown>>('notes').get('a1')?.get('text')).toBeInstanceOf(Y.Text)
    expect(taken.map((t) => t.notes)).toEqual([['a1', 'a2'], ['c1']])
    expect(readSealed(shared).get('ann')).toEqual({ notes: 0, dots: 2 })
    expect(shared.getMap('votes').size).toBe(0)
  })

  it('adds dots to the member votes, leaves out the author when anonymous, and is idempotent', () => {
    const shared = board()
    shared.getMap('meta').set('anonymous', true)
    shared.getMap('votes').set('ann', new Y.Map(Object.entries({ g1: 1 })))
    const ann = privateRoom([['a1', 'ann words', null]], [['g1', 2]])
    const rooms = [{ member: 'ann', doc: ann }]

    const [taken] = publishPrivate(shared, { rooms, notes: true, votes: true }, RELAY_ORIGIN)
    expect(shared.getMap('notes').toJSON()).toMatchObject({ a1: { text: 'ann words' } })
    expect(shared.getMap<Y.Map<unknown>>('notes').get('a1')?.has('author')).toBe(false)
    expect(shared.getMap('votes').toJSON()).toEqual({ ann: { g1: 3 } })

    // Published again (a removal that never reached storage): nothing doubles.
    publishPrivate(shared, { rooms, notes: true, votes: false }, RELAY_ORIGIN)
    expect(shared.getMap('notes').size).toBe(1)

    // A dot cast after the reveal read the room stays, to be published next time.
    castPrivateVote(ann, { targetId: 'g1', budget: 5, count: 1 }, ORIGIN)
    removePublished(ann, taken!, RELAY_ORIGIN)
    expect(ann.getMap('notes').size).toBe(0)
    expect(ann.getMap('votes').toJSON()).toEqual({ g1: 1 })
  })

  it('reads hostile room content defensively and refuses a bad member id', () => {
    const shared = board()
    const room = new Y.Doc()
    room.getMap('notes').set('odd', 42)
    room.getMap('notes').set('plain', { text: 'from a tool', x: 'NaN', color: 'url(x)' })
    room.getMap('votes').set('g1', -4)
    const [taken] = publishPrivate(
      shared,
      { rooms: [{ member: 'm', doc: room }], notes: true, votes: true },
      RELAY_ORIGIN,
    )
    expect(taken?.notes).toEqual(['plain'])
    expect(shared.getMap('notes').toJSON()).toMatchObject({
      plain: { text: 'from a tool', x: 0, color: '#fde68a', author: 'm' },
    })
    expect(shared.getMap('votes').size).toBe(0)
    expect(() =>
      publishPrivate(shared, { rooms: [{ member: '', doc: room }], notes: true, votes: true }, 'x'),
    ).toThrow(/member/)
  })
})
