/**
 * The OKR workspace: everything after the vote, in the same live document. Tabs for Convert,
 * Editor, Quality, Check-ins, Dashboard, Export and Retrospective share one read model of the
 * board (re-derived once per change, however many panels show it) and one clock.
 *
 * Mount it next to the board (e.g. as an "OKRs" tab in sb-board-view). It consumes the
 * BoardSession from context and raises a bubbling, composed `focus-notes` event
 * ({ detail: { noteIds } }) when someone follows a key result back to its sticky notes.
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext } from '../board/board-context'
import { observeBoardSnapshot } from '../board/y-observe-controller'
import type { BoardSnapshot } from '../../core/board/board-model'
import type { EpochMs } from '../../core/okr/okr-model'
import type { OkrExport } from '../../core/export/export-model'
import { exportOkrs } from '../../core/export/export-model'
import { okrStyles } from './okr-styles'
import './sb-okr-convert'
import './sb-okr-editor'
import './sb-okr-quality'
import './sb-okr-checkins'
import './sb-okr-dashboard'
import './sb-okr-export'
import './sb-okr-retro'

export const OKR_TABS = [
  ['dashboard', 'Dashboard'],
  ['convert', 'Convert'],
  ['editor', 'Editor'],
  ['quality', 'Quality'],
  ['checkins', 'Check-ins'],
  ['export', 'Export'],
  ['retro', 'Retrospective'],
] as const
export type OkrTab = (typeof OKR_TABS)[number][0]

/** Composed events that start a new gesture (they cross the panels' shadow roots). */
const GESTURES = ['pointerdown', 'focusin'] as const

/** The clock ticks each minute: trends, due check-ins and "expected" move with the day. */
const TICK_MS = 60_000

export class SbOkrWorkspace extends LitElement {
  static override properties = {
    tab: { type: String, reflect: true },
    now: { state: true },
  }

  declare tab: OkrTab
  declare now: EpochMs

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })
  readonly #board = observeBoardSnapshot(this, () => this.#session.value)
  #timer: ReturnType<typeof setInterval> | undefined
  #cache: { snapshot: BoardSnapshot; now: number; data: OkrExport } | null = null

  constructor() {
    super()
    this.tab = 'dashboard'
    this.now = Date.now() as EpochMs
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
    this.#timer = setInterval(() => (this.now = Date.now() as EpochMs), TICK_MS)
    for (const type of GESTURES) this.addEventListener(type, this.#newUndoStep, true)
  }

  override disconnectedCallback(): void {
    clearInterval(this.#timer)
    for (const type of GESTURES) this.removeEventListener(type, this.#newUndoStep, true)
    super.disconnectedCallback()
  }

  /**
   * The undo manager merges changes less than 400 ms apart, which suits typing but would fold
   * a check-in, an owner edit and a stretch made in quick succession into one Undo. Every
   * click or move to another field starts a new step; keystrokes in one field still merge.
   */
  readonly #newUndoStep = (): void => this.#session.value?.undoManager.stopCapturing()

  /** One export model per (board state, minute): every panel reads the same figures. */
  #data(snapshot: BoardSnapshot): OkrExport {
    const cached = this.#cache
    if (cached && cached.snapshot === snapshot && cached.now === this.now) return cached.data
    const data = exportOkrs(snapshot, { now: this.now })
    this.#cache = { snapshot, now: this.now, data }
    return data
  }

  override render() {
    const session = this.#session.value
    const snapshot = this.#board.value
    if (session === undefined || snapshot === null) {
      return html`<main><p class="empty">Opening the board…</p></main>`
    }
    const data = this.#data(snapshot)
    const canEdit = session.role === 'edit'
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
        ${
          canEdit
            ? html`<button
                  class="icon"
                  title="Undo your last OKR change"
                  data-testid="okr-undo"
                  @click=${() => session.undoManager.undo()}
                >
                  ↶ Undo
                </button>
                <button
                  class="icon"
                  title="Redo"
                  data-testid="okr-redo"
                  @click=${() => session.undoManager.redo()}
                >
                  ↷ Redo
                </button>`
            : html`<span class="badge">View only</span>`
        }
      </nav>
      <main role="tabpanel">${this.#panel(snapshot, data)}</main>`
  }

  #panel(snapshot: BoardSnapshot, data: OkrExport) {
    const now = this.now
    switch (this.tab) {
      case 'convert':
        return html`<sb-okr-convert .snapshot=${snapshot}></sb-okr-convert>`
      case 'editor':
        return html`<sb-okr-editor .snapshot=${snapshot} .data=${data}></sb-okr-editor>`
      case 'quality':
        return html`<sb-okr-quality .snapshot=${snapshot}></sb-okr-quality>`
      case 'checkins':
        return html`<sb-okr-checkins
          .snapshot=${snapshot}
          .data=${data}
          .now=${now}
        ></sb-okr-checkins>`
      case 'dashboard':
        return html`<sb-okr-dashboard .data=${data}></sb-okr-dashboard>`
      case 'export':
        return html`<sb-okr-export .data=${data}></sb-okr-export>`
      case 'retro':
        return html`<sb-okr-retro .snapshot=${snapshot} .data=${data} .now=${now}></sb-okr-retro>`
    }
  }
}

customElements.define('sb-okr-workspace', SbOkrWorkspace)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-workspace': SbOkrWorkspace
  }
}
