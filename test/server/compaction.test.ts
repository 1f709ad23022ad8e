import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectProvider } from '../helpers/clients'
import { startTestServer, waitFor, type TestServer } from '../helpers/server'

let srv: TestServer

beforeAll(async () => {
  srv = await startTestServer({ config: { compactAfterUpdates: 10 } })
})
afterAll(() => srv.close())

describe('background compaction through the relay', () => {
  it('keeps the update rows bounded while editing, and loses nothing', async () => {
    const board = await srv.createBoard()
    const writer = connectProvider(srv.wsUrl, board.id, board.editToken)
    await waitFor(() => writer.synced)
    const stored = () => srv.metrics.updatesStored
    let maxPending = 0
    for (let i = 0; i < 60; i++) {
      const before = stored()
      writer.doc.getArray<number>('n').push([i])
      // One append per edit, so the rows really pile up between compactions.
      await waitFor(() => stored() > before, { intervalMs: 1 })
      maxPending = Math.max(maxPending, (await srv.store.pendingUpdates(board.id)).count)
    }
    await waitFor(() => srv.relay.rooms.get(board.id)?.idle === true)
    expect(srv.metrics.compactions).toBeGreaterThanOrEqual(3)
    expect(maxPending).toBeLessThan(25)
    const doc = await srv.store.loadDoc(board.id)
    expect(doc.snapshot).not.toBeNull()
    const replay = new Y.Doc()
    for (const u of [doc.snapshot, ...doc.updates]) if (u) Y.applyUpdate(replay, u)
    expect(replay.getArray('n').toArray()).toEqual(Array.from({ length: 60 }, (_, i) => i))
    writer.destroy()
  })
})
