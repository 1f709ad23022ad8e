/**
 * "Suggest groups": core's text-similarity proposals, previewed on the canvas, each accepted
 * (through board commands) or dismissed. Nothing changes on the board until accepted.
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext, type BoardSession } from '../board/board-context'
import { observeBoardSnapshot } from '../board/y-observe-controller'
import type { BoardSnapshot } from '../../core/board/board-model'
import type { GroupSuggestion } from '../../core/convert/drafts'
import { isNoteHidden } from '../../core/board/visibility'
import { suggestGroups } from '../../core/grouping/suggest-groups'
import { acceptProposal } from '../board/group-layout'
import { runCommand } from '../board/run-command'
import { canvasElement } from '../canvas/canvas-api'
import { noteLabel } from '../board/board-labels'
import { buttonStyles } from '../app/button-styles'
import { newId } from '../board/ids'

const key = (proposal: GroupSuggestion): string => proposal.noteIds.join('\u0000')

export class SbGroupSuggestions extends LitElement {
  static override properties = {
    proposals: { state: true },
  }

  /** null: not asked yet; []: asked, nothing to propose. */
  declare proposals: readonly GroupSuggestion[] | null

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })
  readonly #board = observeBoardSnapshot(this, () => this.#session.value)

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
    canvasElement(this.#canvasRoot())?.previewGroups(null)
    super.disconnectedCallback()
  }

  override render() {
    const session = this.#session.value
    const board = this.#board.value
    if (session === undefined || board === null) return null
    const live = this.#live(board)
    return html`<button
        class="primary"
        data-testid="suggest-groups"
        @click=${() => this.#suggest(session, board)}
      >
        Suggest groups
      </button>
      ${
        live === null
          ? null
          : live.length === 0
            ? html`<p data-testid="no-suggestions">No similar ungrouped notes to propose.</p>`
            : html`<ul data-testid="suggestions">
                ${live.map(
                  (proposal) =>
                    html`<li
                      data-suggestion=${proposal.title}
                      data-note-ids=${proposal.noteIds.join(' ')}
                    >
                      <strong>${proposal.title}</strong>
                      <p class="notes">
                        ${proposal.noteIds
                          .map((id) => board.notes.find((n) => n.id === id))
                          .map((note) => (note ? noteLabel(note, board, session.identity.id) : ''))
                          .filter(Boolean)
                          .join(' · ')}
                      </p>
                      <div class="row">
                        <button
                          data-action="accept"
                          @click=${() => this.#accept(session, board, proposal)}
                        >
                          Accept
                        </button>
                        <button data-action="dismiss" @click=${() => this.#dismiss(proposal)}>
                          Dismiss
                        </button>
                      </div>
                    </li>`,
                )}
              </ul>`
      }`
  }

  /** Proposals whose notes are still ungrouped (the board moves on while they are shown). */
  #live(board: BoardSnapshot): readonly GroupSuggestion[] | null {
    if (this.proposals === null) return null
    const free = new Set(board.notes.filter((n) => n.groupId === null).map((n) => n.id))
    return this.proposals.filter((p) => p.noteIds.filter((id) => free.has(id)).length >= 2)
  }

  #suggest(session: BoardSession, board: BoardSnapshot): void {
    // Hidden notes stay private: their words must not surface in a proposal's title.
    const visible = board.notes.filter((n) => !isNoteHidden(n, board.meta, session.identity.id))
    this.proposals = suggestGroups(visible)
    this.#preview()
  }

  #accept(session: BoardSession, board: BoardSnapshot, proposal: GroupSuggestion): void {
    runCommand(this, () => acceptProposal(session.doc, proposal, board, newId(), session.origin))
    this.#dismiss(proposal)
  }

  #dismiss(proposal: GroupSuggestion): void {
    this.proposals = (this.proposals ?? []).filter((p) => key(p) !== key(proposal))
    this.#preview()
  }

  #preview(): void {
    const canvas = canvasElement(this.#canvasRoot())
    const proposals = this.proposals ?? []
    canvas?.previewGroups(proposals.length > 0 ? proposals : null)
  }

  /** The canvas lives in the board view's shadow root, above this panel. */
  #canvasRoot(): ParentNode {
    const root = this.getRootNode()
    const host = root instanceof ShadowRoot ? root.host.getRootNode() : document
    return host instanceof ShadowRoot || host instanceof Document ? host : document
  }
}

customElements.define('sb-group-suggestions', SbGroupSuggestions)

declare global {
  interface HTMLElementTagNameMap {
    'sb-group-suggestions': SbGroupSuggestions
  }
}
