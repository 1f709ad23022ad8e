/**
 * <sb-tidy-button>: "Tidy up" in the canvas's bottom-left corner. It lays out the selection, or
 * the whole board when nothing is selected, without overlaps (core tidyUp: frames' notes in
 * their grids, frames and loose notes packed in reading order), as one undo step. Editors only.
 */
import { LitElement, css, html, nothing } from 'lit'
import { tidyUp } from '../../core/board/commands/tidy'
import { BoardConsumer } from '../board/board-consumer'

export class SbTidyButton extends LitElement {
  static override properties = { selection: { attribute: false } }

  static override styles = css`
    :host {
      position: absolute;
      left: 12px;
      bottom: 12px;
      z-index: 3;
    }
    button {
      font:
        13px system-ui,
        sans-serif;
      padding: 6px 10px;
      border: 1px solid #d1d5db;
      border-radius: 8px;
      background: #fff;
      color: #1f2937;
      box-shadow: 0 2px 10px rgba(0, 0, 0, 0.15);
      cursor: pointer;
    }
    button:hover {
      background: #f3f4f6;
    }
    button:focus-visible {
      outline: 2px solid #2563eb;
      outline-offset: 1px;
    }
  `

  /** The canvas's selection (note and frame ids); empty tidies the whole board. */
  declare selection: readonly string[]

  readonly #board = new BoardConsumer(this, (board) => board.canEdit)

  constructor() {
    super()
    this.selection = []
  }

  protected override render() {
    if (this.#board.board?.canEdit !== true) return nothing
    const some = this.selection.length > 0
    return html`<button
      type="button"
      data-testid="tidy-up"
      title=${
        some ? 'Lay out the selection without overlaps' : 'Lay out the whole board without overlaps'
      }
      @click=${() => this.#tidy()}
    >
      ${some ? 'Tidy selection' : 'Tidy up'}
    </button>`
  }

  #tidy(): void {
    const board = this.#board.board
    if (!board) return
    // Its own undo step, apart from whatever the person did just before or does next.
    board.newUndoStep()
    board.run(tidyUp, this.selection.length > 0 ? { ids: [...this.selection] } : {})
    board.newUndoStep()
  }
}

if (!customElements.get('sb-tidy-button')) customElements.define('sb-tidy-button', SbTidyButton)

declare global {
  interface HTMLElementTagNameMap {
    'sb-tidy-button': SbTidyButton
  }
}
