import { describe, expect, it } from 'vitest'
import {
  highlightedProposal,
  liveProposals,
  proposalKey,
  proposalSummary,
  ungroupedNotes,
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

  it('summarise a proposal by its ungrouped notes: a count, three one-line snippets, the rest counted', () => {
    const long = 'x'.repeat(80)
    const board = snapshot({
      notes: [
        note('a', { text: 'Cut the\n AWS bill' }),
        note('b', { text: long }),
        note('c', { text: '   ' }),
        note('d', { text: 'Right-size nodes' }),
        note('e', { groupId: 'g' }),
      ],
    })
    const proposal = {
      title: 'Cut cloud costs',
      noteIds: ['a', 'b', 'c', 'd', 'e', 'gone'],
      score: 1,
    }
    expect(ungroupedNotes(proposal, board)).toEqual(['a', 'b', 'c', 'd'])
    const summary = proposalSummary(proposal, board)
    expect(summary.count).toBe(4)
    expect(summary.more).toBe(1)
    expect(summary.snippets[0]).toBe('Cut the AWS bill')
    expect(summary.snippets[1]).toHaveLength(60)
    expect(summary.snippets[1]?.endsWith('…')).toBe(true)
    expect(summary.snippets[2]).toBe('Empty note')
  })

  it('highlight one proposal: the one pointed at, else the one picked, never one gone', () => {
    const live = [churn, growth]
    expect(highlightedProposal(live, proposalKey(growth), proposalKey(churn))).toBe(growth)
    expect(highlightedProposal(live, null, proposalKey(churn))).toBe(churn)
    expect(highlightedProposal(live, 'gone', null)).toBeNull()
    expect(highlightedProposal([growth], null, proposalKey(churn))).toBeNull()
    expect(highlightedProposal(null, proposalKey(churn), null)).toBeNull()
  })
})
