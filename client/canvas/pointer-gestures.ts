/**
 * Pointer input on the canvas (see docs/canvas.md): drag empty space, Space + drag or
 * middle-drag pans; Shift + drag on empty space draws a marquee; two-finger scroll pans;
 * Ctrl/⌘ + wheel or pinch zooms around the pointer; two fingers pinch and pan on touch
 * screens; drag a note or a frame's title bar/edge to move it, its corner grip to resize it;
 * double-click edits a note or title, or makes a note on empty board. The steps themselves are
 * pure (./gesture-model).
 */
import type { CanvasHost } from './canvas-host'
import type { Gesture, PinchGesture } from './gesture-model'
import {
  DRAG_THRESHOLD,
  beginPinch,
  pastThreshold,
  pinchViewport,
  resizedTo,
  selectionAfterPress,
  wheelViewport,
} from './gesture-model'
import type { CanvasTextEditing } from './canvas-text-editing'
import type { StagePoint } from './geometry'
import { panBy, rectFromCorners } from './geometry'

export interface PointerHost extends CanvasHost {
  readonly editing: CanvasTextEditing
  /** Space is held: any press pans. */
  readonly spaceHeld: boolean
  /** Vote mode: a press on a note places (Shift: takes back) a dot; true when it did. */
  voteClick?(noteId: string, takeBack: boolean): boolean
}

export class PointerGestures {
  private gesture: Gesture | null = null
  /** Touch points currently down, for two-finger pinch and pan on touch screens. */
  private readonly touches = new Map<number, { x: number; y: number }>()

  constructor(private readonly host: PointerHost) {}

  listen(container: HTMLElement): void {
    container.addEventListener('pointerdown', this.onPointerDown)
    container.addEventListener('pointermove', this.onPointerMove)
    container.addEventListener('pointerup', this.onPointerUp)
    container.addEventListener('pointercancel', this.onPointerUp)
    container.addEventListener('pointerleave', this.onPointerLeave)
    container.addEventListener('dblclick', this.onDoubleClick)
    container.addEventListener('wheel', this.onWheel, { passive: false })
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    const scene = this.host.scene
    if (!scene || !this.host.link) return
    if (e.button !== 0 && e.button !== 1) return
    this.host.element.focus({ preventScroll: true })
    scene.setFocused([])
    ;(e.currentTarget as HTMLElement).setPointerCapture(e.pointerId)
    if (e.pointerType === 'touch') {
      this.touches.set(e.pointerId, { x: e.clientX, y: e.clientY })
      if (this.touches.size === 2) return this.startPinch()
      if (this.touches.size > 2) return
    }
    if (this.host.spaceHeld || e.button === 1) return this.beginPan(e)
    const p = this.host.stagePointOf(e)
    const grip = this.host.canEdit ? scene.frameGripAt(p) : null
    const frame = grip === null ? undefined : scene.group(grip)
    if (grip !== null && frame) {
      this.host.setSelection([grip])
      this.gesture = { kind: 'resize', id: grip, start: p, w: frame.w, h: frame.h, size: null }
      return
    }
    const hit = scene.noteAt(p) ?? scene.frameEdgeAt(p)
    if (hit !== null && this.host.voteClick?.(hit, e.shiftKey)) return
    if (hit !== null) this.pressOn(hit, p, e)
    else if (e.shiftKey) this.gesture = { kind: 'marquee', start: p, base: this.host.selection }
    else this.beginPan(e)
  }

  /** A press on a note or a frame's edge: select it, and pick it up if this person may edit. */
  private pressOn(hit: string, p: StagePoint, e: PointerEvent): void {
    const scene = this.host.scene
    if (!scene) return
    const selection = selectionAfterPress(this.host.selection, hit, e.shiftKey)
    this.host.setSelection(selection)
    if (!this.host.canEdit) return this.beginPan(e)
    if (!selection.includes(hit)) return
    this.gesture = {
      kind: 'move',
      start: p,
      startX: e.clientX,
      startY: e.clientY,
      notes: selection.filter((id) => scene.hasNote(id)),
      frames: selection.filter((id) => scene.group(id) !== undefined),
      started: false,
    }
  }

  private beginPan(e: PointerEvent): void {
    this.host.view.takeOver()
    const from = this.host.view.current
    this.gesture = { kind: 'pan', startX: e.clientX, startY: e.clientY, from, moved: false }
    this.host.stageEl?.classList.add('panning')
  }

