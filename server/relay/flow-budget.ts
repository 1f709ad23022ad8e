/**
 * A token bucket for what one socket may make the relay do: `rate` units a second, up to
 * `burst` saved. Hand-written rather than rate-limiter-flexible (used for the per-address HTTP
 * limits): this runs on every inbound frame, synchronously, per socket, with no key to look
 * up and no promise to allocate.
 */
export class FlowBudget {
  #tokens: number
  #at: number

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.#tokens = burst
    this.#at = now()
  }

  /** Takes `units` and returns how many ms of refill the bucket now owes (0 when none). */
  spend(units: number): number {
    this.#refill()
    this.#tokens -= units
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens / this.rate) * 1000)
  }

  /** Takes `units` only if they are there. */
  tryTake(units: number): boolean {
    this.#refill()
    if (this.#tokens < units) return false
    this.#tokens -= units
    return true
  }

  #refill(): void {
    const now = this.now()
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#at) / 1000) * this.rate)
    this.#at = now
  }
}
