import * as Y from 'yjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { castVote, createGroup, createNote } from '../../../core/board/commands/index'
import { migrate } from '../../../core/board/migrate'
import { readBoard } from '../../../core/board/read'
import { voteRanking } from '../../../core/board/vote-tally'
import type { BoardSnapshot } from '../../../core/board/board-model'
import { convertBoard } from '../../../core/convert/convert-board'
import { at, ORIGIN } from './fixtures'

const rankingOf = (board: BoardSnapshot) =>
  voteRanking(board.groups, board.notes, (id) => board.tally.byTarget.get(id) ?? 0)

/** g1 holds one note with 3 dots; g2 two notes with 2 each; n9 is loose with 5. */
function votedBoard(): Y.Doc {
  const doc = new Y.Doc()
  migrate(doc, ORIGIN)
  createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Keep customers' }, ORIGIN)
  createGroup(doc, { id: 'g2', x: 400, y: 0, title: 'Fast product' }, ORIGIN)
  const notes: [string, string, string | null][] = [
    ['n1', 'Reduce churn from 8% to 5%', 'g1'],
    ['n2', 'Cut p95 latency to under 300 ms', 'g2'],
    ['n3', 'Raise uptime from 99.5% to 99.9%', 'g2'],
    ['n9', 'Hire a designer', null],
  ]
  notes.forEach(([id, text, groupId], i) =>
    createNote(doc, { id, text, groupId, x: 0, y: 0, author: 'ann', createdAt: at(i) }, ORIGIN),
  )
  castVote(doc, { voterId: 'ann', targetId: 'n1', count: 3 }, ORIGIN)
  castVote(doc, { voterId: 'bob', targetId: 'n2', count: 2 }, ORIGIN)
  castVote(doc, { voterId: 'cy', targetId: 'n3', count: 2 }, ORIGIN)
  castVote(doc, { voterId: 'dee', targetId: 'n9', count: 5 }, ORIGIN)
  return doc
}

describe('voteRanking: one ranking for Results and Convert', () => {
  it("counts a note's dots for its group, and ranks loose notes beside the groups", () => {
    const ranked = rankingOf(readBoard(votedBoard()))
    expect(ranked.map((r) => [r.kind, r.targetId, r.votes, r.rank])).toEqual([
      ['note', 'n9', 5, 1],
      ['group', 'g2', 4, 2],
      ['group', 'g1', 3, 3],
    ])
    expect(ranked[1]?.notes.map((n) => n.id)).toEqual(['n2', 'n3'])
  })

  it('gives Convert the same group order the ranking shows', () => {
    const board = readBoard(votedBoard())
    const groups = rankingOf(board).filter((r) => r.kind === 'group')
    const objectives = convertBoard(board).objectives
    expect(objectives.map((o) => o.id)).toEqual(groups.map((g) => `obj:${g.targetId}`))
    expect(objectives.map((o) => o.votes)).toEqual(groups.map((g) => g.votes))
  })

  it('adds dots on the group itself to its notes, and shares ranks on ties', () => {
    const ranked = voteRanking(
      [{ id: 'b' }, { id: 'a' }],
      [
        { id: 'n1', groupId: 'a', createdAt: 0 },
        { id: 'n2', groupId: 'gone', createdAt: 0 },
      ],
      (id) => ({ a: 1, n1: 2, b: 3, n2: 0 })[id] ?? 0,
    )
    expect(ranked.map((r) => [r.targetId, r.votes, r.own, r.rank])).toEqual([
      ['a', 3, 1, 1],
      ['b', 3, 3, 1],
      // A note whose group no longer exists is ranked on its own, like any loose note.
      ['n2', 0, 0, 3],
    ])
  })

  it('agrees with Convert on any board (property)', () => {
    const ids = fc.constantFrom('g1', 'g2', 'g3', 'g4')
    fc.assert(
      fc.property(
        fc.uniqueArray(ids, { minLength: 1 }),
        fc.array(fc.tuple(fc.option(ids), fc.nat(4), fc.nat(3)), { maxLength: 12 }),
        fc.dictionary(ids, fc.nat(3)),
        (groupIds, noteSpecs, groupDots) => {
          const votes = new Map<string, number>(Object.entries(groupDots))
          const notes = noteSpecs.map(([groupId, dots, createdAt], i) => {
            votes.set(`n${i}`, dots)
            return { id: `n${i}`, text: `Note ${i}`, groupId, createdAt }
          })
          const snapshot = {
            groups: groupIds.map((id) => ({ id, title: `Theme ${id}` })),
            notes,
            tally: { byTarget: votes, byVoter: new Map() },
          }
          const ranked = voteRanking(snapshot.groups, notes, (id) => votes.get(id) ?? 0)
          const voted = ranked.filter((r) => r.kind === 'group' && r.votes > 0)
          const converted = convertBoard(snapshot as unknown as BoardSnapshot, {
            maxObjectives: 10,
          }).objectives
          expect(converted.map((o) => o.id)).toEqual(voted.map((g) => `obj:${g.targetId}`))
        },
      ),
      { numRuns: 200 },
    )
  })
})
