import { describe, expect, it } from 'vitest'
import { MAX_EXPORT_AREA, MAX_EXPORT_SIDE, exportArea } from '../../../client/canvas/png-export'

describe('what a PNG export shows', () => {
  it('is the content with a 40-unit margin, at the asked pixel ratio', () => {
    expect(exportArea({ x: 100, y: -50, w: 800, h: 600 }, 2)).toEqual({
      x: 60,
      y: -90,
      w: 880,
      h: 680,
      ratio: 2,
    })
  })

  it('is one blank pixel plus the margin for an empty board', () => {
    expect(exportArea(null, 2)).toEqual({ x: -40, y: -40, w: 81, h: 81, ratio: 2 })
  })

  it('lowers the ratio so a long board stays under the browsers’ side limit', () => {
    const area = exportArea({ x: 0, y: 0, w: 20_000, h: 100 }, 2)
    expect(area.w * area.ratio).toBeLessThanOrEqual(MAX_EXPORT_SIDE)
  })

  it('lowers the ratio so a large board stays under the area limit', () => {
    const area = exportArea({ x: 0, y: 0, w: 10_000, h: 10_000 }, 2)
    expect(area.w * area.ratio * area.h * area.ratio).toBeLessThanOrEqual(MAX_EXPORT_AREA * 1.0001)
  })

  it('never goes below a twentieth, however huge the board', () => {
    expect(exportArea({ x: 0, y: 0, w: 10_000_000, h: 10 }, 2).ratio).toBe(0.05)
  })
})
