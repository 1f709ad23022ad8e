/**
 * The HTTP → WebSocket upgrade for `/ws/:boardId`, handled by hand (`ws` in noServer mode) so
 * that the address's rate limit, the Origin, the token and the board's connection cap are
 * checked before the handshake completes: a refused client gets a plain HTTP status and no board
 * is ever loaded for it.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { TLSSocket } from 'node:tls'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { authorize, tokenFrom } from '../http/auth'
import { clientAddress } from '../http/client-address'
import { originAllowed, ownOrigins } from '../http/public-url'
import { MAX_ID_LENGTH } from '../../core/board/validate'
import type { RateLimits } from '../http/rate-limit'
import type { Logger } from '../log'
import { safePath } from '../log'
import type { Metrics, RejectReason } from '../metrics'
import type { BoardStore } from '../storage/store'
import type { Role } from './connection'
import type { Relay } from './relay'
import { PERSONAL_KEY_PATTERN } from './private-directory'
import type { RoomPlace } from './private-rooms'

export interface UpgradeDeps {
  readonly relay: Relay
  readonly store: BoardStore
  readonly metrics: Metrics
  readonly logger: Logger
  readonly maxPayloadBytes: number
  readonly allowedOrigins: readonly string[]
  /** PUBLIC_URL's origin: then the only own origin a browser may connect from ('' = the Host). */
  readonly publicUrl?: string
  /** Counts `socketOpen` per client address (absent = no limit). */
  readonly rateLimits?: RateLimits
  /** Proxies whose X-Forwarded-For is believed (client-address.ts); 0 by default. */
  readonly trustProxy?: number
  /** Sockets one board may hold on this node; 0 or absent = no cap. */
  readonly maxConnectionsPerBoard?: number
}

