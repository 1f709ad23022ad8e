import { afterEach, describe, expect, it, vi } from 'vitest'
import { throttle } from '../../../client/canvas/throttle'

/** A 33 ms throttle on the (fake) clock that records what it lets through. */
function recordingThrottle() {
  const sent: number[] = []
  const t = throttle(
    (x: number) => sent.push(x),
    33,
    () => Date.now(),
  )
  return { sent, t }
}

describe('throttle', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends the first call at once and the latest of a burst at the end', () => {
    vi.useFakeTimers()
    const { sent, t } = recordingThrottle()
    t(1)
    t(2)
    t(3)
    expect(sent).toEqual([1])
    vi.advanceTimersByTime(33)
    expect(sent).toEqual([1, 3])
  })

  it('flushes a pending call and cancels cleanly', () => {
    vi.useFakeTimers()
    const { sent, t } = recordingThrottle()
    t(1)
    t(2)
    t.flush()
    expect(sent).toEqual([1, 2])
    t(3)
    t.cancel()
    vi.advanceTimersByTime(100)
    expect(sent).toEqual([1, 2])
  })
})
