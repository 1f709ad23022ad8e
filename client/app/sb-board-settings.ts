/**
 * The board's settings, from the top bar: its title, the timeframe its OKRs run over and how
 * long a cycle lasts. The button names the board's timeframe so everyone sees which quarter
 * they are in; a facilitator changes all three in one save (`updateBoardSettings`, one
 * transaction), everyone else reads them (the relay refuses the change from other links).
 *
 * A new board's default timeframe (the current quarter) is set when it opens:
 * client/board/board-defaults.ts.
 */
import { LitElement, css, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import { readBoardSettings, updateBoardSettings } from '../../core/board/commands/facilitation'
import { CADENCES, CADENCE_LABELS, readCadence } from '../../core/okr/cycles'
import { buttonStyles } from './button-styles'
import {
  cycleSuggestions,
  draftOf,
  settingsToSave,
  timeframeText,
  type SettingsDraft,
} from './board-settings'
import { MAX_BOARD_TITLE } from './board-title'
import { canFacilitate } from '../board/board-context'

function settingsKey(board: BoardController): string {
  const s = board.derive(readBoardSettings)
  return `${s.title}|${s.timeframe?.start ?? ''}|${s.timeframe?.end ?? ''}|${s.cadence}`
}

export class SbBoardSettings extends LitElement {
  static override properties = {
    open: { state: true },
    draft: { state: true },
    error: { state: true },
  }

  declare open: boolean
  declare draft: SettingsDraft | null
  declare error: { readonly field: 'title' | 'timeframe'; readonly message: string } | null

  readonly #board = new BoardConsumer(this, settingsKey)

  constructor() {
    super()
    this.open = false
    this.draft = null
    this.error = null
  }

  static override styles = [
    buttonStyles,
    css`
      :host {
        position: relative;
        display: block;
      }
      .panel {
        position: absolute;
        top: calc(100% + 6px);
        left: 0;
        z-index: 20;
        width: 340px;
        display: grid;
        gap: 10px;
        padding: 14px;
        background: var(--sb-surface, #fff);
        border: 1px solid var(--sb-line, #e5e1d6);
        border-radius: 10px;
        box-shadow: 0 10px 30px rgba(0, 0, 0, 0.12);
      }
      h2 {
        margin: 0;
        font-size: 1rem;
      }
      label {
        display: grid;
        gap: 3px;
        font-size: 0.8rem;
        color: var(--sb-muted, #6b7280);
      }
      input,
      select {
        font: inherit;
        font-size: 0.9rem;
        padding: 5px 6px;
        border: 1px solid var(--sb-line, #e5e1d6);
        border-radius: 6px;
        color: var(--sb-ink, #1f2937);
      }
      [aria-invalid='true'] {
        border-color: #dc2626;
      }
      .error {
        color: #b91c1c;
        font-size: 0.8rem;
      }
      .hint {
        font-size: 0.75rem;
      }
      .actions {
        display: flex;
        gap: 8px;
        justify-content: flex-end;
      }
    `,
  ]

  override connectedCallback(): void {
    super.connectedCallback()
    document.addEventListener('keydown', this.#onKey)
  }

  override disconnectedCallback(): void {
    document.removeEventListener('keydown', this.#onKey)
    super.disconnectedCallback()
  }

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const settings = board.derive(readBoardSettings)
    const label = settings.timeframe ? timeframeText(settings, board.now) : 'No timeframe'
    return html`<button
        data-testid="settings-button"
        aria-expanded=${this.open ? 'true' : 'false'}
        title="Board settings: title, timeframe, cycle"
        @click=${() => this.#toggle(board)}
      >
        ⚙ <span data-testid="board-timeframe">${label}</span>
      </button>
      ${this.open && this.draft ? this.#panel(board, this.draft) : null}`
  }

  #panel(board: BoardController, draft: SettingsDraft) {
    const readOnly = !canFacilitate(board)
    const listId = 'cycle-suggestions'
    return html`<form
      class="panel"
      role="dialog"
      aria-label="Board settings"
      data-testid="settings-panel"
      @submit=${(e: Event) => this.#save(e, board)}
    >
      <h2>Board settings</h2>
      <label
        >Title
        <input
          data-testid="settings-title"
          maxlength=${MAX_BOARD_TITLE}
          .value=${draft.title}
          ?readonly=${readOnly}
          aria-invalid=${this.error?.field === 'title' ? 'true' : 'false'}
          @input=${(e: Event) => this.#edit({ title: (e.target as HTMLInputElement).value })}
      /></label>
      <label
        >Timeframe (the current cycle)
        <input
          data-testid="settings-timeframe"
          list=${listId}
          .value=${draft.timeframe}
          ?readonly=${readOnly}
          aria-invalid=${this.error?.field === 'timeframe' ? 'true' : 'false'}
          @input=${(e: Event) => this.#edit({ timeframe: (e.target as HTMLInputElement).value })}
        />
        <datalist id=${listId}>
          ${cycleSuggestions(draft.cadence, board.now).map((s) => html`<option value=${s}></option>`)}
        </datalist>
        <span class="hint">2026-Q4, 2026, or a range like 2026-09-01/2026-12-31.</span>
      </label>
      ${this.error ? html`<p class="error" role="alert">${this.error.message}</p>` : null}
      <label
        >Cycle cadence
        <select
          data-testid="settings-cadence"
          ?disabled=${readOnly}
          @change=${(e: Event) => this.#changeCadence(board, (e.target as HTMLSelectElement).value)}
        >
          ${CADENCES.map(
            (c) =>
              html`<option value=${c} ?selected=${c === draft.cadence}>
                ${CADENCE_LABELS[c]}
              </option>`,
          )}
        </select>
      </label>
      <p class="hint">
        Objectives without a timeframe of their own run in the board's. "Carry forward" in the
        retrospective moves the board into the next cycle.
      </p>
      ${
        readOnly
          ? html`<p class="hint" data-testid="settings-facilitator-only">
              Only the facilitator changes the board's settings.
            </p>`
          : null
      }
      <div class="actions">
        <button type="button" data-testid="settings-cancel" @click=${this.#close}>
          ${readOnly ? 'Close' : 'Cancel'}
        </button>
        ${readOnly ? null : html`<button type="submit" class="primary" data-testid="settings-save">Save</button>`}
      </div>
    </form>`
  }

  #toggle(board: BoardController): void {
    if (this.open) return this.#close()
    this.draft = draftOf(board.derive(readBoardSettings), board.now)
    this.error = null
    this.open = true
  }

  /** Typing in the field that was wrong clears its message; it is checked again on save. */
  #edit(change: Partial<SettingsDraft>): void {
    if (this.draft) this.draft = { ...this.draft, ...change }
    if (this.error && this.error.field in change) this.error = null
  }

  /** A new cadence offers its cycle that holds today, since the old timeframe no longer fits. */
  #changeCadence(board: BoardController, value: string): void {
    const cadence = readCadence(value)
    this.#edit({ cadence, timeframe: timeframeText({ timeframe: null, cadence }, board.now) })
  }

  #save(event: Event, board: BoardController): void {
    event.preventDefault()
    if (this.draft === null) return
    const result = settingsToSave(this.draft)
    if (!result.ok) {
      this.error = { field: result.field, message: result.message }
      return
    }
    if (board.attempt(updateBoardSettings, result.settings)) this.#close()
  }

  readonly #close = (): void => {
    this.open = false
    this.draft = null
    this.error = null
  }

  readonly #onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) this.#close()
  }
}

customElements.define('sb-board-settings', SbBoardSettings)

declare global {
  interface HTMLElementTagNameMap {
    'sb-board-settings': SbBoardSettings
  }
}
