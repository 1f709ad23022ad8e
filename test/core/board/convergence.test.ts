import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { convertBoard } from '../../../core/convert/convert-board'
import type { ConversionResult } from '../../../core/convert/drafts'
import type { EpochMs } from '../../../core/okr/okr-model'
import {
  applyConversion,
  assignNotes,
  castVote,
  createCheckIn,
  createGroup,
  createKeyResult,
  createNote,
  createObjective,
  deleteGroup,
  deleteKeyResult,
  deleteNotes,
  deleteObjective,
  duplicateNotes,
  insertNoteText,
  moveNotes,
  recolourNotes,
  renameGroup,
  retractVote,
  revealNotes,
  setGroupBounds,
  setNoteText,
  setPhase,
  setVoteBudget,
  unassignNotes,
  updateKeyResult,
} from '../../../core/board/commands/index'
import { BoardCommandError } from '../../../core/board/errors'
import { migrate } from '../../../core/board/migrate'
import { readBoard } from '../../../core/board/read'
import { readRawVotes } from '../../../core/board/vote-tally'
import { ROOTS, getVotes } from '../../../core/board/schema'
import type { BoardSnapshot } from '../../../core/board/board-model'
import type { Network, Peer } from '../../helpers/peers'
import { createNetwork, docJson } from '../../helpers/peers'

const VOTERS = ['ann', 'bo', 'cy']
const PHRASES = [
  'Grow NPS from 30 to 45',
  'Ship the onboarding tour',
  'Cut churn below 3%',
  'Happier customers',
  'Reduce p95 latency to 200 ms',
  'Launch the partner program',
]

/** A stand-in for core/convert: deterministic ids per group and note, as the contract says. */
function fakeConversion(board: BoardSnapshot): ConversionResult {
  const objectives: ConversionResult['objectives'][number][] = []
  const keyResults: ConversionResult['keyResults'][number][] = []
  const initiatives: ConversionResult['initiatives'][number][] = []
  board.groups.forEach((group, order) => {
    const notes = board.notes.filter((n) => n.groupId === group.id)
    if (notes.length === 0) return
    const objectiveId = `obj-${group.id}`
    objectives.push({
      id: objectiveId,
      title: group.title || 'Untitled',
      sourceGroupId: group.id,
      votes: board.tally.byTarget.get(group.id) ?? 0,
      order,
    })
    notes.forEach((note, i) => {
      if (note.text.startsWith('Ship') || note.text.startsWith('Launch')) {
        initiatives.push({
          id: `ini-${note.id}`,
          objectiveId,
          keyResultId: null,
          title: note.text,
          sourceNoteIds: [note.id],
        })
        return
      }
      const number = /\d+/.exec(note.text)
      keyResults.push({
        id: `kr-${note.id}`,
        objectiveId,
        title: note.text,
        metric: note.text.slice(0, 12),
        unit: { kind: 'count' },
        start: null,
        target: number ? Number(number[0]) : null,
        direction: note.text.startsWith('Cut') ? 'decrease' : 'increase',
        calculation: 'absolute-target',
        measurable: number !== null,
        sourceNoteIds: [note.id],
        order: i,
      })
    })
  })
  return { objectives, keyResults, initiatives, diagnostics: [] }
}

interface Counter {
  n: number
}

