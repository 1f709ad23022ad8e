/**
 * The guided agenda (core/play). Mounted twice by the board screen: in the top bar
 * (`placement="bar"`) it is the facilitator's "Agenda…" button that chooses a play, shortens it
 * and starts it; under the top bar (`placement="strip"`) it shows everyone where the room is
 * (step n of N, prompt, activity, time left), the list of steps with the step's help, and the
 * facilitator's Back / Next / +5 min / End. When the room enters a step, the strip asks the board
 * screen once (`sb-agenda-step`) to take this person to the step's view; after that they move
 * freely.
 */
import { LitElement, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import { canFacilitate } from '../board/board-context'
import { deviceClock, type Clock } from '../device/clock'
import {
  editAgenda,
  endAgenda,
  extendStep,
  goToStep,
  startAgenda,
} from '../../core/board/commands/index'
import { readAgenda, type Agenda } from '../../core/play/agenda'
import {
  agendaView,
  choosePlay,
  DEFAULT_SETUP,
  includeStep,
  setStepMinutes,
  setupView,
  withoutStep,
  withStepMinutes,
  withStepMoved,
  type AgendaRow,
  type AgendaSetup,
  type AgendaView,
  type SetupView,
  type StepTarget,
} from './agenda-model'
import { agendaStyles } from './agenda-styles'
import { stepList } from './agenda-steps'
import { timerView } from './timer-view'
import './step-help/sb-step-help'

/** The detail of `sb-agenda-step`: where the board screen takes this person. */
export type AgendaStepDetail = StepTarget

export class SbAgenda extends LitElement {
  static override properties = {
    placement: { type: String, reflect: true },
    expanded: { state: true },
    setupOpen: { state: true },
    setup: { state: true },
    stepErrors: { state: true },
  }

  declare placement: 'bar' | 'strip'
  declare expanded: boolean
  declare setupOpen: boolean
  declare setup: AgendaSetup
  /** The facilitator's refused minutes fields, by step id, until fixed. */
  declare stepErrors: Readonly<Record<string, string>>
  /** The second-accurate clock for the time left (the board's `now` moves once a minute). */
  clock: Clock = deviceClock
  readonly #board = new BoardConsumer(this, (board) => board.meta)
  #arrived: string | null = null
  #tick: ReturnType<typeof setInterval> | null = null

  static override styles = agendaStyles

  constructor() {
    super()
    this.placement = 'strip'
    this.expanded = false
    this.setupOpen = false
    this.setup = DEFAULT_SETUP
    this.stepErrors = {}
    // Esc closes what this element opened, as the top bar's menus do.
    this.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return
      this.setupOpen = false
      this.expanded = false
    })
  }

  override disconnectedCallback(): void {
    this.#stopTicking()
    super.disconnectedCallback()
  }

  #agenda(board: BoardController): Agenda | null {
    return board.derive(readAgenda, 'meta')
  }

  override updated(): void {
    const board = this.#board.board
    const agenda = board === undefined ? null : this.#agenda(board)
    const timer = board?.meta.timer ?? null
    const ticking = this.placement === 'strip' && agenda !== null && timer?.pausedAt === null
    if (ticking && this.#tick === null) this.#tick = setInterval(() => this.requestUpdate(), 500)
    if (!ticking) this.#stopTicking()
    if (this.placement !== 'strip' || agenda === null) return
    const view = agendaView(agenda)
    if (view.arrival === this.#arrived) return
    this.#arrived = view.arrival
    this.dispatchEvent(
      new CustomEvent<AgendaStepDetail>('sb-agenda-step', {
        detail: view.target,
        bubbles: true,
        composed: true,
      }),
    )
  }

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const agenda = this.#agenda(board)
    if (this.placement === 'bar') {
      return agenda === null && canFacilitate(board) ? this.#setupButton(board) : null
    }
    if (agenda === null) return null
    const view = agendaView(agenda)
    return html`${this.#strip(board, view)}
    ${this.expanded ? this.#panel(board, agenda, view) : null}`
  }

  #strip(board: BoardController, view: AgendaView) {
    return html`<section
      class="strip"
      data-testid="agenda"
      aria-label="Agenda"
      data-step=${view.step.id}
      data-step-index=${view.index}
      data-phase=${view.phase ?? ''}
    >
      <div class="head">
        <span class="position" data-testid="agenda-position">${view.position}</span>
        <span class="title" data-testid="agenda-title">${view.step.title}</span>
        <span class="where" data-testid="agenda-where"
          >${view.phaseLabel === null ? view.viewLabel : `${view.phaseLabel} · ${view.viewLabel}`}</span
        >
      </div>
      <p class="prompt">
        <span data-testid="agenda-prompt">${view.step.prompt}</span>
        <span class="activity" data-testid="agenda-activity">${view.step.activity}</span>
      </p>
      <div class="controls">
        ${this.#time(board)} ${canFacilitate(board) ? this.#controls(board, view) : null}
        <button
          data-testid="agenda-toggle"
          aria-expanded=${this.expanded ? 'true' : 'false'}
          @click=${() => (this.expanded = !this.expanded)}
        >
          ${this.expanded ? 'Hide steps' : 'All steps'}
        </button>
      </div>
    </section>`
  }

  #time(board: BoardController) {
    const timer = board.meta.timer
    if (timer === null) return null
    const view = timerView(timer, this.clock())
    const state = view.done ? 'done' : view.paused ? 'paused' : ''
    return html`<span
      class="time ${state}"
      data-testid="agenda-time"
      data-remaining-ms=${view.remainingMs}
      data-paused=${view.paused ? 'true' : 'false'}
      >${view.paused ? `Paused · ${view.text}` : view.text}</span
    >`
  }

  #controls(board: BoardController, view: AgendaView) {
    const go = (step: number) => board.run(goToStep, { step, now: this.clock() })
    return html`<button
        data-testid="agenda-back"
        ?disabled=${!view.canBack}
        @click=${() => go(view.index - 1)}
      >
        Back
      </button>
      <button
        class="primary"
        data-testid="agenda-next"
        ?disabled=${!view.canNext}
        @click=${() => go(view.index + 1)}
      >
        Next
      </button>
      <button
        data-testid="agenda-extend"
        title="Five more minutes for this step"
        @click=${() => board.run(extendStep, { minutes: 5, now: this.clock() })}
      >
        +5 min
      </button>
      <button
        data-testid="agenda-end"
        @click=${() => {
          if (confirm('End the agenda for everyone? The board stays as it is.')) {
            board.run(endAgenda, {})
          }
        }}
      >
        End
      </button>`
  }

  #panel(board: BoardController, agenda: Agenda, view: AgendaView) {
    return html`<div class="panel" data-testid="agenda-panel">
      <div>
        <strong>${view.playTitle}</strong>
        <span class="where">· ${view.totalMinutes} min in all</span>
      </div>
      ${stepList(view, {
        facilitating: canFacilitate(board),
        errors: this.stepErrors,
        go: (step) => board.run(goToStep, { step, now: this.clock() }),
        drop: (index) => {
          const shorter = withoutStep(agenda, index)
          return shorter === null ? null : () => board.run(editAgenda, { play: shorter })
        },
        minutes: (row, text) => this.#setMinutes(board, row, text),
        move: (row, by) => {
          // The agenda as it is now: another edit may have landed since this list was drawn.
          const fresh = this.#agenda(board)
          const index = fresh?.play.steps.findIndex((step) => step.id === row.id) ?? -1
          const play = fresh === null ? null : withStepMoved(fresh, index, by)
          if (play !== null) board.run(editAgenda, { play })
        },
      })}
      <sb-step-help .help=${view.step.help} .step=${view.step}></sb-step-help>
    </div>`
  }

  #setMinutes(board: BoardController, row: AgendaRow, text: string): void {
    const agenda = this.#agenda(board)
    if (agenda === null) return
    const index = agenda.play.steps.findIndex((step) => step.id === row.id)
    const edit = withStepMinutes(agenda, index, text)
    const errors = Object.fromEntries(
      Object.entries(this.stepErrors).filter(([id]) => id !== row.id),
    )
    this.stepErrors = edit.play === null ? { ...errors, [row.id]: edit.error } : errors
    if (
      edit.play === null ||
      edit.play.steps[index]?.minutes === agenda.play.steps[index]?.minutes
    ) {
      return
    }
    board.run(editAgenda, { play: edit.play })
  }

  #setupButton(board: BoardController) {
    return html`<button
        data-testid="agenda-setup"
        aria-expanded=${this.setupOpen ? 'true' : 'false'}
        title="Run the OKR play as a timed agenda"
        @click=${() => (this.setupOpen = !this.setupOpen)}
      >
        Agenda…
      </button>
      ${this.setupOpen ? this.#setupForm(board) : null}`
  }

  #setupForm(board: BoardController) {
    const view = setupView(this.setup)
    const start = () => {
      if (view.play === null) return
      if (board.attempt(startAgenda, { play: view.play, now: this.clock() })) {
        this.setupOpen = false
        this.setup = DEFAULT_SETUP
      }
    }
    return html`<div
      class="popover"
      data-testid="agenda-setup-form"
      role="dialog"
      aria-label="Start a play"
    >
      <fieldset>
        <legend>Play</legend>
        ${view.plays.map(
          (play) =>
            html`<label
              ><input
                type="radio"
                name="play"
                data-testid=${`agenda-play-${play.id}`}
                .checked=${play.chosen}
                @change=${() => (this.setup = choosePlay(this.setup, play.id))}
              />
              ${play.title}</label
            >`,
        )}
      </fieldset>
      ${this.#setupSteps(view)}
      <p class="summary" data-testid="agenda-setup-summary">${view.summary}</p>
      <div class="row">
        <button @click=${() => (this.setupOpen = false)}>Cancel</button>
        <button
          class="primary"
          data-testid="agenda-start"
          ?disabled=${view.play === null}
          @click=${start}
        >
          Start
        </button>
      </div>
    </div>`
  }

  #setupSteps(view: SetupView) {
    return html`<fieldset>
      <legend>Steps (untick to leave one out)</legend>
      ${view.rows.map(
        (row) =>
          html`<div class="step">
            <label
              ><input
                type="checkbox"
                data-testid=${`setup-include-${row.id}`}
                .checked=${row.included}
                @change=${(e: Event) =>
                  (this.setup = includeStep(
                    this.setup,
                    row.id,
                    (e.target as HTMLInputElement).checked,
                  ))}
              />
              ${row.title}</label
            >
            <input
              type="number"
              min="1"
              step="1"
              aria-label=${`Minutes for ${row.title}`}
              data-testid=${`setup-minutes-${row.id}`}
              .value=${String(row.minutes)}
              ?disabled=${!row.included}
              @change=${(e: Event) =>
                (this.setup = setStepMinutes(
                  this.setup,
                  row.id,
                  (e.target as HTMLInputElement).value,
                ))}
            />
            <span class="where">min</span>
          </div>`,
      )}
    </fieldset>`
  }

  #stopTicking(): void {
    if (this.#tick !== null) clearInterval(this.#tick)
    this.#tick = null
  }
}

customElements.define('sb-agenda', SbAgenda)

declare global {
  interface HTMLElementTagNameMap {
    'sb-agenda': SbAgenda
  }
  interface HTMLElementEventMap {
    'sb-agenda-step': CustomEvent<AgendaStepDetail>
  }
}
