/**
 * <sb-sealed-notes>: the strip along the top of the canvas that shows others' hidden work during
 * a private brainstorm and a sealed vote: one blank card per hidden note, per person, and how
 * many dots have been cast. The cards are not on the canvas: they cannot be selected, dragged,
 * typed into or deleted, because there is nothing on this device behind them.
 */
import { LitElement, css, html, nothing } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import { othersSealed } from '../board/private-view'
import { sealedView, type SealedView } from './sealed-model'
import { BLANK_FILL } from './note-node'

export class SbSealedNotes extends LitElement {
  readonly #board = new BoardConsumer(this, (board) => board.version)

  static override styles = css`
    :host {
      position: absolute;
      top: 8px;
      left: 8px;
      right: 8px;
      display: flex;
      flex-wrap: wrap;
      /* Right-aligned: the list view opens over the canvas's left side. */
      justify-content: flex-end;
      gap: 8px;
      pointer-events: none;
      z-index: 1;
    }
    .person {
      display: flex;
      align-items: center;
      gap: 4px;
      padding: 4px 8px;
      border-radius: 6px;
      background: rgb(255 255 255 / 0.9);
      box-shadow: 0 1px 2px rgb(0 0 0 / 0.15);
      font-size: 0.8rem;
      color: #374151;
    }
    .card {
      width: 24px;
      height: 24px;
      border: 1px dashed #9ca3af;
      border-radius: 2px;
    }
  `

  override render() {
    const board = this.#board.board
    if (board === undefined) return nothing
    const snapshot = board.snapshot
    const view: SealedView = sealedView(othersSealed(board), snapshot.members ?? [], snapshot.meta)
    return html`${view.rows.map(
      (row) =>
        html`<div
          class="person"
          data-testid="sealed-notes"
          data-member=${row.memberId}
          data-count=${row.notes}
          aria-label=${row.label}
          title=${row.label}
        >
          ${Array.from(
            { length: row.cards },
            () =>
              html`<span
                class="card"
                data-testid="sealed-card"
                style=${`background:${BLANK_FILL}`}
              ></span>`,
          )}
          <span>${row.name} · ${row.notes} hidden</span>
        </div>`,
    )}
    ${
      view.dotsCast === null
        ? nothing
        : html`<div class="person" data-testid="sealed-dots">${view.dotsCast}</div>`
    }`
  }
}

if (!customElements.get('sb-sealed-notes')) customElements.define('sb-sealed-notes', SbSealedNotes)

declare global {
  interface HTMLElementTagNameMap {
    'sb-sealed-notes': SbSealedNotes
  }
}
