/**
 * Check-ins: pick a key result, record its current value with a comment, a predicted
 * end-of-period score and a confidence; see its history, a chart of the value against the
 * expected path, its trend and where its current pace ends up.
 */
import { LitElement, css, html } from 'lit'
import { keyed } from 'lit/directives/keyed.js'
import type { BoardSnapshot } from '../../core/board/board-model'
import { createCheckIn, deleteCheckIn } from '../../core/board/commands/okr'
import type { CheckIn } from '../../core/okr/okr-model'
import { formatScore, formatValue } from '../../core/export/format'
import type { ExportedKeyResult, OkrExport } from '../../core/export/export-model'
import type { BoardController } from '../board/board-controller'
import { BoardConsumer } from '../board/board-consumer'
import { newId } from '../board/ids'
import { withError, type FieldErrors } from './field-errors'
import {
  chartPeriod,
  checkInDays,
  type CheckInDays,
  checkInHistory,
  checkInTime,
  confidenceText,
  parseCheckIn,
  predictedText,
  selectedKeyResult,
  valueWarning,
} from './checkins-model'
import { TREND_LABELS, formatDay } from './labels'
import { okrStyles } from './okr-styles'
import './sb-okr-chart'
import './sb-okr-score-bar'

export class SbOkrCheckins extends LitElement {
  static override properties = {
    selected: { state: true },
    errors: { state: true },
    warning: { state: true },
  }

  declare selected: string | null
  declare errors: FieldErrors
  /** A value that looked meant for another key result; submitting it again records it. */
  declare warning: {
    readonly krId: string
    readonly value: number
    readonly message: string
  } | null

  readonly #board = new BoardConsumer(this)

  constructor() {
    super()
    this.selected = null
    this.errors = new Map()
    this.warning = null
  }

