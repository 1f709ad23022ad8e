// The relay enforces roles for every client (issue 15): a stock y-websocket client with an edit
// link tries each facilitator-only change and is closed 4403 with the reason, nothing of the
// change stored or broadcast, and its provider does not retry; a view link's copy of it is
// dropped; the same change from a facilitate link reaches everyone; a participant's own note
// deletion passes.
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { convertBoard } from '../../core/convert/convert-board'
import { readBoard } from '../../core/board/read'
import { carryIntoCycle } from '../../core/board/commands/cycle-carry'
import {
  applyConversion,
  castVote,
  deleteNotes,
  moveNotes,
  recordConversionDecision,
  revealNotes,
  revealVotes,
  setPhase,
  setVoteBudget,
  startTimer,
  updateBoardSettings,
} from '../../core/board/commands/index'
import { quarterTimeframe } from '../../core/okr/timeframe'
import { OKR_PLAY } from '../../core/play/play-model'
import type { EpochMs } from '../../core/okr/okr-model'
import { synced } from '../helpers/clients'
import { waitFor } from '../helpers/server'
import { cleanupsAfter } from '../helpers/cleanups'
import {
  afterMarker,
  boardJson,
  join,
  openRoleBoard,
  ORIGIN,
  sameBoard,
  storedDoc,
} from './role-enforcement-board'

const cleanups = cleanupsAfter(afterEach)

type Change = (doc: Y.Doc) => void

const FACILITATOR_ONLY: readonly [string, Change, RegExp][] = [
  ['the phase', (d) => setPhase(d, { phase: 'vote' }, ORIGIN), /change the phase \(meta\.phase\)/],
  ['revealing notes', (d) => revealNotes(d, { revealed: true }, ORIGIN), /meta\.notesRevealed/],
  ['revealing votes', (d) => revealVotes(d, { revealed: true }, ORIGIN), /meta\.votesRevealed/],
  ['the dot budget', (d) => setVoteBudget(d, { budget: 3 }, ORIGIN), /dot budget/],
  [
    'the timer',
    (d) => startTimer(d, { startedAt: 5 as EpochMs, durationMs: 60_000 }, ORIGIN),
    /meta\.timer/,
  ],
  ['anonymous mode', (d) => d.getMap('meta').set('anonymous', true), /meta\.anonymous/],
  [
    'running the agenda',
    (d) => d.getMap('meta').set('agenda', { play: OKR_PLAY, step: 1, stepStartedAt: 5 }),
    /run the agenda \(meta\.agenda\)/,
  ],
  ['the title', (d) => updateBoardSettings(d, { title: 'Mine' }, ORIGIN), /rename the board/],
  [
    "the board's cycle",
    (d) => updateBoardSettings(d, { timeframe: quarterTimeframe(2027, 1) }, ORIGIN),
    /meta\.timeframe/,
  ],
  ['the cycle length', (d) => updateBoardSettings(d, { cadence: 'yearly' }, ORIGIN), /cadence/],
  [
    'a conversion decision',
    (d) =>
      recordConversionDecision(
        d,
        { key: 'group:g1', state: 'unticked', draftId: 'obj:g1', title: 'Growth' },
        ORIGIN,
      ),
    /conversionDecisions/,
  ],
  [
    'applying the conversion',
    (d) => applyConversion(d, convertBoard(readBoard(d)), ORIGIN),
    /conversion/,
  ],
  [
    'carrying forward',
    (d) =>
      carryIntoCycle(d, { objectiveIds: ['o1'], timeframe: quarterTimeframe(2027, 1) }, ORIGIN),
    /carr|cycle/,
  ],
  [
    "deleting another person's note",
    (d) => deleteNotes(d, { ids: ['n-bob'] }, ORIGIN),
    /someone else wrote \(notes\.n-bob\)/,
  ],
]

