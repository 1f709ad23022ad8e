/**
 * "Suggest groups": core's text-similarity proposals listed beside the board, each with its
 * title, note count and first notes. Pointing at one (or picking it) highlights only its notes
 * on the canvas, one proposal at a time; each is applied (through a board command) or
 * dismissed, or all are applied at once. Nothing changes on the board until applied.
 */
import { LitElement, css, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import type { BoardSnapshot } from '../../core/board/board-model'
import type { GroupSuggestion } from '../../core/convert/drafts'
import { acceptGroupingProposal, acceptGroupingProposals } from '../../core/board/commands'
import { buttonStyles } from '../app/button-styles'
import { newId } from '../board/ids'
import {
  highlightedProposal,
  liveProposals,
  proposalKey,
  proposalSummary,
  proposeGroups,
  ungroupedNotes,
  withoutProposal,
} from './suggestions-model'

export class SbGroupSuggestions extends LitElement {
  static override properties = {
    proposals: { state: true },
    hovered: { state: true },
    picked: { state: true },
  }

  /** null: not asked yet; []: asked, nothing to propose. */
  declare proposals: readonly GroupSuggestion[] | null
  /** The proposal under the pointer or keyboard focus (its key). */
  declare hovered: string | null
  /** The proposal the person clicked, highlighted while nothing else is pointed at. */
  declare picked: string | null

  readonly #board = new BoardConsumer(this, (board) => board.snapshot)
  /** What the canvas was last asked to highlight ('' for nothing), so it is asked once. */
  #previewed = ''

  constructor() {
    super()
    this.proposals = null
    this.hovered = null
    this.picked = null
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
        cursor: pointer;
      }
      li[data-highlighted] {
        border-color: #7c3aed;
        box-shadow: 0 0 0 1px #7c3aed;
      }
      .head {
        display: flex;
        justify-content: space-between;
        gap: 8px;
        align-items: baseline;
      }
      .count {
        color: var(--sb-muted);
        font-size: 0.8rem;
        white-space: nowrap;
      }
      .notes {
        color: var(--sb-muted);
        font-size: 0.82rem;
        margin: 4px 0 8px;
        padding-left: 16px;
        list-style: disc;
      }
      .notes li {
        border: 0;
        padding: 0;
        margin: 0;
        cursor: inherit;
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
    this.#previewed = ''
    super.disconnectedCallback()
  }

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const snapshot = board.snapshot
    const live = liveProposals(this.proposals, snapshot)
    const lit = highlightedProposal(live, this.hovered, this.picked)
    return html`<div class="row">
        <button class="primary" data-testid="suggest-groups" @click=${this.#suggest}>
          Suggest groups
        </button>
        ${
          live !== null && live.length > 1
            ? html`<button
                data-testid="apply-all-suggestions"
                @click=${() => this.#applyAll(board)}
              >
                Apply all ${live.length}
              </button>`
            : null
        }
      </div>
      ${
        live === null
          ? null
          : live.length === 0
            ? html`<p data-testid="no-suggestions">No similar ungrouped notes to propose.</p>`
            : html`<ul data-testid="suggestions" @mouseleave=${this.#leave}>
                ${live.map((proposal) => this.#proposal(board, snapshot, proposal, proposal === lit))}
              </ul>`
      }`
  }

  override updated(): void {
    this.#preview()
  }

  #proposal(
    board: BoardController,
    snapshot: BoardSnapshot,
    proposal: GroupSuggestion,
    highlighted: boolean,
  ) {
    const key = proposalKey(proposal)
    const { count, snippets, more } = proposalSummary(proposal, snapshot)
    return html`<li
      data-suggestion=${proposal.title}
      data-note-ids=${ungroupedNotes(proposal, snapshot).join(' ')}
      data-count=${count}
      ?data-highlighted=${highlighted}
      aria-current=${highlighted ? 'true' : 'false'}
      @mouseenter=${() => (this.hovered = key)}
      @focusin=${() => (this.hovered = key)}
      @click=${() => (this.picked = this.picked === key ? null : key)}
    >
      <div class="head">
        <strong>${proposal.title}</strong>
        <span class="count">${count} notes</span>
      </div>
      <ul class="notes">
        ${snippets.map((text) => html`<li>${text}</li>`)}
        ${more > 0 ? html`<li>and ${more} more</li>` : null}
      </ul>
      <div class="row">
        <button data-action="accept" @click=${(e: Event) => this.#apply(e, board, proposal)}>
          Apply
        </button>
        <button data-action="dismiss" @click=${(e: Event) => this.#dismiss(e, proposal)}>
          Dismiss
        </button>
      </div>
    </li>`
  }

  readonly #suggest = (): void => {
    const board = this.#board.board
    if (board === undefined) return
    this.proposals = proposeGroups(board.snapshot)
    this.hovered = null
    this.picked = null
  }

  readonly #leave = (): void => {
    this.hovered = null
  }

  /** One frame, its notes laid out in it, one undo step; notes others grouped meanwhile stay out. */
  #apply(event: Event, board: BoardController, proposal: GroupSuggestion): void {
    event.stopPropagation()
    const noteIds = ungroupedNotes(proposal, board.snapshot)
    if (board.attempt(acceptGroupingProposal, { groupId: newId(), title: proposal.title, noteIds }))
      this.proposals = withoutProposal(this.proposals, proposal)
  }

  /**
   * Every proposal still live as its frame, in one command: one undo step, and a refusal (its
   * reason is shown) leaves the board and the list as they were.
   */
  #applyAll(board: BoardController): void {
    const live = (liveProposals(this.proposals, board.snapshot) ?? [])
      .map((proposal) => ({ proposal, noteIds: ungroupedNotes(proposal, board.snapshot) }))
      .filter(({ noteIds }) => noteIds.length >= 2)
    const proposals = live.map(({ proposal, noteIds }) => ({
      groupId: newId(),
      title: proposal.title,
      noteIds,
    }))
    if (proposals.length === 0 || !board.attempt(acceptGroupingProposals, { proposals })) return
    for (const { proposal } of live) this.proposals = withoutProposal(this.proposals, proposal)
  }

  #dismiss(event: Event, proposal: GroupSuggestion): void {
    event.stopPropagation()
    this.proposals = withoutProposal(this.proposals, proposal)
  }

  /** The canvas highlights the notes of the one proposal in view, and only those. */
  #preview(): void {
    const board = this.#board.board
    if (board === undefined) return
    const live = liveProposals(this.proposals, board.snapshot)
    const lit = highlightedProposal(live, this.hovered, this.picked)
    const shown = lit === null ? null : { ...lit, noteIds: ungroupedNotes(lit, board.snapshot) }
    const key = shown === null ? '' : `${shown.title}\u0001${proposalKey(shown)}`
    if (key === this.#previewed) return
    this.#previewed = key
    board.previewGroups(shown === null ? null : [shown])
  }
}

customElements.define('sb-group-suggestions', SbGroupSuggestions)

declare global {
  interface HTMLElementTagNameMap {
    'sb-group-suggestions': SbGroupSuggestions
  }
}
