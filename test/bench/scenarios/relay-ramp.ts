/**
 * Saturation ramp (issue 7: "deliveries/s at which p99 passes 50 ms"), ours vs
 * @y/websocket-server vs Hocuspocus vs the plain `ws` byte relay (the ceiling), each relay in its
 * own child process with its stock client (test/bench/peers/relays.ts), loopback, compression
 * off. One room of RELAY_RAMP_CLIENTS clients (10); a growing number of draggers each send a
 * ≈50-byte Y.Map move update at 30 Hz (the relay-fanout update). Dragger d is client d mod N
 * moving its own note `note-d`, so past N draggers a client moves several notes, one
 * transaction (one update) each. Draggers are phase-spread over the 33 ms period, as real
 * people are, so a step measures throughput rather than the absorption of one burst.
 *
 * Each step lasts RELAY_RAMP_SECONDS (2). Latency is open-loop: every update carries its
 * *scheduled* send time, so a sender that falls behind shows up as latency. A step passes when
 * p99 sender→receiver ≤ 50 ms and ≥ 99 % of the expected deliveries (sends × (N − 1)) arrive
 * within a second after the last send. A failing step is run again, up to three times in all
 * (after the backlog drains each time), so one GC or a neighbour's build on the shared box does
 * not end a ramp: a step fails when all three runs fail, which a saturated relay does and a
 * stall seldom does. Then one step at the geometric middle between the last pass and the
 * failure narrows the gap. The saturation throughput is the achieved deliveries/s of the
 * highest passing step; the figures also name the step that broke it.
 *
 * Caveat, why clientCpu is a figure: all N clients live in this one Node process (one event
 * loop, one core) and share the two cores with the relay, so the clients can saturate before a
 * relay does. clientCpu / relayCpu are % of one core over the step; a client near 100 % means
 * the ceiling measured is the bench client's, not the relay's (on the 2-core box it was, for
 * plain-ws and both peers: docs/benchmarks.md, "Saturation ramp").
 * clientLag is the longest event-loop delay of the client process in the step: a failing step
 * with low CPU, p50 of a few ms and a long lag was a stall on the shared box, not saturation.
 */
import { loadavg } from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type * as Y from 'yjs'
import { benchCase, type BenchCase, type BenchScenario, type Figures } from '../scenario'
import { RELAYS, startRelay, type BenchClient, type Relay, type RelayKind } from '../peers/relays'

const CLIENTS = Number(process.env.RELAY_RAMP_CLIENTS ?? '10')
const SECONDS = Number(process.env.RELAY_RAMP_SECONDS ?? '2')
/** RELAY_RAMP_RELAYS=ours,plain-ws runs only those (a quicker look at one change). */
const ONLY = (process.env.RELAY_RAMP_RELAYS ?? '').split(',').filter((r) => r !== '')
const RAMPED = RELAYS.filter((r) => ONLY.length === 0 || ONLY.includes(r))
const HZ = 30
const P99_LIMIT_MS = 50
const MIN_DELIVERED = 0.99
/** Offered load in draggers; ×1.33–4 apart, then one refinement step between pass and fail. */
const LADDER = [1, 4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256] as const
/** Runs of a failing step before it counts as failed (the shared box stalls now and then). */
const ATTEMPTS = 3
/** A relay's ramp stops starting new steps after this long (keeps four relays under ~4 min). */
const RAMP_BUDGET_MS = 60_000
const TAIL_MS = 1_000

type Point = { x: number; y: number; t: number }

interface Step {
  readonly draggers: number
  readonly offeredPerS: number
  readonly deliveriesPerS: number
  readonly delivered: number
  readonly p50: number
  readonly p99: number
  readonly clientCpu: number
  readonly relayCpu: number
  /** Longest event-loop delay of this (client) process in the step: its own stalls. */
  readonly clientLagMs: number
  readonly passed: boolean
}

interface Ramp {
  readonly saturation: Step | null
  readonly broke: Step | null
}

const ramps = new Map<RelayKind, Ramp>()

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

const round2 = (n: number) => Math.round(n * 100) / 100
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

