/**
 * Idle capacity and churn, ours vs @y/websocket-server vs Hocuspocus, each relay in its own
 * child process with its stock client (the plain-ws ceiling holds no document, so it is left
 * out). Idle: 200 rooms with one client each, then 10 each (2,000 connections); after a GC in
 * the relay, RSS per connection = Δ(2,000 − 200 connections) / 1,800 and RSS per room =
 * (RSS at 200 × 1 − baseline − 200 × per connection) / 200; heap per room likewise.
 * Every relay first opens and closes 200 throwaway rooms, and ours creates its boards (a REST
 * call each), before the baseline: without that, one-off process costs (V8's young generation
 * and malloc arenas growing to their working size, JIT code) were divided by 200 and read as
 * per-room memory — 129 KB for ours, whose baseline came before the 200 board creations. Churn: 5,000 open → sync → close
 * cycles over 50 rooms, then the rooms the relay still holds (goal 0) and heap growth after
 * GC. Sizes: RELAY_IDLE_ROOMS (200), RELAY_IDLE_PER_ROOM (10), RELAY_CHURN_CYCLES (5,000).
 */
import { benchCase, type BenchCase, type BenchScenario } from '../scenario'
import { startRelay, type BenchClient, type RelayKind } from '../peers/relays'

const ROOMS = Number(process.env.RELAY_IDLE_ROOMS ?? '200')
const PER_ROOM = Number(process.env.RELAY_IDLE_PER_ROOM ?? '10')
const CYCLES = Number(process.env.RELAY_CHURN_CYCLES ?? '5000')
const CHURN_ROOMS = 50
const KINDS: readonly RelayKind[] = ['ours', 'y-websocket', 'hocuspocus']
const MB = 2 ** 20
const round2 = (n: number) => Math.round(n * 100) / 100

async function waitUntil(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`)
    await new Promise((done) => setTimeout(done, 20))
  }
}

const settle = () => new Promise((done) => setTimeout(done, 500))

function idleCase(kind: RelayKind): BenchCase {
  return benchCase<null>({
    name: `idle ${kind} ${ROOMS} rooms × ${PER_ROOM}`,
    iterations: 1,
    warmup: 0,
    setup: () => null,
    run: async () => {
      const relay = await startRelay(kind)
      const clients: BenchClient[] = []
      try {
        for (let r = 0; r < ROOMS; r += 20) {
          const warm: BenchClient[] = []
          for (let i = r; i < r + 20; i++) warm.push((await relay.room(`warm-${i}`)).connect())
          await waitUntil(() => warm.every((c) => c.synced()), 'warm-up rooms')
          for (const client of warm) client.destroy()
        }
        const rooms = []
        for (let r = 0; r < ROOMS; r++) rooms.push(await relay.room(`idle-${r}`))
        await settle()
        await settle()
        const baseline = await relay.stats(true)
        for (const room of rooms) clients.push(room.connect())
        await waitUntil(() => clients.every((c) => c.synced()), 'first client per room')
        await settle()
        const one = await relay.stats(true)
        for (const room of rooms) for (let i = 1; i < PER_ROOM; i++) clients.push(room.connect())
        await waitUntil(() => clients.every((c) => c.synced()), 'all connections')
        await settle()
        const all = await relay.stats(true)
        const extra = ROOMS * (PER_ROOM - 1)
        const perConnection = (all.rss - one.rss) / extra
        const perRoom = (one.rss - baseline.rss - ROOMS * perConnection) / ROOMS
        const heapPerConnection = (all.heapUsed - one.heapUsed) / extra
        const heapPerRoom = (one.heapUsed - baseline.heapUsed - ROOMS * heapPerConnection) / ROOMS
        return {
          connections: clients.length,
          rssKBPerConnection: round2(perConnection / 1024),
          rssKBPerRoom: round2(perRoom / 1024),
          heapKBPerConnection: round2(heapPerConnection / 1024),
          heapKBPerRoom: round2(heapPerRoom / 1024),
          rssMBTotal: round2(all.rss / MB),
        }
      } finally {
        for (const client of clients) client.destroy()
        await relay.close()
      }
    },
  })
}

function churnCase(kind: RelayKind): BenchCase {
  return benchCase<null>({
    name: `churn ${kind} ${CYCLES} open/close`,
    iterations: 1,
    warmup: 0,
    setup: () => null,
    run: async () => {
      const relay = await startRelay(kind)
      try {
        const rooms = []
        for (let r = 0; r < CHURN_ROOMS; r++) rooms.push(await relay.room(`churn-${r}`))
        // Warm up every room once, then measure from a collected heap.
        for (const room of rooms) {
          const client = room.connect()
          await waitUntil(() => client.synced(), 'warm-up sync')
          client.destroy()
        }
        await settle()
        const before = await relay.stats(true)
        const started = Date.now()
        // Ten sockets at a time, each cycle: open, wait for sync, close.
        for (let cycle = 0; cycle < CYCLES; cycle += 10) {
          const batch = rooms
            .slice(cycle % CHURN_ROOMS, (cycle % CHURN_ROOMS) + 10)
            .map((room) => room.connect())
          await waitUntil(() => batch.every((c) => c.synced()), 'churn sync')
          for (const client of batch) client.destroy()
        }
        const elapsed = (Date.now() - started) / 1000
        await settle()
        await settle()
        const after = await relay.stats(true)
        return {
          cyclesPerS: Math.round(CYCLES / elapsed),
          roomsLeft: after.rooms,
          heapGrowthMB: round2((after.heapUsed - before.heapUsed) / MB),
          rssGrowthMB: round2((after.rss - before.rss) / MB),
        }
      } finally {
        await relay.close()
      }
    },
  })
}

export const scenario: BenchScenario = {
  name: 'relay-capacity',
  description: `idle capacity (${ROOMS} rooms × ${PER_ROOM}) and churn (${CYCLES} cycles): ours vs @y/websocket-server vs Hocuspocus`,
  cases: [...KINDS.map(idleCase), ...KINDS.map(churnCase)],
}
