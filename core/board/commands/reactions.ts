/** Emoji reactions on notes (../reactions.ts holds the stored shape and the reader). */
import type * as Y from 'yjs'
import { BoardCommandError } from '../errors'
import { getReactions, hasReacted, REACTIONS, type Reaction } from '../reactions'
import { getEntity } from '../schema'
import { checkArgs, checkEnum, checkId } from '../validate'
import { childMap } from './internal'

export interface ReactionArgs {
  readonly noteId: string
  /** Whose reaction: the relay lets an editor write only their own. */
  readonly member: string
  readonly emoji: Reaction
}

/**
 * Adds `member`'s `emoji` to a note, or takes it back when it is there. Returns whether the
 * reaction is on afterwards. Throws `not-found` for a note that is not on the shared board.
 *
 * @example
 * toggleReaction(doc, { noteId: 'n1', member: 'ann', emoji: '👍' }, origin) // true
 */
export function toggleReaction(doc: Y.Doc, args: ReactionArgs, origin: unknown): boolean {
  const a = checkArgs(args, 'toggleReaction')
  const noteId = checkId(a.noteId, 'noteId')
  const member = checkId(a.member, 'member')
  const emoji = checkEnum(a.emoji, REACTIONS, 'emoji')
  if (!getEntity(doc, 'notes', noteId)) {
    throw new BoardCommandError('not-found', `noteId: no note "${noteId}"`, 'noteId')
  }
  const root = getReactions(doc)
  if (!root) {
    throw new BoardCommandError(
      'invalid-argument',
      'the document\'s "reactions" root is not a Y.Map',
    )
  }
  const on = !hasReacted(doc, noteId, member, emoji)
  doc.transact(() => {
    const emojis = childMap(childMap(root, member), noteId)
    if (on) emojis.set(emoji, true)
    else emojis.delete(emoji)
  }, origin)
  return on
}
