import { describe, expect, it } from 'vitest'
import { easedViewport } from '../../../client/canvas/canvas-viewport'
import { aimedAt } from '../../../client/canvas/canvas-keyboard'

describe('the eased viewport', () => {
  const from = { x: 0, y: 0, scale: 0.5 }
  const to = { x: 100, y: -200, scale: 2 }

  it('starts where it was and ends where it was asked to', () => {
    expect(easedViewport(from, to, 0)).toEqual(from)
    const end = easedViewport(from, to, 1)
    expect(end.x).toBe(100)
    expect(end.y).toBe(-200)
    expect(end.scale).toBeCloseTo(2)
  })

  it('zooms geometrically: half way in time is the geometric mean at the eased fraction', () => {
    const mid = easedViewport(from, to, 0.5)
    // Ease-out: three quarters of the way at half the time.
    expect(mid.x).toBeCloseTo(75)
    expect(mid.scale).toBeCloseTo(0.5 * Math.pow(4, 0.75))
  })
})

describe('which keys are the board’s', () => {
  const board = new EventTarget()
  const doc = { body: new EventTarget(), documentElement: new EventTarget() } as unknown as Document

  it('are those pressed on the board or on nothing in particular', () => {
    expect(aimedAt(board, [new EventTarget(), board], doc)).toBe(true)
    expect(aimedAt(board, [doc.body], doc)).toBe(true)
  })

  it('are not those pressed on a button in another panel', () => {
    expect(aimedAt(board, [new EventTarget(), doc.body], doc)).toBe(false)
  })
})
