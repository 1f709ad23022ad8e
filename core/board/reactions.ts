/**
 * Emoji reactions on notes, stored in the `reactions` root as member id → Y.Map<noteId,
 * Y.Map<emoji, true>>. Keyed by member first, as `votes` is, so the relay's rule is the same
 * one ("an editor writes only under their own id", core/board/permissions.ts) and two people
 * reacting to one note at once write under different keys and both land.
 *
 * Read from untrusted data (another tool, a hostile peer): anything that is not the shape
 * above, an emoji outside the set, or a note that no longer exists reads as no reaction.
 */
import * as Y from 'yjs'

/** The emoji a person may react with; a new one is one entry here. */
export const REACTIONS = ['👍', '❤️', '🎯', '😂', '🤔', '🔥'] as const
export type Reaction = (typeof REACTIONS)[number]

/** Bounds on what a reader walks, whatever a peer wrote. */
const MAX_MEMBERS = 2_000
const MAX_NOTES_PER_MEMBER = 20_000

/** One note's reactions: for each emoji, who reacted with it (member ids, sorted). */
export type NoteReactions = ReadonlyMap<Reaction, readonly string[]>

export function isReaction(value: unknown): value is Reaction {
  return typeof value === 'string' && (REACTIONS as readonly string[]).includes(value)
}

/** The `reactions` root, or null when another Y type holds the name on this Doc. */
export function getReactions(doc: Y.Doc): Y.Map<unknown> | null {
  try {
    return doc.getMap<unknown>('reactions')
  } catch (_error) {
    return null
  }
}

/**
 * Every note's reactions, emoji in REACTIONS order. `noteExists` drops reactions left on
 * notes deleted since (deleting a note leaves others' reactions behind: they are theirs).
 *
 * @example
 * readReactions(doc).get('n1')?.get('👍') // ['ann', 'bob']
 */
export function readReactions(
  doc: Y.Doc,
  noteExists: (id: string) => boolean = () => true,
): Map<string, NoteReactions> {
  const root = getReactions(doc)
  const byNote = new Map<string, Map<Reaction, string[]>>()
  if (root === null) return new Map()
  let members = 0
  for (const [member, notes] of root.entries()) {
    if (++members > MAX_MEMBERS) break
    if (!(notes instanceof Y.Map)) continue
    let seen = 0
    for (const [noteId, emojis] of (notes as Y.Map<unknown>).entries()) {
      if (++seen > MAX_NOTES_PER_MEMBER) break
      if (!(emojis instanceof Y.Map) || !noteExists(noteId)) continue
      for (const [emoji, on] of (emojis as Y.Map<unknown>).entries()) {
        if (on !== true || !isReaction(emoji)) continue
        let forNote = byNote.get(noteId)
        if (!forNote) byNote.set(noteId, (forNote = new Map()))
        const who = forNote.get(emoji)
        if (who) who.push(member)
        else forNote.set(emoji, [member])
      }
    }
  }
  const out = new Map<string, NoteReactions>()
  for (const [noteId, forNote] of byNote) {
    const ordered = new Map<Reaction, string[]>()
    for (const emoji of REACTIONS) {
      const who = forNote.get(emoji)
      if (who) ordered.set(emoji, who.sort())
    }
    out.set(noteId, ordered)
  }
  return out
}

/** Whether `member` has reacted to `noteId` with `emoji`. */
export function hasReacted(doc: Y.Doc, noteId: string, member: string, emoji: Reaction): boolean {
  const notes = getReactions(doc)?.get(member)
  if (!(notes instanceof Y.Map)) return false
  const emojis = (notes as Y.Map<unknown>).get(noteId)
  return emojis instanceof Y.Map && (emojis as Y.Map<unknown>).get(emoji) === true
}

/**
 * One note's reactions as one line of counts, in REACTIONS order ("👍 2  🔥 1"); '' for none.
 *
 * @example
 * reactionLine(readReactions(doc).get('n1')) // '👍 2  🔥 1'
 */
export function reactionLine(reactions: NoteReactions | undefined): string {
  if (!reactions) return ''
  return [...reactions]
    .filter(([, who]) => who.length > 0)
    .map(([emoji, who]) => `${emoji} ${who.length}`)
    .join('  ')
}

/**
 * How many reactions a note has in all (each person's each emoji once): what the zoomed-out
 * overview writes on it.
 *
 * @example
 * reactionCount(readReactions(doc).get('n1')) // 3
 */
export function reactionCount(reactions: NoteReactions | undefined): number {
  let total = 0
  for (const who of reactions?.values() ?? []) total += who.length
  return total
}
