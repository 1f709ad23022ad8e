/**
 * Cross-node fan-out over Redis pub/sub: one channel per board, each message tagged with the
 * node that published it. A node publishes its own updates only after they are durable in the
 * shared store, applies other nodes' updates with the REMOTE_ORIGIN (broadcast, not stored again)
 * and relays their awareness to its clients.
 *
 * Pub/sub delivers at most once, so gaps are healed rather than prevented (docs/deployment.md):
 * a message can only be lost when a connection to Redis drops (or Redis drops a slow subscriber,
 * which is the same thing), and every time both connections are back this node reads each loaded
 * board from the store (everything other nodes made durable meanwhile) and publishes its whole
 * state once (everything its own clients did meanwhile, for the other nodes). A publish that
 * fails while connected schedules the same heal for that board.
 *
 * @example
 * const fanout = await RedisFanout.start({ url: REDIS_URL, store, logger, nodeId: 'n1' })
 * const relay = new Relay({ …, fanout })
 */
import { createClient, type RedisClientType } from 'redis'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Logger } from '../log'
import type { BoardStore } from '../storage/store'
import { BoardHeals } from './board-heals'
import {
  decodeMessage,
  encodeMessage,
  MessageKind,
  REMOTE_ORIGIN,
  type FanoutRoom,
  type RoomFanout,
} from './fanout'

export interface RedisFanoutOptions {
  /** redis://[:password@]host:port[/db] */
  readonly url: string
  readonly store: BoardStore
  readonly logger: Logger
  /** Unique per process; tags every message so a node skips its own. */
  readonly nodeId: string
  readonly channelPrefix?: string
  /** Longest wait between reconnect attempts. */
  readonly reconnectMaxMs?: number
  /** How long `start` waits for the first connection before going on without Redis. */
  readonly startTimeoutMs?: number
  /** Delay before retrying a heal, or healing after a failed publish. */
  readonly healRetryMs?: number
}

export interface FanoutCounters {
  published: number
  publishedBytes: number
  received: number
  receivedBytes: number
  /** Own messages coming back on the channel (pub/sub sends to every subscriber). */
  ownEchoes: number
  /** Updates or awareness not published because Redis was down (repaired by a heal). */
  skippedWhileDown: number
  publishFailures: number
  malformed: number
  heals: number
  healFailures: number
}

export interface FanoutStatus {
  readonly up: boolean
  readonly nodeId: string
  readonly boards: number
  /** Epoch ms of the moment the connection was lost, null while up. */
  readonly downSince: number | null
}

/** Messages held for a board between `open` and `attach`; past this the board is healed. */
const MAX_BUFFERED = 10_000
const DEFAULT_PREFIX = 'stretchboard:board:'
const SUBSCRIBE_TIMEOUT_MS = 2_000

type Client = RedisClientType

interface Attached {
  readonly room: FanoutRoom
  readonly onAwareness: (change: AwarenessChange, origin: unknown) => void
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

export class RedisFanout implements RoomFanout {
  /** Set by the composition root: closes this node's sockets of a board rotated elsewhere. */
  onRevoke: ((boardId: string) => void) | null = null
  readonly counters: FanoutCounters = {
    published: 0,
    publishedBytes: 0,
    received: 0,
    receivedBytes: 0,
    ownEchoes: 0,
    skippedWhileDown: 0,
    publishFailures: 0,
    malformed: 0,
    heals: 0,
    healFailures: 0,
  }
  readonly #pub: Client
  readonly #sub: Client
  readonly #log: Logger
  readonly #prefix: string
  readonly #rooms = new Map<string, Attached>()
  /** Boards opened but not attached yet: their messages wait here. */
  readonly #pending = new Map<string, Uint8Array[]>()
  readonly #heals: BoardHeals
  #up = false
  #downSince: number | null = Date.now()
  #closed = false

