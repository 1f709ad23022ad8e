/**
 * The reveal's write (docs/private-brainstorm.md "Reveal"): the relay copies the hidden notes
 * and dots of a board's private rooms into the shared document, all rooms in one transaction,
 * so everyone sees the reveal as one step; then it takes what it published out of the rooms
 * (`removePublished`, once the board's copy is durable).
 *
 * A private room is written by its author's client, so its content is read defensively: each
 * note is rebuilt from the read model (bad fields become defaults), a group that is not on the
 * board is dropped, and the author is the member the relay bound the room to, never the
 * note's own `author` field.
 */
import * as Y from 'yjs'
import { getCollection, getEntity, getVotes } from '../schema'
import { restoreNote } from '../restore'
import { readPrivateVotes } from '../private-room'
import { isAnonymous } from '../sealed'
import { BoardCommandError } from '../errors'
import { checkId } from '../validate'
import { newEntity } from './internal'

/** One private room as the relay holds it: the member it is bound to and its doc. */
export interface PrivateRoomContent {
  readonly member: string
  readonly doc: Y.Doc
}

export interface PublishArgs {
  readonly rooms: readonly PrivateRoomContent[]
  /** Publish the notes (`meta.notesRevealed`), the dots (`meta.votesRevealed`), or both. */
  readonly notes: boolean
  readonly votes: boolean
}

/** What was taken from each room (by the room's position in `rooms`): for `removePublished`. */
export interface Published {
  readonly notes: readonly string[]
  readonly votes: ReadonlyMap<string, number>
}

function sharedRoot(doc: Y.Doc, name: 'notes' | 'votes' | 'sealed'): Y.Map<unknown> {
  let map: Y.Map<unknown> | null
  try {
    map =
      name === 'votes'
        ? getVotes(doc)
        : name === 'notes'
          ? getCollection(doc, name)
          : doc.getMap(name)
  } catch (_error) {
    map = null
  }
  if (map === null) {
    throw new BoardCommandError('invalid-argument', `the board's "${name}" root is not a Y.Map`)
  }
  return map
}

/** Copies one room's notes; returns the ids taken (those already public are taken too). */
function publishNotes(board: Y.Doc, room: PrivateRoomContent, anonymous: boolean): string[] {
  const shared = sharedRoot(board, 'notes')
  let hidden: Y.Map<unknown> | null
  try {
    hidden = room.doc.getMap<unknown>('notes')
  } catch (_error) {
    hidden = null
  }
  const taken: string[] = []
  for (const [id, value] of hidden?.entries() ?? []) {
    const note = id === '' ? null : restoreNote(id, value)
    if (note === null) continue
    taken.push(id)
    // Published earlier (a reveal whose removal did not reach storage): same id, same words.
    if (shared.has(id)) continue
    const groupId =
      note.groupId !== null && getEntity(board, 'groups', note.groupId) ? note.groupId : null
    const fields = { ...note, id: undefined, groupId, author: anonymous ? undefined : room.member }
    shared.set(id, newEntity(fields, 'text'))
  }
  return taken
}

/** Adds one room's dots to the member's shared votes; returns what was taken. */
function publishVotes(board: Y.Doc, room: PrivateRoomContent): Map<string, number> {
  const dots = readPrivateVotes(room.doc)
  if (dots.size === 0) return dots
  const votes = sharedRoot(board, 'votes')
  let mine = votes.get(room.member)
  if (!(mine instanceof Y.Map)) {
    mine = new Y.Map<unknown>()
    votes.set(room.member, mine)
  }
  const map = mine as Y.Map<unknown>
  for (const [targetId, count] of dots) {
    const have = map.get(targetId)
    map.set(targetId, (typeof have === 'number' && have > 0 ? Math.trunc(have) : 0) + count)
  }
  return dots
}

/**
 * Publishes every room's hidden notes (`notes`) and dots (`votes`) into the shared board in
 * one transaction with `origin`, and sets each member's sealed counts for what was published
 * to 0. `author` is left out when `meta.anonymous` is true. Returns, per room, what to remove
 * from it afterwards.
 *
 * @example
 * const taken = publishPrivate(board, { rooms, notes: true, votes: false }, RELAY_ORIGIN)
 */
export function publishPrivate(board: Y.Doc, args: PublishArgs, origin: unknown): Published[] {
  for (const room of args.rooms) checkId(room.member, 'member')
  const anonymous = isAnonymous(board)
  const sealed = sharedRoot(board, 'sealed')
  const out: Published[] = []
  board.transact(() => {
    for (const room of args.rooms) {
      const notes = args.notes ? publishNotes(board, room, anonymous) : []
      const votes = args.votes ? publishVotes(board, room) : new Map<string, number>()
      out.push({ notes, votes })
      const before = sealed.get(room.member)
      const counts =
        typeof before === 'object' && before !== null && !(before instanceof Y.AbstractType)
          ? (before as Record<string, unknown>)
          : {}
      const next = {
        notes: args.notes ? 0 : typeof counts.notes === 'number' ? counts.notes : 0,
        dots: args.votes ? 0 : typeof counts.dots === 'number' ? counts.dots : 0,
      }
      if (counts.notes !== next.notes || counts.dots !== next.dots) sealed.set(room.member, next)
    }
  }, origin)
  return out
}

/**
 * Takes what `publishPrivate` published out of a private room, in one transaction: the notes
 * by id, and the dots by count (a dot cast meanwhile stays, to be published next).
 *
 * @example
 * removePublished(privateDoc, taken[0], RELAY_ORIGIN)
 */
export function removePublished(privateDoc: Y.Doc, published: Published, origin: unknown): void {
  if (published.notes.length === 0 && published.votes.size === 0) return
  privateDoc.transact(() => {
    // Only roots something was read from: they are Y.Maps, so getMap cannot throw on them.
    if (published.notes.length > 0) {
      const notes = privateDoc.getMap<unknown>('notes')
      for (const id of published.notes) notes.delete(id)
    }
    if (published.votes.size === 0) return
    const votes = privateDoc.getMap<unknown>('votes')
    const now = readPrivateVotes(privateDoc)
    for (const [targetId, count] of published.votes) {
      const left = (now.get(targetId) ?? 0) - count
      if (left > 0) votes.set(targetId, left)
      else votes.delete(targetId)
    }
  }, origin)
}
