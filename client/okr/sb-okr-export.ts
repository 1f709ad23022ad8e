/**
 * Export: Markdown (a table to paste into a wiki), CSV and JSON downloads built by core/export
 * from the same model the dashboard shows, plus a print view.
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext, type BoardSession } from '../board/board-context'
import { getAccess } from '../device/board-access'
import { toCsv } from '../../core/export/csv'
import { toMarkdown } from '../../core/export/markdown'
import type { OkrExport } from '../../core/export/export-model'
import { downloadText, fileStem } from './download'
import { okrStyles } from './okr-styles'
import { printHtml } from './print-view'

export class SbOkrExport extends LitElement {
  static override properties = {
    data: { attribute: false },
    status: { state: true },
  }

  declare data: OkrExport | null
  declare status: string

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })

  constructor() {
    super()
    this.data = null
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
    const data = this.data
    if (data === null) return null
    const stem = fileStem(data.board.title)
    const markdown = toMarkdown(data)
    return html`<h2>Export</h2>
      <p class="hint">
        Every figure is the one on the dashboard. Markdown pastes as a table into Confluence, GitHub
        or Notion; CSV opens in any spreadsheet.
      </p>
      <div class="row">
        <button
          data-testid="export-markdown"
          @click=${() => downloadText(`${stem}-okrs.md`, 'text/markdown;charset=utf-8', markdown)}
        >
          Markdown
        </button>
        <button
          data-testid="export-csv"
          @click=${() => downloadText(`${stem}-okrs.csv`, 'text/csv;charset=utf-8', toCsv(data))}
        >
          CSV
        </button>
        <button
          data-testid="export-json"
          @click=${() =>
            downloadText(
              `${stem}-okrs.json`,
              'application/json',
              JSON.stringify(data, null, 2) + '\n',
            )}
        >
          JSON
        </button>
        <button data-testid="export-copy" @click=${() => this.#copy(markdown)}>
          Copy Markdown
        </button>
        <button data-testid="export-print" @click=${() => this.#print(data)}>Print view</button>
        <span role="status">${this.status}</span>
      </div>
      ${this.#calendar()}
      <h3>Markdown preview</h3>
      <pre data-testid="export-preview">${markdown}</pre>`
  }

  /**
   * The check-in reminder feed. Only a view token goes into it: calendar apps store the URL, and
   * an edit token there would hand out editing to anyone who sees the subscription.
   */
  #calendar() {
    const session = this.#session.value
    if (!session) return null
    const token = viewToken(session)
    const path = `/api/boards/${encodeURIComponent(session.boardId)}/reminders.ics`
    return html`<h3>Check-in reminders</h3>
      ${
        token === null
          ? html`<p class="hint">
              Subscribe your calendar to <code>${location.origin}${path}?token=…</code> with the
              token from the board's view link, and add <code>&owner=Name</code> for one person's
              check-ins.
            </p>`
          : html`<p class="hint">
                Subscribe in Google Calendar, Outlook or Apple Calendar; add
                <code>&owner=Name</code> for one person's check-ins.
              </p>
              <input
                readonly
                data-testid="export-calendar"
                style="width:100%"
                .value=${`${location.origin}${path}?token=${encodeURIComponent(token)}`}
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

/** A view token for this board if this device knows one (never the edit token). */
function viewToken(session: BoardSession): string | null {
  const access = getAccess(localStorage, session.boardId)
  const link = access?.links?.view
  if (link) {
    try {
      const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')
      if (token) return token
    } catch (_error) {
      // A damaged stored link: fall through to the hint.
    }
  }
  return session.role === 'view' ? (access?.token ?? null) : null
}

customElements.define('sb-okr-export', SbOkrExport)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-export': SbOkrExport
  }
}