async function waitUntil(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`)
    await sleep(20)
  }
}

interface Input {
  relay: Relay
  clients: BenchClient[]
  /** Remote map events seen by any client, ever: flat for a while = the pipes are drained. */
  seen: () => number
  /** Collects this step's arrivals: updates scheduled at or after `since`. */
  collect: (since: number) => { latencies: number[]; last: () => number; stop: () => void }
}

async function setup(kind: RelayKind): Promise<Input> {
  const relay = await startRelay(kind)
  const room = await relay.room(`ramp-${CLIENTS}`)
  const clients: BenchClient[] = []
  for (let i = 0; i < CLIENTS; i++) clients.push(room.connect())
  await waitUntil(() => clients.every((c) => c.synced()), `${kind}: clients synced`)
  let seen = 0
  let sink: ((latency: number) => void) | null = null
  let since = Infinity
  for (const client of clients) {
    const map = client.doc.getMap<Point>('drag')
    map.observe((event: Y.YMapEvent<Point>) => {
      if (event.transaction.local) return
      const now = performance.now()
      for (const changed of event.keysChanged) {
        seen++
        const value = map.get(changed)
        // Stragglers of the previous step (scheduled before this one began) are not counted.
        if (value && value.t >= since) sink?.(now - value.t)
      }
    })
  }
  return {
    relay,
    clients,
    seen: () => seen,
    collect: (from) => {
      const latencies: number[] = []
      let last = performance.now()
      since = from
      sink = (latency) => {
        latencies.push(latency)
        last = performance.now()
      }
      return {
        latencies,
        last: () => last,
        stop: () => {
          sink = null
          since = Infinity
        },
      }
    },
  }
}

/** Waits until no client has seen a remote update for 300 ms (at most 5 s). */
async function drain(input: Input): Promise<void> {
  const deadline = performance.now() + 5_000
  let count = input.seen()
  let quietSince = performance.now()
  while (performance.now() < deadline && performance.now() - quietSince < 300) {
    await sleep(50)
    if (input.seen() !== count) {
      count = input.seen()
      quietSince = performance.now()
    }
  }
}

async function step(input: Input, draggers: number): Promise<Step> {
  const { relay, clients } = input
  await drain(input)
  const period = 1000 / HZ
  const sends = Math.floor(SECONDS * HZ) * draggers
  const expected = sends * (clients.length - 1)
  const gap = period / draggers
  const relayBefore = await relay.stats()
  const cpuBefore = process.cpuUsage()
  const lag = monitorEventLoopDelay({ resolution: 10 })
  lag.enable()
  const started = performance.now()
  const arrivals = input.collect(started)
  // Open loop, phase-spread: send j (dragger j mod D, move ⌊j / D⌋) is due at started + j·gap.
  await new Promise<void>((done) => {
    let j = 0
    const tick = () => {
      const now = performance.now()
      while (j < sends && started + j * gap <= now) {
        const d = j % draggers
        const k = Math.floor(j / draggers)
        const doc = clients[d % clients.length]!.doc
        const due = started + j * gap
        doc.transact(() => {
          doc.getMap('drag').set(`note-${d}`, { x: k % 1000, y: (k * 7) % 1000, t: due })
        })
        j++
      }
      if (j >= sends) done()
      else setTimeout(tick, Math.max(0, started + j * gap - performance.now()))
    }
    tick()
  })
  const sentAt = performance.now()
  while (arrivals.latencies.length < expected && performance.now() - sentAt < TAIL_MS) {
    await sleep(10)
  }
  const cpu = process.cpuUsage(cpuBefore)
  const ended = performance.now()
  lag.disable()
  const relayAfter = await relay.stats()
  arrivals.stop()
  const { latencies } = arrivals
  // Rate over the window in which this step's deliveries arrived (sending time plus its tail).
  const window = Math.max(SECONDS * 1000, arrivals.last() - started)
  const delivered = latencies.length / expected
  const p99 = quantile(latencies, 0.99)
  return {
    draggers,
    offeredPerS: Math.round(draggers * HZ * (clients.length - 1)),
    deliveriesPerS: Math.round((latencies.length / window) * 1000),
    delivered: round2(delivered),
    p50: round2(quantile(latencies, 0.5)),
    p99: round2(p99),
    clientCpu: Math.round(((cpu.user + cpu.system) / 1000 / (ended - started)) * 100),
    relayCpu: Math.round(((relayAfter.cpuMs - relayBefore.cpuMs) / (ended - started)) * 100),
    clientLagMs: Math.round(lag.max / 1e6),
    passed: p99 <= P99_LIMIT_MS && delivered >= MIN_DELIVERED,
  }
}

function log(kind: RelayKind, s: Step, note = ''): void {
  console.error(
    `    ${kind} ${String(s.draggers).padStart(3)} draggers: offered ${s.offeredPerS}/s, ` +
      `achieved ${s.deliveriesPerS}/s, delivered ${s.delivered}, p50 ${s.p50} p99 ${s.p99} ms, ` +
      `client CPU ${s.clientCpu} %, relay CPU ${s.relayCpu} %, client lag ${s.clientLagMs} ms${s.passed ? '' : ' FAIL'}${note}`,
  )
}

/**
 * Up to ATTEMPTS runs of one step; the first pass ends it. Otherwise the best failing attempt
 * (lowest p99) is returned: even that one broke the limit.
 */
async function attempt(input: Input, kind: RelayKind, draggers: number, note = ''): Promise<Step> {
  let best: Step | null = null
  for (let i = 0; i < ATTEMPTS; i++) {
    const result = await step(input, draggers)
    log(kind, result, `${note}${i > 0 ? ` (attempt ${i + 1})` : ''}`)
    if (result.passed) return result
    if (!best || result.p99 < best.p99) best = result
  }
  return best!
}

async function ramp(input: Input, kind: RelayKind): Promise<Ramp> {
  const deadline = performance.now() + RAMP_BUDGET_MS
  let saturation: Step | null = null
  let broke: Step | null = null
  for (const draggers of LADDER) {
    if (performance.now() > deadline) break
    const result = await attempt(input, kind, draggers)
    if (!result.passed) {
      broke = result
      break
    }
    saturation = result
  }
  // One step between the last pass and the failure (geometric middle) narrows the answer.
  if (saturation && broke) {
    const middle = Math.round(Math.sqrt(saturation.draggers * broke.draggers))
    if (middle > saturation.draggers && middle < broke.draggers) {
      const result = await attempt(input, kind, middle, ' (refine)')
      if (result.passed) saturation = result
      else broke = result
    }
  }
  return { saturation, broke }
}

function rampCase(kind: RelayKind): BenchCase {
  return benchCase<Input>({
    name: `${kind} ${CLIENTS} clients`,
    iterations: 1,
    warmup: 0,
    setup: () => setup(kind),
    run: async (input) => {
      const result = await ramp(input, kind)
      ramps.set(kind, result)
      const { saturation: sat, broke } = result
      const figures: Record<string, number> = {
        saturationPerS: sat?.deliveriesPerS ?? 0,
        satDraggers: sat?.draggers ?? 0,
        satP99Ms: sat?.p99 ?? NaN,
        satClientCpu: sat?.clientCpu ?? NaN,
        satRelayCpu: sat?.relayCpu ?? NaN,
        satClientLagMs: sat?.clientLagMs ?? NaN,
        // 0 = never broke within the ladder / time budget: saturation is then a lower bound.
        breakDraggers: broke?.draggers ?? 0,
        breakOfferedPerS: broke?.offeredPerS ?? 0,
        breakPerS: broke?.deliveriesPerS ?? 0,
        breakP99Ms: broke?.p99 ?? NaN,
        breakDelivered: broke?.delivered ?? NaN,
        breakClientCpu: broke?.clientCpu ?? NaN,
        breakRelayCpu: broke?.relayCpu ?? NaN,
        breakClientLagMs: broke?.clientLagMs ?? NaN,
        // The box is shared: the 1-minute load average when this relay's ramp ended.
        load1: round2(loadavg()[0] ?? NaN),
      }
      return figures as Figures
    },
    teardown: async ({ relay, clients }) => {
      for (const client of clients) client.destroy()
      await relay.close()
      await sleep(500)
    },
  })
}

const ratios = benchCase<null>({
  name: 'ratios ours / peer (saturation deliveries/s)',
  iterations: 1,
  warmup: 0,
  setup: () => null,
  run: () => {
    const figures: Record<string, number> = {}
    const ours = ramps.get('ours')?.saturation?.deliveriesPerS ?? NaN
    for (const peer of ['y-websocket', 'hocuspocus', 'plain-ws'] as const) {
      const other = ramps.get(peer)?.saturation?.deliveriesPerS ?? NaN
      figures[`ours/${peer}`] = round2(ours / other)
    }
    return figures as Figures
  },
})

export const scenario: BenchScenario = {
  name: 'relay-ramp',
  description:
    `saturation ramp: deliveries/s at which p99 passes ${P99_LIMIT_MS} ms, ${CLIENTS} clients, ` +
    `draggers ${LADDER.join('/')} at ${HZ} Hz, ${SECONDS} s steps (ours, y-websocket, hocuspocus, plain-ws)`,
  cases: [...RAMPED.map(rampCase), ratios],
}
