/**
 * The measuring frame of the hostile-editors test (issue 12 items 1–5). A server child that
 * reports its own event-loop lag and RSS (fixtures/lag-server.ts); a clean board B whose two
 * stock clients type and measure the echo in a process of their own (fixtures/echo-probe.ts),
 * so nothing the attacker does in the test process is counted against the relay; and
 * `underAttack`, which runs one attack on board A while B types and returns every figure.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { createNote } from '../../core/board/commands/index'
import { type EpochMs } from '../../core/okr/okr-model'
import { DATABASE_FILE } from '../../server/main'
import { SqliteStore } from '../../server/storage/sqlite-store'
import { createBoard, waitFor, type CreatedBoard } from '../helpers/server'
import { boardSocketUrl } from '../helpers/clients'
import { closeClient, connectClient, sleep, spawnFixture, type Fixture } from './fault-helpers'

type Cleanups = { push(cleanup: () => unknown): unknown }

export interface AttackedServer {
  readonly srv: Fixture
  readonly dataDir: string
  /** Board B: the clean board the probe types on. */
  readonly clean: CreatedBoard
  readonly probe: Fixture
  /** An idle process measuring its own lag: what the (shared) machine alone costs meanwhile. */
  readonly control: Fixture
}

/** A lag-server child on a fresh data directory, and the echo probe on a clean board of it. */
export async function attackedServer(
  cleanups: Cleanups,
  env: Readonly<Record<string, string>> = {},
): Promise<AttackedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stretchboard-hostile-'))
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
  const srv = await serverOn(cleanups, dataDir, env)
  const clean = await createBoard(srv.url, 'clean board B')
  const probe = await spawnFixture(
    'echo-probe',
    {
      WS_URL: srv.wsUrl,
      BOARD_ID: clean.id,
      EDIT_TOKEN: clean.editToken,
      VIEW_TOKEN: clean.viewToken,
    },
    { ready: 'ready' },
  )
  cleanups.push(() => probe.child.kill('SIGKILL'))
  const control = await spawnFixture('lag-control', {}, { ready: 'ready' })
  cleanups.push(() => control.child.kill('SIGKILL'))
  return { srv, dataDir, clean, probe, control }
}

