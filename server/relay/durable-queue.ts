/**
 * One board's ordered queue: what the doc emitted is appended to the store, and only after that
 * append resolves is it broadcast. Replies to sync step 1 wait in the same queue, so a joining
 * peer never receives state that is not yet on disk. When storage fails, the queue holds the
 * updates in memory, retries with backoff, and tells clients their changes are unsaved. Once
 * enough rows pile up it compacts them, beside the queue, on the store's own copy.
 */
import * as Y from 'yjs'
import type { RoomFanout } from '../cluster/fanout'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import {
  compactBoard,
  shouldCompact,
  type CompactionPolicy,
  type CompactionResult,
} from '../storage/compaction'
import { OFF_THREAD_MIN_BYTES, type StateLoader } from '../storage/off-thread-load'
import type { BoardStore } from '../storage/store'
import { encodeStorageStatus, encodeUpdate } from './protocol'

/** Whoever a queued message goes to (room.ts' Peer). */
export interface Recipient {
  send(message: Uint8Array): void
}

type Task =
  | { readonly kind: 'update'; readonly update: Uint8Array; readonly alone: boolean }
  | { readonly kind: 'send'; readonly peer: Recipient; readonly message: Uint8Array }
  | { readonly kind: 'barrier'; readonly reached: (durable: boolean) => void }

export interface DurableQueueOptions {
  readonly boardId: string
  readonly store: BoardStore
  readonly metrics: Metrics
  readonly log: Logger
  readonly compaction: CompactionPolicy
  readonly storageRetryMaxMs: number
  readonly fanout?: RoomFanout | undefined
  readonly loader?: StateLoader | undefined
  /** Update rows after the snapshot, and their bytes, when the board was loaded. */
  readonly stored: { readonly rows: number; readonly bytes: number }
  /** Sends to every peer of the board. */
  readonly broadcast: (message: Uint8Array) => void
  /** After a compaction: what the board now holds in storage, queued updates included. */
  readonly onCompacted: (sizeBytes: number) => void
  /** The fan-out's handle on the room (it passes it back to other nodes' relays). */
  readonly fanoutRoom: Parameters<RoomFanout['durable']>[0]
}

const MAX_BATCH = 512

export class DurableQueue {
  readonly #tasks: Task[] = []
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
  #stopped = false

  constructor(private readonly options: DurableQueueOptions) {
    this.#pendingRows = options.stored.rows
    this.#pendingBytes = options.stored.bytes
  }

  get failing(): boolean {
    return this.#failing
  }

  get unsavedUpdates(): number {
    return this.#failing ? this.#tasks.filter((t) => t.kind === 'update').length : 0
  }

  /** Nothing queued, nothing being written, no compaction running. */
  get idle(): boolean {
    return this.#tasks.length === 0 && !this.#pumping && this.#compacting === null
  }

  /** True while anything is queued (a barrier would have to wait). */
  get busy(): boolean {
    return this.#tasks.length > 0
  }

  /**
   * Stores `update` (our doc's own output, never client bytes) and then broadcasts it.
   * `alone`: store it as its own row, never merged with its neighbours (see room.ts: a
   * bottom-up repair must stay in pieces, or its merged delete set recurses from the top).
   */
  update(update: Uint8Array, alone = false): void {
    this.#enqueue({ kind: 'update', update, alone })
  }

  /** Sends `message` to `peer` once everything queued before it is durable. */
  send(peer: Recipient, message: Uint8Array): void {
    this.#enqueue({ kind: 'send', peer, message })
  }

  /** Calls `reached(true)` once everything queued before it is durable and sent. */
  barrier(reached: (durable: boolean) => void): void {
    this.#enqueue({ kind: 'barrier', reached })
  }

