/**
 * The board's notice (a refused command, a failed export, a recovered board): shown over the
 * board until dismissed, or for a few seconds. It is the controller's, so any view can post one
 * with `board.notify` and none needs to find this element.
 */
import { LitElement, css, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardNotice } from '../board/board-controller'

/** Long enough to read a sentence; a person can dismiss it sooner. */
const SHOWN_MS = 4000

export class SbBoardNotice extends LitElement {
  readonly #board = new BoardConsumer(this, (board) => board.notice)
  #timer: ReturnType<typeof setTimeout> | undefined
  #timed: BoardNotice | null = null

  static override styles = css`
    :host {
      position: absolute;
      left: 50%;
      bottom: 20px;
      transform: translateX(-50%);
      z-index: 6;
      max-width: 80%;
    }
    .box {
      display: flex;
      align-items: start;
      gap: 12px;
      background: var(--sb-ink);
      color: #fff;
      padding: 10px 16px;
      border-radius: 8px;
      box-shadow: var(--sb-shadow);
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: none;
      padding: 0 2px;
      cursor: pointer;
      opacity: 0.8;
    }
    button:hover {
      opacity: 1;
    }
  `

  override disconnectedCallback(): void {
    clearTimeout(this.#timer)
    this.#timed = null
    super.disconnectedCallback()
  }

  override updated(): void {
    const notice = this.#board.board?.notice ?? null
    if (notice === this.#timed) return
    clearTimeout(this.#timer)
    this.#timed = notice
    if (notice !== null) this.#timer = setTimeout(() => this.#dismiss(notice), SHOWN_MS)
  }

  override render() {
    const notice = this.#board.board?.notice ?? null
    if (notice === null) return null
    return html`<div class="box">
      <div class="notice" role="alert" data-testid="notice">${notice.message}</div>
      <button
        aria-label="Dismiss"
        data-testid="notice-dismiss"
        @click=${() => this.#dismiss(notice)}
      >
        ✕
      </button>
    </div>`
  }

  /** Only the notice it was shown for: a newer one gets its own full time. */
  #dismiss(notice: BoardNotice): void {
    const board = this.#board.board
    if (board?.notice === notice) board.dismissNotice()
  }
}

customElements.define('sb-board-notice', SbBoardNotice)

declare global {
  interface HTMLElementTagNameMap {
    'sb-board-notice': SbBoardNotice
  }
}
