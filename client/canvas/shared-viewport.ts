/**
 * What a person's canvas publishes about where they look, and how another canvas reads it:
 * `viewport` (their stage position, zoom and screen size) for followers, `summon` (a
 * facilitator's "bring everyone to me") and reading both back from untrusted awareness.
 *
 * Awareness comes from other clients, any of which may be buggy or hostile: a viewport with
 * NaN, a zoom of 1e300 or a screen a million pixels wide is clamped or ignored here, never
 * handed to Konva. A summon counts only from a peer whose relay-stamped role is 'facilitate'.
 */
import { readRole } from './presence-state'
import type { Rect, Viewport } from './geometry'
import { clampScale, MAX_SCALE, MIN_SCALE } from './geometry'

/** What a canvas publishes as `viewport`: screen = stage × scale + (x, y), on a width × height screen. */
export interface SharedViewport extends Viewport {
  readonly width: number
  readonly height: number
}

/** A facilitator's "bring everyone to me": acted on once per `seq`. */
export interface Summon {
  readonly seq: number
  readonly viewport: SharedViewport
}

/** Stage coordinates farther out than this are not a board anyone drew. */
const MAX_COORD = 10_000_000
const MAX_SCREEN = 20_000
const MAX_SEQ = Number.MAX_SAFE_INTEGER

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/** A published viewport, or null when any part is missing, not a number or absurd. */
export function readViewport(value: unknown): SharedViewport | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const { x, y, scale, width, height } = v
  if (!finite(x) || !finite(y) || !finite(scale) || !finite(width) || !finite(height)) return null
  if (scale <= 0 || width < 1 || height < 1) return null
  const clamped = clampScale(scale)
  // Where the view's top-left corner is on the board; far off means garbage, not a place.
  if (Math.abs(x / scale) > MAX_COORD || Math.abs(y / scale) > MAX_COORD) return null
  return {
    x: (x / scale) * clamped,
    y: (y / scale) * clamped,
    scale: clamped,
    width: Math.min(width, MAX_SCREEN),
    height: Math.min(height, MAX_SCREEN),
  }
}

/** A published summon, or null unless its author's stamped role is 'facilitate'. */
export function readSummon(state: unknown): Summon | null {
  if (typeof state !== 'object' || state === null) return null
  const s = state as Record<string, unknown>
  if (readRole(s.user) !== 'facilitate') return null
  const summon = s.summon
  if (typeof summon !== 'object' || summon === null) return null
  const { seq, viewport } = summon as Record<string, unknown>
  if (!finite(seq) || !Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) return null
  const vp = readViewport(viewport)
  return vp === null ? null : { seq, viewport: vp }
}

/** The part of the board a published viewport shows. */
export function shownArea(vp: SharedViewport): Rect {
  return {
    x: -vp.x / vp.scale,
    y: -vp.y / vp.scale,
    w: vp.width / vp.scale,
    h: vp.height / vp.scale,
  }
}

/**
 * Our viewport showing all of what `theirs` shows, centred, on our `width` × `height` screen:
 * the same viewport when the screens are the same size.
 */
export function followViewport(theirs: SharedViewport, width: number, height: number): Viewport {
  const area = shownArea(theirs)
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.min(width / area.w, height / area.h)))
  return {
    scale,
    x: width / 2 - (area.x + area.w / 2) * scale,
    y: height / 2 - (area.y + area.h / 2) * scale,
  }
}

/** What we publish: rounded, so a still view does not republish sub-pixel noise. */
export function publishedViewport(vp: Viewport, width: number, height: number): SharedViewport {
  const r = (v: number, digits: number) => Math.round(v * digits) / digits
  return {
    x: r(vp.x, 10),
    y: r(vp.y, 10),
    scale: r(vp.scale, 10_000),
    width: Math.round(width),
    height: Math.round(height),
  }
}

/** Two viewports the eye cannot tell apart (a follower need not move). */
export function sameViewport(a: Viewport, b: Viewport): boolean {
  return (
    Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.scale - b.scale) < 1e-4
  )
}
