import { describe, expect, it } from 'vitest'
import { sealedTotals, visibleTally } from '../../../core/board/visibility'
import { tallyVotes } from '../../../core/board/vote-tally'

describe('sealedTotals', () => {
  it('adds up the hidden notes and sealed dots of everyone listed', () => {
    const sealed = new Map([
      ['bo', { notes: 3, dots: 2 }],
      ['cy', { notes: 1, dots: 0 }],
    ])
    expect(sealedTotals(sealed)).toEqual({ notes: 4, dots: 2 })
    expect(sealedTotals(new Map())).toEqual({ notes: 0, dots: 0 })
  })
})

describe('visibleTally', () => {
  const tally = tallyVotes(
    new Map([
      ['ann', new Map([['n1', 2]])],
      [
        'bo',
        new Map([
          ['n1', 1],
          ['n2', 3],
        ]),
      ],
    ]),
    5,
    () => true,
  )

  it('shows only the viewer’s own dots before the reveal, everything after', () => {
    expect(visibleTally(tally, { votesRevealed: false }, 'ann').byTarget).toEqual(
      new Map([['n1', 2]]),
    )
    expect(visibleTally(tally, { votesRevealed: false }, 'cy').byTarget.size).toBe(0)
    expect(visibleTally(tally, { votesRevealed: true }, 'cy')).toBe(tally)
  })
})
