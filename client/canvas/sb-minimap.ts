/**
 * <sb-minimap>: a small overview of the board in the canvas's bottom-right corner, shown while
 * the view does not hold everything: frames, notes in their colours, and the view as a blue
 * rectangle. A press or drag on it moves the view there (at the same zoom). It redraws at most
 * once a frame, when the stage moves (Konva's change events) or the board changes.
 */
import { LitElement, css, html } from 'lit'
import type { BoardController } from '../board/board-controller'
import type { BoardScene } from './board-scene'
import type { CanvasViewport } from './canvas-viewport'
import type { Rect } from './geometry'
import { visibleRect } from './geometry'
import { noteRect } from './hit-test'
import type { MinimapLayout } from './minimap-model'
import { MINIMAP_MAX, centredOn, fromMap, minimapLayout, toMap } from './minimap-model'

const STAGE_EVENTS = ['xChange', 'yChange', 'scaleXChange', 'widthChange', 'heightChange'].map(
  (e) => `${e}.minimap`,
)

export class SbMinimap extends LitElement {
  static override properties = {
    scene: { attribute: false },
    view: { attribute: false },
    board: { attribute: false },
  }

  static override styles = css`
    :host {
      position: absolute;
      right: 12px;
      bottom: 56px;
      z-index: 3;
      border-radius: 6px;
      overflow: hidden;
      background: rgba(255, 255, 255, 0.92);
      box-shadow: 0 2px 10px rgba(0, 0, 0, 0.18);
      cursor: pointer;
      touch-action: none;
    }
    :host([hidden]) {
      display: none;
    }
    canvas {
      display: block;
    }
  `

  declare scene: BoardScene | null
  declare view: CanvasViewport | null
  declare board: BoardController | undefined

