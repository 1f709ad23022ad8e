/**
 * One loaded board: its Y.Doc, its Awareness, the connections on it, and the ordered queue that
 * makes every change durable before anyone sees it.
 *
 * The durability rule: whatever the doc emits ('update' event) is appended to the store, and only
 * after that append resolves is it broadcast. Replies to sync step 1 wait in the same queue, so a
 * joining peer never receives state that is not yet on disk. When storage fails, the queue holds
 * the updates in memory, retries with backoff, and tells clients their changes are unsaved.
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { BoardStore } from '../storage/store'
import { REMOTE_ORIGIN, type RoomFanout } from '../cluster/fanout'
import { compactBoard, shouldCompact, type CompactionPolicy } from '../storage/compaction'
import { OFF_THREAD_MIN_BYTES, type StateLoader } from '../storage/off-thread-load'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import { checkAwarenessUpdate, type AwarenessVerdict } from './awareness-guard'
import { assertRoomFor, DEFAULT_MAX_BOARD_BYTES } from './board-size'
import { loadBoard, type StoredReply } from './load-board'
import {
  encodeAwareness,
  encodeStorageStatus,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2FromUpdate,
  encodeUpdate,
} from './protocol'

/** What a room needs from the connection it serves (connection.ts implements it). */
export interface Peer {
  readonly id: string
  /** Awareness client ids this peer introduced; removed from awareness when it leaves. */
  readonly awarenessIds: Set<number>
  send(message: Uint8Array): void
  close(code: number, reason: string): void
}

export interface RoomOptions {
  readonly store: BoardStore
  readonly metrics: Metrics
  readonly logger: Logger
  readonly maxAwarenessBytes: number
  readonly maxAwarenessClientsPerConnection: number
  readonly compaction: CompactionPolicy
  readonly storageRetryMaxMs: number
  /** Largest board opened or grown (board-size.ts); DEFAULT_MAX_BOARD_BYTES when absent. */
  readonly maxBoardBytes?: number | undefined
  /** Cross-node fan-out (server/cluster/); absent on a single node. */
  readonly fanout?: RoomFanout | undefined
  /**
   * Loads and compacts big boards off the event loop (storage/off-thread-load.ts); without
   * it both run in this thread.
   */
  readonly loader?: StateLoader | undefined
}

type Task =
  | { readonly kind: 'update'; readonly update: Uint8Array; readonly origin: unknown }
  | { readonly kind: 'send'; readonly peer: Peer; readonly message: Uint8Array }
  | { readonly kind: 'barrier'; readonly reached: (durable: boolean) => void }

/** Thrown for a client update Yjs cannot decode or apply; the caller closes that socket (1007). */
export class MalformedUpdateError extends Error {
  override name = 'MalformedUpdateError'
}

const MAX_BATCH = 512
/** Boards from this size keep their full-state reply (off-thread-load.ts' threshold too). */
const FULL_STATE_CACHE_MIN_BYTES = OFF_THREAD_MIN_BYTES

export class Room {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly peers = new Set<Peer>()
  readonly #queue: Task[] = []
  #pumping = false
  #failing = false
  #retryDelay = 0
  #retryTimer: ReturnType<typeof setTimeout> | null = null
  #wakeRetry: (() => void) | null = null
  #idleWaiters: (() => void)[] = []
  #pendingRows: number
  #pendingBytes: number
  #compacting: Promise<void> | null = null
  #compactFloorRows = 0
  #destroyed = false
  /** Stored bytes once the queue drains: snapshot + update rows + queued updates. */
  #sizeBytes: number
  /**
   * What a first-time joiner (empty state vector) is sent, for big boards: the full state as
   * one sync step 2, plus the updates the doc emitted since, which follow it. Without it every
   * joiner re-encodes the whole document on the event loop (16k notes: ≈240 ms each; 20
   * joiners of a 50k-note board cost 7.4 s of relay CPU). Small boards encode in a few
   * milliseconds and are not worth the memory.
   */
  #fullState: { readonly message: Uint8Array; since: Uint8Array[]; sinceBytes: number } | null =
    null
  /** The doc's state vector right after loading, and whether anything changed since. */
  #loadedStateVector: Uint8Array | null = null
  #changedSinceLoad = false
  readonly #log: Logger

