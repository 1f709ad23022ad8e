/**
 * The board as this person sees it while something is hidden: the shared snapshot plus their
 * own hidden notes and sealed dots from their private room. Others' hidden work is only counts
 * (the shared `sealed` root), never content: it is not on this device at all.
 */
import type * as Y from 'yjs'
import type { PrivateSide } from './private-routing'
import type { BoardController } from './board-controller'
import { getEntity, type EntityRoot } from '../../core/board/schema'
import type { BoardSnapshot, Note, VoteTally } from '../../core/board/board-model'
import { readNotes } from '../../core/board/read'
import { readPrivateVotes, readSealed, type SealedCounts } from '../../core/board/private-room'

/** A hidden note never sits in a shared frame: frames are drawn from the shared board. */
export function readPrivateNotes(doc: Y.Doc): Note[] {
  return readNotes(doc, new Set())
}

/**
 * `tally` with this viewer's sealed dots added to their own, on targets that still exist:
 * the budget line, the dots on cards and the list all count them.
 */
export function withPrivateVotes(
  tally: VoteTally,
  privateVotes: ReadonlyMap<string, number>,
  viewerId: string,
  targets: ReadonlySet<string>,
): VoteTally {
  const kept = [...privateVotes].filter(([id]) => targets.has(id))
  if (kept.length === 0) return tally
  const own = new Map(tally.byVoter.get(viewerId) ?? [])
  const byTarget = new Map(tally.byTarget)
  for (const [id, count] of kept) {
    own.set(id, (own.get(id) ?? 0) + count)
    byTarget.set(id, (byTarget.get(id) ?? 0) + count)
  }
  const byVoter = new Map(tally.byVoter)
  byVoter.set(viewerId, own)
  return { byTarget, byVoter }
}

/** The shared snapshot with this person's private room folded in. */
export function mergePrivate(
  shared: BoardSnapshot,
  privateDoc: Y.Doc,
  viewerId: string,
): BoardSnapshot {
  const sharedIds = new Set(shared.notes.map((n) => n.id))
  // At a reveal the relay publishes before it clears the room: one note, shown once.
  const hidden = readPrivateNotes(privateDoc).filter((n) => !sharedIds.has(n.id))
  const notes = hidden.length === 0 ? shared.notes : [...shared.notes, ...hidden]
  const targets = new Set([...notes.map((n) => n.id), ...shared.groups.map((g) => g.id)])
  const tally = withPrivateVotes(shared.tally, readPrivateVotes(privateDoc), viewerId, targets)
  return notes === shared.notes && tally === shared.tally ? shared : { ...shared, notes, tally }
}

/** Everyone else's hidden work, by member: never this person's own (they see it whole). */
export function othersSealed(board: BoardController): Map<string, SealedCounts> {
  const sealed = new Map(board.derive(readSealed))
  sealed.delete(board.identity.id)
  if (board.privateSide !== null) sealed.delete(board.privateSide.member)
  return sealed
}

/** The document a note's or frame's text lives in: the private room for a hidden note. */
export function docFor(board: BoardController, collection: EntityRoot, id: string): Y.Doc {
  const side = board.privateSide
  return side !== null && collection === 'notes' && getEntity(side.doc, 'notes', id) !== null
    ? side.doc
    : board.session.doc
}

/** Calls `handler` on every change of the private room's notes or dots; returns the undo. */
export function observePrivate(
  side: PrivateSide | null,
  handler: (events: unknown, transaction: Y.Transaction) => void,
): () => void {
  if (side === null) return () => undefined
  const roots = [side.doc.getMap('notes'), side.doc.getMap('votes')]
  for (const root of roots) root.observeDeep(handler)
  return () => {
    for (const root of roots) root.unobserveDeep(handler)
  }
}
