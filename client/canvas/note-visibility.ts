/**
 * Who sees a note's text. During a private brainstorm each person sees only their own notes
 * until the facilitator reveals them; everyone else's are blank cards, so ideas are not
 * anchored by the first loud contribution.
 *
 * Kept here until core/board exports its own helper for the same rule; then this delegates.
 */
import type { BoardMeta, Note } from '../../core/board/model'

export function isBlankFor(
  note: Pick<Note, 'author'>,
  meta: Pick<BoardMeta, 'phase' | 'notesRevealed'>,
  viewerId: string,
): boolean {
  return meta.phase === 'brainstorm' && !meta.notesRevealed && note.author !== viewerId
}
