/**
 * The accessible mirror of the canvas: every group and note as DOM, kept in sync with the
 * document, from which keyboard and screen-reader users create, edit and vote. It is visually
 * hidden (still read by screen readers) until toggled on or focused. Stable `data-*`
 * attributes make it the board's readable surface for browser tests too.
 */
import { LitElement, css, html } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext, type BoardSession } from '../board/board-context'
import { observeBoardSnapshot } from '../board/y-observe-controller'
import { colorOr } from '../../core/board/colors'
import type { BoardSnapshot, Group, Note, VoteTally } from '../../core/board/board-model'
import { DEFAULT_NOTE_COLOR } from '../../core/board/schema'
import { isNoteHidden, visibleTally } from '../../core/board/visibility'
import { remainingVotes } from '../../core/board/vote-tally'
import { castVote, createNote, retractVote, setNoteText } from '../../core/board/commands'
import { runCommand } from '../board/run-command'
import { toEpochMs } from '../../core/okr/numbers'
import { HIDDEN_NOTE_LABEL, dotsLeftLabel, noteLabel } from '../board/board-labels'
import { newId } from '../board/ids'

/** Where a note made from the list lands: a grid right of the content already there. */
export function nextNotePosition(notes: readonly Pick<Note, 'x' | 'y'>[]): {
  x: number
  y: number
} {
  const column = notes.length % 6
  const row = Math.floor(notes.length / 6)
  const left = notes.reduce((min, note) => Math.min(min, note.x), Infinity)
  const top = notes.reduce((min, note) => Math.min(min, note.y), Infinity)
  return {
    x: (Number.isFinite(left) ? left : 80) + column * 220,
    y: (Number.isFinite(top) ? top : 80) + row * 200,
  }
}

export class SbNoteList extends LitElement {
  static override properties = {
    visible: { type: Boolean, reflect: true },
    editing: { state: true },
  }

