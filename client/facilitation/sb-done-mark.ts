/**
 * <sb-done-mark>: "I'm done" for a participant and "2 of 3 done" for the facilitator, during a
 * timed step (./done-marks.ts says what a step is). One element, so the canvas toolbar and the
 * OKR workspace (where the key-result steps happen) show the same mark from the same presence.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit'
import { readAgenda } from '../../core/play/agenda'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import { countDone, doneLabel, doneScope, readDone, type DoneCount } from './done-marks'

/** Names shown beside the count; the rest are counted ("Ann, Bob +3"). */
const NAMES_SHOWN = 3

function doneButton(done: boolean, toggle: () => void): TemplateResult {
  return html`<button
    type="button"
    data-testid="done"
    aria-pressed=${done ? 'true' : 'false'}
    title="Tell the facilitator you are done with this step"
    @click=${toggle}
  >
    ${done ? "✓ I'm done" : "I'm done"}
  </button>`
}

function doneCount(count: DoneCount): TemplateResult {
  const who = count.names.length > 0 ? `Done: ${count.names.join(', ')}` : 'Nobody is done yet'
  const more = count.names.length - NAMES_SHOWN
  const shown = count.names.slice(0, NAMES_SHOWN).join(', ') + (more > 0 ? ` +${more}` : '')
  return html`<output data-testid="done-count" title=${who} aria-label="${doneLabel(count)}. ${who}"
      >${doneLabel(count)}</output
    >${shown === '' ? nothing : html`<span class="who" data-testid="done-names">${shown}</span>`}`
}

/** The step "I'm done" refers to now, or null when no timed step runs. */
export function currentDoneScope(board: BoardController): string | null {
  return doneScope(board.derive(readAgenda), board.meta.phase, board.meta.timer)
}

export class SbDoneMark extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    button {
      font: inherit;
      border: 1px solid #d1d5db;
      background: #fff;
      border-radius: 6px;
      padding: 3px 8px;
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      background: #e0e7ff;
      border-color: #6366f1;
    }
    output {
      padding: 0 4px;
      font-weight: 600;
    }
    .who {
      color: #4b5563;
      max-width: 16em;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `

  readonly #board = new BoardConsumer(this, (board) => board.version)
  #watched: BoardController | null = null
  #frame = 0

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#watch(null)
    cancelAnimationFrame(this.#frame)
    this.#frame = 0
  }

  override willUpdate(): void {
    this.#watch(this.#board.board ?? null)
  }

  /** Who is done lives in presence, not in the board: listen to it here. */
  #watch(board: BoardController | null): void {
    if (board === this.#watched) return
    this.#watched?.awareness.off('change', this.#soon)
    this.#watched = board
    board?.awareness.on('change', this.#soon)
  }

  readonly #soon = (): void => {
    if (this.#frame) return
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0
      this.requestUpdate()
    })
  }

  override render(): TemplateResult | typeof nothing {
    const board = this.#board.board
    const scope = board === undefined ? null : currentDoneScope(board)
    if (board === undefined || scope === null) return nothing
    if (board.role === 'facilitate') return doneCount(countDone(board.awareness.getStates(), scope))
    if (board.role !== 'edit') return nothing
    const mine = readDone(board.awareness.getLocalState()) === scope
    return doneButton(mine, () =>
      board.awareness.setLocalStateField('done', mine ? null : { scope }),
    )
  }
}

customElements.define('sb-done-mark', SbDoneMark)

declare global {
  interface HTMLElementTagNameMap {
    'sb-done-mark': SbDoneMark
  }
}
