/**
 * Awareness storm: rooms of 10 and 50 clients, every client moving its cursor at 30 Hz through
 * its provider's awareness (`setLocalStateField('cursor', …)`), ours vs @y/websocket-server vs
 * Hocuspocus, each relay in its own process with its stock client. Figures (medians over the
 * rounds): relay egress bytes/s (what all clients received), cursor p50 / p99 sender→receiver
 * (open loop: the state carries its scheduled time), relay CPU per second.
 * RELAY_BENCH_SECONDS (3) and RELAY_BENCH_ROUNDS (2) size a case.
 */
import { performance } from 'node:perf_hooks'
import { benchCase, type BenchCase, type BenchScenario } from '../scenario'
import { startRelay, type BenchClient, type Relay, type RelayKind } from '../peers/relays'

const SECONDS = Number(process.env.RELAY_BENCH_SECONDS ?? '3')
const ROUNDS = Number(process.env.RELAY_BENCH_ROUNDS ?? '2')
const HZ = 30
const KINDS: readonly RelayKind[] = ['ours', 'y-websocket', 'hocuspocus']
const round2 = (n: number) => Math.round(n * 100) / 100

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`)
    await new Promise((done) => setTimeout(done, 20))
  }
}

interface Input {
  relay: Relay
  clients: BenchClient[]
  rounds: { egress: number; p50: number; p99: number; cpu: number }[]
}

function stormCase(kind: RelayKind, size: number): BenchCase {
  return benchCase<Input>({
    name: `${kind} ${size} cursors`,
    iterations: ROUNDS,
    warmup: 0,
    setup: async () => {
      const relay = await startRelay(kind)
      const room = await relay.room(`cursors-${size}`)
      const clients = Array.from({ length: size }, () => room.connect())
      await waitUntil(() => clients.every((c) => c.synced()), 'synced')
      return { relay, clients, rounds: [] }
    },
    run: async (input) => {
      const { relay, clients } = input
      const latencies: number[] = []
      const stops = clients.map((client) => {
        const awareness = client.awareness!
        const onChange = ({ updated }: { updated: number[] }) => {
          const now = performance.now()
          for (const id of updated) {
            if (id === awareness.clientID) continue
            const cursor = awareness.getStates().get(id)?.cursor as { t?: number } | undefined
            if (typeof cursor?.t === 'number') latencies.push(now - cursor.t)
          }
        }
        awareness.on('change', onChange)
        return () => awareness.off('change', onChange)
      })
      const bytesBefore = clients.reduce((sum, c) => sum + c.bytesIn(), 0)
      const before = await relay.stats()
      const started = performance.now()
      const period = 1000 / HZ
      const total = Math.floor(SECONDS * HZ)
      await new Promise<void>((done) => {
        let k = 0
        const tick = () => {
          const now = performance.now()
          while (k < total && started + k * period <= now) {
            const due = started + k * period
            clients.forEach((c, i) =>
              c.awareness!.setLocalStateField('cursor', {
                x: (k * 3 + i) % 2000,
                y: k % 900,
                t: due,
              }),
            )
            k++
          }
          if (k >= total) done()
          else setTimeout(tick, Math.max(0, started + k * period - performance.now()))
        }
        tick()
      })
      await new Promise((done) => setTimeout(done, 300))
      const after = await relay.stats()
      for (const stop of stops) stop()
      const elapsed = (performance.now() - started) / 1000
      const egress = (clients.reduce((sum, c) => sum + c.bytesIn(), 0) - bytesBefore) / elapsed
      input.rounds.push({
        egress,
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
        cpu: (after.cpuMs - before.cpuMs) / elapsed,
      })
      const med = (pick: (r: Input['rounds'][number]) => number) =>
        quantile(input.rounds.map(pick), 0.5)
      return {
        egressKBps: Math.round(med((r) => r.egress) / 1024),
        p50Ms: round2(med((r) => r.p50)),
        p99Ms: round2(med((r) => r.p99)),
        relayCpuMsPerS: Math.round(med((r) => r.cpu)),
      }
    },
    teardown: async ({ relay, clients }) => {
      for (const client of clients) client.destroy()
      await relay.close()
    },
  })
}

export const scenario: BenchScenario = {
  name: 'relay-awareness',
  description: `awareness storm: 10 / 50 cursors at 30 Hz, ours vs @y/websocket-server vs Hocuspocus`,
  cases: [10, 50].flatMap((size) => KINDS.map((kind) => stormCase(kind, size))),
}
