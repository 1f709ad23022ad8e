/**
 * "Tidy up": a selection (or the whole board) laid out without any overlap. Each frame is
 * flowed into its grid first (./tidy.ts flowFrame) and then moves as one block with its notes;
 * frames and loose notes are packed in rows (shelf packing) in the order a person reads the
 * board, so what was top-left stays top-left. A selection is packed where it was when that
 * space is free, else in the free spot nearest to it. Pure and deterministic.
 */
import { freeSpot } from './free-space'
import type { Box, Framed, Placed } from './layout'
import { boundingBox, noteBox } from './layout'
import { FRAME_TITLE_SPACE, GRID_GAP, NOTE_SIZE } from './schema'
import type { GroupedNote } from './tidy'
import { finite, flowFrame, frameFootprint, overlap } from './tidy'

/** Clear space between packed blocks: wider than a grid gap, so groups read as groups. */
export const TIDY_GAP = 2 * GRID_GAP

export interface TidyLayout {
  /** Every frame in scope with its new bounds. */
  readonly frames: readonly Framed[]
  /** Every note in scope (frames' notes included) with its new top-left corner. */
  readonly positions: readonly Placed[]
}

interface Block {
  readonly id: string
  /** Where it is now (a frame: its footprint after flowing its notes). */
  readonly box: Box
  /** Notes riding on the block, relative to the block's corner. */
  readonly riders: readonly { id: string; dx: number; dy: number }[]
  readonly frame: Framed | null
}

