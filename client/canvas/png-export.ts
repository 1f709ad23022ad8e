/**
 * The whole board as a PNG: frames and notes, every note drawn with its text whether on screen
 * or not, on white, without overlays or remote cursors. The image is cut to the content plus a
 * margin, and its pixel ratio is lowered when browsers could not allocate it.
 */
import Konva from 'konva'
import type { Rect } from './geometry'

/** Canvas limits in Chromium and Firefox: an export larger than this comes out blank. */
export const MAX_EXPORT_SIDE = 16_384
export const MAX_EXPORT_AREA = 16_384 * 16_384 * 0.25
const MIN_RATIO = 0.05
const MARGIN = 40

/** The part of the board an export shows (stage units) and the pixel ratio it is drawn at. */
export interface ExportArea extends Rect {
  readonly ratio: number
}

/** Where and how finely to draw `content` (null: an empty board, one blank pixel). */
export function exportArea(content: Rect | null, pixelRatio: number): ExportArea {
  const c = content ?? { x: 0, y: 0, w: 1, h: 1 }
  const w = Math.ceil(c.w + 2 * MARGIN)
  const h = Math.ceil(c.h + 2 * MARGIN)
  const fits = Math.min(
    MAX_EXPORT_SIDE / w,
    MAX_EXPORT_SIDE / h,
    Math.sqrt(MAX_EXPORT_AREA / (w * h)),
  )
  return {
    x: c.x - MARGIN,
    y: c.y - MARGIN,
    w,
    h,
    ratio: Math.max(MIN_RATIO, Math.min(pixelRatio, fits)),
  }
}

/** The layers of the scene as an export treats them. */
export interface ExportLayers {
  readonly stage: Konva.Stage
  /** The bottom layer: the white background goes under everything on it. */
  readonly bottom: Konva.Layer
  /** Overlays and cursors: what the local user sees, not the board. */
  readonly hidden: readonly Konva.Layer[]
}

/**
 * Draws `area` of the stage to a data URL. The caller makes every note drawable first and
 * restores its viewport afterwards; the layers hidden here are shown again whatever happens.
 */
export function drawExport(layers: ExportLayers, area: ExportArea): string {
  const background = new Konva.Rect({
    x: area.x,
    y: area.y,
    width: area.w,
    height: area.h,
    fill: '#ffffff',
  })
  layers.bottom.add(background)
  background.moveToBottom()
  for (const layer of layers.hidden) layer.visible(false)
  layers.stage.position({ x: -area.x, y: -area.y })
  layers.stage.scale({ x: 1, y: 1 })
  try {
    return layers.stage.toDataURL({
      x: 0,
      y: 0,
      width: area.w,
      height: area.h,
      pixelRatio: area.ratio,
    })
  } finally {
    background.destroy()
    for (const layer of layers.hidden) layer.visible(true)
  }
}
