// A big board on a SQLite file is compacted by the worker on a connection of its own: the
// snapshot it writes rebuilds the board exactly, appends made meanwhile are kept, and the
// main connection's writes wait on a timer, not inside SQLite, while the worker holds the lock.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../../server/log'
import { encodeSyncStep2FromUpdate, SYNC_STEP_2_HEADER } from '../../../server/relay/protocol'
import { OFF_THREAD_MIN_BYTES, WorkerLoader } from '../../../server/storage/off-thread-load'
import { SqliteStore } from '../../../server/storage/sqlite-store'

const loader = new WorkerLoader(createLogger('silent'))
const dir = mkdtempSync(join(tmpdir(), 'stretchboard-compact-'))
afterAll(async () => {
  await loader.close()
  rmSync(dir, { recursive: true, force: true })
})

const record = (id: string) => ({
  id,
  title: id,
  createdAt: 1,
  editTokenHash: 'e'.repeat(64),
  viewTokenHash: 'v'.repeat(64),
})

/** A board stored as one row per batch of notes, ≈ 0.8 MB in all. */
async function storedBoard(store: SqliteStore, id: string): Promise<Y.Doc> {
  await store.createBoard(record(id))
  const doc = new Y.Doc()
  const rows: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => rows.push(update))
  for (let batch = 0; batch < 8; batch++) {
    doc.transact(() => {
      for (let i = 0; i < 1_000; i++) {
        doc.getMap('notes').set(`n${batch}-${i}`, `note ${batch}-${i} `.repeat(6))
      }
    })
  }
  doc.transact(() => {
    for (let i = 0; i < 300; i++) doc.getMap('notes').delete(`n0-${i}`)
  })
  for (const row of rows) await store.appendUpdate(id, row)
  return doc
}

function rebuilt(stored: { snapshot: Uint8Array | null; updates: readonly Uint8Array[] }) {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc.getMap('notes').toJSON()
}

describe('SqliteStore.compactElsewhere', () => {
  it('has the worker read, merge and write the snapshot; the main connection keeps appending', async () => {
    const store = new SqliteStore(join(dir, 'board.db'))
    const doc = await storedBoard(store, 'big')
    const before = await store.pendingUpdates('big')
    expect(before.bytes).toBeGreaterThan(OFF_THREAD_MIN_BYTES)
    const late = new Y.Doc()
    Y.applyUpdate(late, Y.encodeStateAsUpdate(doc))
    late.getMap('notes').set('late', 'appended while the worker compacts')
    const lateUpdate = Y.encodeStateAsUpdate(late, Y.encodeStateVector(doc))

    const compaction = store.compactElsewhere('big', OFF_THREAD_MIN_BYTES, async (target) => {
      // Appended on the main connection as the worker starts: in the snapshot or kept after it.
      const seq = store.appendUpdate('big', lateUpdate)
      const result = await loader.compactStored(target, 'big')
      await seq
      return result
    })
    const result = await compaction
    expect(result?.compacted).toBe(true)
    const stored = await store.loadDoc('big')
    expect(stored.snapshot?.byteLength).toBe(result?.bytesAfter)
    expect((result?.updatesMerged ?? 0) + stored.updates.length).toBe(before.count + 1)
    expect(rebuilt(stored)).toEqual(late.getMap('notes').toJSON())
    await store.close()
  })

  it('declines a small board and an in-memory database', async () => {
    const store = new SqliteStore(join(dir, 'small.db'))
    await store.createBoard(record('small'))
    await store.appendUpdate('small', Uint8Array.of(0, 0))
    const never = () => Promise.reject(new Error('must not be asked'))
    expect(await store.compactElsewhere('small', OFF_THREAD_MIN_BYTES, never)).toBeNull()
    const memory = new SqliteStore(':memory:')
    await memory.createBoard(record('small'))
    expect(await memory.compactElsewhere('small', 0, never)).toBeNull()
    await Promise.all([store.close(), memory.close()])
  })

  it('lets a write wait on a timer while another connection holds the lock, then lands it', async () => {
    const file = join(dir, 'locked.db')
    const store = new SqliteStore(file)
    await store.createBoard(record('locked'))
    const other = new Database(file)
    let landed = false
    await store.compactElsewhere('locked', 0, async () => {
      other.exec('BEGIN IMMEDIATE')
      const append = store.appendUpdate('locked', Uint8Array.of(0, 0)).then((seq) => {
        landed = true
        return seq
      })
      // The append did not block this thread: the timer below runs while the lock is held.
      await new Promise((resolve) => setTimeout(resolve, 30))
      expect(landed).toBe(false)
      other.exec('COMMIT')
      expect(await append).toBe(1)
      return null
    })
    expect(landed).toBe(true)
    other.close()
    await store.close()
  })
})

describe('SqliteStore.readElsewhere', () => {
  it('has the worker read and merge a big board on its own connection, framed when asked', async () => {
    const store = new SqliteStore(join(dir, 'read.db'))
    const doc = await storedBoard(store, 'big')
    const stored = await store.loadDoc('big')
    const rows = stored.snapshot ? [stored.snapshot, ...stored.updates] : [...stored.updates]
    const merged = await store.readElsewhere('big', OFF_THREAD_MIN_BYTES, (target) =>
      loader.mergeStored(target, 'big', null),
    )
    // Yjs' own merge of the same rows, byte for byte.
    const expected = Y.mergeUpdates(rows)
    expect(merged).toEqual(expected)
    const framed = await store.readElsewhere('big', OFF_THREAD_MIN_BYTES, (target) =>
      loader.mergeStored(target, 'big', SYNC_STEP_2_HEADER),
    )
    expect(framed).toEqual(encodeSyncStep2FromUpdate(expected))
    const copy = new Y.Doc()
    Y.applyUpdate(copy, merged ?? new Uint8Array())
    expect(copy.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
    await store.close()
  })

  it('declines small boards and in-memory databases, so the caller reads them itself', async () => {
    const store = new SqliteStore(join(dir, 'tiny.db'))
    await store.createBoard(record('tiny'))
    await store.appendUpdate('tiny', Y.encodeStateAsUpdate(new Y.Doc()))
    const never = () => Promise.reject(new Error('must not be asked'))
    expect(await store.readElsewhere('tiny', OFF_THREAD_MIN_BYTES, never)).toBeNull()
    await store.close()
    const memory = new SqliteStore(':memory:')
    await memory.createBoard(record('m'))
    expect(await memory.readElsewhere('m', 0, never)).toBeNull()
    await memory.close()
  })
})
