import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  castVote,
  deleteNotes,
  retractVote,
  setVoteBudget,
} from '../../../core/board/commands/index'
import { getVotes } from '../../../core/board/schema'
import { ranking, readRawVotes, remainingVotes, tallyVotes } from '../../../core/board/vote-tally'
import { readTally } from '../../../core/board/read'
import { boardWithNotes, codeOf, ORIGIN } from './fixtures'

const raw = (entries: Record<string, Record<string, number>>) =>
  new Map(Object.entries(entries).map(([voter, dots]) => [voter, new Map(Object.entries(dots))]))

describe('tallyVotes', () => {
  it('counts everything within the budget', () => {
    const tally = tallyVotes(raw({ ann: { a: 2, b: 1 }, bo: { a: 1 } }), 5, () => true)
    expect(tally.byTarget).toEqual(
      new Map([
        ['a', 3],
        ['b', 1],
      ]),
    )
    expect(tally.byVoter.get('ann')).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    )
  })

  it('cuts an overspent voter round-robin over targets in id order', () => {
    const tally = tallyVotes(raw({ ann: { b: 3, a: 3, c: 1 } }), 4, () => true)
    expect(tally.byVoter.get('ann')).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
        ['c', 1],
      ]),
    )
    const sum = [...tally.byTarget.values()].reduce((x, y) => x + y, 0)
    expect(sum).toBe(4)
  })

  it('is independent of the order the votes were stored in', () => {
    const forward = tallyVotes(raw({ ann: { a: 4, b: 4 }, bo: { z: 9 } }), 5, () => true)
    const backward = tallyVotes(raw({ bo: { z: 9 }, ann: { b: 4, a: 4 } }), 5, () => true)
    expect([...backward.byTarget].sort()).toEqual([...forward.byTarget].sort())
    expect(backward.byVoter.get('ann')).toEqual(forward.byVoter.get('ann'))
  })

  it('ignores missing targets, so their dots return to the voter', () => {
    const tally = tallyVotes(raw({ ann: { gone: 5, b: 2 } }), 3, (id) => id !== 'gone')
    expect(tally.byTarget).toEqual(new Map([['b', 2]]))
  })

  it('a budget of zero counts nothing', () => {
    expect(tallyVotes(raw({ ann: { a: 1 } }), 0, () => true).byTarget.size).toBe(0)
  })
})

describe('ranking', () => {
  it('orders by votes then id and shares ranks on ties', () => {
    const tally = tallyVotes(raw({ ann: { b: 2, a: 1 }, bo: { c: 2, a: 1 } }), 5, () => true)
    expect(ranking(tally)).toEqual([
      { targetId: 'a', votes: 2, rank: 1 },
      { targetId: 'b', votes: 2, rank: 1 },
      { targetId: 'c', votes: 2, rank: 1 },
    ])
    const uneven = tallyVotes(raw({ ann: { b: 3, a: 1, c: 1 } }), 5, () => true)
    expect(ranking(uneven).map((r) => [r.targetId, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
    ])
    expect(ranking(uneven, (id) => id !== 'b').map((r) => r.targetId)).toEqual(['a', 'c'])
  })
})

describe('castVote and retractVote', () => {
  it('casts within the budget and refuses beyond it', () => {
    const doc = boardWithNotes(3)
    setVoteBudget(doc, { budget: 3 }, ORIGIN)
    castVote(doc, { voterId: 'ann', targetId: 'n1', count: 2 }, ORIGIN)
    castVote(doc, { voterId: 'ann', targetId: 'n2' }, ORIGIN)
    expect(codeOf(() => castVote(doc, { voterId: 'ann', targetId: 'n3' }, ORIGIN))).toBe(
      'vote-budget-exhausted:count',
    )
    expect(remainingVotes(readTally(doc), 'ann', 3)).toBe(0)
    expect(remainingVotes(readTally(doc), 'bo', 3)).toBe(3)
  })

  it('refuses unknown targets and bad counts', () => {
    const doc = boardWithNotes(1)
    expect(codeOf(() => castVote(doc, { voterId: 'ann', targetId: 'zz' }, ORIGIN))).toBe(
      'not-found:targetId',
    )
    expect(codeOf(() => castVote(doc, { voterId: 'ann', targetId: 'n1', count: 0 }, ORIGIN))).toBe(
      'invalid-argument:count',
    )
    expect(
      codeOf(() => castVote(doc, { voterId: 'ann', targetId: 'n1', count: 1.5 }, ORIGIN)),
    ).toBe('invalid-argument:count')
  })

  it('retracts at most what was cast and removes the entry at zero', () => {
    const doc = boardWithNotes(1)
    castVote(doc, { voterId: 'ann', targetId: 'n1', count: 2 }, ORIGIN)
    expect(retractVote(doc, { voterId: 'ann', targetId: 'n1', count: 5 }, ORIGIN)).toBe(2)
    expect(retractVote(doc, { voterId: 'ann', targetId: 'n1' }, ORIGIN)).toBe(0)
    expect(doc.getMap('votes').toJSON()).toEqual({ ann: {} })
  })

  it('freed dots come back when a voted note is deleted', () => {
    const doc = boardWithNotes(2)
    setVoteBudget(doc, { budget: 2 }, ORIGIN)
    castVote(doc, { voterId: 'ann', targetId: 'n1', count: 2 }, ORIGIN)
    deleteNotes(doc, { ids: ['n1'] }, ORIGIN)
    castVote(doc, { voterId: 'ann', targetId: 'n2', count: 2 }, ORIGIN)
    expect(readTally(doc).byTarget).toEqual(new Map([['n2', 2]]))
  })

  it('offline overspending by one voter on two devices is capped the same on both', () => {
    const a = boardWithNotes(3)
    setVoteBudget(a, { budget: 3 }, ORIGIN)
    castVote(a, { voterId: 'ann', targetId: 'n1' }, ORIGIN)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    castVote(a, { voterId: 'ann', targetId: 'n2', count: 2 }, ORIGIN)
    castVote(b, { voterId: 'ann', targetId: 'n3', count: 2 }, ORIGIN)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const stored = readRawVotes(getVotes(a)).get('ann')
    expect([...(stored?.values() ?? [])].reduce((x, y) => x + y, 0)).toBe(5)
    expect(readTally(a)).toEqual(readTally(b))
    expect(readTally(a).byVoter.get('ann')).toEqual(
      new Map([
        ['n1', 1],
        ['n2', 1],
        ['n3', 1],
      ]),
    )
  })

  it('a concurrent vote on a note deleted elsewhere is not counted', () => {
    const a = boardWithNotes(2)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    deleteNotes(a, { ids: ['n1'] }, ORIGIN)
    castVote(b, { voterId: 'bo', targetId: 'n1', count: 2 }, ORIGIN)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readTally(a).byTarget.size).toBe(0)
    expect(readTally(b)).toEqual(readTally(a))
  })
})

describe('readRawVotes', () => {
  it('repairs counts and accepts a plain-object voter written by another tool', () => {
    const doc = new Y.Doc()
    const votes = doc.getMap('votes')
    const dots = new Y.Map<unknown>()
    dots.set('a', '2')
    dots.set('b', -1)
    dots.set('c', 'lots')
    votes.set('ann', dots)
    votes.set('bo', { a: 1.9 })
    votes.set('cy', 'nonsense')
    expect(readRawVotes(votes)).toEqual(
      new Map([
        ['ann', new Map([['a', 2]])],
        ['bo', new Map([['a', 1]])],
      ]),
    )
  })
})
