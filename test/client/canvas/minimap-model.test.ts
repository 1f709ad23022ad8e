import { describe, expect, it } from 'vitest'
import {
  MINIMAP_MAX,
  centredOn,
  fromMap,
  minimapLayout,
  toMap,
} from '../../../client/canvas/minimap-model'

describe('minimapLayout', () => {
  const view = { x: 0, y: 0, w: 1000, h: 800 }

  it('is hidden while the view shows everything, and for an empty board or garbage', () => {
    expect(minimapLayout({ x: 10, y: 10, w: 500, h: 500 }, view).show).toBe(false)
    expect(minimapLayout(null, view).show).toBe(false)
    expect(minimapLayout({ x: Number.NaN, y: 0, w: 10, h: 10 }, view).show).toBe(false)
  })

  it('covers the content and the view within its largest size', () => {
    const layout = minimapLayout({ x: -500, y: 0, w: 5000, h: 1200 }, view)
    expect(layout.show).toBe(true)
    expect(layout.bounds).toEqual({ x: -500, y: 0, w: 5000, h: 1200 })
    expect(layout.w).toBeLessThanOrEqual(MINIMAP_MAX.w)
    expect(layout.h).toBeLessThanOrEqual(MINIMAP_MAX.h)
  })

  it('maps a press back to the stage point it shows, and centres the view on it', () => {
    const layout = minimapLayout({ x: -500, y: 0, w: 5000, h: 1200 }, view)
    const r = toMap(layout, { x: 2000, y: 600, w: 0, h: 0 })
    const p = fromMap(layout, r.x, r.y)
    expect(p.x).toBeCloseTo(2000)
    expect(p.y).toBeCloseTo(600)
    expect(centredOn({ x: 0, y: 0, scale: 0.5 }, 1000, 800, p)).toEqual({
      x: 500 - p.x * 0.5,
      y: 400 - p.y * 0.5,
      scale: 0.5,
    })
  })
})
