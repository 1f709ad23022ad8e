/**
 * The shared countdown. The document holds only `{ startedAt, durationMs }`; each peer counts
 * down against its own clock, so clocks that disagree by a few seconds show a few seconds apart
 * (acceptable for a timebox, and no server clock is needed offline).
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext } from '../board/board-context'
import { observeBoardMeta } from '../board/y-observe-controller'
import { startTimer, stopTimer } from '../../core/board/commands'
import { runCommand } from '../board/run-command'
import { toEpochMs } from '../../core/okr/numbers'

const PRESETS_MIN = [3, 5, 10] as const

export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return `${minutes}:${String(seconds).padStart(2, '0')}`
}

export class SbTimer extends LitElement {
  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })
  readonly #meta = observeBoardMeta(this, () => this.#session.value)
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
    const running = this.#meta.value?.timer != null
    if (running && this.#tick === null) this.#tick = setInterval(() => this.requestUpdate(), 500)
    if (!running) this.#stopTicking()
  }

  override render() {
    const session = this.#session.value
    const meta = this.#meta.value
    if (session === undefined || meta === null) return null
    const canEdit = session.role === 'edit'
    const timer = meta.timer
    if (timer === null) {
      if (!canEdit) return null
      return html`<span class="label">Timer</span> ${PRESETS_MIN.map(
          (minutes) =>
            html`<button
              data-testid=${`timer-start-${minutes}`}
              aria-label=${`Start a ${minutes} minute timer for everyone`}
              @click=${() =>
                runCommand(this, () =>
                  startTimer(
                    session.doc,
                    { startedAt: toEpochMs(Date.now()), durationMs: minutes * 60_000 },
                    session.origin,
                  ),
                )}
            >
              ${minutes}m
            </button>`,
        )}`
    }
    const remaining = timer.startedAt + timer.durationMs - Date.now()
    const done = remaining <= 0
    return html`<span
        class="time ${done ? 'done' : ''}"
        role="timer"
        aria-live=${done ? 'assertive' : 'off'}
        data-testid="timer"
        data-remaining-ms=${Math.max(0, remaining)}
        >${done ? "Time's up" : formatRemaining(remaining)}</span
      >
      ${
        canEdit
          ? html`<button
              data-testid="timer-stop"
              @click=${() => runCommand(this, () => stopTimer(session.doc, {}, session.origin))}
            >
              ${done ? 'Clear' : 'Stop'}
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
