/**
 * An owner field that picks a board member (with their avatar) or takes a typed name for
 * someone who is not on the board. It stores what `owner-change` carries: a member's id, the
 * typed text, or null; the button always shows the owner's current name, so a rename shows
 * here as soon as it arrives.
 */
import { LitElement, css, html } from 'lit'
import type { Member } from '../../core/board/members'
import {
  MAX_OWNER_TEXT,
  currentOwner,
  matchingMembers,
  memberNamed,
  ownerAvatar,
  ownerFromText,
} from './owner-picker'
import { okrStyles } from './okr-styles'

export interface OwnerChange {
  readonly owner: string | null
}

export class SbOwnerPicker extends LitElement {
  static override properties = {
    value: { attribute: false },
    members: { attribute: false },
    disabled: { type: Boolean },
    label: {},
    placeholder: {},
    open: { state: true },
    query: { state: true },
  }

  declare value: string | null
  declare members: readonly Member[]
  declare disabled: boolean
  /** The field's accessible name, e.g. "Key result owner". */
  declare label: string
  declare placeholder: string
  declare open: boolean
  declare query: string

  constructor() {
    super()
    this.value = null
    this.members = []
    this.disabled = false
    this.label = 'Owner'
    this.placeholder = 'No owner'
    this.open = false
    this.query = ''
  }

  static override styles = [
    okrStyles,
    css`
      :host {
        display: block;
        position: relative;
      }
      .current {
        display: flex;
        align-items: center;
        gap: 6px;
        width: 100%;
        text-align: left;
      }
      .current .name {
        flex: 1;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .avatar {
        flex: none;
        width: 22px;
        height: 22px;
        border-radius: 50%;
        display: inline-grid;
        place-items: center;
        font-size: 0.62rem;
        font-weight: 700;
        color: #fff;
        background: #6b7280;
      }
      .avatar.outside {
        background: none;
        color: var(--sb-muted, #6b7280);
        border: 1px dashed currentColor;
      }
      .menu {
        position: absolute;
        z-index: 20;
        top: calc(100% + 4px);
        left: 0;
        min-width: 100%;
        width: max-content;
        max-width: 280px;
        padding: 6px;
        background: var(--sb-surface, #fff);
        border: 1px solid var(--sb-line, #e5e1d6);
        border-radius: 8px;
        box-shadow: 0 6px 18px rgb(0 0 0 / 0.12);
      }
      .menu input {
        width: 100%;
        box-sizing: border-box;
      }
      ul {
        list-style: none;
        margin: 6px 0 0;
        padding: 0;
        max-height: 220px;
        overflow: auto;
      }
      li button {
        display: flex;
        align-items: center;
        gap: 6px;
        width: 100%;
        border: none;
        text-align: left;
      }
      li button:hover,
      li button[aria-selected='true'] {
        background: var(--sb-hover, #f3f4f6);
      }
    `,
  ]

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    document.removeEventListener('pointerdown', this.#onOutside, true)
  }

  override render() {
    const owner = currentOwner(this.value, this.members)
    return html`<button
        class="current"
        data-testid="owner-button"
        aria-label=${`${this.label}: ${owner?.name ?? 'none'}`}
        aria-haspopup="listbox"
        aria-expanded=${this.open ? 'true' : 'false'}
        data-owner=${owner?.name ?? ''}
        ?disabled=${this.disabled}
        @click=${() => this.#toggle()}
      >
        ${owner === null ? null : ownerAvatar(owner)}
        <span class="name ${owner === null ? 'muted' : ''}"
          >${owner?.name ?? this.placeholder}</span
        >
        <span aria-hidden="true">▾</span>
      </button>
      ${this.open ? this.#menu() : null}`
  }

  #menu() {
    const matches = matchingMembers(this.members, this.query)
    const typed = this.query.trim()
    const offerText = typed !== '' && memberNamed(this.members, typed) === null
    return html`<div class="menu" @keydown=${this.#onKey}>
      <input
        data-testid="owner-search"
        aria-label="Pick a member or type a name"
        placeholder="Pick a member or type a name"
        maxlength=${MAX_OWNER_TEXT}
        .value=${this.query}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
      />
      <ul role="listbox" aria-label=${this.label}>
        ${matches.map(
          (m) =>
            html`<li role="presentation">
              <button
                role="option"
                data-testid="owner-option"
                data-member=${m.id}
                aria-selected=${m.id === this.value ? 'true' : 'false'}
                @click=${() => this.#pick(m.id)}
              >
                ${ownerAvatar({ name: m.name, member: m })} ${m.name}
              </button>
            </li>`,
        )}
        ${
          offerText
            ? html`<li role="presentation">
                <button data-testid="owner-free" @click=${() => this.#pick(typed)}>
                  ${ownerAvatar({ name: typed, member: null })} Use “${typed}” (not on the board)
                </button>
              </li>`
            : null
        }
        ${
          this.value === null
            ? null
            : html`<li role="presentation">
                <button data-testid="owner-clear" @click=${() => this.#pick(null)}>No owner</button>
              </li>`
        }
      </ul>
    </div>`
  }

  #toggle(): void {
    if (this.open) {
      this.#close()
      return
    }
    this.open = true
    this.query = ''
    document.addEventListener('pointerdown', this.#onOutside, true)
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('[data-testid="owner-search"]')?.focus(),
    )
  }

  #close(): void {
    this.open = false
    document.removeEventListener('pointerdown', this.#onOutside, true)
  }

  #pick(owner: string | null): void {
    this.#close()
    if (owner === this.value) return
    const detail: OwnerChange = { owner }
    this.dispatchEvent(new CustomEvent('owner-change', { detail, bubbles: true, composed: true }))
  }

  readonly #onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation()
      this.#close()
      this.renderRoot.querySelector<HTMLButtonElement>('.current')?.focus()
    } else if (e.key === 'Enter' && (e.target as HTMLElement).matches('input')) {
      e.preventDefault()
      // An empty Enter is not a decision to clear the owner ("No owner" is there for that).
      if (this.query.trim() === '') this.#close()
      else this.#pick(ownerFromText(this.query, this.members))
    }
  }

  readonly #onOutside = (e: Event): void => {
    if (!e.composedPath().includes(this)) this.#close()
  }
}

customElements.define('sb-owner-picker', SbOwnerPicker)

declare global {
  interface HTMLElementTagNameMap {
    'sb-owner-picker': SbOwnerPicker
  }
}