/** Seconds a client is asked to wait when a board is at its connection cap. */
const BOARD_FULL_RETRY_SECONDS = 10

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
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
  // Sockets per board accepted here and not yet closed: the cap is per node, like the sockets.
  const perBoard = new Map<string, number>()
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client resetting mid-handshake must not become an uncaught 'error' event.
    socket.on('error', () => socket.destroy())
    handleUpgrade(wss, deps, perBoard, request, socket, head).catch((error: unknown) => {
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
  perBoard: Map<string, number>,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const refuseCounted = (
    status: number,
    reason: RejectReason | null,
    message: string,
    extra?: Refusal,
  ) => {
    if (reason !== null) deps.metrics.reject(reason)
    // A flood of rate-limited opens must not become a flood of log lines: the metric counts it.
    const level = status === 429 ? 'debug' : 'info'
    deps.logger[level]({ status, path: safePath(request.url ?? '') }, `upgrade refused: ${message}`)
    refuse(socket, status, message, extra)
  }
  if (!deps.relay.accepting) return refuseCounted(503, null, 'server is shutting down')
  // First and before any lookup: a flood of opens (good or bad tokens alike) costs one counter.
  if (deps.rateLimits !== undefined) {
    const address = clientAddress(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      deps.trustProxy ?? 0,
    )
    const verdict = await deps.rateLimits.consume('socketOpen', address)
    if (!verdict.allowed) {
      const wait = verdict.retryAfterSeconds
      const message = `too many connections from this address; try again in ${wait} s`
      return refuseCounted(429, 'rate-limited', message, {
        code: 'rate-limited',
        headers: { 'Retry-After': String(wait) },
      })
    }
  }
  const url = new URL(request.url ?? '/', 'http://upgrade.invalid')
  const route = routeOf(url)
  if (typeof route === 'string') return refuseCounted(404, null, route)
  const { boardId } = route
  const origin = request.headers.origin
  if (origin !== undefined && !originAllowed(origin, ownOriginsOf(request, deps))) {
    return refuseCounted(403, 'bad-origin', 'origin not allowed')
  }
  const token = tokenFrom(request.headers.authorization, url)
  const grant = await authorize(deps.store, boardId, token)
  if (grant === null) return refuseCounted(401, 'unauthorized', 'missing or invalid token')
  let place: RoomPlace | undefined
  if (route.private) {
    const opened = await privatePlace(deps, boardId, grant.role, url)
    if (typeof opened === 'string') return refuseCounted(403, 'unauthorized', opened)
    place = opened
  }
  if (socket.destroyed) return
  // Checked after the token, so the cap says nothing about boards the client cannot open. 503,
  // not 429: the board is busy, the client did nothing wrong, and the stock provider retries
  // (with backoff) until someone leaves. Nothing awaits between here and `wire`, so concurrent
  // upgrades cannot both take the last place.
  const cap = deps.maxConnectionsPerBoard ?? 0
  if (cap > 0 && (perBoard.get(boardId) ?? 0) >= cap) {
    return refuseCounted(503, 'board-connections-full', `board has ${cap} connections`, {
      code: 'board-connections-full',
      headers: { 'Retry-After': String(BOARD_FULL_RETRY_SECONDS) },
    })
  }
  wss.handleUpgrade(request, socket, head, (ws) => {
    perBoard.set(boardId, (perBoard.get(boardId) ?? 0) + 1)
    ws.once('close', () => {
      const left = (perBoard.get(boardId) ?? 1) - 1
      if (left > 0) perBoard.set(boardId, left)
      else perBoard.delete(boardId)
    })
    wire(ws, deps, { boardId, role: grant.role, member: memberFrom(url), place })
  })
}

/** `/ws/<boardId>`, or `/ws/<boardId>/private` (docs/private-brainstorm.md); else why not. */
function routeOf(url: URL): { readonly boardId: string; readonly private: boolean } | string {
  const match = /^\/ws\/([^/]+)(\/private)?\/?$/.exec(url.pathname)
  const rawId = match?.[1]
  if (rawId === undefined) return 'no such endpoint'
  try {
    return { boardId: decodeURIComponent(rawId), private: match?.[2] !== undefined }
  } catch {
    return 'no such board'
  }
}

/**
 * The private room a request opens, or why not: a view link has none, and a personal key
 * opens only the room of the member it was first used by.
 */
async function privatePlace(
  deps: UpgradeDeps,
  boardId: string,
  role: Role,
  url: URL,
): Promise<RoomPlace | string> {
  if (role === 'view') return 'a view link has no private room'
  const key = url.searchParams.get('key') ?? ''
  const member = memberFrom(url)
  if (!PERSONAL_KEY_PATTERN.test(key)) return 'a private room needs a personal key'
  if (member === null) return 'a private room needs a member'
  const entry = await deps.relay.privateRooms.bind(boardId, key, member)
  if (entry === 'taken') return 'this personal key belongs to another member'
  if (entry === 'full') return 'this board has all the private rooms it may have'
  return deps.relay.privateRooms.place(boardId, entry)
}

/**
 * `?member=<memberId>`: whose content is "your own" on this socket (core/board/permissions.ts).
 * A claim, not proof (docs/private-brainstorm.md); absent or unusable reads as no member.
 */
function memberFrom(url: URL): string | null {
  const member = url.searchParams.get('member')
  return member !== null && member !== '' && member.length <= MAX_ID_LENGTH ? member : null
}

interface Target {
  readonly boardId: string
  readonly role: Role
  readonly member: string | null
  /** A private room; the board's own room when absent. */
  readonly place: RoomPlace | undefined
}

function wire(ws: WebSocket, deps: UpgradeDeps, target: Target): void {
  const { boardId, role, member, place } = target
  const connection = deps.relay.accept(ws, boardId, role, place)
  connection.member = member
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

/**
 * Browsers send Origin on every upgrade; non-browser clients may omit it and are allowed. The
 * page's origin must equal ours in scheme, host and port (public-url.ts): `http://host` is not
 * `https://host`, whose pages a network attacker can forge but not those over TLS.
 */
function ownOriginsOf(request: IncomingMessage, deps: UpgradeDeps): readonly string[] {
  const scheme = (request.socket as Partial<TLSSocket>).encrypted === true ? 'https' : 'http'
  let own = ''
  try {
    own = new URL(`${scheme}://${request.headers.host ?? ''}`).origin
  } catch {
    // No usable Host: only PUBLIC_URL and ALLOWED_ORIGINS can match.
  }
  return ownOrigins(own, { publicUrl: deps.publicUrl ?? '', allowedOrigins: deps.allowedOrigins })
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}

interface Refusal {
  readonly code?: string
  readonly headers?: Readonly<Record<string, string>>
}

function refuse(socket: Duplex, status: number, message: string, extra: Refusal = {}): void {
  if (socket.destroyed) return
  const body = JSON.stringify({ error: { code: extra.code ?? `http-${status}`, message } })
  const headers = Object.entries(extra.headers ?? {})
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n' +
      headers +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}
