/**
 * What a viewer may see during a private brainstorm and before votes are revealed. The data is
 * in the shared document either way; hiding is a courtesy of the UI, so people brainstorm
 * without anchoring on each other and vote without following the crowd.
 */
import type { BoardMeta, Note, VoteTally } from './board-model'

/**
 * True when the note's text must be blank for this viewer: someone else's note while the
 * facilitator has not revealed notes yet.
 *
 * @example
 * isNoteHidden({ author: 'bo' }, { notesRevealed: false }, 'ann') // true
 */
export function isNoteHidden(
  note: Pick<Note, 'author'>,
  meta: Pick<BoardMeta, 'notesRevealed'>,
  viewerId: string,
): boolean {
  return !meta.notesRevealed && note.author !== viewerId
}

/**
 * The text to show for a note: its text, or '' while it is hidden from this viewer.
 *
 * @example
 * visibleNoteText(note, meta, identity.id)
 */
export function visibleNoteText(
  note: Pick<Note, 'author' | 'text'>,
  meta: Pick<BoardMeta, 'notesRevealed'>,
  viewerId: string,
): string {
  return isNoteHidden(note, meta, viewerId) ? '' : note.text
}

/**
 * The tally a viewer may see: everything once votes are revealed, otherwise only their own dots.
 *
 * @example
 * visibleTally(readTally(doc), meta, identity.id).byTarget.get('n1')
 */
export function visibleTally(
  tally: VoteTally,
  meta: Pick<BoardMeta, 'votesRevealed'>,
  viewerId: string,
): VoteTally {
  if (meta.votesRevealed) return tally
  const own = tally.byVoter.get(viewerId)
  return own
    ? { byTarget: new Map(own), byVoter: new Map([[viewerId, own]]) }
    : { byTarget: new Map(), byVoter: new Map() }
}
