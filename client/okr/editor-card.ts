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

interface Card {
  readonly record: { readonly id: string }
}

export interface CardCommands<F> {
  readonly write: BoardCommand<Partial<F> & { readonly id: string }, unknown>
  readonly reorder: BoardCommand<{ readonly ids: readonly string[] }, unknown>
  readonly remove: BoardCommand<{ readonly id: string }, unknown>
}

/** How a card's delete button names itself. */
export interface RemoveButton {
  readonly label: string
  readonly title: string
  readonly testid: string
}

export abstract class EditorCard<C extends Card, F> extends LitElement {
  static override properties = {
    card: { attribute: false },
  }

  declare card: C | null

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
    ${deleteButton(remove.label, remove.title, remove.testid, !this.canEdit, () =>
      this.board.board?.run(this.commands.remove, { id }),
    )}`
  }
}
