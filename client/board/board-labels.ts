/** How notes and groups are named in lists. */
import type { BoardSnapshot, Note } from '../../core/board/board-model'

export function noteLabel(note: Note): string {
  return note.text.trim() === '' ? 'Empty note' : note.text
}

/** A note or group id as a person reads it; '' when the target no longer exists. */
export function targetLabel(targetId: string, board: BoardSnapshot): string {
  const group = board.groups.find((g) => g.id === targetId)
  if (group !== undefined) return `Group: ${group.title.trim() || 'Untitled group'}`
  const note = board.notes.find((n) => n.id === targetId)
  return note === undefined ? '' : noteLabel(note)
}

export function dotsLeftLabel(left: number, budget: number): string {
  return `${left} of ${budget} ${budget === 1 ? 'dot' : 'dots'} left`
}
