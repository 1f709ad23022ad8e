/** Who is on the board right now, from awareness (presence scope, never the document). */
import { LitElement, css, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import { avatarList } from './avatar-list'
import { followOf } from '../canvas/follow-state'
import { displayName } from '../canvas/presence-state'
import type { Peer } from '../board/peers'

export class SbAvatars extends LitElement {
  readonly #board = new BoardConsumer(this, (board) => board.peers)
  static override properties = { menuFor: { state: true } }
  /** The peer whose "Follow" menu is open (awareness client id), or null. */
  declare menuFor: number | null

  constructor() {
    super()
    this.menuFor = null
  }

  static override styles = css`
    :host {
      display: inline-flex;
      position: relative;
    }
    li button {
      all: unset;
      display: grid;
      place-items: center;
      width: 100%;
      height: 100%;
      border-radius: 50%;
      cursor: pointer;
    }
    li button:focus-visible {
      outline: 2px solid #2563eb;
    }
    .menu {
      position: absolute;
      top: 36px;
      right: 0;
      z-index: 10;
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 6px;
      background: var(--sb-surface, #fff);
      border-radius: 8px;
      box-shadow: 0 2px 10px rgb(0 0 0 / 0.2);
      white-space: nowrap;
      font-size: 0.85rem;
    }
    .menu button {
      font: inherit;
      border: 1px solid #d1d5db;
      background: #fff;
      border-radius: 6px;
      padding: 3px 8px;
      cursor: pointer;
    }
    ul {
      display: flex;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      width: 30px;
      height: 30px;
      margin-left: -6px;
      border-radius: 50%;
      border: 2px solid var(--sb-surface);
      color: #fff;
      display: grid;
      place-items: center;
      font-size: 0.72rem;
      font-weight: 700;
    }
    li.pointing {
      box-shadow:
        0 0 0 2px var(--sb-surface),
        0 0 0 4px var(--peer);
    }
    li.more {
      background: #9ca3af;
    }
  `

  override render() {
    const list = avatarList(this.#board.board?.peers ?? [])
    return html`<ul
        aria-label=${`${list.count} here`}
        data-testid="avatars"
        data-count=${list.count}
      >
        ${list.shown.map(
          ({ peer, initials, title }) =>
            html`<li
              style="background:${peer.user.color};--peer:${peer.user.color}"
              class=${peer.pointing ? 'pointing' : ''}
              title=${title}
              data-peer=${peer.user.name}
              data-role=${peer.role ?? ''}
              data-self=${peer.isSelf ? 'true' : 'false'}
              data-pointing=${peer.pointing ? 'true' : 'false'}
            >
              ${
                peer.isSelf
                  ? initials
                  : html`<button
                      type="button"
                      aria-label=${`${title}: options`}
                      aria-expanded=${this.menuFor === peer.clientId ? 'true' : 'false'}
                      @click=${() => this.#toggleMenu(peer.clientId)}
                    >
                      ${initials}
                    </button>`
              }
            </li>`,
        )}
        ${list.more !== null ? html`<li class="more" title=${list.more.title}>+${list.more.count}</li>` : null}
      </ul>
      ${this.#menu(list.shown.map((a) => a.peer))}`
  }

  #toggleMenu(clientId: number): void {
    this.menuFor = this.menuFor === clientId ? null : clientId
  }

  /** "Follow Ana": the canvas then shows what Ana's canvas shows (client/canvas/canvas-follow.ts). */
  #menu(peers: readonly Peer[]) {
    const peer = peers.find((p) => p.clientId === this.menuFor)
    const board = this.#board.board
    if (!peer || !board) return null
    const name = displayName(peer)
    return html`<div class="menu" role="menu" data-testid="avatar-menu">
      <button
        type="button"
        role="menuitem"
        data-testid="follow"
        @click=${() => {
          followOf(board).follow({ clientId: peer.clientId, name })
          this.menuFor = null
        }}
      >
        Follow ${name}
      </button>
    </div>`
  }
}

customElements.define('sb-avatars', SbAvatars)

declare global {
  interface HTMLElementTagNameMap {
    'sb-avatars': SbAvatars
  }
}