describe('roles on the relay', () => {
  it.each(FACILITATOR_ONLY)(
    'refuses %s from an edit link (4403) and a view link (dropped), nothing stored or sent; passes it from a facilitate link',
    async (_, change, why) => {
      const room = await openRoleBoard(cleanups)
      const before = boardJson(room.observer.doc)
      // A view link's updates are dropped without a close (a stock provider always sends one).
      const guest = join(room.server, room.board, room.board.viewToken, 'guest', cleanups)
      await synced(guest)
      change(guest.doc)
      const participant = join(room.server, room.board, room.board.editToken, 'ann', cleanups)
      await synced(participant)
      change(participant.doc)
      await waitFor(() => participant.list.length > 0, { what: 'the relay closes the socket' })
      expect(participant.list[0]!.code).toBe(4403)
      expect(participant.list[0]!.reason).toMatch(why)
      const after = await afterMarker(room, 'mark')
      expect(after).toEqual({ broadcast: before, stored: before })
      expect(guest.list).toEqual([])
      // 44xx: the stock provider stops; the change stays in its own copy only.
      await new Promise((done) => setTimeout(done, 300))
      expect(participant.list).toHaveLength(1)
      expect(participant.wsconnected).toBe(false)

      const cofacilitator = join(
        room.server,
        room.board,
        room.board.facilitatorToken,
        'co',
        cleanups,
      )
      await synced(cofacilitator)
      change(cofacilitator.doc)
      await sameBoard(cofacilitator.doc, room.observer.doc, 'the change reaches the observer')
      expect(boardJson(room.observer.doc)).not.toBe(before)
      expect(cofacilitator.list).toEqual([])
    },
  )

  it('refuses deleting another person’s note in the vote too, and lets authors delete their own', async () => {
    const room = await openRoleBoard(cleanups, 'vote')
    const ann = join(room.server, room.board, room.board.editToken, 'ann', cleanups)
    await synced(ann)
    deleteNotes(ann.doc, { ids: ['n-ann'] }, ORIGIN)
    await waitFor(() => !room.observer.doc.getMap('notes').has('n-ann'), { what: 'own delete' })
    const stored = await waitFor(async () => {
      const doc = await storedDoc(room.server, room.board.id)
      return !doc.getMap('notes').has('n-ann') && doc
    })
    expect(stored.getMap('notes').has('n-bob')).toBe(true)
    deleteNotes(ann.doc, { ids: ['n-bob'] }, ORIGIN)
    await waitFor(() => ann.list.length > 0, { what: 'the refusal' })
    expect(ann.list[0]).toEqual({
      code: 4403,
      reason:
        'During the vote only a facilitator can delete or replace a note someone else wrote (notes.n-bob)',
    })
    expect(room.observer.doc.getMap('notes').has('n-bob')).toBe(true)
  })

  it('refuses a write to the sealed root from every role, the facilitator’s included', async () => {
    const room = await openRoleBoard(cleanups)
    for (const token of [room.board.editToken, room.board.facilitatorToken]) {
      const peer = join(room.server, room.board, token, 'ann', cleanups)
      await synced(peer)
      peer.doc.getMap('sealed').set('ann', { notes: 0, dots: 0 })
      await waitFor(() => peer.list.length > 0, { what: 'the refusal' })
      expect(peer.list[0]).toMatchObject({ code: 4403, reason: expect.stringMatching(/sealed/) })
    }
    expect(room.observer.doc.getMap('sealed').size).toBe(0)
  })

  it('lets a participant do what participants do: write, move, vote, in any phase', async () => {
    const room = await openRoleBoard(cleanups, 'vote')
    const ann = join(room.server, room.board, room.board.editToken, 'ann', cleanups)
    await synced(ann)
    const notes = ann.doc.getMap('notes')
    ;((notes.get('n-bob') as Y.Map<unknown>).get('text') as Y.Text).insert(0, 'really ')
    castVote(ann.doc, { voterId: 'ann', targetId: 'n-bob' }, ORIGIN)
    moveNotes(ann.doc, { ids: ['n-bob'], dx: 10, dy: 10 }, ORIGIN)
    await sameBoard(ann.doc, room.observer.doc, 'the edits reach the observer')
    expect(ann.list).toEqual([])
  })
})