  private constructor(
    readonly boardId: string,
    private readonly options: RoomOptions,
    doc: Y.Doc,
    stored: { rows: number; bytes: number; totalBytes: number },
  ) {
    this.doc = doc
    this.#pendingRows = stored.rows
    this.#pendingBytes = stored.bytes
    this.#sizeBytes = stored.totalBytes
    this.#log = options.logger.child({ boardId })
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server is not a participant: it keeps no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.#onAwarenessUpdate)
    doc.on('update', this.#onDocUpdate)
  }

  /**
   * Loads the stored state (load-board.ts). Rows that fail to apply are logged and skipped,
   * not fatal. `onStoredState` gets the reply for first-time joiners as soon as the rows are read,
   * before the doc is built: first-time joiners waiting for the load are answered with them
   * (Connection.offerStoredState), and `join` sends them what the doc gained since.
   */
  static async load(
    boardId: string,
    options: RoomOptions,
    onStoredState?: (reply: StoredReply) => void,
  ): Promise<Room> {
    // Subscribed before the read, so whatever another node stores after it still arrives.
    await options.fanout?.open(boardId)
    let loaded
    try {
      loaded = await loadBoard(boardId, {
        store: options.store,
        logger: options.logger,
        maxBoardBytes: options.maxBoardBytes ?? DEFAULT_MAX_BOARD_BYTES,
        loader: options.loader,
        onStoredState,
      })
    } catch (error) {
      options.fanout?.detach(boardId)
      throw error
    }
    const { doc, full, failed, totalBytes } = loaded
    const room = new Room(boardId, options, doc, {
      rows: loaded.rows,
      bytes: loaded.rowBytes,
      totalBytes,
    })
    room.#loadedStateVector = Y.encodeStateVector(doc)
    if (full !== undefined && failed === 0 && totalBytes >= FULL_STATE_CACHE_MIN_BYTES) {
      room.#fullState = { message: encodeSyncStep2FromUpdate(full), since: [], sinceBytes: 0 }
    }
    room.#maybeCompact()
    options.fanout?.attach(room)
    return room
  }

  get unsavedUpdates(): number {
    return this.#failing ? this.#queue.filter((t) => t.kind === 'update').length : 0
  }

  get idle(): boolean {
    return this.#queue.length === 0 && !this.#pumping && this.#compacting === null
  }

  /**
   * `answeredFromStore`: the peer already got the stored state (Room.load's onStoredState);
   * it is sent whatever the doc gained since, so it misses nothing.
   */
  join(peer: Peer, answeredFromStore = false): void {
    this.peers.add(peer)
    peer.send(encodeSyncStep1(this.doc))
    if (answeredFromStore && this.#changedSinceLoad && this.#loadedStateVector !== null) {
      this.#enqueue({
        kind: 'send',
        peer,
        message: encodeSyncStep2(this.doc, this.#loadedStateVector),
      })
    }
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) peer.send(encodeAwareness(this.awareness, states))
    if (this.#failing) peer.send(encodeStorageStatus(false, this.unsavedUpdates))
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    const ids = [...peer.awarenessIds]
    peer.awarenessIds.clear()
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, peer)
  }

  /** Answers a client's sync step 1 once everything already applied is durable. */
  replyToSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    // Validate before Yjs reads it inside encodeStateAsUpdate, where a throw would be ours.
    let known: Map<number, number>
    try {
      known = Y.decodeStateVector(stateVector)
    } catch (error) {
      throw new MalformedUpdateError(`bad state vector: ${String(error)}`)
    }
    if (known.size > 0 || this.#sizeBytes < FULL_STATE_CACHE_MIN_BYTES) {
      this.#enqueue({ kind: 'send', peer, message: encodeSyncStep2(this.doc, stateVector) })
      return
    }
    const cached = (this.#fullState ??= {
      message: encodeSyncStep2(this.doc, stateVector),
      since: [],
      sinceBytes: 0,
    })
    this.#enqueue({ kind: 'send', peer, message: cached.message })
    if (cached.since.length > 0) {
      // Folded once, so the next joiner reuses it.
      if (cached.since.length > 1) cached.since = [Y.mergeUpdates(cached.since)]
      this.#enqueue({ kind: 'send', peer, message: encodeUpdate(cached.since[0]!) })
    }
  }

  /**
   * Applies an untrusted V1 update with the peer as origin. Decoding it fully first means a
   * truncated or corrupted update is refused before any of it is integrated.
   */
  applyClientUpdate(peer: Peer, update: Uint8Array): void {
    let decoded: ReturnType<typeof Y.decodeUpdate>
    try {
      decoded = Y.decodeUpdate(update)
    } catch (error) {
      throw new MalformedUpdateError(`update could not be applied: ${String(error)}`)
    }
    this.assertRoomFor(update, decoded)
    try {
      Y.applyUpdate(this.doc, update, peer)
    } catch (error) {
      throw new MalformedUpdateError(`update could not be applied: ${String(error)}`)
    }
  }

  /**
   * Throws BoardFullError when an update (with its validation decode) would grow the board
   * past its cap. The snapshot import route checks with it too.
   */
  assertRoomFor(update: Uint8Array, decoded: ReturnType<typeof Y.decodeUpdate>): void {
    assertRoomFor(
      this.doc,
      update,
      decoded,
      this.#sizeBytes,
      this.options.maxBoardBytes ?? DEFAULT_MAX_BOARD_BYTES,
    )
  }

  /** What the board will hold in storage once its queue drains (the size the cap applies to). */
  get sizeBytes(): number {
    return this.#sizeBytes
  }

  /** Applies a peer's awareness update if the guard lets it through. */
  applyClientAwareness(peer: Peer, bytes: Uint8Array): AwarenessVerdict {
    const verdict = checkAwarenessUpdate(bytes, {
      owned: peer.awarenessIds,
      ownedElsewhere: (id) => this.#ownedElsewhere(peer, id),
      maxStateBytes: this.options.maxAwarenessBytes,
      maxClients: this.options.maxAwarenessClientsPerConnection,
    })
    if (!verdict.ok) return verdict
    for (const id of verdict.introduced) peer.awarenessIds.add(id)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, verdict.update, peer)
    return verdict
  }

  sendAwarenessTo(peer: Peer): void {
    peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
  }

  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers]) peer.close(code, reason)
  }

  /**
   * Resolves true once every queued change is durable and sent, or false after `timeoutMs`
   * (storage still failing; the changes stay queued and keep being retried).
   */
  flush(timeoutMs = Infinity): Promise<boolean> {
    if (this.idle) return Promise.resolve(true)
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | null = null
      const done = () => {
        if (timer !== null) clearTimeout(timer)
        resolve(true)
      }
      this.#idleWaiters.push(done)
      if (Number.isFinite(timeoutMs)) {
        timer = setTimeout(() => {
          this.#idleWaiters = this.#idleWaiters.filter((w) => w !== done)
          resolve(false)
        }, timeoutMs)
      }
    })
  }

  /**
   * Resolves true once every change applied so far is durable and sent, or false after
   * `timeoutMs` (storage failing; the changes stay queued). Unlike `flush`, later changes do
   * not delay it, so a REST call answers promptly on a busy board.
   */
  durable(timeoutMs: number): Promise<boolean> {
    if (this.#queue.length === 0) return Promise.resolve(true)
    return new Promise((resolve) => {
      let settled = false
      const timer = setTimeout(() => reached(false), timeoutMs)
      const reached = (durable: boolean) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(durable)
      }
      this.#enqueue({ kind: 'barrier', reached })
    })
  }

  /** Stops retrying at once (shutdown after the flush deadline); queued changes are dropped. */
  abandon(): number {
    const lost = this.#queue.filter((t) => t.kind === 'update').length
    for (const task of this.#queue) if (task.kind === 'barrier') task.reached(false)
    this.#queue.length = 0
    this.#wakeRetry?.()
    return lost
  }

  /** Releases the doc, awareness and timers. The registry calls it only when the room is idle. */
  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    this.options.fanout?.detach(this.boardId)
    // Ends a pending backoff too, so the queue loop sees `destroyed` and returns.
    this.#wakeRetry?.()
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer)
    this.doc.off('update', this.#onDocUpdate)
    this.awareness.off('update', this.#onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }

  #ownedElsewhere(peer: Peer, clientId: number): boolean {
    if (clientId === this.awareness.clientID) return true
    for (const other of this.peers) {
      if (other !== peer && other.awarenessIds.has(clientId)) return true
    }
    return false
  }

  readonly #onAwarenessUpdate = (change: {
    added: number[]
    updated: number[]
    removed: number[]
  }) => {
    const changed = [...change.added, ...change.updated, ...change.removed]
    if (changed.length === 0) return
    // Sent to the origin too, as the stock server does: a lone client's own renewal coming back
    // every 15 s is what keeps the stock provider's 30 s "no message received" watchdog quiet.
    this.#broadcast(encodeAwareness(this.awareness, changed))
  }

  readonly #onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === 'load') return
    this.#changedSinceLoad = true
    this.#sizeBytes += update.byteLength
    const cached = this.#fullState
    if (cached !== null) {
      cached.since.push(update)
      cached.sinceBytes += update.byteLength
      // Past a quarter of the state, re-encoding once beats sending this much twice.
      if (cached.sinceBytes > cached.message.byteLength / 4) this.#fullState = null
    }
    if (origin === REMOTE_ORIGIN) {
      // Stored by the node that made it: only this node's peers still need it.
      this.#broadcast(encodeUpdate(update))
      return
    }
    this.#enqueue({ kind: 'update', update, origin })
  }

  #enqueue(task: Task): void {
    this.#queue.push(task)
    void this.#pump()
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return
    this.#pumping = true
    let stopped = false
    try {
      await this.#drain()
    } catch (error) {
      // Nothing in the loop should throw; if it does, keep the queue for the next enqueue
      // rather than an unhandled rejection, and say so loudly.
      stopped = true
      this.#log.error({ err: error, queued: this.#queue.length }, 'relay queue stopped')
    } finally {
      this.#pumping = false
    }
    // A task enqueued after the drain loop ended but before the await above returned (the
    // same tick as its last send: ws delivers several frames in one tick) found the pump still
    // busy and returned; without this it would wait, unsaved and unsent, for the next message.
    if (!stopped && this.#queue.length > 0 && !this.#destroyed) void this.#pump()
    else this.#notifyIfIdle()
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0 && !this.#destroyed) {
      const head = this.#queue[0]
      if (head === undefined) break
      if (head.kind === 'send') {
        this.#queue.shift()
        head.peer.send(head.message)
        continue
      }
      if (head.kind === 'barrier') {
        this.#queue.shift()
        head.reached(true)
        continue
      }
      const batch: Extract<Task, { kind: 'update' }>[] = []
      for (const task of this.#queue) {
        if (task.kind !== 'update' || batch.length === MAX_BATCH) break
        batch.push(task)
      }
      // Merging is safe here: these bytes came out of our own doc, never from a client.
      const merged = batch.length === 1 ? head.update : Y.mergeUpdates(batch.map((t) => t.update))
      if (!(await this.#append(merged))) {
        await this.#backoff()
        continue
      }
      // abandon() may have emptied the queue while the append was in flight.
      if (this.#queue[0] !== head) continue
      this.#queue.splice(0, batch.length)
      this.options.fanout?.durable(this, merged)
      // To every peer, the author included, as the stock server does: an update can integrate
      // structs that were pending from other peers, and the author must receive those too.
      for (const task of batch) this.#broadcast(encodeUpdate(task.update))
      this.#maybeCompact()
    }
  }

  async #append(update: Uint8Array): Promise<boolean> {
    try {
      await this.options.store.appendUpdate(this.boardId, update)
    } catch (error) {
      this.options.metrics.storageFailures++
      const unsaved = this.#queue.filter((t) => t.kind === 'update').length
      this.#log.error({ err: error, unsaved }, 'storage append failed; keeping updates in memory')
      if (!this.#failing) {
        this.#failing = true
        this.#broadcast(encodeStorageStatus(false, unsaved))
      }
      return false
    }
    this.options.metrics.updatesStored++
    this.#pendingRows++
    this.#pendingBytes += update.byteLength
    this.#retryDelay = 0
    if (this.#failing) {
      this.#failing = false
      this.#log.info('storage recovered; queued updates are durable again')
      this.#broadcast(encodeStorageStatus(true, 0))
    }
    return true
  }

  #backoff(): Promise<void> {
    this.#retryDelay = Math.min(
      Math.max(100, this.#retryDelay * 2),
      Math.max(1, this.options.storageRetryMaxMs),
    )
    return new Promise((resolve) => {
      this.#wakeRetry = () => {
        if (this.#retryTimer !== null) clearTimeout(this.#retryTimer)
        this.#retryTimer = null
        this.#wakeRetry = null
        resolve()
      }
      this.#retryTimer = setTimeout(this.#wakeRetry, this.#retryDelay)
    })
  }

  #broadcast(message: Uint8Array): void {
    for (const peer of this.peers) peer.send(message)
  }

  /**
   * Folds the update rows into one snapshot once they pass the policy's bounds. Runs beside the
   * queue on the store's own copy (compactBoard reloads it): the store keeps rows appended
   * meanwhile, so the queue never waits for it and nothing is lost whichever finishes first.
   */
  #maybeCompact(): void {
    if (this.#compacting !== null || this.#destroyed || this.#failing) return
    if (this.#pendingRows < this.#compactFloorRows) return
    if (
      !shouldCompact(
        { count: this.#pendingRows, bytes: this.#pendingBytes },
        this.options.compaction,
      )
    ) {
      return
    }
    const { store, metrics } = this.options
    const loader = this.options.loader
    this.#compacting = compactBoard(
      store,
      this.boardId,
      loader ? (parts) => loader.compact(parts) : undefined,
    )
      .then(async (result) => {
        metrics.compactions++
        this.#compactFloorRows = 0
        this.#log.debug({ ...result }, 'compacted')
        const pending = await store.pendingUpdates(this.boardId)
        this.#pendingRows = pending.count
        this.#pendingBytes = pending.bytes
        if (result.compacted) {
          let queued = 0
          for (const task of this.#queue)
            if (task.kind === 'update') queued += task.update.byteLength
          this.#sizeBytes = result.bytesAfter + pending.bytes + queued
        }
      })
      .catch((error: unknown) => {
        metrics.compactionFailures++
        // Wait for as many rows again before the next try instead of retrying on every append.
        this.#compactFloorRows = this.#pendingRows * 2
        this.#log.warn({ err: error }, 'compaction failed; will retry after more updates')
      })
      .finally(() => {
        this.#compacting = null
        this.#notifyIfIdle()
      })
  }

  #notifyIfIdle(): void {
    if (!this.idle) return
    const waiters = this.#idleWaiters
    this.#idleWaiters = []
    for (const wake of waiters) wake()
  }
}
