/**
 * What a viewer may see during a private brainstorm and before votes are revealed
 * (docs/private-brainstorm.md). Hidden notes and sealed dots are not in the shared document at
 * all: they wait in their author's private room on the relay and the author's devices, and
 * everyone else learns only how many there are (the `sealed` root). So a note in the shared
 * `notes` root is public, whoever wrote it and however it got there (an older app, another
 * tool), and is shown to everyone.
 *
 * Dots in the shared `votes` root before the reveal come from older apps or other tools; they
 * stay out of others' sight as before, so nobody follows the crowd.
 */
import type { BoardMeta, VoteTally } from './board-model'
import type { SealedCounts } from './private-room'

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

/**
 * Everyone else's hidden work in total: the notes waiting for the reveal and the dots cast
 * but sealed.
 *
 * @example
 * sealedTotals(othersSealed) // { notes: 7, dots: 9 }
 */
export function sealedTotals(sealed: ReadonlyMap<string, SealedCounts>): SealedCounts {
  let notes = 0
  let dots = 0
  for (const counts of sealed.values()) {
    notes += counts.notes
    dots += counts.dots
  }
  return { notes, dots }
}
