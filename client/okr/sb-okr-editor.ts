/**
 * Editor: the objectives with their key results, every field editable inline and written at
 * once through the core/board commands, so everyone on the board sees each change live. Order
 * by dragging an objective or with its arrow buttons; add and delete, with undo in the
 * workspace's toolbar. The quality checklist's findings show beside the items they concern.
 */
import { LitElement, html } from 'lit'
import { createObjective } from '../../core/board/commands/okr'
import { reorderObjectives } from '../../core/board/commands/gestures'
import { readCarriedFrom } from '../../core/board/commands/retro'
import type { BoardController } from '../board/board-controller'
import { BoardConsumer } from '../board/board-consumer'
import { newId } from '../board/ids'
import { editorCards, nextOrder, type ObjectiveCard } from './editor-model'
import { okrStyles } from './okr-styles'
import { moveTo } from './reorder'
import './sb-okr-objective'
import './undo-toast'

export class SbOkrEditor extends LitElement {
  static override properties = {
    dragging: { state: true },
  }

  /** The objective whose handle is being dragged. */
  declare dragging: string | null

  readonly #board = new BoardConsumer(this)
  #cards: { inputs: readonly unknown[]; cards: ObjectiveCard[] } | null = null

  constructor() {
    super()
    this.dragging = null
  }

  static override styles = okrStyles

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const cards = this.#cardsOf(board)
    return html`<div class="row">
        <h2>Objectives and key results</h2>
        <span class="spacer"></span>
        <button
          class="primary"
          data-testid="add-objective"
          ?disabled=${!board.canEdit}
          @click=${this.#addObjective}
        >
          + Objective
        </button>
      </div>
      ${
        cards.length === 0
          ? html`<p class="empty" data-testid="editor-empty">
              No objectives yet. Convert the voted board, or add one by hand.
            </p>`
          : cards.map((card, index) => this.#objective(card, index))
      }
      <sb-undo-toast></sb-undo-toast>`
  }

  /**
   * The same cards while the board's figures are the same, so a notice or a peer joining does
   * not repaint every field of every objective.
   */
  #cardsOf(board: BoardController): ObjectiveCard[] {
    const inputs = [
      board.snapshot,
      board.okrs,
      board.diagnostics,
      board.derive(readCarriedFrom),
    ] as const
    const cached = this.#cards
    if (cached && cached.inputs.every((x, i) => x === inputs[i])) return cached.cards
    const cards = editorCards(...inputs)
    this.#cards = { inputs, cards }
    return cards
  }

  /** Dropping another objective's handle here moves that objective to this place. */
  #objective(card: ObjectiveCard, index: number) {
    const id = card.record.id
    return html`<sb-okr-objective
      class=${this.dragging !== null && this.dragging !== id ? 'drop' : ''}
      data-testid=${`objective-${id}`}
      .card=${card}
      @dragstart=${() => (this.dragging = id)}
      @dragend=${() => (this.dragging = null)}
      @dragover=${(e: DragEvent) => {
        if (this.dragging !== null) e.preventDefault()
      }}
      @drop=${(e: DragEvent) => {
        e.preventDefault()
        if (this.dragging !== null) this.#reorder(card.order, this.dragging, index)
        this.dragging = null
      }}
    ></sb-okr-objective>`
  }

  #reorder(order: readonly string[], id: string, index: number): void {
    this.#board.board?.run(reorderObjectives, { ids: moveTo(order, id, index) })
  }

  readonly #addObjective = (): void => {
    const board = this.#board.board
    if (!board) return
    // Viewing an earlier or later cycle: the new objective belongs to that one, so it shows here.
    const cycle = board.cycle
    board.run(createObjective, {
      id: newId(),
      title: 'New objective',
      order: nextOrder(board.snapshot.objectives),
      status: 'draft',
      ...(cycle && !cycle.current ? { timeframe: cycle.timeframe } : {}),
    })
  }
}

customElements.define('sb-okr-editor', SbOkrEditor)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-editor': SbOkrEditor
  }
}
