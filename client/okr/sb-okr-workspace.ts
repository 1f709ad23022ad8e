/**
 * The OKR workspace: everything after the vote, in the same live document. Tabs for Convert,
 * Editor, Quality, Check-ins, Dashboard, Export and Retrospective; every panel reads the board
 * through the BoardController, so they share one derived model and one clock.
 *
 * Mounted next to the board (the "OKRs" tab of sb-board-view). Following a key result back to
 * its sticky notes asks the canvas through `board.focusNotes`.
 *
 * The cycle switcher picks the OKR cycle (quarter) every panel shows, for this person only: it
 * starts on the board's current cycle, so after "Carry forward" the old and the new quarter
 * never mix in one view, figure or export.
 */
import { LitElement, css, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import { okrStyles } from './okr-styles'
import { OKR_TABS, type OkrTab } from './workspace-tabs'
import { cycleKey, cycleSwitcher } from './cycle-switcher'
import './sb-okr-convert'
import './sb-okr-editor'
import './sb-okr-quality'
import './sb-okr-checkins'
import './sb-okr-dashboard'
import './sb-okr-export'
import './sb-okr-retro'
import '../facilitation/sb-done-mark'

/** Composed events that start a new gesture (they cross the panels' shadow roots). */
const GESTURES = ['pointerdown', 'focusin'] as const

export class SbOkrWorkspace extends LitElement {
  static override properties = {
    tab: { type: String, reflect: true },
  }

  declare tab: OkrTab

  /** The toolbar depends only on whether the board is open and may be edited. */
  readonly #board = new BoardConsumer(this, (b) => b.canEdit)
  /** …and on the cycles to switch between. */
  readonly #cycles = new BoardConsumer(this, cycleKey)

  constructor() {
    super()
    this.tab = 'dashboard'
  }

  static override styles = [
    okrStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 0;
        background: var(--sb-paper, #f7f5ef);
      }
      nav {
        display: flex;
        gap: 4px;
        padding: 8px 12px;
        border-bottom: 1px solid var(--sb-line, #e5e1d6);
        background: var(--sb-surface, #fff);
        flex-wrap: wrap;
        align-items: center;
      }
      nav button[aria-selected='true'] {
        background: var(--sb-ink, #1f2937);
        color: #fff;
        border-color: var(--sb-ink, #1f2937);
      }
      main {
        flex: 1;
        overflow: auto;
        padding: 16px;
        min-height: 0;
      }
    `,
  ]

  override connectedCallback(): void {
    super.connectedCallback()
    for (const type of GESTURES) this.addEventListener(type, this.#newUndoStep, true)
  }

  override disconnectedCallback(): void {
    for (const type of GESTURES) this.removeEventListener(type, this.#newUndoStep, true)
    super.disconnectedCallback()
  }

  /**
   * The undo manager merges changes less than 400 ms apart, which suits typing but would fold
   * a check-in, an owner edit and a stretch made in quick succession into one Undo. Every
   * click or move to another field starts a new step; keystrokes in one field still merge.
   */
  readonly #newUndoStep = (): void => this.#board.board?.newUndoStep()

  override render() {
    const board = this.#board.board
    if (board === undefined) {
      return html`<main><p class="empty">Opening the board…</p></main>`
    }
    return html`<nav role="tablist" aria-label="OKR workspace" data-testid="okr-workspace">
        ${OKR_TABS.map(
          ([id, label]) =>
            html`<button
              role="tab"
              aria-selected=${this.tab === id ? 'true' : 'false'}
              data-testid=${`okr-tab-${id}`}
              @click=${() => (this.tab = id)}
            >
              ${label}
            </button>`,
        )}
        <span class="spacer"></span>
        <sb-done-mark></sb-done-mark>
        ${this.#cycles.board ? cycleSwitcher(this.#cycles.board) : null}
        ${
          board.canEdit
            ? html`<button
                  class="icon"
                  title="Undo your last OKR change"
                  data-testid="okr-undo"
                  @click=${() => board.undo()}
                >
                  ↶ Undo
                </button>
                <button
                  class="icon"
                  title="Redo"
                  data-testid="okr-redo"
                  @click=${() => board.redo()}
                >
                  ↷ Redo
                </button>`
            : html`<span class="badge">View only</span>`
        }
      </nav>
      <main role="tabpanel">${this.#panel()}</main>`
  }

  #panel() {
    switch (this.tab) {
      case 'convert':
        return html`<sb-okr-convert></sb-okr-convert>`
      case 'editor':
        return html`<sb-okr-editor></sb-okr-editor>`
      case 'quality':
        return html`<sb-okr-quality></sb-okr-quality>`
      case 'checkins':
        return html`<sb-okr-checkins></sb-okr-checkins>`
      case 'dashboard':
        return html`<sb-okr-dashboard></sb-okr-dashboard>`
      case 'export':
        return html`<sb-okr-export></sb-okr-export>`
      case 'retro':
        return html`<sb-okr-retro></sb-okr-retro>`
    }
  }
}

customElements.define('sb-okr-workspace', SbOkrWorkspace)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-workspace': SbOkrWorkspace
  }
}
