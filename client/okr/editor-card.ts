/**
 * What both editor cards (an objective, a key result) are built on: the item they show, the
 * board they write to, their field form, and the two ways they change the board — write some
 * of the item's fields, or move it among its siblings (renumbering them all, so the order
 * survives equal or missing `order` values) — and the move and delete buttons for those.
 */
import { LitElement, html } from 'lit'
import type { BoardCommand } from '../board/board-controller'
import { BoardConsumer } from '../board/board-consumer'
import { deleteButton, moveButtons } from './editor-parts'
import { movePosition } from './editor-model'
import { FieldForm } from './field-form'
import { moveTo } from './reorder'
import { deleteWithUndo } from './undo-toast'

interface Card {
  readonly record: { readonly id: string }
}

export interface CardCommands<F> {
  readonly write: BoardCommand<Partial<F> & { readonly id: string }, unknown>
  readonly reorder: BoardCommand<{ readonly ids: readonly string[] }, unknown>
  readonly remove: BoardCommand<{ readonly id: string }, unknown>
}

/** How a card's delete button names itself, and what it asks and says around a delete. */
export interface RemoveButton {
  readonly label: string
  readonly title: string
  readonly testid: string
  /** Asked before deleting something with history attached; null deletes at once. */
  readonly question: string | null
  /** The undo toast's message once it is gone. */
  readonly done: string
}

export abstract class EditorCard<C extends Card, F> extends LitElement {
  static override properties = {
    card: { attribute: false },
    confirming: { state: true },
  }

  declare card: C | null
  /** The delete button was pressed on an item with history: the question is showing. */
  declare confirming: boolean

  /** A card repaints for its own item (the editor hands a new one) or a change of role. */
  protected readonly board = new BoardConsumer(this, (b) => b.canEdit)
  protected readonly form = new FieldForm(this)

  constructor(
    private readonly commands: CardCommands<F>,
    /** The ids the card moves among, in order. */
    private readonly siblings: (card: C) => readonly string[],
  ) {
    super()
    this.card = null
    this.confirming = false
  }

  protected get canEdit(): boolean {
    return this.board.board?.canEdit ?? false
  }

  protected write(fields: Partial<F>): void {
    const id = this.card?.record.id
    if (id !== undefined) this.board.board?.run(this.commands.write, { ...fields, id })
  }

  protected reorder(index: number): void {
    const card = this.card
    if (card === null) return
    const ids = moveTo(this.siblings(card), card.record.id, index)
    this.board.board?.run(this.commands.reorder, { ids })
  }

  /** The move buttons (`what` names them: "Move key result up") and the delete button. */
  protected actions(what: string | null, remove: RemoveButton) {
    const card = this.card
    if (card === null) return null
    const id = card.record.id
    const position = movePosition(this.siblings(card), id)
    return html`${moveButtons({
      what,
      up: position.up,
      down: position.down,
      disabled: !this.canEdit,
      move: (delta) => this.reorder(position.index + delta),
    })}
    ${deleteButton(remove.label, remove.title, remove.testid, !this.canEdit, () => {
      if (remove.question === null) this.#remove(id, remove.done)
      else this.confirming = true
    })}
    ${this.confirming && remove.question !== null ? this.#confirm(id, remove) : null}`
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed)
    if (changed.has('confirming') && this.confirming) {
      this.renderRoot.querySelector<HTMLElement>('.confirm [data-keep]')?.focus()
    }
  }

  #remove(id: string, done: string): void {
    this.confirming = false
    const board = this.board.board
    if (board) deleteWithUndo(board, this.commands.remove, { id }, done)
  }

  /** Inline, beside the button: Esc or "Keep" keeps it, and focus starts on the safe choice. */
  #confirm(id: string, remove: RemoveButton) {
    const keep = () => (this.confirming = false)
    return html`<span
      class="confirm"
      role="alertdialog"
      aria-label=${remove.question}
      data-testid=${`${remove.testid}-confirm`}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && keep()}
    >
      <span>${remove.question}</span>
      <button
        class="danger"
        data-testid=${`${remove.testid}-yes`}
        @click=${() => this.#remove(id, remove.done)}
      >
        Delete
      </button>
      <button data-testid=${`${remove.testid}-keep`} data-keep @click=${keep}>Keep</button>
    </span>`
  }
}
