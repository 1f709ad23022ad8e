import { describe, expect, it } from 'vitest'
import type { Box, Framed, Placed } from '../../../core/board/layout'
import { noteBox } from '../../../core/board/layout'
import { FRAME_TITLE_SPACE, GRID_GAP, NOTE_SIZE } from '../../../core/board/schema'
import type { GroupedNote } from '../../../core/board/tidy'
import {
  copiesOffset,
  flowAfterDrop,
  flowFrame,
  frameFootprint,
  frameForSelection,
  newNoteSpot,
  overlap,
  STEP_X,
  within,
} from '../../../core/board/tidy'
import { tidyLayout } from '../../../core/board/tidy-pack'

/** A pseudo-random sequence, so the "messy" boards are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
}

function messy(count: number, seed = 7, spread = 1500): GroupedNote[] {
  const r = lcg(seed)
  return Array.from({ length: count }, (_, i) => ({
    id: `n${String(i).padStart(3, '0')}`,
    x: Math.round(r() * spread),
    y: Math.round(r() * spread),
    groupId: null,
  }))
}

/** Every pair of boxes that share area, as "a/b" labels. */
function overlaps(boxes: readonly (Box & { id: string })[]): string[] {
  const out: string[] = []
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]]
      if (a && b && overlap(a, b)) out.push(`${a.id}/${b.id}`)
    }
  }
  return out
}

/** Applies a tidy layout to the board and returns what is then drawn: loose notes and frames. */
function applied(notes: readonly GroupedNote[], frames: readonly Framed[], scope?: Set<string>) {
  const layout = tidyLayout(notes, frames, scope ?? null)
  const at = new Map(layout.positions.map((p) => [p.id, p]))
  const fAt = new Map(layout.frames.map((f) => [f.id, f]))
  const placedNotes = notes.map((n) => ({ ...n, ...(at.get(n.id) ?? {}) }))
  const placedFrames = frames.map((f) => fAt.get(f.id) ?? f)
  return { layout, notes: placedNotes, frames: placedFrames }
}

/** Loose notes and frame footprints (title included) must never overlap one another. */
function blocksOverlap(notes: readonly GroupedNote[], frames: readonly Framed[]): string[] {
  const loose = notes.filter((n) => n.groupId === null).map((n) => ({ id: n.id, ...noteBox(n) }))
  const feet = frames.map((f) => ({ id: f.id, ...frameFootprint(f) }))
  return overlaps([...loose, ...feet])
}

describe('flowFrame', () => {
  const frame = { id: 'g1', x: 100, y: 100, w: 320, h: 240 }

  it('lays the notes in the grid, none overlapping or sticking out, and grows the frame', () => {
    const members = messy(7, 3, 300).map((n) => ({ ...n, x: n.x + 100, y: n.y + 100 }))
    const { frame: grown, positions } = flowFrame(frame, members)
    expect(positions).toHaveLength(7)
    expect(overlaps(positions.map((p) => ({ id: p.id, ...noteBox(p) })))).toEqual([])
    for (const p of positions) expect(within(noteBox(p), grown)).toBe(true)
    expect(grown.x).toBe(100)
    expect(grown.y).toBe(100)
    expect(grown.w).toBeGreaterThan(320)
    expect(grown.h).toBeGreaterThan(240)
  })

  it('never shrinks a frame, and keeps the first cell at the grid margins', () => {
    const big = { id: 'g1', x: 0, y: 0, w: 2000, h: 1500 }
    const { frame: same, positions } = flowFrame(big, [{ id: 'a', x: 900, y: 900 }])
    expect(same).toEqual(big)
    expect(positions).toEqual([{ id: 'a', x: GRID_GAP, y: FRAME_TITLE_SPACE }])
  })

  it('keeps the reading order of the notes already in it and puts a dropped note where it was dropped', () => {
    const wide = { id: 'g1', x: 0, y: 0, w: 3 * STEP_X + GRID_GAP, h: 400 }
    const cell = (i: number) => ({ x: GRID_GAP + i * STEP_X, y: FRAME_TITLE_SPACE })
    const members = [
      { id: 'c', ...cell(2) },
      { id: 'a', ...cell(0) },
      { id: 'b', ...cell(1) },
    ]
    // Dropped over the second cell: it goes between a and b.
    const dropped = { id: 'd', x: cell(1).x + 30, y: cell(1).y + 20 }
    const { positions } = flowFrame(wide, [...members, dropped], [dropped])
    expect(positions.map((p) => p.id)).toEqual(['a', 'd', 'b', 'c'])
    // Dropped far below the grid: it goes last.
    const low = { id: 'e', x: 0, y: 5000 }
    expect(flowFrame(wide, members, [low]).positions.map((p) => p.id)).toEqual(['a', 'b', 'c', 'e'])
  })

  it('is deterministic and survives garbage coordinates', () => {
    const junk = [
      { id: 'x', x: Number.NaN, y: 0 },
      { id: 'y', x: Infinity, y: -Infinity },
      { id: 'z', x: 0, y: 0 },
    ]
    const bad = { id: 'g', x: Number.NaN, y: Number.NaN, w: Number.NaN, h: -5 }
    const one = flowFrame(bad, junk)
    expect(one).toEqual(flowFrame(bad, [...junk].reverse()))
    for (const p of one.positions) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true)
      expect(within(noteBox(p), one.frame)).toBe(true)
    }
  })
})

