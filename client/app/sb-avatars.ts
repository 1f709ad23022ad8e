/** Who is on the board right now, from awareness (presence scope, never the document). */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext } from '../board/board-context'
import { AwarenessController, readPeers, type Peer } from '../board/awareness-controller'
import { displayName } from '../canvas/presence-state'

const MAX_SHOWN = 6

const samePeers = (a: readonly Peer[], b: readonly Peer[]): boolean =>
  a.length === b.length &&
  a.every((peer, i) => {
    const other = b[i]
    return (
      other !== undefined &&
      other.clientId === peer.clientId &&
      other.user.name === peer.user.name &&
      other.user.color === peer.user.color &&
      other.role === peer.role &&
      other.pointing === peer.pointing
    )
  })

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [name.trim()]
  return letters
    .map((word) => Array.from(word ?? '')[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase()
}

export class SbAvatars extends LitElement {
  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })
  readonly #peers = new AwarenessController<Peer[]>(
    this,
    () => this.#session.value?.awareness ?? null,
    readPeers,
    samePeers,
    [],
  )

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
    const peers = this.#peers.value
    const shown = peers.slice(0, MAX_SHOWN)
    const rest = peers.length - shown.length
    return html`<ul
      aria-label=${`${peers.length} here`}
      data-testid="avatars"
      data-count=${peers.length}
    >
      ${shown.map(
        (peer) =>
          html`<li
            style="background:${peer.user.color};--peer:${peer.user.color}"
            class=${peer.pointing ? 'pointing' : ''}
            title=${`${displayName(peer)}${peer.isSelf ? ' (you)' : ''}${peer.pointing ? ', pointing at the board' : ''}`}
            data-peer=${peer.user.name}
            data-role=${peer.role ?? ''}
            data-self=${peer.isSelf ? 'true' : 'false'}
            data-pointing=${peer.pointing ? 'true' : 'false'}
          >
            ${initials(peer.user.name)}
          </li>`,
      )}
      ${
        rest > 0
          ? html`<li
              class="more"
              title=${peers
                .slice(MAX_SHOWN)
                .map((p) => displayName(p))
                .join(', ')}
            >
              +${rest}
            </li>`
          : null
      }
    </ul>`
  }
}

customElements.define('sb-avatars', SbAvatars)

declare global {
  interface HTMLElementTagNameMap {
    'sb-avatars': SbAvatars
  }
}
