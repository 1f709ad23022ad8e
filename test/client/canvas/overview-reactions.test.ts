import { describe, expect, it } from 'vitest'
import { overviewReactionLabel, reactionTotal } from '../../../client/canvas/overview-reactions'
import { reactionLine } from '../../../core/board/reactions'

describe('reactions in the overview', () => {
  it("totals a note's reaction line", () => {
    const line = reactionLine(
      new Map([
        ['👍', ['ann', 'bob']],
        ['🔥', ['bob']],
        ['🎯', Array.from({ length: 12 }, (_, i) => `m${i}`)],
      ]),
    )
    expect(reactionTotal(line)).toBe(15)
    expect(reactionTotal('')).toBe(0)
    expect(reactionTotal(null)).toBe(0)
    expect(reactionTotal(undefined)).toBe(0)
  })

  it('shows the total only while the note has room for it on screen', () => {
    expect(overviewReactionLabel(3, 0.2)).toBe('♥ 3')
    expect(overviewReactionLabel(3, 0.15)).toBeNull()
    expect(overviewReactionLabel(0, 0.29)).toBeNull()
  })
})
