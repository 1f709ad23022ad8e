/**
 * How a room takes one untrusted update: the gate judges it (update-gate.ts), in steps when
 * it is big enough that judging it at once would hold the event loop, and the room applies it
 * whole or in slices (update-slices.ts) with the loop free between them. Refusals go to the
 * peer that sent the update (Peer.rejectUpdate); for an HTTP import they are thrown.
 */
import type * as Y from 'yjs'
import { runSteps, type Steps } from '../../core/sync/index'
import type { Writer } from '../../core/board/permissions'
import type { Metrics } from '../metrics'
import { RoomUnsafeError, type Peer } from './room-contract'
import {
  admitUpdateSteps,
  type AdmittedUpdate,
  type BoardBudget,
  type GateLimits,
  type ImportOrigin,
} from './update-gate'
import { FlowBudget } from './flow-budget'
import { needsSlicing, SLICE_STRUCTS, SliceCursor } from './update-slices'

/**
 * Frames from this size are judged in steps (≈ 4k structs each): judging 100k tiny structs at
 * once held the loop for 0.4 s. Smaller ones, nearly every edit, are judged in one go.
 */
const STEPPED_MIN_BYTES = 64 * 1024

/** What the applier needs from its room. */
export interface ApplierHost {
  readonly doc: Y.Doc
  readonly metrics: Metrics
  readonly limits: GateLimits
  readonly now: () => number
  /** The board's work budget; BOARD_WORK_PER_SECOND / BOARD_WORK_BURST when absent. */
  readonly workPerSecond?: number
  readonly workBurst?: number
  /** The board's size and cap now (read after judging, so it sees what changed meanwhile). */
  budget(): BoardBudget
  /** Adds what an admitted update costs the stored board beyond its own bytes. */
  charge(bytes: number): void
  /** True once the room is unsafe or destroyed: stop between steps and slices. */
  stopped(): boolean
  /** Applies admitted bytes; false when Yjs failed (the room is unsafe then). */
  applySafely(update: Uint8Array, origin: unknown): boolean
  /** False: the writer's role is not judged (a private room, RoomOptions.judgeRoles). */
  readonly judgeRoles?: boolean
}

/**
 * Work (structs, delete ranges, 4 per cut) one board may take a second from all its sockets
 * together: a few times what a whole team's edits and a big import need, a fraction of what
 * one core integrates (≈ 500k tiny structs a second here).
 */
export const BOARD_WORK_PER_SECOND = 150_000
export const BOARD_WORK_BURST = 400_000

/** How long one piece should hold the event loop. */
const SLICE_TARGET_MS = 10

export class UpdateApplier {
  readonly #budget: FlowBudget