  /** Another key result gets a fresh form: nothing typed for one lands on the other. */
  #pick(id: string): void {
    if (id === this.selected) return
    this.selected = id
    this.errors = new Map()
    this.warning = null
  }

  static override styles = [
    okrStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(200px, 280px) 1fr;
        gap: 16px;
        align-items: start;
      }
      @media (max-width: 760px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      .pick {
        display: block;
        width: 100%;
        text-align: left;
        border: none;
        border-radius: 6px;
        padding: 6px 8px;
        margin: 2px 0;
      }
      .pick[aria-current='true'] {
        background: #e0e7ff;
      }
      .objective {
        font-weight: 700;
        margin: 10px 0 2px;
      }
      form {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
        gap: 8px;
        align-items: end;
      }
      label {
        display: grid;
        gap: 2px;
        font-size: 0.75rem;
        color: var(--sb-muted, #6b7280);
      }
      label.wide,
      .warning {
        grid-column: 1 / -1;
      }
      .warning {
        margin: 0;
      }
      .facts {
        display: flex;
        gap: 14px;
        flex-wrap: wrap;
        align-items: center;
        margin: 8px 0;
      }
      sb-okr-score-bar {
        width: 220px;
      }
    `,
  ]

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const okrs = board.okrs
    const selected = selectedKeyResult(okrs, this.selected)
    if (selected === null) {
      return html`<p class="empty" data-testid="checkins-empty">
        No key results to check in on yet. Convert the board or add key results in the editor.
      </p>`
    }
    return html`<div class="layout">
      ${this.#picker(okrs, selected.id)} ${this.#detail(board, selected)}
    </div>`
  }

  #picker(okrs: OkrExport, selectedId: string) {
    return html`<nav aria-label="Key results">
      ${okrs.objectives.map(
        (o) =>
          html`<div class="objective">${o.title}</div>
            ${o.keyResults.map(
              (kr) =>
                html`<button
                  class="pick"
                  aria-current=${kr.id === selectedId ? 'true' : 'false'}
                  data-testid=${`checkin-pick-${kr.id}`}
                  @click=${() => this.#pick(kr.id)}
                >
                  ${kr.title} ${kr.due.overdue ? html`<span class="badge due">due</span>` : null}
                </button>`,
            )}`,
      )}
    </nav>`
  }

  #detail(board: BoardController, kr: ExportedKeyResult) {
    const snapshot: BoardSnapshot = board.snapshot
    const record = snapshot.keyResults.find((k) => k.id === kr.id) ?? null
    const checkIns = checkInHistory(snapshot, kr.id)
    return html`<section class="card" data-testid="checkin-detail" data-kr=${kr.id}>
      <h3>${kr.title}</h3>
      ${this.#facts(kr)}
      ${board.canEdit ? keyed(kr.id, this.#form(kr, checkInDays(chartPeriod(snapshot, kr.id, board.now), board.now))) : null}
      <sb-okr-chart
        .keyResult=${record}
        .checkIns=${checkIns}
        .period=${chartPeriod(snapshot, kr.id, board.now)}
      ></sb-okr-chart>
      <h3>History</h3>
      ${this.#history(kr, checkIns, board.canEdit)}
    </section>`
  }

  #facts(kr: ExportedKeyResult) {
    return html`<div class="facts">
      <sb-okr-score-bar
        data-testid="checkin-score"
        .score=${kr.score}
        .band=${kr.band}
        .label=${kr.title}
      ></sb-okr-score-bar>
      <span data-testid="checkin-current"
        >Current <strong>${formatValue(kr.current, kr.unit)}</strong> of
        ${formatValue(kr.effectiveTarget, kr.unit)}</span
      >
      <span
        class="badge ${kr.trend ?? ''}"
        data-testid=${`trend-${kr.id}`}
        data-trend=${kr.trend ?? 'none'}
        title="Progress against the time elapsed"
        >${kr.trend ? TREND_LABELS[kr.trend] : 'No trend yet'}</span
      >
      <span data-testid="checkin-projection">
        ${
          kr.projectedCompletionAt !== null
            ? html`Projected to reach the target on
                <strong>${formatDay(kr.projectedCompletionAt)}</strong>`
            : 'No projected completion at the current pace'
        }
      </span>
      ${
        kr.predictedScore !== null
          ? html`<span>Predicted end score ${formatScore(kr.predictedScore)}</span>`
          : null
      }
      ${
        kr.due.overdue
          ? html`<span class="badge due" data-testid="checkin-due"
              >Check-in due since ${formatDay(kr.due.lastDue)}</span
            >`
          : kr.due.nextDue !== null
            ? html`<span class="muted">Next check-in ${formatDay(kr.due.nextDue)}</span>`
            : null
      }
    </div>`
  }

  #history(kr: ExportedKeyResult, checkIns: readonly CheckIn[], canEdit: boolean) {
    if (checkIns.length === 0) {
      return html`<p class="muted" data-testid="checkin-history-empty">No check-ins yet.</p>`
    }
    return html`<table data-testid="checkin-history">
      <thead>
        <tr>
          <th>Date</th>
          <th class="num">Value</th>
          <th class="num">Predicted</th>
          <th class="num">Confidence</th>
          <th>Comment</th>
          <th>By</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${checkIns.map(
          (c) =>
            html`<tr>
              <td>${formatDay(c.at)}</td>
              <td class="num">${formatValue(c.value, kr.unit)}</td>
              <td class="num">${predictedText(c.predictedScore)}</td>
              <td class="num">${confidenceText(c.confidence)}</td>
              <td>${c.note}</td>
              <td>${c.author}</td>
              <td>
                ${
                  canEdit
                    ? html`<button
                        class="icon"
                        aria-label="Delete check-in"
                        @click=${() => this.#board.board?.run(deleteCheckIn, { id: c.id })}
                      >
                        ✕
                      </button>`
                    : null
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`
  }

  #form(kr: ExportedKeyResult, days: CheckInDays) {
    const field = (name: string, label: string, placeholder: string) => {
      const error = this.errors.get(name)
      return html`<label
        >${label}
        <input
          name=${name}
          inputmode="decimal"
          placeholder=${placeholder}
          data-testid=${`checkin-${name}`}
          aria-invalid=${error ? 'true' : 'false'}
        />
        ${
          error
            ? html`<span class="error" role="alert" data-testid=${`checkin-error-${name}`}
                >${error.message}</span
              >`
            : null
        }
      </label>`
    }
    return html`<form
      data-testid="checkin-form"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault()
        this.#submit(kr, e.target as HTMLFormElement)
      }}
    >
      ${field('value', 'Current value', 'e.g. 150')}
      <label
        >Date
        <input
          type="date"
          name="at"
          data-testid="checkin-at"
          min=${days.min}
          max=${days.max}
          value=${days.value}
          .value=${days.value}
          aria-invalid=${this.errors.has('at') ? 'true' : 'false'}
        />
        ${
          this.errors.has('at')
            ? html`<span class="error" role="alert" data-testid="checkin-error-at"
                >${this.errors.get('at')?.message}</span
              >`
            : null
        }
      </label>
      ${field('predicted', 'Predicted end score (0–1)', 'e.g. 0.7')}
      ${field('confidence', 'Confidence (0–1)', 'e.g. 0.6')}
      <label class="wide"
        >Comment
        <input name="note" data-testid="checkin-note" placeholder="What moved, and why?" />
      </label>
      ${
        this.warning?.krId === kr.id
          ? html`<p class="error warning" role="alert" data-testid="checkin-warning">
              ${this.warning.message}
            </p>`
          : null
      }
      <button class="primary" type="submit" data-testid="checkin-submit">
        ${this.warning?.krId === kr.id ? 'Check in anyway' : 'Check in'}
      </button>
    </form>`
  }

  #submit(kr: ExportedKeyResult, form: HTMLFormElement): void {
    const board = this.#board.board
    if (!board) return
    const text = (name: string) =>
      (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? ''
    const parsed = parseCheckIn({
      value: text('value'),
      predicted: text('predicted'),
      confidence: text('confidence'),
      note: text('note'),
    })
    // The second it was made when dated today: two check-ins in one minute keep their order.
    const when = checkInTime(
      text('at'),
      chartPeriod(board.snapshot, kr.id, board.now),
      board.clock(),
    )
    // The typed text stays in the form fields (they are not re-rendered from state).
    let errors: FieldErrors = parsed.ok ? new Map() : parsed.errors
    if (!when.ok) errors = withError(errors, 'at', { text: text('at'), message: when.message })
    this.errors = errors
    if (!parsed.ok || !when.ok) return
    const value = parsed.value.value
    const warning = valueWarning(kr, value)
    const confirmed = this.warning?.krId === kr.id && this.warning.value === value
    if (warning !== null && !confirmed) {
      this.warning = { krId: kr.id, value, message: warning }
      return
    }
    this.warning = null
    const done = board.attempt(createCheckIn, {
      id: newId(),
      keyResultId: kr.id,
      at: when.at,
      author: board.identity.name,
      ...parsed.value,
    })
    if (done) form.reset()
  }
}

customElements.define('sb-okr-checkins', SbOkrCheckins)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-checkins': SbOkrCheckins
  }
}
