/**
 * The board's name in the top bar. Editors rename the board in place: the heading becomes an
 * input on click (or Enter), Enter or leaving the field commits, Escape leaves it as it was.
 * Everyone sees a rename as soon as it arrives, because it is the document's title.
 */
import { LitElement, css, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import { setBoardTitle } from '../../core/board/commands'
import { MAX_BOARD_TITLE, renamedTitle, shownTitle } from './board-title'
import { canFacilitate } from '../board/board-context'

export class SbBoardTitle extends LitElement {
  static override properties = {
    fallback: { type: String },
    editing: { state: true },
  }

  /** This device's cached title, shown until the document names the board. */
  declare fallback: string
  declare editing: boolean
  readonly #board = new BoardConsumer(this, (board) => board.meta.title)
  /** After Enter or Escape the keyboard goes back to the heading; after a click away it stays. */
  #refocus = false

  constructor() {
    super()
    this.fallback = ''
    this.editing = false
  }

  static override styles = css`
    :host {
      display: block;
      min-width: 0;
    }
    h1 {
      font-size: 1rem;
      margin: 0;
      max-width: 18ch;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 1px solid transparent;
      border-radius: 6px;
      padding: 2px 4px;
      margin: -3px -5px;
      max-width: 100%;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      cursor: text;
    }
    button:hover,
    button:focus-visible {
      border-color: var(--sb-line);
    }
    input {
      font: inherit;
      font-size: 1rem;
      font-weight: 700;
      width: 18ch;
      padding: 2px 4px;
      border: 1px solid var(--sb-accent, var(--sb-line));
      border-radius: 6px;
    }
  `

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('editing')) return
    if (this.editing) this.renderRoot.querySelector('input')?.select()
    else if (this.#refocus) this.renderRoot.querySelector('button')?.focus()
    this.#refocus = false
  }

  override render() {
    const board = this.#board.board
    const title = shownTitle(board?.meta.title ?? '', this.fallback)
    if (board === undefined || !canFacilitate(board)) {
      return html`<h1 data-testid="board-title">${title}</h1>`
    }
    if (this.editing) {
      return html`<input
        data-testid="board-title-edit"
        aria-label="Board title"
        maxlength=${MAX_BOARD_TITLE}
        .value=${title}
        @keydown=${(event: KeyboardEvent) => this.#onKey(board, event)}
        @blur=${(event: FocusEvent) => this.#commit(board, event.target as HTMLInputElement)}
      />`
    }
    return html`<h1 data-testid="board-title">
      <button title="Rename the board" @click=${() => (this.editing = true)}>${title}</button>
    </h1>`
  }

  #onKey(board: BoardController, event: KeyboardEvent): void {
    if (event.isComposing) return
    if (event.key === 'Enter') {
      event.preventDefault()
      this.#refocus = true
      this.#commit(board, event.target as HTMLInputElement)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      this.#refocus = true
      this.editing = false
    }
  }

  /** Runs once per edit: the input's removal blurs it again, after editing has ended. */
  #commit(board: BoardController, input: HTMLInputElement): void {
    if (!this.editing) return
    this.editing = false
    const title = renamedTitle(input.value, board.meta.title)
    if (title !== null) board.run(setBoardTitle, { title })
  }
}

customElements.define('sb-board-title', SbBoardTitle)

declare global {
  interface HTMLElementTagNameMap {
    'sb-board-title': SbBoardTitle
  }
}
