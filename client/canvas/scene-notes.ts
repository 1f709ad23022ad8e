/**
 * The scene's sticky notes: their read models, their Konva nodes (built the first time a note
 * comes on screen), culling, the glide of remote moves, and the single overview shape that
 * draws them all when zoomed far out. Notes the local user drags are lifted onto the drag layer
 * so a drag redraws a handful of shapes, not the board.
 */
import Konva from 'konva'
import type { Rect, StagePoint } from './geometry'
import { containsPoint, inflate } from './geometry'
import type { Placed } from './hit-test'
import { noteAt, noteRect, notesInRect, visibleNotes } from './hit-test'
import { createNoteNode, updateNoteNode } from './note-node'
import type { OverviewItem } from './overview-shape'
import { createOverviewShape } from './overview-shape'
import type { SceneNote } from './scene-model'

const TWEEN_SECONDS = 0.25
/** Notes within this many screen pixels of the edge are drawn too, so a pan shows no pop-in. */
const CULL_MARGIN_PX = 200

/** What the notes need of the scene around them. */
export interface NotesHost {
  readonly notesLayer: Konva.Layer
  readonly dragLayer: Konva.Layer
  /** The visible part of the board, in stage units, and the zoom. */
  view(): Rect
  scale(): number
  /** Something an overlay follows has moved. */
  scheduleOverlay(): void
}

export class SceneNotes {
  private readonly notes = new Map<string, SceneNote>()
  private readonly nodes = new Map<string, Konva.Group>()
  /** Notes whose node is behind their model (changed while off screen). */
  private readonly stale = new Set<string>()
  private readonly tweens = new Map<string, Konva.Tween>()
  private readonly onScreen = new Set<string>()
  /** Per-note groups with text (true) or the single overview shape (false, zoomed far out). */
  private detail = true
  /** Notes in view while in overview mode: what the overview shape draws. */
  private overviewIds = new Set<string>()
  private readonly overview = createOverviewShape(() => this.overviewItems())
  /** Notes the local user is dragging, or null. */
  private lifted: Set<string> | null = null

  constructor(private readonly host: NotesHost) {
    this.overview.visible(false)
    host.notesLayer.add(this.overview)
  }

  destroy(): void {
    for (const t of this.tweens.values()) t.destroy()
    this.tweens.clear()
  }

  has(id: string): boolean {
    return this.notes.has(id)
  }

  get(id: string): SceneNote | undefined {
    return this.notes.get(id)
  }

  all(): IterableIterator<SceneNote> {
    return this.notes.values()
  }

  get count(): number {
    return this.notes.size
  }

  /**
   * Adds or updates one note. `animate` tweens a position change (remote edits glide in); a
   * note the local user is dragging keeps following the pointer and takes the new model at
   * drop time.
   */
  upsert(note: SceneNote, animate: boolean): void {
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
    if (this.lifted?.has(note.id)) return
    const moved = !before || before.x !== note.x || before.y !== note.y
    if (moved) this.placeNode(note.id, node, note, animate)
    // A note leaving the view glides out first; the tween's end culls it.
    if (moved && !animate) this.cullOne(note.id)
    this.host.scheduleOverlay()
  }

  remove(id: string): void {
    if (this.overviewIds.delete(id)) this.host.notesLayer.batchDraw()
    this.notes.delete(id)
    this.stale.delete(id)
    this.onScreen.delete(id)
    this.dropTween(id)
    this.nodes.get(id)?.destroy()
    this.nodes.delete(id)
    this.lifted?.delete(id)
    this.host.scheduleOverlay()
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
    this.dropTween(note.id)
    if (inView || wasInView || !before) this.host.notesLayer.batchDraw()
  }

  private *overviewItems(): Generator<OverviewItem> {
    for (const id of this.overviewIds) {
      if (this.lifted?.has(id)) continue
      const n = this.notes.get(id)
      if (!n) continue
      const at = this.tweens.has(id) ? (this.nodes.get(id)?.position() ?? n) : n
      yield {
        x: at.x,
        y: at.y,
        fill: n.look.color,
        votes: n.look.votes,
        reactions: n.look.reactionCount ?? 0,
      }
    }
  }

  setDetail(detail: boolean): void {
    if (detail === this.detail) return
    this.detail = detail
    this.overview.visible(!detail)
    if (detail) {
      this.overviewIds.clear()
      return
    }
    for (const id of this.onScreen) if (!this.lifted?.has(id)) this.hide(id)
  }

