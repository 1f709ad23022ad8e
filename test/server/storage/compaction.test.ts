import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  DEFAULT_COMPACTION_POLICY,
  compactBoard,
  compactionPolicy,
  shouldCompact,
} from '../../../server/storage/compaction'
import { MemoryStore } from '../../../server/storage/memory-store'
import { InvalidStoreInputError } from '../../../server/storage/errors'
import { boardRecord } from './contract'

async function storeWithEdits(edits: number) {
  const store = new MemoryStore()
  await store.createBoard(boardRecord('b'))
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const text = doc.getText('t')
  for (let i = 0; i < edits; i++) text.insert(text.length, `w${i} `)
  for (const u of updates) await store.appendUpdate('b', u)
  return { store, doc }
}

describe('shouldCompact', () => {
  it('triggers on row count or on bytes, whichever bound is reached first', () => {
    const policy = compactionPolicy({ maxUpdates: 10, maxBytes: 1000 })
    expect(shouldCompact({ count: 9, bytes: 999 }, policy)).toBe(false)
    expect(shouldCompact({ count: 10, bytes: 0 }, policy)).toBe(true)
    expect(shouldCompact({ count: 2, bytes: 1000 }, policy)).toBe(true)
  })

  it('does not rewrite a lone oversized row as a snapshot of itself', () => {
    expect(shouldCompact({ count: 1, bytes: 50 << 20 })).toBe(false)
    expect(shouldCompact({ count: 0, bytes: 0 })).toBe(false)
  })

  it('uses bounded defaults and refuses thresholds that disable it', () => {
    expect(shouldCompact({ count: DEFAULT_COMPACTION_POLICY.maxUpdates, bytes: 0 })).toBe(true)
    expect(() => compactionPolicy({ maxUpdates: 0 })).toThrow(InvalidStoreInputError)
    expect(() => compactionPolicy({ maxBytes: Number.POSITIVE_INFINITY })).toThrow(
      InvalidStoreInputError,
    )
    expect(() => compactionPolicy({ maxUpdates: 1.5 })).toThrow(InvalidStoreInputError)
  })
})

describe('compactBoard', () => {
  it('folds every row into one snapshot holding the same document', async () => {
    const { store, doc } = await storeWithEdits(50)
    const result = await compactBoard(store, 'b')
    expect(result).toMatchObject({ compacted: true, updatesMerged: 50, upToSeq: 50 })
    expect(await store.pendingUpdates('b')).toEqual({ count: 0, bytes: 0 })
    const loaded = await store.loadDoc('b')
    const copy = new Y.Doc()
    Y.applyUpdate(copy, loaded.snapshot ?? new Uint8Array())
    expect(copy.getText('t').toString()).toBe(doc.getText('t').toString())
    expect(result.bytesAfter).toBe(loaded.snapshot?.byteLength)
  })

  it('does nothing when no rows wait', async () => {
    const { store } = await storeWithEdits(0)
    expect(await compactBoard(store, 'b')).toMatchObject({ compacted: false, updatesMerged: 0 })
    expect((await store.loadDoc('b')).snapshot).toBeNull()
  })

  it('keeps updates whose dependencies are missing instead of dropping them', async () => {
    const store = new MemoryStore()
    await store.createBoard(boardRecord('b'))
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    doc.getText('t').insert(0, 'first ')
    doc.getText('t').insert(6, 'second')
    // Only the second edit reached storage: it depends on the first, which arrives later.
    await store.appendUpdate('b', updates[1] ?? new Uint8Array())
    await compactBoard(store, 'b')
    await store.appendUpdate('b', updates[0] ?? new Uint8Array())

    const loaded = await store.loadDoc('b')
    const copy = new Y.Doc()
    Y.applyUpdate(copy, loaded.snapshot ?? new Uint8Array())
    for (const u of loaded.updates) Y.applyUpdate(copy, u)
    expect(copy.getText('t').toString()).toBe('first second')
  })

  it('leaves the rows untouched when a stored update is corrupt', async () => {
    const { store } = await storeWithEdits(3)
    await store.appendUpdate('b', Uint8Array.from([1, 1, 200, 7, 9]))
    const before = await store.loadDoc('b')
    await expect(compactBoard(store, 'b')).rejects.toThrow()
    expect(await store.loadDoc('b')).toEqual(before)
  })
})
