/**
 * "Deleted objective “Cut churn”. Undo": the toast a destructive editor action leaves behind.
 * Undo reverts exactly that deletion, so it is offered only while the deletion is still this
 * person's latest undo step: a newer local change (which Ctrl+Z would revert first) takes the
 * toast away instead of undoing the wrong thing. Peers' changes never enter the local undo
 * stack, so they do not take it away.
 */
import { LitElement, css, html } from 'lit'
import type { BoardCommand, BoardController } from '../board/board-controller'
import { isLatestStep, onNewStep, runAsStep, undoStep, type UndoStep } from '../board/undo-steps'

/** Long enough to notice a mistake and reach the button. */
const SHOWN_MS = 8000

interface Offer {
  readonly message: string
  readonly step: UndoStep
}

const offers = new EventTarget()
let current: Offer | null = null

function setOffer(offer: Offer | null): void {
  current = offer
  offers.dispatchEvent(new Event('change'))
}

/**
 * Runs a delete as its own undo step and offers to undo it. Returns whether the command went
 * through (a refused one wrote nothing, and its reason is the board's notice).
 *
 * @example
 * deleteWithUndo(board, deleteObjective, { id }, 'Deleted objective “Cut churn”.')
 */
export function deleteWithUndo<A>(
  board: BoardController,
  command: BoardCommand<A, unknown>,
  args: A,
  message: string,
): boolean {
  const step = runAsStep(board, command, args)
  if (step !== null) setOffer({ message, step })
  return step !== null
}

export class SbUndoToast extends LitElement {
  #timer: ReturnType<typeof setTimeout> | undefined
  #watched: { board: BoardController; stop: () => void } | null = null

  static override styles = css`
    :host {
      position: fixed;
      left: 50%;
      bottom: 24px;
      transform: translateX(-50%);
      z-index: 20;
    }
    .box {
      display: flex;
      align-items: center;
      gap: 14px;
      background: var(--sb-ink, #111827);
      color: #fff;
      padding: 10px 16px;
      border-radius: 8px;
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: none;
      cursor: pointer;
    }
    .undo {
      font-weight: 700;
      text-decoration: underline;
    }
  `

  override connectedCallback(): void {
    super.connectedCallback()
    offers.addEventListener('change', this.#onOffer)
    this.#onOffer()
  }

  override disconnectedCallback(): void {
    offers.removeEventListener('change', this.#onOffer)
    this.#watch(null)
    clearTimeout(this.#timer)
    super.disconnectedCallback()
  }

  override render() {
    const offer = current
    if (offer === null) return null
    return html`<div class="box" role="status" data-testid="undo-toast">
      <span>${offer.message}</span>
      <button class="undo" data-testid="undo-toast-undo" @click=${() => this.#undo(offer)}>
        Undo
      </button>
      <button aria-label="Dismiss" @click=${() => setOffer(null)}>✕</button>
    </div>`
  }

  readonly #onOffer = (): void => {
    clearTimeout(this.#timer)
    const offer = current
    this.#watch(offer?.step.board ?? null)
    if (offer !== null)
      this.#timer = setTimeout(() => current === offer && setOffer(null), SHOWN_MS)
    this.requestUpdate()
  }

  #watch(board: BoardController | null): void {
    if (board === (this.#watched?.board ?? null)) return
    this.#watched?.stop()
    this.#watched = board === null ? null : { board, stop: onNewStep(board, this.#onStep) }
  }

  /** A newer local step: Undo would no longer revert the deletion alone. */
  readonly #onStep = (): void => {
    if (current && !isLatestStep(current.step)) setOffer(null)
  }

  #undo(offer: Offer): void {
    undoStep(offer.step)
    setOffer(null)
  }
}

customElements.define('sb-undo-toast', SbUndoToast)

declare global {
  interface HTMLElementTagNameMap {
    'sb-undo-toast': SbUndoToast
  }
}
