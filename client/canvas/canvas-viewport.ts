/**
 * Where the canvas looks: pans, zooms, the eased moves of zoom-to-fit and "show me these
 * notes", and framing a board once when its content first arrives. A gesture by the person
 * always wins over a running animation.
 */
import type { BoardScene } from './board-scene'
import type { Viewport } from './geometry'
import { ZOOM_STEP, screenPoint, zoomAround } from './geometry'

const TWEEN_MS = 250

/** The viewport a fraction `t` (0..1) of the way from `from` to `to`, eased out. */
export function easedViewport(from: Viewport, to: Viewport, t: number): Viewport {
  const e = t * (2 - t)
  // Interpolating the scale geometrically keeps the zoom speed even at every level.
  const scale = from.scale * Math.pow(to.scale / from.scale, e)
  return { x: from.x + (to.x - from.x) * e, y: from.y + (to.y - from.y) * e, scale }
}

export class CanvasViewport {
  /** Whether the view has been framed (or moved by the person) since the board attached. */
  private framed = false
  private tween = 0

  constructor(
    private readonly scene: () => BoardScene | null,
    /** After every change: things drawn over the stage follow it. */
    private readonly onChange: (vp: Viewport) => void,
  ) {}

  get current(): Viewport {
    return this.scene()?.viewport ?? { x: 0, y: 0, scale: 1 }
  }

  set(vp: Viewport): void {
    const scene = this.scene()
    if (!scene) return
    scene.setViewport(vp)
    this.onChange(vp)
  }

  /** The person takes over: a running animation must not pull the view back. */
  takeOver(): void {
    this.framed = true
    cancelAnimationFrame(this.tween)
  }

  /** A new board: frame it once its content is known. */
  reset(): void {
    this.framed = false
  }

  stop(): void {
    cancelAnimationFrame(this.tween)
  }

  zoomToFit(): void {
    this.framed = true
    const scene = this.scene()
    if (scene) this.animateTo(scene.fitViewport())
  }

  zoomBy(factor: number): void {
    this.framed = true
    const scene = this.scene()
    if (!scene) return
    const centre = screenPoint(scene.width / 2, scene.height / 2)
    this.set(zoomAround(scene.viewport, centre, factor))
  }

  zoomIn(): void {
    this.zoomBy(ZOOM_STEP)
  }

  zoomOut(): void {
    this.zoomBy(1 / ZOOM_STEP)
  }

  /** Eases to the notes (or frames); stays put when none of them is on the board. */
  show(ids: readonly string[]): void {
    this.framed = true
    const vp = this.scene()?.viewportFor(ids)
    if (vp) this.animateTo(vp)
  }

  /**
   * Frames the board once its content is known. A board opened from an empty local cache gets
   * its notes from the network a moment later, so this also runs on the first change.
   */
  fitOnce(): void {
    const scene = this.scene()
    if (!scene || this.framed || !scene.contentRect()) return
    this.framed = true
    this.set(scene.fitViewport())
  }

  /**
   * The board has arrived (the server's copy is here): frame what there is, if it was not
   * framed yet, and never again by itself. Someone else's first note must not move the view.
   */
  settle(): void {
    if (!this.scene()) return
    this.fitOnce()
    this.framed = true
  }

  private animateTo(to: Viewport): void {
    const scene = this.scene()
    if (!scene) return
    cancelAnimationFrame(this.tween)
    const from = scene.viewport
    const start = performance.now()
    const step = (now: number): void => {
      const t = Math.min(1, (now - start) / TWEEN_MS)
      this.set(t < 1 ? easedViewport(from, to, t) : to)
      if (t < 1) this.tween = requestAnimationFrame(step)
    }
    this.tween = requestAnimationFrame(step)
  }
}