  constructor(private readonly host: ApplierHost) {
    this.#budget = new FlowBudget(
      host.workPerSecond ?? BOARD_WORK_PER_SECOND,
      host.workBurst ?? BOARD_WORK_BURST,
      host.now,
    )
  }

  /**
   * Admits and applies one update; a big one is judged in steps and applied in slices, with
   * the event loop free between them. Refusals go to the peer; for an import they throw.
   */
  admitAndApply(update: Uint8Array, origin: unknown): void | Promise<void> {
    const { doc, budget, limits } = this.host
    if (this.host.stopped()) throw new RoomUnsafeError()
    const writer = this.host.judgeRoles === false ? undefined : writerOf(origin)
    const steps = admitUpdateSteps(doc, update, budget, limits, writer)
    if (update.byteLength < STEPPED_MIN_BYTES) {
      const admitted = this.#judged(() => runSteps(steps), update, origin)
      return admitted === null ? undefined : this.#apply(update, admitted, origin)
    }
    return (async () => {
      const admitted = await this.#judgedInSteps(steps, update, origin)
      if (admitted !== null && !this.host.stopped()) {
        await this.#apply(update, admitted, origin)
      }
    })()
  }

  /** The gate's answer, or null when it refused (told to the peer; thrown for an import). */
  #judged(judge: () => AdmittedUpdate, update: Uint8Array, origin: unknown): AdmittedUpdate | null {
    try {
      return judge()
    } catch (error) {
      if (!isPeer(origin)) throw error
      origin.rejectUpdate(error, update)
      return null
    }
  }

  /** The same, a chunk of the gate's work at a time with other boards running between. */
  async #judgedInSteps(
    steps: Steps<AdmittedUpdate>,
    update: Uint8Array,
    origin: unknown,
  ): Promise<AdmittedUpdate | null> {
    try {
      for (;;) {
        const next = steps.next()
        if (next.done === true) return next.value
        await new Promise((resume) => setImmediate(resume))
        if (this.host.stopped()) return null
      }
    } catch (error) {
      if (!isPeer(origin)) throw error
      origin.rejectUpdate(error, update)
      return null
    }
  }

  #apply(update: Uint8Array, admitted: AdmittedUpdate, origin: unknown): void | Promise<void> {
    const { shape, verdict, extraBytes, scans } = admitted
    // A cut costs Yjs an insertion into a struct array: charged above a struct or a range.
    // Walking past an item in the conflict loop costs about a sixth of integrating one.
    const work =
      verdict.newStructs + shape.deletes.length + 4 * verdict.splits + Math.ceil(scans / 6)
    if (isPeer(origin)) origin.spend?.(work)
    this.host.charge(extraBytes)
    // The board's own budget bounds what many sockets together make it do: past it, the lane
    // waits (whatever arrives meanwhile queues behind, up to its bound) instead of the node.
    const owedMs = this.#budget.spend(work)
    const sliced = needsSlicing(shape, verdict)
    if (!sliced && owedMs === 0) {
      this.host.applySafely(update, origin)
      return
    }
    if (sliced) this.host.metrics.slicedUpdates++
    return this.#applyLater(
      owedMs,
      sliced ? new SliceCursor(update, shape, verdict) : update,
      origin,
    )
  }

  async #applyLater(
    owedMs: number,
    pieces: SliceCursor | Uint8Array,
    origin: unknown,
  ): Promise<void> {
    if (owedMs > 0) await new Promise((resume) => setTimeout(resume, owedMs))
    if (pieces instanceof Uint8Array) {
      if (!this.host.stopped()) this.host.applySafely(pieces, origin)
      return
    }
    await this.#applySlices(pieces, origin)
  }

  /**
   * Applies the pieces with the loop free between them, each sized so it takes about
   * SLICE_TARGET_MS by what the last one cost; a piece that still took long is followed by as
   * long a pause, so one board gets at most about half the loop.
   */
  async #applySlices(cursor: SliceCursor, origin: unknown): Promise<void> {
    // Start small: the first piece is the only one sized blind.
    let size = 64
    for (let piece = cursor.next(size); piece !== null; piece = cursor.next(size)) {
      if (this.host.stopped()) return
      const started = performance.now()
      if (!this.host.applySafely(piece, origin)) return
      const took = performance.now() - started
      // At most doubling: one fast piece says little about the next.
      const fit = (size * SLICE_TARGET_MS) / Math.max(took, 0.5)
      size = Math.max(1, Math.min(SLICE_STRUCTS, 2 * size, fit))
      // Other boards, and this board's sync replies, run between pieces.
      if (took > SLICE_TARGET_MS) await new Promise((resume) => setTimeout(resume, took))
      else await new Promise((resume) => setImmediate(resume))
    }
  }
}

/**
 * A socket's role and claimed member, or an import's (update-gate.ts importOrigin). None for
 * an import without one or a peer without a role (test doubles: every Connection has one,
 * and a view one never gets this far).
 */
function writerOf(origin: unknown): Writer | undefined {
  if (typeof origin === 'object' && origin !== null && 'importedBy' in origin) {
    return (origin as ImportOrigin).importedBy
  }
  if (!isPeer(origin) || origin.role === undefined) return undefined
  return { role: origin.role, member: origin.member ?? null }
}

function isPeer(origin: unknown): origin is Peer {
  return (
    typeof origin === 'object' &&
    origin !== null &&
    typeof (origin as Partial<Peer>).rejectUpdate === 'function'
  )
}