/** One random command on one peer, chosen from what that peer can see. */
function randomCommand(net: Network, peer: Peer, counter: Counter): void {
  const { gen } = net
  const { doc, origin } = peer
  const board = readBoard(doc)
  const id = (prefix: string) => `${prefix}${peer.index}-${counter.n++}`
  const anyNote = () => (board.notes.length ? prng.oneOf(gen, [...board.notes]).id : 'missing')
  const anyGroup = () => (board.groups.length ? prng.oneOf(gen, [...board.groups]).id : 'missing')
  const someNotes = () => board.notes.filter(() => prng.bool(gen)).map((n) => n.id)
  const voted = [...board.tally.byTarget.keys()]
  const choice = prng.uint32(gen, 0, 25)
  switch (choice) {
    case 0:
    case 1:
    case 2:
      return createNote(
        doc,
        {
          id: id('n'),
          x: prng.int32(gen, -500, 500),
          y: prng.int32(gen, -500, 500),
          author: prng.oneOf(gen, VOTERS),
          createdAt: counter.n as EpochMs,
          text: prng.oneOf(gen, PHRASES),
        },
        origin,
      )
    case 3:
      return setNoteText(doc, { id: anyNote(), text: prng.oneOf(gen, PHRASES) }, origin)
    case 4:
      return insertNoteText(
        doc,
        { id: anyNote(), index: prng.uint32(gen, 0, 30), text: prng.word(gen, 1, 4) },
        origin,
      )
    case 5:
      moveNotes(
        doc,
        { ids: someNotes(), dx: prng.int32(gen, -50, 50), dy: prng.int32(gen, -50, 50) },
        origin,
      )
      return
    case 6:
      recolourNotes(
        doc,
        { ids: someNotes(), color: prng.oneOf(gen, ['#fde68a', '#a7f3d0', '#bfdbfe']) },
        origin,
      )
      return
    case 7:
    case 8: {
      // Prefer deleting voted notes: the interesting race with concurrent votes.
      const votedNotes = board.notes.filter((n) => voted.includes(n.id)).map((n) => n.id)
      deleteNotes(
        doc,
        { ids: [votedNotes.length && prng.bool(gen) ? prng.oneOf(gen, votedNotes) : anyNote()] },
        origin,
      )
      return
    }
    case 9:
      duplicateNotes(
        doc,
        {
          copies: [{ sourceId: anyNote(), id: id('n') }],
          dx: 10,
          dy: 10,
          author: prng.oneOf(gen, VOTERS),
          createdAt: counter.n as EpochMs,
        },
        origin,
      )
      return
    case 10:
      return createGroup(
        doc,
        {
          id: id('g'),
          x: prng.int32(gen, 0, 800),
          y: 0,
          title: prng.oneOf(gen, ['Retention', 'Speed', 'Growth']),
        },
        origin,
      )
    case 11:
      return renameGroup(
        doc,
        { id: anyGroup(), title: prng.oneOf(gen, ['Keep customers', 'Be fast', 'Grow']) },
        origin,
      )
    case 12:
      return setGroupBounds(
        doc,
        { id: anyGroup(), x: prng.int32(gen, 0, 800), w: prng.uint32(gen, 100, 600) },
        origin,
      )
    case 13:
      deleteGroup(doc, { id: anyGroup() }, origin)
      return
    case 14:
    case 15:
      assignNotes(doc, { noteIds: someNotes(), groupId: anyGroup() }, origin)
      return
    case 16:
      unassignNotes(doc, { noteIds: someNotes() }, origin)
      return
    case 17:
    case 18:
    case 19: {
      // Voters vote from every peer (several devices), so concurrent casts overspend the budget.
      const targets = [...board.notes.map((n) => n.id), ...board.groups.map((g) => g.id)]
      if (!targets.length) return
      return castVote(
        doc,
        {
          voterId: prng.oneOf(gen, VOTERS),
          targetId: prng.oneOf(gen, targets),
          count: prng.uint32(gen, 1, 3),
        },
        origin,
      )
    }
    case 20:
      retractVote(
        doc,
        {
          voterId: prng.oneOf(gen, VOTERS),
          targetId: voted.length ? prng.oneOf(gen, voted) : anyNote(),
        },
        origin,
      )
      return
    case 21:
      return prng.bool(gen)
        ? setVoteBudget(doc, { budget: prng.uint32(gen, 1, 6) }, origin)
        : prng.bool(gen)
          ? setPhase(
              doc,
              { phase: prng.oneOf(gen, ['brainstorm', 'group', 'vote', 'review'] as const) },
              origin,
            )
          : revealNotes(doc, { revealed: prng.bool(gen) }, origin)
    case 22:
      applyConversion(doc, fakeConversion(board), origin)
      return
    case 23:
      // The real converter too: its drafts must pass applyConversion's validation as they are.
      applyConversion(doc, convertBoard(board, { includeUnvoted: true }), origin)
      return
    case 24: {
      const kr = board.keyResults.length ? prng.oneOf(gen, [...board.keyResults]) : null
      if (!kr) {
        const objectiveId = id('o')
        createObjective(doc, { id: objectiveId, title: 'Hand-made objective' }, origin)
        return createKeyResult(
          doc,
          { id: id('kr'), objectiveId, title: 'Hand-made KR', start: 0, target: 10 },
          origin,
        )
      }
      return prng.bool(gen)
        ? createCheckIn(
            doc,
            {
              id: id('c'),
              keyResultId: kr.id,
              at: counter.n as EpochMs,
              value: prng.uint32(gen, 0, 50),
            },
            origin,
          )
        : updateKeyResult(
            doc,
            { id: kr.id, title: `${kr.title}!`, owner: prng.oneOf(gen, VOTERS) },
            origin,
          )
    }
    default: {
      const objective = board.objectives.length ? prng.oneOf(gen, [...board.objectives]) : null
      if (objective && prng.bool(gen)) deleteObjective(doc, { id: objective.id }, origin)
      else if (board.keyResults.length)
        deleteKeyResult(doc, { id: prng.oneOf(gen, [...board.keyResults]).id }, origin)
      else migrate(doc, origin)
    }
  }
}

