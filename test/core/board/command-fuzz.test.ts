import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import * as core from '../../../core/board/commands/index'
import { readBoard } from '../../../core/board/read'
import { BoardCommandError } from '../../../core/board/errors'
import { boardWithNotes, ORIGIN } from './fixtures'

/** Every command, called the untyped way a bad caller (or a forged message) might. */
const COMMANDS: Record<string, (doc: Y.Doc, args: never, origin: unknown) => unknown> = {
  createNote: core.createNote,
  moveNotes: core.moveNotes,
  placeNotes: core.placeNotes,
  recolourNotes: core.recolourNotes,
  deleteNotes: core.deleteNotes,
  duplicateNotes: core.duplicateNotes,
  setNoteText: core.setNoteText,
  insertNoteText: core.insertNoteText,
  deleteNoteText: core.deleteNoteText,
  applyNoteTextDelta: core.applyNoteTextDelta,
  setText: core.setText,
  editText: core.editText,
  createGroup: core.createGroup,
  renameGroup: core.renameGroup,
  setGroupBounds: core.setGroupBounds,
  recolourGroup: core.recolourGroup,
  deleteGroup: core.deleteGroup,
  assignNotes: core.assignNotes,
  unassignNotes: core.unassignNotes,
  castVote: core.castVote,
  retractVote: core.retractVote,
  setPhase: core.setPhase,
  revealNotes: core.revealNotes,
  revealVotes: core.revealVotes,
  startTimer: core.startTimer,
  setVoteBudget: core.setVoteBudget,
  setBoardTitle: core.setBoardTitle,
  setBoardTimeframe: core.setBoardTimeframe,
  createObjective: core.createObjective,
  updateObjective: core.updateObjective,
  deleteObjective: core.deleteObjective,
  createKeyResult: core.createKeyResult,
  updateKeyResult: core.updateKeyResult,
  deleteKeyResult: core.deleteKeyResult,
  createCheckIn: core.createCheckIn,
  updateCheckIn: core.updateCheckIn,
  deleteCheckIn: core.deleteCheckIn,
  createInitiative: core.createInitiative,
  updateInitiative: core.updateInitiative,
  deleteInitiative: core.deleteInitiative,
  applyConversion: core.applyConversion,
}

/** Valid arguments on the fixture board; the fuzz breaks one field at a time. */
const VALID: Record<string, Record<string, unknown>> = {
  createNote: { id: 'n9', x: 1, y: 2, author: 'ann', createdAt: 5, text: 'hi', groupId: 'g1' },
  moveNotes: { ids: ['n1'], dx: 1, dy: 1 },
  placeNotes: { positions: [{ id: 'n1', x: 0, y: 0 }] },
  recolourNotes: { ids: ['n1'], color: '#fff' },
  deleteNotes: { ids: ['n1'] },
  duplicateNotes: {
    copies: [{ sourceId: 'n1', id: 'n9' }],
    dx: 1,
    dy: 1,
    author: 'a',
    createdAt: 1,
  },
  setNoteText: { id: 'n1', text: 'x' },
  insertNoteText: { id: 'n1', index: 0, text: 'x' },
  deleteNoteText: { id: 'n1', index: 0, length: 1 },
  applyNoteTextDelta: { id: 'n1', delta: [{ retain: 1 }, { insert: 'x' }] },
  setText: { collection: 'groups', id: 'g1', text: 'x' },
  editText: { collection: 'notes', id: 'n1', delta: [{ delete: 1 }] },
  createGroup: { id: 'g9', x: 0, y: 0, w: 10, h: 10, title: 't', color: '#000' },
  renameGroup: { id: 'g1', title: 't' },
  setGroupBounds: { id: 'g1', x: 5, y: 5, w: 50, h: 50 },
  recolourGroup: { id: 'g1', color: '#000' },
  deleteGroup: { id: 'g1' },
  assignNotes: { noteIds: ['n1'], groupId: 'g1' },
  unassignNotes: { noteIds: ['n1'] },
  castVote: { voterId: 'ann', targetId: 'n1', count: 1 },
  retractVote: { voterId: 'ann', targetId: 'n1', count: 1 },
  setPhase: { phase: 'vote' },
  revealNotes: { revealed: true },
  revealVotes: { revealed: true },
  startTimer: { startedAt: 1, durationMs: 1000 },
  setVoteBudget: { budget: 3 },
  setBoardTitle: { title: 't' },
  setBoardTimeframe: { timeframe: { start: 1, end: 2 } },
  createObjective: {
    id: 'o9',
    title: 't',
    tags: ['a'],
    timeframe: { kind: 'custom', start: 1, end: 2 },
  },
  updateObjective: { id: 'o1', title: 't', status: 'active' },
  deleteObjective: { id: 'o1' },
  createKeyResult: {
    id: 'k9',
    objectiveId: 'o1',
    title: 't',
    start: 0,
    target: 5,
    unit: { kind: 'percent' },
  },
  updateKeyResult: {
    id: 'k1',
    target: 9,
    grading: [
      { value: 0, score: 0 },
      { value: 9, score: 1 },
    ],
  },
  deleteKeyResult: { id: 'k1' },
  createCheckIn: { id: 'c9', keyResultId: 'k1', at: 1, value: 2, confidence: 0.5 },
  updateCheckIn: { id: 'c1', value: 3 },
  deleteCheckIn: { id: 'c1' },
  createInitiative: { id: 'i9', title: 't', keyResultId: 'k1' },
  updateInitiative: { id: 'i1', title: 'u' },
  deleteInitiative: { id: 'i1' },
  applyConversion: {
    objectives: [{ id: 'o-g1', title: 'T', sourceGroupId: 'g1', votes: 1, order: 0 }],
    keyResults: [],
    initiatives: [],
    diagnostics: [],
  },
}

