/**
 * The list view's way to react to a note (the keyboard and screen-reader path to what the
 * canvas toolbar's picker does): a "React" button that opens the six emoji as toggle buttons.
 * Its own element so the open/closed state lives per note, outside sb-note-list.
 */
import { LitElement, css, html, nothing } from 'lit'
import { toggleReaction } from '../../core/board/commands/reactions'
import type { NoteReactions } from '../../core/board/reactions'
import { getCollection, getEntity } from '../../core/board/schema'
import type { BoardController } from '../board/board-controller'
import { buttonStyles } from '../app/button-styles'
import { reactionChoices } from './note-reactions-model'

export class SbNoteReactions extends LitElement {
  static override properties = {
    noteId: { attribute: false },
    label: { attribute: false },
    reactions: { attribute: false },
    open: { state: true },
  }

  declare noteId: string
  declare label: string
  declare reactions: NoteReactions | undefined
  declare open: boolean
  board: BoardController | null = null

  constructor() {
    super()
    this.noteId = ''
    this.label = ''
    this.reactions = undefined
    this.open = false
  }

  static override styles = [
    buttonStyles,
    css`
      /* A line of its own under the note, across both of the row's columns. */
      :host {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
      button {
        font-size: 0.8rem;
        padding: 3px 8px;
        border-radius: 6px;
      }
      button[aria-pressed='true'] {
        background: #e0e7ff;
        border-color: #4f46e5;
      }
      .picker {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
    `,
  ]

  override render() {
    const board = this.board
    if (board === null) return nothing
    // One template whether open or not, so the React button stays the same element (and
    // keeps keyboard focus) when the picker opens.
    return html`<button
        type="button"
        data-action="react"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${`React to '${this.label}'`}
        @click=${() => (this.open = !this.open)}
      >
        React
      </button>
      ${this.open ? this.#picker(board) : nothing}`
  }

  #picker(board: BoardController) {
    const me = board.identity.id
    return html`<span
      class="picker"
      role="group"
      aria-label=${`Reactions to '${this.label}'`}
      @keydown=${(event: KeyboardEvent) => this.#closeOnEscape(event)}
    >
      ${reactionChoices(this.reactions, me, this.label).map(
        (choice) =>
          html`<button
            type="button"
            data-testid="list-react-${choice.emoji}"
            aria-pressed=${choice.pressed ? 'true' : 'false'}
            aria-label=${choice.label}
            @click=${() =>
              board.run(toggleReaction, { noteId: this.noteId, member: me, emoji: choice.emoji })}
          >
            ${choice.emoji}${choice.count > 0 ? ` ${choice.count}` : ''}
          </button>`,
      )}
    </span>`
  }

  /** Escape closes the picker and puts focus back on "React", as a menu would. */
  #closeOnEscape(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return
    this.open = false
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[data-action="react"]')?.focus(),
    )
  }
}

/**
 * Only editors react, and only to notes on the shared board: a hidden note of the private
 * brainstorm lives in its author's private room, where nobody else could see a reaction.
 */
export function canReact(board: BoardController, noteId: string): boolean {
  return board.canEdit && board.derive(sharedNoteIds).has(noteId)
}

/** A reader for `board.derive`, so the set is built once per change, not once per row. */
function sharedNoteIds(doc: Parameters<typeof getEntity>[0]): ReadonlySet<string> {
  const ids = new Set<string>()
  for (const id of getCollection(doc, 'notes')?.keys() ?? []) {
    if (getEntity(doc, 'notes', id) !== null) ids.add(id)
  }
  return ids
}

customElements.define('sb-note-reactions', SbNoteReactions)

declare global {
  interface HTMLElementTagNameMap {
    'sb-note-reactions': SbNoteReactions
  }
}
