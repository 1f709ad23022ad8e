/**
 * Leading + trailing throttle: the first call goes out at once, later calls within the interval
 * collapse into one trailing call with the latest arguments. Used for cursor presence (~30 Hz),
 * where the last position must never be dropped or the remote cursor stops short.
 */
export interface Throttled<A extends unknown[]> {
  (...args: A): void
  /** Sends a pending trailing call now (e.g. on pointer leave). */
  flush(): void
  cancel(): void
}

export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  intervalMs: number,
  now: () => number = () => performance.now(),
): Throttled<A> {
  let last = -Infinity
  let pending: A | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  const fire = (): void => {
    timer = null
    if (!pending) return
    const args = pending
    pending = null
    last = now()
    fn(...args)
  }
  const throttled = (...args: A): void => {
    pending = args
    const wait = last + intervalMs - now()
    if (wait <= 0) {
      if (timer) clearTimeout(timer)
      fire()
    } else if (!timer) {
      timer = setTimeout(fire, wait)
    }
  }
  throttled.flush = (): void => {
    if (timer) clearTimeout(timer)
    fire()
  }
  throttled.cancel = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    pending = null
  }
  return throttled
}
