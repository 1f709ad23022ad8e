/**
 * Pure hit testing over plain rectangles: which note is under the pointer, which notes a marquee
 * touches, which frame a dropped note lands in, and which notes are on screen (culling).
 * The Konva scene uses these instead of its own per-shape hit canvas so that 10,000 notes cost
 * one array scan, not 10,000 hit-graph draws.
 */
import { NOTE_SIZE } from '../../core/board/schema'
import type { Framed, Placed } from '../../core/board/layout'
import { noteBox } from '../../core/board/layout'
import type { Rect } from './geometry'
import { containsPoint, intersects, unionRect } from './geometry'

// Note geometry and "which frame a note lands in" live in core, because core commands decide
// group membership on a drop; the canvas re-exports them so what it draws is what core decides.
export type { Framed, Placed } from '../../core/board/layout'
export { frameAt, noteCentre } from '../../core/board/layout'

export const NOTE_WIDTH = NOTE_SIZE.w
export const NOTE_HEIGHT = NOTE_SIZE.h

export const noteRect: (n: Placed) => Rect = noteBox

/** The topmost note under `p`; `notes` is in paint order (last painted = on top). */
export function noteAt(notes: readonly Placed[], p: { x: number; y: number }): string | null {
  for (let i = notes.length - 1; i >= 0; i--) {
    const n = notes[i]
    if (n !== undefined && containsPoint(noteRect(n), p)) return n.id
  }
  return null
}

/** Notes the marquee touches: touching is enough, as in Miro and FigJam, so sweeps stay short. */
export function notesInRect(notes: readonly Placed[], marquee: Rect): string[] {
  return notes.filter((n) => intersects(noteRect(n), marquee)).map((n) => n.id)
}

/** The frame whose title bar or border is under `p` (frames are picked by their edge). */
export function frameEdgeAt(
  frames: readonly Framed[],
  p: { x: number; y: number },
  titleHeight: number,
  border: number,
): string | null {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]
    if (f === undefined) continue
    const outer = {
      x: f.x - border,
      y: f.y - titleHeight,
      w: f.w + 2 * border,
      h: f.h + titleHeight + border,
    }
    const inner = { x: f.x + border, y: f.y + border, w: f.w - 2 * border, h: f.h - 2 * border }
    if (containsPoint(outer, p) && !(inner.w > 0 && inner.h > 0 && containsPoint(inner, p))) {
      return f.id
    }
  }
  return null
}

/**
 * The frame whose bottom-right resize grip is under `p`; `reach` is the grip's half-size in
 * stage units (a constant number of screen pixels at any zoom).
 */
export function frameGripAt(
  frames: readonly Framed[],
  p: { x: number; y: number },
  reach: number,
): string | null {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]
    if (f && Math.abs(p.x - (f.x + f.w)) <= reach && Math.abs(p.y - (f.y + f.h)) <= reach) {
      return f.id
    }
  }
  return null
}

/**
 * Ids of the notes whose rectangle meets `view` (already inflated by any margin). Runs on every
 * pan frame over every note, so it compares corners directly instead of building rectangles.
 */
export function visibleNotes(notes: Iterable<Placed>, view: Rect): Set<string> {
  const out = new Set<string>()
  const minX = view.x - NOTE_WIDTH
  const maxX = view.x + view.w
  const minY = view.y - NOTE_HEIGHT
  const maxY = view.y + view.h
  for (const n of notes) if (n.x > minX && n.x < maxX && n.y > minY && n.y < maxY) out.add(n.id)
  return out
}

/** The box around some notes, or null for none. */
export function unionNotes(notes: readonly Placed[]): Rect | null {
  return unionRect(notes.map(noteRect))
}
