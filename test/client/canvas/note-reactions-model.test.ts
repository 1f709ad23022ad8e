import { describe, expect, it } from 'vitest'
import { REACTIONS, type NoteReactions } from '../../../core/board/reactions'
import { reactionChoices } from '../../../client/canvas/note-reactions-model'

describe('reactionChoices', () => {
  it('offers all six emoji in the picker order, none pressed, when nobody reacted', () => {
    const choices = reactionChoices(undefined, 'ann', 'Cut churn')
    expect(choices.map((c) => c.emoji)).toEqual([...REACTIONS])
    expect(choices.every((c) => !c.pressed && c.count === 0)).toBe(true)
    expect(choices[0]!.label).toBe("React 👍 to 'Cut churn'")
  })

  it("presses only this person's reactions and counts everyone's", () => {
    const reactions: NoteReactions = new Map([
      ['👍', ['ann', 'bob']],
      ['🔥', ['bob']],
    ])
    const byEmoji = new Map(reactionChoices(reactions, 'ann', 'x').map((c) => [c.emoji, c]))
    expect(byEmoji.get('👍')).toMatchObject({ pressed: true, count: 2 })
    expect(byEmoji.get('🔥')).toMatchObject({ pressed: false, count: 1 })
    expect(byEmoji.get('❤️')).toMatchObject({ pressed: false, count: 0 })
  })
})
