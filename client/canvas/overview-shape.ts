/**
 * Zoomed far out, a board is thousands of coloured rectangles: drawing each as its own Konva
 * group (transform, children, corner radius) costs tens of microseconds a note. This one shape
 * draws every on-screen note in a single pass instead, one path per colour, which is what
 * keeps a 10,000-note overview pannable. Above the text threshold the scene switches back to
 * per-note groups (text, badges, editing).
 */
import Konva from 'konva'
import { NOTE_HEIGHT, NOTE_WIDTH } from './hit-test'
import { drawReactionTotals } from './overview-reactions'

export interface OverviewItem {
  readonly x: number
  readonly y: number
  readonly fill: string
  readonly votes: number | null
  /** Everyone's reactions in total (./overview-reactions). */
  readonly reactions?: number
}

export function createOverviewShape(items: () => Iterable<OverviewItem>): Konva.Shape {
  return new Konva.Shape({
    name: 'overview',
    listening: false,
    perfectDrawEnabled: false,
    sceneFunc: (context) => {
      const ctx = context._context
      const byFill = new Map<string, OverviewItem[]>()
      const voted: OverviewItem[] = []
      for (const item of items()) {
        const list = byFill.get(item.fill)
        if (list) list.push(item)
        else byFill.set(item.fill, [item])
        if (item.votes !== null && item.votes > 0) voted.push(item)
      }
      const scale = Math.abs(ctx.getTransform().a) || 1
      ctx.lineWidth = 1 / scale
      ctx.strokeStyle = 'rgba(0,0,0,0.18)'
      for (const [fill, list] of byFill) {
        ctx.beginPath()
        for (const it of list) ctx.rect(it.x, it.y, NOTE_WIDTH, NOTE_HEIGHT)
        ctx.fillStyle = fill
        ctx.fill()
        // Borders only while a note is still a few pixels wide; below that they are noise.
        if (scale > 0.04) ctx.stroke()
      }
      drawReactionTotals(ctx, byFill.values(), scale)
      if (voted.length === 0) return
      ctx.beginPath()
      for (const it of voted) {
        // Bigger dots for more votes, so the winners stand out in the overview.
        const r = 14 + Math.min(30, it.votes ?? 0)
        const cx = it.x + NOTE_WIDTH - 14
        ctx.moveTo(cx + r, it.y)
        ctx.arc(cx, it.y, r, 0, Math.PI * 2)
      }
      ctx.fillStyle = '#4f46e5'
      ctx.fill()
    },
  })
}
