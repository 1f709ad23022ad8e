/**
 * The step-aware help shown beside the agenda: what the current step of the play asks for, with
 * the board's own facts filled in and, where the step is about fixing things (stretching
 * targets, tying loose ends), one click per fix. The element only dispatches on the help kind;
 * each kind's content is a pure model (./*-model.ts) drawn by a small view function.
 */
import { LitElement, css, html } from 'lit'
import type { PlayStep, StepHelp } from '../../../core/play/play-model'
import { BoardConsumer } from '../../board/board-consumer'
import type { BoardController } from '../../board/board-controller'
import { ambitionView } from './ambition-view'
import {
  brainstormView,
  cheatSheetView,
  keyResultsView,
  retroFactsView,
  scoringView,
} from './help-views'
import { looseEndsView } from './loose-ends-view'
import { okrStyles } from '../../okr/okr-styles'

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

  /** The OKR workspace's look (buttons, inputs, muted text), tightened for a side panel. */
  static override styles = [
    okrStyles,
    css`
      :host {
        display: block;
        font-size: 0.85rem;
        color: var(--sb-ink, #1f2937);
      }
      h3 {
        margin: 0 0 4px;
        font-size: 0.92rem;
      }
      h4 {
        margin: 10px 0 2px;
        font-size: 0.85rem;
      }
      ul,
      ol {
        margin: 4px 0;
        padding-left: 18px;
      }
      ul.ends {
        list-style: none;
        padding: 0;
      }
      ul.ends > li {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 10px;
        align-items: center;
        justify-content: space-between;
        padding: 6px 0;
        border-top: 1px solid var(--sb-line, #e5e1d6);
      }
      .fixes {
        display: flex;
        gap: 6px;
        align-items: center;
        flex-wrap: wrap;
      }
      .ok {
        color: #15803d;
      }
      .warn {
        color: #b45309;
      }
      .question {
        font-weight: 600;
      }
      button {
        font-size: 0.8rem;
        padding: 3px 9px;
      }
      input.fix {
        font-size: 0.8rem;
        padding: 3px 6px;
      }
      input.number {
        width: 90px;
      }
      input.text {
        width: 220px;
      }
      sb-owner-picker.picker {
        width: 150px;
      }
      .invite {
        margin-top: 10px;
      }
    `,
  ]

  override render() {
    const board = this.#board.board
    if (board === undefined || this.help === null) return null
    return html`<section data-testid="step-help" data-help=${this.help}>
      ${this.#content(board, this.help)}
    </section>`
  }

  #content(board: BoardController, help: StepHelp) {
    switch (help) {
      case 'cheat-sheet':
        return cheatSheetView()
      case 'brainstorm':
        return brainstormView(this.step)
      case 'key-results':
        return keyResultsView(board)
      case 'ambition':
        return ambitionView(board)
      case 'loose-ends':
        return looseEndsView(board)
      case 'scoring':
        return scoringView(board)
      case 'retro-facts':
        return retroFactsView(board)
      default:
        return null
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-step-help': SbStepHelp
  }
}

if (!customElements.get('sb-step-help')) customElements.define('sb-step-help', SbStepHelp)
