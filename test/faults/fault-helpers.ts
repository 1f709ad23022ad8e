/**
 * Shared pieces of the fault suite: sizes that grow under `npm run soak`, a seeded random
 * source, stock providers that report the storage status, free ports for restarts on the same
 * address, and board-level reads used to compare peers.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import * as decoding from 'lib0/decoding'
import * as prng from 'lib0/prng'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { messageStorageStatus } from '../../server/relay/protocol'

/** `npm run soak` sets this: the same faults, longer and bigger. */
export const SOAK = process.env.STRETCHBOARD_SOAK === '1'

/** A size from the environment (for quick local runs), the soak or the default. */
export function size(envName: string, normal: number, soak: number): number {
  const raw = process.env[envName]
  const n = raw === undefined ? NaN : Number(raw)
  return Number.isFinite(n) && n > 0 ? n : SOAK ? soak : normal
}

export const SEED = size('FAULT_SEED', 7, 7)

export function rng(seed: number): prng.PRNG {
  return prng.create(seed)
}

export interface StorageStatus {
  readonly saved: boolean
  readonly unsaved: number
}

export interface Client {
  readonly provider: WebsocketProvider
  readonly doc: Y.Doc
  readonly statuses: StorageStatus[]
}

/** A stock y-websocket provider in Node, with our storage-status message (type 100) decoded. */
export function connectClient(
  wsUrl: string,
  boardId: string,
  token: string,
  doc: Y.Doc = new Y.Doc(),
  options: { readonly connect?: boolean } = {},
): Client {
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    // Reconnect quickly after a restart; the default backoff caps at 2.5 s.
    maxBackoffTime: 500,
  })
  const statuses: StorageStatus[] = []
  provider.messageHandlers[messageStorageStatus] = (_encoder, decoder) => {
    statuses.push({
      saved: decoding.readVarUint(decoder) === 1,
      unsaved: decoding.readVarUint(decoder),
    })
  }
  return { provider, doc, statuses }
}

/** Destroys the provider and the doc; safe to call twice. */
export function closeClient(client: Client): void {
  client.provider.destroy()
  client.doc.destroy()
}

/** A port that was free a moment ago, so a restarted server can take the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export function noteIds(doc: Y.Doc): Set<string> {
  return new Set(doc.getMap('notes').keys())
}

/** The whole document as JSON, for "identical" comparisons between peers. */
export function docJson(doc: Y.Doc): string {
  const out: Record<string, unknown> = {}
  for (const name of [...doc.share.keys()].sort()) {
    const type = doc.share.get(name)
    // A root known only from a received update is an untyped AbstractType: give it its shape.
    const typed =
      type !== undefined && Object.getPrototypeOf(type) === Y.AbstractType.prototype
        ? type._map.size > 0
          ? doc.getMap(name)
          : doc.getArray(name)
        : type
    const json: unknown = typed?.toJSON()
    // Roots only touched locally (an empty getMap) are not content; peers may lack them.
    const empty =
      json === undefined ||
      json === '' ||
      (typeof json === 'object' && json !== null && Object.keys(json).length === 0)
    if (!empty) out[name] = json
  }
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort(
    (a, b) => a[0] - b[0],
  )
  return stableJson({ sv, out })
}

/** JSON with object keys sorted: Y.Map iterates in local insertion order, which differs by peer. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

export function missing(expected: Iterable<string>, actual: ReadonlySet<string>): string[] {
  return [...expected].filter((id) => !actual.has(id))
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms))

/** Percentile by nearest rank of an unsorted list (copied, not mutated). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/** Appends a figure line to FAULT_REPORT (a file) if set, and prints it either way. */
export function report(name: string, figures: Record<string, number | string>): void {
  const line = JSON.stringify({ fault: name, ...figures })
  console.log(line)
  const file = process.env.FAULT_REPORT
  if (file) void import('node:fs').then((fs) => fs.appendFileSync(file, `${line}\n`))
}

export interface Fixture {
  /** The "listening" url (empty for a fixture that became ready another way). */
  readonly url: string
  readonly wsUrl: string
  readonly child: ChildProcess
  readonly exited: Promise<number | string>
  /** JSON lines printed so far. */
  readonly lines: Record<string, unknown>[]
  /** Writes a command line to stdin and resolves with the next line whose msg is `reply`. */
  ask(command: string, reply: string): Promise<Record<string, unknown>>
}

/** Runs test/faults/fixtures/<name>.ts under tsx and waits for its "listening" line. */
export async function spawnFixture(
  name: string,
  env: Readonly<Record<string, string>>,
  options: { readonly ready?: string } = {},
): Promise<Fixture> {
  const root = join(import.meta.dirname, '..', '..')
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures', `${name}.ts`)],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  )
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
  )
  const lines: Record<string, unknown>[] = []
  const waiters: { reply: string; done: (line: Record<string, unknown>) => void }[] = []
  const stderr: string[] = []
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>
    try {
      line = JSON.parse(text) as Record<string, unknown>
    } catch {
      return
    }
    lines.push(line)
    const i = waiters.findIndex((w) => w.reply === line.msg)
    if (i >= 0) waiters.splice(i, 1)[0]!.done(line)
  })
  const next = (reply: string) =>
    new Promise<Record<string, unknown>>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`${name}: no "${reply}" line: ${stderr.join('')}`)),
        60_000,
      )
      waiters.push({ reply, done: (line) => (clearTimeout(timer), done(line)) })
    })
  const listening = await next(options.ready ?? 'listening')
  const url = typeof listening.url === 'string' ? listening.url : ''
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws') + '/ws',
    child,
    exited,
    lines,
    ask: (command, reply) => {
      const answer = next(reply)
      child.stdin!.write(`${command}\n`)
      return answer
    },
  }
}