  declare visible: boolean
  declare editing: string | null

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })
  readonly #board = observeBoardSnapshot(this, () => this.#session.value)
  /** After an edit ends, keyboard focus goes back to that note's Edit button. */
  #returnFocusTo: string | null = null

  constructor() {
    super()
    this.visible = false
    this.editing = null
  }

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

  static override styles = css`
    :host {
      position: absolute;
      top: 12px;
      left: 12px;
      bottom: 12px;
      width: min(420px, calc(100% - 24px));
      overflow: auto;
      background: var(--sb-surface);
      border-radius: var(--sb-radius);
      box-shadow: var(--sb-shadow);
      z-index: 2;
      font-size: 0.9rem;
    }
    /* Visually hidden but in the accessibility tree; shown as soon as focus enters it. */
    :host(:not([visible]):not(:focus-within)) {
      clip-path: inset(50%);
      width: 1px;
      height: 1px;
      overflow: hidden;
      white-space: nowrap;
    }
    .inner {
      padding: 14px;
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 8px;
    }
    h3 {
      font-size: 0.9rem;
      margin: 14px 0 4px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li.note {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 4px 8px;
      padding: 8px;
      border-radius: 8px;
      border-left: 6px solid var(--note-color, #fde68a);
      background: #fafaf9;
      margin: 4px 0;
    }
    .text {
      white-space: pre-wrap;
      word-break: break-word;
    }
    .hidden {
      color: var(--sb-muted);
      font-style: italic;
    }
    .meta {
      color: var(--sb-muted);
      font-size: 0.8rem;
    }
    .actions {
      display: flex;
      gap: 4px;
      align-items: start;
    }
    button {
      font: inherit;
      font-size: 0.8rem;
      padding: 3px 8px;
      border-radius: 6px;
      border: 1px solid var(--sb-line);
      background: var(--sb-surface);
      cursor: pointer;
    }
    textarea {
      width: 100%;
      box-sizing: border-box;
      font: inherit;
      padding: 6px;
      border-radius: 6px;
      border: 1px solid var(--sb-line);
      resize: vertical;
    }
    form.create {
      display: grid;
      gap: 6px;
      margin-bottom: 10px;
    }
    .budget {
      font-weight: 600;
    }
  `

  override render() {
    const session = this.#session.value
    const board = this.#board.value
    if (session === undefined || board === null) return null
    const canEdit = session.role === 'edit'
    const me = session.identity.id
    const tally = visibleTally(board.tally, board.meta, me)
    const voting = canEdit && (board.meta.phase === 'vote' || board.meta.phase === 'review')
    const left = remainingVotes(board.tally, me, board.meta.voteBudget)
    const byGroup = new Map<string | null, Note[]>()
    for (const note of board.notes) {
      const list = byGroup.get(note.groupId) ?? []
      list.push(note)
      byGroup.set(note.groupId, list)
    }
    const ungrouped = byGroup.get(null) ?? []
    return html`<div
      class="inner"
      role="region"
      aria-label="Board as a list"
      data-testid="note-list"
      data-note-count=${board.notes.length}
      data-group-count=${board.groups.length}
    >
      <h2>Board as a list</h2>
      ${canEdit ? this.#createForm(session, board) : null}
      ${
        voting
          ? html`<p class="budget" data-testid="list-budget" data-left=${left}>
              ${dotsLeftLabel(left, board.meta.voteBudget)}
            </p>`
          : null
      }
      ${repeat(
        board.groups,
        (group) => group.id,
        (group) => this.#group(session, board, tally, group, byGroup.get(group.id) ?? [], voting),
      )}
      <h3>${board.groups.length > 0 ? 'Not in a group' : 'Notes'} (${ungrouped.length})</h3>
      ${this.#notes(session, board, tally, ungrouped, voting)}
    </div>`
  }

  #createForm(session: BoardSession, board: BoardSnapshot) {
    return html`<form
      class="create"
      data-testid="list-create-form"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault()
        const form = event.target as HTMLFormElement
        const area = form.elements.namedItem('text') as HTMLTextAreaElement
        const text = area.value.trim()
        if (text === '') return
        const at = nextNotePosition(board.notes)
        const created = runCommand(this, () => {
          createNote(
            session.doc,
            {
              id: newId(),
              x: at.x,
              y: at.y,
              author: session.identity.id,
              createdAt: toEpochMs(Date.now()),
              text,
            },
            session.origin,
          )
          return true
        })
        if (created === true) area.value = ''
      }}
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

  #group(
    session: BoardSession,
    board: BoardSnapshot,
    tally: VoteTally,
    group: Group,
    notes: readonly Note[],
    voting: boolean,
  ) {
    const title = group.title.trim() || 'Untitled group'
    const votes = tally.byTarget.get(group.id) ?? 0
    return html`<section
      data-group-id=${group.id}
      data-title=${group.title}
      data-votes=${votes}
      data-x=${Math.round(group.x)}
      data-y=${Math.round(group.y)}
      data-w=${Math.round(group.w)}
      data-h=${Math.round(group.h)}
      aria-label=${`Group ${title}`}
    >
      <h3>
        ${title} (${notes.length}${votes > 0 ? `, ${votes} ${votes === 1 ? 'dot' : 'dots'}` : ''})
      </h3>
      ${voting ? this.#voteButtons(session, group.id, title) : null}
      ${this.#notes(session, board, tally, notes, voting)}
    </section>`
  }

  #notes(
    session: BoardSession,
    board: BoardSnapshot,
    tally: VoteTally,
    notes: readonly Note[],
    voting: boolean,
  ) {
    const me = session.identity.id
    const canEdit = session.role === 'edit'
    const groupTitle = new Map(board.groups.map((g) => [g.id, g.title]))
    return html`<ul>
      ${repeat(
        notes,
        (note) => note.id,
        (note) => {
          const hidden = isNoteHidden(note, board.meta, me)
          const votes = tally.byTarget.get(note.id) ?? 0
          const mine = board.tally.byVoter.get(me)?.get(note.id) ?? 0
          const label = noteLabel(note, board, me)
          const group = note.groupId === null ? null : (groupTitle.get(note.groupId) ?? null)
          return html`<li
            class="note"
            style=${`--note-color:${colorOr(note.color, DEFAULT_NOTE_COLOR)}`}
            data-note-id=${note.id}
            data-group-id=${note.groupId ?? ''}
            data-votes=${votes}
            data-my-votes=${mine}
            data-hidden=${hidden ? 'true' : 'false'}
            data-author=${note.author === me ? 'me' : 'other'}
            data-x=${Math.round(note.x)}
            data-y=${Math.round(note.y)}
          >
            ${
              this.editing === note.id
                ? html`<textarea
                    aria-label="Note text"
                    data-testid="list-edit-text"
                    rows="3"
                    .value=${note.text}
                    @keydown=${(event: KeyboardEvent) => {
                      if (event.key === 'Escape') this.editing = null
                      else submitOnEnter(event)
                    }}
                    @change=${(event: Event) =>
                      this.#saveText(session, note.id, (event.target as HTMLTextAreaElement).value)}
                  ></textarea>`
                : html`<span class="text ${hidden ? 'hidden' : ''}" data-role="text"
                    >${hidden ? HIDDEN_NOTE_LABEL : note.text}</span
                  >`
            }
            <span class="actions">
              ${
                canEdit && !hidden && this.editing !== note.id
                  ? html`<button
                      aria-label=${`Edit note: ${label}`}
                      data-action="edit"
                      @click=${() => (this.editing = note.id)}
                    >
                      Edit
                    </button>`
                  : null
              }
              ${voting ? this.#voteButtons(session, note.id, label) : null}
            </span>
            <span class="meta">
              ${group !== null ? `In ${group.trim() || 'Untitled group'} · ` : ''}${votes}
              ${votes === 1 ? 'dot' : 'dots'}${board.meta.votesRevealed ? '' : ' (yours)'}
            </span>
          </li>`
        },
      )}
    </ul>`
  }

  #voteButtons(session: BoardSession, targetId: string, label: string) {
    const voterId = session.identity.id
    return html`<button
        aria-label=${`Put a dot on ${label}`}
        data-action="vote"
        data-target-id=${targetId}
        @click=${() =>
          runCommand(this, () => castVote(session.doc, { voterId, targetId }, session.origin))}
      >
        +●
      </button>
      <button
        aria-label=${`Take a dot back from ${label}`}
        data-action="unvote"
        data-target-id=${targetId}
        @click=${() =>
          runCommand(this, () => retractVote(session.doc, { voterId, targetId }, session.origin))}
      >
        −
      </button>`
  }

  #saveText(session: BoardSession, id: string, text: string): void {
    runCommand(this, () => setNoteText(session.doc, { id, text }, session.origin))
    this.#returnFocusTo = id
    this.editing = null
  }
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
