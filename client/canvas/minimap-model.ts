/**
 * What the minimap shows and where a press on it takes the view: pure, so the mapping is
 * tested without a browser. The map shows the board's content and the view together, scaled
 * to fit the map's box; it is hidden while the view already shows everything.
 */
import type { Rect, Viewport } from './geometry'
import { unionRect } from './geometry'

/** The largest the map is drawn, in CSS pixels. */
export const MINIMAP_MAX = { w: 200, h: 140 } as const
/** Room around the content inside the map, in map pixels. */
const INSET = 6

export interface MinimapLayout {
  /** The view does not show all the content, so the map is worth showing. */
  readonly show: boolean
  /** The stage area the map covers. */
  readonly bounds: Rect
  /** Map pixels per stage unit. */
  readonly scale: number
  /** The map's size in CSS pixels. */
  readonly w: number
  readonly h: number
}

const inside = (inner: Rect, outer: Rect): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h

const finiteRect = (r: Rect): boolean =>
  [r.x, r.y, r.w, r.h].every(Number.isFinite) && r.w >= 0 && r.h >= 0

/**
 * The map for `content` (null: an empty board) seen through `view` (both in stage units).
 *
 * @example
 * minimapLayout({ x: 0, y: 0, w: 4000, h: 1000 }, { x: 0, y: 0, w: 1000, h: 800 }).show // true
 */
export function minimapLayout(content: Rect | null, view: Rect): MinimapLayout {
  const hidden = { show: false, bounds: view, scale: 1, w: 0, h: 0 }
  if (content === null || !finiteRect(content) || !finiteRect(view)) return hidden
  if (inside(content, view)) return hidden
  const bounds = unionRect([content, view]) ?? view
  const scale = Math.min(
    (MINIMAP_MAX.w - 2 * INSET) / Math.max(1, bounds.w),
    (MINIMAP_MAX.h - 2 * INSET) / Math.max(1, bounds.h),
  )
  return {
    show: true,
    bounds,
    scale,
    w: Math.ceil(bounds.w * scale + 2 * INSET),
    h: Math.ceil(bounds.h * scale + 2 * INSET),
  }
}

/** A stage rectangle in map pixels. */
export function toMap(layout: MinimapLayout, r: Rect): Rect {
  return {
    x: INSET + (r.x - layout.bounds.x) * layout.scale,
    y: INSET + (r.y - layout.bounds.y) * layout.scale,
    w: r.w * layout.scale,
    h: r.h * layout.scale,
  }
}

/** The stage point under map pixel (mx, my). */
export function fromMap(layout: MinimapLayout, mx: number, my: number): { x: number; y: number } {
  return {
    x: layout.bounds.x + (mx - INSET) / layout.scale,
    y: layout.bounds.y + (my - INSET) / layout.scale,
  }
}

/** The viewport at the same zoom with stage point `p` in the middle of a `width` × `height` view. */
export function centredOn(
  vp: Viewport,
  width: number,
  height: number,
  p: { x: number; y: number },
): Viewport {
  return { x: width / 2 - p.x * vp.scale, y: height / 2 - p.y * vp.scale, scale: vp.scale }
}
