/**
 * Retrospective: at the end of a timeframe, the final scores, the playbook's questions with
 * answers everyone types into together (stored in the board document), and "carry forward",
 * which copies unfinished objectives into the next timeframe with a note of where they came
 * from.
 */
import { LitElement, css, html } from 'lit'
import type * as Y from 'yjs'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext } from '../board/board-context'
import type { BoardSnapshot } from '../../core/board/board-model'
import {
  RETRO_QUESTIONS,
  carryForward,
  nextTimeframe,
  readCarriedFrom,
  readRetroAnswers,
  setRetroAnswer,
  unfinishedObjectives,
  type RetroQuestionId,
} from '../../core/board/commands/retro'
import type { EpochMs, Timeframe } from '../../core/okr/okr-model'
import { formatTimeframe } from '../../core/okr/timeframe'
import { formatScore, timeframeOfRange } from '../../core/export/format'
import type { OkrExport } from '../../core/export/export-model'
import { runCommand } from '../board/run-command'
import { okrStyles } from './okr-styles'
import './sb-okr-score-bar'

interface TimeframeChoice {
  readonly label: string
  readonly timeframe: Timeframe
}

/** The objectives' timeframes (and the board's), latest first. */
export function timeframeChoices(snapshot: BoardSnapshot): TimeframeChoice[] {
  const byLabel = new Map<string, Timeframe>()
  for (const o of snapshot.objectives) {
    if (o.timeframe) byLabel.set(formatTimeframe(o.timeframe), o.timeframe)
  }
  const board = snapshot.meta.timeframe
  if (board) {
    const timeframe = timeframeOfRange(board)
    byLabel.set(formatTimeframe(timeframe), timeframe)
  }
  return [...byLabel.entries()]
    .map(([label, timeframe]) => ({ label, timeframe }))
    .sort((a, b) => b.timeframe.start - a.timeframe.start)
}

export class SbOkrRetro extends LitElement {
  static override properties = {
    snapshot: { attribute: false },
    data: { attribute: false },
    now: { attribute: false },
    chosen: { state: true },
    skipped: { state: true },
    carried: { state: true },
  }

