import { describe, expect, it } from 'vitest'
import { FRAME_MIN_SIZE } from '../../../client/canvas/frame-node'
import type { ResizeGesture } from '../../../client/canvas/gesture-model'
import {
  beginPinch,
  pastThreshold,
  pinchViewport,
  resizedTo,
  selectionAfterPress,
  wheelViewport,
} from '../../../client/canvas/gesture-model'
import { screenPoint, stagePoint, toStage } from '../../../client/canvas/geometry'

const noKeys = { ctrlKey: false, metaKey: false, shiftKey: false }

describe('a press on a note or frame', () => {
  it('selects just it, unless it is already selected (then the whole selection is dragged)', () => {
    expect(selectionAfterPress(['a', 'b'], 'c', false)).toEqual(['c'])
    const selection = ['a', 'b']
    expect(selectionAfterPress(selection, 'b', false)).toBe(selection)
  })

  it('with Shift adds it to the selection or takes it out', () => {
    expect(selectionAfterPress(['a'], 'b', true)).toEqual(['a', 'b'])
    expect(selectionAfterPress(['a', 'b'], 'a', true)).toEqual(['b'])
  })
})

describe('the drag threshold', () => {
  it('lets a press wander a few pixels and still be a click', () => {
    expect(pastThreshold(3, 0)).toBe(false)
    expect(pastThreshold(3, 3)).toBe(true)
  })
})

describe('resizing a frame by its grip', () => {
  const g: ResizeGesture = {
    kind: 'resize',
    id: 'g1',
    start: stagePoint(500, 400),
    w: 300,
    h: 200,
    size: null,
  }

  it('grows and shrinks with the pointer', () => {
    expect(resizedTo(g, stagePoint(550, 380))).toEqual({ w: 350, h: 180 })
  })

  it('never goes below the smallest frame', () => {
    expect(resizedTo(g, stagePoint(0, 0))).toEqual(FRAME_MIN_SIZE)
  })
})

describe('a two-finger pinch', () => {
  const from = { x: 0, y: 0, scale: 1 }
  const origin = { x: 100, y: 50 }

  it('zooms by the change in spread, keeping the point between the fingers still', () => {
    const g = beginPinch({ x: 200, y: 150 }, { x: 300, y: 150 }, from)
    expect(g).toMatchObject({ distance: 100, midX: 250, midY: 150 })
    const vp = pinchViewport(g, { x: 150, y: 150 }, { x: 350, y: 150 }, origin)
    expect(vp.scale).toBeCloseTo(2)
    const anchor = screenPoint(250 - origin.x, 150 - origin.y)
    expect(toStage(vp, anchor)).toEqual(toStage(from, anchor))
  })

  it('pans with the midpoint when the fingers move together', () => {
    const g = beginPinch({ x: 200, y: 150 }, { x: 300, y: 150 }, from)
    const vp = pinchViewport(g, { x: 230, y: 170 }, { x: 330, y: 170 }, origin)
    expect(vp).toEqual({ x: 30, y: 20, scale: 1 })
  })

  it('does not divide by zero when both fingers land on one spot', () => {
    expect(beginPinch({ x: 5, y: 5 }, { x: 5, y: 5 }, from).distance).toBe(1)
  })
})

describe('the wheel', () => {
  const vp = { x: 10, y: 20, scale: 1 }
  const anchor = { x: 400, y: 300 }

  it('scrolls the board by its deltas', () => {
    const e = { ...noKeys, deltaX: 5, deltaY: 30, deltaMode: 0 }
    expect(wheelViewport(vp, e, anchor, 800)).toEqual({ x: 5, y: -10, scale: 1 })
  })

  it('counts lines as 16 px and pages as the canvas height', () => {
    const lines = wheelViewport(vp, { ...noKeys, deltaX: 0, deltaY: 2, deltaMode: 1 }, anchor, 800)
    expect(lines.y).toBe(20 - 32)
    const pages = wheelViewport(vp, { ...noKeys, deltaX: 0, deltaY: 1, deltaMode: 2 }, anchor, 800)
    expect(pages.y).toBe(20 - 800)
  })

  it('with Shift turns a vertical wheel sideways', () => {
    const e = { ...noKeys, shiftKey: true, deltaX: 0, deltaY: 30, deltaMode: 0 }
    expect(wheelViewport(vp, e, anchor, 800)).toEqual({ x: -20, y: 20, scale: 1 })
  })

  it('with Ctrl or ⌘ zooms around the pointer, at most doubling per event', () => {
    const zoomIn = wheelViewport(
      vp,
      { ...noKeys, ctrlKey: true, deltaX: 0, deltaY: -100, deltaMode: 0 },
      anchor,
      800,
    )
    expect(zoomIn.scale).toBeCloseTo(Math.pow(1.0015, 100))
    const at = screenPoint(anchor.x, anchor.y)
    expect(toStage(zoomIn, at).x).toBeCloseTo(toStage(vp, at).x)
    const huge = wheelViewport(
      vp,
      { ...noKeys, metaKey: true, deltaX: 0, deltaY: -5000, deltaMode: 0 },
      anchor,
      800,
    )
    expect(huge.scale).toBe(2)
  })
})
