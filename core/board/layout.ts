/**
 * Where notes sit relative to frames, computed from the stored top-left corners and NOTE_SIZE:
 * the frame a dropped note lands in, the box around some notes, and the grid a grouping
 * proposal is tidied into. Pure, so a core command and the canvas drawing it agree to the unit.
 */
import { FRAME_TITLE_SPACE, GRID_GAP, NOTE_SIZE } from './schema'

/** An axis-aligned rectangle in stage units (the board's own coordinates). */
export interface Box {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

export interface Placed {
  readonly id: string
  readonly x: number
  readonly y: number
}

export interface Framed extends Box {
  readonly id: string
}

/**
 * The rectangle a note covers.
 *
 * @example
 * noteBox({ x: 10, y: 20 }) // { x: 10, y: 20, w: 160, h: 160 }
 */
export const noteBox = (n: { readonly x: number; readonly y: number }): Box => ({
  x: n.x,
  y: n.y,
  w: NOTE_SIZE.w,
  h: NOTE_SIZE.h,
})

/**
 * A note's centre: the point that decides which frame it was dropped in.
 *
 * @example
 * noteCentre({ x: 0, y: 0 }) // { x: 80, y: 80 }
 */
export const noteCentre = (n: { readonly x: number; readonly y: number }) => ({
  x: n.x + NOTE_SIZE.w / 2,
  y: n.y + NOTE_SIZE.h / 2,
})

/** Edges count as inside, so a note centred exactly on a frame's border still lands in it. */
const contains = (r: Box, p: { readonly x: number; readonly y: number }): boolean =>
  p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h

/**
 * The frame a note dropped with its centre at `p` belongs to. Where frames overlap the smallest
 * wins (the one the user most plausibly aimed at), ties broken by id so every peer agrees.
 *
 * @example
 * frameAt([{ id: 'g1', x: 0, y: 0, w: 400, h: 400 }], { x: 80, y: 80 }) // 'g1'
 */
export function frameAt(frames: readonly Framed[], p: { x: number; y: number }): string | null {
  let best: Framed | null = null
  for (const f of frames) {
    if (!contains(f, p)) continue
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

/**
 * The smallest box holding all `boxes`, or null for none.
 *
 * @example
 * boundingBox([noteBox({ x: 0, y: 0 }), noteBox({ x: 200, y: 0 })]) // { x: 0, y: 0, w: 360, h: 160 }
 */
export function boundingBox(boxes: readonly Box[]): Box | null {
  const [first, ...rest] = boxes
  if (first === undefined) return null
  let [left, top, right, bottom] = [first.x, first.y, first.x + first.w, first.y + first.h]
  for (const b of rest) {
    left = Math.min(left, b.x)
    top = Math.min(top, b.y)
    right = Math.max(right, b.x + b.w)
    bottom = Math.max(bottom, b.y + b.h)
  }
  return { x: left, y: top, w: right - left, h: bottom - top }
}

export interface DroppedNote extends Placed {
  readonly groupId: string | null
}

export interface Assignment {
  readonly noteId: string
  readonly groupId: string | null
}

/**
 * What a drag means for grouping. Dropping a note with its centre inside a frame assigns it to
 * that frame; dropping it outside every frame unassigns it. Only changes are returned, so a drag
 * within the same frame changes no group at all.
 *
 * @example
 * assignmentsAfterDrop([{ id: 'n1', x: 10, y: 10, groupId: null }], frames) // [{ noteId: 'n1', groupId: 'g1' }]
 */
export function assignmentsAfterDrop(
  dropped: readonly DroppedNote[],
  frames: readonly Framed[],
): Assignment[] {
  const out: Assignment[] = []
  for (const n of dropped) {
    const target = frameAt(frames, noteCentre(n))
    if (target !== n.groupId) out.push({ noteId: n.id, groupId: target })
  }
  return out
}

/**
 * Groups changes by target, so each target is one write of "these notes belong to that group".
 *
 * @example
 * byTarget([{ noteId: 'a', groupId: 'g1' }, { noteId: 'b', groupId: 'g1' }]).get('g1') // ['a', 'b']
 */
export function byTarget(assignments: readonly Assignment[]): Map<string | null, string[]> {
  const out = new Map<string | null, string[]>()
  for (const a of assignments) {
    const ids = out.get(a.groupId)
    if (ids) ids.push(a.noteId)
    else out.set(a.groupId, [a.noteId])
  }
  return out
}

/**
 * The largest (or smallest) of `of(item)`, 0 for none or a non-finite result. A loop, not
 * `Math.max(...list)`: spreading a big board's boxes into arguments overflows the stack.
 */
function extreme<T>(
  items: readonly T[],
  of: (item: T) => number,
  pick: (a: number, b: number) => number,
): number {
  let best: number | null = null
  for (const item of items) best = best === null ? of(item) : pick(best, of(item))
  return best !== null && Number.isFinite(best) ? best : 0
}

export interface ProposalLayout {
  readonly frame: Box
  readonly positions: readonly { id: string; x: number; y: number }[]
}

/**
 * A near-square grid in the proposal's note order, in a frame placed right of everything else
 * on the board (so it never lands on other notes or frames), top-aligned with that content.
 *
 * @example
 * layoutProposal([{ id: 'n1', x: 0, y: 0 }]).frame // { x: -20, y: -44, w: 200, h: 244 }
 */
export function layoutProposal(
  notes: readonly Placed[],
  others: readonly Box[] = [],
): ProposalLayout {
  const columns = Math.max(1, Math.ceil(Math.sqrt(notes.length)))
  const rows = Math.max(1, Math.ceil(notes.length / columns))
  // Alone on the board: the frame goes where the notes already are.
  const x =
    others.length > 0
      ? extreme(others, (b) => b.x + b.w, Math.max) + 3 * GRID_GAP
      : extreme(notes, (n) => n.x, Math.min) - GRID_GAP
  const y =
    others.length > 0
      ? extreme(others, (b) => b.y, Math.min)
      : extreme(notes, (n) => n.y, Math.min) - FRAME_TITLE_SPACE
  return {
    frame: {
      x,
      y,
      w: columns * (NOTE_SIZE.w + GRID_GAP) + GRID_GAP,
      h: rows * (NOTE_SIZE.h + GRID_GAP) + GRID_GAP + FRAME_TITLE_SPACE,
    },
    positions: notes.map((note, i) => ({
      id: note.id,
      x: x + GRID_GAP + (i % columns) * (NOTE_SIZE.w + GRID_GAP),
      y: y + FRAME_TITLE_SPACE + Math.floor(i / columns) * (NOTE_SIZE.h + GRID_GAP),
    })),
  }
}
