/**
 * The facilitation phases, brainstorm → group → vote → review. Any editor may move the board
 * to another phase (there is no separate facilitator role: capability links carry no identity,
 * and a stuck session is worse than a polite race); view-link users only see where it is.
 */
import { LitElement, css, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import { setPhase } from '../../core/board/commands'
import { phaseSteps } from './phase-steps'
import { canFacilitate } from '../board/board-context'

export class SbPhaseBar extends LitElement {
  readonly #board = new BoardConsumer(this, (board) => board.meta.phase)

  static override styles = css`
    ol {
      display: flex;
      list-style: none;
      margin: 0;
      padding: 2px;
      gap: 2px;
      background: #f3f4f6;
      border-radius: 999px;
      counter-reset: phase;
    }
    button,
    span {
      font: inherit;
      font-size: 0.82rem;
      border: none;
      background: transparent;
      padding: 5px 12px;
      border-radius: 999px;
      color: var(--sb-muted);
      display: inline-block;
    }
    button {
      cursor: pointer;
    }
    /* Only the other steps darken on hover: the current one is dark already, text white. */
    button:not([aria-current='step']):hover {
      color: var(--sb-ink);
    }
    [aria-current='step'] {
      background: var(--sb-ink);
      color: #fff;
    }
    button:focus-visible {
      outline: 2px solid var(--sb-accent);
      outline-offset: 1px;
    }
  `

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const phase = board.meta.phase
    return html`<nav aria-label="Session phase">
      <ol data-testid="phase-bar" data-phase=${phase}>
        ${phaseSteps(phase, canFacilitate(board)).map((step) => {
          const current = step.current ? 'step' : 'false'
          return html`<li>
            ${
              step.selectable
                ? html`<button
                    aria-current=${current}
                    data-phase=${step.phase}
                    title=${step.hint}
                    @click=${() => board.run(setPhase, { phase: step.phase })}
                  >
                    ${step.label}
                  </button>`
                : html`<span aria-current=${current} data-phase=${step.phase}>${step.label}</span>`
            }
          </li>`
        })}
      </ol>
    </nav>`
  }
}

customElements.define('sb-phase-bar', SbPhaseBar)

declare global {
  interface HTMLElementTagNameMap {
    'sb-phase-bar': SbPhaseBar
  }
}
