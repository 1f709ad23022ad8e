/**
 * Coordinate spaces of the canvas. Stage coordinates are the board's own (what the document
 * stores and awareness publishes); screen coordinates are CSS pixels relative to the canvas
 * element. They are branded so one is never passed where the other belongs.
 */

export type StagePoint = { readonly x: number; readonly y: number } & {
  readonly __space: 'stage'
}
export type ScreenPoint = { readonly x: number; readonly y: number } & {
  readonly __space: 'screen'
}

export const stagePoint = (x: number, y: number): StagePoint => ({ x, y }) as StagePoint
export const screenPoint = (x: number, y: number): ScreenPoint => ({ x, y }) as ScreenPoint

/** An axis-aligned rectangle in stage coordinates. */
export interface Rect {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

/** screen = stage × scale + (x, y): the same mapping Konva applies to a scaled, moved stage. */
export interface Viewport {
  readonly x: number
  readonly y: number
  readonly scale: number
}

export const MIN_SCALE = 0.05
export const MAX_SCALE = 4
/** One zoom-button step or one notch of a mouse wheel with ctrl held. */
export const ZOOM_STEP = 1.2

export const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale))

export function toStage(vp: Viewport, p: ScreenPoint): StagePoint {
  return stagePoint((p.x - vp.x) / vp.scale, (p.y - vp.y) / vp.scale)
}

export function toScreen(vp: Viewport, p: StagePoint): ScreenPoint {
  return screenPoint(p.x * vp.scale + vp.x, p.y * vp.scale + vp.y)
}

/** Zooms by `factor` keeping the stage point under `anchor` fixed on screen (pointer zoom). */
export function zoomAround(vp: Viewport, anchor: ScreenPoint, factor: number): Viewport {
  const scale = clampScale(vp.scale * factor)
  const fixed = toStage(vp, anchor)
  return { scale, x: anchor.x - fixed.x * scale, y: anchor.y - fixed.y * scale }
}

export function panBy(vp: Viewport, dx: number, dy: number): Viewport {
  return { ...vp, x: vp.x + dx, y: vp.y + dy }
}

/** The part of the board visible in a `width` × `height` screen. */
export function visibleRect(vp: Viewport, width: number, height: number): Rect {
  const topLeft = toStage(vp, screenPoint(0, 0))
  return { x: topLeft.x, y: topLeft.y, w: width / vp.scale, h: height / vp.scale }
}

/** A viewport showing all of `content` centred with `padding` screen pixels around it. */
export function fitRect(content: Rect, width: number, height: number, padding = 40): Viewport {
  const availW = Math.max(1, width - 2 * padding)
  const availH = Math.max(1, height - 2 * padding)
  // Never zoom in past 1:1 on a nearly empty board: one note filling the screen is disorienting.
  const scale = clampScale(
    Math.min(1, availW / Math.max(1, content.w), availH / Math.max(1, content.h)),
  )
  return {
    scale,
    x: width / 2 - (content.x + content.w / 2) * scale,
    y: height / 2 - (content.y + content.h / 2) * scale,
  }
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

export function containsPoint(r: Rect, p: { readonly x: number; readonly y: number }): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h
}

export function inflate(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by }
}

/** The normalised rectangle spanned by two corners, whichever way the marquee was dragged. */
export function rectFromCorners(
  a: { readonly x: number; readonly y: number },
  b: { readonly x: number; readonly y: number },
): Rect {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    w: Math.abs(a.x - b.x),
    h: Math.abs(a.y - b.y),
  }
}

/** Smallest rectangle holding all of `rects`, or null for none. */
export function unionRect(rects: Iterable<Rect>): Rect | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const r of rects) {
    minX = Math.min(minX, r.x)
    minY = Math.min(minY, r.y)
    maxX = Math.max(maxX, r.x + r.w)
    maxY = Math.max(maxY, r.y + r.h)
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}