describe('flowAfterDrop', () => {
  it('flows only frames a note landed in, and reads the board only then', () => {
    const frames = [
      { id: 'g1', x: 0, y: 0, w: 400, h: 400 },
      { id: 'g2', x: 1000, y: 0, w: 400, h: 400 },
    ]
    let reads = 0
    const board = () => {
      reads++
      return [{ id: 'm', x: 20, y: 44, groupId: 'g1' }]
    }
    expect(flowAfterDrop([{ id: 'n', x: 600, y: 600 }], frames, board)).toEqual([])
    expect(reads).toBe(0)
    // Dropped over the second cell: after m, which keeps the first.
    const flows = flowAfterDrop([{ id: 'n', x: 230, y: 60 }], frames, board)
    expect(flows.map((f) => f.frame.id)).toEqual(['g1'])
    expect(flows[0]?.positions.map((p) => p.id)).toEqual(['m', 'n'])
  })
})

describe('frameForSelection', () => {
  it('holds exactly its members: a note lying between them moves out of its bounds', () => {
    const members = [
      { id: 'a', x: 0, y: 0 },
      { id: 'b', x: 400, y: 0 },
      { id: 'c', x: 800, y: 0 },
    ]
    const between = { id: 'x', x: 200, y: 20 }
    const far = { id: 'far', x: 5000, y: 5000 }
    const laid = frameForSelection(members, [between, far])
    expect(laid).not.toBeNull()
    if (laid === null) return
    for (const p of laid.positions) expect(within(noteBox(p), laid.frame)).toBe(true)
    expect(laid.evicted.map((n) => n.id)).toEqual(['x'])
    const moved = laid.evicted[0]
    expect(moved && overlap(noteBox(moved), frameFootprint(laid.frame))).toBe(false)
    expect(overlaps(laid.positions.map((p) => ({ id: p.id, ...noteBox(p) })))).toEqual([])
  })

  it('answers null for no members', () => {
    expect(frameForSelection([], [{ id: 'a', x: 0, y: 0 }])).toBeNull()
  })
})

describe('newNoteSpot', () => {
  it('lands clear of every note and frame, nearest to where it was asked for', () => {
    const notes = [{ id: 'a', x: 0, y: 0 }]
    const frames = [{ id: 'g', x: 400, y: 0, w: 400, h: 400 }]
    const spot = newNoteSpot(notes, frames, { x: 80, y: 80 }, false)
    expect(spot.groupId).toBeNull()
    expect(overlap(noteBox(spot), noteBox(notes[0] as Placed))).toBe(false)
    expect(overlap(noteBox(spot), frameFootprint(frames[0] as Box))).toBe(false)
  })

  it('asked for inside a frame, joins it when there is room and goes outside when it is full', () => {
    const frame = { id: 'g', x: 0, y: 0, w: 400, h: 400 }
    const inside = newNoteSpot([], [frame], { x: 200, y: 200 })
    expect(inside.groupId).toBe('g')
    expect(within(noteBox(inside), frame)).toBe(true)
    const full = [
      { id: 'a', x: 20, y: 44 },
      { id: 'b', x: 200, y: 44 },
      { id: 'c', x: 20, y: 220 },
      { id: 'd', x: 200, y: 220 },
    ]
    const out = newNoteSpot(full, [frame], { x: 200, y: 200 })
    expect(out.groupId).toBeNull()
    expect(overlap(noteBox(out), frameFootprint(frame))).toBe(false)
  })

  it('treats garbage as the origin', () => {
    expect(newNoteSpot([], [], { x: Number.NaN, y: Infinity }).x).toBe(-NOTE_SIZE.w / 2)
  })
})

