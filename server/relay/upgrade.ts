/**
 * The HTTP → WebSocket upgrade for `/ws/:boardId`, handled by hand (`ws` in noServer mode) so
 * that the Origin and the token are checked before the handshake completes: a refused client
 * gets a plain HTTP status and no board is ever loaded for it.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { authorize, tokenFrom } from '../http/auth'
import type { Logger } from '../log'
import { safePath } from '../log'
import type { Metrics, RejectReason } from '../metrics'
import type { BoardStore } from '../storage/store'
import type { Role } from './connection'
import type { Relay } from './relay'

export interface UpgradeDeps {
  readonly relay: Relay
  readonly store: BoardStore
  readonly metrics: Metrics
  readonly logger: Logger
  readonly maxPayloadBytes: number
  readonly allowedOrigins: readonly string[]
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** Installs the upgrade handler; the returned function removes it and closes the ws server. */
export function attachRelay(server: Server, deps: UpgradeDeps): () => void {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: deps.maxPayloadBytes,
    clientTracking: false,
    // Yjs updates compress poorly and inflate is a memory amplifier on untrusted input.
    perMessageDeflate: false,
  })
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client resetting mid-handshake must not become an uncaught 'error' event.
    socket.on('error', () => socket.destroy())
    handleUpgrade(wss, deps, request, socket, head).catch((error: unknown) => {
      deps.logger.error({ err: error, path: safePath(request.url ?? '') }, 'upgrade failed')
      refuse(socket, 500, 'internal error')
    })
  }
  server.on('upgrade', onUpgrade)
  return () => {
    server.off('upgrade', onUpgrade)
    wss.close()
  }
}

async function handleUpgrade(
  wss: WebSocketServer,
  deps: UpgradeDeps,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const refuseCounted = (status: number, reason: RejectReason | null, message: string) => {
    if (reason !== null) deps.metrics.reject(reason)
    deps.logger.info({ status, path: safePath(request.url ?? '') }, `upgrade refused: ${message}`)
    refuse(socket, status, message)
  }
  if (!deps.relay.accepting) return refuseCounted(503, null, 'server is shutting down')
  const url = new URL(request.url ?? '/', 'http://upgrade.invalid')
  const match = /^\/ws\/([^/]+)\/?$/.exec(url.pathname)
  const rawId = match?.[1]
  if (rawId === undefined) return refuseCounted(404, null, 'no such endpoint')
  let boardId: string
  try {
    boardId = decodeURIComponent(rawId)
  } catch {
    return refuseCounted(404, null, 'no such board')
  }
  const origin = request.headers.origin
  if (origin !== undefined && !originMatches(origin, request.headers.host, deps.allowedOrigins)) {
    return refuseCounted(403, 'bad-origin', 'origin not allowed')
  }
  const token = tokenFrom(request.headers.authorization, url)
  const grant = await authorize(deps.store, boardId, token)
  if (grant === null) return refuseCounted(401, 'unauthorized', 'missing or invalid token')
  if (socket.destroyed) return
  wss.handleUpgrade(request, socket, head, (ws) => wire(ws, deps, boardId, grant.role))
}

function wire(ws: WebSocket, deps: UpgradeDeps, boardId: string, role: Role): void {
  const connection = deps.relay.accept(ws, boardId, role)
  ws.on('message', (data: RawData, isBinary: boolean) => {
    connection.receive(toBytes(data), isBinary)
  })
  ws.on('pong', () => {
    connection.alive = true
  })
  ws.on('close', () => connection.detach())
  ws.on('error', (error: Error & { code?: string }) => {
    // ws closes the socket itself after these (1009 for maxPayload, 1002/1007 for bad frames).
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') deps.metrics.reject('oversized-frame')
    deps.logger.warn(
      { boardId, connId: connection.id, code: error.code, message: error.message },
      'socket error',
    )
  })
}

/** Browsers send Origin on every upgrade; non-browser clients may omit it and are allowed. */
function originMatches(
  origin: string,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (allowed.includes(origin)) return true
  try {
    return host !== undefined && new URL(origin).host === host
  } catch {
    return false
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}

function refuse(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return
  const body = JSON.stringify({ error: { code: `http-${status}`, message } })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}
