/**
 * The facilitation phases, brainstorm → group → vote → review. Any editor may move the board
 * to another phase (there is no separate facilitator role: capability links carry no identity,
 * and a stuck session is worse than a polite race); view-link users only see where it is.
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext } from '../board/board-context'
import { observeBoardMeta } from '../board/y-observe-controller'
import { PHASES, type Phase } from '../../core/board/board-model'
import { setPhase } from '../../core/board/commands'
import { runCommand } from '../board/run-command'

export const PHASE_LABELS: Record<Phase, string> = {
  brainstorm: 'Brainstorm',
  group: 'Group',
  vote: 'Vote',
  review: 'Review',
}

export class SbPhaseBar extends LitElement {
  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })
  readonly #meta = observeBoardMeta(this, () => this.#session.value)

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
    button:hover {
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
    const session = this.#session.value
    const meta = this.#meta.value
    if (session === undefined || meta === null) return null
    const canEdit = session.role === 'edit'
    return html`<nav aria-label="Session phase">
      <ol data-testid="phase-bar" data-phase=${meta.phase}>
        ${PHASES.map((phase) => {
          const current = phase === meta.phase ? 'step' : 'false'
          return html`<li>
            ${
              canEdit
                ? html`<button
                    aria-current=${current}
                    data-phase=${phase}
                    title=${`Move everyone to ${PHASE_LABELS[phase]}`}
                    @click=${() =>
                      runCommand(this, () => setPhase(session.doc, { phase }, session.origin))}
                  >
                    ${PHASE_LABELS[phase]}
                  </button>`
                : html`<span aria-current=${current} data-phase=${phase}
                    >${PHASE_LABELS[phase]}</span
                  >`
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
