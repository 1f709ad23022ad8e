/** Who is on the board right now, from awareness (presence scope, never the document). */
import { LitElement, css, html } from 'lit'
import { BoardConsumer } from '../board/board-consumer'
import { avatarList } from './avatar-list'

export class SbAvatars extends LitElement {
  readonly #board = new BoardConsumer(this, (board) => board.peers)

  static override styles = css`
    :host {
      display: inline-flex;
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
            ${initials}
          </li>`,
      )}
      ${list.more !== null ? html`<li class="more" title=${list.more.title}>+${list.more.count}</li>` : null}
    </ul>`
  }
}

customElements.define('sb-avatars', SbAvatars)

declare global {
  interface HTMLElementTagNameMap {
    'sb-avatars': SbAvatars
  }
}
