/**
 * The Konva scene: the stage, its layers and viewport, and the local drag. It knows nothing of
 * Yjs; the scene binding (client/board/scene-binding.ts) feeds it plain read models.
 *
 * Layers, bottom to top (every one `listening: false`: pointer input is hit-tested against the
 * read models in ./hit-test, which costs one array scan instead of a hit-canvas redraw):
 * - frames: group frames (./scene-frames);
 * - notes: the static bulk (./scene-notes), only on-screen notes visible;
 * - drag: what the local user is dragging, so a drag redraws a handful of shapes, not the board;
 * - overlay: selection outlines, marquee, group proposals, focus highlight (./scene-overlay);
 * - cursors: remote cursors, never culled (./presence-layer).
 */
import Konva from 'konva'
import type { Rect, StagePoint, Viewport } from './geometry'
import { fitRect, unionRect, visibleRect } from './geometry'
import { noteRect } from './hit-test'
import { DETAIL_MIN_SCALE } from './note-node'
import type { OutlineSet, ProposalOutline } from './overlay-shapes'
import { drawExport, exportArea } from './png-export'
import type { SceneGroup, SceneNote, SceneSink } from './scene-model'
import { SceneFrames } from './scene-frames'
import { SceneNotes } from './scene-notes'
import { SceneOverlay } from './scene-overlay'

/** Padding around notes brought into view, in screen pixels. */
const FOCUS_PADDING = 80

export class BoardScene implements SceneSink {
  readonly stage: Konva.Stage
  readonly framesLayer = new Konva.Layer({ listening: false })
  readonly notesLayer = new Konva.Layer({ listening: false })
  readonly dragLayer = new Konva.Layer({ listening: false })
  readonly overlayLayer = new Konva.Layer({ listening: false })
  readonly cursorLayer = new Konva.Layer({ listening: false })

  private vp: Viewport = { x: 0, y: 0, scale: 1 }
  private readonly notes: SceneNotes
  private readonly frames = new SceneFrames(this.framesLayer, this.dragLayer)
  private readonly overlay: SceneOverlay
  private dragging = false

  constructor(container: HTMLDivElement, width: number, height: number) {
    this.stage = new Konva.Stage({ container, width, height, listening: false })
    const view = (): Rect => visibleRect(this.vp, this.width, this.height)
    const scale = (): number => this.vp.scale
    this.notes = new SceneNotes({
      notesLayer: this.notesLayer,
      dragLayer: this.dragLayer,
      view,
      scale,
      scheduleOverlay: () => this.overlay.schedule(),
    })
    this.overlay = new SceneOverlay(this.overlayLayer, {
      rectOf: (id) => this.rectOf(id),
      view,
      scale,
      dragging: () => this.dragging,
    })
    this.stage.add(
      this.framesLayer,
      this.notesLayer,
      this.dragLayer,
      this.overlayLayer,
      this.cursorLayer,
    )
  }

  destroy(): void {
    this.notes.destroy()
    this.stage.destroy()
  }

  get viewport(): Viewport {
    return this.vp
  }

  get width(): number {
    return this.stage.width()
  }

  get height(): number {
    return this.stage.height()
  }

  setViewport(vp: Viewport): void {
    this.vp = vp
    this.stage.position({ x: vp.x, y: vp.y })
    this.stage.scale({ x: vp.scale, y: vp.scale })
    this.notes.setDetail(vp.scale >= DETAIL_MIN_SCALE)
    this.notes.cull()
    this.overlay.schedule()
  }

  resize(width: number, height: number): void {
    this.stage.size({ width, height })
    this.notes.cull()
  }

  /** The viewport that shows every note and frame, or the current one for an empty board. */
  fitViewport(): Viewport {
    const content = this.contentRect()
    return content ? fitRect(content, this.width, this.height) : this.vp
  }

  /** The viewport showing `ids` (notes or frames) zoomed no further in than 1:1. */
  viewportFor(ids: readonly string[]): Viewport | null {
    const content = unionRect(ids.flatMap((id) => this.rectOf(id) ?? []))
    return content ? fitRect(content, this.width, this.height, FOCUS_PADDING) : null
  }

