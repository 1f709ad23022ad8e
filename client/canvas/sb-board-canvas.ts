/**
 * <sb-board-canvas>: the board as an infinite Konva canvas. It consumes the board session from
 * context, draws the document through BoardScene/BoardBinding, turns pointer and keyboard
 * input into core commands (CanvasActions), and shares cursor and selection via awareness.
 *
 * Gestures (see docs/canvas.md): drag empty space, Space + drag or middle-drag pans; Shift +
 * drag on empty space draws a marquee; two-finger scroll pans; Ctrl/⌘ + wheel or pinch zooms
 * around the pointer; drag a note or a frame's title bar/edge to move it.
 */
import { ContextConsumer } from '@lit/context'
import type { PropertyValues, TemplateResult } from 'lit'
import { LitElement, html, nothing } from 'lit'
import type Konva from 'konva'
import type * as Y from 'yjs'
import { colorOr } from '../../core/board/colors'
import { DEFAULT_NOTE_COLOR, getGroupTitle, getNoteText } from '../../core/board/schema'
import type { BoardSession } from '../board/board-context'
import { boardSessionContext } from '../board/board-context'
import { BoardBinding } from './board-binding'
import type { GroupProposalPreview } from './board-scene'
import { BoardScene } from './board-scene'
import { CanvasActions } from './canvas-actions'
import { selectionToolbar, shortcutHelp, zoomControls } from './canvas-chrome'
import { canvasStyles } from './canvas-styles'
import type { Rect, StagePoint, Viewport } from './geometry'
import { ZOOM_STEP, panBy, rectFromCorners, screenPoint, toStage, zoomAround } from './geometry'
import { FRAME_MIN_SIZE } from './frame-node'
import { noteRect } from './hit-test'
import { InlineEditor } from './inline-editor'
import type { CanvasAction } from './keymap'
import { EDITING_ACTIONS, isTypingTarget, resolveShortcut } from './keymap'
import { peersOf } from './presence-state'
import { PresenceLayer } from './presence-layer'
import type { Throttled } from './throttle'
import { throttle } from './throttle'

interface Size {
  w: number
  h: number
}

/** Pixels a press may wander before it counts as a drag rather than a click. */
const DRAG_THRESHOLD = 4
const CURSOR_HZ = 30

type Gesture =
  | { kind: 'pan'; startX: number; startY: number; from: Viewport; moved: boolean }
  | {
      kind: 'move'
      start: StagePoint
      startX: number
      startY: number
      notes: string[]
      frames: string[]
      started: boolean
    }
  | { kind: 'marquee'; start: StagePoint; base: readonly string[] }
  | { kind: 'pinch'; distance: number; midX: number; midY: number; from: Viewport }
  | { kind: 'resize'; id: string; start: StagePoint; w: number; h: number; size: Size | null }

export interface SelectionChangeDetail {
  readonly ids: readonly string[]
}

export class SbBoardCanvas extends LitElement {
  static override properties = {
    selection: { state: true },
    helpOpen: { state: true },
    zoomPercent: { state: true },
    role: { state: true },
  }

  static override styles = canvasStyles

  declare selection: readonly string[]
  declare helpOpen: boolean
  declare zoomPercent: number
  declare role: 'edit' | 'view'

  private session: BoardSession | null = null
  private scene: BoardScene | null = null
  private binding: BoardBinding | null = null
  private presence: PresenceLayer | null = null
  private actions: CanvasActions | null = null
  private editor: { id: string; kind: 'note' | 'title'; view: InlineEditor } | null = null
  private gesture: Gesture | null = null
  private spaceHeld = false
  private resizeObserver: ResizeObserver | null = null
  private presenceFrame = 0
  private viewportTween = 0
  private publishCursor: Throttled<[{ x: number; y: number } | null]> | null = null
  private detachSession: (() => void) | null = null
  /** Whether the view has been framed (or moved by the user) since the session attached. */
  private framed = false
  /** Touch points currently down, for two-finger pinch and pan on touch screens. */
  private readonly touches = new Map<number, { x: number; y: number }>()

