/**
 * The geometry that keeps a board tidy: a frame's notes flowed into its grid (the frame grows
 * to hold them, never shrinks), the frame drawn around a selection (holding exactly its
 * members), and where a new note lands. Packing a whole board is ./tidy-pack.ts. Pure and
 * deterministic (ties broken by id), so the command that writes a layout and every peer that
 * reads it agree to the unit; positions read from untrusted documents are made finite first.
 */
import { freeSpot } from './free-space'
import type { Box, Framed, Placed } from './layout'
import { boundingBox, frameAt, noteBox } from './layout'
import { FRAME_TITLE_SPACE, GRID_GAP, NOTE_SIZE } from './schema'

/** One grid cell: a note and the gap after it. */
export const STEP_X = NOTE_SIZE.w + GRID_GAP
export const STEP_Y = NOTE_SIZE.h + GRID_GAP

export interface GroupedNote extends Placed {
  readonly groupId: string | null
}

export interface FrameLayout {
  /** The frame's new bounds (same corner, grown where its notes needed it). */
  readonly frame: Framed
  /** Where each of the frame's notes goes, in reading order. */
  readonly positions: readonly Placed[]
}

/** A number a layout can use: garbage from a foreign writer counts as 0. */
export const finite = (v: number): number => (Number.isFinite(v) ? v : 0)

const clean = <T extends Placed>(n: T): T => ({ ...n, x: finite(n.x), y: finite(n.y) })

const cleanBox = <T extends Box>(b: T): T => ({
  ...b,
  x: finite(b.x),
  y: finite(b.y),
  w: Math.max(0, finite(b.w)),
  h: Math.max(0, finite(b.h)),
})

/**
 * What a frame covers on the board: its title sits above its top edge, so the box reaches
 * FRAME_TITLE_SPACE higher. Layouts keep this clear, so no title is ever covered.
 *
 * @example
 * frameFootprint({ x: 0, y: 100, w: 200, h: 200 }) // { x: 0, y: 56, w: 200, h: 244 }
 */
export const frameFootprint = (f: Box): Box => ({
  x: f.x,
  y: f.y - FRAME_TITLE_SPACE,
  w: f.w,
  h: f.h + FRAME_TITLE_SPACE,
})

/** Whether `inner` lies wholly within `outer` (edges included). */
export const within = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h

/** Whether two boxes share any area (touching edges do not). */
export const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** How many grid columns fit across a frame `w` wide (at least one). */
export const columnsIn = (w: number): number =>
  Math.max(1, Math.floor((finite(w) - GRID_GAP) / STEP_X))

/** The top-left corner of grid cell `i` in a frame with `columns` columns. */
export const cellAt = (frame: Box, i: number, columns: number): { x: number; y: number } => ({
  x: frame.x + GRID_GAP + (i % columns) * STEP_X,
  y: frame.y + FRAME_TITLE_SPACE + Math.floor(i / columns) * STEP_Y,
})

/** The grid cell nearest to a note at `p` (its top-left corner), clamped to the grid. */
function cellIndexOf(frame: Box, p: Placed, columns: number): number {
  const col = Math.round((p.x - frame.x - GRID_GAP) / STEP_X)
  const row = Math.round((p.y - frame.y - FRAME_TITLE_SPACE) / STEP_Y)
  return Math.max(0, row) * columns + Math.min(columns - 1, Math.max(0, col))
}

/**
 * Notes in the order a person reads them inside `frame`: row by row (rows one grid step high),
 * left to right, ties by id.
 */
export function readingOrder<T extends Placed>(frame: Box, notes: readonly T[]): T[] {
  const row = (n: T): number => Math.round((n.y - frame.y - FRAME_TITLE_SPACE) / STEP_Y)
  return [...notes].sort((a, b) => row(a) - row(b) || a.x - b.x || (a.id < b.id ? -1 : 1))
}

/**
 * Lays `ordered` into the frame's grid, `columns` wide, and grows the frame (never shrinks it)
 * so that every note is inside with the grid's margins.
 */
