/**
 * The pointer gestures as plain data and pure steps, so how a press, a drag, a pinch or a
 * wheel turn changes the selection and the viewport is tested without a browser
 * (./pointer-gestures wires them to DOM events).
 */
import { FRAME_MIN_SIZE } from './frame-node'
import type { StagePoint, Viewport } from './geometry'
import { panBy, screenPoint, zoomAround } from './geometry'

/** Pixels a press may wander before it counts as a drag rather than a click. */
export const DRAG_THRESHOLD = 4

export interface Size {
  readonly w: number
  readonly h: number
}

export interface ClientPoint {
  readonly x: number
  readonly y: number
}

export type PanGesture = {
  kind: 'pan'
  startX: number
  startY: number
  from: Viewport
  moved: boolean
}
export type MoveGesture = {
  kind: 'move'
  start: StagePoint
  startX: number
  startY: number
  notes: string[]
  frames: string[]
  started: boolean
}
export type MarqueeGesture = { kind: 'marquee'; start: StagePoint; base: readonly string[] }
export type PinchGesture = {
  kind: 'pinch'
  distance: number
  midX: number
  midY: number
  from: Viewport
}
export type ResizeGesture = {
  kind: 'resize'
  id: string
  start: StagePoint
  w: number
  h: number
  size: Size | null
}

export type Gesture = PanGesture | MoveGesture | MarqueeGesture | PinchGesture | ResizeGesture

/** Whether a pointer has wandered far enough from where it went down to be a drag. */
export function pastThreshold(dx: number, dy: number): boolean {
  return Math.hypot(dx, dy) > DRAG_THRESHOLD
}

/**
 * The selection after pressing on `hit`: Shift toggles it; a plain press on something already
 * selected keeps the selection (to drag it all), on anything else selects just that.
 */
export function selectionAfterPress(
  selection: readonly string[],
  hit: string,
  shift: boolean,
): readonly string[] {
  if (shift)
    return selection.includes(hit) ? selection.filter((id) => id !== hit) : [...selection, hit]
  return selection.includes(hit) ? selection : [hit]
}

/** A frame's size while its grip is dragged to `p`, never below the smallest frame. */
export function resizedTo(g: ResizeGesture, p: StagePoint): Size {
  return {
    w: Math.max(FRAME_MIN_SIZE.w, g.w + p.x - g.start.x),
    h: Math.max(FRAME_MIN_SIZE.h, g.h + p.y - g.start.y),
  }
}

/** Two fingers down: the gesture remembers their spread and midpoint (client pixels). */
export function beginPinch(a: ClientPoint, b: ClientPoint, from: Viewport): PinchGesture {
  return {
    kind: 'pinch',
    distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
    midX: (a.x + b.x) / 2,
    midY: (a.y + b.y) / 2,
    from,
  }
}

/**
 * Zooms by the change in finger spread around where the pinch began, and pans with the
 * midpoint. `origin` is the canvas's top-left corner in client pixels.
 */
export function pinchViewport(
  g: PinchGesture,
  a: ClientPoint,
  b: ClientPoint,
  origin: ClientPoint,
): Viewport {
  const midX = (a.x + b.x) / 2
  const midY = (a.y + b.y) / 2
  const factor = Math.hypot(a.x - b.x, a.y - b.y) / g.distance
  const anchor = screenPoint(g.midX - origin.x, g.midY - origin.y)
  return panBy(zoomAround(g.from, anchor, factor), midX - g.midX, midY - g.midY)
}

export interface WheelInput {
  readonly deltaX: number
  readonly deltaY: number
  /** 0 pixels, 1 lines, 2 pages (WheelEvent.deltaMode). */
  readonly deltaMode: number
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly shiftKey: boolean
}

/**
 * The viewport after a wheel turn at `anchor` (canvas pixels): Ctrl/⌘ or a trackpad pinch
 * zooms around the pointer, otherwise it scrolls; Shift turns a vertical wheel sideways.
 */
export function wheelViewport(
  vp: Viewport,
  e: WheelInput,
  anchor: ClientPoint,
  pageHeight: number,
): Viewport {
  // Lines (Firefox mouse wheels) are ~16 px each; pages are a screen.
  const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? pageHeight : 1
  if (e.ctrlKey || e.metaKey) {
    // Pinch gestures arrive as ctrl+wheel with small deltas, mouse notches as ~100: one
    // exponential curve makes both feel proportional.
    const factor = Math.pow(1.0015, -e.deltaY * unit)
    return zoomAround(vp, screenPoint(anchor.x, anchor.y), Math.min(2, Math.max(0.5, factor)))
  }
  const sideways = e.shiftKey && e.deltaX === 0
  const dx = sideways ? e.deltaY : e.deltaX
  const dy = sideways ? 0 : e.deltaY
  return panBy(vp, -dx * unit, -dy * unit)
}
