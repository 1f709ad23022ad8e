/**
 * Retrospective: at the end of a timeframe, the final scores, the playbook's questions with
 * answers everyone types into together (stored in the board document), and "carry forward",
 * which copies unfinished objectives into the next timeframe with a note of where they came
 * from.
 */
import { LitElement, css, html } from 'lit'
import { RETRO_QUESTIONS, readCarriedFrom } from '../../core/board/commands/retro'
import type { Timeframe } from '../../core/okr/okr-model'
import { carryIntoCycle } from '../../core/board/commands/cycle-carry'
import { cycleAfter } from '../../core/okr/cycles'
import { formatTimeframe } from '../../core/okr/timeframe'
import type { ExportedObjective } from '../../core/export/export-model'
import type { BoardController } from '../board/board-controller'
import { BoardConsumer } from '../board/board-consumer'
import { bindText } from '../board/bind-text'
import { withMember } from './convert-model'
import { okrStyles } from './okr-styles'
import {
  carriedEarlier,
  carriedText,
  chooseTimeframe,
  currentValues,
  openIn,
  predictedText,
  retroFacts,
  scoresIn,
  timeframeChoices,
  type OpenObjective,
  type RetroFacts,
  type TimeframeChoice,
} from './retro-model'
import './sb-okr-score-bar'
import './sb-okr-calibration'
import { canFacilitate } from '../board/board-context'

export class SbOkrRetro extends LitElement {
  static override properties = {
    chosen: { state: true },
    skipped: { state: true },
    carried: { state: true },
  }

  declare chosen: string | null
  /** Unfinished objectives the team decided not to carry. */
  declare skipped: ReadonlySet<string>
  declare carried: string

  readonly #board = new BoardConsumer(this)

  constructor() {
    super()
    this.chosen = null
    this.skipped = new Set()
    this.carried = ''
  }