/** A lag-server child on `dataDir` (a restart passes the old one). */
export async function serverOn(
  cleanups: Cleanups,
  dataDir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<Fixture> {
  const srv = await spawnFixture('lag-server', { DATA_DIR: dataDir, ...env })
  cleanups.push(() => srv.child.exitCode === null && srv.child.kill('SIGKILL'))
  return srv
}

export interface Figures {
  readonly attackMs: number
  readonly keystrokes: number
  readonly lost: number
  readonly echoP50Ms: number
  readonly echoP99Ms: number
  readonly echoMaxMs: number
  readonly lagP99Ms: number
  readonly lagMaxMs: number
  readonly idleLagP99Ms: number
  readonly idleLagMaxMs: number
  readonly rssBeforeMb: number
  readonly rssPeakMb: number
  readonly rssGrowthMb: number
  readonly load1: number
}

const round = (value: number) => Math.round(value * 10) / 10

/**
 * Runs `attack` against the server while board B types (from a quarter second before to a
 * quarter second after), then waits for every keystroke to arrive.
 */
export async function underAttack<T>(
  target: AttackedServer,
  attack: () => Promise<T>,
): Promise<{ result: T; figures: Figures; textEqual: boolean }> {
  const before = await target.srv.ask('lag', 'lag') // also resets the histogram and the peak
  await target.control.ask('lag', 'lag')
  await target.probe.ask('start', 'started')
  await sleep(250)
  const started = Date.now()
  const result = await attack()
  const attackMs = Date.now() - started
  await sleep(250)
  const echo = await target.probe.ask('stop', 'stopped')
  const after = await target.srv.ask('lag', 'lag')
  const idle = await target.control.ask('lag', 'lag')
  const rssBefore = Number(before.rssMb)
  return {
    result,
    textEqual: echo.textEqual === true,
    figures: {
      attackMs,
      keystrokes: Number(echo.sent),
      lost: Number(echo.lost),
      echoP50Ms: Number(echo.p50Ms),
      echoP99Ms: Number(echo.p99Ms),
      echoMaxMs: Number(echo.maxMs),
      lagP99Ms: round(Number(after.p99Ms)),
      lagMaxMs: round(Number(after.maxMs)),
      idleLagP99Ms: round(Number(idle.p99Ms)),
      idleLagMaxMs: round(Number(idle.maxMs)),
      rssBeforeMb: Math.round(rssBefore),
      rssPeakMb: Math.round(Number(after.rssPeakMb)),
      rssGrowthMb: Math.round(Number(after.rssPeakMb) - rssBefore),
      load1: round(loadavg()[0]!),
    },
  }
}

export interface Outcome {
  /** The close code, or 0 when the server answered instead (or neither came in time). */
  readonly code: number
  readonly reason: string
  /** True when a sync step 2 came back before any close: what was sent before it was applied. */
  readonly answered: boolean
  /** Bytes the server sent before the socket ended. */
  readonly received: number
}

/** `[3]`: the server answers at once with everyone's presence, so it has read what came before. */
export const QUERY_AWARENESS = Uint8Array.of(3)
export const isAwareness = (message: Uint8Array) => message[0] === 1
/** A sync step 2: the answer to a step 1, queued in the board's lane behind earlier updates. */
export const isSyncReply = (message: Uint8Array) => message[0] === 0 && message[1] === 1

/** A raw socket on one board that tells what the server did with what it was sent. */
export interface Attacker {
  /** Sends `frames`; true once a message matching `answer` arrives, false on a close or timeout. */
  send(
    frames: readonly Uint8Array[],
    answer: (message: Uint8Array) => boolean,
    timeoutMs?: number,
  ): Promise<boolean>
  readonly closed: Promise<{ readonly code: number; readonly reason: string }>
  isClosed(): boolean
  /** Bytes the server has sent so far. */
  received(): number
  end(): void
}

/** Opens a raw socket on a board (rejects if the upgrade is refused). */
export async function openAttacker(
  wsUrl: string,
  board: { readonly id: string },
  token: string,
): Promise<Attacker> {
  const ws = new WebSocket(boardSocketUrl(wsUrl, board.id, token))
  ws.on('error', () => undefined)
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done())
    ws.once('unexpected-response', (_req, res) => fail(new Error(`upgrade ${res.statusCode}`)))
  })
  let received = 0
  let isClosed = false
  const listeners = new Set<(message: Uint8Array) => void>()
  ws.on('message', (data: Buffer) => {
    received += data.byteLength
    for (const listener of [...listeners]) listener(data)
  })
  const closed = new Promise<{ code: number; reason: string }>((done) =>
    ws.once('close', (code, reason) => {
      isClosed = true
      done({ code, reason: reason.toString() })
    }),
  )
  return {
    send: (frames, answer, timeoutMs = 60_000) =>
      new Promise<boolean>((done) => {
        const finish = (answered: boolean) => {
          clearTimeout(timer)
          listeners.delete(onMessage)
          done(answered)
        }
        const onMessage = (message: Uint8Array) => answer(message) && finish(true)
        const timer = setTimeout(() => finish(false), timeoutMs)
        listeners.add(onMessage)
        void closed.then(() => finish(false))
        for (const frame of frames) ws.send(frame)
      }),
    closed,
    isClosed: () => isClosed,
    received: () => received,
    end: () => ws.terminate(),
  }
}

/**
 * Opens a raw socket, sends `frames` and resolves with what the server did: closed the socket
 * (code and reason), or, with `reply`, answered the sync step 1 the frames end with (the reply
 * waits in the board's lane behind the frames before it, so they were applied).
 */
export async function exchange(
  wsUrl: string,
  board: { readonly id: string },
  token: string,
  frames: readonly Uint8Array[],
  { reply = false, timeoutMs = 60_000 } = {},
): Promise<Outcome> {
  const attacker = await openAttacker(wsUrl, board, token)
  const answered = await attacker.send(frames, reply ? isSyncReply : () => false, timeoutMs)
  const closed = !answered && attacker.isClosed() ? await attacker.closed : null
  attacker.end()
  return {
    code: closed?.code ?? 0,
    reason: closed?.reason ?? '',
    answered,
    received: attacker.received(),
  }
}

/** Whether every socket was closed with `code` and a reason matching `reason`. */
export function everyClose(
  outcomes: readonly { readonly code: number; readonly reason: string }[],
  code: number,
  reason: RegExp,
): boolean {
  return outcomes.every((o) => o.code === code && reason.test(o.reason))
}

/** Counts of close codes, as "1007×12 4413×3", for the report line. */
export function tally(closes: readonly { readonly code: number }[]): string {
  const counts = new Map<number, number>()
  for (const { code } of closes) counts.set(code, (counts.get(code) ?? 0) + 1)
  return [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([code, n]) => `${code}x${n}`)
    .join(' ')
}

/**
 * One of the server's Prometheus samples, by name (its first series) or by name and labels as
 * printed (`name{reason="slow-reader"}`); 0 for a labelled series not counted yet.
 */
export async function metric(url: string, series: string): Promise<number> {
  // Once more if a kept-alive connection was closed by the server just as it was reused.
  const text = await fetch(`${url}/metrics`)
    .catch(() => fetch(`${url}/metrics`))
    .then((response) => response.text())
  const labelled = series.includes('{')
  const pattern =
    series.replace(/[{}.*+?^$()|[\]\\]/g, '\\$&') + (labelled ? '' : '(?:\\{[^}]*\\})?')
  const match = new RegExp(`^${pattern} (\\S+)$`, 'm').exec(text)
  return Number(match?.[1] ?? (labelled ? 0 : NaN))
}

