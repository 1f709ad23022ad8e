import { describe, expect, it } from 'vitest'
import {
  liveProposals,
  proposalNotes,
  proposeGroups,
  withoutProposal,
} from '../../../client/facilitation/suggestions-model'
import { note, snapshot } from '../fixtures/board-snapshot'

const churn = { title: 'Churn', noteIds: ['a', 'b', 'c'], score: 1 }
const growth = { title: 'Growth', noteIds: ['d', 'e'], score: 1 }

describe('grouping suggestions', () => {
  it('drop proposals once fewer than two of their notes are still ungrouped', () => {
    const board = snapshot({
      notes: [note('a'), note('b', { groupId: 'g' }), note('c'), note('d', { groupId: 'g' })],
    })
    expect(liveProposals([churn, growth], board)).toEqual([churn])
    expect(liveProposals(null, board)).toBeNull()
  })

  it('dismiss a proposal by its notes', () => {
    expect(
      withoutProposal([churn, growth], { title: 'other', noteIds: ['a', 'b', 'c'], score: 0 }),
    ).toEqual([growth])
    expect(withoutProposal(null, churn)).toEqual([])
  })

  it('name the notes by their text, skipping notes gone since', () => {
    const board = snapshot({ notes: [note('a'), note('c', { author: 'ben' })] })
    expect(proposalNotes(churn, board)).toBe('text of a · text of c')
  })

  it('propose from every note on the board: others’ hidden notes are not in it', () => {
    const board = snapshot({
      notes: [
        note('a', { text: 'reduce churn in onboarding' }),
        note('b', { text: 'reduce churn for new teams' }),
        note('c', { text: 'reduce churn secretly', author: 'ben' }),
      ],
    })
    const proposed = proposeGroups(board).flatMap((p) => p.noteIds)
    expect(proposed).toContain('c')
  })
})
