/**
 * The Konva scene: stage, layers, viewport, culling, the drag layer and the overlays. It knows
 * nothing of Yjs; the binding feeds it plain read models and it draws them.
 *
 * Layers, bottom to top (every one `listening: false`: pointer input is hit-tested against the
 * read models in ./hit-test, which costs one array scan instead of a hit-canvas redraw):
 * - frames: group frames, few and large;
 * - notes: the static bulk, only on-screen notes visible, text dropped when zoomed far out;
 * - drag: what the local user is dragging, so a drag redraws a handful of shapes, not the board;
 * - overlay: selection outlines, marquee, group proposals, focus highlight;
 * - cursors: remote cursors, never culled.
 */
import Konva from 'konva'
import type { Group } from '../../core/board/board-model'
import type { SceneNote, SceneSink } from './scene-model'
import type { Rect, StagePoint, Viewport } from './geometry'
import { containsPoint, fitRect, inflate, intersects, unionRect, visibleRect } from './geometry'
import type { Placed } from './hit-test'
import { frameEdgeAt, frameGripAt, noteAt, noteRect, notesInRect, visibleNotes } from './hit-test'
import { BLANK_FILL, DETAIL_MIN_SCALE, createNoteNode, updateNoteNode } from './note-node'
import type { OverviewItem } from './overview-shape'
import { createOverviewShape } from './overview-shape'
import type { FrameLook } from './frame-node'
import {
  FRAME_BORDER,
  FRAME_GRIP_PX,
  FRAME_TITLE_HEIGHT,
  createFrameNode,
  updateFrameNode,
} from './frame-node'

export interface OutlineSet {
  readonly ids: readonly string[]
  readonly color: string
  readonly label?: string
}

export interface GroupProposalPreview {
  readonly noteIds: readonly string[]
  readonly title?: string
}

const SELECTION_COLOR = '#2563eb'
const TWEEN_SECONDS = 0.25
/** Notes within this many screen pixels of the edge are drawn too, so a pan shows no pop-in. */
const CULL_MARGIN_PX = 200
/** Canvas limits in Chromium and Firefox: an export larger than this comes out blank. */
const MAX_EXPORT_SIDE = 16_384
const MAX_EXPORT_AREA = 16_384 * 16_384 * 0.25

export class BoardScene implements SceneSink {
  readonly stage: Konva.Stage
  readonly framesLayer = new Konva.Layer({ listening: false })
  readonly notesLayer = new Konva.Layer({ listening: false })
  readonly dragLayer = new Konva.Layer({ listening: false })
  readonly overlayLayer = new Konva.Layer({ listening: false })
  readonly cursorLayer = new Konva.Layer({ listening: false })

  private readonly notes = new Map<string, SceneNote>()
  private readonly nodes = new Map<string, Konva.Group>()
  /** Notes whose node is behind their model (changed while off screen). */
  private readonly stale = new Set<string>()
  private readonly tweens = new Map<string, Konva.Tween>()
  private readonly groups = new Map<string, Group & { readonly votes: number | null }>()
  private readonly frameNodes = new Map<string, Konva.Group>()
  private readonly onScreen = new Set<string>()
  private vp: Viewport = { x: 0, y: 0, scale: 1 }
  /** Per-note groups with text (true) or the single overview shape (false, zoomed far out). */
  private detail = true
  /** Notes in view while in overview mode: what the overview shape draws. */
  private overviewIds = new Set<string>()
  private readonly overview = createOverviewShape(() => this.overviewItems())
  private drag: { ids: Set<string>; frames: Set<string>; dx: number; dy: number } | null = null

  private selection: readonly string[] = []
  private remoteSelections: readonly OutlineSet[] = []
  private marquee: Rect | null = null
  private proposals: readonly GroupProposalPreview[] | null = null
  private focused: readonly string[] = []
  private overlayQueued = false

