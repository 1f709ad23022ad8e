import { describe, expect, it } from 'vitest'
import { assignmentsAfterDrop, byTarget } from '../../../client/canvas/drop-into-frame'

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