function run(seed: number, peerCount: number, steps: number): Network {
  const net = createNetwork({ peers: peerCount, seed })
  const counter = { n: 0 }
  for (let step = 0; step < steps; step++) {
    const peer = prng.oneOf(net.gen, [...net.peers])
    const roll = prng.uint32(net.gen, 0, 99)
    if (roll < 5 && peer.online) net.disconnect(peer)
    else if (roll < 12 && !peer.online) net.reconnect(peer)
    else if (roll < 30) net.deliverSome(prng.uint32(net.gen, 1, 6))
    else {
      try {
        randomCommand(net, peer, counter)
      } catch (error) {
        // Rejected commands (budget spent, entity deleted meanwhile) are part of the game.
        if (!(error instanceof BoardCommandError)) throw error
      }
    }
  }
  net.syncAll()
  return net
}

const runs = new Map<number, Network>()
/** Each seed's run is shared by the assertions below (runs are deterministic per seed). */
function runOnce(seed: number): Network {
  const cached = runs.get(seed)
  if (cached) return cached
  const net = run(seed, 3 + (seed % 3), 240)
  runs.set(seed, net)
  return net
}

describe('board document convergence', () => {
  const seeds = Array.from({ length: 12 }, (_, i) => i + 1)

  it.each(seeds)('seed %i: peers end with identical docs, read models and tallies', (seed) => {
    const net = runOnce(seed)
    const [first, ...rest] = net.peers
    if (!first) throw new Error('no peers')
    const expectedVector = Y.encodeStateVector(first.doc)
    const expectedJson = docJson(first.doc, ROOTS)
    const expectedBoard = readBoard(first.doc)
    for (const peer of rest) {
      expect(Y.encodeStateVector(peer.doc)).toEqual(expectedVector)
      expect(docJson(peer.doc, ROOTS)).toEqual(expectedJson)
      expect(readBoard(peer.doc)).toEqual(expectedBoard)
    }
  })

  it.each(seeds)(
    'seed %i: the merged tally respects the budget and ignores deleted targets',
    (seed) => {
      const doc = runOnce(seed).peers[0]?.doc
      if (!doc) throw new Error('no peers')
      const board = readBoard(doc)
      const targets = new Set([...board.notes.map((n) => n.id), ...board.groups.map((g) => g.id)])
      for (const dots of board.tally.byVoter.values()) {
        expect([...dots.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(
          board.meta.voteBudget,
        )
        for (const target of dots.keys()) expect(targets.has(target)).toBe(true)
      }
      for (const kr of [...board.keyResults, ...board.initiatives]) {
        for (const noteId of kr.sourceNoteIds) expect(targets.has(noteId)).toBe(true)
      }
    },
  )

  it('the scenario exercises the races it claims to (overspent budgets, converted drafts)', () => {
    let overspent = 0
    let converted = 0
    for (const seed of seeds) {
      const doc = runOnce(seed).peers[0]?.doc
      if (!doc) throw new Error('no peers')
      const board = readBoard(doc)
      for (const dots of readRawVotes(getVotes(doc)).values()) {
        if ([...dots.values()].reduce((a, b) => a + b, 0) > board.meta.voteBudget) overspent++
      }
      converted += board.keyResults.filter((kr) => kr.id.startsWith('kr-')).length
    }
    expect(overspent).toBeGreaterThan(0)
    expect(converted).toBeGreaterThan(0)
  })
})
