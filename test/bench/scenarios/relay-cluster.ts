/**
 * Cross-node fan-out cost: the latency an edit takes from a stock provider to another one on
 * the same relay node versus on a second node (PostgreSQL + Redis between them), and what
 * Redis carries per update. Needs DATABASE_URL and REDIS_URL (`eval "$(bash
 * scripts/services.sh)"`); without them the scenario has no cases.
 *
 * Each round sends UPDATES edits one after the other, each waiting until the other client has
 * it, so the figures are per-edit latencies (p50/p99 over the round), not throughput. Both
 * nodes run in this process, like the clients: the numbers include no network beyond loopback.
 * The same is run against Hocuspocus 3 with @hocuspocus/extension-redis (in-memory documents,
 * no persistence) for comparison. Redis operations and bytes per edit are read from Redis itself
 * (INFO commandstats / stats deltas), so both relays are counted the same way.
 */
import { performance } from 'node:perf_hooks'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { createClient } from 'redis'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { startTestServer, waitFor, type TestServer } from '../../helpers/server'
import { benchCase, type BenchScenario } from '../scenario'

const UPDATES = 200

interface Pair {
  readonly a: Y.Doc
  readonly b: Y.Doc
  readonly close: () => Promise<void>
}

type RedisClient = ReturnType<typeof createClient>

/** Commands Redis executed (all kinds but INFO) and its network bytes, read from Redis. */
async function redisTotals(client: RedisClient): Promise<{ ops: number; bytes: number }> {
  const commands = await client.info('commandstats')
  let ops = 0
  for (const match of commands.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) {
    if (match[1] !== 'info') ops += Number(match[2])
  }
  const stats = await client.info('stats')
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(stats)?.[1] ?? 0)
  return { ops, bytes: field('total_net_input_bytes') + field('total_net_output_bytes') }
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
  return {
    a: a.doc,
    b: b.doc,
    close: async () => {
      a.destroy()
      b.destroy()
      // The docs own the clients' awareness timers; left alive they keep the process running.
      a.doc.destroy()
      b.doc.destroy()
      for (const server of servers) await server.close()
    },
  }
}

async function hocuspocusPair(redisUrl: string): Promise<Pair> {
  const { Server } = await import('@hocuspocus/server')
  const { Redis } = await import('@hocuspocus/extension-redis')
  const url = new URL(redisUrl)
  const password = decodeURIComponent(url.password)
  const servers = [0, 1].map(
    () =>
      new Server({
        port: 0,
        address: '127.0.0.1',
        quiet: true,
        stopOnSignals: false,
        extensions: [
          new Redis({
            host: url.hostname,
            port: Number(url.port || 6379),
            // ioredis 5.8.2+ may send CLIENT SETINFO after SUBSCRIBE and break the
            // subscriber (redis/ioredis#2037); skipping the client info avoids it.
            options: { disableClientInfo: true, ...(password ? { password } : {}) },
          }),
        ],
      }),
  )
  for (const server of servers) await server.listen()
  const name = `bench-${performance.now()}`
  const polyfill = WebSocket as unknown as typeof globalThis.WebSocket
  const clients = servers.map((server) => {
    const socket = new HocuspocusProviderWebsocket({
      url: server.httpURL.replace(/^http/, 'ws').replace(/\/$/, ''),
      WebSocketPolyfill: polyfill,
    })
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: new Y.Doc(),
    })
    provider.attach()
    return { socket, provider }
  })
  await waitFor(() => clients.every((c) => c.provider.synced), {
    what: 'hocuspocus clients synced',
    timeoutMs: 15_000,
  })
  return {
    a: clients[0]!.provider.document,
    b: clients[1]!.provider.document,
    close: async () => {
      for (const { socket, provider } of clients) {
        provider.destroy()
        socket.destroy()
        provider.document.destroy()
      }
      for (const server of servers) await server.destroy()
    },
  }
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN
}

async function pingPong({ a, b }: Pair, redis: RedisClient): Promise<Record<string, number>> {
  // Reading the totals costs bytes too (the INFO replies): measured once here and subtracted.
  const first = await redisTotals(redis)
  const before = await redisTotals(redis)
  const readCost = before.bytes - first.bytes
  const sent = a.getArray<number>('bench')
  const seen = b.getArray<number>('bench')
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
  const after = await redisTotals(redis)
  return {
    p50Ms: Number(quantile(latencies, 0.5).toFixed(2)),
    p99Ms: Number(quantile(latencies, 0.99).toFixed(2)),
    redisOpsPerUpdate: Number(((after.ops - before.ops) / UPDATES).toFixed(2)),
    redisNetBytesPerUpdate: Number(((after.bytes - before.bytes - readCost) / UPDATES).toFixed(1)),
  }
}

interface Bench {
  readonly pair: Pair
  readonly redis: RedisClient
}

async function withRedis(redisUrl: string, make: () => Promise<Pair>): Promise<Bench> {
  const redis = createClient({ url: redisUrl })
  redis.on('error', () => {})
  await redis.connect()
  return { pair: await make(), redis }
}

async function teardown({ pair, redis }: Bench): Promise<void> {
  await pair.close()
  await redis.close()
}

/** Read when a case runs, so the module loads (and its contract is checked) without services. */
function services(): { databaseUrl: string; redisUrl: string } {
  const databaseUrl = process.env['DATABASE_URL']
  const redisUrl = process.env['REDIS_URL']
  if (!databaseUrl || !redisUrl) {
    throw new Error(
      'relay-cluster needs DATABASE_URL and REDIS_URL: run `eval "$(bash scripts/services.sh)"` first',
    )
  }
  return { databaseUrl, redisUrl }
}

export const scenario: BenchScenario = {
  name: 'relay-cluster',
  description: `per-edit latency (${UPDATES} sequential edits) on one node vs across two nodes via Redis`,
  cases: (
    [
      [
        'ours: same node (PostgreSQL + Redis configured)',
        ({ databaseUrl, redisUrl }: ReturnType<typeof services>) => pair(databaseUrl, redisUrl, 1),
      ],
      [
        'ours: across two nodes (PostgreSQL + Redis)',
        ({ databaseUrl, redisUrl }: ReturnType<typeof services>) => pair(databaseUrl, redisUrl, 2),
      ],
      [
        'hocuspocus + extension-redis: across two nodes',
        ({ redisUrl }: ReturnType<typeof services>) => hocuspocusPair(redisUrl),
      ],
    ] as const
  ).map(([name, make]) =>
    benchCase({
      name,
      setup: () => {
        const urls = services()
        return withRedis(urls.redisUrl, () => make(urls))
      },
      run: ({ pair, redis }) => pingPong(pair, redis),
      teardown,
      iterations: 3,
      warmup: 1,
    }),
  ),
}
