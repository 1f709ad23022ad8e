/**
 * Where a new note goes so that it covers nothing: the free spot nearest to where the person
 * asked for it (the viewport's centre, a double-click, the end of the list view). Pure, so
 * every creation path (canvas, keyboard, list, toolbar) places notes by the same rule.
 */
import type { Box } from './layout'
import { GRID_GAP, NOTE_SIZE } from './schema'

const overlaps = (a: Box, b: Box, gap: number): boolean =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap

/** Rings searched before giving up and going right of everything (about 2,000 candidate spots). */
const MAX_RINGS = 25

/**
 * The top-left corner of a `size` box as close as possible to having its centre at `near`,
 * keeping `gap` clear of every box in `occupied`. Candidates lie on a grid of one note plus the
 * gap around the asked-for spot, searched ring by ring, nearest first; when every nearby spot is
 * taken the box goes to the right of everything.
 *
 * @example
 * freeSpot([], { x: 80, y: 80 }) // { x: 0, y: 0 }
 * freeSpot([{ x: 0, y: 0, w: 160, h: 160 }], { x: 80, y: 80 }) // a spot beside it, not on it
 */
export function freeSpot(
  occupied: readonly Box[],
  near: { readonly x: number; readonly y: number },
  size: { readonly w: number; readonly h: number } = NOTE_SIZE,
  gap: number = GRID_GAP,
): { x: number; y: number } {
  const origin = { x: Math.round(near.x - size.w / 2), y: Math.round(near.y - size.h / 2) }
  const free = (x: number, y: number): boolean => {
    const box = { x, y, w: size.w, h: size.h }
    return !occupied.some((other) => overlaps(box, other, gap))
  }
  if (free(origin.x, origin.y)) return origin
  const stepX = size.w + gap
  const stepY = size.h + gap
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    let best: { x: number; y: number; d: number } | null = null
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue
        const x = origin.x + i * stepX
        const y = origin.y + j * stepY
        const d = (i * stepX) ** 2 + (j * stepY) ** 2
        if ((best === null || d < best.d) && free(x, y)) best = { x, y, d }
      }
    }
    if (best !== null) return { x: best.x, y: best.y }
  }
  let right = origin.x
  for (const box of occupied) right = Math.max(right, box.x + box.w + gap)
  return { x: right, y: origin.y }
}
