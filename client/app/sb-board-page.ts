/**
 * One board: resolves the capability token and role (from the link, else this device), opens
 * the board from IndexedDB at once and syncs it in the background, and provides its controller
 * (the one way views reach the board) and its connection to every element below through context.
 */
import { LitElement, css, html } from 'lit'
import { ContextProvider } from '@lit/context'
import { Task, TaskStatus } from '@lit/task'
import {
  boardConnectionContext,
  boardControllerContext,
  type Identity,
  type Role,
} from '../board/board-context'
import type { BoardController } from '../board/board-controller'
import { ApiError, getBoardInfo, rotateLinks, type LinkKind, type RotatedLinks } from '../net/api'
import { loadDeviceCopy, RecoveryBudget, RECOVERED_NOTICE } from '../net/doc-recovery'
import { openBoard, type OpenBoard, type OpenBoardOptions } from '../board/open-board'
import { adoptPersonalKey, ensurePersonalKey } from '../device/personal-key'
import { getAccess, rememberBoard, switchableLink, updateAccess } from '../device/board-access'
import type { KeyValueStore } from '../device/key-value'
import { browserStore } from '../device/device-store'
import { deviceClock } from '../device/clock'
import { titleToCache } from './board-title'
import './sb-board-view'

const TICK_MS = 60_000

type Problem = { readonly title: string; readonly detail: string }

export class SbBoardPage extends LitElement {
  static override properties = {
    boardId: { type: String },
    linkToken: { attribute: false },
    identity: { attribute: false },
    opened: { state: true },
    problem: { state: true },
  }

  declare boardId: string
  /** The token from the link's fragment, when the person arrived through a link. */
  declare linkToken: string | null
  declare identity: Identity
  declare opened: OpenBoard | null
  declare problem: Problem | null
  store: KeyValueStore = browserStore()

  #token: string | null = null
  /** Bumped by every close, so a reopen that finishes after another close or open is dropped. */
  #generation = 0
  readonly #recoveries = new RecoveryBudget()
  readonly #boardProvider = new ContextProvider(this, { context: boardControllerContext })
  #board: BoardController | null = null
  /** The title this device last stored for the board, so a change event costs no storage read. */
  #cachedTitle = ''
  #tick: ReturnType<typeof setInterval> | undefined
  readonly #connectionProvider = new ContextProvider(this, { context: boardConnectionContext })

  /** The server's word on the role; the cached role lets the board open before (or without) it. */
  readonly #info = new Task(this, {
    args: () => [this.boardId, this.#token] as const,
    task: async ([boardId, token], { signal }) => {
      if (token === null) return null
      return getBoardInfo((input, init) => fetch(input, { ...init, signal }), boardId, token)
    },
    onComplete: (info) => {
      if (info === null) return
      // The document is the title's home: a rename not yet on the server outranks its answer.
      const title = this.#board?.meta.title.trim() || info.title
      updateAccess(this.store, info.id, { role: info.role, title })
      if (this.#board?.role !== info.role) this.#open(info.role)
    },
    onError: (error) => {
      if (error instanceof ApiError && !error.isNetwork && error.status < 500) {
        this.#close()
        this.problem = {
          title: error.status === 404 ? 'No such board' : 'This link does not open the board',
          detail:
            error.status === 404
              ? 'The board may have been deleted, or the link is mistyped.'
              : 'The link may have been replaced by a newer one. Ask the facilitator for a fresh link.',
        }
        return
      }
      // Offline or the server is down: a board this device knows keeps working from IndexedDB.
      if (this.opened === null) {
        this.problem = {
          title: 'Cannot reach the server',
          detail:
            'This board has not been opened on this device before, so there is nothing to show offline yet. Try again when you are online.',
        }
      }
    },
  })

  constructor() {
    super()
    this.linkToken = null
    this.opened = null
    this.problem = null
  }

