/** Home: start a board, import one from a file, or reopen a board this device knows. */
import { LitElement, css, html } from 'lit'
import { Task, TaskStatus } from '@lit/task'
import type { Identity, Role } from '../board/board-context'
import { createBoard, localHref, putSnapshot } from '../net/api'
import { withCreationSecret } from '../net/creation-secret'
import { boardPath } from './router'
import { MAX_BOARD_TITLE, UNTITLED_BOARD } from './board-title'
import { recentBoards, rememberBoard } from '../device/board-access'
import type { KeyValueStore } from '../device/key-value'
import { browserStore } from '../device/device-store'
import { deviceClock } from '../device/clock'
import { readBoardFile } from '../board/board-file'

/** What the list of boards says about the link this device holds (participants: nothing). */
const ROLE_NOTES: Readonly<Record<Role, string>> = {
  facilitate: 'facilitator · ',
  edit: '',
  view: 'view only · ',
}

export class SbHome extends LitElement {
  static override properties = {
    identity: { attribute: false },
  }

  declare identity: Identity
  store: KeyValueStore = browserStore()

  readonly #create = new Task(this, {
    autoRun: false,
    task: async ([title, file]: readonly [string, File | null]) => {
      // Read the file first: a bad file must not leave an empty board behind.
      const state = file === null ? null : await readBoardFile(file)
      const created = await createBoard(withCreationSecret(fetch), title)
      if (state !== null) await putSnapshot(fetch, created.id, created.facilitatorToken, state)
      // The creator facilitates: this device keeps the facilitate link and offers all three.
      rememberBoard(
        this.store,
        created.id,
        {
          token: created.facilitatorToken,
          role: 'facilitate',
          title,
          links: {
            edit: new URL(created.editUrl, location.origin).href,
            view: new URL(created.viewUrl, location.origin).href,
            facilitate: new URL(created.facilitatorUrl, location.origin).href,
          },
        },
        deviceClock(),
      )
      this.#navigate(localHref(created.facilitatorUrl, location.origin))
    },
  })

  static override styles = css`
    :host {
      display: block;
      min-height: 100%;
      background:
        radial-gradient(circle at 20% 10%, #fff7d6 0, transparent 40%),
        radial-gradient(circle at 85% 80%, #dcfce7 0, transparent 35%), var(--sb-paper);
    }
    main {
      max-width: 720px;
      margin: 0 auto;
      padding: 8vh 24px 48px;
    }
    h1 {
      font-size: 2.4rem;
      margin: 0 0 8px;
      letter-spacing: -0.02em;
    }
    .lede {
      color: var(--sb-muted);
      margin: 0 0 32px;
      font-size: 1.05rem;
      line-height: 1.5;
    }
    form,
    section {
      background: var(--sb-surface);
      border-radius: var(--sb-radius);
      box-shadow: var(--sb-shadow);
      padding: 20px;
      margin-bottom: 24px;
    }
    label {
      display: block;
      font-weight: 600;
      margin-bottom: 8px;
    }
    .row {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    input[type='text'] {
      flex: 1 1 260px;
      font: inherit;
      padding: 10px 12px;
      border: 1px solid var(--sb-line);
      border-radius: 8px;
    }
    button {
      font: inherit;
      padding: 10px 16px;
      border-radius: 8px;
      border: 1px solid var(--sb-accent);
      background: var(--sb-accent);
      color: var(--sb-accent-ink);
      cursor: pointer;
    }
    .import {
      margin-top: 12px;
      font-size: 0.9rem;
      color: var(--sb-muted);
    }
    .error {
      color: var(--sb-danger);
      margin-top: 10px;
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 12px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li a {
      display: flex;
      justify-content: space-between;
      padding: 10px 8px;
      border-radius: 8px;
      color: inherit;
      text-decoration: none;
    }
    li a:hover,
    li a:focus-visible {
      background: #f3f4f6;
    }
    .meta {
      color: var(--sb-muted);
      font-size: 0.85rem;
    }
    .empty {
      color: var(--sb-muted);
    }
  `

  override render() {
    const recent = recentBoards(this.store)
    return html`<main>
      <h1>Stretchboard</h1>
      <p class="lede">
        Set your team's OKRs together: brainstorm on sticky notes, group them, dot-vote, and turn
        the winners into a draft OKR set. Works offline; everyone's changes merge.
      </p>
      <form @submit=${this.#submit} data-testid="create-board-form">
        <label for="title">Start a board</label>
        <div class="row">
          <input
            id="title"
            name="title"
            type="text"
            placeholder="Q3 OKR workshop"
            maxlength=${MAX_BOARD_TITLE}
            data-testid="board-title-input"
          />
          <button type="submit" data-testid="create-board" ?disabled=${this.#busy}>
            ${this.#busy ? 'Creating…' : 'Create board'}
          </button>
        </div>
        <div class="import">
          Or import a board file:
          <input
            type="file"
            name="file"
            accept=".stretchboard,application/octet-stream"
            aria-label="Board file to import"
            data-testid="import-file"
            @change=${this.#submit}
          />
        </div>
        ${this.#create.render({
          error: (error) =>
            html`<p class="error" role="alert">
              ${error instanceof Error ? error.message : String(error)}
            </p>`,
        })}
      </form>
      <section aria-labelledby="recent">
        <h2 id="recent">Your boards on this device</h2>
        ${
          recent.length === 0
            ? html`<p class="empty">None yet. Boards you open appear here.</p>`
            : html`<ul data-testid="recent-boards">
                ${recent.map(
                  (board) =>
                    html`<li>
                      <a
                        href=${boardPath(board.id)}
                        data-board-id=${board.id}
                        @click=${(event: MouseEvent) => {
                          event.preventDefault()
                          this.#navigate(boardPath(board.id))
                        }}
                      >
                        <span>${board.title || UNTITLED_BOARD}</span>
                        <span class="meta"
                          >${ROLE_NOTES[board.role ?? 'edit']}${new Date(
                            board.lastOpenedAt,
                          ).toLocaleDateString()}</span
                        >
                      </a>
                    </li>`,
                )}
              </ul>`
        }
      </section>
    </main>`
  }

  get #busy(): boolean {
    return this.#create.status === TaskStatus.PENDING
  }

  #submit(event: Event): void {
    event.preventDefault()
    const form = this.renderRoot.querySelector('form')
    if (form === null || this.#busy) return
    const data = new FormData(form)
    const title = String(data.get('title') ?? '').trim()
    const file = data.get('file')
    const upload = file instanceof File && file.size > 0 ? file : null
    const fallback = upload !== null ? upload.name.replace(/\.[^.]*$/, '') : UNTITLED_BOARD
    void this.#create.run([title !== '' ? title.slice(0, MAX_BOARD_TITLE) : fallback, upload])
  }

  #navigate(href: string): void {
    this.dispatchEvent(
      new CustomEvent('sb-navigate', { detail: href, bubbles: true, composed: true }),
    )
  }
}

customElements.define('sb-home', SbHome)

declare global {
  interface HTMLElementTagNameMap {
    'sb-home': SbHome
  }
}
