import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { FailingStore } from '../helpers/failing-store'
import { MemoryStore } from '../../server/storage/memory-store'
import { connectProvider, type StorageStatus } from '../helpers/clients'
import { startTestServer, waitFor, type TestServer } from '../helpers/server'

let srv: TestServer
let store: FailingStore

beforeAll(async () => {
  store = new FailingStore(new MemoryStore())
  srv = await startTestServer({ store, config: { storageRetryMaxMs: 50 } })
})
afterAll(() => srv.close())

/** `statuses` gets the storage-status messages: how our client learns about unsaved changes. */
function connect(boardId: string, token: string, statuses: StorageStatus[]): WebsocketProvider {
  return connectProvider(srv.wsUrl, boardId, token, { statuses })
}

describe('when storage fails', () => {
  it('holds updates, tells clients, retries, and loses nothing once storage recovers', async () => {
    const board = await srv.createBoard()
    const writerStatus: StorageStatus[] = []
    const readerStatus: StorageStatus[] = []
    const writer = connect(board.id, board.editToken, writerStatus)
    const reader = connect(board.id, board.viewToken, readerStatus)
    await waitFor(() => writer.synced && reader.synced)

    store.failWith('SQLITE_FULL', { methods: ['appendUpdate'] })
    writer.doc.getText('t').insert(0, 'kept in memory')
    writer.doc.getText('t').insert(0, '>> ')
    await waitFor(() => writerStatus.some((s) => !s.saved), { what: 'unsaved status' })
    await waitFor(() => store.injectedFailures >= 2, { what: 'retries' })
    expect(readerStatus.some((s) => !s.saved)).toBe(true)
    expect(srv.metrics.storageFailures).toBeGreaterThanOrEqual(2)
    // Broadcast waits for durability, so the reader has not seen it yet.
    expect(reader.doc.getText('t').toString()).toBe('')
    const health = (await (await fetch(`${srv.url}/healthz`)).json()) as { status: string }
    expect(health.status).toBe('degraded')
    const metrics = await (await fetch(`${srv.url}/metrics`)).text()
    expect(metrics).toMatch(/stretchboard_unsaved_updates [1-9]/)
    expect(metrics).toMatch(/stretchboard_storage_failures_total [1-9]/)

    // A peer joining now must not receive the unsaved state either: its sync step 2 waits in
    // the same queue, behind the update that is not on disk yet.
    const lateStatus: StorageStatus[] = []
    const late = connect(board.id, board.viewToken, lateStatus)
    await waitFor(() => lateStatus.some((s) => !s.saved), { what: 'late joiner told unsaved' })
    expect(late.synced).toBe(false)
    expect(late.doc.getText('t').toString()).toBe('')

    // A client leaving while unsaved must not unload the board and drop its updates.
    writer.destroy()
    await new Promise((done) => setTimeout(done, 100))
    expect(srv.relay.rooms.get(board.id)).not.toBeNull()

    store.heal()
    await waitFor(() => reader.doc.getText('t').toString() === '>> kept in memory', {
      what: 'reader sees the edit after recovery',
    })
    await waitFor(() => readerStatus.at(-1)?.saved === true, { what: 'saved status' })
    const stored = await store.inner.loadDoc(board.id)
    const replay = new Y.Doc()
    for (const update of [stored.snapshot, ...stored.updates])
      if (update) Y.applyUpdate(replay, update)
    expect(replay.getText('t').toString()).toBe('>> kept in memory')
    await waitFor(() => late.synced && late.doc.getText('t').toString() === '>> kept in memory', {
      what: 'late joiner synced after recovery',
    })
    late.destroy()
    reader.destroy()
    await waitFor(() => srv.relay.rooms.size === 0, { what: 'unloaded after flush' })
  })

  it('answers 503 when the board cannot be loaded, and recovers', async () => {
    const board = await srv.createBoard()
    store.failWith('SQLITE_BUSY', { methods: ['loadDoc'] })
    const response = await fetch(`${srv.url}/api/boards/${board.id}/snapshot`, {
      headers: { authorization: `Bearer ${board.viewToken}` },
    })
    expect(response.status).toBe(503)
    store.heal()
    const ok = await fetch(`${srv.url}/api/boards/${board.id}/snapshot`, {
      headers: { authorization: `Bearer ${board.viewToken}` },
    })
    expect(ok.status).toBe(200)
    expect(srv.relay.rooms.size).toBe(0)
  })
})