  private dropTween(id: string): void {
    this.tweens.get(id)?.destroy()
    this.tweens.delete(id)
  }

  private placeNode(id: string, node: Konva.Group, to: Placed, animate: boolean): void {
    this.dropTween(id)
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
        this.host.scheduleOverlay()
      },
    })
    this.tweens.set(id, tween)
    tween.play()
  }

  private intersectsView(n: Placed): boolean {
    return visibleNotes([n], this.cullRect()).size === 1
  }

  private cullRect(): Rect {
    return inflate(this.host.view(), CULL_MARGIN_PX / this.host.scale())
  }

  /** Shows what is on screen and hides the rest; builds nodes for notes seen the first time. */
  cull(): void {
    const visible = visibleNotes(this.notes.values(), this.cullRect())
    if (!this.detail) {
      this.overviewIds = visible
      this.host.notesLayer.batchDraw()
      return
    }
    for (const id of this.onScreen) if (!visible.has(id) && !this.lifted?.has(id)) this.hide(id)
    for (const id of visible) if (!this.onScreen.has(id)) this.show(id)
  }

  private cullOne(id: string): void {
    const n = this.notes.get(id)
    if (!n || !this.detail) return
    if (this.intersectsView(n)) {
      if (!this.onScreen.has(id)) this.show(id)
    } else if (this.onScreen.has(id) && !this.lifted?.has(id)) {
      this.hide(id)
    }
  }

  private hide(id: string): void {
    this.nodes.get(id)?.visible(false)
    this.onScreen.delete(id)
  }

  private show(id: string): void {
    const n = this.notes.get(id)
    if (!n) return
    let node = this.nodes.get(id)
    if (!node) {
      node = createNoteNode(id)
      this.nodes.set(id, node)
      this.host.notesLayer.add(node)
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

  /** Every note drawn in detail, culled or not (the PNG export draws the whole board). */
  showAll(): void {
    this.setDetail(true)
    for (const n of this.notes.values()) if (!this.onScreen.has(n.id)) this.show(n.id)
  }

  /** The topmost on-screen note under a stage point, in paint order. */
  noteAt(p: StagePoint): string | null {
    if (!this.detail) {
      const dragged = [...(this.lifted ?? [])].flatMap((id) => this.notes.get(id) ?? [])
      const inView = [...this.overviewIds].flatMap((id) => this.notes.get(id) ?? [])
      return noteAt([...inView, ...dragged], p)
    }
    for (const layer of [this.host.dragLayer, this.host.notesLayer]) {
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

  /** Where a note is drawn now, mid-glide or mid-drag included; null for no such note. */
  drawnAt(id: string): Placed | null {
    const n = this.notes.get(id)
    if (!n) return null
    const node = this.nodes.get(id)
    const at = node && (this.onScreen.has(id) || this.tweens.has(id)) ? node.position() : n
    return { id, x: at.x, y: at.y }
  }

  /** Lifts notes onto the drag layer at their model positions. */
  lift(ids: ReadonlySet<string>): void {
    this.lifted = new Set(ids)
    for (const id of ids) {
      if (!this.onScreen.has(id)) this.show(id)
      const node = this.nodes.get(id)
      const n = this.notes.get(id)
      this.dropTween(id)
      if (node && n) {
        node.position({ x: n.x, y: n.y })
        node.moveTo(this.host.dragLayer)
      }
    }
  }

  moveLifted(dx: number, dy: number): void {
    for (const id of this.lifted ?? []) {
      const n = this.notes.get(id)
      this.nodes.get(id)?.position({ x: (n?.x ?? 0) + dx, y: (n?.y ?? 0) + dy })
    }
  }

  /** Puts lifted notes back where their models are; dropped notes end up on top. */
  drop(): void {
    const lifted = this.lifted
    this.lifted = null
    for (const id of lifted ?? []) {
      const node = this.nodes.get(id)
      const n = this.notes.get(id)
      if (!node || !n) continue
      node.moveTo(this.host.notesLayer)
      node.position({ x: n.x, y: n.y })
      updateNoteNode(node, n.look)
      this.stale.delete(id)
      if (!this.detail) this.hide(id)
    }
    this.cull()
  }
}
