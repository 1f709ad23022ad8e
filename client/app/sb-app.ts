/**
 * The root element: routes between home and a board, owns the local identity and asks for a
 * display name on the first visit.
 */
import { LitElement, css, html } from 'lit'
import { ContextProvider } from '@lit/context'
import type { Identity } from '../board/board-context'
import { parseRoute, type Route } from './router'
import type { KeyValueStore } from '../device/key-value'
import { browserStore, deviceStoreContext } from '../device/device-store'
import { loadIdentity, saveName } from '../device/identity'
import './sb-home'
import './sb-board-page'
import './sb-name-dialog'
import { newId } from '../board/ids'

export class SbApp extends LitElement {
  static override properties = {
    route: { state: true },
    identity: { state: true },
    editingName: { state: true },
  }

  declare route: Route
  declare identity: Identity
  declare editingName: boolean
  /** The browser's storage unless a test injects a Map-backed one before connecting. */
  store: KeyValueStore = browserStore()
  /** What this device remembers, for the views that need it (e.g. the view link to share). */
  readonly #storeProvider = new ContextProvider(this, { context: deviceStoreContext })

  static override styles = css`
    :host {
      display: block;
      height: 100%;
    }
    .not-found {
      max-width: 480px;
      margin: 15vh auto;
      text-align: center;
    }
  `

  constructor() {
    super()
    this.editingName = false
    this.route = { kind: 'home' }
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.#storeProvider.setValue(this.store)
    this.identity = loadIdentity(this.store, {
      newId,
      random: () => Math.random(),
    })
    this.#readLocation()
    window.addEventListener('popstate', this.#readLocation)
    this.addEventListener('sb-navigate', this.#onNavigate as EventListener)
    this.addEventListener('sb-edit-name', this.#onEditName)
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.#readLocation)
    this.removeEventListener('sb-navigate', this.#onNavigate as EventListener)
    this.removeEventListener('sb-edit-name', this.#onEditName)
    super.disconnectedCallback()
  }

  override render() {
    const needsName = this.identity.name === ''
    return html`${this.#renderRoute()}
    ${
      needsName || this.editingName
        ? html`<sb-name-dialog
            .name=${this.identity.name}
            ?required=${needsName}
            @name-change=${(event: CustomEvent<string>) => {
              this.identity = saveName(this.store, this.identity, event.detail)
              this.editingName = false
            }}
            @name-cancel=${() => (this.editingName = false)}
          ></sb-name-dialog>`
        : null
    }`
  }

  #renderRoute() {
    switch (this.route.kind) {
      case 'home':
        return html`<sb-home .store=${this.store} .identity=${this.identity}></sb-home>`
      case 'board':
        return html`<sb-board-page
          .store=${this.store}
          .identity=${this.identity}
          .boardId=${this.route.boardId}
          .linkToken=${this.route.token}
        ></sb-board-page>`
      case 'not-found':
        return html`<div class="not-found">
          <h1>Nothing here</h1>
          <p>This address is not a board.</p>
          <p><a href="/" @click=${this.#linkClick}>Go to your boards</a></p>
        </div>`
    }
  }

  readonly #readLocation = (): void => {
    this.route = parseRoute(location.pathname, location.hash)
  }

  readonly #onNavigate = (event: CustomEvent<string>): void => {
    history.pushState(null, '', event.detail)
    this.#readLocation()
  }

  readonly #onEditName = (): void => {
    this.editingName = true
  }

  #linkClick(event: MouseEvent): void {
    event.preventDefault()
    history.pushState(null, '', '/')
    this.#readLocation()
  }
}

customElements.define('sb-app', SbApp)

declare global {
  interface HTMLElementTagNameMap {
    'sb-app': SbApp
  }
  interface HTMLElementEventMap {
    'sb-navigate': CustomEvent<string>
  }
}
