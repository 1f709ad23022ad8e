/**
 * Export: Markdown (a table to paste into a wiki), CSV and JSON downloads built by core/export
 * from the same model the dashboard shows, plus a print view.
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import type { OkrExport } from '../../core/export/export-model'
import type { BoardController } from '../board/board-controller'
import { BoardConsumer } from '../board/board-consumer'
import { getAccess, shareableViewToken } from '../device/board-access'
import { deviceStoreContext } from '../device/device-store'
import { downloadText } from './download'
import { exportFile, reminderFeed, type ExportKind } from './export-files'
import { okrStyles } from './okr-styles'
import { printHtml } from './print-view'

export class SbOkrExport extends LitElement {
  static override properties = {
    status: { state: true },
  }

  declare status: string

  readonly #board = new BoardConsumer(this, (b) => b.okrs)
  readonly #store = new ContextConsumer(this, { context: deviceStoreContext })

  constructor() {
    super()
    this.status = ''
  }

  static override styles = [
    okrStyles,
    css`
      h3 {
        margin: 18px 0 6px;
      }
      pre {
        background: var(--sb-surface, #fff);
        border: 1px solid var(--sb-line, #e5e1d6);
        border-radius: 8px;
        padding: 10px;
        overflow: auto;
        max-height: 50vh;
        font-size: 0.8rem;
      }
    `,
  ]

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const data = board.okrs
    const markdown = exportFile(data, 'markdown').text
    const download = (kind: ExportKind) => {
      const file = exportFile(data, kind)
      downloadText(file.name, file.type, file.text)
    }
    return html`<h2>Export</h2>
      <p class="hint">
        Every figure is the one on the dashboard. Markdown pastes as a table into Confluence, GitHub
        or Notion; CSV opens in any spreadsheet.
      </p>
      <div class="row">
        <button data-testid="export-markdown" @click=${() => download('markdown')}>Markdown</button>
        <button data-testid="export-csv" @click=${() => download('csv')}>CSV</button>
        <button data-testid="export-json" @click=${() => download('json')}>JSON</button>
        <button data-testid="export-copy" @click=${() => this.#copy(markdown)}>
          Copy Markdown
        </button>
        <button data-testid="export-print" @click=${() => this.#print(data)}>Print view</button>
        <span role="status">${this.status}</span>
      </div>
      ${this.#calendar(board)}
      <h3>Markdown preview</h3>
      <pre data-testid="export-preview">${markdown}</pre>`
  }

  /** The check-in reminder feed, with this device's view token when it knows one. */
  #calendar(board: BoardController) {
    const store = this.#store.value
    const access = store ? getAccess(store, board.boardId) : null
    const feed = reminderFeed(
      location.origin,
      board.boardId,
      shareableViewToken(access, board.role),
    )
    return html`<h3>Check-in reminders</h3>
      ${
        feed.url === null
          ? html`<p class="hint">
              Subscribe your calendar to <code>${location.origin}${feed.path}?token=…</code> with
              the token from the board's view link, and add <code>&owner=Name</code> for one
              person's check-ins.
            </p>`
          : html`<p class="hint">
                Subscribe in Google Calendar, Outlook or Apple Calendar; add
                <code>&owner=Name</code> for one person's check-ins.
              </p>
              <input
                readonly
                data-testid="export-calendar"
                style="width:100%"
                .value=${feed.url}
                @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
              />`
      }`
  }

  async #copy(markdown: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(markdown)
      this.status = 'Copied.'
    } catch (_error) {
      this.status = 'The browser did not allow copying; download the file instead.'
    }
  }

  #print(data: OkrExport): void {
    const view = window.open('', '_blank')
    if (view === null) {
      this.status = 'The print view was blocked; allow pop-ups for this site.'
      return
    }
    view.document.open()
    view.document.write(printHtml(data))
    view.document.close()
    // The page has its own Print button: calling print() here would hold the new window's
    // renderer in the dialog before it has painted in some browsers. Its listener is attached
    // from here because the app's Content-Security-Policy, which the window inherits, refuses
    // inline handlers.
    view.document.getElementById('print')?.addEventListener('click', () => view.print())
    view.focus()
  }
}

customElements.define('sb-okr-export', SbOkrExport)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-export': SbOkrExport
  }
}
