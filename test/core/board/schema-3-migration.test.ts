// Schema 3 (issue 15): `sealed` and `meta.anonymous` read as absent on a version-2 board, so
// migrating one records the version and nothing else; a relay-written `sealed` reads back.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createNote } from '../../../core/board/commands/index'
import { migrate } from '../../../core/board/migrate'
import { readBoard } from '../../../core/board/read'
import { ROOTS, SCHEMA_VERSION } from '../../../core/board/schema'
import { isAnonymous, readSealed, RELAY_ORIGIN, setSealedCounts } from '../../../core/board/sealed'
import type { EpochMs } from '../../../core/okr/okr-model'

function version2Board(): Y.Doc {
  const doc = new Y.Doc()
  migrate(doc, 'setup')
  doc.getMap('meta').set('schemaVersion', 2)
  const note = { id: 'n1', x: 0, y: 0, author: 'ann', text: 'public', createdAt: 1 as EpochMs }
  createNote(doc, note, 'setup')
  return doc
}

describe('schema 3', () => {
  it('migrates a version-2 board by recording the version only', () => {
    const doc = version2Board()
    const before = readBoard(doc)
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))

    const report = migrate(doc, 'm')

    expect(SCHEMA_VERSION).toBe(3)
    expect(ROOTS).toContain('sealed')
    expect(report).toMatchObject({
      fromVersion: 2,
      toVersion: 3,
      repairs: ['meta: schemaVersion was 2'],
    })
    expect(readBoard(doc)).toEqual({ ...before, meta: { ...before.meta, schemaVersion: 3 } })
    expect(doc.getMap('sealed').size).toBe(0)
    expect(doc.getMap('meta').has('anonymous')).toBe(false)
    expect(readSealed(doc).size).toBe(0)
    expect(isAnonymous(doc)).toBe(false)
    expect(updates).toHaveLength(1)
    expect(migrate(doc, 'm').repairs).toEqual([])
    expect(updates).toHaveLength(1)
  })

  it('writes sealed counts only when they change, and reads hostile ones bounded', () => {
    const doc = version2Board()
    expect(setSealedCounts(doc, 'ann', { notes: 2, dots: 0 }, RELAY_ORIGIN)).toBe(true)
    expect(setSealedCounts(doc, 'ann', { notes: 2, dots: 0 }, RELAY_ORIGIN)).toBe(false)
    doc.getMap('sealed').set('eve', { notes: 1e9, dots: 'x' })
    expect(readSealed(doc).get('ann')).toEqual({ notes: 2, dots: 0 })
    expect(readSealed(doc).get('eve')).toEqual({ notes: 1000, dots: 0 })
    doc.getMap('meta').set('anonymous', true)
    expect(isAnonymous(doc)).toBe(true)
  })
})
