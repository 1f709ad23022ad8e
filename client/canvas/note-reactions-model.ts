/**
 * What the list view's "React" control offers on one note: the six emoji in the canvas
 * picker's order, each pressed where this person reacted, with everyone's count and a label a
 * screen reader reads whole ("React 👍 to 'Cut churn'"). Pure, so it is tested without a DOM.
 */
import { REACTIONS, type NoteReactions, type Reaction } from '../../core/board/reactions'

export interface ReactionChoice {
  readonly emoji: Reaction
  readonly pressed: boolean
  readonly count: number
  readonly label: string
}

export function reactionChoices(
  reactions: NoteReactions | undefined,
  me: string,
  noteLabel: string,
): ReactionChoice[] {
  return REACTIONS.map((emoji) => {
    const who = reactions?.get(emoji) ?? []
    return {
      emoji,
      pressed: who.includes(me),
      count: who.length,
      label: `React ${emoji} to '${noteLabel}'`,
    }
  })
}
