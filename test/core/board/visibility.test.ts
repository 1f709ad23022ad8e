import { describe, expect, it } from 'vitest'
import { isNoteHidden, visibleNoteText, visibleTally } from '../../../core/board/visibility'
import { tallyVotes } from '../../../core/board/vote-tally'

describe('private brainstorm', () => {
  const note = { author: 'bo', text: 'Cut churn below 3%' }

  it("hides others' notes until notes are revealed; one's own are always visible", () => {
    expect(isNoteHidden(note, { notesRevealed: false }, 'ann')).toBe(true)
    expect(visibleNoteText(note, { notesRevealed: false }, 'ann')).toBe('')
    expect(visibleNoteText(note, { notesRevealed: false }, 'bo')).toBe('Cut churn below 3%')
    expect(visibleNoteText(note, { notesRevealed: true }, 'ann')).toBe('Cut churn below 3%')
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
