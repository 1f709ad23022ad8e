/**
 * The board screen: top bar (title, settings, phases, timer, presence, status, share, export), the
 * canvas, the facilitation side panel, the list mirror of every note and group, the OKR
 * workspace drawn over the canvas, and the board's notice.
 */
import { LitElement, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import { boardFileName, encodeBoardFile } from '../board/board-file'
import {
  canvasElement,
  pngBlob,
  type CanvasApi,
  type SelectionChangeDetail,
} from '../canvas/canvas-api'
import { boardViewStyles } from './board-view-styles'
import { buttonStyles } from './button-styles'
import { exportMenu, shareMenu, type BoardMenu, type ShareLinks } from './board-menus'
import './sb-board-title'
import './sb-board-settings'
import './sb-board-notice'
import './sb-status-chip'
import './sb-avatars'
import '../facilitation/sb-phase-bar'
import '../facilitation/sb-timer'
import '../facilitation/sb-agenda'
import type { AgendaStepDetail } from '../facilitation/sb-agenda'
import '../facilitation/sb-facilitation-panel'
import '../canvas/sb-note-list'
import '../okr/sb-okr-workspace'
import { canFacilitate } from '../board/board-context'

type View = 'board' | 'okrs'

const VIEW_LABELS: Record<View, string> = { board: 'Board', okrs: 'OKRs' }

export class SbBoardView extends LitElement {
  static override properties = {
    cachedTitle: { attribute: false },
    shareLinks: { attribute: false },
    listVisible: { state: true },
    menu: { state: true },
    selection: { state: true },
    view: { state: true },
    switchTo: { attribute: false },
  }

  /** This device's cached title, until the document's own has loaded. */
  declare cachedTitle: string
  declare shareLinks: ShareLinks | null
  declare listVisible: boolean
  declare menu: BoardMenu | null
  declare selection: readonly string[]
  /** The board, or the OKR workspace drawn over it (the canvas stays mounted underneath). */
  declare view: View
  /**
   * A stronger link of this board this device holds than the open one (the creator opened the
   * edit or view link to check what others see), or null.
   */
  declare switchTo: 'facilitate' | 'edit' | null

  /** The name button shows who this person is. */
  readonly #board = new BoardConsumer(this, (board) => board.identity)
  readonly #focus = new BoardConsumer(this, (board) => board.intents.focus)
  #focusSeen: BoardController['intents']['focus'] = null

  constructor() {
    super()
    this.cachedTitle = ''
    this.shareLinks = null
    this.listVisible = false
    this.menu = null
    this.selection = []
    this.view = 'board'
    this.switchTo = null
  }

  static override styles = [buttonStyles, boardViewStyles]

  /** "Show me the sticky notes behind this": back to the board, where the canvas shows them. */
  override willUpdate(): void {
    const focus = this.#focus.board?.intents.focus ?? null
    if (focus === this.#focusSeen) return
    this.#focusSeen = focus
    if (focus !== null) this.view = 'board'
  }

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    return html`<header>${this.#bar(board)}</header>
      <sb-agenda placement="strip" @sb-agenda-step=${this.#takeToStep}></sb-agenda>
      <div class="body">
        <div class="canvas">
          <sb-board-canvas
            @selection-change=${(event: CustomEvent<SelectionChangeDetail>) =>
              (this.selection = event.detail.ids)}
          ></sb-board-canvas>
          <sb-note-list ?visible=${this.listVisible}></sb-note-list>
        </div>
        <sb-facilitation-panel .selection=${this.selection}></sb-facilitation-panel>
        ${this.view === 'okrs' ? html`<sb-okr-workspace class="okrs"></sb-okr-workspace>` : null}
        <sb-board-notice></sb-board-notice>
      </div>`
  }

  #bar(board: BoardController) {
    const menus = { open: this.menu, toggle: this.#toggleMenu }
    return html`<a class="home" href="/" @click=${this.#home} aria-label="Stretchboard home">◧</a>
      <sb-board-title .fallback=${this.cachedTitle}></sb-board-title>
      <sb-board-settings></sb-board-settings>
      ${roleBadge(board)} ${this.switchTo === null ? null : this.#switchToEdit(this.switchTo)}
      <div class="views" role="group" aria-label="View">
        ${(['board', 'okrs'] as const).map(
          (view) =>
            html`<button
              aria-pressed=${this.view === view ? 'true' : 'false'}
              data-view=${view}
              @click=${() => (this.view = view)}
            >
              ${VIEW_LABELS[view]}
            </button>`,
        )}
      </div>
      <sb-phase-bar></sb-phase-bar>
      <sb-timer></sb-timer>
      <sb-agenda placement="bar"></sb-agenda>
      <span class="spacer"></span>
      <sb-avatars></sb-avatars>
      <sb-status-chip></sb-status-chip>
      <button
        data-testid="name-button"
        title="Change your display name"
        @click=${() => this.#emit('sb-edit-name')}
      >
        ${board.identity.name}
      </button>
      <button
        aria-pressed=${this.listVisible ? 'true' : 'false'}
        data-testid="toggle-list"
        @click=${() => (this.listVisible = !this.listVisible)}
      >
        List view
      </button>
      ${
        this.shareLinks !== null && board.canEdit
          ? shareMenu(
              menus,
              shared(board, this.shareLinks),
              canFacilitate(board) ? this.#rotate : null,
            )
          : null
      }
      ${exportMenu(menus, { png: () => this.#exportPng(board), file: () => this.#exportFile(board) })}`
  }

  #switchToEdit(role: 'facilitate' | 'edit') {
    return html`<button
      data-testid="switch-to-edit"
      data-role=${role}
      title=${`This device also has the ${role === 'edit' ? 'edit' : 'facilitator'} link for this board`}
      @click=${() => this.#emit('sb-switch-to-edit')}
    >
      ${role === 'edit' ? 'Edit instead' : 'Facilitate instead'}
    </button>`
  }

  /** The room entered a step of the agenda: this person goes to its view, once. */
  readonly #takeToStep = async (event: CustomEvent<AgendaStepDetail>): Promise<void> => {
    const { view, tab } = event.detail
    this.view = view
    if (tab === null) return
    await this.updateComplete
    const workspace = this.renderRoot.querySelector('sb-okr-workspace')
    if (workspace !== null) workspace.tab = tab
  }

  readonly #toggleMenu = (menu: BoardMenu): void => {
    this.menu = this.menu === menu ? null : menu
  }

  async #exportPng(board: BoardController): Promise<void> {
    this.menu = null
    const canvas: CanvasApi | null = canvasElement(this.renderRoot)
    if (canvas === null) return board.notify('The canvas is not ready yet.')
    try {
      download(await pngBlob(canvas, 2), `${this.#fileName(board).replace(/\.[^.]+$/, '')}.png`)
    } catch (error) {
      board.notify(`Could not render the image: ${String(error)}`)
    }
  }

  #exportFile(board: BoardController): void {
    this.menu = null
    const bytes = board.derive(encodeBoardFile)
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' })
    download(blob, this.#fileName(board))
  }

  #fileName(board: BoardController): string {
    return boardFileName(board.meta.title || this.cachedTitle, new Date(board.now))
  }

  /** The board page asks the server (it holds the token) and reopens the board. */
  readonly #rotate = (kind: keyof ShareLinks): void => {
    const what = kind === 'facilitate' ? 'facilitator' : kind
    const question = `Make a new ${what} link? The current one stops opening the board for everyone who has it.`
    if (!confirm(question)) return
    this.dispatchEvent(
      new CustomEvent('sb-rotate-link', { detail: kind, bubbles: true, composed: true }),
    )
  }

  #emit(type: 'sb-edit-name' | 'sb-switch-to-edit'): void {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }))
  }

  #home(event: Event): void {
    event.preventDefault()
    this.dispatchEvent(
      new CustomEvent('sb-navigate', { detail: '/', bubbles: true, composed: true }),
    )
  }
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = Object.assign(document.createElement('a'), { href: url, download: name })
  link.click()
  // The click starts the download synchronously; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** The facilitator link is offered only while facilitating: a participant's screen never shows it. */
function shared(board: BoardController, links: ShareLinks): ShareLinks {
  return canFacilitate(board) ? links : { ...links, facilitate: null }
}

/** Says which link is open when it is not a participant's: the facilitator's or a view link. */
function roleBadge(board: BoardController) {
  if (canFacilitate(board)) {
    return html`<span class="role" data-testid="facilitating">Facilitator</span>`
  }
  return board.canEdit ? null : html`<span class="role" data-testid="view-only">View only</span>`
}

customElements.define('sb-board-view', SbBoardView)

declare global {
  interface HTMLElementTagNameMap {
    'sb-board-view': SbBoardView
  }
}
