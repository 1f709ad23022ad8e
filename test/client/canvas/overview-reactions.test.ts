import { describe, expect, it } from 'vitest'
import { overviewReactionLabel } from '../../../client/canvas/overview-reactions'
import { reactionCount } from '../../../core/board/reactions'

describe('reactions in the overview', () => {
  it("totals a note's reactions", () => {
    const reactions = new Map([
      ['👍', ['ann', 'bob']],
      ['🔥', ['bob']],
      ['🎯', Array.from({ length: 12 }, (_, i) => `m${i}`)],
    ] as const)
    expect(reactionCount(reactions)).toBe(15)
    expect(reactionCount(new Map())).toBe(0)
    expect(reactionCount(undefined)).toBe(0)
  })

  it('shows the total only while the note has room for it on screen', () => {
    expect(overviewReactionLabel(3, 0.2)).toBe('♥ 3')
    expect(overviewReactionLabel(3, 0.15)).toBeNull()
    expect(overviewReactionLabel(0, 0.29)).toBeNull()
  })
})
