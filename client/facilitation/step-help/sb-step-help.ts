/**
 * The step-aware help shown beside the agenda: what the current step of the play asks for, with
 * the board's own facts filled in. The element is thin; each kind of help is a pure model.
 */
import { LitElement, css, html } from 'lit'
import { CHEAT_SHEET, type PlayStep, type StepHelp } from '../../../core/play/play-model'
import { BoardConsumer } from '../../board/board-consumer'

export class SbStepHelp extends LitElement {
  static override properties = {
    help: { attribute: false },
    step: { attribute: false },
  }

  declare help: StepHelp | null
  /** The step the help belongs to; its prompt is shown by the agenda, not repeated here. */
  declare step: PlayStep | null
  readonly #board = new BoardConsumer(this)

  constructor() {
    super()
    this.help = null
    this.step = null
  }

  static override styles = css`
    :host {
      display: block;
      font-size: 0.85rem;
    }
    h3 {
      margin: 0 0 4px;
      font-size: 0.9rem;
    }
    ul {
      margin: 4px 0;
      padding-left: 18px;
    }
  `

  override render() {
    if (this.#board.board === undefined || this.help === null) return null
    return html`<section data-testid="step-help" data-help=${this.help}>
      <h3>Cheat-sheet</h3>
      <ul>
        ${CHEAT_SHEET.map((line) => html`<li>${line}</li>`)}
      </ul>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-step-help': SbStepHelp
  }
}

if (!customElements.get('sb-step-help')) customElements.define('sb-step-help', SbStepHelp)
