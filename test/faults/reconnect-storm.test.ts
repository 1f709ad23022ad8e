// Reconnect storm: 300 stock providers on 30 boards, the server restarts on the same port and
// data directory. Every client must be back in sync within 30 s, holding its room's edits from
// before the restart and the ones made while the server was down, and each board must be
// loaded exactly once by the new server however many of its clients arrive at once.
import { join } from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import { createNote } from '../../core/board/commands/index'
import { type EpochMs } from '../../core/okr/okr-model'
import { DATABASE_FILE } from '../../server/main'
import { SqliteStore } from '../../server/storage/sqlite-store'
import type { BoardStore } from '../../server/storage/store'
import { startTestServer, waitFor, type CreatedBoard, type TestServer } from '../helpers/server'
import {
  closeClient,
  connectClient,
  docJson,
  freePort,
  missing,
  noteIds,
  report,
  size,
  type Client,
} from './fault-helpers'
import { cleanupsAfter } from '../helpers/cleanups'

const CLIENTS = size('FAULT_STORM_CLIENTS', 300, 1_000)
const ROOMS = size('FAULT_STORM_ROOMS', 30, 100)

const cleanups = cleanupsAfter(afterAll)

/** SQLite that counts loadDoc per board: "each board loaded once" is read from here. */
function countingStore(inner: BoardStore, loads: Map<string, number>): BoardStore {
  return {
    createBoard: (r) => inner.createBoard(r),
    getBoard: (id) => inner.getBoard(id),
    setTokenHashes: (id, hashes) => inner.setTokenHashes(id, hashes),
    setTitle: (id, t) => inner.setTitle(id, t),
    appendUpdate: (id, u) => inner.appendUpdate(id, u),
    loadDoc: (id) => {
      loads.set(id, (loads.get(id) ?? 0) + 1)
      return inner.loadDoc(id)
    },
    compact: (id, s, n) => inner.compact(id, s, n),
    pendingUpdates: (id) => inner.pendingUpdates(id),
    stats: () => inner.stats(),
    close: () => inner.close(),
  }
}

describe('reconnect storm', () => {
  it(`${CLIENTS} clients in ${ROOMS} rooms resync after a restart, each board loaded once`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stretchboard-storm-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const port = await freePort()
    let server: TestServer = await startTestServer({ dataDir, config: { port } })
    cleanups.push(() => server.close())
    const boards: CreatedBoard[] = []
    for (let i = 0; i < ROOMS; i++) boards.push(await server.createBoard(`storm ${i}`))
    const clients: { client: Client; board: CreatedBoard }[] = []
    for (let i = 0; i < CLIENTS; i++) {
      const board = boards[i % ROOMS]!
      clients.push({ client: connectClient(server.wsUrl, board.id, board.editToken), board })
    }
    cleanups.push(() => clients.forEach((c) => closeClient(c.client)))
    await waitFor(() => clients.every((c) => c.client.provider.synced), {
      what: 'first sync',
      timeoutMs: 60_000,
      intervalMs: 50,
    })
    const made = new Map<string, string[]>(boards.map((b) => [b.id, []]))
    const edit = (i: number, tag: string) => {
      const { client, board } = clients[i]!
      const id = `${tag}-${i}`
      createNote(client.doc, { id, x: i, y: 0, author: 'x', createdAt: i as EpochMs }, 'storm')
      made.get(board.id)!.push(id)
    }
    clients.forEach((_, i) => edit(i, 'before'))
    await waitFor(
      () =>
        clients.every((c) => missing(made.get(c.board.id)!, noteIds(c.client.doc)).length === 0),
      { what: 'edits before restart', timeoutMs: 30_000, intervalMs: 50 },
    )

    await server.close()
    clients.forEach((_, i) => i % 3 === 0 && edit(i, 'while-down'))
    const loads = new Map<string, number>()
    const store = countingStore(new SqliteStore(join(dataDir, DATABASE_FILE)), loads)
    const restartedAt = Date.now()
    server = await startTestServer({ dataDir, store, config: { port } })
    await waitFor(
      () =>
        clients.every(
          (c) =>
            c.client.provider.synced &&
            missing(made.get(c.board.id)!, noteIds(c.client.doc)).length === 0,
        ),
      { what: 'all resynced', timeoutMs: 30_000, intervalMs: 50 },
    )
    const resyncMs = Date.now() - restartedAt
    for (const board of boards) {
      const room = clients.filter((c) => c.board === board)
      await waitFor(() => new Set(room.map((c) => docJson(c.client.doc))).size === 1, {
        what: 'room identical',
      })
    }
    expect([...loads.values()].every((n) => n === 1)).toBe(true)
    expect(loads.size).toBe(ROOMS)
    report('reconnect-storm', { clients: CLIENTS, rooms: ROOMS, resyncMs, loads: loads.size })
  }, 150_000)
})
