/**
 * Drag fan-out, our relay against the reference y-websocket server, Hocuspocus and a plain
 * `ws` byte relay (the ceiling), each in its own child process with its stock client, on
 * loopback, compression off. Rooms of 2 / 10 / 50 clients; 1 or 5 of them drag a note at 30 Hz
 * (a ≈50-byte Y.Map update each). Latency is open-loop: each update carries its *scheduled*
 * send time, so a stalled sender does not hide its own delay. Figures per case are medians over
 * the rounds: p50 / p99 sender→receiver ms, deliveries/s, server CPU ms per 1,000 deliveries.
 * The `ratios` case divides ours by each peer. RELAY_BENCH_SECONDS (default 3) sets a round.
 */
import { performance } from 'node:perf_hooks'
import type * as Y from 'yjs'
import { benchCase, type BenchCase, type BenchScenario, type Figures } from '../scenario'
import { RELAYS, startRelay, type BenchClient, type Relay, type RelayKind } from '../peers/relays'

const SECONDS = Number(process.env.RELAY_BENCH_SECONDS ?? '3')
const ROUNDS = Number(process.env.RELAY_BENCH_ROUNDS ?? '3')
const HZ = 30
/** RELAY_FANOUT_SHAPES=10x5,50x5 and RELAY_FANOUT_RELAYS=ours,y-websocket narrow a run. */
const PICK_SHAPES = (process.env.RELAY_FANOUT_SHAPES ?? '').split(',').filter((s) => s !== '')
const PICK_RELAYS = (process.env.RELAY_FANOUT_RELAYS ?? '').split(',').filter((r) => r !== '')
const ALL_SHAPES = [
  { clients: 2, draggers: 1 },
  { clients: 10, draggers: 1 },
  { clients: 10, draggers: 5 },
  { clients: 50, draggers: 1 },
  { clients: 50, draggers: 5 },
] as const
const SHAPES = ALL_SHAPES.filter(
  ({ clients, draggers }) =>
    PICK_SHAPES.length === 0 || PICK_SHAPES.includes(`${clients}x${draggers}`),
)
const PICKED = RELAYS.filter((r) => PICK_RELAYS.length === 0 || PICK_RELAYS.includes(r))

interface Round {
  readonly p50: number
  readonly p99: number
  readonly deliveriesPerSecond: number
  readonly cpuPer1000: number
}

const rounds = new Map<string, Round[]>()
const key = (kind: RelayKind, clients: number, draggers: number) =>
  `${kind} ${clients}c ${draggers}d`

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

const median = (values: number[]) => quantile(values, 0.5)
const round2 = (n: number) => Math.round(n * 100) / 100

async function waitUntil(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`)
    await new Promise((done) => setTimeout(done, 20))
  }
}

interface Input {
  relay: Relay
  clients: BenchClient[]
}

function fanoutCase(kind: RelayKind, clients: number, draggers: number): BenchCase {
  const name = key(kind, clients, draggers)
  return benchCase<Input>({
    name,
    iterations: ROUNDS,
    warmup: 0,
    setup: async () => {
      const relay = await startRelay(kind)
      const room = await relay.room(`drag-${clients}-${draggers}`)
      const list: BenchClient[] = []
      for (let i = 0; i < clients; i++) list.push(room.connect())
      await waitUntil(() => list.every((c) => c.synced()), `${name}: clients synced`)
      return { relay, clients: list }
    },
    run: async ({ relay, clients: list }) => {
      const latencies: number[] = []
      let deliveries = 0
      const observers = list.map((client) => {
        const map = client.doc.getMap<{ x: number; y: number; t: number }>('drag')
        const observer = (event: Y.YMapEvent<{ x: number; y: number; t: number }>) => {
          if (event.transaction.local) return
          const now = performance.now()
          for (const changed of event.keysChanged) {
            const value = map.get(changed)
            if (value) {
              latencies.push(now - value.t)
              deliveries++
            }
          }
        }
        map.observe(observer)
        return () => map.unobserve(observer)
      })
      const before = await relay.stats()
      const started = performance.now()
      const period = 1000 / HZ
      const total = Math.floor(SECONDS * HZ)
      // Open loop: send k is due at started + k·period whatever happened to send k-1.
      await new Promise<void>((done) => {
        let k = 0
        const tick = () => {
          const now = performance.now()
          while (k < total && started + k * period <= now) {
            const due = started + k * period
            for (let d = 0; d < draggers; d++) {
              const doc = list[d]!.doc
              doc.transact(() => {
                doc.getMap('drag').set(`note-${d}`, { x: k % 1000, y: (k * 7) % 1000, t: due })
              })
            }
            k++
          }
          if (k >= total) done()
          else setTimeout(tick, Math.max(0, started + k * period - performance.now()))
        }
        tick()
      })
      await new Promise((done) => setTimeout(done, 500)) // let the tail arrive
      const after = await relay.stats()
      for (const stop of observers) stop()
      const elapsed = (performance.now() - started) / 1000
      const roundFigures: Round = {
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
        deliveriesPerSecond: deliveries / elapsed,
        cpuPer1000: ((after.cpuMs - before.cpuMs) / Math.max(1, deliveries)) * 1000,
      }
      const all = rounds.get(name) ?? []
      all.push(roundFigures)
      rounds.set(name, all)
      const expected = total * draggers * (clients - 1)
      return {
        p50Ms: round2(median(all.map((r) => r.p50))),
        p99Ms: round2(median(all.map((r) => r.p99))),
        deliveriesPerS: Math.round(median(all.map((r) => r.deliveriesPerSecond))),
        cpuMsPer1000: round2(median(all.map((r) => r.cpuPer1000))),
        delivered: round2(deliveries / expected),
        rssMB: round2(after.rss / 2 ** 20),
      }
    },
    teardown: async ({ relay, clients: list }) => {
      for (const client of list) client.destroy()
      await relay.close()
    },
  })
}

const ratios = benchCase<null>({
  name: 'ratios ours / peer (median p99, deliveries/s, CPU per 1000)',
  iterations: 1,
  warmup: 0,
  setup: () => null,
  run: () => {
    const figures: Record<string, number> = {}
    const med = (name: string, pick: (r: Round) => number) =>
      median((rounds.get(name) ?? []).map(pick))
    for (const { clients, draggers } of SHAPES) {
      const ours = key('ours', clients, draggers)
      for (const peer of ['y-websocket', 'hocuspocus', 'plain-ws'] as const) {
        const other = key(peer, clients, draggers)
        const tag = `${clients}c${draggers}d/${peer}`
        figures[`p99 ${tag}`] = round2(med(ours, (r) => r.p99) / med(other, (r) => r.p99))
        figures[`cpu ${tag}`] = round2(
          med(ours, (r) => r.cpuPer1000) / med(other, (r) => r.cpuPer1000),
        )
      }
    }
    return figures as Figures
  },
})

export const scenario: BenchScenario = {
  name: 'relay-fanout',
  description: `drag fan-out: ours vs @y/websocket-server vs Hocuspocus vs plain ws (${SECONDS} s × ${ROUNDS} rounds)`,
  cases: [
    ...SHAPES.flatMap(({ clients, draggers }) =>
      PICKED.map((kind) => fanoutCase(kind, clients, draggers)),
    ),
    ratios,
  ],
}
