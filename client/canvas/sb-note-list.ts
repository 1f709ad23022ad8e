/**
 * The accessible mirror of the canvas: every group and note as DOM, kept in sync with the
 * board, from which keyboard and screen-reader users create, edit and vote. Stable `data-*`
 * attributes make it the board's readable surface for browser tests too.
 */
import { reactionLine, readReactions } from '../../core/board/reactions'
import { LitElement, html } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { BoardConsumer } from '../board/board-consumer'
import type { BoardController } from '../board/board-controller'
import { castVote, createNote, retractVote } from '../../core/board/commands'
import { bindText } from '../board/bind-text'
import { deviceClock, type Clock } from '../device/clock'
import { newId } from '../board/ids'
import { nextNotePosition, noteListView, type GroupSection, type NoteRow } from './note-list-model'
import { noteListStyles } from './note-list-styles'
import { buttonStyles } from '../app/button-styles'
import { canReact } from './note-list-reactions'

export class SbNoteList extends LitElement {
  static override properties = {
    visible: { type: Boolean, reflect: true },
    editing: { state: true },
  }

  declare visible: boolean
  declare editing: string | null
  /** Timestamps new notes to the second (the board's `now` moves once a minute). */
  clock: Clock = deviceClock

  readonly #board = new BoardConsumer(this, (board) => board.snapshot)
  /** After an edit ends, keyboard focus goes back to that note's Edit button. */
  #returnFocusTo: string | null = null

  constructor() {
    super()
    this.visible = false
    this.editing = null
  }

  static override styles = [buttonStyles, noteListStyles]

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('editing')) return
    if (this.editing !== null) {
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>(
        '[data-testid="list-edit-text"]',
      )
      area?.focus()
      area?.setSelectionRange(area.value.length, area.value.length)
    } else if (this.#returnFocusTo !== null) {
      const id = CSS.escape(this.#returnFocusTo)
      this.renderRoot
        .querySelector<HTMLElement>(`li[data-note-id="${id}"] [data-action="edit"]`)
        ?.focus()
      this.#returnFocusTo = null
    }
  }

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const view = noteListView(board.snapshot, board.identity.id, board.canEdit)
    return html`<div
      class="inner"
      role="region"
      aria-label="Board as a list"
      data-testid="note-list"
      data-note-count=${view.noteCount}
      data-group-count=${view.groupCount}
    >
      <h2>Board as a list</h2>
      ${view.canEdit ? this.#createForm(board) : null}
      ${
        view.voting
          ? html`<p class="budget" data-testid="list-budget" data-left=${view.left}>
              ${view.budgetLabel}
            </p>`
          : null
      }
      ${repeat(
        view.groups,
        (section) => section.group.id,
        (section) => this.#group(board, section, view.voting),
      )}
      <h3>${view.ungroupedHeading}</h3>
      ${this.#notes(board, view.ungrouped, view.voting)}
    </div>`
  }

  #createForm(board: BoardController) {
    return html`<form
      class="create"
      data-testid="list-create-form"
      @submit=${(event: SubmitEvent) => this.#create(board, event)}
    >
      <label for="new-note">New note</label>
      <textarea
        id="new-note"
        name="text"
        rows="2"
        data-testid="list-new-note"
        placeholder="Type an idea, then press Enter"
        @keydown=${submitOnEnter}
      ></textarea>
      <button type="submit" data-testid="list-add-note">Add note</button>
    </form>`
  }

  #create(board: BoardController, event: SubmitEvent): void {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const area = form.elements.namedItem('text') as HTMLTextAreaElement
    const text = area.value.trim()
    if (text === '') return
    const at = nextNotePosition(board.snapshot.notes, board.snapshot.groups)
    const args = { id: newId(), ...at, author: board.identity.id, createdAt: this.clock(), text }
    // What was typed stays in the box when the board refused it.
    if (board.attempt(createNote, args)) area.value = ''
  }

  #group(board: BoardController, section: GroupSection, voting: boolean) {
    const { group } = section
    return html`<section
      data-group-id=${group.id}
      data-title=${group.title}
      data-votes=${section.votes}
      data-x=${Math.round(group.x)}
      data-y=${Math.round(group.y)}
      data-w=${Math.round(group.w)}
      data-h=${Math.round(group.h)}
      aria-label=${`Group ${section.name}`}
    >
      <h3>${section.heading}</h3>
      ${voting ? voteButtons(board, group.id, section.name) : null}
      ${this.#notes(board, section.notes, voting)}
    </section>`
  }

  #notes(board: BoardController, rows: readonly NoteRow[], voting: boolean) {
    return html`<ul>
      ${repeat(
        rows,
        (row) => row.id,
        (row) => this.#note(board, row, voting),
      )}
    </ul>`
  }

  #note(board: BoardController, row: NoteRow, voting: boolean) {
    const editing = this.editing === row.id
    return html`<li
      class="note"
      style=${`--note-color:${row.color}`}
      data-note-id=${row.id}
      data-group-id=${row.groupId ?? ''}
      data-votes=${row.votes}
      data-my-votes=${row.myVotes}
      data-author=${row.mine ? 'me' : 'other'}
      data-x=${row.x}
      data-y=${row.y}
    >
      ${
        editing
          ? this.#editor(board, row)
          : html`<span class="text" data-role="text">${row.text}</span>`
      }
      <span class="actions">
        ${
          row.editable && !editing
            ? html`<button
                aria-label=${`Edit note: ${row.label}`}
                data-action="edit"
                @click=${() => (this.editing = row.id)}
              >
                Edit
              </button>`
            : null
        }
        ${voting ? voteButtons(board, row.id, row.label) : null}
      </span>
      <span class="meta">${row.detail}</span>
      ${reactionsOf(board, row.id)} ${canReact(board, row.id) ? reactControl(board, row) : null}
    </li>`
  }

  /**
   * Bound to the note's Y.Text like the canvas editor: each keystroke is a text edit, so
   * someone typing in the same note elsewhere keeps their words (a whole value written on
   * Enter would overwrite what they typed meanwhile). Enter or Escape closes the editor.
   */
  #editor(board: BoardController, row: NoteRow) {
    const close = () => {
      this.#returnFocusTo = row.id
      this.editing = null
    }
    return html`<textarea
      ${bindText(board, { collection: 'notes', id: row.id })}
      aria-label="Note text"
      data-testid="list-edit-text"
      rows="3"
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') this.editing = null
        else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          event.preventDefault()
          close()
        }
      }}
    ></textarea>`
  }
}

