import { describe, expect, it } from 'vitest'
import {
  MAX_SCALE,
  MIN_SCALE,
  fitRect,
  intersects,
  rectFromCorners,
  screenPoint,
  stagePoint,
  toScreen,
  toStage,
  unionRect,
  visibleRect,
  zoomAround,
} from '../../../client/canvas/geometry'

describe('viewport transforms', () => {
  const vp = { x: 120, y: -40, scale: 2.5 }

  it('maps stage to screen and back', () => {
    const p = stagePoint(33, -71)
    const back = toStage(vp, toScreen(vp, p))
    expect(back.x).toBeCloseTo(p.x)
    expect(back.y).toBeCloseTo(p.y)
    expect(toScreen(vp, p)).toEqual({ x: 33 * 2.5 + 120, y: -71 * 2.5 - 40 })
  })

  it('keeps the stage point under the pointer fixed while zooming', () => {
    const anchor = screenPoint(300, 200)
    const before = toStage(vp, anchor)
    const zoomed = zoomAround(vp, anchor, 1.2)
    const after = toStage(zoomed, anchor)
    expect(zoomed.scale).toBeCloseTo(3)
    expect(after.x).toBeCloseTo(before.x)
    expect(after.y).toBeCloseTo(before.y)
  })

  it('clamps the zoom range', () => {
    expect(zoomAround(vp, screenPoint(0, 0), 1000).scale).toBe(MAX_SCALE)
    expect(zoomAround(vp, screenPoint(0, 0), 0.00001).scale).toBe(MIN_SCALE)
  })

  it('reports the visible part of the board', () => {
    const r = visibleRect({ x: -200, y: -100, scale: 2 }, 800, 600)
    expect(r).toEqual({ x: 100, y: 50, w: 400, h: 300 })
  })
})

describe('zoom to fit', () => {
  it('centres the content and makes it fit inside the padding', () => {
    const content = { x: 1000, y: 500, w: 2000, h: 500 }
    const vp = fitRect(content, 1000, 800, 50)
    const topLeft = toScreen(vp, stagePoint(content.x, content.y))
    const bottomRight = toScreen(vp, stagePoint(content.x + content.w, content.y + content.h))
    expect(topLeft.x).toBeGreaterThanOrEqual(50 - 1e-9)
    expect(bottomRight.x).toBeLessThanOrEqual(950 + 1e-9)
    expect((topLeft.y + bottomRight.y) / 2).toBeCloseTo(400)
    expect((topLeft.x + bottomRight.x) / 2).toBeCloseTo(500)
  })

  it('does not magnify a tiny board beyond 1:1', () => {
    expect(fitRect({ x: 0, y: 0, w: 10, h: 10 }, 1000, 800).scale).toBe(1)
  })
})

describe('rectangles', () => {
  it('normalises marquee corners dragged in any direction', () => {
    expect(rectFromCorners({ x: 10, y: 50 }, { x: -5, y: 20 })).toEqual({
      x: -5,
      y: 20,
      w: 15,
      h: 30,
    })
  })

  it('treats touching edges as not intersecting', () => {
    expect(intersects({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 5, h: 5 })).toBe(false)
    expect(intersects({ x: 0, y: 0, w: 10, h: 10 }, { x: 9, y: 9, w: 5, h: 5 })).toBe(true)
  })

  it('unions rectangles and reports none for an empty board', () => {
    expect(unionRect([])).toBeNull()
    expect(
      unionRect([
        { x: 0, y: 0, w: 10, h: 10 },
        { x: -5, y: 20, w: 10, h: 10 },
      ]),
    ).toEqual({ x: -5, y: 0, w: 15, h: 30 })
  })
})
