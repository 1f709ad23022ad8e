/**
 * Pure hit testing over plain rectangles: which note is under the pointer, which notes a marquee
 * touches, which frame a dropped note lands in, and which notes are on screen (culling).
 * The Konva scene uses these instead of its own per-shape hit canvas so that 10,000 notes cost
 * one array scan, not 10,000 hit-graph draws.
 */
import type { Rect } from './geometry'
import { containsPoint, intersects, unionRect } from './geometry'

export const NOTE_WIDTH = 160
export const NOTE_HEIGHT = 160

export interface Placed {
  readonly id: string
  readonly x: number
  readonly y: number
}

export interface Framed extends Rect {
  readonly id: string
}

export const noteRect = (n: Placed): Rect => ({ x: n.x, y: n.y, w: NOTE_WIDTH, h: NOTE_HEIGHT })

export const noteCentre = (n: Placed): { x: number; y: number } => ({
  x: n.x + NOTE_WIDTH / 2,
  y: n.y + NOTE_HEIGHT / 2,
})

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

/**
 * The frame a note dropped with its centre at `p` belongs to. Where frames overlap the smallest
 * wins (the one the user most plausibly aimed at), ties broken by id so every peer agrees.
 */
export function frameAt(frames: readonly Framed[], p: { x: number; y: number }): string | null {
  let best: Framed | null = null
  for (const f of frames) {
    if (!containsPoint(f, p)) continue
    if (
      best === null ||
      f.w * f.h < best.w * best.h ||
      (f.w * f.h === best.w * best.h && f.id < best.id)
    ) {
      best = f
    }
  }
  return best?.id ?? null
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
