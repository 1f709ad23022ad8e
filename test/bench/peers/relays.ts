/**
 * Starts one relay (test/bench/peers/serve.ts) in a child process and connects clients to it
 * with that relay's stock client: y-websocket's WebsocketProvider for ours and the reference
 * server, HocuspocusProvider for Hocuspocus, and a bare `ws` socket that sends and applies
 * y-websocket update frames for the plain-ws ceiling.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type { Awareness } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

// Each stock y-websocket provider adds a process 'exit' listener; thousands are expected here.
process.setMaxListeners(0)

export const RELAYS = ['ours', 'y-websocket', 'hocuspocus', 'plain-ws'] as const
export type RelayKind = (typeof RELAYS)[number]

export interface RelayStats {
  readonly rss: number
  readonly heapUsed: number
  readonly cpuMs: number
  readonly rooms: number
  /** Rows in a persisting peer's SQLite table (startRelay with persist), else absent. */
  readonly stored?: number
}

export interface BenchClient {
  readonly doc: Y.Doc
  /** The provider's awareness (null for the plain-ws client, which has none). */
  readonly awareness: Awareness | null
  synced(): boolean
  /** Bytes this client has received over its socket so far (the relay's egress to it). */
  bytesIn(): number
  destroy(): void
}

export interface Relay {
  readonly kind: RelayKind
  readonly url: string
  stats(gc?: boolean): Promise<RelayStats>
  /** A new room; ours creates a board through the API for its token. */
  room(name: string): Promise<{ connect(doc?: Y.Doc): BenchClient }>
  close(): Promise<void>
}

/**
 * `persist`: y-websocket and hocuspocus store documents in SQLite through their stock hooks and
 * unload them when the last client leaves (BENCH_PERSIST=1, see serve.ts); ours always does.
 */
export async function startRelay(
  kind: RelayKind,
  options: { persist?: boolean } = {},
): Promise<Relay> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'serve.ts'), kind],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: options.persist ? { ...process.env, BENCH_PERSIST: '1' } : process.env,
    },
  )
  const waiting: ((line: Record<string, unknown>) => void)[] = []
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      const line = JSON.parse(text) as Record<string, unknown>
      waiting.shift()?.(line)
    } catch {
      // not ours
    }
  })
  const next = () =>
    new Promise<Record<string, unknown>>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`${kind} relay did not answer`)), 60_000)
      waiting.push((line) => {
        clearTimeout(timer)
        done(line)
      })
    })
  const listening = await next()
  const url = String(listening.url)
  const dataDir = typeof listening.dataDir === 'string' ? listening.dataDir : null
  const wsBase = url.replace(/^http/, 'ws')
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  return {
    kind,
    url,
    stats: async (gc = false) => {
      const answer = next()
      child.stdin!.write(gc ? 'gc\n' : 'stats\n')
      return (await answer) as unknown as RelayStats
    },
    room: async (name) => {
      let token = ''
      let roomName = name
      if (kind === 'ours') {
        const response = await fetch(`${url}/api/boards`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: name }),
        })
        const board = (await response.json()) as { id: string; editToken: string }
        token = board.editToken
        roomName = board.id
      }
      return { connect: (doc = new Y.Doc()) => connect(kind, wsBase, roomName, token, doc) }
    },
    close: async () => {
      child.kill('SIGKILL')
      await exited
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Counts the bytes a client receives. Providers open a new socket on every reconnect: `follow`
 * (called on their status events) starts counting on whichever socket is current.
 */
function bytesReceived(current: () => WebSocket | null): {
  follow: () => void
  bytes: () => number
} {
  let bytes = 0
  let counted: WebSocket | null = null
  const follow = () => {
    const ws = current()
    if (ws && ws !== counted) {
      counted = ws
      ws.on('message', (data: Buffer) => (bytes += data.byteLength))
    }
  }
  follow()
  return { follow, bytes: () => bytes }
}

function connect(
  kind: RelayKind,
  wsBase: string,
  room: string,
  token: string,
  doc: Y.Doc,
): BenchClient {
  const polyfill = WebSocket as unknown as typeof globalThis.WebSocket
  if (kind === 'ours' || kind === 'y-websocket') {
    const provider = new WebsocketProvider(kind === 'ours' ? `${wsBase}/ws` : wsBase, room, doc, {
      params: token ? { token } : {},
      WebSocketPolyfill: polyfill,
      disableBc: true,
    })
    const inbound = bytesReceived(() => provider.ws as unknown as WebSocket | null)
    provider.on('status', inbound.follow)
    return {
      doc,
      awareness: provider.awareness,
      synced: () => provider.synced,
      bytesIn: inbound.bytes,
      destroy: () => {
        provider.destroy()
        doc.destroy()
      },
    }
  }
  if (kind === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url: wsBase, WebSocketPolyfill: polyfill })
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: room,
      document: doc,
    })
    provider.attach()
    const inbound = bytesReceived(() => socket.webSocket as unknown as WebSocket | null)
    socket.on('status', inbound.follow)
    socket.on('open', inbound.follow)
    return {
      doc,
      awareness: provider.awareness,
      synced: () => provider.synced,
      bytesIn: inbound.bytes,
      destroy: () => {
        provider.destroy()
        socket.destroy()
        doc.destroy()
      },
    }
  }
  // plain-ws: the same update frames, relayed as bytes by a server that knows nothing of Yjs.
  const ws = new WebSocket(`${wsBase}/${room}`, { perMessageDeflate: false })
  let open = false
  const remote = Symbol('remote')
  let bytes = 0
  ws.on('open', () => (open = true))
  ws.on('message', (data: Buffer) => {
    bytes += data.byteLength
    const decoder = decoding.createDecoder(data)
    if (decoding.readVarUint(decoder) !== 0) return
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, remote)
  })
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === remote || !open) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    syncProtocol.writeUpdate(encoder, update)
    ws.send(encoding.toUint8Array(encoder))
  }
  doc.on('update', onUpdate)
  return {
    doc,
    awareness: null,
    synced: () => open,
    bytesIn: () => bytes,
    destroy: () => {
      doc.off('update', onUpdate)
      ws.terminate()
      doc.destroy()
    },
  }
}