  static override styles = css`
    :host {
      display: block;
      height: 100%;
    }
    .problem {
      max-width: 520px;
      margin: 15vh auto;
      padding: 0 24px;
      text-align: center;
    }
    .problem p {
      color: var(--sb-muted);
      line-height: 1.5;
    }
    .loading {
      display: grid;
      place-items: center;
      height: 100%;
      color: var(--sb-muted);
    }
  `

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('boardId') || changed.has('linkToken')) this.#resolve()
    else if (changed.has('identity')) this.#board?.setIdentity(this.identity)
  }

  override disconnectedCallback(): void {
    this.#close()
    super.disconnectedCallback()
  }

  override render() {
    if (this.problem !== null) {
      return html`<div class="problem" role="alert" data-testid="board-problem">
        <h1>${this.problem.title}</h1>
        <p>${this.problem.detail}</p>
        <p><a href="/" @click=${this.#home}>Back to your boards</a></p>
      </div>`
    }
    if (this.opened === null) {
      return html`<div class="loading" role="status">
        ${this.#info.status === TaskStatus.PENDING ? 'Checking the link…' : 'Opening the board…'}
      </div>`
    }
    return html`<sb-board-view
      .cachedTitle=${getAccess(this.store, this.boardId)?.title ?? ''}
      .shareLinks=${getAccess(this.store, this.boardId)?.links ?? null}
      .switchTo=${switchableLink(getAccess(this.store, this.boardId))?.role ?? null}
      @sb-switch-to-edit=${this.#switchToEdit}
      @sb-rotate-link=${this.#rotateLink}
      @sb-home=${this.#home}
    ></sb-board-view>`
  }

  #resolve(): void {
    this.#close()
    this.problem = null
    const stored = getAccess(this.store, this.boardId)
    if (this.linkToken !== null) {
      rememberBoard(this.store, this.boardId, { token: this.linkToken }, deviceClock())
      // A personal link (docs/private-brainstorm.md) hands over this person's hidden notes.
      adoptPersonalKey(this.store, this.boardId, location.hash)
      // The token now lives on this device; keeping it out of the address bar means a
      // screenshot or a copied URL does not leak edit rights.
      history.replaceState(history.state, '', location.pathname + location.search)
    } else if (stored !== null) {
      rememberBoard(this.store, this.boardId, { token: stored.token }, deviceClock())
    }
    const access = getAccess(this.store, this.boardId)
    this.#token = access?.token ?? null
    if (this.#token === null) {
      this.problem = {
        title: 'This board needs its link',
        detail:
          'Open the board with the link you were given (it ends with #token=…). This device has not opened it before.',
      }
      return
    }
    if (access?.role != null) this.#open(access.role)
  }

  #open(role: Role, recovered?: OpenBoardOptions['recovered']): void {
    if (this.#token === null) return
    this.#close()
    const access = getAccess(this.store, this.boardId)
    this.opened = openBoard({
      recovered,
      onDamaged: this.#onDamaged,
      boardId: this.boardId,
      token: this.#token,
      role,
      identity: this.identity,
      wsOrigin: location.origin.replace(/^http/, 'ws'),
      online: navigator.onLine,
      initialPending: access?.pending ?? 0,
      onPendingChange: (pending) => updateAccess(this.store, this.boardId, { pending }),
      now: deviceClock,
      personalKey:
        role === 'view'
          ? null
          : ensurePersonalKey(this.store, this.boardId, this.identity.id, (n) =>
              crypto.getRandomValues(new Uint8Array(n)),
            ),
    })
    this.problem = null
    this.#board = this.opened.board
    this.#cachedTitle = access?.title ?? ''
    this.#board.addEventListener('change', this.#rememberTitle)
    this.#rememberTitle()
    // Trends, due check-ins and "expected" scores move with the day: one tick a minute.
    this.#tick = setInterval(() => this.#board?.tick(), TICK_MS)
    this.#boardProvider.setValue(this.#board)
    this.#connectionProvider.setValue(this.opened.status)
    window.addEventListener('online', this.#onNetwork)
    window.addEventListener('offline', this.#onNetwork)
  }

  #close(): void {
    this.#generation++
    window.removeEventListener('online', this.#onNetwork)
    window.removeEventListener('offline', this.#onNetwork)
    clearInterval(this.#tick)
    this.#board?.removeEventListener('change', this.#rememberTitle)
    this.#board = null
    this.opened?.destroy()
    this.opened = null
  }

  /**
   * Recovery is reopening the same board: the unsafe doc goes (with its socket and IndexedDB
   * binding), a fresh one is built from this device's copy, and the server fills in the rest.
   */
  readonly #onDamaged = (reason: string): void => {
    const role = this.#board?.role
    if (role === undefined) return
    console.warn(`reopening the board: ${reason}`)
    // Closing at once: the damaged doc would take edits it can no longer save.
    this.#close()
    const generation = this.#generation
    const boardId = this.boardId
    const fail = () => {
      this.problem = {
        title: 'This board could not be reopened',
        detail:
          'A change to the board keeps failing on this device. Reload the page; what reached the server is safe there.',
      }
    }
    if (!this.#recoveries.allow(deviceClock())) return fail()
    loadDeviceCopy(boardId).then(
      async (doc) => {
        if (generation !== this.#generation) return doc.destroy()
        this.#open(role, doc)
        this.#board?.notify(RECOVERED_NOTICE)
      },
      (error: unknown) => {
        console.error('could not reopen the board', error)
        if (generation === this.#generation) fail()
      },
    )
  }

  /**
   * Back from checking what participants or guests see: the stronger link this device held (the
   * facilitate link, else the edit link) opens the board again.
   */
  readonly #switchToEdit = (): void => {
    const link = switchableLink(getAccess(this.store, this.boardId))
    if (link === null) return
    rememberBoard(this.store, this.boardId, link, deviceClock())
    this.#token = link.token
    this.#open(link.role)
  }

  /**
   * "New link" in the Share menu (facilitators only): the server replaces the link and closes
   * every socket of the board, this one included, so the board reopens with the facilitate link
   * this device holds, the new one when that was the link replaced.
   */
  readonly #rotateLink = (event: Event): void => {
    const kind = (event as CustomEvent<LinkKind>).detail
    const token = this.#token
    if (token === null || this.#board?.role !== 'facilitate') return
    const boardId = this.boardId
    rotateLinks(fetch, boardId, token, [kind]).then(
      (rotated) => {
        if (boardId === this.boardId) this.#adoptLinks(rotated, token)
      },
      (error: unknown) => {
        const why = error instanceof Error ? error.message : String(error)
        this.#board?.notify(`No new link was made: ${why}`)
      },
    )
  }

  #adoptLinks(rotated: RotatedLinks, token: string): void {
    const links = getAccess(this.store, this.boardId)?.links
    if (!links) return
    const absolute = (url: string | undefined) =>
      url === undefined ? undefined : new URL(url, location.origin).href
    const facilitate = absolute(rotated.facilitate)
    const next = {
      edit: absolute(rotated.edit) ?? links.edit,
      view: absolute(rotated.view) ?? links.view,
      facilitate: facilitate ?? links.facilitate,
    }
    const held = facilitate === undefined ? token : tokenOfLink(facilitate)
    if (held === null) return
    rememberBoard(
      this.store,
      this.boardId,
      { token: held, role: 'facilitate', links: next },
      deviceClock(),
    )
    this.#token = held
    this.#open('facilitate')
  }

  /** The home page lists boards by the title this device stored: it follows the document's. */
  readonly #rememberTitle = (): void => {
    const board = this.#board
    const title = board === null ? null : titleToCache(board.meta.title, this.#cachedTitle)
    if (board === null || title === null) return
    this.#cachedTitle = title
    updateAccess(this.store, board.boardId, { title })
  }

  readonly #onNetwork = (): void => {
    this.opened?.connection.setBrowserOnline(navigator.onLine)
    this.opened?.privateRoom?.setBrowserOnline(navigator.onLine)
  }

  #home = (event: Event): void => {
    event.preventDefault()
    this.dispatchEvent(
      new CustomEvent('sb-navigate', { detail: '/', bubbles: true, composed: true }),
    )
  }
}

customElements.define('sb-board-page', SbBoardPage)

declare global {
  interface HTMLElementTagNameMap {
    'sb-board-page': SbBoardPage
  }
}

function tokenOfLink(link: string): string | null {
  return new URLSearchParams(new URL(link).hash.slice(1)).get('token')
}