  #wiredScene: BoardScene | null = null
  #wiredBoard: BoardController | undefined = undefined
  #frame = 0
  #layout: MinimapLayout | null = null
  #dragging = false
  #picture: {
    scene: BoardScene
    version: number | null
    content: Rect | null
    picture: HTMLCanvasElement | null
  } | null = null

  constructor() {
    super()
    this.scene = null
    this.view = null
    this.board = undefined
    this.hidden = true
    this.setAttribute('role', 'img')
    this.setAttribute('aria-label', 'Map of the board; press to move the view there')
    this.dataset.testid = 'minimap'
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#wire(null, undefined)
    cancelAnimationFrame(this.#frame)
    this.#frame = 0
  }

  override updated(): void {
    this.#wire(this.scene, this.board)
    this.#schedule()
  }

  protected override render() {
    return html`<canvas
      @pointerdown=${this.#press}
      @pointermove=${this.#move}
      @pointerup=${this.#release}
      @pointercancel=${this.#release}
    ></canvas>`
  }

  #wire(scene: BoardScene | null, board: BoardController | undefined): void {
    if (scene !== this.#wiredScene) {
      this.#wiredScene?.stage.off(STAGE_EVENTS.join(' '))
      scene?.stage.on(STAGE_EVENTS.join(' '), this.#schedule)
      this.#wiredScene = scene
    }
    if (board !== this.#wiredBoard) {
      this.#wiredBoard?.removeEventListener('change', this.#schedule)
      board?.addEventListener('change', this.#schedule)
      this.#wiredBoard = board
    }
  }

  readonly #schedule = (): void => {
    if (this.#frame !== 0 || !this.isConnected) return
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0
      this.#draw()
    })
  }

  #draw(): void {
    const scene = this.scene
    const canvas = this.renderRoot.querySelector('canvas')
    if (!scene || !canvas) return
    const view = visibleRect(scene.viewport, scene.width, scene.height)
    const { content, picture } = this.#contentOf(scene)
    const layout = minimapLayout(content, view)
    this.#layout = layout
    this.hidden = !layout.show
    this.dataset.shown = String(layout.show)
    if (!layout.show || content === null) return
    const ratio = window.devicePixelRatio || 1
    canvas.style.width = `${layout.w}px`
    canvas.style.height = `${layout.h}px`
    canvas.width = Math.round(layout.w * ratio)
    canvas.height = Math.round(layout.h * ratio)
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    ctx.scale(ratio, ratio)
    ctx.clearRect(0, 0, layout.w, layout.h)
    const c = toMap(layout, content)
    if (picture !== null) ctx.drawImage(picture, c.x, c.y, c.w, c.h)
    const v = toMap(layout, view)
    ctx.strokeStyle = '#2563eb'
    ctx.lineWidth = 2
    ctx.strokeRect(v.x, v.y, v.w, v.h)
  }

  /**
   * The board's content and a picture of it, redrawn only when the board changed: panning and
   * zooming then cost one image copy, not a pass over every note.
   */
  #contentOf(scene: BoardScene): { content: Rect | null; picture: HTMLCanvasElement | null } {
    const version = this.board?.version ?? null
    const cached = this.#picture
    if (
      cached !== null &&
      cached.scene === scene &&
      version !== null &&
      cached.version === version
    ) {
      return cached
    }
    const content = scene.contentRect()
    const picture = content === null ? null : drawContent(scene, content)
    this.#picture = { scene, version, content, picture }
    return this.#picture
  }

  /** Centres the view on the stage point under the pointer, at the same zoom. */
  #goTo(e: PointerEvent): void {
    const scene = this.scene
    const view = this.view
    const layout = this.#layout
    if (!scene || !view || !layout?.show) return
    const box = this.getBoundingClientRect()
    const p = fromMap(layout, e.clientX - box.left, e.clientY - box.top)
    view.takeOver()
    view.set(centredOn(scene.viewport, scene.width, scene.height, p))
  }

  readonly #press = (e: PointerEvent): void => {
    e.preventDefault()
    e.stopPropagation()
    this.#dragging = true
    ;(e.target as Element).setPointerCapture(e.pointerId)
    this.#goTo(e)
  }

  readonly #move = (e: PointerEvent): void => {
    if (!this.#dragging) return
    e.stopPropagation()
    this.#goTo(e)
  }

  readonly #release = (e: PointerEvent): void => {
    this.#dragging = false
    const target = e.target as Element
    if (target.hasPointerCapture(e.pointerId)) target.releasePointerCapture(e.pointerId)
  }
}

/** Frames and notes at up to twice the map's largest size (sharp on a 2× screen). */
function drawContent(scene: BoardScene, content: Rect): HTMLCanvasElement {
  const scale = Math.min(
    (2 * MINIMAP_MAX.w) / Math.max(1, content.w),
    (2 * MINIMAP_MAX.h) / Math.max(1, content.h),
  )
  const picture = document.createElement('canvas')
  picture.width = Math.max(1, Math.ceil(content.w * scale))
  picture.height = Math.max(1, Math.ceil(content.h * scale))
  const ctx = picture.getContext('2d')
  if (!ctx) return picture
  const at = (r: Rect) => ({
    x: (r.x - content.x) * scale,
    y: (r.y - content.y) * scale,
    w: r.w * scale,
    h: r.h * scale,
  })
  ctx.lineWidth = 1
  ctx.strokeStyle = 'rgba(0,0,0,0.25)'
  for (const g of scene.allGroups()) {
    const r = at(g)
    ctx.fillStyle = g.color
    ctx.fillRect(r.x, r.y, r.w, r.h)
    ctx.strokeRect(r.x, r.y, r.w, r.h)
  }
  for (const n of scene.allNotes()) {
    const r = at(noteRect(n))
    ctx.fillStyle = n.look.color
    ctx.fillRect(r.x, r.y, Math.max(1, r.w), Math.max(1, r.h))
  }
  return picture
}

if (!customElements.get('sb-minimap')) customElements.define('sb-minimap', SbMinimap)

declare global {
  interface HTMLElementTagNameMap {
    'sb-minimap': SbMinimap
  }
}
