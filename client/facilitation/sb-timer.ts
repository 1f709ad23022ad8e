/**
 * The shared countdown. The document holds only `{ startedAt, durationMs, pausedAt }`; each peer
 * counts down against its own clock, so clocks that disagree by a few seconds show a few seconds
 * apart (acceptable for a timebox, and no server clock is needed offline). The facilitator
 * starts (presets or a custom length), pauses, resumes, adds a minute and stops it; everyone sees
 * it, paused or not, and hears the end sound unless they muted it on their device.
 */
import { LitElement, css, html, svg } from 'lit'
import { timeChipStyles } from './time-chip-styles'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import {
  addTimerTime,
  pauseTimer,
  resumeTimer,
  startTimer,
  stopTimer,
} from '../../core/board/commands'
import { deviceClock, type Clock } from '../device/clock'
import { ContextConsumer } from '@lit/context'
import { deviceStoreContext } from '../device/device-store'
import {
  customLengthMs,
  justEnded,
  TIMER_PRESETS_MIN,
  timerView,
  type TimerView,
} from './timer-view'
import type { TimerState } from '../../core/board/board-model'
import { canFacilitate } from '../board/board-context'
import { playEndSound, readMuted, writeMuted } from './timer-sound'

export class SbTimer extends LitElement {
  static override properties = {
    muted: { state: true },
    custom: { state: true },
  }

  declare muted: boolean
  /** What the facilitator typed in the minutes box. */
  declare custom: string
  /** The second-accurate clock: the board's own `now` moves once a minute. */
  clock: Clock = deviceClock
  /** Where this device keeps the mute choice (the app's store, through context). */
  readonly #store = new ContextConsumer(this, {
    context: deviceStoreContext,
    subscribe: true,
    callback: (store) => (this.muted = readMuted(store)),
  })
  /** End sounds played on this page, for people (and tests) to check it rang. */
  sounds = 0
  readonly #board = new BoardConsumer(this, (board) => board.meta.timer)
  #tick: ReturnType<typeof setInterval> | null = null
  #seen: TimerView | null = null

  constructor() {
    super()
    this.muted = false
    this.custom = ''
  }

  static override styles = [
    timeChipStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        font-size: 0.82rem;
      }
      button {
        font: inherit;
        font-size: 0.78rem;
        display: inline-flex;
        align-items: center;
        border: 1px solid var(--sb-line);
        background: var(--sb-surface);
        border-radius: 999px;
        padding: 3px 8px;
        cursor: pointer;
      }
      form {
        display: inline-flex;
        gap: 2px;
      }
      input {
        font: inherit;
        font-size: 0.78rem;
        width: 3.2em;
        padding: 2px 4px;
        border: 1px solid var(--sb-line);
        border-radius: 999px;
      }
      .label {
        color: var(--sb-muted);
      }
    `,
  ]

  override disconnectedCallback(): void {
    this.#stopTicking()
    super.disconnectedCallback()
  }

  override updated(): void {
    const timer = this.#board.board?.meta.timer ?? null
    const running = timer !== null && timer.pausedAt === null
    if (running && this.#tick === null) this.#tick = setInterval(() => this.requestUpdate(), 500)
    if (!running) this.#stopTicking()
    const seen = timer === null ? null : timerView(timer, this.clock())
    if (justEnded(this.#seen, seen) && !this.muted && playEndSound()) {
      this.sounds++
      this.dataset.sounds = String(this.sounds)
    }
    this.#seen = seen
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
            @click=${() => this.#start(board, minutes * 60_000)}
          >
            ${minutes}m
          </button>`,
      )}
      ${this.#customForm(board)}`
  }

  #start(board: BoardController, durationMs: number): void {
    board.run(startTimer, { startedAt: this.clock(), durationMs })
  }

  #customForm(board: BoardController) {
    const ms = customLengthMs(this.custom)
    return html`<form
      @submit=${(event: Event) => {
        event.preventDefault()
        if (ms === null) return
        this.#start(board, ms)
        this.custom = ''
      }}
    >
      <input
        data-testid="timer-custom-input"
        inputmode="decimal"
        placeholder="min"
        aria-label="Custom timer length in minutes"
        .value=${this.custom}
        @input=${(event: Event) => (this.custom = (event.target as HTMLInputElement).value)}
      />
      <button data-testid="timer-custom-start" ?disabled=${ms === null} type="submit">Go</button>
    </form>`
  }

  #running(board: BoardController, timer: TimerState) {
    const view = timerView(timer, this.clock())
    const state = view.done ? 'done' : view.paused ? 'paused' : ''
    return html`<span
        class="time ${state}"
        role="timer"
        aria-live=${view.done ? 'assertive' : 'off'}
        data-testid="timer"
        data-remaining-ms=${view.remainingMs}
        data-paused=${view.paused ? 'true' : 'false'}
        >${view.paused ? `Paused ${view.text}` : view.text}</span
      >
      ${canFacilitate(board) ? this.#controls(board, view) : null}
      <button
        data-testid="timer-mute"
        aria-pressed=${this.muted ? 'true' : 'false'}
        title=${this.muted ? 'Play a sound when the time is up' : 'Mute the end sound (this device)'}
        aria-label=${this.muted ? 'Unmute the end sound' : 'Mute the end sound'}
        @click=${this.#toggleMute}
      >
        ${bell(this.muted)}
      </button>`
  }

  #controls(board: BoardController, view: TimerView) {
    const now = () => this.clock()
    return html`${
        view.done
          ? null
          : view.paused
            ? html`<button
                data-testid="timer-resume"
                @click=${() => board.run(resumeTimer, { now: now() })}
              >
                Resume
              </button>`
            : html`<button
                data-testid="timer-pause"
                @click=${() => board.run(pauseTimer, { now: now() })}
              >
                Pause
              </button>`
      }
      <button
        data-testid="timer-add"
        title="One more minute"
        @click=${() => board.run(addTimerTime, { ms: 60_000, now: now() })}
      >
        +1 min
      </button>
      <button data-testid="timer-stop" @click=${() => board.run(stopTimer, {})}>
        ${view.stopLabel}
      </button>`
  }

  readonly #toggleMute = (): void => {
    this.muted = !this.muted
    const store = this.#store.value
    if (store !== undefined) writeMuted(store, this.muted)
  }

  #stopTicking(): void {
    if (this.#tick !== null) clearInterval(this.#tick)
    this.#tick = null
  }
}

/** A bell drawn inline (no icon font, no emoji that a system may lack), struck through when muted. */
function bell(muted: boolean) {
  return html`<svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true">
    <path
      d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linejoin="round"
    />
    ${muted ? svg`<path d="M3 3l18 18" stroke="currentColor" stroke-width="2" />` : null}
  </svg>`
}

customElements.define('sb-timer', SbTimer)

declare global {
  interface HTMLElementTagNameMap {
    'sb-timer': SbTimer
  }
}
