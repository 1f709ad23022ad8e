/**
 * <sb-board-canvas>: the board as an infinite Konva canvas. It takes the board from the board
 * controller, draws it through the scene (./board-scene) bound to the document
 * (client/board/scene-binding.ts), turns pointer and keyboard input into commands
 * (./pointer-gestures, ./canvas-keyboard), and shares our cursor and selection with everyone
 * (./canvas-board-link). It shows what other views ask of it through the board's canvas
 * intents: notes to focus, grouping proposals to outline.
 */
import type { PropertyValues, TemplateResult } from 'lit'
import { LitElement, html, nothing } from 'lit'
import type Konva from 'konva'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController, CanvasIntents } from '../board/board-controller'
import { BoardScene } from './board-scene'
import type { CanvasApi, SelectionChangeDetail } from './canvas-api'
import { CanvasBoardLink } from './canvas-board-link'
import { selectionToolbar, shortcutHelp, zoomControls } from './canvas-chrome'
import type { KeyboardHost } from './canvas-keyboard'
import { CanvasKeyboard } from './canvas-keyboard'
import { newFocus, proposalOutlines } from './canvas-intents'
import { canvasStyles } from './canvas-styles'
import { CanvasTextEditing } from './canvas-text-editing'
import { CanvasViewport } from './canvas-viewport'
import { ViewSettle } from './view-settle'
import type { StagePoint, Viewport } from './geometry'
import { screenPoint, toStage } from './geometry'
import type { PointerHost } from './pointer-gestures'
import { PointerGestures } from './pointer-gestures'
import './sb-sealed-notes'
import './sb-tidy-button'
import './sb-minimap'
import './sb-canvas-toolbar'
import './sb-canvas-checkin'
import { CanvasFollow } from './canvas-follow'
import { castVote, retractVote } from '../../core/board/commands/voting'

export class SbBoardCanvas extends LitElement implements CanvasApi, KeyboardHost, PointerHost {
  static override properties = {
    selection: { state: true },
    helpOpen: { state: true },
    zoomPercent: { state: true },
  }

  static override styles = canvasStyles

  declare selection: readonly string[]
  declare helpOpen: boolean
  declare zoomPercent: number

  /** Re-renders when the board or its canvas intents change, not for every keystroke. */
  readonly #board = new BoardConsumer(this, (board) => board.intents)
  #scene: BoardScene | null = null
  #link: CanvasBoardLink | null = null
  readonly view = new CanvasViewport(
    () => this.scene,
    () => this.#viewportMoved(),
  )
  /** Frames the board once it has arrived; then only the person moves the view. */
  readonly viewSettle = new ViewSettle(this, () => this.view)
  readonly editing = new CanvasTextEditing(this)
  readonly #keyboard = new CanvasKeyboard(this)
  readonly #pointer = new PointerGestures(this)
  /** Following a peer's view, and the facilitator's "bring everyone to me". */
  readonly follow = new CanvasFollow(this)
  /** The toolbar's vote mode: during the vote a click on a note places a dot. */
  voteMode = false
  #resizeObserver: ResizeObserver | null = null
  /** The last focus request acted on (`board.intents.focus.seq`). */
  #focusSeen = 0
  /** The grouping preview now outlined (undefined: none drawn for this board yet). */
  #previewShown: CanvasIntents['preview'] | undefined = undefined

  constructor() {
    super()
    this.selection = []
    this.helpOpen = false
    this.zoomPercent = 100
  }

  // The public API (./canvas-api).

  /** Read-only access for browser tests and tooling: the Konva stage (notes are `.note#id`). */
  get stageForTests(): Konva.Stage | null {
    return this.scene?.stage ?? null
  }

  /** The current viewport: screen = stage × scale + (x, y). */
  get viewport(): Viewport {
    return this.view.current
  }

  toPNG(pixelRatio = 2): string {
    return this.scene?.toPNG(pixelRatio) ?? ''
  }

  zoomToFit(): void {
    this.view.zoomToFit()
  }

  focusNotes(ids: readonly string[]): void {
    this.#board.board?.focusNotes(ids)
  }

  // What the input handlers read (./canvas-host).

  get element(): HTMLElement {
    return this
  }

  get scene(): BoardScene | null {
    return this.#scene
  }

  get link(): CanvasBoardLink | null {
    return this.#link
  }

  get canEdit(): boolean {
    return this.link?.board.canEdit ?? false
  }

  get spaceHeld(): boolean {
    return this.#keyboard.spaceHeld
  }

  get stageEl(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.stage')
  }

  stagePointOf(e: { clientX: number; clientY: number }): StagePoint {
    const box = this.getBoundingClientRect()
    return toStage(this.viewport, screenPoint(e.clientX - box.left, e.clientY - box.top))
  }

  setSelection(ids: readonly string[]): void {
    const same =
      ids.length === this.selection.length && ids.every((id, i) => this.selection[i] === id)
    if (same) return
    this.selection = ids
    this.scene?.setSelection(ids)
    this.link?.publishSelection(ids)
    this.dispatchEvent(
      new CustomEvent<SelectionChangeDetail>('selection-change', {
        detail: { ids: [...ids] },
        bubbles: true,
        composed: true,
      }),
    )
  }

  // Lifecycle.

  override connectedCallback(): void {
    super.connectedCallback()
    // Focusable, so a click on the board routes keyboard shortcuts here.
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0
    this.#keyboard.connect()
    // Moved in the DOM: the scene was torn down on disconnect and is rebuilt here.
    if (this.hasUpdated) this.#ensureScene()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#keyboard.disconnect()
    this.#detach()
    this.view.stop()
    this.#resizeObserver?.disconnect()
    this.#resizeObserver = null
    this.#scene?.destroy()
    this.#scene = null
  }

