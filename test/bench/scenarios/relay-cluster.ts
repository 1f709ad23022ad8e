/**
 * Cross-node fan-out cost: the latency an edit takes from a stock provider to another one on
 * the same relay node versus on a second node (PostgreSQL + Redis between them), and what
 * Redis carries per update. Needs DATABASE_URL and REDIS_URL (`eval "$(bash
 * scripts/services.sh)"`); without them the scenario has no cases.
 *
 * Each round sends UPDATES edits one after the other, each waiting until the other client has
 * it, so the figures are per-edit latencies (p50/p99 over the round), not throughput. Both
 * nodes run in this process, like the clients: the numbers include no network beyond loopback.
 * Not measured here: Hocuspocus with its Redis extension (@hocuspocus/extension-redis is not a
 * dependency).
 */
import { performance } from 'node:perf_hooks'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { startTestServer, waitFor, type TestServer } from '../../helpers/server'
import { benchCase, type BenchScenario } from '../scenario'

const UPDATES = 200

interface Pair {
  readonly servers: readonly TestServer[]
  readonly a: WebsocketProvider
  readonly b: WebsocketProvider
}

function provider(server: TestServer, boardId: string, token: string): WebsocketProvider {
  return new WebsocketProvider(server.wsUrl, boardId, new Y.Doc(), {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
}

async function pair(databaseUrl: string, redisUrl: string, nodes: 1 | 2): Promise<Pair> {
  const config = { databaseUrl, redisUrl, logLevel: 'silent' as const }
  const servers: TestServer[] = []
  for (let i = 0; i < nodes; i++) servers.push(await startTestServer({ config }))
  const first = servers[0]!
  const last = servers[servers.length - 1]!
  const board = await first.createBoard('bench')
  const a = provider(first, board.id, board.editToken)
  const b = provider(last, board.id, board.editToken)
  await waitFor(() => a.synced && b.synced && servers.every((s) => s.fanout?.up), {
    what: 'both clients synced',
    timeoutMs: 15_000,
  })
  return { servers, a, b }
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN
}

async function pingPong({ servers, a, b }: Pair): Promise<Record<string, number>> {
  const before = servers.map((s) => ({ ...s.fanout!.counters }))
  const sent = a.doc.getArray<number>('bench')
  const seen = b.doc.getArray<number>('bench')
  const latencies: number[] = []
  for (let i = 0; i < UPDATES; i++) {
    const target = seen.length + 1
    const arrived = new Promise<void>((done) => {
      const check = () => {
        if (seen.length >= target) {
          seen.unobserve(check)
          done()
        }
      }
      seen.observe(check)
    })
    let timer: ReturnType<typeof setTimeout> | undefined
    const lost = new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(`edit ${i} did not arrive`)), 10_000)
    })
    const start = performance.now()
    sent.push([i])
    await Promise.race([arrived, lost])
    latencies.push(performance.now() - start)
    clearTimeout(timer)
  }
  latencies.sort((x, y) => x - y)
  const delta = (key: 'published' | 'publishedBytes' | 'received') =>
    servers.reduce((n, s, i) => n + s.fanout!.counters[key] - before[i]![key], 0)
  return {
    p50Ms: Number(quantile(latencies, 0.5).toFixed(2)),
    p99Ms: Number(quantile(latencies, 0.99).toFixed(2)),
    redisPublishesPerUpdate: Number((delta('published') / UPDATES).toFixed(2)),
    redisBytesPublishedPerUpdate: Number((delta('publishedBytes') / UPDATES).toFixed(1)),
    messagesAppliedFromRedisPerUpdate: Number((delta('received') / UPDATES).toFixed(2)),
  }
}

async function teardown({ servers, a, b }: Pair): Promise<void> {
  a.destroy()
  b.destroy()
  // The docs own the clients' awareness timers; left alive they keep the bench process running.
  a.doc.destroy()
  b.doc.destroy()
  for (const server of servers) await server.close()
}

const databaseUrl = process.env['DATABASE_URL']
const redisUrl = process.env['REDIS_URL']

export const scenario: BenchScenario = {
  name: 'relay-cluster',
  description: `per-edit latency (${UPDATES} sequential edits) on one node vs across two nodes via Redis`,
  cases:
    databaseUrl && redisUrl
      ? [
          benchCase({
            name: 'same node (PostgreSQL + Redis configured)',
            setup: () => pair(databaseUrl, redisUrl, 1),
            run: pingPong,
            teardown,
            iterations: 3,
            warmup: 1,
          }),
          benchCase({
            name: 'across two nodes (PostgreSQL + Redis)',
            setup: () => pair(databaseUrl, redisUrl, 2),
            run: pingPong,
            teardown,
            iterations: 3,
            warmup: 1,
          }),
        ]
      : [],
}
