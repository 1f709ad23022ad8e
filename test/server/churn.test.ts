import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { createLogger } from '../../server/log'
import { Metrics } from '../../server/metrics'
import type { RelaySocket } from '../../server/relay/connection'
import { encodeSyncStep1, encodeUpdate } from '../../server/relay/protocol'
import { Relay } from '../../server/relay/relay'
import { compactionPolicy } from '../../server/storage/compaction'
import { MemoryStore } from '../../server/storage/memory-store'
import { issueTokens } from '../../server/storage/tokens'
import { boardSocketUrl } from '../helpers/clients'
import { startTestServer, waitFor, type TestServer } from '../helpers/server'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

class FakeSocket implements RelaySocket {
  readyState = 1
  bufferedAmount = 0
  received = 0
  send(): void {
    this.received++
  }
  close(): void {
    this.readyState = 3
  }
  terminate(): void {
    this.readyState = 3
  }
  ping(): void {}
}

function timers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length
}

function processListeners(): number {
  return process.eventNames().reduce((n, name) => n + process.listenerCount(name), 0)
}

function awareness(clientId: number, clock: number): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 1)
  encoding.writeVarUint(inner, clientId)
  encoding.writeVarUint(inner, clock)
  encoding.writeVarString(inner, JSON.stringify({ user: { name: `u${clientId}` } }))
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, 1)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

describe('open/close churn', () => {
  it('10,000 in-process cycles leave no rooms, connections, timers or listeners', async () => {
    const store = new MemoryStore()
    const relay = new Relay({
      store,
      metrics: new Metrics(),
      logger: createLogger('silent'),
      now: () => 0,
      newId: (() => {
        let n = 0
        return () => `c${n++}`
      })(),
      maxBufferedBytes: 1 << 20,
      maxAwarenessBytes: 4096,
      maxAwarenessClientsPerConnection: 4,
      compaction: compactionPolicy({ maxUpdates: 50, maxBytes: 1 << 20 }),
      storageRetryMaxMs: 100,
      pingIntervalMs: 0,
      idleTimeoutMs: 60_000,
    })
    const boards = Array.from({ length: 50 }, (_, i) => `board-${i}`)
    for (const id of boards) {
      const { editTokenHash, viewTokenHash } = issueTokens()
      await store.createBoard({ id, title: id, createdAt: 0, editTokenHash, viewTokenHash })
    }
    const stepOne = encodeSyncStep1(new Y.Doc())

    const baselineTimers = timers()
    const baselineListeners = processListeners()
    gc()
    const heapBefore = process.memoryUsage().heapUsed
    for (let i = 0; i < 10_000; i++) {
      const boardId = boards[i % boards.length]!
      const socket = new FakeSocket()
      const connection = relay.accept(socket, boardId, 'edit')
      // MemoryStore loads in microtasks, so the room is attached after at most a few turns.
      while (socket.received === 0) await new Promise((done) => setImmediate(done))
      connection.receive(stepOne, true)
      connection.receive(awareness(100_000 + i, 1), true)
      if (i % 10 === 0) {
        // A fresh doc per write: an incremental update sent to a board that lacks its
        // predecessors would stay pending in Yjs and never be stored.
        const writer = new Y.Doc()
        writer.getArray<number>('n').push([i])
        connection.receive(encodeUpdate(Y.encodeStateAsUpdate(writer)), true)
      }
      connection.detach()
    }
    await waitFor(() => relay.rooms.size === 0, { what: 'all rooms unloaded' })
    await waitFor(() => timers() <= baselineTimers, { what: 'timers released' })
    gc()
    const heapAfter = process.memoryUsage().heapUsed
    console.info(
      `churn 10k: heap ${mb(heapBefore)} → ${mb(heapAfter)}, rooms ${relay.rooms.size}, ` +
        `connections ${relay.connections.size}, timers ${timers()} (baseline ${baselineTimers})`,
    )
    expect(relay.rooms.size).toBe(0)
    expect(relay.connections.size).toBe(0)
    expect(timers()).toBeLessThanOrEqual(baselineTimers)
    expect(processListeners()).toBe(baselineListeners)
    // Every tenth cycle wrote one element; all of them must be durable.
    const stored = await Promise.all(boards.map((id) => store.loadDoc(id)))
    const elements = stored.reduce((n, doc) => {
      const replay = new Y.Doc()
      for (const u of [doc.snapshot, ...doc.updates]) if (u) Y.applyUpdate(replay, u)
      return n + new Set(replay.getArray<number>('n').toArray()).size
    }, 0)
    expect(elements).toBeGreaterThanOrEqual(1000)
    // Generous bound: a leak of one doc + awareness per cycle would be far beyond it.
    expect(heapAfter - heapBefore).toBeLessThan(32 * 1024 * 1024)
    await relay.shutdown(1000)
  })

  describe('over real sockets', () => {
    let srv: TestServer
    beforeAll(async () => {
      srv = await startTestServer()
    })
    afterAll(() => srv.close())

    it('300 connect/close cycles leave no rooms or connections', async () => {
      const board = await srv.createBoard()
      const url = boardSocketUrl(srv.wsUrl, board.id, board.editToken)
      for (let i = 0; i < 300; i++) {
        const ws = new WebSocket(url)
        await new Promise<void>((done, fail) => {
          ws.once('message', () => done())
          ws.once('error', fail)
        })
        ws.send(encodeSyncStep1(new Y.Doc()))
        if (i % 2 === 0) ws.close()
        else ws.terminate()
      }
      await waitFor(() => srv.relay.connections.size === 0 && srv.relay.rooms.size === 0, {
        what: 'everything released',
      })
      expect(srv.metrics.connectionsOpened).toBe(300)
    })
  })
})
