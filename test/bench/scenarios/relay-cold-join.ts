/**
 * Cold join from SQLite, on our relay and on the peers: a board of 1k / 10k / 50k notes is
 * stored, every client leaves so the board is unloaded, then one stock client joins (the
 * relay's own provider, as in relays.ts): time to `synced`, relay CPU for that join, relay RSS
 * after it; then 20 clients join the unloaded board at once, as raw sockets that send sync
 * step 1 and wait for the whole step 2 (20 decoded 50k-note docs would not fit this process;
 * the relay's work is the same).
 *
 * - ours: the board is restored through the snapshot API.
 * - y-websocket, hocuspocus: started with persistence on better-sqlite3 (BENCH_PERSIST, see
 *   peers/serve.ts); a stock client connects, writes the same notes in one transaction, waits
 *   until a row is stored and leaves; the peer then unloads the document. Raw joiners speak
 *   each relay's protocol (hocuspocus: its document-name prefix, auth then sync step 1, as its
 *   provider sends them).
 *
 * Figures are medians over the timed rounds (syncedMs, serverCpuMs, rssMB), plus the last
 * round's syncedMs; a peer's case adds ours/peer ratios when ours ran in the same run.
 * RELAY_COLD_SIZES overrides the sizes, RELAY_COLD_RELAYS the relays (comma-separated; default
 * ours,y-websocket,hocuspocus).
 */
import { performance } from 'node:perf_hooks'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket, type WebSocket as WebSocketType } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createNote } from '../../../core/board/commands/index'
import { type EpochMs } from '../../../core/okr/okr-model'
import { benchCase, type BenchCase, type BenchScenario, type Figures } from '../scenario'
import { startRelay, type BenchClient, type Relay } from '../peers/relays'

const COLD_RELAYS = ['ours', 'y-websocket', 'hocuspocus'] as const
type ColdRelay = (typeof COLD_RELAYS)[number]

const SIZES = (process.env.RELAY_COLD_SIZES ?? '1000,10000,50000').split(',').map(Number)
const PICKED = (process.env.RELAY_COLD_RELAYS ?? COLD_RELAYS.join(','))
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean)
for (const r of PICKED) {
  if (!(COLD_RELAYS as readonly string[]).includes(r))
    throw new Error(`RELAY_COLD_RELAYS: unknown relay "${r}" (${COLD_RELAYS.join(', ')})`)
}
const RELAYS = COLD_RELAYS.filter((r) => PICKED.includes(r))
/** Untimed first rounds of every case; its figures leave them out of the medians. */
const WARMUP = 1
const round2 = (n: number) => Math.round(n * 100) / 100