/** Everyone's reactions to the note, as the canvas draws them under it ("👍 2  🔥 1"). */
function reactionsOf(board: BoardController, noteId: string) {
  const line = reactionLine(board.derive(readReactions).get(noteId))
  return line === '' ? null : html`<span class="meta" data-testid="list-reactions">${line}</span>`
}

function reactControl(board: BoardController, row: NoteRow) {
  return html`<sb-note-reactions
    .board=${board}
    .noteId=${row.id}
    .label=${row.label}
    .reactions=${board.derive(readReactions).get(row.id)}
  ></sb-note-reactions>`
}

function voteButtons(board: BoardController, targetId: string, label: string) {
  const voterId = board.identity.id
  return html`<button
      aria-label=${`Put a dot on ${label}`}
      data-action="vote"
      data-target-id=${targetId}
      @click=${() => board.run(castVote, { voterId, targetId })}
    >
      +●
    </button>
    <button
      aria-label=${`Take a dot back from ${label}`}
      data-action="unvote"
      data-target-id=${targetId}
      @click=${() => board.run(retractVote, { voterId, targetId })}
    >
      −
    </button>`
}

/** Enter submits, Shift+Enter starts a new line: how sticky-note tools behave. */
function submitOnEnter(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return
  event.preventDefault()
  const target = event.target as HTMLTextAreaElement
  if (target.form !== null) target.form.requestSubmit()
  else target.dispatchEvent(new Event('change', { bubbles: true }))
}

customElements.define('sb-note-list', SbNoteList)

declare global {
  interface HTMLElementTagNameMap {
    'sb-note-list': SbNoteList
  }
}
