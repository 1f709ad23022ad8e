import { describe, expect, it } from 'vitest'
import {
  NOTE_HEIGHT,
  NOTE_WIDTH,
  frameAt,
  frameEdgeAt,
  frameGripAt,
  noteAt,
  notesInRect,
  visibleNotes,
} from '../../../client/canvas/hit-test'

const notes = [
  { id: 'a', x: 0, y: 0 },
  { id: 'b', x: NOTE_WIDTH / 2, y: NOTE_HEIGHT / 2 },
  { id: 'c', x: 1000, y: 1000 },
]

describe('note hit testing', () => {
  it('returns the topmost of overlapping notes', () => {
    expect(noteAt(notes, { x: NOTE_WIDTH - 1, y: NOTE_HEIGHT - 1 })).toBe('b')
    expect(noteAt(notes, { x: 1, y: 1 })).toBe('a')
    expect(noteAt(notes, { x: 600, y: 600 })).toBeNull()
  })

  it('selects every note the marquee touches', () => {
    expect(notesInRect(notes, { x: NOTE_WIDTH + 1, y: NOTE_HEIGHT + 1, w: 5, h: 5 })).toEqual(['b'])
    expect(notesInRect(notes, { x: -10, y: -10, w: 2000, h: 2000 })).toEqual(['a', 'b', 'c'])
  })

  it('culls notes outside the view', () => {
    const visible = visibleNotes(notes, { x: 900, y: 900, w: 200, h: 200 })
    expect([...visible]).toEqual(['c'])
  })
})

describe('frames', () => {
  const frames = [
    { id: 'big', x: 0, y: 0, w: 1000, h: 1000 },
    { id: 'small', x: 100, y: 100, w: 200, h: 200 },
    { id: 'twin-b', x: 2000, y: 0, w: 100, h: 100 },
    { id: 'twin-a', x: 2000, y: 0, w: 100, h: 100 },
  ]

  it('drops into the smallest frame containing the point', () => {
    expect(frameAt(frames, { x: 150, y: 150 })).toBe('small')
    expect(frameAt(frames, { x: 900, y: 900 })).toBe('big')
    expect(frameAt(frames, { x: -1, y: 5 })).toBeNull()
  })

  it('breaks ties between identical frames by id', () => {
    expect(frameAt(frames, { x: 2050, y: 50 })).toBe('twin-a')
  })

  it('finds the resize grip at the bottom-right corner only', () => {
    const one = [{ id: 'f', x: 0, y: 0, w: 400, h: 300 }]
    expect(frameGripAt(one, { x: 405, y: 296 }, 8)).toBe('f')
    expect(frameGripAt(one, { x: 0, y: 0 }, 8)).toBeNull()
    expect(frameGripAt(one, { x: 420, y: 300 }, 8)).toBeNull()
  })

  it('picks a frame by its title bar and edge, not its inside', () => {
    const one = [{ id: 'f', x: 0, y: 0, w: 400, h: 300 }]
    expect(frameEdgeAt(one, { x: 200, y: -10 }, 28, 6)).toBe('f')
    expect(frameEdgeAt(one, { x: 2, y: 150 }, 28, 6)).toBe('f')
    expect(frameEdgeAt(one, { x: 200, y: 150 }, 28, 6)).toBeNull()
  })
})

describe('culling agrees with rectangle intersection', () => {
  it('matches notesInRect on a grid of notes and views', () => {
    const grid = Array.from({ length: 400 }, (_, i) => ({
      id: `g${i}`,
      x: (i % 20) * 97 - 500,
      y: Math.floor(i / 20) * 89 - 400,
    }))
    for (const view of [
      { x: 0, y: 0, w: 300, h: 200 },
      { x: -650, y: -560, w: 10, h: 10 },
      { x: 123.5, y: -77, w: 1000, h: 1 },
    ]) {
      expect([...visibleNotes(grid, view)].sort()).toEqual(notesInRect(grid, view).sort())
    }
  })
})
