/**
 * The shared countdown. The document holds only `{ startedAt, durationMs }`; each peer counts
 * down against its own clock, so clocks that disagree by a few seconds show a few seconds apart
 * (acceptable for a timebox, and no server clock is needed offline).
 */
import { LitElement, css, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import { startTimer, stopTimer } from '../../core/board/commands'
import { deviceClock, type Clock } from '../device/clock'
import { TIMER_PRESETS_MIN, timerView } from './timer-view'
import type { TimerState } from '../../core/board/board-model'
import { canFacilitate } from '../board/board-context'

export class SbTimer extends LitElement {
  /** The second-accurate clock: the board's own `now` moves once a minute. */
  clock: Clock = deviceClock
  readonly #board = new BoardConsumer(this, (board) => board.meta.timer)
  #tick: ReturnType<typeof setInterval> | null = null

  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font-size: 0.82rem;
    }
    .time {
      font-variant-numeric: tabular-nums;
      font-weight: 700;
      padding: 4px 10px;
      border-radius: 999px;
      background: #eef2ff;
      color: #3730a3;
    }
    .time.done {
      background: #fee2e2;
      color: var(--sb-danger);
    }
    button {
      font: inherit;
      font-size: 0.78rem;
      border: 1px solid var(--sb-line);
      background: var(--sb-surface);
      border-radius: 999px;
      padding: 3px 8px;
      cursor: pointer;
    }
    .label {
      color: var(--sb-muted);
    }
  `

  override disconnectedCallback(): void {
    this.#stopTicking()
    super.disconnectedCallback()
  }

  override updated(): void {
    const running = this.#board.board?.meta.timer != null
    if (running && this.#tick === null) this.#tick = setInterval(() => this.requestUpdate(), 500)
    if (!running) this.#stopTicking()
  }

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const timer = board.meta.timer
    if (timer !== null) return this.#running(board, timer)
    if (!canFacilitate(board)) return null
    return html`<span class="label">Timer</span> ${TIMER_PRESETS_MIN.map(
        (minutes) =>
          html`<button
            data-testid=${`timer-start-${minutes}`}
            aria-label=${`Start a ${minutes} minute timer for everyone`}
            @click=${() =>
              board.run(startTimer, { startedAt: this.clock(), durationMs: minutes * 60_000 })}
          >
            ${minutes}m
          </button>`,
      )}`
  }

  #running(board: BoardController, timer: TimerState) {
    const view = timerView(timer, this.clock())
    return html`<span
        class="time ${view.done ? 'done' : ''}"
        role="timer"
        aria-live=${view.done ? 'assertive' : 'off'}
        data-testid="timer"
        data-remaining-ms=${view.remainingMs}
        >${view.text}</span
      >
      ${
        canFacilitate(board)
          ? html`<button data-testid="timer-stop" @click=${() => board.run(stopTimer, {})}>
              ${view.stopLabel}
            </button>`
          : null
      }`
  }

  #stopTicking(): void {
    if (this.#tick !== null) clearInterval(this.#tick)
    this.#tick = null
  }
}

customElements.define('sb-timer', SbTimer)

declare global {
  interface HTMLElementTagNameMap {
    'sb-timer': SbTimer
  }
}