  constructor() {
    super()
    this.selection = []
    this.helpOpen = false
    this.zoomPercent = 100
    this.role = 'view'
    new ContextConsumer(this, {
      context: boardSessionContext,
      subscribe: true,
      callback: (session) => this.useSession(session ?? null),
    })
  }

  // ---- public API -----------------------------------------------------------------------

  /** Read-only access for browser tests and tooling: the Konva stage (notes are `.note#id`). */
  get stageForTests(): Konva.Stage | null {
    return this.scene?.stage ?? null
  }

  /** The current viewport: screen = stage × scale + (x, y). */
  get viewport(): Viewport {
    return this.scene?.viewport ?? { x: 0, y: 0, scale: 1 }
  }

  /** The whole board (not just the visible part) as a PNG data URL. */
  toPNG(pixelRatio = 2): string {
    return this.scene?.toPNG(pixelRatio) ?? ''
  }

  zoomToFit(): void {
    this.framed = true
    if (this.scene) this.animateTo(this.scene.fitViewport())
  }

  zoomIn(): void {
    this.framed = true
    this.zoomBy(ZOOM_STEP)
  }

  zoomOut(): void {
    this.framed = true
    this.zoomBy(1 / ZOOM_STEP)
  }

  /** Pans and zooms to the notes (or frames) and highlights them until the next click. */
  focusNotes(ids: readonly string[]): void {
    const scene = this.scene
    if (!scene) return
    this.framed = true
    const present = ids.filter((id) => scene.hasNote(id) || scene.group(id))
    scene.setFocused(present)
    const vp = scene.viewportFor(present)
    if (vp) this.animateTo(vp)
  }

  /** Outlines suggested groups on the board; null removes the outlines. */
  previewGroups(proposals: readonly GroupProposalPreview[] | null): void {
    // Callers outside the canvas type this loosely; draw only well-formed proposals.
    const valid = (proposals ?? []).filter(
      (p) => Array.isArray(p?.noteIds) && p.noteIds.every((id) => typeof id === 'string'),
    )
    this.scene?.setProposals(proposals === null ? null : valid)
  }

