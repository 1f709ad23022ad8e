// The role policy on real command output: a participant's peer runs each facilitator-only
// command, and the diff it would send is judged on the relay's copy before it is applied.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { convertBoard } from '../../../core/convert/convert-board'
import { judgeUpdate, type BoardRole, type Judgement } from '../../../core/board/permissions'
import { migrate } from '../../../core/board/migrate'
import { readBoard } from '../../../core/board/read'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import { carryIntoCycle } from '../../../core/board/commands/cycle-carry'
import {
  applyConversion,
  castVote,
  createGroup,
  createNote,
  createObjective,
  deleteGroup,
  deleteNotes,
  editText,
  moveNotes,
  openRetroAnswers,
  recordConversionDecision,
  revealNotes,
  retractVote,
  revealVotes,
  setBoardTitle,
  setPhase,
  setVoteBudget,
  startTimer,
  stopTimer,
  updateBoardSettings,
} from '../../../core/board/commands/index'
import { updatePlaces } from '../../../core/sync/update-places'
import { at, ORIGIN } from './fixtures'

const Q4 = quarterTimeframe(2026, 4)

/** The relay's doc: a board with a voted group holding a note by ann and one by bob. */
function relayBoard(phase: 'brainstorm' | 'group' | 'vote' | 'review' = 'brainstorm'): Y.Doc {
  const doc = new Y.Doc()
  migrate(doc, ORIGIN)
  updateBoardSettings(doc, { title: 'Q4', timeframe: Q4 }, ORIGIN)
  createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Growth' }, ORIGIN)
  for (const [id, author] of [
    ['n-ann', 'ann'],
    ['n-bob', 'bob'],
  ] as const) {
    createNote(
      doc,
      { id, x: 0, y: 0, author, createdAt: at(1), text: 'grow 10%', groupId: 'g1' },
      ORIGIN,
    )
  }
  castVote(doc, { voterId: 'bob', targetId: 'g1' }, ORIGIN)
  setPhase(doc, { phase }, ORIGIN)
  return doc
}

/** What `change` sent from a synced peer of `relay` is judged as for `role` and `member`. */
function judge(
  relay: Y.Doc,
  change: (doc: Y.Doc) => void,
  role: BoardRole = 'edit',
  member: string | null = 'ann',
): Judgement {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(relay))
  change(peer)
  const update = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(relay))
  return judgeUpdate(relay, updatePlaces(relay, update), { role, member })
}

const FACILITATOR_ONLY: readonly [string, (doc: Y.Doc) => void, RegExp][] = [
  ['setPhase', (d) => setPhase(d, { phase: 'vote' }, ORIGIN), /phase \(meta\.phase\)/],
  ['revealNotes', (d) => revealNotes(d, { revealed: true }, ORIGIN), /meta\.notesRevealed/],
  ['revealVotes', (d) => revealVotes(d, { revealed: true }, ORIGIN), /meta\.votesRevealed/],
  ['setVoteBudget', (d) => setVoteBudget(d, { budget: 3 }, ORIGIN), /dot budget/],
  [
    'startTimer',
    (d) => startTimer(d, { startedAt: at(5), durationMs: 60_000 }, ORIGIN),
    /timer \(meta\.timer\)/,
  ],
  [
    'stopTimer after a start',
    (d) => {
      startTimer(d, { startedAt: at(5), durationMs: 60_000 }, ORIGIN)
      stopTimer(d, {}, ORIGIN)
    },
    /meta\.timer/,
  ],
  ['anonymous mode', (d) => d.getMap('meta').set('anonymous', true), /meta\.anonymous/],
  ['setBoardTitle', (d) => setBoardTitle(d, { title: 'Mine' }, ORIGIN), /rename the board/],
  [
    'settings: timeframe',
    (d) => updateBoardSettings(d, { timeframe: quarterTimeframe(2027, 1) }, ORIGIN),
    /meta\.timeframe/,
  ],
  ['settings: cadence', (d) => updateBoardSettings(d, { cadence: 'yearly' }, ORIGIN), /cadence/],
  [
    'a conversion decision',
    (d) =>
      recordConversionDecision(
        d,
        { key: 'group:g1', state: 'unticked', draftId: 'obj:g1', title: 'Growth' },
        ORIGIN,
      ),
    /meta\.conversionDecisions/,
  ],
  ['applyConversion', (d) => applyConversion(d, convertBoard(readBoard(d)), ORIGIN), /conversion/],
  ['deleting the phase', (d) => d.getMap('meta').delete('phase'), /meta\.phase/],
]