  /** Two fingers down: whatever one finger started is abandoned (a drag is not committed). */
  private startPinch(): void {
    if (this.gesture?.kind === 'move' && this.gesture.started) this.host.scene?.endDrag()
    if (this.gesture?.kind === 'marquee') this.host.scene?.setMarquee(null)
    const [a, b] = [...this.touches.values()]
    if (!a || !b) return
    this.host.view.takeOver()
    this.gesture = beginPinch(a, b, this.host.view.current)
  }

  private pinchTo(g: PinchGesture): void {
    const [a, b] = [...this.touches.values()]
    if (!a || !b) return
    const box = this.host.element.getBoundingClientRect()
    this.host.view.set(pinchViewport(g, a, b, { x: box.left, y: box.top }))
  }

  private readonly onPointerMove = (e: PointerEvent): void => {
    const scene = this.host.scene
    if (!scene) return
    const p = this.host.stagePointOf(e)
    this.host.link?.publishCursor(p)
    if (e.pointerType === 'touch' && this.touches.has(e.pointerId)) {
      this.touches.set(e.pointerId, { x: e.clientX, y: e.clientY })
    }
    const g = this.gesture
    if (!g) return
    if (g.kind === 'pinch') {
      this.pinchTo(g)
    } else if (g.kind === 'resize') {
      g.size = resizedTo(g, p)
      scene.previewFrameSize(g.id, g.size)
    } else if (g.kind === 'pan') {
      const dx = e.clientX - g.startX
      const dy = e.clientY - g.startY
      if (pastThreshold(dx, dy)) g.moved = true
      this.host.view.set(panBy(g.from, dx, dy))
    } else if (g.kind === 'marquee') {
      const r = rectFromCorners(g.start, p)
      scene.setMarquee(r)
      this.host.setSelection([...new Set([...g.base, ...scene.notesIn(r)])])
    } else {
      if (!g.started) {
        if (Math.hypot(e.clientX - g.startX, e.clientY - g.startY) < DRAG_THRESHOLD) return
        g.started = true
        scene.beginDrag(g.notes, g.frames)
      }
      scene.dragBy(p.x - g.start.x, p.y - g.start.y)
    }
  }

  private readonly onPointerUp = (e: PointerEvent): void => {
    this.touches.delete(e.pointerId)
    const scene = this.host.scene
    const g = this.gesture
    // A pinch ends when either finger lifts; the other finger does not start a new gesture.
    if (g?.kind === 'pinch' && this.touches.size > 0) return
    this.gesture = null
    this.host.stageEl?.classList.remove('panning')
    if (!scene || !g) return
    // A cancelled pointer (the browser took over) commits nothing.
    const commit = e.type === 'pointerup'
    const link = this.host.link
    if (g.kind === 'resize') {
      const size = g.size
      if (size && commit) link?.act((a) => a.resizeFrame(g.id, size.w, size.h))
      scene.previewFrameSize(g.id, null)
    } else if (g.kind === 'pan') {
      if (!g.moved && commit) this.host.setSelection([])
    } else if (g.kind === 'marquee') {
      scene.setMarquee(null)
    } else if (g.kind === 'move' && g.started) {
      const p = this.host.stagePointOf(e)
      const dx = Math.round(p.x - g.start.x)
      const dy = Math.round(p.y - g.start.y)
      if (commit) link?.act((a) => a.drop(g.notes, g.frames, dx, dy))
      scene.endDrag()
    }
  }

  private readonly onPointerLeave = (): void => {
    this.host.link?.hideCursor()
  }

  private readonly onWheel = (e: WheelEvent): void => {
    const scene = this.host.scene
    if (!scene) return
    e.preventDefault()
    this.host.view.takeOver()
    const box = this.host.element.getBoundingClientRect()
    const anchor = { x: e.clientX - box.left, y: e.clientY - box.top }
    this.host.view.set(wheelViewport(scene.viewport, e, anchor, scene.height))
  }

  private readonly onDoubleClick = (e: MouseEvent): void => {
    const scene = this.host.scene
    const link = this.host.link
    if (!scene || !this.host.canEdit || !link) return
    const p = this.host.stagePointOf(e)
    const note = scene.noteAt(p)
    if (note) return this.host.editing.editNote(note)
    const frame = scene.frameEdgeAt(p)
    const g = frame === null ? undefined : scene.group(frame)
    // Double-clicking a frame's title bar renames it; anywhere else makes a note there.
    if (frame !== null && g && p.y < g.y) return this.host.editing.editTitle(frame)
    const id = link.act((a) => a.createNoteAt(p))
    if (id) {
      this.host.setSelection([id])
      this.host.editing.editNote(id, true)
    }
  }
}