  // ---- lifecycle ------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback()
    // Focusable, so a click on the board routes keyboard shortcuts here.
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0
    window.addEventListener('keydown', this.onKeyDown)
    window.addEventListener('keyup', this.onKeyUp)
    window.addEventListener('blur', this.onWindowBlur)
    // Moved in the DOM: the scene was torn down on disconnect and is rebuilt here.
    if (this.hasUpdated) this.ensureScene()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('keydown', this.onKeyDown)
    window.removeEventListener('keyup', this.onKeyUp)
    window.removeEventListener('blur', this.onWindowBlur)
    this.detach()
    cancelAnimationFrame(this.viewportTween)
    this.resizeObserver?.disconnect()
    this.resizeObserver = null
    this.scene?.destroy()
    this.scene = null
  }

  override firstUpdated(_changed: PropertyValues): void {
    const container = this.stageEl
    if (!container) return
    container.addEventListener('pointerdown', this.onPointerDown)
    container.addEventListener('pointermove', this.onPointerMove)
    container.addEventListener('pointerup', this.onPointerUp)
    container.addEventListener('pointercancel', this.onPointerUp)
    container.addEventListener('pointerleave', this.onPointerLeave)
    container.addEventListener('dblclick', this.onDoubleClick)
    container.addEventListener('wheel', this.onWheel, { passive: false })
    this.ensureScene()
  }

  private ensureScene(): void {
    if (this.scene) return
    const container = this.stageEl
    if (!(container instanceof HTMLDivElement)) return
    const scene = new BoardScene(container, this.clientWidth || 800, this.clientHeight || 600)
    this.scene = scene
    scene.setViewport(scene.viewport)
    this.resizeObserver = new ResizeObserver(() => {
      scene.resize(this.clientWidth, this.clientHeight)
      this.positionEditor()
    })
    this.resizeObserver.observe(this)
    if (this.session) this.attach(this.session)
  }

  private useSession(session: BoardSession | null): void {
    if (session === this.session) return
    this.detach()
    this.session = session
    this.role = session?.role ?? 'view'
    if (session && this.scene) this.attach(session)
  }

  private attach(session: BoardSession): void {
    const scene = this.scene
    if (!scene || this.binding) return
    this.actions = new CanvasActions(session, scene)
    this.presence = new PresenceLayer(scene)
    this.binding = new BoardBinding(session.doc, scene, session.identity.id, session.origin, {
      onChange: (ids) => this.onNotesChanged(ids),
    })
    this.binding.start()
    const onAwareness = (): void => this.schedulePresence()
    session.awareness.on('change', onAwareness)
    this.schedulePresence()
    this.publishCursor = throttle((cursor: { x: number; y: number } | null) => {
      session.awareness.setLocalStateField('cursor', cursor)
    }, 1000 / CURSOR_HZ)
    this.detachSession = () => session.awareness.off('change', onAwareness)
    this.framed = false
    this.zoomToFitNow()
  }

  private detach(): void {
    this.editor?.view.close()
    this.publishCursor?.cancel()
    this.publishCursor = null
    this.detachSession?.()
    this.detachSession = null
    this.binding?.stop()
    this.binding = null
    this.actions = null
    cancelAnimationFrame(this.presenceFrame)
    this.presenceFrame = 0
    if (this.scene) {
      for (const n of [...this.scene.allNotes()]) this.scene.removeNote(n.id)
      this.scene.setGroups([])
      this.presence?.update(new Map())
    }
    this.presence = null
    this.setSelection([])
  }

  /**
   * Frames the board once its content is known. A board opened from an empty local cache gets
   * its notes from the network a moment later, so this also runs on the first change.
   */
  private zoomToFitNow(): void {
    if (!this.scene || this.framed) return
    if (!this.scene.contentRect()) return
    this.framed = true
    this.setViewport(this.scene.fitViewport())
  }

  // ---- viewport -------------------------------------------------------------------------

  private setViewport(vp: Viewport): void {
    const scene = this.scene
    if (!scene) return
    scene.setViewport(vp)
    this.presence?.rescale()
    this.positionEditor()
    this.zoomPercent = Math.round(vp.scale * 100)
    this.dispatchEvent(
      new CustomEvent('viewport-change', { detail: { ...vp }, bubbles: true, composed: true }),
    )
  }

  private zoomBy(factor: number): void {
    if (!this.scene) return
    const centre = screenPoint(this.scene.width / 2, this.scene.height / 2)
    this.setViewport(zoomAround(this.scene.viewport, centre, factor))
  }

  /** Eases the viewport to `to` over a few frames (zoom to fit, show source notes). */
  private animateTo(to: Viewport): void {
    const scene = this.scene
    if (!scene) return
    cancelAnimationFrame(this.viewportTween)
    const from = scene.viewport
    const start = performance.now()
    const duration = 250
    const step = (now: number): void => {
      const t = Math.min(1, (now - start) / duration)
      const e = t * (2 - t)
      // Interpolating the scale geometrically keeps the zoom speed even at every level.
      const scale = from.scale * Math.pow(to.scale / from.scale, e)
      this.setViewport({ x: from.x + (to.x - from.x) * e, y: from.y + (to.y - from.y) * e, scale })
      if (t < 1) this.viewportTween = requestAnimationFrame(step)
      else this.setViewport(to)
    }
    this.viewportTween = requestAnimationFrame(step)
  }

  // ---- selection & presence -------------------------------------------------------------

  private setSelection(ids: readonly string[]): void {
    const same =
      ids.length === this.selection.length && ids.every((id, i) => this.selection[i] === id)
    if (same) return
    this.selection = ids
    this.scene?.setSelection(ids)
    this.session?.awareness.setLocalStateField('selection', [...ids])
    this.dispatchEvent(
      new CustomEvent<SelectionChangeDetail>('selection-change', {
        detail: { ids: [...ids] },
        bubbles: true,
        composed: true,
      }),
    )
  }

  private onNotesChanged(ids: ReadonlySet<string>): void {
    const scene = this.scene
    if (!scene) return
    this.zoomToFitNow()
    if (this.selection.some((id) => ids.has(id) && !scene.hasNote(id) && !scene.group(id))) {
      this.setSelection(this.selection.filter((id) => scene.hasNote(id) || scene.group(id)))
    }
    if (this.editor && ids.has(this.editor.id)) {
      if (this.editor.kind === 'note' && !scene.hasNote(this.editor.id)) this.editor.view.close()
      else this.positionEditor()
    }
  }

  private schedulePresence(): void {
    if (this.presenceFrame) return
    this.presenceFrame = requestAnimationFrame(() => {
      this.presenceFrame = 0
      const session = this.session
      if (!session || !this.presence) return
      this.presence.update(peersOf(session.awareness.getStates(), session.awareness.clientID))
    })
  }

  // ---- pointer --------------------------------------------------------------------------

  private stagePointOf(e: { clientX: number; clientY: number }): StagePoint {
    const box = this.getBoundingClientRect()
    return toStage(this.viewport, screenPoint(e.clientX - box.left, e.clientY - box.top))
  }

  private get canEdit(): boolean {
    return this.session?.role === 'edit'
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    const scene = this.scene
    if (!scene || !this.session) return
    if (e.button !== 0 && e.button !== 1) return
    this.focus({ preventScroll: true })
    scene.setFocused([])
    const p = this.stagePointOf(e)
    const target = e.currentTarget as HTMLElement
    target.setPointerCapture(e.pointerId)
    if (e.pointerType === 'touch') {
      this.touches.set(e.pointerId, { x: e.clientX, y: e.clientY })
      if (this.touches.size === 2) {
        this.beginPinch()
        return
      }
      if (this.touches.size > 2) return
    }
    if (this.spaceHeld || e.button === 1) {
      this.beginPan(e)
      return
    }
    const grip = this.canEdit ? scene.frameGripAt(p) : null
    const frame = grip === null ? undefined : scene.group(grip)
    if (grip !== null && frame) {
      this.setSelection([grip])
      this.gesture = { kind: 'resize', id: grip, start: p, w: frame.w, h: frame.h, size: null }
      return
    }
    const hit = scene.noteAt(p) ?? scene.frameEdgeAt(p)
    if (hit === null) {
      if (e.shiftKey) {
        this.gesture = { kind: 'marquee', start: p, base: this.selection }
      } else {
        this.beginPan(e)
      }
      return
    }
    let selection = this.selection
    if (e.shiftKey) {
      selection = selection.includes(hit)
        ? selection.filter((id) => id !== hit)
        : [...selection, hit]
    } else if (!selection.includes(hit)) {
      selection = [hit]
    }
    this.setSelection(selection)
    if (!this.canEdit || !selection.includes(hit)) {
      if (!this.canEdit) this.beginPan(e)
      return
    }
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
    this.framed = true
    // The user takes over: a running zoom-to-fit or focus animation must not pull the view back.
    cancelAnimationFrame(this.viewportTween)
    this.gesture = {
      kind: 'pan',
      startX: e.clientX,
      startY: e.clientY,
      from: this.viewport,
      moved: false,
    }
    this.stageEl?.classList.add('panning')
  }

  private get stageEl(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.stage')
  }

  private readonly onPointerMove = (e: PointerEvent): void => {
    const scene = this.scene
    if (!scene) return
    const p = this.stagePointOf(e)
    this.publishCursor?.({ x: Math.round(p.x), y: Math.round(p.y) })
    if (e.pointerType === 'touch' && this.touches.has(e.pointerId)) {
      this.touches.set(e.pointerId, { x: e.clientX, y: e.clientY })
    }
    const g = this.gesture
    if (!g) return
    if (g.kind === 'pinch') {
      this.pinchTo(g)
    } else if (g.kind === 'resize') {
      g.size = {
        w: Math.max(FRAME_MIN_SIZE.w, g.w + p.x - g.start.x),
        h: Math.max(FRAME_MIN_SIZE.h, g.h + p.y - g.start.y),
      }
      scene.previewFrameSize(g.id, g.size)
    } else if (g.kind === 'pan') {
      const dx = e.clientX - g.startX
      const dy = e.clientY - g.startY
      if (Math.hypot(dx, dy) > DRAG_THRESHOLD) g.moved = true
      this.setViewport(panBy(g.from, dx, dy))
    } else if (g.kind === 'marquee') {
      const r = rectFromCorners(g.start, p)
      scene.setMarquee(r)
      this.selectInMarquee(r, g.base)
    } else {
      if (!g.started) {
        if (Math.hypot(e.clientX - g.startX, e.clientY - g.startY) < DRAG_THRESHOLD) return
        g.started = true
        scene.beginDrag(g.notes, g.frames)
      }
      scene.dragBy(p.x - g.start.x, p.y - g.start.y)
    }
  }

  /** Two fingers down: whatever one finger started is abandoned (a drag is not committed). */
  private beginPinch(): void {
    if (this.gesture?.kind === 'move' && this.gesture.started) this.scene?.endDrag()
    if (this.gesture?.kind === 'marquee') this.scene?.setMarquee(null)
    const [a, b] = [...this.touches.values()]
    if (!a || !b) return
    this.framed = true
    cancelAnimationFrame(this.viewportTween)
    this.gesture = {
      kind: 'pinch',
      distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
      midX: (a.x + b.x) / 2,
      midY: (a.y + b.y) / 2,
      from: this.viewport,
    }
  }

  /** Zooms by the change in finger distance around the midpoint, and pans with the midpoint. */
  private pinchTo(g: Extract<Gesture, { kind: 'pinch' }>): void {
    const [a, b] = [...this.touches.values()]
    if (!a || !b) return
    const box = this.getBoundingClientRect()
    const midX = (a.x + b.x) / 2
    const midY = (a.y + b.y) / 2
    const factor = Math.hypot(a.x - b.x, a.y - b.y) / g.distance
    const anchor = screenPoint(g.midX - box.left, g.midY - box.top)
    this.setViewport(panBy(zoomAround(g.from, anchor, factor), midX - g.midX, midY - g.midY))
  }

  private selectInMarquee(r: Rect, base: readonly string[]): void {
    const inside = this.scene?.notesIn(r) ?? []
    this.setSelection([...new Set([...base, ...inside])])
  }

  private readonly onPointerUp = (e: PointerEvent): void => {
    this.touches.delete(e.pointerId)
    const scene = this.scene
    const g = this.gesture
    // A pinch ends when either finger lifts; the other finger does not start a new gesture.
    if (g?.kind === 'pinch' && this.touches.size > 0) return
    this.gesture = null
    this.stageEl?.classList.remove('panning')
    if (!scene || !g) return
    if (g.kind === 'pinch') {
      return
    } else if (g.kind === 'resize') {
      if (g.size && e.type === 'pointerup') this.actions?.resizeFrame(g.id, g.size.w, g.size.h)
      scene.previewFrameSize(g.id, null)
    } else if (g.kind === 'pan') {
      if (!g.moved && e.type === 'pointerup') this.setSelection([])
    } else if (g.kind === 'marquee') {
      scene.setMarquee(null)
    } else if (g.started) {
      const p = this.stagePointOf(e)
      const dx = Math.round(p.x - g.start.x)
      const dy = Math.round(p.y - g.start.y)
      if (e.type === 'pointerup') this.actions?.drop(g.notes, g.frames, dx, dy)
      scene.endDrag()
    }
  }

  private readonly onPointerLeave = (): void => {
    this.publishCursor?.cancel()
    this.session?.awareness.setLocalStateField('cursor', null)
  }

  private readonly onWheel = (e: WheelEvent): void => {
    const scene = this.scene
    if (!scene) return
    e.preventDefault()
    this.framed = true
    cancelAnimationFrame(this.viewportTween)
    const box = this.getBoundingClientRect()
    const anchor = screenPoint(e.clientX - box.left, e.clientY - box.top)
    // Lines (Firefox mouse wheels) are ~16 px each; pages are a screen.
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? scene.height : 1
    if (e.ctrlKey || e.metaKey) {
      // Pinch gestures arrive as ctrl+wheel with small deltas, mouse notches as ~100: one
      // exponential curve makes both feel proportional.
      const factor = Math.pow(1.0015, -e.deltaY * unit)
      this.setViewport(zoomAround(scene.viewport, anchor, Math.min(2, Math.max(0.5, factor))))
      return
    }
    const dx = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX
    const dy = e.shiftKey && e.deltaX === 0 ? 0 : e.deltaY
    this.setViewport(panBy(scene.viewport, -dx * unit, -dy * unit))
  }

  private readonly onDoubleClick = (e: MouseEvent): void => {
    const scene = this.scene
    if (!scene || !this.canEdit || !this.actions) return
    const p = this.stagePointOf(e)
    const note = scene.noteAt(p)
    if (note) {
      this.editNote(note)
      return
    }
    const frame = scene.frameEdgeAt(p)
    if (frame) {
      const g = scene.group(frame)
      if (g && p.y < g.y) {
        this.editTitle(frame)
        return
      }
    }
    const id = this.actions.createNoteAt(p)
    if (id) {
      this.setSelection([id])
      this.editNote(id)
    }
  }

  // ---- inline editing -------------------------------------------------------------------

  private editNote(id: string): void {
    const session = this.session
    const note = this.scene?.note(id)
    if (!session || !note || !this.canEdit || note.look.hidden) return
    const text = getNoteText(session.doc, id)
    if (!text) return
    this.openEditor(id, 'note', text, note.look.color)
  }

  private editTitle(id: string): void {
    const session = this.session
    if (!session || !this.canEdit) return
    const text = getGroupTitle(session.doc, id)
    if (text) this.openEditor(id, 'title', text, '#ffffff')
  }

  private openEditor(id: string, kind: 'note' | 'title', text: Y.Text, bg: string): void {
    this.editor?.view.close()
    const session = this.session
    const actions = this.actions
    if (!session || !actions) return
    const view = new InlineEditor(this.renderRoot, {
      text,
      localOrigin: session.origin,
      singleLine: kind === 'title',
      apply: (delta) => actions.editText(kind === 'note' ? 'notes' : 'groups', id, delta),
      onClose: () => {
        if (this.editor?.view === view) this.editor = null
        this.focus({ preventScroll: true })
      },
    })
    // Read models already hold a checked colour; this sink re-checks so no path reaches CSS raw.
    view.textarea.style.setProperty('--sb-editor-bg', colorOr(bg, DEFAULT_NOTE_COLOR))
    this.editor = { id, kind, view }
    this.positionEditor()
  }

  private positionEditor(): void {
    const scene = this.scene
    const editor = this.editor
    if (!scene || !editor) return
    const scale = scene.viewport.scale
    if (editor.kind === 'note') {
      // The model, not the node: a remote move tweens the node, the editor jumps to the end.
      const n = scene.note(editor.id)
      if (n) editor.view.position(scene.toScreenRect(noteRect(n)), scale, 12, 16)
    } else {
      const r = scene.titleRect(editor.id)
      if (r) editor.view.position(r, scale, 2, 18)
    }
  }

  // ---- keyboard -------------------------------------------------------------------------

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || !this.scene || !this.session) return
    const path = e.composedPath()
    const origin = path[0]
    if (isTypingTarget(origin instanceof Element ? (origin as HTMLElement) : null)) return
    // Only keys aimed at the board (or at nothing in particular): Delete pressed on a focused
    // button in another panel must not delete the selected notes.
    if (!path.includes(this) && origin !== document.body && origin !== document.documentElement) {
      return
    }
    if (e.key === ' ') {
      this.spaceHeld = true
      this.stageEl?.classList.add('pan')
      e.preventDefault()
      return
    }
    const shortcut = resolveShortcut(e)
    if (!shortcut) return
    if (EDITING_ACTIONS.has(shortcut.action) && !this.canEdit) return
    e.preventDefault()
    this.perform(shortcut.action, shortcut.step)
  }

  private readonly onKeyUp = (e: KeyboardEvent): void => {
    if (e.key !== ' ') return
    this.spaceHeld = false
    this.stageEl?.classList.remove('pan')
  }

  private readonly onWindowBlur = (): void => {
    this.spaceHeld = false
    this.stageEl?.classList.remove('pan')
  }

  private perform(action: CanvasAction, step: number): void {
    const actions = this.actions
    const scene = this.scene
    if (!actions || !scene) return
    const ids = this.selection
    switch (action) {
      case 'delete':
        if (ids.length > 0) actions.delete(ids)
        this.setSelection([])
        break
      case 'duplicate': {
        const copies = actions.duplicate(ids)
        if (copies.length > 0) this.setSelection(copies)
        break
      }
      case 'undo':
        actions.undo()
        break
      case 'redo':
        actions.redo()
        break
      case 'select-all':
        this.setSelection([...scene.allNotes()].map((n) => n.id))
        break
      case 'deselect':
        if (this.helpOpen) this.helpOpen = false
        else this.setSelection([])
        break
      case 'nudge-left':
        actions.nudge(ids, -step, 0)
        break
      case 'nudge-right':
        actions.nudge(ids, step, 0)
        break
      case 'nudge-up':
        actions.nudge(ids, 0, -step)
        break
      case 'nudge-down':
        actions.nudge(ids, 0, step)
        break
      case 'zoom-in':
        this.zoomIn()
        break
      case 'zoom-out':
        this.zoomOut()
        break
      case 'zoom-to-fit':
        this.zoomToFit()
        break
      case 'edit': {
        const first = ids[0]
        if (ids.length === 1 && first !== undefined) {
          if (scene.hasNote(first)) this.editNote(first)
          else this.editTitle(first)
        }
        break
      }
      case 'help':
        this.helpOpen = !this.helpOpen
        break
    }
  }

  // ---- template -------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const scene = this.scene
    const toolbar =
      this.canEdit && this.selection.length > 0
        ? selectionToolbar(
            this.selection.some((id) => scene?.hasNote(id)),
            {
              recolour: (c) => this.actions?.recolour(this.selection, c),
              frame: this.frameSelection,
              duplicate: () => this.perform('duplicate', 1),
              remove: () => this.perform('delete', 1),
            },
          )
        : nothing
    return html`
      <div class="stage" part="stage"></div>
      ${toolbar}
      ${zoomControls(this.zoomPercent, {
        zoomIn: () => this.zoomIn(),
        zoomOut: () => this.zoomOut(),
        zoomToFit: () => this.zoomToFit(),
        toggleHelp: () => (this.helpOpen = !this.helpOpen),
      })}
      ${this.helpOpen ? shortcutHelp(this.canEdit, () => (this.helpOpen = false)) : nothing}
    `
  }

  private readonly frameSelection = (): void => {
    const id = this.actions?.frameNotes(this.selection)
    if (id) {
      this.setSelection([id])
      this.editTitle(id)
    }
  }
}

// Guarded so a hot module reload does not throw on the second definition.
if (!customElements.get('sb-board-canvas')) customElements.define('sb-board-canvas', SbBoardCanvas)

declare global {
  interface HTMLElementTagNameMap {
    'sb-board-canvas': SbBoardCanvas
  }
}
