/**
 * Runs a room's client updates (and the sync replies that must see them) one at a time. Most
 * run at once, synchronously; an update applied in slices (update-slices.ts) yields between
 * slices, and whatever arrives meanwhile waits its turn here, so no update is ever applied on
 * top of half of another and nothing becomes pending. The wait is bounded: past it the sender
 * is told to come back later instead of the room buffering without end.
 */

/** More was waiting for a board busy applying a large update than the lane holds. */
export class LaneFullError extends Error {
  override name = 'LaneFullError'
  constructor() {
    super('board is busy applying a large update; try again')
  }
}

type Job = () => void | Promise<void>

/** What may wait behind a sliced update: a reconnect burst of a whole team fits easily. */
export const MAX_WAITING_JOBS = 1_024
export const MAX_WAITING_BYTES = 32 * 1024 * 1024

export class UpdateLane {
  #running = false
  readonly #waiting: { readonly job: Job; readonly bytes: number }[] = []
  #waitingBytes = 0
  #closed = false

  get busy(): boolean {
    return this.#running
  }

  /** Runs `job` now if nothing is running, else after what is queued. False when full. */
  run(job: Job, bytes = 0): boolean {
    if (this.#closed) return true
    if (this.#running) {
      if (
        this.#waiting.length >= MAX_WAITING_JOBS ||
        this.#waitingBytes + bytes > MAX_WAITING_BYTES
      ) {
        return false
      }
      this.#waiting.push({ job, bytes })
      this.#waitingBytes += bytes
      return true
    }
    this.#start(job)
    return true
  }

  /** Drops everything waiting (the room is being reloaded; the senders are disconnected). */
  close(): void {
    this.#closed = true
    this.#waiting.length = 0
    this.#waitingBytes = 0
  }

  #start(job: Job): void {
    this.#running = true
    let result: void | Promise<void>
    try {
      result = job()
    } catch {
      // Jobs report their own failures; a throw here must not stop the lane.
      result = undefined
    }
    if (result instanceof Promise) {
      result.catch(() => undefined).finally(() => this.#next())
    } else {
      this.#next()
    }
  }

  #next(): void {
    this.#running = false
    const waiting = this.#waiting.shift()
    if (waiting === undefined || this.#closed) return
    this.#waitingBytes -= waiting.bytes
    this.#start(waiting.job)
  }
}
