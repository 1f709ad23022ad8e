import { describe, expect, it } from 'vitest'
import {
  brainstormView,
  groupingSummary,
  panelSections,
  resultsView,
  votingView,
} from '../../../client/facilitation/panel-model'
import { group, note, snapshot } from '../fixtures/board-snapshot'
import { convertBoard } from '../../../core/convert/convert-board'
import type { EpochMs } from '../../../core/okr/okr-model'

describe('which sections the panel shows', () => {
  it('leads with the brainstorm, then keeps it last until notes are revealed', () => {
    expect(panelSections('brainstorm', false)).toEqual({
      brainstorm: 'first',
      grouping: false,
      voting: false,
    })
    expect(panelSections('group', false)).toEqual({
      brainstorm: 'last',
      grouping: true,
      voting: false,
    })
    expect(panelSections('vote', true)).toEqual({ brainstorm: null, grouping: false, voting: true })
    expect(panelSections('review', true).voting).toBe(true)
  })
})

describe('the private brainstorm', () => {
  it('counts my notes and the notes others keep hidden (the sealed counts)', () => {
    const board = snapshot({
      notes: [note('a'), note('b', { author: 'ben' }), note('c', { author: 'cy' })],
    })
    expect(brainstormView(board, 'me', 2)).toEqual({
      revealed: false,
      hidden: 2,
      summary: 'You wrote 1 note. 2 notes from others wait for the reveal.',
      toggleLabel: 'Reveal all notes',
    })
  })

  it('says so when nobody else wrote yet, and when everything is revealed', () => {
    expect(brainstormView(snapshot({}), 'me', 0).summary).toBe(
      'You wrote 0 notes. No notes from others yet.',
    )
    const revealed = brainstormView(snapshot({ meta: { notesRevealed: true } }), 'me', 0)
    expect(revealed.summary).toBe("Everyone's notes are visible.")
    expect(revealed.toggleLabel).toBe('Hide notes again')
  })
})

describe('grouping', () => {
  it('summarises groups and ungrouped notes', () => {
    const board = snapshot({
      groups: [group('g')],
      notes: [note('a', { groupId: 'g' }), note('b')],
    })
    expect(groupingSummary(board)).toBe(
      '1 group, 1 ungrouped note. Drag notes into a frame to group them.',
    )
  })
})

describe('dot voting', () => {
  const board = snapshot({
    meta: { phase: 'vote', voteBudget: 3, notesRevealed: true },
    notes: [note('a'), note('b')],
    groups: [group('g', { title: 'Churn' })],
    dots: { me: { a: 2 }, ben: { b: 1 } },
  })

  it('shows the budget left as dots and my dots by target', () => {
    const view = votingView(board, 'me', [])
    expect(view.left).toBe(1)
    expect(view.budgetLabel).toBe('1 of 3 dots left')
    expect(view.dots).toEqual([true, false, false])
    expect(view.mine).toEqual([{ targetId: 'a', label: 'text of a', count: 2 }])
  })

  it('votes only on selected things that exist, and only within the budget', () => {
    const one = votingView(board, 'me', ['b', 'gone'])
    expect(one.selected).toEqual(['b'])
    expect(one.canVoteSelection).toBe(true)
    expect(one.voteLabel).toBe('the selected note')
    const two = votingView(board, 'me', ['b', 'g'])
    expect(two.canVoteSelection).toBe(false)
    expect(two.voteLabel).toBe('2 selected')
  })

  it('draws at most twenty dots', () => {
    const big = snapshot({ meta: { voteBudget: 50 } })
    expect(votingView(big, 'me', []).dots).toHaveLength(20)
  })
})

describe('results', () => {
  it('stay empty until revealed', () => {
    const board = snapshot({ notes: [note('a')], dots: { me: { a: 1 } } })
    expect(resultsView(board)).toEqual({
      revealed: false,
      rows: [],
      toggleLabel: 'Reveal votes',
    })
  })

  it('rank targets once revealed, ties sharing a rank', () => {
    const board = snapshot({
      meta: { votesRevealed: true, notesRevealed: true },
      notes: [note('a'), note('b'), note('c')],
      dots: { me: { a: 2, b: 1 }, ben: { c: 1 } },
    })
    const view = resultsView(board)
    expect(view.toggleLabel).toBe('Hide votes')
    expect(view.rows.map((r) => [r.label, r.votes, r.rank])).toEqual([
      ['text of a', 2, 1],
      ['text of b', 1, 2],
      ['text of c', 1, 2],
    ])
  })

  it("rank a group by its notes' dots, the order Convert uses, with the dots beneath", () => {
    const board = snapshot({
      meta: { votesRevealed: true, notesRevealed: true },
      groups: [group('g1'), group('g2')],
      notes: [
        note('a', { groupId: 'g1' }),
        note('b', { groupId: 'g2' }),
        note('c', { groupId: 'g2', createdAt: 1 as EpochMs }),
        note('d', { groupId: 'g2' }),
        note('e'),
      ],
      dots: { me: { a: 3, b: 1, c: 2 }, ben: { g2: 1, e: 2 } },
    })
    const view = resultsView(board)
    expect(view.rows.map((r) => [r.kind, r.label, r.votes, r.rank])).toEqual([
      ['group', 'Group: title of g2', 4, 1],
      ['group', 'Group: title of g1', 3, 2],
      ['note', 'text of e', 2, 3],
    ])
    // The note with 3 dots no longer outranks the group whose notes hold 4 between them.
    expect(view.rows[0]?.breakdown).toEqual([
      { targetId: 'g2', label: 'On the group itself', votes: 1 },
      { targetId: 'c', label: 'text of c', votes: 2 },
      { targetId: 'b', label: 'text of b', votes: 1 },
    ])
    expect(view.rows[2]?.breakdown).toEqual([])
    const objectives = convertBoard(board).objectives.map((o) => o.id)
    const groupRows = view.rows.filter((r) => r.kind === 'group').map((r) => `obj:${r.targetId}`)
    expect(objectives).toEqual(groupRows)
  })
})