  static override styles = [
    okrStyles,
    css`
      label.q {
        display: grid;
        gap: 4px;
        margin: 10px 0;
        font-weight: 600;
      }
      textarea {
        min-height: 3.5em;
        resize: vertical;
        font-weight: normal;
        width: 100%;
      }
      .score {
        display: grid;
        grid-template-columns: 1fr 220px;
        gap: 10px;
        align-items: center;
        padding: 4px 0;
      }
      .kr {
        padding-left: 16px;
        font-size: 0.85rem;
      }
    `,
  ]

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const choices = timeframeChoices(board.snapshot)
    // The workspace's cycle switcher and this picker show one cycle: every figure is of it.
    const choice = chooseTimeframe(choices, board.cycle?.label ?? null, board.now)
    if (choice === null) {
      return html`<p class="empty" data-testid="retro-empty">
        Give the objectives a timeframe (or the board one) to hold a retrospective for it.
      </p>`
    }
    return html`<div class="row">
        <h2>Retrospective</h2>
        <label
          >for
          <select
            data-testid="retro-timeframe"
            @change=${(e: Event) => board.setCycle((e.target as HTMLSelectElement).value)}
          >
            ${choices.map(
              (c) =>
                html`<option value=${c.label} ?selected=${c.label === choice.label}>
                  ${c.label}
                </option>`,
            )}
          </select>
        </label>
      </div>
      ${
        choice.timeframe.end > board.now
          ? html`<p class="hint">This timeframe is still running; scores are not final yet.</p>`
          : null
      }
      ${this.#scores(
        scoresIn(board.snapshot, board.okrs, choice.label),
        choice.label,
        retroFacts(board.snapshot, board.okrs, choice.label, board.derive(readCarriedFrom)),
      )}
      <sb-okr-calibration .label=${choice.label} .end=${choice.timeframe.end}></sb-okr-calibration>
      ${this.#questions(board, choice.label)} ${this.#carry(board, choice)}`
  }

  #scores(figures: readonly ExportedObjective[], label: string, facts: RetroFacts) {
    const predicted = new Map(
      facts.objectives.flatMap((o) => o.keyResults).map((kr) => [kr.id, predictedText(kr)]),
    )
    return html`<section class="card" data-testid="retro-scores">
      <h3>Final scores</h3>
      <p class="hint" data-testid="retro-facts">
        ${
          facts.predicted === 0
            ? 'No key result had a predicted score from its check-ins.'
            : `${facts.predictedWell} of ${facts.predicted} predicted scores ended within 0.1 of the final score.`
        }
        ${facts.carriedForward.map((c) => html` <span class="badge">${c.title} → ${c.into}</span>`)}
      </p>
      ${
        figures.length === 0
          ? html`<p class="muted">No objectives in ${label}.</p>`
          : figures.map(
              (o) =>
                html`<div class="score">
                    <strong>${o.title}</strong>
                    <sb-okr-score-bar .score=${o.score} .band=${o.band}></sb-okr-score-bar>
                  </div>
                  ${o.keyResults.map(
                    (kr) =>
                      html`<div class="score kr">
                        <span
                          >${kr.title}
                          <span class="muted" data-testid=${`retro-predicted-${kr.id}`}
                            >${predicted.get(kr.id) ?? ''}</span
                          ></span
                        >
                        <sb-okr-score-bar .score=${kr.score} .band=${kr.band}></sb-okr-score-bar>
                      </div>`,
                  )}`,
            )
      }
    </section>`
  }

  #questions(board: BoardController, timeframe: string) {
    return html`<section class="card" data-testid="retro-questions">
      <h3>Questions for the team</h3>
      <p class="hint">Everyone can write here at once; the answers are saved with the board.</p>
      ${RETRO_QUESTIONS.map(
        (q) =>
          html`<label class="q"
            >${q.text}
            <textarea
              ${bindText(board, { retro: { timeframe, question: q.id } })}
              data-testid=${`retro-${q.id}`}
              ?disabled=${!board.canEdit}
            ></textarea>
          </label>`,
      )}
    </section>`
  }

  #carry(board: BoardController, choice: TimeframeChoice) {
    const next = cycleAfter(choice.timeframe)
    const nextLabel = formatTimeframe(next)
    const snapshot = board.snapshot
    const titles = new Map(snapshot.objectives.map((o) => [o.id, o.title]))
    const open = openIn(snapshot, choice.label, board.now)
    const earlier = carriedEarlier(snapshot, board.derive(readCarriedFrom))
    return html`<section class="card" data-testid="retro-carry">
      <h3>Carry forward into ${nextLabel}</h3>
      ${
        open.length === 0
          ? html`<p class="muted">Nothing unfinished in ${choice.label}.</p>`
          : html`${open.map(
              (u) =>
                html`<label class="row">
                  <input
                    type="checkbox"
                    .checked=${!this.skipped.has(u.objectiveId)}
                    ?disabled=${!canFacilitate(board)}
                    @change=${(e: Event) =>
                      (this.skipped = withMember(
                        this.skipped,
                        u.objectiveId,
                        !(e.target as HTMLInputElement).checked,
                      ))}
                  />
                  ${titles.get(u.objectiveId)}
                  <span class="muted">(${u.keyResultIds.length} open key results)</span>
                </label>`,
            )}
            ${
              canFacilitate(board)
                ? html`<button
                    class="primary"
                    data-testid="retro-carry-forward"
                    @click=${() => this.#carryForward(board, open, next)}
                  >
                    Carry forward to ${nextLabel}
                  </button>`
                : html`<p class="muted" data-testid="retro-carry-facilitator-only">
                    The facilitator carries objectives forward.
                  </p>`
            }`
      }
      ${this.carried ? html`<p role="status">${this.carried}</p>` : null}
      ${
        earlier.length
          ? html`<p class="muted">
              Carried earlier:
              ${earlier.map((c) => html`<span class="badge">${c.title} ← ${c.from}</span> `)}
            </p>`
          : null
      }
    </section>`
  }

  #carryForward(
    board: BoardController,
    open: readonly OpenObjective[],
    timeframe: Timeframe,
  ): void {
    const chosen = open.filter((u) => !this.skipped.has(u.objectiveId))
    const report = board.run(carryIntoCycle, {
      objectiveIds: chosen.map((u) => u.objectiveId),
      keyResultIds: chosen.flatMap((u) => u.keyResultIds),
      timeframe,
      currentValues: currentValues(board.okrs),
    })
    if (report) this.carried = carriedText(report, timeframe)
  }
}

customElements.define('sb-okr-retro', SbOkrRetro)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-retro': SbOkrRetro
  }
}
