/**
 * The side panel for the current phase: private-brainstorm reveal, grouping suggestions, the
 * dot-voting budget and, once revealed, the counts and ranking.
 */
import { LitElement, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import type { BoardSnapshot } from '../../core/board/board-model'
import { revealNotes } from '../../core/board/commands'
import { PHASE_LABELS } from './phase-steps'
import {
  brainstormView,
  groupingSummary,
  panelSections,
  resultsView,
  votingView,
} from './panel-model'
import { resultsSection, votingSection } from './vote-sections'
import { panelStyles } from './panel-styles'
import { buttonStyles } from '../app/button-styles'
import './sb-group-suggestions'
import { canFacilitate } from '../board/board-context'
import { othersSealed } from '../board/private-view'
import { personalLinkSection } from './personal-link'
import { sealedTotals } from '../../core/board/visibility'

export class SbFacilitationPanel extends LitElement {
  static override properties = {
    selection: { attribute: false },
  }

  /** The canvas selection, so dots can go on what the person just clicked. */
  declare selection: readonly string[]

  readonly #board = new BoardConsumer(this, (board) => board.snapshot)

  constructor() {
    super()
    this.selection = []
  }

  // Shared first: the panel's own rules still win over it.
  static override styles = [buttonStyles, panelStyles]

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const snapshot = board.snapshot
    const me = board.identity.id
    const sections = panelSections(snapshot.meta.phase, snapshot.meta.notesRevealed)
    const brainstorm = sections.brainstorm === null ? null : this.#brainstorm(board, snapshot)
    return html`<p class="eyebrow" data-testid="panel-phase">
        Phase: ${PHASE_LABELS[snapshot.meta.phase]}
      </p>
      ${sections.brainstorm === 'first' ? brainstorm : null}
      ${sections.grouping ? this.#grouping(board, snapshot) : null}
      ${
        sections.voting
          ? html`${votingSection(board, votingView(snapshot, me, this.selection))}
            ${resultsSection(board, resultsView(snapshot), snapshot.meta.voteBudget)}`
          : null
      }
      ${sections.brainstorm === 'last' ? brainstorm : null}`
  }

  #brainstorm(board: BoardController, snapshot: BoardSnapshot) {
    const othersHidden = sealedTotals(othersSealed(board)).notes
    const view = brainstormView(snapshot, board.identity.id, othersHidden)
    return html`<section aria-labelledby="brainstorm">
      <h2 id="brainstorm">Private brainstorm</h2>
      ${
        view.revealed
          ? html`<p>${view.summary}</p>`
          : html`<p data-testid="hidden-count" data-hidden=${view.hidden}>${view.summary}</p>`
      }
      ${
        canFacilitate(board)
          ? html`<button
              data-testid="reveal-notes"
              class=${view.revealed ? '' : 'primary'}
              @click=${() => board.run(revealNotes, { revealed: !view.revealed })}
            >
              ${view.toggleLabel}
            </button>`
          : null
      }
      ${view.revealed ? null : personalLinkSection(board)}
    </section>`
  }

  #grouping(board: BoardController, snapshot: BoardSnapshot) {
    return html`<section aria-labelledby="grouping">
      <h2 id="grouping">Grouping</h2>
      <p>${groupingSummary(snapshot)}</p>
      ${board.canEdit ? html`<sb-group-suggestions></sb-group-suggestions>` : null}
    </section>`
  }
}

customElements.define('sb-facilitation-panel', SbFacilitationPanel)

declare global {
  interface HTMLElementTagNameMap {
    'sb-facilitation-panel': SbFacilitationPanel
  }
}