  /**
   * Resolves true once everything queued so far is durable and sent, or false after
   * `timeoutMs`; later changes do not delay it (Room.durable).
   */
  durable(timeoutMs: number): Promise<boolean> {
    if (!this.busy) return Promise.resolve(true)
    return new Promise((resolve) => {
      let settled = false
      const timer = setTimeout(() => reached(false), timeoutMs)
      const reached = (durable: boolean) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(durable)
      }
      this.barrier(reached)
    })
  }

  /** Resolves true once idle, or false after `timeoutMs` (storage still failing). */
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

  /** Bytes of the updates still waiting for storage. */
  queuedBytes(): number {
    let queued = 0
    for (const task of this.#tasks) if (task.kind === 'update') queued += task.update.byteLength
    return queued
  }

  /** Stops retrying at once; queued changes are dropped. Returns how many updates were lost. */
  abandon(): number {
    const lost = this.#tasks.filter((t) => t.kind === 'update').length
    for (const task of this.#tasks) if (task.kind === 'barrier') task.reached(false)
    this.#tasks.length = 0
    this.#wakeRetry?.()
    return lost
  }

  /** Ends the retry loop for good (the room is being destroyed). */
  stop(): void {
    this.#stopped = true
    // Ends a pending backoff too, so the queue loop sees `stopped` and returns.
    this.#wakeRetry?.()
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer)
  }

  /** Starts a compaction if the pending rows call for one. */
  maybeCompact(): void {
    if (this.#compacting !== null || this.#stopped || this.#failing) return
    if (this.#pendingRows < this.#compactFloorRows) return
    const pending = { count: this.#pendingRows, bytes: this.#pendingBytes }
    if (!shouldCompact(pending, this.options.compaction)) return
    const { store, metrics, boardId, log } = this.options
    this.#compacting = this.#compact()
      .then(async (result) => {
        metrics.compactions++
        this.#compactFloorRows = 0
        log.debug({ ...result }, 'compacted')
        const pending = await store.pendingUpdates(boardId)
        this.#pendingRows = pending.count
        this.#pendingBytes = pending.bytes
        if (result.compacted) {
          this.options.onCompacted(result.bytesAfter + pending.bytes + this.queuedBytes())
        }
      })
      .catch((error: unknown) => {
        metrics.compactionFailures++
        // Wait for as many rows again before the next try instead of retrying on every append.
        this.#compactFloorRows = this.#pendingRows * 2
        log.warn({ err: error }, 'compaction failed; will retry after more updates')
      })
      .finally(() => {
        this.#compacting = null
        this.#notifyIfIdle()
      })
  }

  /**
   * Big boards on a SQLite file are compacted by the worker on its own connection: reading
   * ≈ 10 MB of rows and writing the merged snapshot took 60 ms and 210–225 ms of the event
   * loop. Elsewhere (other stores, small boards, no worker) the rows come here.
   */
  async #compact(): Promise<CompactionResult> {
    const { store, boardId, loader } = this.options
    const compactStored = loader?.compactStored?.bind(loader)
    if (compactStored !== undefined && store.compactElsewhere !== undefined) {
      const done = await store.compactElsewhere(boardId, OFF_THREAD_MIN_BYTES, (target) =>
        compactStored(target, boardId),
      )
      if (done !== null) return done
    }
    return compactBoard(store, boardId, loader ? (parts) => loader.compact(parts) : undefined)
  }

  #enqueue(task: Task): void {
    this.#tasks.push(task)
    void this.#pump()
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return
    this.#pumping = true
    let broken = false
    try {
      await this.#drain()
    } catch (error) {
      // Nothing in the loop should throw; if it does, keep the queue for the next enqueue
      // rather than an unhandled rejection, and say so loudly.
      broken = true
      this.options.log.error({ err: error, queued: this.#tasks.length }, 'relay queue stopped')
    } finally {
      this.#pumping = false
    }
    // A task enqueued after the drain loop ended but before the await above returned (the
    // same tick as its last send: ws delivers several frames in one tick) found the pump still
    // busy and returned; without this it would wait, unsaved and unsent, for the next message.
    if (!broken && this.#tasks.length > 0 && !this.#stopped) void this.#pump()
    else this.#notifyIfIdle()
  }

  async #drain(): Promise<void> {
    while (this.#tasks.length > 0 && !this.#stopped) {
      const head = this.#tasks[0]
      if (head === undefined) break
      if (head.kind === 'send') {
        this.#tasks.shift()
        head.peer.send(head.message)
        continue
      }
      if (head.kind === 'barrier') {
        this.#tasks.shift()
        head.reached(true)
        continue
      }
      const batch: Extract<Task, { kind: 'update' }>[] = []
      for (const task of this.#tasks) {
        if (task.kind !== 'update' || batch.length === MAX_BATCH) break
        if (batch.length > 0 && (task.alone || batch[0]!.alone)) break
        batch.push(task)
      }
      // Merging is safe here: these bytes came out of our own doc, never from a client.
      const merged = batch.length === 1 ? head.update : Y.mergeUpdates(batch.map((t) => t.update))
      if (!(await this.#append(merged))) {
        await this.#backoff()
        continue
      }
      // abandon() may have emptied the queue while the append was in flight.
      if (this.#tasks[0] !== head) continue
      this.#tasks.splice(0, batch.length)
      this.options.fanout?.durable(this.options.fanoutRoom, merged)
      // To every peer, the author included, as the stock server does: an update can integrate
      // structs that were pending from other peers, and the author must receive those too.
      for (const task of batch) this.options.broadcast(encodeUpdate(task.update))
      this.maybeCompact()
    }
  }

  async #append(update: Uint8Array): Promise<boolean> {
    const { store, metrics, log, boardId } = this.options
    try {
      await store.appendUpdate(boardId, update)
    } catch (error) {
      metrics.storageFailures++
      const unsaved = this.#tasks.filter((t) => t.kind === 'update').length
      log.error({ err: error, unsaved }, 'storage append failed; keeping updates in memory')
      if (!this.#failing) {
        this.#failing = true
        this.options.broadcast(encodeStorageStatus(false, unsaved))
      }
      return false
    }
    metrics.updatesStored++
    this.#pendingRows++
    this.#pendingBytes += update.byteLength
    this.#retryDelay = 0
    if (this.#failing) {
      this.#failing = false
      log.info('storage recovered; queued updates are durable again')
      this.options.broadcast(encodeStorageStatus(true, 0))
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

  #notifyIfIdle(): void {
    if (!this.idle) return
    const waiters = this.#idleWaiters
    this.#idleWaiters = []
    for (const wake of waiters) wake()
  }
}
