/**
 * The relay's side of the shared `sealed` root (docs/private-brainstorm.md): what a private
 * room's hidden work counts as, and writing those counts into the board. Clients only read it
 * (./private-room.ts readSealed); the relay refuses any client update that touches it.
 */
import * as Y from 'yjs'
import { asBoolean } from './coerce'
import { readPrivateVotes, type SealedCounts } from './private-room'
import { getMeta } from './schema'

export { readSealed, type SealedCounts } from './private-room'

/** The origin of everything the relay itself writes into a board (sealed counts, reveals). */
export const RELAY_ORIGIN = 'relay'

/** A root as a Y.Map, or null when the name is taken by another Y type on this Doc. */
function mapRoot(doc: Y.Doc, name: string): Y.Map<unknown> | null {
  try {
    return doc.getMap<unknown>(name)
  } catch (_error) {
    return null
  }
}

/**
 * How much a private room hides: its notes (entries of its `notes` root, whatever their shape,
 * since each is drawn as a placeholder) and the dots of its `votes` root.
 *
 * @example
 * privateCounts(privateDoc) // { notes: 2, dots: 3 }
 */
export function privateCounts(privateDoc: Y.Doc): SealedCounts {
  const notes = mapRoot(privateDoc, 'notes')?.size ?? 0
  let dots = 0
  for (const count of readPrivateVotes(privateDoc).values()) dots += count
  return { notes, dots }
}

/** Whether the board publishes revealed notes without their author (schema 3, default false). */
export function isAnonymous(doc: Y.Doc): boolean {
  return asBoolean(getMeta(doc)?.get('anonymous'), false)
}

/** `meta.notesRevealed` / `meta.votesRevealed` as the relay acts on them. */
export function revealed(doc: Y.Doc): { readonly notes: boolean; readonly votes: boolean } {
  const meta = getMeta(doc)
  return {
    notes: asBoolean(meta?.get('notesRevealed'), false),
    votes: asBoolean(meta?.get('votesRevealed'), false),
  }
}

/** The counts stored for a member as they are, or null when absent or unreadable. */
function storedCounts(sealed: Y.Map<unknown>, member: string): SealedCounts | null {
  const raw = sealed.get(member)
  if (typeof raw !== 'object' || raw === null || raw instanceof Y.AbstractType) return null
  const value = raw as Record<string, unknown>
  return typeof value.notes === 'number' && typeof value.dots === 'number'
    ? { notes: value.notes, dots: value.dots }
    : null
}

/**
 * Writes `sealed[member] = { notes, dots }` (a plain object) when it differs from what is
 * stored; returns whether it wrote. Only the relay calls it, with RELAY_ORIGIN.
 *
 * @example
 * setSealedCounts(boardDoc, 'bo', privateCounts(privateDoc), RELAY_ORIGIN)
 */
export function setSealedCounts(
  doc: Y.Doc,
  member: string,
  counts: SealedCounts,
  origin: unknown,
): boolean {
  const sealed = mapRoot(doc, 'sealed')
  if (sealed === null) return false
  const now = storedCounts(sealed, member)
  if (now !== null && now.notes === counts.notes && now.dots === counts.dots) return false
  doc.transact(() => sealed.set(member, { notes: counts.notes, dots: counts.dots }), origin)
  return true
}

/**
 * Removes the counts of members who have no private room on this board (a board file from
 * another board brings its `sealed` root along); returns how many it removed. Only the relay
 * calls it, with RELAY_ORIGIN, in one transaction.
 *
 * @example
 * dropSealedExcept(boardDoc, new Set(['bo']), RELAY_ORIGIN)
 */
export function dropSealedExcept(
  doc: Y.Doc,
  members: ReadonlySet<string>,
  origin: unknown,
): number {
  const sealed = mapRoot(doc, 'sealed')
  if (sealed === null) return 0
  const stale = [...sealed.keys()].filter((member) => !members.has(member))
  if (stale.length > 0) doc.transact(() => stale.forEach((member) => sealed.delete(member)), origin)
  return stale.length
}