export function gridInFrame(
  frame: Framed,
  ordered: readonly Placed[],
  columns: number,
): FrameLayout {
  const used = Math.max(1, Math.min(columns, ordered.length))
  const rows = Math.max(1, Math.ceil(ordered.length / columns))
  const w = Math.max(frame.w, used * STEP_X + GRID_GAP)
  const h = Math.max(frame.h, FRAME_TITLE_SPACE + rows * STEP_Y + GRID_GAP)
  return {
    frame: { id: frame.id, x: frame.x, y: frame.y, w, h },
    positions: ordered.map((n, i) => ({ id: n.id, ...cellAt(frame, i, columns) })),
  }
}

/**
 * A frame's notes flowed into its grid after `dropped` landed in it: the notes already there
 * keep their reading order, each dropped note goes into that order where it was dropped (the
 * grid cell under it), else at the end. As many columns as the frame is wide, or more when the
 * grid would otherwise grow much taller than wide.
 *
 * @example
 * flowFrame({ id: 'g1', x: 0, y: 0, w: 320, h: 240 }, [], [{ id: 'n1', x: 50, y: 50 }])
 * // frame stays 320 × 240, n1 at { x: 20, y: 44 }
 */
export function flowFrame(
  frameIn: Framed,
  members: readonly Placed[],
  dropped: readonly Placed[] = [],
): FrameLayout {
  const frame = cleanBox(frameIn)
  const droppedIds = new Set(dropped.map((n) => n.id))
  const staying = readingOrder(frame, members.filter((n) => !droppedIds.has(n.id)).map(clean))
  const total = staying.length + dropped.length
  const columns = Math.max(columnsIn(frame.w), Math.ceil(Math.sqrt(total)))
  const order: Placed[] = [...staying]
  for (const n of readingOrder(frame, dropped.map(clean))) {
    order.splice(Math.min(order.length, cellIndexOf(frame, n, columns)), 0, n)
  }
  return gridInFrame(frame, order, columns)
}

export interface SelectionFrame {
  readonly frame: Box
  /** The members in the frame's grid. */
  readonly positions: readonly Placed[]
  /** Notes that are not members but lay under the new frame, moved to free space nearby. */
  readonly evicted: readonly Placed[]
}

/**
 * The frame for "frame the selection": at the members' top-left, their grid about as wide as
 * they were spread (at least a near-square), holding exactly them. Every other note the frame
 * (with its title) would cover is moved to the free spot nearest to where it was.
 *
 * @example
 * frameForSelection([{ id: 'a', x: 0, y: 0 }], [{ id: 'b', x: 30, y: 30 }]).evicted // b, moved clear
 */
export function frameForSelection(
  membersIn: readonly Placed[],
  othersIn: readonly Placed[],
  frames: readonly Box[] = [],
): SelectionFrame | null {
  const members = membersIn.map(clean)
  const box = boundingBox(members.map(noteBox))
  if (box === null) return null
  const start: Framed = { id: '', x: box.x - GRID_GAP, y: box.y - FRAME_TITLE_SPACE, w: 0, h: 0 }
  const spread = Math.max(1, Math.round((box.w + GRID_GAP) / STEP_X))
  const columns = Math.max(Math.ceil(Math.sqrt(members.length)), Math.min(spread, members.length))
  const { frame, positions } = gridInFrame(start, readingOrder(start, members), columns)
  const bounds = { x: frame.x, y: frame.y, w: frame.w, h: frame.h }
  const footprint = frameFootprint(bounds)
  const others = othersIn.map(clean)
  const intruders = others.filter((n) => overlap(noteBox(n), footprint))
  const intruderIds = new Set(intruders.map((n) => n.id))
  const occupied: Box[] = [
    footprint,
    ...frames.map(cleanBox).map(frameFootprint),
    ...positions.map(noteBox),
    ...others.filter((n) => !intruderIds.has(n.id)).map(noteBox),
  ]
  const evicted = [...intruders]
    .sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
    .map((n) => {
      const spot = freeSpot(occupied, { x: n.x + NOTE_SIZE.w / 2, y: n.y + NOTE_SIZE.h / 2 })
      occupied.push(noteBox(spot))
      return { id: n.id, ...spot }
    })
  return { frame: bounds, positions, evicted }
}

