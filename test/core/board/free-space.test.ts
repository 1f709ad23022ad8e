import { describe, expect, it } from 'vitest'
import { freeSpot } from '../../../core/board/free-space'
import { noteBox, type Box } from '../../../core/board/layout'
import { GRID_GAP } from '../../../core/board/schema'

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe('freeSpot', () => {
  it('centres the note on the asked-for point when nothing is there', () => {
    expect(freeSpot([], { x: 500, y: 300 })).toEqual({ x: 420, y: 220 })
  })

  it('puts a note beside an occupied spot, never on it', () => {
    const taken = [noteBox({ x: 420, y: 220 })]
    const spot = freeSpot(taken, { x: 500, y: 300 })
    expect(overlap(noteBox(spot), taken[0]!)).toBe(false)
    expect(Math.hypot(spot.x - 420, spot.y - 220)).toBeLessThanOrEqual(2 * (160 + GRID_GAP))
  })

  it('fills a crowded area without overlaps, one note after another', () => {
    const boxes: Box[] = []
    for (let i = 0; i < 60; i++) boxes.push(noteBox(freeSpot(boxes, { x: 0, y: 0 })))
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false)
  })

  it('goes right of everything when the whole neighbourhood is full', () => {
    const wall: Box = { x: -1e5, y: -1e5, w: 2e5, h: 2e5 }
    const spot = freeSpot([wall], { x: 0, y: 0 })
    expect(spot.x).toBeGreaterThanOrEqual(wall.x + wall.w)
  })
})
