/**
 * <sb-done-mark>: "I'm done" for a participant and "2 of 3 done" for the facilitator, during a
 * timed step (./done-marks.ts says what a step is). One element, so the canvas toolbar and the
 * OKR workspace (where the key-result steps happen) show the same mark from the same presence.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit'
import { readAgenda } from '../../core/play/agenda'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import { toolButtonStyles } from '../canvas/toolbar-styles'
import { countDone, doneLabel, doneScope, type DoneCount } from './done-marks'

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
  return doneScope(board.derive(readAgenda, 'meta'), board.meta.phase, board.meta.timer)
}

export class SbDoneMark extends LitElement {
  static override styles = [
    toolButtonStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 4px;
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
    `,
  ]

  /** Who is done comes with the board's peer list, which changes only when someone's mark does. */
  readonly #peers = new BoardConsumer(this, (board) => board.peers)
  /** The step (agenda or timer) the marks refer to. */
  readonly #meta = new BoardConsumer(this, (board) => board.meta)

  override render(): TemplateResult | typeof nothing {
    const board = this.#peers.board
    const meta = this.#meta.board?.meta
    if (board === undefined || meta === undefined) return nothing
    const scope = doneScope(board.derive(readAgenda, 'meta'), meta.phase, meta.timer)
    if (scope === null) return nothing
    if (board.role === 'facilitate') return doneCount(countDone(board.peers, scope))
    if (board.role !== 'edit') return nothing
    const mine = board.peers.find((peer) => peer.isSelf)?.done === scope
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
