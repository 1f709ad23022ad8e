/**
 * Test clients of the relay: the stock y-websocket provider in Node (what the real client runs),
 * and a raw `ws` socket for tests that speak the protocol byte by byte or misbehave on purpose.
 *
 * @example
 * const cleanups: (() => void)[] = []
 * const provider = connectProvider(server.wsUrl, board.id, board.editToken, { cleanups })
 * await synced(provider)
 * const { ws, closed } = await openSocket(server.wsUrl, board.id, board.viewToken)
 */
import type { Socket } from 'node:net'
import * as decoding from 'lib0/decoding'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { messageStorageStatus } from '../../server/relay/protocol'

/** One storage-status message (type 100, docs/server.md "Storage status"). */
export interface StorageStatus {
  readonly saved: boolean
  readonly unsaved: number
}

export interface ProviderOptions {
  /** The document to sync; a fresh one by default. */
  readonly doc?: Y.Doc
  /** Connect at once (the default), or wait for `provider.connect()`. */
  readonly connect?: boolean
  /** A test's teardown list: `provider.destroy()` is pushed onto it. */
  readonly cleanups?: { push(cleanup: () => void): unknown }
  /** Decoded storage-status messages are pushed here, as the real client reads them. */
  readonly statuses?: StorageStatus[]
}

/** A stock y-websocket provider on `wsUrl` (`ws://host:port/ws`), without BroadcastChannel. */
export function connectProvider(
  wsUrl: string,
  boardId: string,
  token: string,
  options: ProviderOptions = {},
): WebsocketProvider {
  const provider = new WebsocketProvider(wsUrl, boardId, options.doc ?? new Y.Doc(), {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
  })
  const { cleanups, statuses } = options
  if (cleanups) cleanups.push(() => provider.destroy())
  if (statuses) {
    provider.messageHandlers[messageStorageStatus] = (_encoder, decoder) => {
      statuses.push({
        saved: decoding.readVarUint(decoder) === 1,
        unsaved: decoding.readVarUint(decoder),
      })
    }
  }
  return provider
}

/** Resolves on the provider's first full sync (at once if it is already synced). */
export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return new Promise((done) => provider.once('sync', () => done()))
}

/** The relay's address for one board, as a raw socket dials it. */
export function boardSocketUrl(wsUrl: string, boardId: string, token: string): string {
  return `${wsUrl}/${boardId}?token=${token}`
}

export interface OpenSocket {
  readonly ws: WebSocket
  /** The close code and reason, whenever the socket closes. */
  readonly closed: Promise<{ code: number; reason: string }>
}

/**
 * A raw socket to a board, once open; errors are swallowed (tests watch the close instead).
 * Rejects if the server refuses the upgrade.
 */
export async function openSocket(
  wsUrl: string,
  boardId: string,
  token: string,
): Promise<OpenSocket> {
  const ws = new WebSocket(boardSocketUrl(wsUrl, boardId, token))
  ws.on('error', () => undefined)
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done())
    ws.once('unexpected-response', () => fail(new Error('upgrade refused')))
  })
  const closed = new Promise<{ code: number; reason: string }>((done) =>
    ws.once('close', (code, reason) => done({ code, reason: reason.toString() })),
  )
  return { ws, closed }
}

/**
 * Stops reading from the socket's TCP connection: the kernel buffers fill, then the server's,
 * and the ws client never sees (so never answers) a ping.
 */
export function stopReading(ws: WebSocket): void {
  ;(ws as unknown as { _socket: Socket })._socket.pause()
}
