/**
 * The retrospective's calibration card: how close predicted scores came to the final ones. Each
 * person sees only their own figures; the team's are pooled, never broken down by person.
 */
import { LitElement, html } from 'lit'
import { calibrationText, monthsText } from '../../core/okr/calibration'
import { BoardConsumer } from '../board/board-consumer'
import { okrStyles } from './okr-styles'
import { retroCalibration, type RetroCalibration } from './calibration-model'
import type { BoardController } from '../board/board-controller'

export class SbOkrCalibration extends LitElement {
  static override properties = {
    label: { type: String },
    end: { type: Number },
  }

  /** The timeframe in view, as the retrospective's picker names it, and its end. */
  declare label: string
  declare end: number

  readonly #board = new BoardConsumer(this)

  constructor() {
    super()
    this.label = ''
    this.end = 0
  }

  static override styles = [okrStyles]

  #memo: { readonly inputs: readonly unknown[]; readonly value: RetroCalibration } | null = null

  /** Recomputed only when the board, the timeframe or the viewer changed, not on every repaint. */
  #figures(board: BoardController): RetroCalibration {
    const { snapshot, okrs, identity } = board
    const inputs = [snapshot, okrs, this.label, this.end, identity.id, identity.name]
    const memo = this.#memo
    if (memo !== null && memo.inputs.every((x, i) => Object.is(x, inputs[i]))) return memo.value
    const value = retroCalibration(snapshot, okrs, this.label, this.end, identity)
    this.#memo = { inputs, value }
    return value
  }

  override render() {
    const board = this.#board.board
    if (board === undefined || this.label === '') return null
    const { mine, team, people } = this.#figures(board)
    return html`<section class="card" data-testid="retro-calibration">
      <h3>Your calibration</h3>
      <p data-testid="calibration-mine">
        ${
          mine === null
            ? `You gave no predicted scores in ${this.label}.`
            : calibrationText(mine, 'You')
        }
      </p>
      ${
        mine !== null && mine.months.length > 1
          ? html`<p class="muted" data-testid="calibration-mine-months">
              By month: ${monthsText(mine.months)}
            </p>`
          : null
      }
      <p class="hint">Only you see your own figures.</p>
      <h3>Team calibration</h3>
      <p data-testid="calibration-team">
        ${
          team === null
            ? 'Nobody gave a predicted score in check-ins yet.'
            : `${calibrationText(team, 'The team')} ${people === 1 ? 'One person' : `${people} people`} gave predictions.`
        }
      </p>
    </section>`
  }
}

customElements.define('sb-okr-calibration', SbOkrCalibration)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-calibration': SbOkrCalibration
  }
}
