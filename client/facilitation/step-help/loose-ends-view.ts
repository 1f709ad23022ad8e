/**
 * The loose-ends list of "agree next steps": each loose end with the one field that ties it,
 * running the existing OKR commands, and the calendar invite for the sessions that follow.
 */
import { html } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { updateKeyResult, updateObjective } from '../../../core/board/commands/okr'
import { plannedSessions, sessionsCalendar, type PlannedSession } from '../../../core/play/invites'
import type { BoardController } from '../../board/board-controller'
import { downloadText, fileStem } from '../../okr/download'
import type { OwnerChange } from '../../okr/sb-owner-picker'
import '../../okr/sb-owner-picker'
import { looseEnds, parseNumberInput, type LooseEnd } from './loose-ends-model'

/** A member's id where the person has joined, so a rename follows them; else their name. */
export function me(board: BoardController): string {
  const { id, name } = board.identity
  return (board.snapshot.members ?? []).some((m) => m.id === id) ? id : name
}

function setOwner(board: BoardController, end: LooseEnd, owner: string | null): void {
  if (owner === null || owner.trim() === '') return
  if (end.fix === 'objective-owner') board.run(updateObjective, { id: end.id, owner })
  else board.run(updateKeyResult, { id: end.id, owner })
}

/** Writes what was typed into the loose end's field; a number that does not parse writes nothing. */
function commit(board: BoardController, end: LooseEnd, input: HTMLInputElement): void {
  const text = input.value
  switch (end.fix) {
    case 'target':
    case 'start': {
      const value = parseNumberInput(text)
      if (value === null) {
        board.notify(`“${text}” is not a number.`)
        return
      }
      board.run(updateKeyResult, { id: end.id, [end.fix]: value })
      return
    }
    case 'title':
    case 'metric':
      if (text.trim() === '') return
      board.run(updateKeyResult, { id: end.id, [end.fix]: text.trim() })
      return
    default:
      return
  }
}

const FIELD_LABELS = {
  target: 'New target',
  start: 'Baseline today',
  title: 'Title',
  metric: 'What is measured',
} as const

function ownerFix(board: BoardController, end: LooseEnd) {
  return html`<button
      data-testid=${`loose-me-${end.key}`}
      ?disabled=${!board.identity.name}
      @click=${() => setOwner(board, end, me(board))}
    >
      Assign to me
    </button>
    <sb-owner-picker
      class="picker"
      data-testid=${`loose-owner-${end.key}`}
      label=${`Owner of ${end.subject.title}`}
      placeholder="Pick an owner"
      .value=${null}
      .members=${board.snapshot.members ?? []}
      @owner-change=${(e: CustomEvent<OwnerChange>) => setOwner(board, end, e.detail.owner)}
    ></sb-owner-picker>`
}

function fieldFix(board: BoardController, end: LooseEnd, fix: keyof typeof FIELD_LABELS) {
  const numeric = fix === 'target' || fix === 'start'
  const save = (e: Event) => {
    const row = (e.target as HTMLElement).closest('li')
    const input = row?.querySelector<HTMLInputElement>('input.fix')
    if (input) commit(board, end, input)
  }
  return html`<input
      class="fix ${numeric ? 'number' : 'text'}"
      data-testid=${`loose-input-${end.key}`}
      aria-label=${`${FIELD_LABELS[fix]}: ${end.subject.title}`}
      placeholder=${FIELD_LABELS[fix]}
      inputmode=${numeric ? 'decimal' : 'text'}
      .value=${end.current}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Enter') save(e)
      }}
    />
    <button data-testid=${`loose-save-${end.key}`} @click=${save}>Set</button>`
}

function fixOf(board: BoardController, end: LooseEnd) {
  if (!board.canEdit) return null
  if (end.fix === 'owner' || end.fix === 'objective-owner') return ownerFix(board, end)
  return fieldFix(board, end, end.fix)
}

function sessionLine(session: PlannedSession) {
  const when = new Date(session.start).toLocaleString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
  return html`<li>${when} · ${session.summary.split(':')[0]} (${session.minutes} min)</li>`
}

function invite(board: BoardController) {
  const options = {
    boardId: board.boardId,
    now: board.clock(),
    title: board.meta.title,
    period: board.meta.timeframe,
    // The app's address only: a board link carries its access token, which a calendar would spread.
    boardUrl: `${location.origin}/`,
  }
  const sessions = plannedSessions(options)
  const download = () =>
    downloadText(
      `${fileStem(board.meta.title)}-okr-sessions.ics`,
      'text/calendar',
      sessionsCalendar(plannedSessions({ ...options, now: board.clock() }), options),
    )
  return html`<section class="invite" data-testid="loose-invite">
    <h4>Sessions to schedule</h4>
    <ul class="sessions">
      ${sessions.map(sessionLine)}
    </ul>
    ${
      board.meta.timeframe === null
        ? html`<p class="muted">Set the board's timeframe to plan the monthly scoring too.</p>`
        : null
    }
    <button data-testid="loose-invite-download" @click=${download}>
      Download calendar invite (.ics)
    </button>
  </section>`
}

/** The whole "loose ends" help for the board in view. */
export function looseEndsView(board: BoardController) {
  const ends = looseEnds(board.cycleSnapshot)
  return html`<h3>Loose ends</h3>
    ${
      ends.length === 0
        ? html`<p class="ok" data-testid="loose-none">
            No loose ends: every key result has an owner and real numbers.
          </p>`
        : html`<p class="muted" data-testid="loose-count">
              ${ends.length} to tie before execution${board.canEdit ? '; fix each here.' : '.'}
            </p>
            <ul class="ends">
              ${repeat(
                ends,
                (end) => end.key,
                (end) =>
                  html`<li data-testid=${`loose-${end.key}`} data-kind=${end.kind}>
                    <div>
                      <strong>${end.subject.title}</strong>
                      <span class="muted">${end.message}</span>
                    </div>
                    <div class="fixes">${fixOf(board, end)}</div>
                  </li>`,
              )}
            </ul>`
    }
    ${invite(board)}`
}