  declare snapshot: BoardSnapshot | null
  declare data: OkrExport | null
  declare now: EpochMs
  declare chosen: string | null
  /** Unfinished objectives the team decided not to carry. */
  declare skipped: ReadonlySet<string>
  declare carried: string

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })

  constructor() {
    super()
    this.snapshot = null
    this.data = null
    this.now = 0 as EpochMs
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
    const snapshot = this.snapshot
    const session = this.#session.value
    if (snapshot === null || session === undefined) return null
    const choices = timeframeChoices(snapshot)
    if (choices.length === 0) {
      return html`<p class="empty" data-testid="retro-empty">
        Give the objectives a timeframe (or the board one) to hold a retrospective for it.
      </p>`
    }
    // By default the latest timeframe that has ended (retros look back), else the running one;
    // a timeframe that has not started yet (where carried objectives land) only when chosen.
    const choice =
      choices.find((c) => c.label === this.chosen) ??
      choices.find((c) => c.timeframe.end <= this.now) ??
      choices.find((c) => c.timeframe.start <= this.now) ??
      (choices[0] as TimeframeChoice)
    const inTimeframe = snapshot.objectives.filter(
      (o) =>
        (o.timeframe ? formatTimeframe(o.timeframe) : formatTimeframe(choice.timeframe)) ===
        choice.label,
    )
    const ids = new Set(inTimeframe.map((o) => o.id))
    const figures = (this.data?.objectives ?? []).filter((o) => ids.has(o.id))
    const answers = readRetroAnswers(session.doc, choice.label)
    const canEdit = session.role === 'edit'
    return html`<div class="row">
        <h2>Retrospective</h2>
        <label
          >for
          <select
            data-testid="retro-timeframe"
            @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}
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
        choice.timeframe.end > this.now
          ? html`<p class="hint">This timeframe is still running; scores are not final yet.</p>`
          : null
      }
      <section class="card" data-testid="retro-scores">
        <h3>Final scores</h3>
        ${
          figures.length === 0
            ? html`<p class="muted">No objectives in ${choice.label}.</p>`
            : figures.map(
                (o) =>
                  html`<div class="score">
                      <strong>${o.title}</strong>
                      <sb-okr-score-bar .score=${o.score} .band=${o.band}></sb-okr-score-bar>
                    </div>
                    ${o.keyResults.map(
                      (kr) =>
                        html`<div class="score kr">
                          <span>${kr.title}</span>
                          <sb-okr-score-bar .score=${kr.score} .band=${kr.band}></sb-okr-score-bar>
                        </div>`,
                    )}`,
              )
        }
      </section>
      <section class="card" data-testid="retro-questions">
        <h3>Questions for the team</h3>
        <p class="hint">Everyone can write here at once; the answers are saved with the board.</p>
        ${RETRO_QUESTIONS.map(
          (q) =>
            html`<label class="q"
              >${q.text}
              <textarea
                data-testid=${`retro-${q.id}`}
                .value=${answers[q.id]}
                ?disabled=${!canEdit}
                @input=${(e: Event) =>
                  this.#answer(choice.label, q.id, (e.target as HTMLTextAreaElement).value)}
              ></textarea>
            </label>`,
        )}
      </section>
      ${this.#carry(snapshot, choice, session.doc, canEdit)}`
  }

  #carry(snapshot: BoardSnapshot, choice: TimeframeChoice, doc: Y.Doc, canEdit: boolean) {
    const next = nextTimeframe(choice.timeframe)
    const nextLabel = formatTimeframe(next)
    const provenance = readCarriedFrom(doc)
    const titles = new Map(snapshot.objectives.map((o) => [o.id, o.title]))
    const open = unfinishedObjectives(snapshot, { now: this.now }).filter((u) => {
      const o = snapshot.objectives.find((x) => x.id === u.objectiveId)
      const label = o?.timeframe ? formatTimeframe(o.timeframe) : choice.label
      return label === choice.label
    })
    const carriedHere = snapshot.objectives.filter((o) => provenance.has(o.id))
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
                      ?disabled=${!canEdit}
                      @change=${(e: Event) => this.#skip(u.objectiveId, !(e.target as HTMLInputElement).checked)}
                    />
                    ${titles.get(u.objectiveId)}
                    <span class="muted">(${u.keyResultIds.length} open key results)</span>
                  </label>`,
              )}
              <button
                class="primary"
                data-testid="retro-carry-forward"
                ?disabled=${!canEdit}
                @click=${() => this.#carryForward(open, next)}
              >
                Carry forward to ${nextLabel}
              </button>`
      }
      ${this.carried ? html`<p role="status">${this.carried}</p>` : null}
      ${
        carriedHere.length
          ? html`<p class="muted">
              Carried earlier:
              ${carriedHere.map(
                (o) =>
                  html`<span class="badge"
                    >${o.title} ←
                    ${titles.get(provenance.get(o.id) ?? '') ?? 'a deleted objective'}</span
                  > `,
              )}
            </p>`
          : null
      }
    </section>`
  }

  #answer(timeframe: string, question: RetroQuestionId, text: string): void {
    const session = this.#session.value
    if (session)
      runCommand(this, () =>
        setRetroAnswer(session.doc, { timeframe, question, text }, session.origin),
      )
  }

  #skip(id: string, skip: boolean): void {
    const next = new Set(this.skipped)
    if (skip) next.add(id)
    else next.delete(id)
    this.skipped = next
  }

  #carryForward(
    open: readonly { objectiveId: string; keyResultIds: string[] }[],
    timeframe: Timeframe,
  ): void {
    const session = this.#session.value
    if (!session) return
    const chosen = open.filter((u) => !this.skipped.has(u.objectiveId))
    const currentValues: Record<string, number> = {}
    for (const o of this.data?.objectives ?? []) {
      for (const kr of o.keyResults) if (kr.current !== null) currentValues[kr.id] = kr.current
    }
    const report = runCommand(this, () =>
      carryForward(
        session.doc,
        {
          objectiveIds: chosen.map((u) => u.objectiveId),
          keyResultIds: chosen.flatMap((u) => u.keyResultIds),
          timeframe,
          currentValues,
        },
        session.origin,
      ),
    )
    if (report) {
      this.carried = `Carried ${report.created.length} items into ${formatTimeframe(timeframe)}${
        report.skipped.length ? ` (${report.skipped.length} were already there)` : ''
      }. Scores there start at ${formatScore(0)}.`
    }
  }
}

customElements.define('sb-okr-retro', SbOkrRetro)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-retro': SbOkrRetro
  }
}
