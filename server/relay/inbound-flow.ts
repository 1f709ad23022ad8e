/**
 * What one socket may make the relay do, beyond the per-frame bounds of update-gate.ts.
 *
 * Work is structs plus delete ranges admitted (each costs integration time; 100k tiny structs
 * held the loop for 0.3–0.6 s here): a socket that spends faster than `workPerSecond` is
 * paused (its frames wait in the kernel and TCP pushes back on the sender) until its budget
 * refills, so it slows down instead of slowing everyone. Sync step 1 replies encode the board
 * (6 MB: ≈30 ms each): a stock provider asks once per connection and our client once after
 * each burst of edits (net/pending-changes.ts); past the budget requests wait and are answered
 * in order, and past the wait bound the socket is closed (1008).
 *
 * A client that edits while reconnecting sends that edit before its sync step 2, and the edit
 * builds on offline changes only the step 2 carries: incomplete for a moment, not hostile.
 * Until the socket's first step 2, such updates are held here (never in the doc, so nothing
 * unstored is ever confirmed), within a small bound, and tried again after it; anything still
 * incomplete then is refused.
 */
import { UpdateRejectedError } from '../../core/sync/index'
import { FlowBudget } from './flow-budget'

export interface FlowLimits {
  readonly workPerSecond: number
  readonly workBurst: number
  readonly syncRequestsBurst: number
  readonly syncRequestsPerSecond: number
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = {
  workPerSecond: 50_000,
  workBurst: 200_000,
  syncRequestsBurst: 8,
  syncRequestsPerSecond: 4,
}

/** Sync requests one socket may have waiting for the budget before it counts as a flood. */
const MAX_WAITING_SYNC_REQUESTS = 32

/** What one socket may have held while it reconnects: a few edits typed during the handshake. */
const MAX_HELD_UPDATES = 64
const MAX_HELD_BYTES = 1024 * 1024

/** The part of a socket flow control needs (connection.ts RelaySocket). */
export interface PausableSocket {
  pause?(): void
  resume?(): void
}

export class InboundFlow {
  readonly #work: FlowBudget
  readonly #syncRequests: FlowBudget
  #pausedUntil = 0
  #resumeTimer: ReturnType<typeof setTimeout> | null = null
  #held: Uint8Array[] = []
  #heldBytes = 0
  #sawStep2 = false
  #stopped = false
  readonly #waitingSync: Uint8Array[] = []
  #answer: ((stateVector: Uint8Array) => void) | null = null
  #syncTimer: ReturnType<typeof setTimeout> | null = null
  readonly #syncStepMs: number

  constructor(
    private readonly socket: PausableSocket,
    private readonly now: () => number,
    limits: FlowLimits,
  ) {
    this.#work = new FlowBudget(limits.workPerSecond, limits.workBurst, now)
    this.#syncStepMs = Math.ceil(1000 / limits.syncRequestsPerSecond)
    this.#syncRequests = new FlowBudget(limits.syncRequestsPerSecond, limits.syncRequestsBurst, now)
  }

  /** Charges admitted work; past the budget the socket stops being read until it refills. */
  spend(units: number): void {
    const owedMs = this.#work.spend(units)
    if (owedMs === 0 || this.socket.pause === undefined || this.#stopped) return
    const until = this.now() + owedMs
    if (until <= this.#pausedUntil) return
    this.#pausedUntil = until
    this.socket.pause()
    if (this.#resumeTimer !== null) clearTimeout(this.#resumeTimer)
    this.#resumeTimer = setTimeout(() => {
      this.#resumeTimer = null
      if (!this.#stopped) this.socket.resume?.()
    }, owedMs)
    this.#resumeTimer.unref?.()
  }

  /**
   * 'now' when a sync step 1 may be answered at once; 'later' when it waits for the budget
   * (`answer` is called with it, in order, once there is room); 'flood' past the wait bound.
   */
  syncRequest(
    stateVector: Uint8Array,
    answer: (stateVector: Uint8Array) => void,
  ): 'now' | 'later' | 'flood' {
    if (this.#waitingSync.length === 0 && this.#syncRequests.tryTake(1)) return 'now'
    if (this.#waitingSync.length >= MAX_WAITING_SYNC_REQUESTS) return 'flood'
    this.#waitingSync.push(stateVector)
    this.#answer = answer
    this.#drainSyncLater()
    return 'later'
  }

  #drainSyncLater(): void {
    if (this.#syncTimer !== null || this.#stopped) return
    this.#syncTimer = setTimeout(() => {
      this.#syncTimer = null
      while (this.#waitingSync.length > 0 && this.#syncRequests.tryTake(1)) {
        this.#answer?.(this.#waitingSync.shift()!)
      }
      if (this.#waitingSync.length > 0) this.#drainSyncLater()
    }, this.#syncStepMs)
    this.#syncTimer.unref?.()
  }

  /** Holds a refused update if it may be waiting for this socket's step 2; false to refuse. */
  hold(error: unknown, update: Uint8Array): boolean {
    if (this.#sawStep2 || this.#stopped || !(error instanceof UpdateRejectedError)) return false
    if (error.problem !== 'incomplete' && error.problem !== 'unknown-deletes') return false
    if (
      this.#held.length >= MAX_HELD_UPDATES ||
      this.#heldBytes + update.byteLength > MAX_HELD_BYTES
    ) {
      return false
    }
    this.#held.push(update)
    this.#heldBytes += update.byteLength
    return true
  }

  /** True the first time the socket sends a sync step 2 (held updates go again after it). */
  firstStep2(): boolean {
    if (this.#sawStep2) return false
    this.#sawStep2 = true
    return true
  }

  takeHeld(): Uint8Array[] {
    const held = this.#held
    this.#held = []
    this.#heldBytes = 0
    return held
  }

  stop(): void {
    this.#stopped = true
    this.#held = []
    if (this.#resumeTimer !== null) clearTimeout(this.#resumeTimer)
    this.#resumeTimer = null
    if (this.#syncTimer !== null) clearTimeout(this.#syncTimer)
    this.#syncTimer = null
    this.#waitingSync.length = 0
    this.#answer = null
  }
}