  contentRect(): Rect | null {
    return unionRect([...[...this.notes.all()].map(noteRect), ...this.frames.outerRects()])
  }

  /** Where a note or frame is drawn now (mid-glide or mid-drag included), in stage coords. */
  rectOf(id: string): Rect | null {
    const at = this.notes.drawnAt(id)
    return at ? noteRect(at) : this.frames.drawnRect(id)
  }

  toScreenRect(r: Rect): Rect {
    const s = this.vp.scale
    return { x: r.x * s + this.vp.x, y: r.y * s + this.vp.y, w: r.w * s, h: r.h * s }
  }

  // Notes (SceneSink and hit testing).

  hasNote(id: string): boolean {
    return this.notes.has(id)
  }

  note(id: string): SceneNote | undefined {
    return this.notes.get(id)
  }

  allNotes(): IterableIterator<SceneNote> {
    return this.notes.all()
  }

  upsertNote(note: SceneNote, animate: boolean): void {
    this.notes.upsert(note, animate)
  }

  removeNote(id: string): void {
    this.notes.remove(id)
  }

  noteAt(p: StagePoint): string | null {
    return this.notes.noteAt(p)
  }

  notesIn(r: Rect): string[] {
    return this.notes.notesIn(r)
  }

  // Frames.

  setGroups(groups: readonly SceneGroup[]): void {
    this.frames.set(groups)
    this.overlay.schedule()
  }

  group(id: string): SceneGroup | undefined {
    return this.frames.get(id)
  }

  allGroups(): SceneGroup[] {
    return this.frames.all()
  }

  frameEdgeAt(p: StagePoint): string | null {
    return this.frames.edgeAt(p)
  }

  frameGripAt(p: StagePoint): string | null {
    return this.frames.gripAt(p, this.vp.scale)
  }

  /** Draws a frame at a size the user is dragging to; `null` snaps back to the model. */
  previewFrameSize(id: string, size: { w: number; h: number } | null): void {
    this.frames.previewSize(id, size)
    this.overlay.schedule()
  }

  /** Screen rectangle of a frame's title, for the inline title editor. */
  titleRect(id: string): Rect | null {
    const r = this.frames.titleRect(id)
    return r ? this.toScreenRect(r) : null
  }

  // The local drag.

  /** Lifts notes (and frames, carrying their notes) onto the drag layer. */
  beginDrag(noteIds: Iterable<string>, frameIds: Iterable<string> = []): void {
    const frames = new Set(frameIds)
    const ids = new Set(noteIds)
    for (const n of this.notes.all()) if (n.groupId !== null && frames.has(n.groupId)) ids.add(n.id)
    this.dragging = true
    this.frames.lift(frames)
    this.notes.lift(ids)
    this.overlay.schedule()
  }

  dragBy(dx: number, dy: number): void {
    if (!this.dragging) return
    this.notes.moveLifted(dx, dy)
    this.frames.moveLifted(dx, dy)
  }

  /**
   * Puts dragged nodes back on their layers. Called after the move command ran, so the models
   * already hold the dropped positions; dropped notes end up on top of the paint order.
   */
  endDrag(): void {
    if (!this.dragging) return
    this.dragging = false
    this.frames.drop()
    this.notes.drop()
    this.overlay.schedule()
  }

  // Overlays.

  setSelection(ids: readonly string[]): void {
    this.overlay.setSelection(ids)
  }

  setRemoteSelections(sets: readonly OutlineSet[]): void {
    this.overlay.setRemoteSelections(sets)
  }

  setMarquee(r: Rect | null): void {
    this.overlay.setMarquee(r)
  }

  setProposals(p: readonly ProposalOutline[] | null): void {
    this.overlay.setProposals(p)
  }

  setFocused(ids: readonly string[]): void {
    this.overlay.setFocused(ids)
  }

  /** The whole board as a PNG data URL (./png-export says what it shows). */
  toPNG(pixelRatio: number): string {
    const saved = this.vp
    this.notes.showAll()
    try {
      const layers = {
        stage: this.stage,
        bottom: this.framesLayer,
        hidden: [this.overlayLayer, this.cursorLayer],
      }
      return drawExport(layers, exportArea(this.contentRect(), pixelRatio))
    } finally {
      this.setViewport(saved)
    }
  }
}
