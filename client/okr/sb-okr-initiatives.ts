/**
 * A key result's initiatives (the work that should move it): rename in place, delete, or type a
 * new one and press Enter.
 */
import { LitElement, css, html } from 'lit'
import type { InitiativeRecord, KeyResultRecord } from '../../core/board/board-model'
import { createInitiative, deleteInitiative } from '../../core/board/commands/okr'
import { bindText } from '../board/bind-text'
import { BoardConsumer } from '../board/board-consumer'
import { newId } from '../board/ids'
import { okrStyles } from './okr-styles'

export class SbOkrInitiatives extends LitElement {
  static override properties = {
    keyResult: { attribute: false },
    initiatives: { attribute: false },
  }

  declare keyResult: KeyResultRecord | null
  declare initiatives: readonly InitiativeRecord[]

  readonly #board = new BoardConsumer(this, (b) => b.canEdit)

  constructor() {
    super()
    this.keyResult = null
    this.initiatives = []
  }

  static override styles = [
    okrStyles,
    css`
      ul {
        margin: 4px 0;
        padding-left: 18px;
      }
      li input {
        width: min(420px, 100%);
      }
    `,
  ]

  override render() {
    const disabled = !(this.#board.board?.canEdit ?? false)
    return html`<span class="muted">Initiatives</span>
      <ul>
        ${this.initiatives.map(
          (i) =>
            html`<li>
              <input
                ${bindText(
                  this.#board.board,
                  { collection: 'initiatives', id: i.id },
                  {
                    // A blank name is not a rename: the initiative keeps its title.
                    accept: (value) => value.trim() !== '',
                  },
                )}
                aria-label="Initiative"
                data-testid=${`initiative-title-${i.id}`}
                ?disabled=${disabled}
              />
              <button
                class="icon"
                aria-label="Delete initiative"
                ?disabled=${disabled}
                @click=${() => this.#board.board?.run(deleteInitiative, { id: i.id })}
              >
                ✕
              </button>
            </li>`,
        )}
        <li>
          <input
            placeholder="Add an initiative and press Enter"
            aria-label="New initiative"
            ?disabled=${disabled}
            @keydown=${(e: KeyboardEvent) => this.#add(e)}
          />
        </li>
      </ul>`
  }

  #add(e: KeyboardEvent): void {
    if (e.key !== 'Enter') return
    const field = e.target as HTMLInputElement
    const title = field.value.trim()
    const kr = this.keyResult
    if (!title || !kr) return
    this.#board.board?.run(createInitiative, {
      id: newId(),
      title,
      keyResultId: kr.id,
      objectiveId: kr.objectiveId,
    })
    field.value = ''
  }
}

customElements.define('sb-okr-initiatives', SbOkrInitiatives)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-initiatives': SbOkrInitiatives
  }
}