describe('judgeUpdate', () => {
  it.each(FACILITATOR_ONLY)(
    'refuses %s from an edit link and lets a facilitator',
    (_, run, why) => {
      const relay = relayBoard()
      const verdict = judge(relay, run)
      expect(verdict.allowed).toBe(false)
      if (!verdict.allowed) expect(verdict.reason).toMatch(why)
      expect(judge(relay, run, 'facilitate')).toEqual({ allowed: true })
    },
  )

  it('refuses carry-forward (its copies carry carriedFrom) from an edit link', () => {
    const relay = relayBoard('review')
    createObjective(relay, { id: 'o1', title: 'Grow', timeframe: Q4 }, ORIGIN)
    const carry = (d: Y.Doc) =>
      carryIntoCycle(d, { objectiveIds: ['o1'], timeframe: quarterTimeframe(2027, 1) }, ORIGIN)
    const verdict = judge(relay, carry)
    expect(verdict).toMatchObject({ allowed: false, reason: expect.stringMatching(/carr|cycle/) })
    expect(judge(relay, carry, 'facilitate').allowed).toBe(true)
  })

  it('lets an editor cast and retract only their own dots, in every phase', () => {
    for (const phase of ['vote', 'review'] as const) {
      const relay = relayBoard(phase)
      expect(judge(relay, (d) => castVote(d, { voterId: 'ann', targetId: 'g1' }, ORIGIN))).toEqual({
        allowed: true,
      })
      const moved = judge(relay, (d) => retractVote(d, { voterId: 'bob', targetId: 'g1' }, ORIGIN))
      expect(moved).toMatchObject({ allowed: false, reason: expect.stringMatching(/votes\.bob/) })
      const wiped = judge(relay, (d) => d.getMap('votes').delete('bob'))
      expect(wiped).toMatchObject({ allowed: false, reason: expect.stringMatching(/dots/) })
      expect(judge(relay, (d) => d.getMap('votes').delete('bob'), 'facilitate')).toEqual({
        allowed: true,
      })
      // A socket that claims no member has no dots of its own to cast.
      const anonymous = judge(
        relay,
        (d) => castVote(d, { voterId: 'ann', targetId: 'g1' }, ORIGIN),
        'edit',
        null,
      )
      expect(anonymous.allowed).toBe(false)
    }
  })

  it('lets a note that others voted on be deleted with their dots, where deleting it is allowed', () => {
    for (const phase of ['vote', 'review'] as const) {
      const relay = relayBoard(phase)
      castVote(relay, { voterId: 'bob', targetId: 'n-ann' }, ORIGIN)
      expect(judge(relay, (d) => deleteNotes(d, { ids: ['n-ann'] }, ORIGIN))).toEqual({
        allowed: true,
      })
    }
    const review = relayBoard('review')
    castVote(review, { voterId: 'bob', targetId: 'g1' }, ORIGIN)
    expect(judge(review, (d) => deleteGroup(d, { id: 'g1' }, ORIGIN))).toEqual({ allowed: true })
  })

  it('refuses the sealed root to every role, the facilitator included', () => {
    const relay = relayBoard()
    for (const role of ['edit', 'facilitate'] as const) {
      const verdict = judge(relay, (d) => d.getMap('sealed').set('ann', { notes: 0 }), role)
      expect(verdict).toMatchObject({ allowed: false, reason: expect.stringMatching(/sealed/) })
    }
  })

  it('refuses every write from a view link', () => {
    const verdict = judge(
      relayBoard(),
      (d) => moveNotes(d, { ids: ['n-ann'], dx: 1, dy: 1 }, ORIGIN),
      'view',
    )
    expect(verdict.allowed).toBe(false)
  })

  it.each(['brainstorm', 'vote'] as const)(
    'in the %s, an editor deletes their own note but not another person’s',
    (phase) => {
      const relay = relayBoard(phase)
      expect(judge(relay, (d) => deleteNotes(d, { ids: ['n-ann'] }, ORIGIN))).toEqual({
        allowed: true,
      })
      const theirs = judge(relay, (d) => deleteNotes(d, { ids: ['n-bob'] }, ORIGIN))
      expect(theirs).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/someone else wrote \(notes\.n-bob\)/),
      })
      expect(judge(relay, (d) => deleteNotes(d, { ids: ['n-bob'] }, ORIGIN), 'facilitate')).toEqual(
        { allowed: true },
      )
      // A group has no author: only a facilitator deletes one in these phases.
      expect(judge(relay, (d) => deleteGroup(d, { id: 'g1' }, ORIGIN)).allowed).toBe(false)
    },
  )

  it('refuses taking over another person’s note by rewriting its author or replacing it', () => {
    const relay = relayBoard()
    const steal = (d: Y.Doc) =>
      (d.getMap('notes').get('n-bob') as Y.Map<unknown>).set('author', 'ann')
    expect(judge(relay, steal).allowed).toBe(false)
    const replace = (d: Y.Doc) => d.getMap('notes').set('n-bob', new Y.Map())
    expect(judge(relay, replace).allowed).toBe(false)
  })

  it('lets an editor delete anyone’s note while grouping', () => {
    const relay = relayBoard('group')
    expect(judge(relay, (d) => deleteNotes(d, { ids: ['n-bob'] }, ORIGIN)).allowed).toBe(true)
  })

  it('counts every note as someone else’s for a socket that names no member', () => {
    const relay = relayBoard()
    const own = judge(relay, (d) => deleteNotes(d, { ids: ['n-ann'] }, ORIGIN), 'edit', null)
    expect(own.allowed).toBe(false)
  })

  it('lets an editor do what participants do', () => {
    const relay = relayBoard('vote')
    const edits: ((doc: Y.Doc) => void)[] = [
      (d) => createNote(d, { id: 'n2', x: 1, y: 1, author: 'ann', createdAt: at(2) }, ORIGIN),
      (d) => moveNotes(d, { ids: ['n-bob'], dx: 5, dy: 5 }, ORIGIN),
      (d) => editText(d, { collection: 'notes', id: 'n-bob', delta: [{ insert: 'x' }] }, ORIGIN),
      (d) => castVote(d, { voterId: 'ann', targetId: 'n-bob' }, ORIGIN),
      (d) => createObjective(d, { id: 'o9', title: 'Mine' }, ORIGIN),
      (d) => openRetroAnswers(d, { timeframe: '2026-Q4' }, ORIGIN),
      (d) => createGroup(d, { id: 'g2', x: 0, y: 0, title: 'Mine' }, ORIGIN),
    ]
    for (const edit of edits) expect(judge(relay, edit)).toEqual({ allowed: true })
  })

  it('lets the first editor on a new board run the app’s own setup (migrate, the seeded cycle)', () => {
    const relay = new Y.Doc()
    relay.getMap('meta').set('title', 'New board')
    const setup = (d: Y.Doc) => {
      migrate(d, ORIGIN)
      updateBoardSettings(d, { timeframe: Q4 }, ORIGIN)
    }
    expect(judge(relay, setup)).toEqual({ allowed: true })
    // A cycle the facilitator cleared is seeded again by whoever opens the board next.
    updateBoardSettings(relay, { timeframe: null }, ORIGIN)
    expect(judge(relay, (d) => updateBoardSettings(d, { timeframe: Q4 }, ORIGIN))).toEqual({
      allowed: true,
    })
    // Once the board has a cycle, changing it is a facilitator's.
    setup(relay)
    const later = judge(relay, (d) =>
      updateBoardSettings(d, { timeframe: quarterTimeframe(2027, 1) }, ORIGIN),
    )
    expect(later.allowed).toBe(false)
  })
})