export async function putSnapshot(
  url: string,
  board: CreatedBoard,
  bytes: Uint8Array,
): Promise<{ status: number; code: string; message: string; retryAfter: string | null }> {
  const response = await fetch(`${url}/api/boards/${board.id}/snapshot`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${board.editToken}`,
      'content-type': 'application/octet-stream',
    },
    body: Buffer.from(bytes),
  })
  const body = (await response.json()) as { error?: { code: string; message: string } }
  return {
    status: response.status,
    code: body.error?.code ?? '',
    message: body.error?.message ?? '',
    retryAfter: response.headers.get('retry-after'),
  }
}

export async function getSnapshot(
  url: string,
  board: CreatedBoard,
): Promise<{ status: number; bytes: Uint8Array }> {
  const response = await fetch(`${url}/api/boards/${board.id}/snapshot`, {
    headers: { authorization: `Bearer ${board.viewToken}` },
  })
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) }
}

/** A stock client's edit on `board` reaches another stock client: the board still serves. */
export async function boardServes(wsUrl: string, board: CreatedBoard): Promise<void> {
  const writer = connectClient(wsUrl, board.id, board.editToken)
  const reader = connectClient(wsUrl, board.id, board.viewToken)
  try {
    await waitFor(() => writer.provider.synced && reader.provider.synced, { timeoutMs: 20_000 })
    const note = { id: 'after-attack', x: 1, y: 1, author: 'team', createdAt: 1 as EpochMs }
    createNote(writer.doc, note, 'team')
    await waitFor(() => reader.doc.getMap('notes').has('after-attack'), {
      what: 'an edit after the attack',
      timeoutMs: 20_000,
    })
  } finally {
    closeClient(writer)
    closeClient(reader)
  }
}

export interface Opens {
  readonly opened: WebSocket[]
  /** Refused upgrades by HTTP status. */
  readonly statuses: Map<number, number>
  readonly missingRetryAfter: number
  /** Connections the server closed before answering (the per-address connection cap). */
  readonly reset: number
}

/** Runs `one(i)` for i < count, `atOnce` at a time (each wave waits for the one before). */
export async function inWaves<T>(
  count: number,
  atOnce: number,
  one: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = []
  for (let start = 0; start < count; start += atOnce) {
    const wave = Array.from({ length: Math.min(atOnce, count - start) }, (_, i) => one(start + i))
    results.push(...(await Promise.all(wave)))
  }
  return results
}

/** Opens `count` sockets on a board, `atOnce` at a time; counts the refused upgrades by status. */
export async function openMany(
  wsUrl: string,
  board: CreatedBoard,
  count: number,
  atOnce: number,
): Promise<Opens> {
  const opened: WebSocket[] = []
  const statuses = new Map<number, number>()
  let missingRetryAfter = 0
  let reset = 0
  const one = () =>
    new Promise<void>((done) => {
      const ws = new WebSocket(boardSocketUrl(wsUrl, board.id, board.editToken))
      let answered = false
      ws.on('error', () => {
        if (!answered) reset++
        answered = true
        done()
      })
      ws.once('open', () => {
        answered = true
        opened.push(ws)
        done()
      })
      ws.once('unexpected-response', (_req, res) => {
        answered = true
        const status = res.statusCode ?? 0
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        if (!/^\d+$/.test(String(res.headers['retry-after']))) missingRetryAfter++
        res.resume()
        done()
      })
    })
  await inWaves(count, atOnce, one)
  return { opened, statuses, missingRetryAfter, reset }
}

/** What a stopped server's SQLite file holds for a board: its bytes and the document. */
export async function storedBoard(
  dataDir: string,
  boardId: string,
): Promise<{ bytes: number; doc: Y.Doc }> {
  const store = new SqliteStore(join(dataDir, DATABASE_FILE))
  const stored = await store.loadDoc(boardId)
  await store.close()
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates
  const doc = new Y.Doc()
  for (const part of parts) Y.applyUpdate(doc, part)
  return { bytes: parts.reduce((sum, part) => sum + part.byteLength, 0), doc }
}

/** `count` POST /api/boards from this address, `atOnce` at a time: each status and error. */
export function createMany(
  url: string,
  count: number,
  atOnce: number,
): Promise<{ status: number; retryAfter: string | null; code: string }[]> {
  const one = async () => {
    let response: Response
    try {
      response = await fetch(`${url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"title":"flood"}',
      })
    } catch {
      // The server closed the connection at accept (the per-address connection cap).
      return { status: 0, retryAfter: null, code: 'closed-at-accept' }
    }
    const body = (await response.json()) as { error?: { code: string } }
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      code: body.error?.code ?? '',
    }
  }
  return inWaves(count, atOnce, one)
}