  override firstUpdated(_changed: PropertyValues): void {
    const container = this.stageEl
    if (!container) return
    this.#pointer.listen(container)
    this.#ensureScene()
  }

  /**
   * The board or its intents changed: follow the board, then show what was asked. Before the
   * render, so the toolbar already knows whether this person may edit.
   */
  override willUpdate(): void {
    if (this.#scene) this.#follow(this.#board.board)
    const board = this.#link?.board
    const scene = this.#scene
    if (!board || !scene) return
    if (board.intents.preview !== this.#previewShown) {
      this.#previewShown = board.intents.preview
      scene.setProposals(proposalOutlines(board.intents.preview))
    }
    const focus = newFocus(board.intents, this.#focusSeen)
    this.#focusSeen = board.intents.focus?.seq ?? 0
    if (focus) this.#focus(focus)
  }

  #ensureScene(): void {
    if (this.scene) return
    const container = this.stageEl
    if (!(container instanceof HTMLDivElement)) return
    const scene = new BoardScene(container, this.clientWidth || 800, this.clientHeight || 600)
    this.#scene = scene
    scene.setViewport(scene.viewport)
    this.#resizeObserver = new ResizeObserver(() => {
      scene.resize(this.clientWidth, this.clientHeight)
      this.editing.position()
      this.follow.resized()
    })
    this.#resizeObserver.observe(this)
    this.#follow(this.#board.board)
  }

  #follow(board: BoardController | undefined): void {
    if (board === this.link?.board) return
    this.#detach()
    if (!board || !this.scene) return
    this.#link = new CanvasBoardLink(board, this.scene, (ids) => this.#notesChanged(ids))
    // Requests made before this canvas showed the board were for another canvas; a preview
    // under review is state, and is drawn.
    this.#focusSeen = board.intents.focus?.seq ?? 0
    this.#previewShown = undefined
    this.view.reset()
    this.view.fitOnce()
    this.follow.attach(board)
    this.requestUpdate()
  }

  #detach(): void {
    this.follow.detach()
    this.editing.close()
    this.setSelection([])
    this.#link?.stop()
    this.#link = null
    this.scene?.setProposals(null)
  }

  /** Outlines the notes (or frames) still on the board until the next press, and eases to them. */
  #focus(ids: readonly string[]): void {
    const scene = this.scene
    if (!scene) return
    const present = ids.filter((id) => scene.hasNote(id) || scene.group(id))
    scene.setFocused(present)
    this.view.show(present)
  }

  #viewportMoved(): void {
    this.link?.rescale()
    this.follow.viewportMoved()
    this.editing.position()
    this.zoomPercent = Math.round(this.view.current.scale * 100)
  }

  #notesChanged(ids: ReadonlySet<string>): void {
    const scene = this.scene
    if (!scene) return
    this.view.fitOnce()
    const gone = (id: string): boolean => ids.has(id) && !scene.hasNote(id) && !scene.group(id)
    if (this.selection.some(gone)) this.setSelection(this.selection.filter((id) => !gone(id)))
    this.editing.follow(ids)
  }

  // Template.

  protected override render(): TemplateResult {
    return html`
      <div class="stage" part="stage"></div>
      <sb-sealed-notes></sb-sealed-notes>
      <sb-tidy-button .selection=${this.selection}></sb-tidy-button>
      <sb-canvas-checkin .selection=${this.selection}></sb-canvas-checkin>
      <sb-minimap .scene=${this.scene} .view=${this.view} .board=${this.link?.board}></sb-minimap>
      <sb-canvas-toolbar .canvas=${this} .selection=${this.selection}></sb-canvas-toolbar>
      ${this.canEdit && this.selection.length > 0 ? this.#toolbar() : nothing}
      ${zoomControls(this.zoomPercent, {
        zoomIn: () => this.view.zoomIn(),
        zoomOut: () => this.view.zoomOut(),
        zoomToFit: () => this.view.zoomToFit(),
        toggleHelp: () => (this.helpOpen = !this.helpOpen),
      })}
      ${this.helpOpen ? shortcutHelp(this.canEdit, () => (this.helpOpen = false)) : nothing}
    `
  }

  #toolbar(): TemplateResult {
    const hasNotes = this.selection.some((id) => this.scene?.hasNote(id))
    return selectionToolbar(hasNotes, {
      recolour: (c) => this.link?.act((a) => a.recolour(this.selection, c)),
      frame: () => this.#frameSelection(),
      duplicate: () => this.#keyboard.perform('duplicate', 1),
      remove: () => this.#keyboard.perform('delete', 1),
    })
  }

  /** In vote mode during the vote, a press on a note places a dot (Shift: takes one back). */
  voteClick(noteId: string, takeBack: boolean): boolean {
    const board = this.link?.board
    if (!this.voteMode || !board?.canEdit || board.meta.phase !== 'vote') return false
    if (!this.scene?.hasNote(noteId)) return false
    const args = { voterId: board.identity.id, targetId: noteId }
    if (takeBack) board.run(retractVote, args)
    else board.run(castVote, args)
    return true
  }

  /** The toolbar's colour, applied to the selection (notes and frames). */
  recolourSelection(color: string): void {
    this.link?.act((a) => a.recolour(this.selection, color))
  }

  frameSelection(): void {
    this.#frameSelection()
  }

  #frameSelection(): void {
    const id = this.link?.act((a) => a.frameNotes(this.selection))
    if (id) {
      this.setSelection([id])
      this.editing.editTitle(id)
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