  private constructor(private readonly options: RedisFanoutOptions) {
    this.#log = options.logger.child({ component: 'fanout', nodeId: options.nodeId })
    this.#prefix = options.channelPrefix ?? DEFAULT_PREFIX
    this.#heals = new BoardHeals({
      store: options.store,
      log: this.#log,
      counters: this.counters,
      retryMs: options.healRetryMs ?? 1_000,
      room: (boardId) => (this.#pending.has(boardId) ? 'loading' : this.#rooms.get(boardId)?.room),
      up: () => this.#up,
      publish: (boardId, kind, payload) => this.#publish(boardId, kind, payload),
    })
    const maxDelay = options.reconnectMaxMs ?? 2_000
    const base = createClient({
      url: options.url,
      // Fail a publish at once while disconnected instead of queueing it without bound: the
      // heal after reconnecting repairs whatever was not published.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5_000,
        reconnectStrategy: (retries) => Math.min(50 * 2 ** Math.min(retries, 10), maxDelay),
      },
    }) as Client
    this.#pub = base
    // Subscriptions need their own connection. Its queue stays on so that a SUBSCRIBE issued
    // while Redis is away is sent once it is back (node-redis also resubscribes by itself).
    this.#sub = base.duplicate({ disableOfflineQueue: false }) as Client
    for (const client of [this.#pub, this.#sub]) {
      client.on('error', (error: Error) => this.#lost(error))
      client.on('end', () => this.#lost(null))
      client.on('ready', () => this.#maybeUp())
    }
  }

  /** Connects (waiting at most `startTimeoutMs`); without Redis the node runs alone and retries. */
  static async start(options: RedisFanoutOptions): Promise<RedisFanout> {
    const fanout = new RedisFanout(options)
    const connecting = Promise.all([fanout.#pub.connect(), fanout.#sub.connect()]).then(
      () => true,
      () => false,
    )
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<false>((done) => {
      timer = setTimeout(() => done(false), options.startTimeoutMs ?? 5_000)
    })
    const connected = await Promise.race([connecting, timeout])
    clearTimeout(timer)
    if (!connected) {
      fanout.#log.warn(
        'redis not reachable at start: serving this node\u2019s clients only until it is',
      )
    }
    return fanout
  }

  get up(): boolean {
    return this.#up
  }

  status(): FanoutStatus {
    return {
      up: this.#up,
      nodeId: this.options.nodeId,
      boards: this.#rooms.size,
      downSince: this.#downSince,
    }
  }

  async open(boardId: string): Promise<void> {
    this.#pending.set(boardId, [])
    const subscribing = this.#sub.subscribe(this.#channel(boardId), this.#onMessage, true)
    if (!this.#up) {
      // Not waiting for Redis to come back: the board loads now and the heal on reconnect
      // brings in whatever other nodes did meanwhile.
      subscribing.catch(() => {})
      return
    }
    // A Redis that accepts the connection but does not answer must not stall board loads.
    let timer: ReturnType<typeof setTimeout> | undefined
    const stalled = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error('subscribe timed out')), SUBSCRIBE_TIMEOUT_MS)
    })
    subscribing.catch(() => {}) // its failure is handled below, or it lost the race
    try {
      await Promise.race([subscribing, stalled])
    } catch (error) {
      this.#log.warn({ err: error, boardId }, 'subscribe failed; the board is healed later')
      this.#heals.later(boardId)
    } finally {
      clearTimeout(timer)
    }
  }

  attach(room: FanoutRoom): void {
    const { boardId } = room
    const onAwareness = (change: AwarenessChange, origin: unknown) => {
      // Other nodes' states and this node's expiry of them ('timeout') stay local.
      if (origin === REMOTE_ORIGIN || origin === 'timeout') return
      const changed = [...change.added, ...change.updated, ...change.removed]
      if (changed.length === 0) return
      const bytes = awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed)
      this.#publish(boardId, MessageKind.awareness, bytes)
    }
    room.awareness.on('update', onAwareness)
    this.#rooms.set(boardId, { room, onAwareness })
    const buffered = this.#pending.get(boardId) ?? []
    this.#pending.delete(boardId)
    for (const message of buffered) this.#deliver(boardId, message)
  }

  durable(room: FanoutRoom, update: Uint8Array): void {
    this.#publish(room.boardId, MessageKind.update, update)
  }

  revoked(boardId: string): void {
    // The payload is a placeholder byte: a message always carries one.
    this.#publish(boardId, MessageKind.revoke, Uint8Array.of(0))
  }

  detach(boardId: string): void {
    const attached = this.#rooms.get(boardId)
    if (attached) attached.room.awareness.off('update', attached.onAwareness)
    this.#rooms.delete(boardId)
    this.#pending.delete(boardId)
    this.#heals.forget(boardId)
    if (this.#closed) return
    this.#sub.unsubscribe(this.#channel(boardId), this.#onMessage, true).catch(() => {})
  }

  /** Heals every loaded board now (tests and operators; reconnects do it by themselves). */
  healAll(): Promise<void> {
    return this.#heals.healNow(this.#rooms.keys())
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    const healsStopped = this.#heals.close()
    for (const boardId of [...this.#rooms.keys()]) this.detach(boardId)
    await healsStopped
    // A ready client finishes its pending commands; one still reconnecting is cut at once.
    const clients = [this.#pub, this.#sub]
    await Promise.allSettled(clients.filter((c) => c.isReady).map((c) => c.close()))
    for (const client of clients) if (client.isOpen) client.destroy()
  }

  #channel(boardId: string): string {
    return this.#prefix + boardId
  }

  #publish(boardId: string, kind: MessageKind, payload: Uint8Array): void {
    if (this.#closed) return
    if (!this.#up) {
      this.counters.skippedWhileDown++
      return
    }
    const message = encodeMessage({ kind, origin: this.options.nodeId, payload })
    this.counters.published++
    this.counters.publishedBytes += message.byteLength
    const buffer = Buffer.from(message.buffer, message.byteOffset, message.byteLength)
    this.#pub.publish(this.#channel(boardId), buffer).catch((error: unknown) => {
      this.counters.publishFailures++
      this.#log.debug({ err: error, boardId }, 'publish failed; healing the board')
      if (kind === MessageKind.update) this.#heals.later(boardId)
    })
  }

  readonly #onMessage = (message: Buffer, channel: Buffer): void => {
    const name = channel.toString()
    if (!name.startsWith(this.#prefix)) return
    const boardId = name.slice(this.#prefix.length)
    const bytes = new Uint8Array(message.buffer, message.byteOffset, message.byteLength)
    const pending = this.#pending.get(boardId)
    if (pending !== undefined) {
      // Opened, still loading: apply once the room exists, or heal if far too many arrive.
      // A copy: it outlives this callback.
      if (pending.length < MAX_BUFFERED) pending.push(bytes.slice())
      else this.#heals.later(boardId)
      return
    }
    this.#deliver(boardId, bytes)
  }

  #deliver(boardId: string, bytes: Uint8Array): void {
    const attached = this.#rooms.get(boardId)
    if (attached === undefined) return
    const message = decodeMessage(bytes)
    if (message === null) {
      this.counters.malformed++
      return
    }
    if (message.origin === this.options.nodeId) {
      this.counters.ownEchoes++
      return
    }
    this.counters.received++
    this.counters.receivedBytes += bytes.byteLength
    const { room } = attached
    try {
      if (message.kind === MessageKind.revoke) {
        this.onRevoke?.(boardId)
      } else if (message.kind === MessageKind.update) {
        // Decoded in full first so a corrupt message changes nothing (as for client frames).
        Y.decodeUpdate(message.payload)
        Y.applyUpdate(room.doc, message.payload, REMOTE_ORIGIN)
      } else {
        awarenessProtocol.applyAwarenessUpdate(room.awareness, message.payload, REMOTE_ORIGIN)
      }
    } catch (error) {
      this.counters.malformed++
      this.#log.warn({ err: error, boardId, from: message.origin }, 'fanned-in message refused')
    }
  }

  #lost(error: Error | null): void {
    if (this.#closed || !this.#up) return
    this.#up = false
    this.#downSince = Date.now()
    this.#log.warn(
      { err: error ?? undefined, boards: this.#rooms.size },
      'redis connection lost: cross-node fan-out is off, this node serves its own clients ' +
        'only (single-node mode) until Redis is back; boards are healed from the store then',
    )
  }

  #maybeUp(): void {
    if (this.#closed || this.#up || !this.#pub.isReady || !this.#sub.isReady) return
    const wasDownMs = this.#downSince === null ? 0 : Date.now() - this.#downSince
    this.#up = true
    this.#downSince = null
    if (this.#rooms.size === 0) {
      this.#log.info('redis connected: fanning out across nodes')
      return
    }
    this.#log.info(
      { boards: this.#rooms.size, downMs: wasDownMs },
      'redis connection restored: healing loaded boards from the store',
    )
    void this.#resubscribeThenHeal()
  }

  /**
   * node-redis resubscribes its known channels before it reports 'ready'; boards opened while
   * Redis was away are subscribed here (a no-op for the others), and only then are boards
   * healed, so nothing stored after a heal's read can slip past the subscription.
   */
  async #resubscribeThenHeal(): Promise<void> {
    const boards = [...this.#rooms.keys()]
    const results = await Promise.allSettled(
      boards.map((id) => this.#sub.subscribe(this.#channel(id), this.#onMessage, true)),
    )
    const failed = results.filter((r) => r.status === 'rejected').length
    if (failed > 0) this.#log.warn({ failed }, 'resubscribe failed for some boards')
    await this.healAll()
  }
}
