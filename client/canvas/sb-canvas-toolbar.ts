/**
 * <sb-canvas-toolbar>: the toolbar along the bottom of the canvas. Editors get New note, New
 * frame, the colour for new notes (and the selection), vote mode during the vote, and emoji
 * reactions for the one selected note; a participant gets "I'm done" while a timed step runs
 * and the facilitator sees how many are done and "Bring everyone to me"; everyone sees the
 * "Following Ana · Stop" chip. Mounted by <sb-board-canvas>, which hands itself in as `canvas`.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { toggleReaction } from '../../core/board/commands/reactions'
import { DEFAULT_NOTE_COLOR } from '../../core/board/schema'
import { readReactions, type Reaction } from '../../core/board/reactions'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import { currentDoneScope } from '../facilitation/sb-done-mark'
import type { CanvasFollow } from './canvas-follow'
import { followOf, type FollowState } from './follow-state'
import type { CreatingHost } from './new-note'
import { newFrameAtCentre, newNoteAtCentre } from './new-note'
import { toolbarStyles } from './toolbar-styles'
import { followChip, reactionPicker, summonButton, tools } from './toolbar-view'

/** What the toolbar needs of the canvas element. */
export interface ToolbarCanvas extends CreatingHost {
  readonly follow: CanvasFollow
  /** A click on a note places a dot (only acted on during the vote). */
  voteMode: boolean
  frameSelection(): void
  recolourSelection(color: string): void
}

export class SbCanvasToolbar extends LitElement {
  static override properties = {
    canvas: { attribute: false },
    selection: { attribute: false },
    colour: { state: true },
  }

  static override styles = toolbarStyles

  declare canvas: ToolbarCanvas | null
  declare selection: readonly string[]
  declare colour: string

  readonly #board = new BoardConsumer(this, (board) => board.version)
  #watchedFollow: FollowState | null = null
  #frame = 0

  constructor() {
    super()
    this.canvas = null
    this.selection = []
    this.colour = DEFAULT_NOTE_COLOR
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#watch(null)
    cancelAnimationFrame(this.#frame)
    this.#frame = 0
  }

  override willUpdate(): void {
    const board = this.#board.board ?? null
    this.#watch(board && followOf(board))
  }

  /** The follow state is not a board change: listen to it here (<sb-done-mark> watches presence). */
  #watch(follow: FollowState | null): void {
    if (follow !== this.#watchedFollow) {
      this.#watchedFollow?.removeEventListener('change', this.#soon)
      this.#watchedFollow = follow
      follow?.addEventListener('change', this.#soon)
    }
  }

  readonly #soon = (): void => {
    if (this.#frame) return
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0
      this.requestUpdate()
    })
  }

  override render(): TemplateResult | typeof nothing {
    const board = this.#board.board
    const canvas = this.canvas
    if (!board || !canvas) return nothing
    const state = followOf(board)
    const meta = board.meta
    const scope = currentDoneScope(board)
    const inVote = meta.phase === 'vote'
    // Someone's note still in their private room is on no one else's board: nothing to react to.
    const selected = canvas.scene?.note(this.selection[0] ?? '')
    const oneNote = this.selection.length === 1 && selected !== undefined && !selected.look.private
    return html`
      ${oneNote && board.canEdit ? html`<div class="row">${this.#reactions(board)}</div>` : nothing}
      <div class="row" role="toolbar" aria-label="Board tools">
        ${followChip(state.following, state.left, {
          stop: () => state.stop(),
          rejoin: () => state.rejoin(),
        })}
        ${
          board.canEdit
            ? tools(
                {
                  colour: this.colour,
                  voteMode: inVote ? canvas.voteMode : null,
                  framesSelection: this.selection.some((id) => canvas.scene?.hasNote(id)),
                },
                {
                  newNote: () => newNoteAtCentre(canvas, this.colour),
                  newFrame: () => this.#newFrame(canvas),
                  pickColour: (c) => this.#pickColour(canvas, c),
                  toggleVoteMode: () => {
                    canvas.voteMode = !canvas.voteMode
                    this.requestUpdate()
                  },
                },
              )
            : nothing
        }
        ${this.#facilitation(board, canvas, scope)}
      </div>
    `
  }

  #facilitation(board: BoardController, canvas: ToolbarCanvas, scope: string | null) {
    if (board.role === 'facilitate') {
      return html`<div class="group">
        ${summonButton(() => canvas.follow.summonEveryone())}
        <sb-done-mark></sb-done-mark>
      </div>`
    }
    if (board.role !== 'edit' || scope === null) return nothing
    return html`<div class="group"><sb-done-mark></sb-done-mark></div>`
  }

  #reactions(board: BoardController): TemplateResult {
    const noteId = this.selection[0] ?? ''
    const onNote = board.derive(readReactions).get(noteId)
    const me = board.identity.id
    const mine = new Set<Reaction>()
    const counts = new Map<Reaction, number>()
    for (const [emoji, who] of onNote ?? []) {
      counts.set(emoji, who.length)
      if (who.includes(me)) mine.add(emoji)
    }
    return reactionPicker(mine, counts, (emoji) =>
      board.run(toggleReaction, { noteId, member: me, emoji }),
    )
  }

  #newFrame(canvas: ToolbarCanvas): void {
    if (this.selection.some((id) => canvas.scene?.hasNote(id))) canvas.frameSelection()
    else newFrameAtCentre(canvas)
  }

  #pickColour(canvas: ToolbarCanvas, color: string): void {
    this.colour = color
    if (this.selection.length > 0) canvas.recolourSelection(color)
  }
}

if (!customElements.get('sb-canvas-toolbar')) {
  customElements.define('sb-canvas-toolbar', SbCanvasToolbar)
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-canvas-toolbar': SbCanvasToolbar
  }
}