/**
 * Where a note asked for at `near` (its centre) lands: the free spot nearest to it, clear of
 * every note and frame. Asked for inside a frame (and `join`), it lands in that frame if it fits
 * there, clear of the frame's notes, and joins its group; a full frame sends it outside, loose.
 *
 * @example
 * newNoteSpot([], [], { x: 80, y: 80 }) // { x: 0, y: 0, groupId: null }
 */
export function newNoteSpot(
  notes: readonly Placed[],
  framesIn: readonly Framed[],
  nearIn: { readonly x: number; readonly y: number },
  join = true,
): { x: number; y: number; groupId: string | null } {
  const near = { x: finite(nearIn.x), y: finite(nearIn.y) }
  const frames = framesIn.map(cleanBox)
  const target = join ? frameAt(frames, near) : null
  const occupied = [
    ...notes.map(clean).map(noteBox),
    ...frames.filter((f) => f.id !== target).map(frameFootprint),
  ]
  const frame = frames.find((f) => f.id === target)
  if (frame !== undefined) {
    const spot = freeSpot(occupied, near)
    if (within(noteBox(spot), frame)) return { ...spot, groupId: frame.id }
    occupied.push(frameFootprint(frame))
  }
  return { ...freeSpot(occupied, near), groupId: null }
}

/**
 * The frames a drop flows: every frame a dropped note's centre lands in (the frame it joins, or
 * stays in), with its notes and the dropped ones laid into its grid. `notes` is read only when
 * some note landed in a frame, so a drop on open board costs nothing extra.
 *
 * @example
 * flowAfterDrop([{ id: 'n1', x: 50, y: 50 }], [frame], () => readNotes(doc))[0].frame // grown to hold n1
 */
export function flowAfterDrop(
  dropped: readonly Placed[],
  frames: readonly Framed[],
  notes: () => readonly GroupedNote[],
): FrameLayout[] {
  const into = new Map<string, Placed[]>()
  for (const n of dropped) {
    const target = frameAt(frames, { x: n.x + NOTE_SIZE.w / 2, y: n.y + NOTE_SIZE.h / 2 })
    if (target !== null) into.set(target, [...(into.get(target) ?? []), n])
  }
  if (into.size === 0) return []
  const droppedIds = new Set(dropped.map((n) => n.id))
  const all = notes()
  return frames
    .filter((f) => into.has(f.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((f) => {
      const members = all.filter((n) => n.groupId === f.id && !droppedIds.has(n.id))
      return flowFrame(f, members, into.get(f.id) ?? [])
    })
}

/**
 * How far copies of `sourceIds` move so that they keep their arrangement and cover nothing: the
 * free spot for their bounding box nearest to `offset` down-right of them. Frames holding a
 * source are not in the way (the copies belong to them too).
 *
 * @example
 * copiesOffset([{ id: 'a', x: 0, y: 0 }], [], new Set(['a']), 24) // { dx: 180, dy: 0 } or similar, clear of a
 */
export function copiesOffset(
  notesIn: readonly (Placed & { readonly groupId?: string | null })[],
  framesIn: readonly Framed[],
  sourceIds: ReadonlySet<string>,
  offset: number,
): { dx: number; dy: number } {
  const notes = notesIn.map(clean)
  const sources = notes.filter((n) => sourceIds.has(n.id))
  const box = boundingBox(sources.map(noteBox))
  if (box === null) return { dx: offset, dy: offset }
  const holding = new Set(sources.map((n) => n.groupId ?? null))
  const occupied = [
    ...notes.map(noteBox),
    ...framesIn
      .filter((f) => !holding.has(f.id))
      .map(cleanBox)
      .map(frameFootprint),
  ]
  const spot = freeSpot(
    occupied,
    { x: box.x + offset + box.w / 2, y: box.y + offset + box.h / 2 },
    { w: box.w, h: box.h },
  )
  return { dx: spot.x - box.x, dy: spot.y - box.y }
}
