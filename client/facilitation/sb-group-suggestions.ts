/**
 * "Suggest groups": core's text-similarity proposals, previewed on the canvas, each accepted
 * (through board commands) or dismissed. Nothing changes on the board until accepted.
 */
import { LitElement, css, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import type { BoardSnapshot } from '../../core/board/board-model'
import type { GroupSuggestion } from '../../core/convert/drafts'
import { acceptGroupingProposal } from '../../core/board/commands'
import { buttonStyles } from '../app/button-styles'
import { newId } from '../board/ids'
import { liveProposals, proposalNotes, proposeGroups, withoutProposal } from './suggestions-model'

export class SbGroupSuggestions extends LitElement {
  static override properties = {
    proposals: { state: true },
  }

  /** null: not asked yet; []: asked, nothing to propose. */
  declare proposals: readonly GroupSuggestion[] | null

  readonly #board = new BoardConsumer(this, (board) => board.snapshot)

  constructor() {
    super()
    this.proposals = null
  }

  // Shared first: the rules below still win over it, as when they were written out here.
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
        margin-top: 10px;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 10px 0 0;
      }
      li {
        border: 1px solid var(--sb-line);
        border-radius: 8px;
        padding: 10px;
        margin-bottom: 8px;
      }
      strong {
        display: block;
        margin-bottom: 4px;
      }
      .notes {
        color: var(--sb-muted);
        font-size: 0.82rem;
        margin: 0 0 8px;
      }
      .row {
        display: flex;
        gap: 6px;
      }
      p {
        color: var(--sb-muted);
      }
    `,
  ]

  override disconnectedCallback(): void {
    this.#board.board?.previewGroups(null)
    super.disconnectedCallback()
  }

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const snapshot = board.snapshot
    const live = liveProposals(this.proposals, snapshot)
    return html`<button class="primary" data-testid="suggest-groups" @click=${this.#suggest}>
        Suggest groups
      </button>
      ${
        live === null
          ? null
          : live.length === 0
            ? html`<p data-testid="no-suggestions">No similar ungrouped notes to propose.</p>`
            : html`<ul data-testid="suggestions">
                ${live.map((proposal) => this.#proposal(board, snapshot, proposal))}
              </ul>`
      }`
  }

  #proposal(board: BoardController, snapshot: BoardSnapshot, proposal: GroupSuggestion) {
    return html`<li data-suggestion=${proposal.title} data-note-ids=${proposal.noteIds.join(' ')}>
      <strong>${proposal.title}</strong>
      <p class="notes">${proposalNotes(proposal, snapshot)}</p>
      <div class="row">
        <button data-action="accept" @click=${() => this.#accept(board, proposal)}>Accept</button>
        <button data-action="dismiss" @click=${() => this.#dismiss(proposal)}>Dismiss</button>
      </div>
    </li>`
  }

  readonly #suggest = (): void => {
    const board = this.#board.board
    if (board === undefined) return
    this.proposals = proposeGroups(board.snapshot)
    this.#preview()
  }

  /** One frame, its notes tidied into it, one undo step; the notes others grouped meanwhile stay out. */
  #accept(board: BoardController, proposal: GroupSuggestion): void {
    const { title, noteIds } = proposal
    board.run(acceptGroupingProposal, { groupId: newId(), title, noteIds })
    this.#dismiss(proposal)
  }

  #dismiss(proposal: GroupSuggestion): void {
    this.proposals = withoutProposal(this.proposals, proposal)
    this.#preview()
  }

  /** The canvas outlines what is on offer, so the person sees where each group would go. */
  #preview(): void {
    const proposals = this.proposals ?? []
    this.#board.board?.previewGroups(proposals.length > 0 ? proposals : null)
  }
}

customElements.define('sb-group-suggestions', SbGroupSuggestions)

declare global {
  interface HTMLElementTagNameMap {
    'sb-group-suggestions': SbGroupSuggestions
  }
}