  constructor(container: HTMLDivElement, width: number, height: number) {
    this.stage = new Konva.Stage({ container, width, height, listening: false })
    this.overview.visible(false)
    this.notesLayer.add(this.overview)
    this.stage.add(
      this.framesLayer,
      this.notesLayer,
      this.dragLayer,
      this.overlayLayer,
      this.cursorLayer,
    )
  }

  destroy(): void {
    for (const t of this.tweens.values()) t.destroy()
    this.tweens.clear()
    this.stage.destroy()
  }

  // ---- viewport -------------------------------------------------------------------------

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
    this.setDetail(vp.scale >= DETAIL_MIN_SCALE)
    this.cull()
    this.scheduleOverlay()
  }

  resize(width: number, height: number): void {
    this.stage.size({ width, height })
    this.cull()
  }

  /** The viewport that shows every note and frame, or the current one for an empty board. */
  fitViewport(): Viewport {
    const content = this.contentRect()
    return content ? fitRect(content, this.width, this.height) : this.vp
  }

  /** The viewport showing `ids` (notes or frames) zoomed no further in than 1:1. */
  viewportFor(ids: readonly string[]): Viewport | null {
    const rects = ids.flatMap((id) => {
      const r = this.rectOf(id)
      return r ? [r] : []
    })
    const content = unionRect(rects)
    return content ? fitRect(content, this.width, this.height, 80) : null
  }

  contentRect(): Rect | null {
    return unionRect([
      ...[...this.notes.values()].map(noteRect),
      ...[...this.groups.values()].map((g) => ({
        x: g.x,
        y: g.y - FRAME_TITLE_HEIGHT,
        w: g.w,
        h: g.h + FRAME_TITLE_HEIGHT,
      })),
    ])
  }

  // ---- notes ----------------------------------------------------------------------------

  hasNote(id: string): boolean {
    return this.notes.has(id)
  }

  note(id: string): SceneNote | undefined {
    return this.notes.get(id)
  }

  allNotes(): IterableIterator<SceneNote> {
    return this.notes.values()
  }

  get noteCount(): number {
    return this.notes.size
  }

  /**
   * Adds or updates one note. `animate` tweens a position change (remote edits glide in);
   * a note the local user is dragging keeps following the pointer and takes the new model at
   * drop time.
   */
  upsertNote(note: SceneNote, animate: boolean): void {
    const before = this.notes.get(note.id)
    this.notes.set(note.id, note)
    const node = this.nodes.get(note.id)
    if (!this.detail) {
      this.upsertOverview(note, before)
      return
    }
    if (!node || !this.onScreen.has(note.id)) {
      this.stale.add(note.id)
      // New, or moved in from off screen: either way it may be visible now.
      this.cullOne(note.id)
      return
    }
    updateNoteNode(node, note.look)
    if (this.drag?.ids.has(note.id)) return
    const moved = !before || before.x !== note.x || before.y !== note.y
    if (moved) this.placeNode(note.id, node, note, animate)
    // A note leaving the view glides out first; the tween's end culls it.
    if (moved && !animate) this.cullOne(note.id)
    this.scheduleOverlay()
  }

  /**
   * Overview mode: the shape redraws from the models. Remote moves jump instead of gliding:
   * below 30 % a glide is barely visible, and a tween per note per update would redraw the
   * whole overview every frame while a peer drags.
   */
  private upsertOverview(note: SceneNote, before: SceneNote | undefined): void {
    const wasInView = this.overviewIds.has(note.id)
    const inView = this.intersectsView(note)
    if (inView) this.overviewIds.add(note.id)
    else this.overviewIds.delete(note.id)
    this.stale.add(note.id)
    this.tweens.get(note.id)?.destroy()
    this.tweens.delete(note.id)
    if (inView || wasInView || !before) this.notesLayer.batchDraw()
  }

  private *overviewItems(): Generator<OverviewItem> {
    for (const id of this.overviewIds) {
      if (this.drag?.ids.has(id)) continue
      const n = this.notes.get(id)
      if (!n) continue
      const at = this.tweens.has(id) ? (this.nodes.get(id)?.position() ?? n) : n
      yield {
        x: at.x,
        y: at.y,
        fill: n.look.hidden ? BLANK_FILL : n.look.color,
        votes: n.look.votes,
      }
    }
  }

  private setDetail(detail: boolean): void {
    if (detail === this.detail) return
    this.detail = detail
    this.overview.visible(!detail)
    if (detail) {
      this.overviewIds.clear()
      return
    }
    for (const id of this.onScreen) {
      if (this.drag?.ids.has(id)) continue
      this.nodes.get(id)?.visible(false)
      this.onScreen.delete(id)
    }
  }

  removeNote(id: string): void {
    if (this.overviewIds.delete(id)) this.notesLayer.batchDraw()
    this.notes.delete(id)
    this.stale.delete(id)
    this.onScreen.delete(id)
    this.tweens.get(id)?.destroy()
    this.tweens.delete(id)
    this.nodes.get(id)?.destroy()
    this.nodes.delete(id)
    this.drag?.ids.delete(id)
    this.scheduleOverlay()
  }

  private placeNode(id: string, node: Konva.Group, to: Placed, animate: boolean): void {
    this.tweens.get(id)?.destroy()
    this.tweens.delete(id)
    if (!animate) {
      node.position({ x: to.x, y: to.y })
      return
    }
    const tween = new Konva.Tween({
      node,
      duration: TWEEN_SECONDS,
      x: to.x,
      y: to.y,
      easing: Konva.Easings.EaseInOut,
      onFinish: () => {
        this.tweens.delete(id)
        tween.destroy()
        this.cullOne(id)
        this.scheduleOverlay()
      },
    })
    this.tweens.set(id, tween)
    tween.play()
  }

  private intersectsView(n: Placed): boolean {
    return visibleNotes([n], this.cullRect()).size === 1
  }

  private cullRect(): Rect {
    return inflate(visibleRect(this.vp, this.width, this.height), CULL_MARGIN_PX / this.vp.scale)
  }

  /** Shows what is on screen and hides the rest; builds nodes for notes seen the first time. */
  cull(): void {
    const visible = visibleNotes(this.notes.values(), this.cullRect())
    if (!this.detail) {
      this.overviewIds = visible
      this.notesLayer.batchDraw()
      return
    }
    for (const id of this.onScreen) {
      if (visible.has(id) || this.drag?.ids.has(id)) continue
      this.nodes.get(id)?.visible(false)
      this.onScreen.delete(id)
    }
    for (const id of visible) if (!this.onScreen.has(id)) this.show(id)
  }

  private cullOne(id: string): void {
    const n = this.notes.get(id)
    if (!n || !this.detail) return
    if (this.intersectsView(n)) {
      if (!this.onScreen.has(id)) this.show(id)
    } else if (this.onScreen.has(id) && !this.drag?.ids.has(id)) {
      this.nodes.get(id)?.visible(false)
      this.onScreen.delete(id)
    }
  }

  private show(id: string): void {
    const n = this.notes.get(id)
    if (!n) return
    let node = this.nodes.get(id)
    if (!node) {
      node = createNoteNode(id)
      this.nodes.set(id, node)
      this.notesLayer.add(node)
      this.stale.add(id)
    }
    if (this.stale.has(id)) {
      updateNoteNode(node, n.look)
      if (!this.tweens.has(id)) node.position({ x: n.x, y: n.y })
      this.stale.delete(id)
    }
    node.visible(true)
    this.onScreen.add(id)
  }

  /** The topmost on-screen note under a stage point, in paint order. */
  noteAt(p: StagePoint): string | null {
    if (!this.detail) {
      const dragged = [...(this.drag?.ids ?? [])].flatMap((id) => this.notes.get(id) ?? [])
      const inView = [...this.overviewIds].flatMap((id) => this.notes.get(id) ?? [])
      return noteAt([...inView, ...dragged], p)
    }
    for (const layer of [this.dragLayer, this.notesLayer]) {
      const children = layer.getChildren()
      for (let i = children.length - 1; i >= 0; i--) {
        const node = children[i]
        if (!node || !node.visible() || node.name() !== 'note') continue
        const n = this.notes.get(node.id())
        if (n && containsPoint(noteRect(n), p)) return n.id
      }
    }
    return null
  }

  notesIn(r: Rect): string[] {
    return notesInRect([...this.notes.values()], r)
  }

  // ---- frames ---------------------------------------------------------------------------

  setGroups(groups: readonly (Group & { readonly votes: number | null })[]): void {
    const seen = new Set<string>()
    for (const g of groups) {
      seen.add(g.id)
      this.groups.set(g.id, g)
      let node = this.frameNodes.get(g.id)
      if (!node) {
        node = createFrameNode(g.id)
        this.frameNodes.set(g.id, node)
        this.framesLayer.add(node)
      }
      if (this.drag?.frames.has(g.id)) continue
      updateFrameNode(node, frameLook(g))
    }
    for (const id of [...this.groups.keys()]) {
      if (seen.has(id)) continue
      this.groups.delete(id)
      this.frameNodes.get(id)?.destroy()
      this.frameNodes.delete(id)
      this.drag?.frames.delete(id)
    }
    this.scheduleOverlay()
  }

  group(id: string): (Group & { readonly votes: number | null }) | undefined {
    return this.groups.get(id)
  }

  allGroups(): (Group & { readonly votes: number | null })[] {
    return [...this.groups.values()]
  }

  /** The frame whose title bar or border is under `p`: frames are grabbed by their edge. */
  frameEdgeAt(p: StagePoint): string | null {
    return frameEdgeAt([...this.groups.values()], p, FRAME_TITLE_HEIGHT, FRAME_BORDER)
  }

  /** The frame whose resize grip is under `p`. */
  frameGripAt(p: StagePoint): string | null {
    return frameGripAt([...this.groups.values()], p, FRAME_GRIP_PX / this.vp.scale)
  }

  /** Draws a frame at a size the user is dragging to; `null` snaps back to the model. */
  previewFrameSize(id: string, size: { w: number; h: number } | null): void {
    const g = this.groups.get(id)
    const node = this.frameNodes.get(id)
    if (!g || !node) return
    updateFrameNode(node, frameLook(size ? { ...g, ...size } : g))
    this.scheduleOverlay()
  }

  /** Screen rectangle of a frame's title, for the inline title editor. */
  titleRect(id: string): Rect | null {
    const g = this.groups.get(id)
    if (!g) return null
    return this.toScreenRect({ x: g.x, y: g.y - FRAME_TITLE_HEIGHT, w: g.w, h: FRAME_TITLE_HEIGHT })
  }

  // ---- local drag -----------------------------------------------------------------------

  /** Lifts notes (and frames, carrying their notes) onto the drag layer. */
  beginDrag(noteIds: Iterable<string>, frameIds: Iterable<string> = []): void {
    const frames = new Set(frameIds)
    const ids = new Set(noteIds)
    for (const n of this.notes.values())
      if (n.groupId !== null && frames.has(n.groupId)) ids.add(n.id)
    this.drag = { ids, frames, dx: 0, dy: 0 }
    for (const id of frames) this.frameNodes.get(id)?.moveTo(this.dragLayer)
    for (const id of ids) {
      if (!this.onScreen.has(id)) this.show(id)
      const node = this.nodes.get(id)
      const n = this.notes.get(id)
      this.tweens.get(id)?.destroy()
      this.tweens.delete(id)
      if (node && n) {
        node.position({ x: n.x, y: n.y })
        node.moveTo(this.dragLayer)
      }
    }
    this.scheduleOverlay()
  }

  dragBy(dx: number, dy: number): void {
    if (!this.drag) return
    this.drag.dx = dx
    this.drag.dy = dy
    for (const id of this.drag.ids) {
      const n = this.notes.get(id)
      this.nodes.get(id)?.position({ x: (n?.x ?? 0) + dx, y: (n?.y ?? 0) + dy })
    }
    for (const id of this.drag.frames) {
      const g = this.groups.get(id)
      this.frameNodes.get(id)?.position({ x: (g?.x ?? 0) + dx, y: (g?.y ?? 0) + dy })
    }
  }

  get dragging(): {
    readonly ids: ReadonlySet<string>
    readonly frames: ReadonlySet<string>
  } | null {
    return this.drag
  }

  /**
   * Puts dragged nodes back on their layers. Called after the move command ran, so the models
   * already hold the dropped positions; dropped notes end up on top of the paint order.
   */
  endDrag(): void {
    const drag = this.drag
    if (!drag) return
    this.drag = null
    for (const id of drag.frames) {
      const node = this.frameNodes.get(id)
      const g = this.groups.get(id)
      node?.moveTo(this.framesLayer)
      if (node && g) updateFrameNode(node, frameLook(g))
    }
    for (const id of drag.ids) {
      const node = this.nodes.get(id)
      const n = this.notes.get(id)
      if (!node || !n) continue
      node.moveTo(this.notesLayer)
      node.position({ x: n.x, y: n.y })
      updateNoteNode(node, n.look)
      this.stale.delete(id)
      if (!this.detail) {
        node.visible(false)
        this.onScreen.delete(id)
      }
    }
    this.cull()
    this.scheduleOverlay()
  }

  // ---- overlays -------------------------------------------------------------------------

  setSelection(ids: readonly string[]): void {
    this.selection = ids
    this.scheduleOverlay()
  }

  setRemoteSelections(sets: readonly OutlineSet[]): void {
    this.remoteSelections = sets
    this.scheduleOverlay()
  }

  setMarquee(r: Rect | null): void {
    this.marquee = r
    this.renderOverlay()
  }

  setProposals(p: readonly GroupProposalPreview[] | null): void {
    this.proposals = p
    this.scheduleOverlay()
  }

  setFocused(ids: readonly string[]): void {
    this.focused = ids
    this.scheduleOverlay()
  }

  /** Coalesces overlay rebuilds: many model changes in one tick redraw the overlay once. */
  private scheduleOverlay(): void {
    if (this.overlayQueued) return
    this.overlayQueued = true
    queueMicrotask(() => {
      this.overlayQueued = false
      this.renderOverlay()
    })
  }

  /** Where a note or frame is drawn now (mid-tween or mid-drag included), in stage coords. */
  rectOf(id: string): Rect | null {
    const node = this.nodes.get(id)
    const n = this.notes.get(id)
    if (n) {
      const at = node && (this.onScreen.has(id) || this.tweens.has(id)) ? node.position() : n
      return noteRect({ id, x: at.x, y: at.y })
    }
    const g = this.groups.get(id)
    if (!g) return null
    const at = this.frameNodes.get(id)?.position() ?? g
    return { x: at.x, y: at.y, w: g.w, h: g.h }
  }

  toScreenRect(r: Rect): Rect {
    const s = this.vp.scale
    return { x: r.x * s + this.vp.x, y: r.y * s + this.vp.y, w: r.w * s, h: r.h * s }
  }

  private renderOverlay(): void {
    this.overlayLayer.destroyChildren()
    const view = inflate(visibleRect(this.vp, this.width, this.height), 50 / this.vp.scale)
    const outline = (id: string, color: string, width: number, dash?: number[]): void => {
      const r = this.rectOf(id)
      if (!r || !intersects(r, view)) return
      this.overlayLayer.add(
        new Konva.Rect({
          x: r.x - 3,
          y: r.y - 3,
          width: r.w + 6,
          height: r.h + 6,
          stroke: color,
          strokeWidth: width,
          strokeScaleEnabled: false,
          cornerRadius: 6,
          ...(dash ? { dash } : {}),
          perfectDrawEnabled: false,
        }),
      )
    }
    for (const set of this.remoteSelections)
      for (const id of set.ids) outline(id, set.color, 2, [4, 3])
    if (!this.drag) for (const id of this.selection) outline(id, SELECTION_COLOR, 2)
    for (const id of this.focused) outline(id, '#f59e0b', 4)
    for (const p of this.proposals ?? []) this.drawProposal(p)
    if (this.marquee) {
      this.overlayLayer.add(
        new Konva.Rect({
          x: this.marquee.x,
          y: this.marquee.y,
          width: this.marquee.w,
          height: this.marquee.h,
          fill: 'rgba(37,99,235,0.08)',
          stroke: SELECTION_COLOR,
          strokeWidth: 1,
          strokeScaleEnabled: false,
        }),
      )
    }
  }

  private drawProposal(p: GroupProposalPreview): void {
    const r = unionRect(p.noteIds.flatMap((id) => this.rectOf(id) ?? []))
    if (!r) return
    const pad = 16
    this.overlayLayer.add(
      new Konva.Rect({
        x: r.x - pad,
        y: r.y - pad,
        width: r.w + 2 * pad,
        height: r.h + 2 * pad,
        stroke: '#7c3aed',
        strokeWidth: 2,
        strokeScaleEnabled: false,
        dash: [10, 6],
        cornerRadius: 10,
        fill: 'rgba(124,58,237,0.05)',
      }),
    )
    if (p.title) {
      this.overlayLayer.add(
        new Konva.Text({
          x: r.x - pad,
          y: r.y - pad - 24 / this.vp.scale,
          text: p.title,
          fontSize: 16 / this.vp.scale,
          fontStyle: 'bold',
          fill: '#7c3aed',
        }),
      )
    }
  }

  // ---- export ---------------------------------------------------------------------------

  /**
   * The whole board (frames and notes, no overlays or cursors) as a PNG data URL. Every note is
   * drawn, culled or not, with its text; the pixel ratio is lowered if the image would exceed
   * what browsers can allocate.
   */
  toPNG(pixelRatio: number): string {
    const content = this.contentRect() ?? { x: 0, y: 0, w: 1, h: 1 }
    const pad = 40
    const w = Math.ceil(content.w + 2 * pad)
    const h = Math.ceil(content.h + 2 * pad)
    const ratio = Math.max(
      0.05,
      Math.min(
        pixelRatio,
        MAX_EXPORT_SIDE / w,
        MAX_EXPORT_SIDE / h,
        Math.sqrt(MAX_EXPORT_AREA / (w * h)),
      ),
    )
    const saved = this.vp
    this.setDetail(true)
    for (const n of this.notes.values()) if (!this.onScreen.has(n.id)) this.show(n.id)
    const background = new Konva.Rect({
      x: content.x - pad,
      y: content.y - pad,
      width: w,
      height: h,
      fill: '#ffffff',
    })
    this.framesLayer.add(background)
    background.moveToBottom()
    this.overlayLayer.visible(false)
    this.cursorLayer.visible(false)
    this.stage.position({ x: -(content.x - pad), y: -(content.y - pad) })
    this.stage.scale({ x: 1, y: 1 })
    try {
      return this.stage.toDataURL({ x: 0, y: 0, width: w, height: h, pixelRatio: ratio })
    } finally {
      background.destroy()
      this.overlayLayer.visible(true)
      this.cursorLayer.visible(true)
      this.setViewport(saved)
    }
  }
}

function frameLook(g: Group & { readonly votes: number | null }): FrameLook {
  return { x: g.x, y: g.y, w: g.w, h: g.h, title: g.title, color: g.color, votes: g.votes }
}