const byId = (a: { id: string }, b: { id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** Reading order: bands of blocks whose middles lie within the band's first block, left to right. */
function readingOrder(blocks: readonly Block[]): Block[] {
  const sorted = [...blocks].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x || byId(a, b))
  const out: Block[] = []
  let band: Block[] = []
  let bandBottom = -Infinity
  for (const b of sorted) {
    if (band.length > 0 && b.box.y + b.box.h / 2 >= bandBottom) {
      out.push(...band.sort((p, q) => p.box.x - q.box.x || byId(p, q)))
      band = []
    }
    if (band.length === 0) bandBottom = b.box.y + b.box.h
    band.push(b)
  }
  out.push(...band.sort((p, q) => p.box.x - q.box.x || byId(p, q)))
  return out
}

/**
 * Rows as wide as the content was spread, kept between a square and about a screen's shape
 * (1–1.6 times a square's side), so a board spread thin does not become one long strip.
 */
function shelfPack(blocks: readonly Block[], spreadW: number): { x: number; y: number }[] {
  let area = 0
  let widest = 0
  for (const b of blocks) {
    area += (b.box.w + TIDY_GAP) * (b.box.h + TIDY_GAP)
    widest = Math.max(widest, b.box.w)
  }
  const side = Math.sqrt(area)
  const width = Math.max(widest, Math.min(Math.max(spreadW, side), side * 1.6))
  const at: { x: number; y: number }[] = []
  let [x, y, rowH] = [0, 0, 0]
  for (const b of blocks) {
    if (x > 0 && x + b.box.w > width) {
      y += rowH + TIDY_GAP
      x = 0
      rowH = 0
    }
    at.push({ x, y })
    x += b.box.w + TIDY_GAP
    rowH = Math.max(rowH, b.box.h)
  }
  return at
}

/**
 * Runs of loose notes between frames stacked into columns about as tall as a typical frame, so
 * a row holding frames is filled beside them instead of leaving a frame's height of empty
 * board under every note. Without frames every note is its own block (plain rows).
 */
function stacked(blocks: readonly Block[]): Block[] {
  const heights = blocks
    .filter((b) => b.frame !== null)
    .map((b) => b.box.h)
    .sort((a, b) => a - b)
  const typical = heights[Math.floor(heights.length / 2)] ?? 0
  const perStack = Math.max(1, Math.floor((typical + TIDY_GAP) / (NOTE_SIZE.h + TIDY_GAP)))
  if (perStack === 1) return [...blocks]
  const out: Block[] = []
  let run: Block[] = []
  const flush = (): void => {
    const [first] = run
    if (first === undefined) return
    const riders = run.flatMap((b, i) =>
      b.riders.map((r) => ({ ...r, dy: r.dy + i * (NOTE_SIZE.h + TIDY_GAP) })),
    )
    const h = run.length * (NOTE_SIZE.h + TIDY_GAP) - TIDY_GAP
    out.push({ id: first.id, box: { ...first.box, w: NOTE_SIZE.w, h }, riders, frame: null })
    run = []
  }
  for (const b of blocks) {
    if (b.frame !== null) {
      flush()
      out.push(b)
      continue
    }
    run.push(b)
    if (run.length === perStack) flush()
  }
  flush()
  return out
}

/**
 * The tidied layout of the notes and frames in `scope` (ids of notes or frames; null: the
 * whole board). A note in a frame brings its frame (the frame is laid out as a whole); a
 * frame brings all its notes.
 *
 * @example
 * tidyLayout(notes, frames, null).positions // every note, none overlapping another or a frame
 */
export function tidyLayout(
  notesIn: readonly GroupedNote[],
  framesIn: readonly Framed[],
  scope: ReadonlySet<string> | null = null,
): TidyLayout {
  const frames = framesIn.map((f) => ({
    ...f,
    x: finite(f.x),
    y: finite(f.y),
    w: Math.max(0, finite(f.w)),
    h: Math.max(0, finite(f.h)),
  }))
  const notes = notesIn.map((n) => ({ ...n, x: finite(n.x), y: finite(n.y) }))
  const frameIds = new Set(frames.map((f) => f.id))
  const groupOf = (n: GroupedNote): string | null =>
    n.groupId !== null && frameIds.has(n.groupId) ? n.groupId : null
  const inScope = (id: string): boolean => scope === null || scope.has(id)
  const scopedFrames = new Set(frames.filter((f) => inScope(f.id)).map((f) => f.id))
  for (const n of notes) {
    const g = groupOf(n)
    if (g !== null && inScope(n.id)) scopedFrames.add(g)
  }
  const members = new Map<string, GroupedNote[]>()
  for (const n of notes) {
    const g = groupOf(n)
    if (g === null || !scopedFrames.has(g)) continue
    const list = members.get(g)
    if (list) list.push(n)
    else members.set(g, [n])
  }
  const blocks: Block[] = []
  for (const f of frames) {
    if (!scopedFrames.has(f.id)) continue
    const { frame, positions } = flowFrame(f, members.get(f.id) ?? [])
    const box = frameFootprint(frame)
    const riders = positions.map((p) => ({ id: p.id, dx: p.x - box.x, dy: p.y - box.y }))
    blocks.push({ id: f.id, box, riders, frame })
  }
  for (const n of notes) {
    if (groupOf(n) !== null || !inScope(n.id)) continue
    blocks.push({ id: n.id, box: noteBox(n), riders: [{ id: n.id, dx: 0, dy: 0 }], frame: null })
  }
  const spread = boundingBox(blocks.map((b) => b.box))
  if (spread === null) return { frames: [], positions: [] }
  const ordered = stacked(readingOrder(blocks))
  const packed = shelfPack(ordered, spread.w)
  const at = (i: number) => packed[i] ?? { x: 0, y: 0 }
  const size = boundingBox(ordered.map((b, i) => ({ ...b.box, ...at(i) }))) ?? spread
  const corner = placeBlock(spread, size, notes, frames, scopedFrames, inScope, groupOf)
  const outFrames: Framed[] = []
  const positions: Placed[] = []
  ordered.forEach((b, i) => {
    const x = corner.x + at(i).x
    const y = corner.y + at(i).y
    if (b.frame !== null) outFrames.push({ ...b.frame, x, y: y + FRAME_TITLE_SPACE })
    for (const r of b.riders) positions.push({ id: r.id, x: x + r.dx, y: y + r.dy })
  })
  return { frames: outFrames, positions }
}

/**
 * The packed block's top-left corner: where the content's top-left was, unless something left
 * out of the scope lies there; then the free spot nearest to it.
 */
function placeBlock(
  spread: Box,
  size: Box,
  notes: readonly GroupedNote[],
  frames: readonly Framed[],
  scopedFrames: ReadonlySet<string>,
  inScope: (id: string) => boolean,
  groupOf: (n: GroupedNote) => string | null,
): { x: number; y: number } {
  const occupied: Box[] = []
  for (const f of frames) if (!scopedFrames.has(f.id)) occupied.push(frameFootprint(f))
  for (const n of notes) {
    const g = groupOf(n)
    const moved = g === null ? inScope(n.id) : scopedFrames.has(g)
    if (!moved) occupied.push(noteBox(n))
  }
  const here = { x: spread.x, y: spread.y, w: size.w, h: size.h }
  const clear = (b: Box): boolean =>
    !occupied.some((o) =>
      overlap(
        { x: b.x - TIDY_GAP / 2, y: b.y - TIDY_GAP / 2, w: b.w + TIDY_GAP, h: b.h + TIDY_GAP },
        o,
      ),
    )
  if (clear(here)) return { x: here.x, y: here.y }
  return freeSpot(
    occupied,
    { x: here.x + size.w / 2, y: here.y + size.h / 2 },
    { w: size.w, h: size.h },
    TIDY_GAP,
  )
}
