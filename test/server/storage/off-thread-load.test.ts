// The worker loader really runs in a worker thread (TypeScript through tsx) and hands back
// pieces and snapshots that rebuild the stored board exactly; small boards never leave the
// calling thread.
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../../server/log'
import { OFF_THREAD_MIN_BYTES, WorkerLoader } from '../../../server/storage/off-thread-load'
import { deepNote } from '../../core/sync/hostile-updates'

const loader = new WorkerLoader(createLogger('silent'), 2_000)
afterAll(() => loader.close())

function bigBoard(): { parts: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc()
  const parts: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => parts.push(update))
  for (let batch = 0; batch < 4; batch++) {
    doc.transact(() => {
      for (let i = 0; i < 2_000; i++) {
        const note = new Y.Map<unknown>()
        note.set('text', new Y.Text(`note ${batch}-${i} `.repeat(6)))
        note.set('x', i)
        doc.getMap('notes').set(`n${batch}-${i}`, note)
      }
    })
  }
  doc.transact(() => {
    for (let i = 0; i < 500; i++) doc.getMap('notes').delete(`n0-${i}`)
  })
  return { parts, doc }
}

describe('WorkerLoader', () => {
  it('cuts a big board into pieces in a worker that rebuild it exactly', async () => {
    const { parts, doc } = bigBoard()
    expect(parts.reduce((n, p) => n + p.byteLength, 0)).toBeGreaterThan(OFF_THREAD_MIN_BYTES)
    const { pieces, skipped, full } = await loader.pieces(parts)
    expect(skipped).toBe(0)
    expect(pieces.length).toBeGreaterThan(parts.length)
    const rebuilt = new Y.Doc()
    for (const piece of pieces) Y.applyUpdate(rebuilt, piece)
    expect(rebuilt.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
    expect(rebuilt.getMap('notes').size).toBe(7_500)
    // …and the whole state in one update, for the room's first-time joiners.
    const whole = new Y.Doc()
    Y.applyUpdate(whole, full ?? new Uint8Array([0, 0]))
    expect(whole.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
  })

  it('compacts in the worker, and reports corrupt rows instead of dropping them silently', async () => {
    const { parts, doc } = bigBoard()
    const snapshot = await loader.compact(parts)
    const rebuilt = new Y.Doc()
    Y.applyUpdate(rebuilt, snapshot)
    expect(rebuilt.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
    const corrupt = [...parts, Uint8Array.of(1, 2, 3, 250, 250, 250)]
    await expect(loader.compact(corrupt)).rejects.toThrow(/could not be applied/)
    expect((await loader.pieces(corrupt)).skipped).toBe(1)
  })

  it('merges stored rows in the worker to exactly the bytes Yjs merges them to', async () => {
    const { parts } = bigBoard()
    expect(await loader.merge(parts)).toEqual(Y.mergeUpdates(parts))
    // One part is already merged: handed back as it is.
    expect(await loader.merge(parts.slice(0, 1))).toBe(parts[0])
    await expect(loader.merge([...parts, Uint8Array.of(1, 2, 3, 250, 250, 250)])).rejects.toThrow()
  })

  it('says whether the board holds types nested past the schema, so the room skips the pass', async () => {
    const { parts } = bigBoard()
    expect((await loader.pieces(parts)).deep).toBe(false)
    const author = new Y.Doc()
    const deep = await loader.pieces([...parts, deepNote(40, author)])
    expect(deep.deep).toBe(true)
    // The pieces still carry the chain: pruning it is the room's stored change, not the worker's.
    const rebuilt = new Y.Doc()
    for (const piece of deep.pieces) Y.applyUpdate(rebuilt, piece)
    expect(rebuilt.store.clients.has(author.clientID)).toBe(true)
  })

  it('hands a small board back untouched, without a worker round trip', async () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'small')
    const part = Y.encodeStateAsUpdate(doc)
    const { pieces } = await loader.pieces([part])
    expect(pieces).toEqual([part])
    expect(pieces[0]).toBe(part)
  })
})
