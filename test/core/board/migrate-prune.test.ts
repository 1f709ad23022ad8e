import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createKeyResult,
  createNote,
  createObjective,
  deleteNotes,
  deleteObjective,
} from '../../../core/board/commands/index'
import { MAX_TYPE_DEPTH } from '../../../core/sync/index'
import { migrate } from '../../../core/board/migrate'
import { readBoard } from '../../../core/board/read'
import { SCHEMA_VERSION } from '../../../core/board/schema'
import { deepNote } from '../sync/hostile-updates'
import { at, ORIGIN } from './fixtures'

const DEPTH = 3000

/** Hangs a chain of `depth` nested Y.Maps under `key` of `parent` (one transaction). */
function hangChain(doc: Y.Doc, parent: Y.Map<unknown>, key: string, depth: number): void {
  doc.transact(() => {
    let current = new Y.Map<unknown>()
    parent.set(key, current)
    for (let i = 1; i < depth; i++) {
      const next = new Y.Map<unknown>()
      current.set('x', next)
      current = next
    }
  })
}

/** An objective with a key result, carrying a deep chain under an unknown key. */
function deepObjectiveBoard(): Y.Doc {
  const doc = new Y.Doc()
  createObjective(doc, { id: 'o1', title: 'Delight new customers' }, ORIGIN)
  createKeyResult(doc, { id: 'kr1', objectiveId: 'o1', title: 'NPS from 20 to 40' }, ORIGIN)
  createObjective(doc, { id: 'o2', title: 'Keep the lights on' }, ORIGIN)
  hangChain(doc, doc.getMap('objectives').get('o1') as Y.Map<unknown>, 'payload', DEPTH)
  return doc
}

/** How deep shared types nest anywhere in the doc (a root is 1). */
function maxDepth(doc: Y.Doc): number {
  let deepest = 0
  const stack: [unknown, number][] = [...doc.share.values()].map((type) => [type, 1])
  while (stack.length > 0) {
    const [type, depth] = stack.pop()!
    deepest = Math.max(deepest, depth)
    if (!(type instanceof Y.Map)) continue
    for (const child of type.values() as Iterable<unknown>) {
      if (child instanceof Y.AbstractType) stack.push([child, depth + 1])
    }
  }
  return deepest
}

/** A replica kept in step only through the updates `doc` emits from now on. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
  doc.on('update', (update: Uint8Array) => Y.applyUpdate(replica, update))
  return replica
}

describe('migrate prunes shared types nested past the bound', () => {
  it('is needed: deleting a 3,000-deep objective without it overflows inside Yjs', () => {
    const doc = deepObjectiveBoard()
    expect(() => deleteObjective(doc, { id: 'o1' }, ORIGIN)).toThrow()
  })

  it('a deep note: migrates without a throw, then deleting it works and updates flow', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, deepNote(DEPTH))
    createNote(doc, { id: 'n1', x: 1, y: 2, author: 'ann', createdAt: at(1), text: 'Hi' }, ORIGIN)

    const report = migrate(doc, ORIGIN)

    expect(report.pruned).toBeGreaterThan(DEPTH - MAX_TYPE_DEPTH - 2)
    expect(maxDepth(doc)).toBeLessThanOrEqual(MAX_TYPE_DEPTH)
    // deepNote hangs the chain on the note's `x`, a number in the schema: migrate rewrote it.
    const deep = doc.getMap('notes').get('deep') as Y.Map<unknown>
    expect(deep.get('x')).toBe(0)
    expect(report.repairs).toContain('notes/deep: x was a YMap')

    const replica = replicaOf(doc)
    expect(deleteNotes(doc, { ids: ['deep'] }, ORIGIN)).toEqual(['deep'])
    createNote(
      doc,
      { id: 'n2', x: 5, y: 5, author: 'ann', createdAt: at(2), text: 'Later' },
      ORIGIN,
    )
    expect(readBoard(replica).notes.map((n) => n.id)).toEqual(['n1', 'n2'])
    expect(doc._transactionCleanups).toHaveLength(0)
  })

  it('a deep objective: migrates, then deleteObjective removes it and its key result', () => {
    const doc = deepObjectiveBoard()

    const report = migrate(doc, ORIGIN)

    expect(report.pruned).toBeGreaterThan(DEPTH - MAX_TYPE_DEPTH - 2)
    expect(maxDepth(doc)).toBeLessThanOrEqual(MAX_TYPE_DEPTH)
    // An unknown key is preserved (a newer client may own it); only its too-deep tail goes.
    const o1 = doc.getMap('objectives').get('o1') as Y.Map<unknown>
    expect(o1.get('payload')).toBeInstanceOf(Y.Map)

    const replica = replicaOf(doc)
    expect(deleteObjective(doc, { id: 'o1' }, ORIGIN)).toBe(true)
    createObjective(doc, { id: 'o3', title: 'Ship the mobile app' }, ORIGIN)
    const board = readBoard(replica)
    expect(board.objectives.map((o) => o.id)).toEqual(['o2', 'o3'])
    expect(board.keyResults).toEqual([])
  })

  it('replaces a shared type where the schema expects a plain value', () => {
    const doc = new Y.Doc()
    createObjective(doc, { id: 'o1', title: 'Grow' }, ORIGIN)
    hangChain(doc, doc.getMap('objectives').get('o1') as Y.Map<unknown>, 'description', DEPTH)

    const report = migrate(doc, ORIGIN)

    // A description is a Y.Text since schema 2: the chain is replaced by an empty one.
    const description = (doc.getMap('objectives').get('o1') as Y.Map<unknown>).get('description')
    expect(description).toBeInstanceOf(Y.Text)
    expect(String(description)).toBe('')
    expect(report.repairs).toContain('objectives/o1: description was a YMap')
    expect(maxDepth(doc)).toBe(3)
  })

  it('prunes a board of a newer schema too, and writes nothing else there', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, deepNote(DEPTH))
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1)

    const report = migrate(doc, ORIGIN)

    expect(report).toMatchObject({ newer: true, repairs: [] })
    expect(report.pruned).toBeGreaterThan(0)
    expect((doc.getMap('notes').get('deep') as Y.Map<unknown>).get('x')).toBeInstanceOf(Y.Map)
    expect(deleteNotes(doc, { ids: ['deep'] }, ORIGIN)).toEqual(['deep'])
  })

  it('reports 0 and writes nothing on a board within the bound', () => {
    const doc = new Y.Doc()
    createNote(doc, { id: 'n1', x: 1, y: 2, author: 'ann', createdAt: at(1), text: 'Hi' }, ORIGIN)
    migrate(doc, ORIGIN)
    let updates = 0
    doc.on('update', () => updates++)
    expect(migrate(doc, ORIGIN).pruned).toBe(0)
    expect(updates).toBe(0)
  })
})
