import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createNote, setNoteText } from '../../../core/board/commands/index'
import { getNoteText, ROOTS, SCHEMA_VERSION } from '../../../core/board/schema'
import { migrate } from '../../../core/board/migrate'
import { readBoard } from '../../../core/board/read'
import { docJson } from '../../helpers/peers'
import { at, ORIGIN, recordUpdates } from './fixtures'

/** A board as an older version or a script might have written it. */
function legacyBoard(): Y.Doc {
  const doc = new Y.Doc()
  doc.getMap('meta').set('voteBudget', '4')
  doc.getMap('notes').set('n1', { text: 'From a CSV import', x: '12', y: 3, extra: 'kept' })
  const kr = new Y.Map<unknown>()
  kr.set('objectiveId', 'o1')
  kr.set('title', 'plain string title')
  kr.set('target', null)
  doc.getMap('keyResults').set('kr1', kr)
  doc.getMap('objectives').set('o1', { title: 'Objective', tags: 'not-a-list' })
  doc.getMap('votes').set('ann', { n1: '2' })
  return doc
}

describe('migrate', () => {
  it('sets only the version on a fresh doc, then has nothing left to do', () => {
    const doc = new Y.Doc()
    const first = migrate(doc, ORIGIN)
    expect(first).toMatchObject({ fromVersion: 0, toVersion: SCHEMA_VERSION, newer: false })
    // Defaults are read, not written: a not-yet-synced peer must not race the real values.
    expect(first.repairs).toEqual(['meta: schemaVersion was missing'])
    // …but for the empty decisions map, made identically on every peer so that it cannot race.
    expect(doc.getMap('meta').toJSON()).toEqual({
      schemaVersion: SCHEMA_VERSION,
      conversionDecisions: {},
    })
    const updates = recordUpdates(doc)
    expect(migrate(doc, ORIGIN).repairs).toEqual([])
    expect(updates.count()).toBe(0)
  })

  it('turns plain objects and strings into Y types and fixes mistyped fields', () => {
    const doc = legacyBoard()
    const before = readBoard(doc)
    const report = migrate(doc, ORIGIN)
    expect(report.repairs).toEqual(
      expect.arrayContaining([
        'notes/n1: was a plain object',
        'notes/n1: x was "12"',
        'votes/ann: was a plain object',
      ]),
    )
    const note = doc.getMap('notes').get('n1') as Y.Map<unknown>
    expect(note).toBeInstanceOf(Y.Map)
    expect(note.get('extra')).toBe('kept')
    expect(note.get('x')).toBe(12)
    expect(getNoteText(doc, 'n1')?.toString()).toBe('From a CSV import')
    expect((doc.getMap('keyResults').get('kr1') as Y.Map<unknown>).get('target')).toBeNull()
    // The repaired doc reads exactly as the unrepaired one did (apart from its version).
    expect({ ...readBoard(doc), meta: { ...readBoard(doc).meta, schemaVersion: 0 } }).toEqual(
      before,
    )
    // Migrated text is editable with the commands.
    setNoteText(doc, { id: 'n1', text: 'From a CSV import (edited)' }, ORIGIN)
    expect(readBoard(doc).notes[0]?.text).toBe('From a CSV import (edited)')
  })

  it('leaves a doc from a newer schema untouched', () => {
    const doc = new Y.Doc()
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1)
    doc.getMap('notes').set('n1', { text: 'future' })
    const updates = recordUpdates(doc)
    expect(migrate(doc, ORIGIN)).toMatchObject({ newer: true, repairs: [] })
    expect(updates.count()).toBe(0)
  })

  it('two peers migrating the same legacy board concurrently converge without doubled text', () => {
    const a = legacyBoard()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    migrate(a, ORIGIN)
    migrate(b, ORIGIN)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(docJson(a, ROOTS)).toEqual(docJson(b, ROOTS))
    expect(getNoteText(a, 'n1')?.toString()).toBe('From a CSV import')
  })

  it('never throws on random junk and preserves how the board reads', () => {
    const gen = prng.create(7)
    // Plain JSON anywhere; live Y types only inside Y.Maps (JSON cannot carry them).
    const json = (): unknown =>
      prng.oneOf(gen, [
        null,
        42,
        'text',
        '12',
        true,
        [1, 'a'],
        { kind: 'percent' },
        { start: 1, end: 0 },
        -1.5,
        12n,
        new Uint8Array([1, 2]),
        { unit: 5n },
      ])
    const junk = (): unknown =>
      prng.uint32(gen, 0, 5) === 0
        ? new Y.Map()
        : prng.uint32(gen, 0, 4) === 0
          ? new Y.Text('y')
          : json()
    const fields = [
      'text',
      'title',
      'x',
      'w',
      'groupId',
      'objectiveId',
      'keyResultId',
      'target',
      'unit',
      'tags',
      'at',
      'value',
    ]
    for (let round = 0; round < 40; round++) {
      const doc = new Y.Doc()
      createNote(doc, { id: 'ok', x: 1, y: 1, author: 'a', createdAt: at(1) }, ORIGIN)
      for (const name of [
        'meta',
        'notes',
        'groups',
        'objectives',
        'keyResults',
        'checkIns',
        'initiatives',
        'votes',
      ]) {
        const map = doc.getMap(name)
        for (let i = 0; i < 4; i++) {
          const entity = prng.bool(gen) ? new Y.Map<unknown>() : ({} as Record<string, unknown>)
          for (const field of fields) {
            if (!prng.bool(gen)) continue
            if (entity instanceof Y.Map) entity.set(field, junk())
            else entity[field] = json()
          }
          map.set(
            name === 'meta' ? prng.oneOf(gen, ['phase', 'timer', 'voteBudget']) : `e${i}`,
            prng.bool(gen) ? entity : junk(),
          )
        }
      }
      const before = readBoard(doc)
      expect(() => migrate(doc, ORIGIN)).not.toThrow()
      const after = readBoard(doc)
      expect({
        ...after,
        meta: { ...after.meta, schemaVersion: before.meta.schemaVersion },
      }).toEqual(before)
      expect(migrate(doc, ORIGIN).repairs).toEqual([])
    }
  })
})
