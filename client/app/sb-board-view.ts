/**
 * The board screen: top bar (phases, timer, presence, status, share, export), the canvas, the
 * facilitation side panel and the accessible list mirror of every note and group.
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext } from '../board/board-context'
import { boardFileName, encodeBoardFile } from '../board/board-file'
import { observeBoardMeta } from '../board/y-observe-controller'
import type { CommandNotice } from '../board/run-command'
import { canvasElement, pngBlob } from '../canvas/canvas-api'
import './sb-status-chip'
import './sb-avatars'
import '../facilitation/sb-phase-bar'
import '../facilitation/sb-timer'
import '../facilitation/sb-facilitation-panel'
import '../canvas/sb-note-list'
import '../okr/sb-okr-workspace'

export class SbBoardView extends LitElement {
  static override properties = {
    title: { type: String },
    shareLinks: { attribute: false },
    listVisible: { state: true },
    notice: { state: true },
    menu: { state: true },
    selection: { state: true },
    view: { state: true },
    canSwitchToEdit: { type: Boolean },
  }

  declare title: string
  declare shareLinks: { readonly edit: string; readonly view: string } | null
  declare listVisible: boolean
  declare notice: string | null
  declare menu: 'share' | 'export' | null
  declare selection: readonly string[]
  /** The board, or the OKR workspace drawn over it (the canvas stays mounted underneath). */
  declare view: 'board' | 'okrs'
  /** This device also holds the board's edit link (opened the view link to check it). */
  declare canSwitchToEdit: boolean
  #noticeTimer: ReturnType<typeof setTimeout> | null = null

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })
  readonly #meta = observeBoardMeta(this, () => this.#session.value)

  constructor() {
    super()
    this.title = ''
    this.shareLinks = null
    this.listVisible = false
    this.notice = null
    this.menu = null
    this.selection = []
    this.view = 'board'
    this.canSwitchToEdit = false
    this.addEventListener('sb-notice', (event: CustomEvent<CommandNotice>) => {
      this.#showNotice(event.detail.message)
    })
  }

  static override styles = css`
    :host {
      display: grid;
      grid-template-rows: auto 1fr;
      height: 100%;
      overflow: hidden;
    }
    header {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 8px 12px;
      background: var(--sb-surface);
      border-bottom: 1px solid var(--sb-line);
      flex-wrap: wrap;
      position: relative;
      z-index: 3;
    }
    .home {
      font-weight: 800;
      color: inherit;
      text-decoration: none;
      letter-spacing: -0.01em;
    }
    h1 {
      font-size: 1rem;
      margin: 0;
      max-width: 18ch;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .role {
      font-size: 0.75rem;
      padding: 2px 8px;
      border-radius: 999px;
      background: #fef3c7;
      color: #92400e;
    }
    .spacer {
      flex: 1;
    }
    button,
    .button {
      font: inherit;
      font-size: 0.85rem;
      padding: 6px 10px;
      border-radius: 8px;
      border: 1px solid var(--sb-line);
      background: var(--sb-surface);
      color: inherit;
      cursor: pointer;
      text-decoration: none;
    }
    button[aria-pressed='true'] {
      background: var(--sb-ink);
      color: #fff;
      border-color: var(--sb-ink);
    }
    .menu {
      position: relative;
    }
    .popover {
      position: absolute;
      right: 0;
      top: calc(100% + 6px);
      background: var(--sb-surface);
      border-radius: var(--sb-radius);
      box-shadow: var(--sb-shadow);
      padding: 12px;
      width: 320px;
      display: grid;
      gap: 8px;
      z-index: 5;
    }
    .popover label {
      font-size: 0.8rem;
      color: var(--sb-muted);
    }
    .popover input {
      width: 100%;
      box-sizing: border-box;
      font: inherit;
      font-size: 0.8rem;
      padding: 6px;
      border: 1px solid var(--sb-line);
      border-radius: 6px;
    }
    .body {
      position: relative;
      display: grid;
      grid-template-columns: 1fr auto;
      min-height: 0;
    }
    .canvas {
      position: relative;
      min-width: 0;
      min-height: 0;
    }
    sb-board-canvas {
      position: absolute;
      inset: 0;
    }
    sb-facilitation-panel {
      width: 300px;
      border-left: 1px solid var(--sb-line);
      background: var(--sb-surface);
      overflow: auto;
    }
    .views {
      display: inline-flex;
      gap: 2px;
      padding: 2px;
      border-radius: 10px;
      background: #f3f4f6;
    }
    .views button {
      border: none;
      background: transparent;
    }
    .views button[aria-pressed='true'] {
      background: var(--sb-surface);
      color: var(--sb-ink);
      box-shadow: 0 1px 2px rgb(0 0 0 / 12%);
    }
    sb-okr-workspace {
      position: absolute;
      inset: 0;
      z-index: 4;
    }
    .notice {
      position: absolute;
      left: 50%;
      bottom: 20px;
      transform: translateX(-50%);
      background: var(--sb-ink);
      color: #fff;
      padding: 10px 16px;
      border-radius: 8px;
      box-shadow: var(--sb-shadow);
      z-index: 6;
      max-width: 80%;
    }
    @media (max-width: 800px) {
      .body {
        grid-template-columns: 1fr;
      }
      sb-facilitation-panel {
        display: none;
      }
    }
  `

  override render() {
    const session = this.#session.value
    if (session === undefined) return null
    const meta = this.#meta.value
    const canEdit = session.role === 'edit'
    return html`<header>
        <a class="home" href="/" @click=${this.#home} aria-label="Stretchboard home">◧</a>
        <h1 data-testid="board-title">${meta?.title || this.title || 'Untitled board'}</h1>
        ${canEdit ? null : html`<span class="role" data-testid="view-only">View only</span>`}
        ${
          !canEdit && this.canSwitchToEdit
            ? html`<button
                data-testid="switch-to-edit"
                title="This device also has the edit link for this board"
                @click=${() =>
                  this.dispatchEvent(
                    new CustomEvent('sb-switch-to-edit', { bubbles: true, composed: true }),
                  )}
              >
                Edit instead
              </button>`
            : null
        }
        <div class="views" role="group" aria-label="View">
          ${(['board', 'okrs'] as const).map(
            (view) =>
              html`<button
                aria-pressed=${this.view === view ? 'true' : 'false'}
                data-view=${view}
                @click=${() => (this.view = view)}
              >
                ${view === 'board' ? 'Board' : 'OKRs'}
              </button>`,
          )}
        </div>
        <sb-phase-bar></sb-phase-bar>
        <sb-timer></sb-timer>
        <span class="spacer"></span>
        <sb-avatars></sb-avatars>
        <sb-status-chip></sb-status-chip>
        <button
          data-testid="name-button"
          title="Change your display name"
          @click=${() =>
            this.dispatchEvent(new CustomEvent('sb-edit-name', { bubbles: true, composed: true }))}
        >
          ${session.identity.name}
        </button>
        <button
          aria-pressed=${this.listVisible ? 'true' : 'false'}
          data-testid="toggle-list"
          @click=${() => (this.listVisible = !this.listVisible)}
        >
          List view
        </button>
        ${this.shareLinks !== null && canEdit ? this.#renderShare(this.shareLinks) : null}
        ${this.#renderExport()}
      </header>
      <div class="body">
        <div class="canvas">
          <sb-board-canvas
            @selection-change=${(event: CustomEvent<unknown>) =>
              (this.selection = selectionIds(event.detail))}
          ></sb-board-canvas>
          <sb-note-list ?visible=${this.listVisible}></sb-note-list>
        </div>
        <sb-facilitation-panel .selection=${this.selection}></sb-facilitation-panel>
        ${
          this.view === 'okrs'
            ? html`<sb-okr-workspace
                class="okrs"
                @focus-notes=${(event: CustomEvent<unknown>) => this.#focusNotes(event.detail)}
              ></sb-okr-workspace>`
            : null
        }
        ${
          this.notice !== null
            ? html`<div class="notice" role="alert" data-testid="notice">${this.notice}</div>`
            : null
        }
      </div>`
  }

  #renderShare(links: { readonly edit: string; readonly view: string }) {
    return html`<div class="menu">
      <button
        aria-expanded=${this.menu === 'share' ? 'true' : 'false'}
        data-testid="share-button"
        @click=${() => (this.menu = this.menu === 'share' ? null : 'share')}
      >
        Share
      </button>
      ${
        this.menu === 'share'
          ? html`<div class="popover" role="dialog" aria-label="Share links">
              <label for="edit-link">Edit link: anyone with it can change the board</label>
              <input
                id="edit-link"
                readonly
                .value=${links.edit}
                data-share="edit"
                @focus=${select}
              />
              <label for="view-link">View link: read-only, sees presence</label>
              <input
                id="view-link"
                readonly
                .value=${links.view}
                data-share="view"
                @focus=${select}
              />
            </div>`
          : null
      }
    </div>`
  }

  #renderExport() {
    return html`<div class="menu">
      <button
        aria-expanded=${this.menu === 'export' ? 'true' : 'false'}
        data-testid="export-button"
        @click=${() => (this.menu = this.menu === 'export' ? null : 'export')}
      >
        Export
      </button>
      ${
        this.menu === 'export'
          ? html`<div class="popover" role="menu">
              <button role="menuitem" data-testid="export-png" @click=${this.#exportPng}>
                Board as PNG image
              </button>
              <button role="menuitem" data-testid="export-file" @click=${this.#exportFile}>
                Board file (import it into a new board from the home page)
              </button>
            </div>`
          : null
      }
    </div>`
  }

  async #exportPng(): Promise<void> {
    this.menu = null
    const canvas = canvasElement(this.renderRoot)
    if (canvas === null) return this.#showNotice('The canvas is not ready yet.')
    try {
      download(await pngBlob(canvas, 2), `${this.#baseName()}.png`)
    } catch (error) {
      this.#showNotice(`Could not render the image: ${String(error)}`)
    }
  }

  #exportFile(): void {
    this.menu = null
    const session = this.#session.value
    if (session === undefined) return
    const bytes = encodeBoardFile(session.doc)
    const name = boardFileName(this.#meta.value?.title || this.title, new Date())
    download(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
      name,
    )
  }

  #baseName(): string {
    return boardFileName(this.#meta.value?.title || this.title, new Date()).replace(/\.[^.]+$/, '')
  }

  /** "Show me the sticky notes behind this key result": back to the board, zoomed to them. */
  #focusNotes(detail: unknown): void {
    const raw =
      typeof detail === 'object' && detail !== null ? (detail as { noteIds?: unknown }) : {}
    const ids = Array.isArray(raw.noteIds)
      ? raw.noteIds.filter((id): id is string => typeof id === 'string')
      : []
    this.view = 'board'
    this.canSwitchToEdit = false
    void this.updateComplete.then(() => canvasElement(this.renderRoot)?.focusNotes(ids))
  }

  #showNotice(message: string): void {
    this.notice = message
    if (this.#noticeTimer !== null) clearTimeout(this.#noticeTimer)
    this.#noticeTimer = setTimeout(() => (this.notice = null), 4000)
  }

  #home(event: Event): void {
    event.preventDefault()
    this.dispatchEvent(
      new CustomEvent('sb-navigate', { detail: '/', bubbles: true, composed: true }),
    )
  }
}

/** The canvas reports `{ ids }`; anything else selects nothing. */
function selectionIds(detail: unknown): readonly string[] {
  const ids =
    typeof detail === 'object' && detail !== null ? (detail as { ids?: unknown }).ids : null
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []
}

function select(event: FocusEvent): void {
  ;(event.target as HTMLInputElement).select()
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = Object.assign(document.createElement('a'), { href: url, download: name })
  link.click()
  // The click starts the download synchronously; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

customElements.define('sb-board-view', SbBoardView)

declare global {
  interface HTMLElementTagNameMap {
    'sb-board-view': SbBoardView
  }
}
