import { describe, expect, it } from 'vitest'
import type { Rect } from '../../../client/canvas/geometry'
import type { OverlayState } from '../../../client/canvas/overlay-shapes'
import {
  FOCUS_COLOR,
  PROPOSAL_COLOR,
  SELECTION_COLOR,
  overlayShapes,
} from '../../../client/canvas/overlay-shapes'

const rects = new Map<string, Rect>([
  ['a', { x: 0, y: 0, w: 160, h: 160 }],
  ['b', { x: 200, y: 0, w: 160, h: 160 }],
  ['far', { x: 10_000, y: 10_000, w: 160, h: 160 }],
])
const rectOf = (id: string): Rect | null => rects.get(id) ?? null
const view: Rect = { x: -100, y: -100, w: 1000, h: 800 }
const none: OverlayState = {
  selection: [],
  remoteSelections: [],
  focused: [],
  proposals: null,
  marquee: null,
  dragging: false,
}

describe('the overlay', () => {
  it('outlines our selection just outside each note, and skips what is gone or off screen', () => {
    const shapes = overlayShapes({ ...none, selection: ['a', 'gone', 'far'] }, rectOf, view, 1)
    expect(shapes).toEqual([
      { kind: 'outline', rect: { x: -3, y: -3, w: 166, h: 166 }, color: SELECTION_COLOR, width: 2 },
    ])
  })

  it("draws peers' selections dashed in their colour, under ours, and the focus on top", () => {
    const state = {
      ...none,
      selection: ['a'],
      remoteSelections: [{ ids: ['b'], color: '#db2777' }],
      focused: ['a'],
    }
    const shapes = overlayShapes(state, rectOf, view, 1)
    expect(shapes.map((s) => (s.kind === 'outline' ? [s.color, s.dash ?? null] : s.kind))).toEqual([
      ['#db2777', [4, 3]],
      [SELECTION_COLOR, null],
      [FOCUS_COLOR, null],
    ])
  })

  it('leaves out our own outlines while we drag (they would lag behind the notes)', () => {
    const shapes = overlayShapes({ ...none, selection: ['a'], dragging: true }, rectOf, view, 1)
    expect(shapes).toEqual([])
  })

  it('highlights the notes of the proposal under review and dims the rest of the view', () => {
    const proposals = [{ noteIds: ['a', 'gone', 'far'], title: 'Reduce churn' }]
    const shapes = overlayShapes({ ...none, proposals }, rectOf, view, 0.5)
    const near = { x: -200, y: -200, w: 1200, h: 1000 }
    const a = { x: -3, y: -3, w: 166, h: 166 }
    expect(shapes).toEqual([
      { kind: 'veil', rect: near, holes: [a] },
      { kind: 'highlight', rect: a, noteId: 'a' },
    ])
    expect(PROPOSAL_COLOR).toMatch(/^#/)
  })

  it('draws no box and no title: nothing to overlap or collide, and nothing when none is under review', () => {
    const proposals = [
      { noteIds: ['a'], title: 'One' },
      { noteIds: ['b'], title: 'Two' },
    ]
    const shapes = overlayShapes({ ...none, proposals }, rectOf, view, 1)
    expect(shapes.map((s) => s.kind)).toEqual(['veil', 'highlight', 'highlight'])
    expect(overlayShapes({ ...none, proposals: [] }, rectOf, view, 1)).toEqual([])
    expect(overlayShapes({ ...none, proposals: [{ noteIds: ['gone'] }] }, rectOf, view, 1)).toEqual(
      [],
    )
  })

  it('draws the marquee last, as swept', () => {
    const marquee = { x: 1, y: 2, w: 3, h: 4 }
    expect(overlayShapes({ ...none, marquee }, rectOf, view, 1)).toEqual([
      { kind: 'marquee', rect: marquee },
    ])
  })
})
