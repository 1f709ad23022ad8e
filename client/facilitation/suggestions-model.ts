/** What the grouping suggestions list shows while the board moves on underneath it. */
import type { BoardSnapshot } from '../../core/board/board-model'
import type { GroupSuggestion } from '../../core/convert/drafts'
import { suggestGroups } from '../../core/grouping/suggest-groups'
import { noteLabel } from '../board/board-labels'

/** A proposal is its notes: two proposals over the same notes are the same proposal. */
export const proposalKey = (proposal: GroupSuggestion): string => proposal.noteIds.join('\u0000')

/**
 * Others' hidden notes are not on this device, so every note here is this person's to read;
 * accepting leaves their own hidden ones out until the reveal (client/board/private-routing.ts).
 */
export function proposeGroups(board: BoardSnapshot): GroupSuggestion[] {
  return suggestGroups(board.notes)
}

/** Proposals with at least two notes still ungrouped (others may group some meanwhile). */
export function liveProposals(
  proposals: readonly GroupSuggestion[] | null,
  board: BoardSnapshot,
): readonly GroupSuggestion[] | null {
  if (proposals === null) return null
  const free = new Set(board.notes.filter((n) => n.groupId === null).map((n) => n.id))
  return proposals.filter((p) => p.noteIds.filter((id) => free.has(id)).length >= 2)
}

export function withoutProposal(
  proposals: readonly GroupSuggestion[] | null,
  dropped: GroupSuggestion,
): GroupSuggestion[] {
  return (proposals ?? []).filter((p) => proposalKey(p) !== proposalKey(dropped))
}

/** The proposal's notes as the person reads them, in its order; notes gone since are skipped. */
export function proposalNotes(proposal: GroupSuggestion, board: BoardSnapshot): string {
  const byId = new Map(board.notes.map((n) => [n.id, n]))
  return proposal.noteIds
    .flatMap((id) => {
      const note = byId.get(id)
      return note === undefined ? [] : [noteLabel(note)]
    })
    .filter(Boolean)
    .join(' · ')
}