describe('tidyLayout', () => {
  it('packs 0, 1 and 500 loose notes without any overlap', () => {
    expect(tidyLayout([], [])).toEqual({ frames: [], positions: [] })
    const one = tidyLayout([{ id: 'a', x: 40, y: 50, groupId: null }], [])
    expect(one.positions).toEqual([{ id: 'a', x: 40, y: 50 }])
    const many = messy(500, 11, 800)
    const { notes } = applied(many, [])
    expect(blocksOverlap(notes, [])).toEqual([])
  })

  it('lays frames with their notes in grids and packs them with loose notes, no overlaps', () => {
    const frames = [
      { id: 'g1', x: 0, y: 0, w: 320, h: 240 },
      { id: 'g2', x: 100, y: 50, w: 320, h: 240 },
      { id: 'g3', x: 900, y: 700, w: 200, h: 200 },
    ]
    const notes = messy(30, 5, 1000).map((n, i) => ({
      ...n,
      groupId: i < 8 ? 'g1' : i < 14 ? 'g2' : i < 16 ? 'g3' : null,
    }))
    const result = applied(notes, frames)
    expect(blocksOverlap(result.notes, result.frames)).toEqual([])
    for (const n of result.notes) {
      const f = result.frames.find((g) => g.id === n.groupId)
      if (f) expect(within(noteBox(n), f)).toBe(true)
    }
    for (const f of result.frames) {
      const before = frames.find((g) => g.id === f.id)
      expect(f.w).toBeGreaterThanOrEqual(before?.w ?? 0)
      expect(f.h).toBeGreaterThanOrEqual(before?.h ?? 0)
    }
    // Deterministic whatever order the board was read in.
    expect(tidyLayout([...notes].reverse(), [...frames].reverse(), null).positions).toEqual(
      expect.arrayContaining([...result.layout.positions]),
    )
  })

  it('stacks loose notes beside tall frames instead of leaving empty rows under them', () => {
    const frames = [{ id: 'g', x: 0, y: 0, w: 380, h: 424 }]
    const members = [0, 1, 2, 3].map((i) => ({ id: `m${i}`, x: 0, y: 0, groupId: 'g' }))
    const loose = [0, 1, 2, 3].map((i) => ({ id: `l${i}`, x: 500 + i * 10, y: i, groupId: null }))
    const result = applied([...members, ...loose], frames)
    expect(blocksOverlap(result.notes, result.frames)).toEqual([])
    const xs = new Set(result.notes.filter((n) => n.groupId === null).map((n) => n.x))
    expect(xs.size).toBe(2)
  })

  it('keeps the rough arrangement: what was top-left stays top-left', () => {
    const notes = [
      { id: 'tl', x: 0, y: 0, groupId: null },
      { id: 'tr', x: 1000, y: 10, groupId: null },
      { id: 'bl', x: 5, y: 900, groupId: null },
      { id: 'tl2', x: 30, y: 40, groupId: null },
    ]
    const at = new Map(tidyLayout(notes, []).positions.map((p) => [p.id, p]))
    expect(at.get('tl')).toEqual({ id: 'tl', x: 0, y: 0 })
    expect((at.get('tr')?.x ?? 0) > (at.get('tl')?.x ?? 0)).toBe(true)
    expect((at.get('bl')?.y ?? 0) >= (at.get('tl')?.y ?? 0)).toBe(true)
  })

  it('tidies a selection into free space, leaving the rest of the board where it was', () => {
    const notes: GroupedNote[] = [
      { id: 's1', x: 0, y: 0, groupId: null },
      { id: 's2', x: 10, y: 10, groupId: null },
      { id: 's3', x: 20, y: 20, groupId: null },
      { id: 'other', x: 200, y: 0, groupId: null },
    ]
    const result = applied(notes, [], new Set(['s1', 's2', 's3']))
    expect(result.layout.positions.map((p) => p.id).sort()).toEqual(['s1', 's2', 's3'])
    expect(result.notes.find((n) => n.id === 'other')).toMatchObject({ x: 200, y: 0 })
    expect(blocksOverlap(result.notes, [])).toEqual([])
  })

  it('brings a selected note’s frame along, and survives garbage coordinates', () => {
    const frames = [{ id: 'g1', x: Number.NaN, y: 0, w: Infinity, h: 100 }]
    const notes: GroupedNote[] = [
      { id: 'a', x: Number.NaN, y: Number.NaN, groupId: 'g1' },
      { id: 'b', x: -Infinity, y: 3, groupId: 'ghost' },
    ]
    const result = applied(notes, frames, new Set(['a', 'b']))
    expect(result.layout.frames.map((f) => f.id)).toEqual(['g1'])
    for (const p of result.layout.positions) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true)
    }
    expect(
      blocksOverlap(
        result.notes.map((n) => ({ ...n, groupId: n.id === 'a' ? 'g1' : null })),
        result.frames,
      ),
    ).toEqual([])
  })
})

describe('copiesOffset', () => {
  it('moves copies clear of every note and of frames that do not hold the sources', () => {
    const notes = [
      { id: 'a', x: 0, y: 0, groupId: null },
      { id: 'b', x: 180, y: 0, groupId: null },
      { id: 'c', x: 0, y: 180, groupId: null },
    ]
    const frames = [{ id: 'g', x: 400, y: -100, w: 400, h: 600 }]
    const { dx, dy } = copiesOffset(notes, frames, new Set(['a', 'b']), 24)
    const copies = notes
      .slice(0, 2)
      .map((n) => ({ id: `${n.id}'`, ...noteBox({ x: n.x + dx, y: n.y + dy }) }))
    const others = [
      ...notes.map((n) => ({ id: n.id, ...noteBox(n) })),
      { id: 'g', ...frameFootprint(frames[0] as Box) },
    ]
    expect(overlaps([...copies, ...others]).filter((p) => p.includes("'"))).toEqual([])
    expect(copiesOffset(notes, frames, new Set(['gone']), 24)).toEqual({ dx: 24, dy: 24 })
  })
})
