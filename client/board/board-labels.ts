/** How notes and groups are named in lists, respecting the private brainstorm. */
import type { BoardSnapshot, Note } from '../../core/board/board-model'
import { isNoteHidden } from '../../core/board/visibility'

export const HIDDEN_NOTE_LABEL = 'Hidden note'

export function noteLabel(note: Note, board: BoardSnapshot, viewerId: string): string {
  if (isNoteHidden(note, board.meta, viewerId)) return HIDDEN_NOTE_LABEL
  return note.text.trim() === '' ? 'Empty note' : note.text
}

/** A note or group id as a person reads it; '' when the target no longer exists. */
export function targetLabel(targetId: string, board: BoardSnapshot, viewerId: string): string {
  const group = board.groups.find((g) => g.id === targetId)
  if (group !== undefined) return `Group: ${group.title.trim() || 'Untitled group'}`
  const note = board.notes.find((n) => n.id === targetId)
  return note === undefined ? '' : noteLabel(note, board, viewerId)
}

export function dotsLeftLabel(left: number, budget: number): string {
  return `${left} of ${budget} ${budget === 1 ? 'dot' : 'dots'} left`
}
