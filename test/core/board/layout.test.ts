import { describe, expect, it } from 'vitest'
import {
  assignmentsAfterDrop,
  boundingBox,
  byTarget,
  frameAt,
  layoutProposal,
  noteBox,
  noteCentre,
} from '../../../core/board/layout'
import { FRAME_TITLE_SPACE, GRID_GAP, NOTE_SIZE } from '../../../core/board/schema'

type Box = { x: number; y: number; w: number; h: number }
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

const frames = [
  { id: 'g1', x: 0, y: 0, w: 400, h: 400 },
  { id: 'g2', x: 1000, y: 0, w: 400, h: 400 },
]

describe('drop into frame', () => {
  it('assigns a note whose centre lands inside a frame', () => {
    expect(assignmentsAfterDrop([{ id: 'n', x: 100, y: 100, groupId: null }], frames)).toEqual([
      { noteId: 'n', groupId: 'g1' },
    ])
  })

  it('unassigns a note dragged out of its frame', () => {
    expect(assignmentsAfterDrop([{ id: 'n', x: 600, y: 100, groupId: 'g1' }], frames)).toEqual([
      { noteId: 'n', groupId: null },
    ])
  })

  it('moves a note between frames and leaves unchanged ones alone', () => {
    const out = assignmentsAfterDrop(
      [
        { id: 'stay', x: 10, y: 10, groupId: 'g1' },
        { id: 'move', x: 1100, y: 100, groupId: 'g1' },
      ],
      frames,
    )
    expect(out).toEqual([{ noteId: 'move', groupId: 'g2' }])
  })

  it('uses the centre, so a note overlapping the edge by less than half stays out', () => {
    // Centre at x = 390 + 80 = 470, outside g1 (0..400).
    expect(assignmentsAfterDrop([{ id: 'n', x: 390, y: 10, groupId: null }], frames)).toEqual([])
  })

  it('batches changes per target group', () => {
    const batches = byTarget([
      { noteId: 'a', groupId: 'g1' },
      { noteId: 'b', groupId: null },
      { noteId: 'c', groupId: 'g1' },
    ])
    expect(batches.get('g1')).toEqual(['a', 'c'])
    expect(batches.get(null)).toEqual(['b'])
  })
})

describe('note geometry', () => {
  it('measures a note by NOTE_SIZE from its stored top-left corner', () => {
    expect(noteBox({ x: 10, y: 20 })).toEqual({ x: 10, y: 20, w: NOTE_SIZE.w, h: NOTE_SIZE.h })
    expect(noteCentre({ x: 10, y: 20 })).toEqual({
      x: 10 + NOTE_SIZE.w / 2,
      y: 20 + NOTE_SIZE.h / 2,
    })
  })

  it('picks the smallest frame under a point, ties by id, edges inclusive', () => {
    const nested = [
      { id: 'big', x: 0, y: 0, w: 1000, h: 1000 },
      { id: 'b', x: 100, y: 100, w: 200, h: 200 },
      { id: 'a', x: 100, y: 100, w: 200, h: 200 },
    ]
    expect(frameAt(nested, { x: 150, y: 150 })).toBe('a')
    expect(frameAt(nested, { x: 500, y: 500 })).toBe('big')
    expect(frameAt(nested, { x: 1000, y: 1000 })).toBe('big')
    expect(frameAt(nested, { x: 1001, y: 0 })).toBeNull()
  })

  it('bounds boxes, and nothing for no boxes', () => {
    expect(boundingBox([])).toBeNull()
    expect(boundingBox([noteBox({ x: 0, y: 0 }), noteBox({ x: 200, y: -40 })])).toEqual({
      x: 0,
      y: -40,
      w: 200 + NOTE_SIZE.w,
      h: 40 + NOTE_SIZE.h,
    })
  })
})

describe('layoutProposal', () => {
  it('puts every note inside the frame without overlaps, clear of everything else', () => {
    const notes = [0, 1, 2, 3, 4].map((i) => ({ id: `n${i}`, x: i * 7, y: i * 3 }))
    const others: Box[] = [{ x: -50, y: 40, w: 900, h: 300 }]
    const { frame, positions } = layoutProposal(notes, others)
    for (const position of positions) {
      const box = noteBox(position)
      expect(box.x).toBeGreaterThanOrEqual(frame.x)
      expect(box.y).toBeGreaterThanOrEqual(frame.y)
      expect(box.x + box.w).toBeLessThanOrEqual(frame.x + frame.w)
      expect(box.y + box.h).toBeLessThanOrEqual(frame.y + frame.h)
      for (const other of positions) {
        if (other !== position) expect(overlaps(box, noteBox(other))).toBe(false)
      }
    }
    expect(overlaps(frame, others[0] as Box)).toBe(false)
  })

  it('keeps a lone group where its notes already are', () => {
    const { frame } = layoutProposal([{ id: 'a', x: 500, y: 300 }])
    expect(frame.x).toBeLessThanOrEqual(500)
    expect(frame.x).toBeGreaterThan(400)
    expect(frame.y).toBeLessThanOrEqual(300)
    expect(frame.y).toBeGreaterThan(200)
  })

  it('fills a near-square grid row by row with the tidy spacing from the schema', () => {
    const notes = [0, 1, 2, 3, 4].map((i) => ({ id: `n${i}`, x: 0, y: 0 }))
    const { frame, positions } = layoutProposal(notes, [{ x: 0, y: 10, w: 100, h: 100 }])
    const step = { x: NOTE_SIZE.w + GRID_GAP, y: NOTE_SIZE.h + GRID_GAP }
    const left = 100 + 3 * GRID_GAP
    expect(frame).toEqual({
      x: left,
      y: 10,
      w: 3 * step.x + GRID_GAP,
      h: 2 * step.y + GRID_GAP + FRAME_TITLE_SPACE,
    })
    expect(positions.map((p) => [p.x - left - GRID_GAP, p.y - 10 - FRAME_TITLE_SPACE])).toEqual([
      [0, 0],
      [step.x, 0],
      [2 * step.x, 0],
      [0, step.y],
      [step.x, step.y],
    ])
  })

  it('lays out beside a board too big to spread into Math.max arguments', () => {
    const others = Array.from({ length: 150_000 }, (_, i) => ({ x: i, y: -i, w: 1, h: 1 }))
    const { frame } = layoutProposal([{ id: 'a', x: 0, y: 0 }], others)
    expect(frame.x).toBe(150_000 + 3 * GRID_GAP)
    expect(frame.y).toBe(-149_999)
  })
})