async function waitUntil(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 120_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`)
    await new Promise((done) => setTimeout(done, 10))
  }
}

function writeBoard(doc: Y.Doc, notes: number): void {
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
}

function boardOf(notes: number): Uint8Array {
  const doc = new Y.Doc()
  writeBoard(doc, notes)
  return Y.encodeStateAsUpdate(doc)
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

interface RawJoin {
  ws: WebSocketType
  /** Sync bytes received up to and including the sync step 2. */
  step2: Promise<number>
}

interface Round {
  syncedMs: number
  serverCpuMs: number
  rssMB: number
}

interface Input {
  relay: Relay
  connect: () => BenchClient
  rawJoin: () => RawJoin
  rounds: Round[]
}

/** Ours' medians by `${notes}×${joiners}`, for the peers' ratios in the same run. */
const oursMedians = new Map<string, Round>()

async function setupOurs(notes: number): Promise<Omit<Input, 'rounds'>> {
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
  const rawJoin = () => yWebsocketRawJoin(`${wsBase}/${board.id}?token=${board.editToken}`)
  return { relay, connect, rawJoin }
}

/** The y-websocket protocol (ours and the reference server): sync step 1 with an empty state. */
function yWebsocketRawJoin(url: string, options?: { perMessageDeflate: false }): RawJoin {
  const ws = new WebSocket(url, options)
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

/**
 * Hocuspocus's protocol: every message starts with the document name; the provider sends an
 * auth message (token, here empty: no onAuthenticate hook) then sync step 1, which the server
 * answers with its step 1 and the step 2 (as Sync or SyncReply messages).
 */
function hocuspocusRawJoin(url: string, room: string): RawJoin {
  const ws = new WebSocket(url, { perMessageDeflate: false })
  const message = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, room)
    write(encoder)
    return encoding.toUint8Array(encoder)
  }
  ws.on('open', () => {
    ws.send(
      message((e) => {
        encoding.writeVarUint(e, 2) // Auth
        encoding.writeVarUint(e, 0) // token
        encoding.writeVarString(e, '')
      }),
    )
    ws.send(
      message((e) => {
        encoding.writeVarUint(e, 0) // Sync
        encoding.writeVarUint(e, 0) // step 1
        encoding.writeVarUint8Array(e, Uint8Array.of(0)) // empty state vector
      }),
    )
  })
  let syncBytes = 0
  const step2 = new Promise<number>((done) =>
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(data)
      decoding.readVarString(decoder)
      const type = decoding.readVarUint(decoder)
      if (type !== 0 && type !== 4) return // Sync, SyncReply
      const step = decoding.readVarUint(decoder)
      if (step === 0) return
      syncBytes += data.byteLength
      if (step === 1) done(syncBytes)
    }),
  )
  return { ws, step2 }
}

/** A peer with SQLite persistence, seeded by its stock client and left to unload the board. */
async function setupPeer(
  kind: 'y-websocket' | 'hocuspocus',
  notes: number,
): Promise<Omit<Input, 'rounds'>> {
  const relay = await startRelay(kind, { persist: true })
  const name = `cold-${notes}`
  const room = await relay.room(name)
  const seed = room.connect()
  try {
    await waitUntil(() => seed.synced(), 'seed client synced')
    writeBoard(seed.doc, notes)
    // y-websocket appends the update as it arrives; hocuspocus stores 2 s (debounce) later.
    await waitUntil(async () => ((await relay.stats()).stored ?? 0) > 0, 'board stored')
  } finally {
    seed.destroy()
  }
  const wsBase = relay.url.replace(/^http/, 'ws')
  const rawJoin =
    kind === 'y-websocket'
      ? () => yWebsocketRawJoin(`${wsBase}/${name}`, { perMessageDeflate: false })
      : () => hocuspocusRawJoin(wsBase, name)
  return { relay, connect: () => room.connect(), rawJoin }
}

function coldCase(kind: ColdRelay, notes: number, joiners: number): BenchCase {
  const key = `${notes}×${joiners}`
  return benchCase<Input>({
    name: `${kind} cold join ${notes} notes × ${joiners}`,
    iterations: 5,
    warmup: WARMUP,
    setup: async () => ({
      ...(kind === 'ours' ? await setupOurs(notes) : await setupPeer(kind, notes)),
      rounds: [],
    }),
    run: async ({ relay, connect, rawJoin, rounds }) => {
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
      rounds.push({
        syncedMs,
        serverCpuMs: after.cpuMs - before.cpuMs,
        rssMB: after.rss / 2 ** 20,
      })
      // The runner keeps the last round's figures: make them the medians of the timed rounds.
      const timed = rounds.length > WARMUP ? rounds.slice(WARMUP) : rounds
      const med: Round = {
        syncedMs: median(timed.map((r) => r.syncedMs)),
        serverCpuMs: median(timed.map((r) => r.serverCpuMs)),
        rssMB: median(timed.map((r) => r.rssMB)),
      }
      const figures: Record<string, number> = {
        syncedMs: round2(med.syncedMs),
        serverCpuMs: round2(med.serverCpuMs),
        rssMB: round2(med.rssMB),
        lastSyncedMs: round2(syncedMs),
        rounds: timed.length,
      }
      if (kind === 'ours') oursMedians.set(key, med)
      else {
        const ours = oursMedians.get(key)
        if (ours) {
          figures.oursPerPeerSynced = round2(ours.syncedMs / med.syncedMs)
          figures.oursPerPeerCpu = round2(ours.serverCpuMs / med.serverCpuMs)
          figures.oursPerPeerRss = round2(ours.rssMB / med.rssMB)
        }
      }
      return figures as Figures
    },
    teardown: ({ relay }) => relay.close(),
  })
}

export const scenario: BenchScenario = {
  name: 'relay-cold-join',
  description:
    'cold join from SQLite: ours vs y-websocket and hocuspocus persisting to SQLite; 1k / 10k / 50k notes, 1 and 20 joiners',
  cases: SIZES.flatMap((n) =>
    [1, 20].flatMap((joiners) => RELAYS.map((kind) => coldCase(kind, n, joiners))),
  ),
}
