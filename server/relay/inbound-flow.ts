/**
 * What one socket may make the relay do, beyond the per-frame bounds of update-gate.ts.
 *
 * Work is structs plus delete ranges admitted (each costs integration time; 100k tiny structs
 * held the loop for 0.3–0.6 s here): a socket that spends faster than `workPerSecond` is
 * paused (its frames wait in the kernel and TCP pushes back on the sender) until its budget
 * refills, so it slows down instead of slowing everyone. Sync step 1 replies encode the board
 * (6 MB: ≈30 ms each): a stock client sends one per connection; past the burst the socket is
 * closed.
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
  syncRequestsBurst: 4,
  syncRequestsPerSecond: 0.5,
}

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

  constructor(
    private readonly socket: PausableSocket,
    private readonly now: () => number,
    limits: FlowLimits,
  ) {
    this.#work = new FlowBudget(limits.workPerSecond, limits.workBurst, now)
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

  /** Whether one more sync step 1 may be answered. */
  allowSyncRequest(): boolean {
    return this.#syncRequests.tryTake(1)
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
  }
}
