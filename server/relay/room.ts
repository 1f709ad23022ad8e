/**
 * One loaded board: its Y.Doc, its presence, the connections on it, and the rules by which a
 * client's update reaches the doc.
 *
 * - Durability (durable-queue.ts): whatever the doc emits is stored before anyone sees it.
 * - Admission (update-gate.ts): an update is judged before Yjs sees it; a refused one changes
 *   nothing and its sender is told why.
 * - Work bounds (update-lane.ts, update-slices.ts): updates run one at a time; a big one is
 *   applied in slices with the event loop free between them.
 * - Safety: a throw inside Yjs leaves a doc that may never emit again (core/sync/doc-health.ts).
 *   Nothing is answered from such a doc: the room closes its sockets (1011) and hands itself
 *   to the registry, which reloads the board from storage for whoever comes next.
 */
import * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { docIsWedged, pruneDeepTypes } from '../../core/sync/index'
import { REMOTE_ORIGIN } from '../cluster/fanout'
import type { Logger } from '../log'
import type { AwarenessVerdict } from './awareness-guard'
import { DEFAULT_MAX_BOARD_BYTES } from './board-size'
import { BoardTitle } from './board-title'
import { DurableQueue } from './durable-queue'
import { loadBoard, type StoredReply } from './load-board'
import {
  CloseCode,
  encodeStorageStatus,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol'
import { RoomPresence } from './room-presence'
import { FULL_STATE_CACHE_MIN_BYTES, storedState, SyncReplies } from './sync-replies'
import {
  MalformedUpdateError,
  RoomUnsafeError,
  SyncFloodError,
  type Peer,
  type RoomOptions,
} from './room-contract'
import { UpdateApplier } from './update-applier'
import { DEFAULT_GATE_LIMITS } from './update-gate'
import { LaneFullError, UpdateLane } from './update-lane'

export const REPAIR_ORIGIN = 'repair'

/** Once at join, once more after a reply lost with a reconnect-less hiccup. */
const MAX_FULL_SYNCS_PER_SOCKET = 2

export class Room {
  readonly doc: Y.Doc
  readonly awareness: Awareness
  readonly presence: RoomPresence
  readonly peers = new Set<Peer>()
  readonly #queue: DurableQueue
  readonly #lane = new UpdateLane()
  readonly #replies: SyncReplies
  readonly #applier: UpdateApplier
  /** Keeps the store's copy of the title in step with the doc's (board-title.ts). */
  readonly #title: BoardTitle
  /** Whole-state answers each socket got (a big board's state is megabytes out each time). */
  readonly #fullSyncs = new WeakMap<Peer, number>()
  #destroyed = false
  #unsafe = false
  /** Stored bytes once the queue drains: snapshot + update rows + queued updates + cuts. */
  #sizeBytes: number
  /** Set when the board opened over its cap (board-size.ts loadMode). */
  readonly readOnlyReason: string | null
  /** The doc's state vector right after loading, and whether anything changed since. */
  #loadedStateVector: Uint8Array | null = null
  #changedSinceLoad = false
  readonly #log: Logger

  private constructor(
    readonly boardId: string,
    private readonly options: RoomOptions,
    doc: Y.Doc,
    stored: { rows: number; bytes: number; totalBytes: number; readOnlyReason: string | null },
  ) {
    this.doc = doc
    this.#sizeBytes = stored.totalBytes
    this.readOnlyReason = stored.readOnlyReason
    this.#log = options.logger.child({ boardId })
    this.presence = new RoomPresence(doc, this.peers, options)
    this.awareness = this.presence.awareness
    const { loader, store } = options
    this.#replies = new SyncReplies(
      doc,
      loader && storedState(store, loader, boardId, (ms) => this.durable(ms)),
    )
    this.#applier = new UpdateApplier({
      doc,
      metrics: options.metrics,
      limits: options.updateLimits ?? DEFAULT_GATE_LIMITS,
      now: () => performance.now(),
      budget: () => ({
        sizeBytes: this.#sizeBytes,
        maxBoardBytes: options.maxBoardBytes ?? DEFAULT_MAX_BOARD_BYTES,
        readOnlyReason: this.readOnlyReason,
      }),
      charge: (bytes) => (this.#sizeBytes += bytes),
      stopped: () => this.#unsafe || this.#destroyed,
      applySafely: (bytes, origin) => this.#applySafely(bytes, origin),
      judgeRoles: options.judgeRoles !== false,
    })
    this.#queue = new DurableQueue({
      boardId,
      store: options.store,
      metrics: options.metrics,
      log: this.#log,
      compaction: options.compaction,
      storageRetryMaxMs: options.storageRetryMaxMs,
      fanout: options.fanout,
      loader: options.loader,
      stored,
      fanoutRoom: this,
      broadcast: (message) => this.#broadcast(message),
      onCompacted: (sizeBytes) => (this.#sizeBytes = sizeBytes),
    })
    const afterDurable = (reached: (durable: boolean) => void) => this.#queue.barrier(reached)
    this.#title = new BoardTitle({ boardId, doc, store, log: this.#log, afterDurable })
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
      readOnlyReason: loaded.readOnlyReason,
    })
    room.#loadedStateVector = Y.encodeStateVector(doc)
    if (failed > 0) room.#replies.distrustStorage()
    else if (full !== undefined && totalBytes >= FULL_STATE_CACHE_MIN_BYTES) {
      room.#replies.seed(full)
    }
    // A board stored before the relay refused deep nesting may hold a chain whose deletion
    // would overflow Yjs' stack; take it apart now, bottom-up, as a stored change.
    const pruned = loaded.mayBeDeep ? pruneDeepTypes(doc, REPAIR_ORIGIN) : 0
    if (pruned > 0) room.#log.warn({ pruned }, 'removed shared types nested past the schema')
    room.#queue.maybeCompact()
    room.#title.checkStored()
    options.fanout?.attach(room)
    return room
  }

  get unsavedUpdates(): number {
    return this.#queue.unsavedUpdates
  }

  get idle(): boolean {
    return this.#queue.idle && !this.#lane.busy
  }

  /** True once a throw inside Yjs closed this room; nothing may be read from its doc. */
  get unsafe(): boolean {
    return this.#unsafe
  }

  /**
   * Whether the doc still agrees with what is stored for it: false for a room that threw, a
   * doc that can no longer emit updates, or a doc holding structs Yjs could not integrate
   * (those are never emitted, so never stored). /healthz and /metrics report such rooms.
   */
  get consistent(): boolean {
    const store = this.doc.store
    return (
      !this.#unsafe &&
      !docIsWedged(this.doc) &&
      (this.options.fanout !== undefined ||
        (store.pendingStructs === null && store.pendingDs === null))
    )
  }

  /**
   * `answeredFromStore`: the peer already got the stored state (Room.load's onStoredState);
   * it is sent whatever the doc gained since, so it misses nothing.
   */
  join(peer: Peer, answeredFromStore = false): void {
    this.peers.add(peer)
    peer.send(encodeSyncStep1(this.doc))
    if (answeredFromStore && this.#changedSinceLoad && this.#loadedStateVector !== null) {
      this.#queue.send(peer, encodeSyncStep2(this.doc, this.#loadedStateVector))
    }
    this.presence.welcome(peer)
    if (this.#queue.failing) peer.send(encodeStorageStatus(false, this.unsavedUpdates))
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    this.presence.leave(peer)
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
    if (this.#replies.wantsEverything(known, this.#sizeBytes)) {
      const asked = (this.#fullSyncs.get(peer) ?? 0) + 1
      this.#fullSyncs.set(peer, asked)
      if (asked > MAX_FULL_SYNCS_PER_SOCKET) throw new SyncFloodError()
    }
    // Behind any update still being applied in slices, so the reply includes all of it.
    const send = (messages: Uint8Array[]) => {
      // The socket may have been closed while this waited (a refused update before it), or
      // while the reply was built (a big board's delete set is built with the loop free).
      if (this.#unsafe || this.#destroyed || !this.peers.has(peer)) return
      for (const message of messages) this.#queue.send(peer, message)
    }
    this.#lane.run(() => {
      if (this.#unsafe || !this.peers.has(peer)) return
      const messages = this.#replies.reply(stateVector, known, this.#sizeBytes)
      return messages instanceof Promise ? messages.then(send) : send(messages)
    })
  }

  /**
   * Applies an untrusted V1 update with the peer as origin, once it passes the gate; refusals
   * go to `peer.rejectUpdate`. Never throws.
   */
  receiveUpdate(peer: Peer, update: Uint8Array): void {
    const queued = this.#lane.run(
      () => this.#applier.admitAndApply(update, peer),
      update.byteLength,
    )
    if (!queued) peer.rejectUpdate(new LaneFullError())
  }

  /**
   * Applies an untrusted update that arrived over HTTP (snapshot import). Resolves once it is
   * in the doc; rejects with the gate's error, LaneFullError or RoomUnsafeError.
   */
  importUpdate(update: Uint8Array, origin: unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      const queued = this.#lane.run(async () => {
        try {
          await this.#applier.admitAndApply(update, origin)
          if (this.#unsafe) reject(new RoomUnsafeError())
          else resolve()
        } catch (error) {
          reject(error)
        }
      }, update.byteLength)
      if (!queued) reject(new LaneFullError())
    })
  }

  /** Runs `job` after every update received so far has been applied (or refused). */
  afterUpdates(job: () => void): void {
    this.#lane.run(job)
  }

  /** What the board will hold in storage once its queue drains (the size the cap applies to). */
  get sizeBytes(): number {
    return this.#sizeBytes
  }

  /** Applies a peer's awareness update if the guard and the room's bounds let it through. */
  applyClientAwareness(peer: Peer, bytes: Uint8Array): AwarenessVerdict {
    return this.presence.apply(peer, bytes)
  }

  sendAwarenessTo(peer: Peer): void {
    this.presence.sendTo(peer)
  }

  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers]) peer.close(code, reason)
  }

  /**
   * Resolves true once every queued change is durable and sent, or false after `timeoutMs`
   * (storage still failing; the changes stay queued and keep being retried).
   */
  flush(timeoutMs = Infinity): Promise<boolean> {
    return this.#queue.flush(timeoutMs)
  }

  /**
   * Resolves true once every change applied so far is durable and sent, or false after
   * `timeoutMs` (storage failing; the changes stay queued). Unlike `flush`, later changes do
   * not delay it, so a REST call answers promptly on a busy board.
   */
  durable(timeoutMs: number): Promise<boolean> {
    return this.#queue.durable(timeoutMs)
  }

  /** Stops retrying at once (shutdown after the flush deadline); queued changes are dropped. */
  abandon(): number {
    return this.#queue.abandon()
  }

  /** Releases the doc, awareness and timers. The registry calls it only when the room is idle. */
  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    this.options.fanout?.detach(this.boardId)
    this.#queue.stop()
    this.#title.stop()
    this.#lane.close()
    this.doc.off('update', this.#onDocUpdate)
    this.presence.destroy()
    this.doc.destroy()
  }

  /** Applies admitted bytes; any sign that Yjs failed makes the room unsafe. */
  #applySafely(update: Uint8Array, origin: unknown): boolean {
    const store = this.doc.store
    const hadPending = store.pendingStructs !== null || store.pendingDs !== null
    try {
      Y.applyUpdate(this.doc, update, origin)
    } catch (error) {
      this.#makeUnsafe(error)
      return false
    }
    if (docIsWedged(this.doc)) {
      this.#makeUnsafe(new Error('the doc stopped emitting updates'))
      return false
    }
    if (!hadPending && (store.pendingStructs !== null || store.pendingDs !== null)) {
      // The gate let through something Yjs could not integrate: held in memory only, it would
      // be confirmed by sync replies yet never stored. Reload rather than answer from it.
      this.#makeUnsafe(new Error('an admitted update left structs pending'))
      return false
    }
    return true
  }

  #makeUnsafe(error: unknown): void {
    if (this.#unsafe) return
    this.#unsafe = true
    this.options.metrics.roomsReloaded++
    this.#log.error({ err: error }, 'an update failed inside Yjs; reloading the board from storage')
    this.#lane.close()
    // What the doc emitted before the throw is queued and still gets stored; what it holds
    // beyond that was never confirmed to anyone. Clients reconnect to the reloaded board and
    // resend what it lacks.
    this.closeAll(CloseCode.internalError, 'board reloading after a failed update')
    this.options.onUnsafe?.(this)
  }

  readonly #onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === 'load') return
    this.#changedSinceLoad = true
    this.#sizeBytes += update.byteLength
    this.#replies.updated(update)
    const remote = origin === REMOTE_ORIGIN
    // Stored by the node that made it: only this node's peers still need it.
    if (remote) this.#broadcast(encodeUpdate(update))
    // Yjs deletes a merged delete set in clock order, parents first, recursing through each
    // child still alive: the repair's pieces must reach storage (and whoever loads it later)
    // one by one, deepest first, as pruneDeepTypes wrote them.
    else this.#queue.update(update, origin === REPAIR_ORIGIN)
    this.#title.updated(remote)
  }

  #broadcast(message: Uint8Array): void {
    for (const peer of this.peers) peer.send(message)
  }
}

export {
  LaneFullError,
  MalformedUpdateError,
  RoomUnsafeError,
  SyncFloodError,
  type Peer,
  type RoomOptions,
}
