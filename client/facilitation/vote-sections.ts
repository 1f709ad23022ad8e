/** The panel's dot-voting and results sections, drawn from their view models (panel-model.ts). */
import { html } from 'lit'
import type { BoardController } from '../board/board-controller'
import { castVote, retractVote, revealVotes, setVoteBudget } from '../../core/board/commands'
import type { ResultRow, ResultsView, VotingView } from './panel-model'
import { canFacilitate } from '../board/board-context'

export function votingSection(board: BoardController, view: VotingView) {
  return html`<section aria-labelledby="voting">
    <h2 id="voting">Dot voting</h2>
    ${
      board.canEdit
        ? budgetAndSelection(board, view)
        : html`<p>View-only link: you can follow the vote but not cast dots.</p>`
    }
    ${view.mine.length > 0 ? myDots(board, view) : null}
  </section>`
}

function budgetAndSelection(board: BoardController, view: VotingView) {
  return html`<div
      class="budget"
      data-testid="vote-budget"
      data-left=${view.left}
      data-budget=${view.budget}
    >
      ${view.budgetLabel}
    </div>
    <div class="dots" aria-hidden="true">
      ${view.dots.map((open) => html`<span class="dot ${open ? '' : 'used'}"></span>`)}
    </div>
    ${
      view.selected.length > 0
        ? html`<div class="row">
            <button
              class="primary"
              data-testid="vote-selection"
              ?disabled=${!view.canVoteSelection}
              @click=${() => voteOn(board, view.selected)}
            >
              Put a dot on ${view.voteLabel}
            </button>
          </div>`
        : html`<p>Select a note on the board or use the list view to vote.</p>`
    }`
}

function myDots(board: BoardController, view: VotingView) {
  const voterId = board.identity.id
  return html`<h2>Your dots</h2>
    <ul data-testid="my-votes">
      ${view.mine.map(
        (dot) =>
          html`<li data-target-id=${dot.targetId}>
            <span class="label">${dot.label}</span>
            <span class="count">${dot.count}</span>
            ${
              board.canEdit
                ? html`<button
                    aria-label=${`Take a dot back from ${dot.label}`}
                    @click=${() => board.run(retractVote, { voterId, targetId: dot.targetId })}
                  >
                    −
                  </button>`
                : null
            }
          </li>`,
      )}
    </ul>`
}

/** One dot each, stopping at the first refusal so the person reads one notice, not several. */
function voteOn(board: BoardController, targets: readonly string[]): void {
  const voterId = board.identity.id
  for (const targetId of targets) {
    if (!board.attempt(castVote, { voterId, targetId })) return
  }
}

export function resultsSection(board: BoardController, view: ResultsView, budget: number) {
  return html`<section aria-labelledby="results">
    <h2 id="results">Results</h2>
    ${
      !view.revealed
        ? html`<p data-testid="votes-hidden">
            Votes stay hidden until they are revealed, so nobody follows the crowd.
          </p>`
        : view.rows.length === 0
          ? html`<p>No dots yet.</p>`
          : html`<ol data-testid="ranking">
              ${view.rows.map(rankedRow)}
            </ol>`
    }
    ${canFacilitate(board) ? resultControls(board, view, budget) : null}
  </section>`
}

/**
 * One ranked group or loose note. A group's dots breakdown is an ARIA list rather than a nested
 * <ul>, so the ranking's own items stay the ranked rows (what tests and screen readers count).
 */
function rankedRow(row: ResultRow) {
  return html`<li
    class="ranked"
    data-kind=${row.kind}
    data-target-id=${row.targetId}
    data-votes=${row.votes}
    data-rank=${row.rank}
  >
    <span class="rank">${row.rank}.</span>
    <span class="label">${row.label}</span>
    <span class="count">${row.votes}</span>
    ${
      row.breakdown.length === 0
        ? null
        : html`<div class="breakdown" role="list" aria-label=${`Dots in ${row.label}`}>
            ${row.breakdown.map(
              (dots) =>
                html`<span role="listitem" data-target-id=${dots.targetId} data-votes=${dots.votes}>
                  <span class="label">${dots.label}</span>
                  <span class="count">${dots.votes}</span>
                </span>`,
            )}
          </div>`
    }
  </li>`
}

function resultControls(board: BoardController, view: ResultsView, budget: number) {
  return html`<div class="row">
    <button
      data-testid="reveal-votes"
      class=${view.revealed ? '' : 'primary'}
      @click=${() => board.run(revealVotes, { revealed: !view.revealed })}
    >
      ${view.toggleLabel}
    </button>
    <label
      >Dots each
      <input
        type="number"
        min="0"
        max="100"
        data-testid="vote-budget-input"
        .value=${String(budget)}
        @change=${(event: Event) =>
          board.run(setVoteBudget, { budget: Number((event.target as HTMLInputElement).value) })}
    /></label>
  </div>`
}
