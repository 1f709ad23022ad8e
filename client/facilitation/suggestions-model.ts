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

/** A proposal as its row in the list shows it: a few of its notes, and how many more. */
export interface ProposalSummary {
  readonly count: number
  readonly snippets: readonly string[]
  readonly more: number
}

const SNIPPETS = 3
const SNIPPET_CHARS = 60

const snippet = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length <= SNIPPET_CHARS ? line : `${line.slice(0, SNIPPET_CHARS - 1).trimEnd()}…`
}

/** Its notes still ungrouped: what applying it would frame now. */
export function ungroupedNotes(proposal: GroupSuggestion, board: BoardSnapshot): string[] {
  const free = new Set(board.notes.filter((n) => n.groupId === null).map((n) => n.id))
  return proposal.noteIds.filter((id) => free.has(id))
}

/**
 * Its ungrouped notes counted, the first few quoted (one line each, cut at SNIPPET_CHARS), and
 * how many are not quoted.
 */
export function proposalSummary(proposal: GroupSuggestion, board: BoardSnapshot): ProposalSummary {
  const byId = new Map(board.notes.map((n) => [n.id, n]))
  const ids = ungroupedNotes(proposal, board)
  const snippets = ids.slice(0, SNIPPETS).flatMap((id) => {
    const note = byId.get(id)
    return note === undefined ? [] : [snippet(noteLabel(note))]
  })
  return { count: ids.length, snippets, more: ids.length - snippets.length }
}

/**
 * The one proposal the canvas highlights: the one under the pointer (or keyboard focus), else
 * the one the person picked; none when neither is still on offer.
 */
export function highlightedProposal(
  live: readonly GroupSuggestion[] | null,
  hovered: string | null,
  picked: string | null,
): GroupSuggestion | null {
  const find = (key: string | null): GroupSuggestion | undefined =>
    key === null ? undefined : live?.find((p) => proposalKey(p) === key)
  return find(hovered) ?? find(picked) ?? null
}
