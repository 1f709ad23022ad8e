/**
 * Cold join on our relay: boards of 1k / 10k / 50k notes are restored through the snapshot API
 * (stored in SQLite), every client leaves so the board is unloaded, then one client joins:
 * time to a synced stock provider, relay CPU for that join, relay RSS after it; then 20
 * clients join the unloaded board at once, as raw sockets that send sync step 1 and wait for
 * the whole step 2 (20 decoded 50k-note docs would not fit this process; the relay's work is
 * the same).
 * The peers run in memory with no storage configured, so they have no cold join to compare;
 * see docs/benchmarks.md. RELAY_COLD_SIZES overrides the sizes (comma-separated).
 */
import { performance } from 'node:perf_hooks'
import type { WebSocket as WebSocketType } from 'ws'
import * as Y from 'yjs'
import { createNote, type EpochMs } from '../../../core'
import { benchCase, type BenchCase, type BenchScenario } from '../scenario'
import { startRelay, type BenchClient, type Relay } from '../peers/relays'

const SIZES = (process.env.RELAY_COLD_SIZES ?? '1000,10000,50000').split(',').map(Number)
const round2 = (n: number) => Math.round(n * 100) / 100

async function waitUntil(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 120_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`)
    await new Promise((done) => setTimeout(done, 10))
  }
}

function boardOf(notes: number): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (let i = 0; i < notes; i++) {
      createNote(
        doc,
        {
          id: `n${i}`,
          x: i % 1000,
          y: i,
          author: 'bench',
          createdAt: 1 as EpochMs,
          text: `Note ${i} about churn`,
        },
        'seed',
      )
    }
  })
  return Y.encodeStateAsUpdate(doc)
}

interface Input {
  relay: Relay
  connect: () => BenchClient
  rawJoin: () => { ws: WebSocketType; step2: Promise<number> }
}

function coldCase(notes: number, joiners: number): BenchCase {
  return benchCase<Input>({
    name: `ours cold join ${notes} notes × ${joiners}`,
    iterations: 5,
    warmup: 1,
    setup: async () => {
      const relay = await startRelay('ours')
      const response = await fetch(`${relay.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `cold ${notes}` }),
      })
      const board = (await response.json()) as { id: string; editToken: string }
      const put = await fetch(`${relay.url}/api/boards/${board.id}/snapshot`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${board.editToken}`,
          'content-type': 'application/octet-stream',
        },
        body: Buffer.from(boardOf(notes)),
      })
      if (!put.ok) throw new Error(`snapshot upload: HTTP ${put.status}`)
      const { WebsocketProvider } = await import('y-websocket')
      const { WebSocket } = await import('ws')
      const wsBase = `${relay.url.replace(/^http/, 'ws')}/ws`
      const connect = (): BenchClient => {
        const doc = new Y.Doc()
        const provider = new WebsocketProvider(wsBase, board.id, doc, {
          params: { token: board.editToken },
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        })
        return {
          doc,
          awareness: provider.awareness,
          bytesIn: () => 0,
          synced: () => provider.synced,
          destroy: () => {
            provider.destroy()
            doc.destroy()
          },
        }
      }
      const rawJoin = () => {
        const ws = new WebSocket(`${wsBase}/${board.id}?token=${board.editToken}`)
        ws.on('open', () => ws.send(Uint8Array.of(0, 0, 1, 0))) // sync step 1, empty state
        // Sync bytes up to and including the step 2: a relay may send stored rows as updates
        // ahead of it (ours does, when answering from storage), and a provider is synced once
        // the step 2 is in.
        let syncBytes = 0
        const step2 = new Promise<number>((done) =>
          ws.on('message', (data: Buffer) => {
            if (data[0] !== 0 || data[1] === 0) return
            syncBytes += data.byteLength
            if (data[1] === 1) done(syncBytes)
          }),
        )
        return { ws, step2 }
      }
      return { relay, connect, rawJoin }
    },
    run: async ({ relay, connect, rawJoin }) => {
      await waitUntil(async () => (await relay.stats()).rooms === 0, 'board unloaded')
      const before = await relay.stats()
      const started = performance.now()
      let syncedMs: number
      if (joiners === 1) {
        const client = connect()
        await waitUntil(() => client.synced(), 'joined')
        syncedMs = performance.now() - started
        const notesSeen = client.doc.getMap('notes').size
        client.destroy()
        if (notesSeen !== notes) throw new Error(`joined with ${notesSeen} of ${notes} notes`)
      } else {
        const sockets = Array.from({ length: joiners }, rawJoin)
        const sizes = await Promise.all(sockets.map((s) => s.step2))
        syncedMs = performance.now() - started
        for (const s of sockets) s.ws.terminate()
        const short = sizes.find((n) => n < 100 + notes * 20)
        if (short !== undefined) throw new Error(`short sync: ${short} bytes`)
      }
      const after = await relay.stats()
      return {
        syncedMs: round2(syncedMs),
        serverCpuMs: round2(after.cpuMs - before.cpuMs),
        rssMB: round2(after.rss / 2 ** 20),
      }
    },
    teardown: ({ relay }) => relay.close(),
  })
}

export const scenario: BenchScenario = {
  name: 'relay-cold-join',
  description: 'cold join from SQLite on our relay: 1k / 10k / 50k notes, 1 and 20 joiners',
  cases: SIZES.flatMap((n) => [coldCase(n, 1), coldCase(n, 20)]),
}