function fixture(): Y.Doc {
  const doc = boardWithNotes(2, { group: true })
  core.createObjective(doc, { id: 'o1', title: 'O' }, ORIGIN)
  core.createKeyResult(
    doc,
    { id: 'k1', objectiveId: 'o1', title: 'K', start: 0, target: 1 },
    ORIGIN,
  )
  core.createCheckIn(doc, { id: 'c1', keyResultId: 'k1', at: 1 as never, value: 0 }, ORIGIN)
  core.createInitiative(doc, { id: 'i1', title: 'I', objectiveId: 'o1' }, ORIGIN)
  return doc
}

const KEYS = [
  'id',
  'ids',
  'x',
  'y',
  'dx',
  'dy',
  'w',
  'h',
  'text',
  'title',
  'color',
  'author',
  'createdAt',
  'groupId',
  'noteIds',
  'index',
  'length',
  'delta',
  'collection',
  'voterId',
  'targetId',
  'count',
  'phase',
  'revealed',
  'startedAt',
  'durationMs',
  'budget',
  'timeframe',
  'objectiveId',
  'keyResultId',
  'target',
  'start',
  'unit',
  'grading',
  'tags',
  'parentId',
  'copies',
  'positions',
  'objectives',
  'keyResults',
  'initiatives',
  'at',
  'value',
  'confidence',
]

describe('commands under junk input', () => {
  it('either succeed or throw BoardCommandError, and a rejected command writes nothing', () => {
    const gen = prng.create(2024)
    const junk = (depth: number): unknown => {
      const pick = prng.uint32(gen, 0, depth > 1 ? 9 : 12)
      switch (pick) {
        case 0:
          return null
        case 1:
          return undefined
        case 2:
          return prng.int32(gen, -5, 5)
        case 3:
          return prng.real53(gen) * 1e12
        case 4:
          return Number.NaN
        case 5:
          return prng.oneOf(gen, ['', 'n1', 'g1', 'notes', 'vote', 'x'.repeat(300)])
        case 6:
          return prng.bool(gen)
        case 7:
          return prng.oneOf(gen, ['n1', 'n2', 'g1', 'nope'])
        case 8:
          return 7n
        case 9:
          return { kind: prng.oneOf(gen, ['percent', 'text', 'custom', 'quarter']) }
        case 10:
          return Array.from({ length: prng.uint32(gen, 0, 3) }, () => junk(depth + 1))
        default:
          return record(depth + 1)
      }
    }
    const record = (depth: number): Record<string, unknown> =>
      Object.fromEntries(
        KEYS.filter(() => prng.uint32(gen, 0, 5) === 0).map((key) => [key, junk(depth)]),
      )
    let rejected = 0
    let accepted = 0
    for (let round = 0; round < 600; round++) {
      const doc = fixture()
      const [name, command] = prng.oneOf(gen, Object.entries(COMMANDS))
      const valid = VALID[name] ?? {}
      const keys = Object.keys(valid)
      const mode = prng.uint32(gen, 0, 9)
      // Mostly: valid arguments with one field broken; sometimes: arbitrary junk.
      const args =
        mode === 0
          ? junk(0)
          : mode === 1
            ? record(0)
            : mode === 2
              ? valid
              : { ...valid, [prng.oneOf(gen, keys.length ? keys : KEYS)]: junk(1) }
      const before = Y.encodeStateVector(doc)
      try {
        command(doc, args as never, ORIGIN)
        accepted++
      } catch (error) {
        if (!(error instanceof BoardCommandError)) {
          throw new Error(
            `${name}(${String(JSON.stringify(args, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)))}) threw ${String(error)}`,
          )
        }
        expect(Y.encodeStateVector(doc)).toEqual(before)
        rejected++
      }
      expect(() => readBoard(doc)).not.toThrow()
    }
    expect(rejected).toBeGreaterThan(100)
    expect(accepted).toBeGreaterThan(50)
  })
})
