/**
 * Accepting a grouping proposal from the suggestions panel. The gesture itself (a frame sized
 * for its notes, the notes tidied into a grid, the notes assigned) is the core command
 * acceptGroupingProposal, so it is all-or-nothing and one undo step; this adapts a proposal.
 */
import type * as Y from 'yjs'
import type { BoardSnapshot } from '../../core/board/board-model'
import type { GroupSuggestion } from '../../core/convert/drafts'
import { acceptGroupingProposal } from '../../core/board/commands/selection'

/**
 * Applies one proposal to the notes still ungrouped; returns the new group's id, or null when
 * nothing is left to group. Throws the command's BoardCommandError (nothing written) when
 * refused. `_board` is no longer read — the command reads the document itself, so a stale
 * snapshot cannot misplace the frame — and stays only so current callers compile.
 */
export function acceptProposal(
  doc: Y.Doc,
  proposal: GroupSuggestion,
  _board: Pick<BoardSnapshot, 'notes' | 'groups'>,
  groupId: string,
  origin: unknown,
): string | null {
  return acceptGroupingProposal(
    doc,
    { groupId, title: proposal.title, noteIds: proposal.noteIds },
    origin,
  )
}
