/**
 * The side panel for the current phase: private-brainstorm reveal, grouping suggestions, the
 * dot-voting budget and, once revealed, the counts and ranking.
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext, type BoardSession } from '../board/board-context'
import { observeBoardSnapshot } from '../board/y-observe-controller'
import type { BoardSnapshot } from '../../core/board/board-model'
import { isNoteHidden } from '../../core/board/visibility'
import { ranking, remainingVotes } from '../../core/board/vote-tally'
import {
  castVote,
  retractVote,
  revealNotes,
  revealVotes,
  setVoteBudget,
} from '../../core/board/commands'
import { runCommand } from '../board/run-command'
import { dotsLeftLabel, targetLabel } from '../board/board-labels'
import { PHASE_LABELS } from './sb-phase-bar'
import './sb-group-suggestions'
import { buttonStyles } from '../app/button-styles'

export class SbFacilitationPanel extends LitElement {
  static override properties = {
    selection: { attribute: false },
  }

  /** The canvas selection, so dots can go on what the person just clicked. */
  declare selection: readonly string[]

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })
  readonly #board = observeBoardSnapshot(this, () => this.#session.value)

  constructor() {
    super()
    this.selection = []
  }

  // Shared first: the rules below still win over it, as when they were written out here.
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
        padding: 16px;
        font-size: 0.9rem;
      }
      h2 {
        font-size: 0.95rem;
        margin: 0 0 8px;
      }
      .eyebrow {
        margin: 0 0 12px;
        font-size: 0.72rem;
        text-transform: uppercase;
        letter-spacing: 0.08em;
      }
      .row + h2,
      p + h2 {
        margin-top: 16px;
      }
      section + section {
        margin-top: 20px;
        padding-top: 16px;
        border-top: 1px solid var(--sb-line);
      }
      p {
        margin: 6px 0;
        color: var(--sb-muted);
        line-height: 1.4;
      }
      .budget {
        font-size: 1.1rem;
        font-weight: 700;
        color: var(--sb-ink);
      }
      .dots {
        display: flex;
        gap: 4px;
        margin: 6px 0 10px;
      }
      .dot {
        width: 14px;
        height: 14px;
        border-radius: 50%;
        background: #e11d48;
      }
      .dot.used {
        background: #e5e7eb;
      }
      button:disabled {
        opacity: 0.5;
        cursor: default;
      }
      ol,
      ul {
        margin: 8px 0 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 6px 0;
      }
      .rank {
        width: 1.6em;
        color: var(--sb-muted);
        font-variant-numeric: tabular-nums;
      }
      .label {
        flex: 1;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .count {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .row {
        display: flex;
        gap: 6px;
        align-items: center;
        flex-wrap: wrap;
      }
      input[type='number'] {
        width: 4em;
        font: inherit;
        padding: 4px;
      }
    `,
  ]

  override render() {
    const session = this.#session.value
    const board = this.#board.value
    if (session === undefined || board === null) return null
    const phase = board.meta.phase
    return html`<p class="eyebrow" data-testid="panel-phase">Phase: ${PHASE_LABELS[phase]}</p>
      ${phase === 'brainstorm' ? this.#brainstorm(session, board) : null}
      ${phase === 'group' ? this.#group(session, board) : null}
      ${phase === 'vote' || phase === 'review' ? this.#votes(session, board) : null}
      ${
        phase !== 'brainstorm' && !board.meta.notesRevealed
          ? this.#brainstorm(session, board)
          : null
      }`
  }

  #brainstorm(session: BoardSession, board: BoardSnapshot) {
    const me = session.identity.id
    const hidden = board.notes.filter((note) => isNoteHidden(note, board.meta, me)).length
    const mine = board.notes.filter((note) => note.author === me).length
    return html`<section aria-labelledby="brainstorm">
      <h2 id="brainstorm">Private brainstorm</h2>
      ${
        board.meta.notesRevealed
          ? html`<p>Everyone's notes are visible.</p>`
          : html`<p data-testid="hidden-count" data-hidden=${hidden}>
              You wrote ${mine} ${mine === 1 ? 'note' : 'notes'}.
              ${
                hidden === 0
                  ? 'No notes from others yet.'
                  : `${hidden} ${hidden === 1 ? 'note' : 'notes'} from others stay blank until revealed.`
              }
            </p>`
      }
      ${
        session.role === 'edit'
          ? html`<button
              data-testid="reveal-notes"
              class=${board.meta.notesRevealed ? '' : 'primary'}
              @click=${() =>
                runCommand(this, () =>
                  revealNotes(session.doc, { revealed: !board.meta.notesRevealed }, session.origin),
                )}
            >
              ${board.meta.notesRevealed ? 'Hide notes again' : 'Reveal all notes'}
            </button>`
          : null
      }
    </section>`
  }

  #group(session: BoardSession, board: BoardSnapshot) {
    const ungrouped = board.notes.filter((note) => note.groupId === null).length
    return html`<section aria-labelledby="grouping">
      <h2 id="grouping">Grouping</h2>
      <p>
        ${board.groups.length} ${board.groups.length === 1 ? 'group' : 'groups'}, ${ungrouped}
        ungrouped ${ungrouped === 1 ? 'note' : 'notes'}. Drag notes into a frame to group them.
      </p>
      ${session.role === 'edit' ? html`<sb-group-suggestions></sb-group-suggestions>` : null}
    </section>`
  }

  #votes(session: BoardSession, board: BoardSnapshot) {
    const me = session.identity.id
    const budget = board.meta.voteBudget
    const left = remainingVotes(board.tally, me, budget)
    const mine = board.tally.byVoter.get(me) ?? new Map<string, number>()
    const canEdit = session.role === 'edit'
    const selected = this.selection.filter((id) => targetLabel(id, board, me) !== '')
    return html`<section aria-labelledby="voting">
        <h2 id="voting">Dot voting</h2>
        ${
          canEdit
            ? html`<div
                  class="budget"
                  data-testid="vote-budget"
                  data-left=${left}
                  data-budget=${budget}
                >
                  ${dotsLeftLabel(left, budget)}
                </div>
                <div class="dots" aria-hidden="true">
                  ${Array.from(
                    { length: Math.min(budget, 20) },
                    (_, i) => html`<span class="dot ${i < left ? '' : 'used'}"></span>`,
                  )}
                </div>
                ${
                  selected.length > 0
                    ? html`<div class="row">
                        <button
                          class="primary"
                          data-testid="vote-selection"
                          ?disabled=${left < selected.length}
                          @click=${() => this.#voteOn(session, selected)}
                        >
                          Put a dot on
                          ${selected.length === 1 ? 'the selected note' : `${selected.length} selected`}
                        </button>
                      </div>`
                    : html`<p>Select a note on the board or use the list view to vote.</p>`
                }`
            : html`<p>View-only link: you can follow the vote but not cast dots.</p>`
        }
        ${
          mine.size > 0
            ? html`<h2>Your dots</h2>
                <ul data-testid="my-votes">
                  ${[...mine].map(
                    ([targetId, count]) =>
                      html`<li data-target-id=${targetId}>
                        <span class="label">${targetLabel(targetId, board, me)}</span>
                        <span class="count">${count}</span>
                        ${
                          canEdit
                            ? html`<button
                                aria-label=${`Take a dot back from ${targetLabel(targetId, board, me)}`}
                                @click=${() =>
                                  runCommand(this, () =>
                                    retractVote(
                                      session.doc,
                                      { voterId: me, targetId },
                                      session.origin,
                                    ),
                                  )}
                              >
                                −
                              </button>`
                            : null
                        }
                      </li>`,
                  )}
                </ul>`
            : null
        }
      </section>
      ${this.#results(session, board)}`
  }

  #results(session: BoardSession, board: BoardSnapshot) {
    const me = session.identity.id
    const canEdit = session.role === 'edit'
    const revealed = board.meta.votesRevealed
    const ranked = revealed ? ranking(board.tally) : []
    return html`<section aria-labelledby="results">
      <h2 id="results">Results</h2>
      ${
        revealed
          ? ranked.length === 0
            ? html`<p>No dots yet.</p>`
            : html`<ol data-testid="ranking">
                ${ranked.map(
                  (row) =>
                    html`<li
                      data-target-id=${row.targetId}
                      data-votes=${row.votes}
                      data-rank=${row.rank}
                    >
                      <span class="rank">${row.rank}.</span>
                      <span class="label">${targetLabel(row.targetId, board, me)}</span>
                      <span class="count">${row.votes}</span>
                    </li>`,
                )}
              </ol>`
          : html`<p data-testid="votes-hidden">
              Votes stay hidden until they are revealed, so nobody follows the crowd.
            </p>`
      }
      ${
        canEdit
          ? html`<div class="row">
              <button
                data-testid="reveal-votes"
                class=${revealed ? '' : 'primary'}
                @click=${() =>
                  runCommand(this, () =>
                    revealVotes(session.doc, { revealed: !revealed }, session.origin),
                  )}
              >
                ${revealed ? 'Hide votes' : 'Reveal votes'}
              </button>
              <label
                >Dots each
                <input
                  type="number"
                  min="0"
                  max="100"
                  data-testid="vote-budget-input"
                  .value=${String(board.meta.voteBudget)}
                  @change=${(event: Event) => {
                    const budget = Number((event.target as HTMLInputElement).value)
                    runCommand(this, () => setVoteBudget(session.doc, { budget }, session.origin))
                  }}
              /></label>
            </div>`
          : null
      }
    </section>`
  }

  #voteOn(session: BoardSession, targets: readonly string[]): void {
    for (const targetId of targets) {
      const done = runCommand(this, () => {
        castVote(session.doc, { voterId: session.identity.id, targetId }, session.origin)
        return true
      })
      if (done !== true) return
    }
  }
}

customElements.define('sb-facilitation-panel', SbFacilitationPanel)

declare global {
  interface HTMLElementTagNameMap {
    'sb-facilitation-panel': SbFacilitationPanel
  }
}
