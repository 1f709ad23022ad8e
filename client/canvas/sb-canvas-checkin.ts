/**
 * <sb-canvas-checkin>: check in from the canvas. With a converted note (or a converted group's
 * frame) selected, a small panel in the canvas's top-right corner offers "Check in": a value
 * and an optional comment for the note's key result (for a frame, one of its objective's key
 * results), written by the same createCheckIn command as the OKR workspace's form. Editors only.
 */
import { LitElement, css, html, nothing } from 'lit'
import { keyed } from 'lit/directives/keyed.js'
import { createCheckIn } from '../../core/board/commands/okr'
import type { ExportedKeyResult } from '../../core/export/export-model'
import { formatValue } from '../../core/export/format'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import { newId } from '../board/ids'
import { parseCheckIn } from '../okr/checkins-model'
import { BAND_COLORS } from '../okr/okr-styles'
import { canvasScores, checkInTarget, type CheckInTarget } from './canvas-scores'

export class SbCanvasCheckin extends LitElement {
  static override properties = {
    selection: { attribute: false },
    open: { state: true },
    error: { state: true },
  }

  static override styles = css`
    :host {
      position: absolute;
      top: 12px;
      right: 12px;
      z-index: 4;
      font:
        13px system-ui,
        sans-serif;
      color: #1f2937;
    }
    .panel {
      background: #fff;
      border: 1px solid #d1d5db;
      border-radius: 10px;
      box-shadow: 0 2px 10px rgba(0, 0, 0, 0.15);
      padding: 8px 10px;
      display: grid;
      gap: 6px;
      width: 240px;
    }
    .head {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .pill {
      color: #fff;
      font-weight: 700;
      border-radius: 999px;
      padding: 1px 8px;
    }
    .title {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    input,
    select,
    button {
      font: inherit;
      padding: 4px 6px;
      border: 1px solid #d1d5db;
      border-radius: 6px;
    }
    button {
      background: #fff;
      cursor: pointer;
    }
    button.primary {
      background: #2563eb;
      border-color: #2563eb;
      color: #fff;
    }
    .error {
      color: #b91c1c;
      margin: 0;
    }
  `

  /** The canvas's selection (note and frame ids). */
  declare selection: readonly string[]
  declare open: boolean
  declare error: string | null

  /** Figures are read only while something is selected: no OKR work for every note drag. */
  readonly #board = new BoardConsumer(this, (board) =>
    this.selection.length > 0 ? board.okrs : null,
  )
  #target: CheckInTarget | null = null

  constructor() {
    super()
    this.selection = []
    this.open = false
    this.error = null
  }

  protected override willUpdate(): void {
    const board = this.#board.board
    const target =
      board?.canEdit === true && this.selection.length > 0
        ? checkInTarget(this.selection, canvasScores(board.cycleSnapshot, board.okrs))
        : null
    if (target?.id !== this.#target?.id) {
      // Another note or frame: the form starts closed and clean.
      this.open = false
      this.error = null
    }
    this.#target = target
  }

  protected override render() {
    const board = this.#board.board
    const target = this.#target
    if (!board || !target) return nothing
    const krs = this.#keyResults(board, target)
    if (krs.length === 0) return nothing
    const { score } = target
    return html`<div class="panel" data-testid="canvas-checkin">
      <div class="head">
        <span class="pill" style="background:${BAND_COLORS[score.band]}">${score.text}</span>
        <span class="title" title=${score.title}>${score.title}</span>
        ${
          this.open
            ? nothing
            : html`<button type="button" data-testid="canvas-checkin-open" @click=${this.#show}>
                Check in
              </button>`
        }
      </div>
      ${this.open ? keyed(target.id, this.#form(board, krs)) : nothing}
    </div>`
  }

  #keyResults(board: BoardController, target: CheckInTarget): ExportedKeyResult[] {
    const wanted = new Set(target.score.keyResultIds)
    return board.okrs.objectives.flatMap((o) => o.keyResults).filter((kr) => wanted.has(kr.id))
  }

  #form(board: BoardController, krs: readonly ExportedKeyResult[]) {
    const only = krs.length === 1 ? krs[0] : undefined
    return html`<form @submit=${(e: SubmitEvent) => this.#submit(e, board)}>
      <div style="display:grid;gap:6px">
        ${
          only
            ? html`<input type="hidden" name="kr" .value=${only.id} />`
            : html`<select name="kr" aria-label="Key result" data-testid="canvas-checkin-kr">
                ${krs.map((kr) => html`<option value=${kr.id}>${kr.title}</option>`)}
              </select>`
        }
        <input
          name="value"
          inputmode="decimal"
          autocomplete="off"
          aria-label="Value"
          placeholder=${
            only
              ? `Value now (target ${formatValue(only.effectiveTarget, only.unit)})`
              : 'Value now'
          }
          data-testid="canvas-checkin-value"
        />
        <input
          name="note"
          aria-label="Comment"
          placeholder="Comment (optional)"
          data-testid="canvas-checkin-note"
        />
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="head">
          <button type="submit" class="primary" data-testid="canvas-checkin-submit">
            Check in
          </button>
          <button type="button" @click=${() => (this.open = false)}>Cancel</button>
        </div>
      </div>
    </form>`
  }

  readonly #show = async (): Promise<void> => {
    this.open = true
    await this.updateComplete
    this.renderRoot.querySelector<HTMLInputElement>('input[name="value"]')?.focus()
  }

  #submit(event: SubmitEvent, board: BoardController): void {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const field = (name: string) =>
      (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? ''
    const parsed = parseCheckIn({
      value: field('value'),
      predicted: '',
      confidence: '',
      note: field('note'),
    })
    if (!parsed.ok) {
      this.error = parsed.errors.get('value')?.message ?? 'Type a number.'
      return
    }
    const done = board.attempt(createCheckIn, {
      id: newId(),
      keyResultId: field('kr'),
      at: board.clock(),
      author: board.identity.name,
      ...parsed.value,
    })
    if (done) {
      this.error = null
      this.open = false
    }
  }
}

if (!customElements.get('sb-canvas-checkin')) {
  customElements.define('sb-canvas-checkin', SbCanvasCheckin)
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-canvas-checkin': SbCanvasCheckin
  }
}
