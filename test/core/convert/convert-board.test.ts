import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import * as Y from 'yjs'
import { convertBoard, CONVERSION_CODES } from '../../../core/convert/convert-board'
import type { ConversionResult } from '../../../core/convert/drafts'
import type { BoardSnapshot, Group, Note } from '../../../core/board/board-model'
import type { EpochMs } from '../../../core/okr/okr-model'
import {
  applyConversion,
  castVote,
  createGroup,
  createNote,
} from '../../../core/board/commands/index'
import { migrate } from '../../../core/board/migrate'
import { readBoard } from '../../../core/board/read'

type NoteSpec = readonly [id: string, text: string, groupId: string | null, createdAt?: number]

const note = ([id, text, groupId, createdAt = 0]: NoteSpec): Note => ({
  id,
  text,
  groupId,
  x: 0,
  y: 0,
  color: 'yellow',
  author: 'ann',
  createdAt: createdAt as EpochMs,
})

const group = (id: string, title = `Theme ${id}`): Group => ({
  id,
  title,
  x: 0,
  y: 0,
  w: 100,
  h: 100,
  color: 'blue',
})

/** A snapshot read model as core/board would produce it; votes are counted dots per target. */
const board = (
  groups: readonly Group[],
  notes: readonly NoteSpec[],
  votes: Record<string, number> = {},
): BoardSnapshot => ({
  meta: {
    schemaVersion: 1,
    title: 'Q3 planning',
    phase: 'review',
    voteBudget: 5,
    votesRevealed: true,
    notesRevealed: true,
    timer: null,
    timeframe: null,
  },
  groups,
  notes: notes.map(note),
  tally: { byTarget: new Map(Object.entries(votes)), byVoter: new Map() },
  objectives: [],
  keyResults: [],
  checkIns: [],
  initiatives: [],
})

const codes = (result: ConversionResult): string[] => result.diagnostics.map((d) => d.code)

describe('convertBoard: which groups become objectives', () => {
  const seven = board(
    ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7'].map((id) => group(id)),
    [['n1', 'Reduce churn from 8% to 5%', 'g1']],
    { g1: 3, g2: 10, g3: 0, g4: 5, g5: 5, g6: 1, g7: 2 },
  )

  it('takes the five most-voted groups, most votes first, ties by group id', () => {
    const result = convertBoard(seven)
    expect(result.objectives.map((o) => [o.id, o.votes, o.order])).toEqual([
      ['obj:g2', 10, 0],
      ['obj:g4', 5, 1],
      ['obj:g5', 5, 2],
      ['obj:g1', 3, 3],
      ['obj:g7', 2, 4],
    ])
    expect(result.objectives.every((o) => o.sourceGroupId === o.id.slice(4))).toBe(true)
    const limit = result.diagnostics.find((d) => d.code === CONVERSION_CODES.objectiveLimit)
    expect(limit?.message).toContain('"g6" (1)')
    expect(codes(result)).not.toContain(CONVERSION_CODES.voteTieAtLimit)
  })

  it('warns when the limit cuts through a tie, and breaks it by id', () => {
    const result = convertBoard(seven, { maxObjectives: 2 })
    expect(result.objectives.map((o) => o.id)).toEqual(['obj:g2', 'obj:g4'])
    const tie = result.diagnostics.find((d) => d.code === CONVERSION_CODES.voteTieAtLimit)
    expect(tie?.severity).toBe('warning')
    expect(tie?.message).toContain('"g5"')
  })

  it('counts a group’s own dots plus the dots on its notes', () => {
    const result = convertBoard(
      board(
        [group('a'), group('b')],
        [
          ['n1', 'Grow signups by 20%', 'a'],
          ['n2', 'Grow traffic by 10%', 'a'],
          ['n3', 'Cut latency to 200 ms', 'b'],
        ],
        { a: 1, n1: 2, n2: 2, b: 4 },
      ),
    )
    expect(result.objectives.map((o) => [o.id, o.votes])).toEqual([
      ['obj:a', 5],
      ['obj:b', 4],
    ])
  })

  it('leaves unvoted groups out unless asked, then fills up with the fullest ones', () => {
    const snapshot = board(
      [group('a'), group('b'), group('c')],
      [
        ['n1', 'Ship dark mode', 'c'],
        ['n2', 'Grow NPS to 50', 'c'],
        ['n3', 'Hire two designers', 'b'],
      ],
      { a: 1 },
    )
    expect(convertBoard(snapshot).objectives.map((o) => o.id)).toEqual(['obj:a'])
    const all = convertBoard(snapshot, { includeUnvoted: true, maxObjectives: 3 })
    expect(all.objectives.map((o) => o.id)).toEqual(['obj:a', 'obj:c', 'obj:b'])
  })

  it('converts nothing and says why when nobody voted or nothing is grouped', () => {
    const unvoted = convertBoard(board([group('a')], [['n1', 'Grow NPS to 50', 'a']]))
    expect(unvoted.objectives).toEqual([])
    expect(codes(unvoted)).toContain(CONVERSION_CODES.noVotedGroups)
    const empty = convertBoard(board([], []))
    expect(empty).toEqual({
      objectives: [],
      keyResults: [],
      initiatives: [],
      diagnostics: [expect.objectContaining({ code: CONVERSION_CODES.noGroups })],
    })
  })
})

describe('convertBoard: what notes become', () => {
  const snapshot = board(
    [group('g1', '  Keep   customers longer ')],
    [
      ['n1', 'Reduce churn from 8% to 5%', 'g1', 3],
      ['n2', 'Launch a renewal playbook', 'g1', 1],
      ['n3', 'Customers love us', 'g1', 2],
      ['n4', 'Increase net revenue retention to 110%', 'g1', 4],
      ['n5', '   ', 'g1', 5],
    ],
    { g1: 1, n4: 3, n3: 1 },
  )
  const result = convertBoard(snapshot)

  it('makes a draft objective titled after the group', () => {
    expect(result.objectives).toEqual([
      { id: 'obj:g1', title: 'Keep customers longer', sourceGroupId: 'g1', votes: 5, order: 0 },
    ])
  })

  it('turns measurable notes into key results with the parsed numbers', () => {
    const churn = result.keyResults.find((kr) => kr.id === 'kr:n1')
    expect(churn).toEqual({
      id: 'kr:n1',
      objectiveId: 'obj:g1',
      title: 'Reduce churn from 8% to 5%',
      metric: 'churn',
      unit: { kind: 'percent' },
      start: 8,
      target: 5,
      direction: 'decrease',
      calculation: 'absolute-target',
      measurable: true,
      sourceNoteIds: ['n1'],
      order: 2,
    })
  })

  it('orders key results by their notes’ votes, then creation time, then id', () => {
    expect(result.keyResults.map((kr) => [kr.id, kr.order])).toEqual([
      ['kr:n4', 0],
      ['kr:n3', 1],
      ['kr:n1', 2],
    ])
  })

  it('turns task-like notes into initiatives of the objective', () => {
    expect(result.initiatives).toEqual([
      {
        id: 'ini:n2',
        objectiveId: 'obj:g1',
        keyResultId: null,
        title: 'Launch a renewal playbook',
        sourceNoteIds: ['n2'],
      },
    ])
  })

  it('keeps unmeasurable notes as key results flagged for the facilitator', () => {
    const vague = result.keyResults.find((kr) => kr.id === 'kr:n3')
    expect([vague?.measurable, vague?.start, vague?.target]).toEqual([false, null, null])
    const flag = result.diagnostics.find((d) => d.targetId === 'kr:n3')
    expect([flag?.code, flag?.severity]).toEqual([CONVERSION_CODES.krNotMeasurable, 'warning'])
  })

  it('skips empty notes and notes a missing baseline', () => {
    expect(result.keyResults.map((kr) => kr.id)).not.toContain('kr:n5')
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: CONVERSION_CODES.noteEmpty, targetId: 'n5' }),
    )
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: CONVERSION_CODES.krNoBaseline, targetId: 'kr:n4' }),
    )
  })

  it('flags a group without notes and a group with no key result', () => {
    const r = convertBoard(
      board([group('a'), group('b')], [['n1', 'Ship dark mode', 'b']], { a: 2, b: 1 }),
    )
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: CONVERSION_CODES.groupEmpty, targetId: 'obj:a' }),
    )
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: CONVERSION_CODES.objectiveNoKeyResults, targetId: 'obj:b' }),
    )
  })

  it('titles an untitled group from its notes’ words', () => {
    const r = convertBoard(
      board(
        [group('a', ' ')],
        [
          ['n1', 'Reduce churn of small accounts', 'a'],
          ['n2', 'Churn interviews', 'a'],
        ],
        { a: 1 },
      ),
    )
    expect(r.objectives[0]?.title).toMatch(/^Churn/)
    expect(codes(r)).toContain(CONVERSION_CODES.groupUntitled)
  })

  it('reports notes that are in no group or in a group that no longer exists', () => {
    const r = convertBoard(
      board(
        [group('a')],
        [
          ['n1', 'Grow NPS to 50', 'a'],
          ['n2', 'Loose idea', null],
          ['n3', 'Voted loose idea', null],
          ['n4', 'Orphan', 'gone'],
        ],
        { a: 1, n3: 2 },
      ),
    )
    const loose = r.diagnostics.find((d) => d.code === CONVERSION_CODES.notesUngrouped)
    expect(loose?.severity).toBe('warning')
    expect(loose?.message).toMatch(/^2 note/)
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: CONVERSION_CODES.noteGroupMissing, targetId: 'gone' }),
    )
    expect(r.keyResults.map((kr) => kr.id)).toEqual(['kr:n1'])
  })
})

describe('convertBoard: determinism and ids', () => {
  const groups = [group('g1'), group('g2'), group('g3')]
  const notes: NoteSpec[] = [
    ['n1', 'Grow MRR to $48k', 'g1', 1],
    ['n2', 'Ship the pricing page', 'g1', 2],
    ['n3', 'Cut p95 latency to under 300 ms', 'g2', 3],
    ['n4', 'Keep uptime above 99.9%', 'g2', 4],
    ['n5', 'Be famous', 'g3', 5],
  ]
  const votes = { g1: 2, g2: 2, n3: 1, g3: 1 }

  it('gives the same result for the same board, whatever the order of its lists', () => {
    const expected = convertBoard(board(groups, notes, votes))
    fc.assert(
      fc.property(
        fc.shuffledSubarray(groups, { minLength: 3, maxLength: 3 }),
        fc.shuffledSubarray(notes, { minLength: 5, maxLength: 5 }),
        (g, n) => {
          expect(convertBoard(board(g, n, votes))).toEqual(expected)
        },
      ),
      { numRuns: 30 },
    )
  })

  it('derives ids from the source group and notes, so a re-run keeps them', () => {
    const first = convertBoard(board(groups, notes, votes))
    const grown = convertBoard(
      board(groups, [...notes, ['n6', 'Reduce error rate below 1%', 'g2', 6]], { ...votes, n6: 1 }),
    )
    const ids = (r: ConversionResult) => [
      ...r.objectives.map((o) => o.id),
      ...r.keyResults.map((k) => k.id),
      ...r.initiatives.map((i) => i.id),
    ]
    expect(ids(first)).toEqual([
      'obj:g2',
      'obj:g1',
      'obj:g3',
      'kr:n3',
      'kr:n4',
      'kr:n1',
      'kr:n5',
      'ini:n2',
    ])
    expect(ids(grown)).toEqual(expect.arrayContaining(ids(first)))
    expect(ids(grown)).toContain('kr:n6')
  })
})

describe('convertBoard on bad data', () => {
  it('never throws on a missing or malformed snapshot', () => {
    for (const bad of [null, undefined, 42, 'board', {}, { notes: 'x', groups: {} }]) {
      const result = convertBoard(bad as unknown as BoardSnapshot)
      expect(result.objectives).toEqual([])
      expect(codes(result)).toContain(CONVERSION_CODES.invalidSnapshot)
    }
  })

  it('skips unusable ids, keeps the first of duplicates, and ignores junk votes', () => {
    const snapshot = {
      ...board(
        [group('a'), group('a', 'Second a'), group('x'.repeat(500))],
        [
          ['n1', 'Grow NPS to 50', 'a'],
          ['n1', 'Duplicate note id', 'a'],
        ],
      ),
      tally: {
        byTarget: new Map<string, unknown>([
          ['a', 2],
          ['n1', Number.NaN],
          ['ghost', 3],
          ['x'.repeat(500), -4],
        ]),
        byVoter: new Map(),
      },
    } as unknown as BoardSnapshot
    const result = convertBoard(snapshot)
    expect(result.objectives.map((o) => [o.id, o.title, o.votes])).toEqual([
      ['obj:a', 'Theme a', 2],
    ])
    expect(result.keyResults.map((k) => k.title)).toEqual(['Grow NPS to 50'])
    expect(codes(result)).toEqual(
      expect.arrayContaining([CONVERSION_CODES.duplicateId, CONVERSION_CODES.invalidId]),
    )
  })

  it('falls back to the default for a nonsense maxObjectives and says so', () => {
    const snapshot = board([group('a')], [['n1', 'Grow NPS to 50', 'a']], { a: 1 })
    const result = convertBoard(snapshot, { maxObjectives: Number.NaN })
    expect(result.objectives).toHaveLength(1)
    expect(codes(result)).toContain(CONVERSION_CODES.invalidOption)
  })

  it('cuts over-long text to what the document accepts', () => {
    const long = `Grow NPS to 50 ${'and keep it there '.repeat(100)}`
    const result = convertBoard(
      board([group('a', 'T'.repeat(2000))], [['n1', long, 'a']], { a: 1 }),
    )
    expect(result.objectives[0]?.title.length).toBeLessThanOrEqual(1000)
    expect(result.keyResults[0]?.title.length).toBeLessThanOrEqual(1000)
    expect(result.keyResults[0]?.metric.length).toBeLessThanOrEqual(500)
    expect(codes(result)).toContain(CONVERSION_CODES.textTruncated)
  })

  it('returns consistent drafts for arbitrary boards', () => {
    const arbitraryBoard = fc
      .record({
        groups: fc.uniqueArray(fc.constantFrom('g1', 'g2', 'g3', 'g4', 'g5', 'g6'), {
          maxLength: 6,
        }),
        notes: fc.array(
          fc.tuple(
            fc.constantFrom('n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8'),
            fc.oneof(fc.string(), fc.constantFrom('Grow NPS to 50', 'Ship it', 'Cut costs by 10%')),
            fc.option(fc.constantFrom('g1', 'g2', 'g3', 'g9')),
          ),
          { maxLength: 12 },
        ),
        votes: fc.dictionary(
          fc.constantFrom('g1', 'g2', 'g3', 'g4', 'n1', 'n2', 'n3'),
          fc.oneof(fc.integer({ min: -2, max: 9 }), fc.double()),
        ),
        max: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
      })
      .map(({ groups, notes, votes, max }) => ({
        snapshot: board(
          groups.map((id) => group(id)),
          notes,
          votes,
        ),
        options: max === undefined ? {} : { maxObjectives: max },
      }))
    fc.assert(
      fc.property(arbitraryBoard, ({ snapshot, options }) => {
        const result = convertBoard(snapshot, options)
        const objectiveIds = new Set(result.objectives.map((o) => o.id))
        const all = [
          ...result.objectives.map((o) => o.id),
          ...result.keyResults.map((k) => k.id),
          ...result.initiatives.map((i) => i.id),
        ]
        expect(new Set(all).size).toBe(all.length)
        expect(result.objectives.length).toBeLessThanOrEqual(options.maxObjectives ?? 5)
        for (const d of [...result.keyResults, ...result.initiatives]) {
          expect(objectiveIds.has(d.objectiveId)).toBe(true)
        }
        for (const kr of result.keyResults) {
          expect(kr.measurable ? kr.target !== null : kr.target === null).toBe(true)
        }
        expect(convertBoard(snapshot, options)).toEqual(result)
        // Whatever the board, the drafts must pass the document's own validation.
        const doc = new Y.Doc()
        migrate(doc, 'test')
        expect(() => applyConversion(doc, result, 'test')).not.toThrow()
      }),
      { numRuns: 150 },
    )
  })
})

describe('convertBoard with the board document', () => {
  const origin = { user: 'facilitator' }
  const at = (ms: number) => ms as EpochMs

  it('produces drafts that applyConversion accepts, idempotently', () => {
    const doc = new Y.Doc()
    migrate(doc, origin)
    createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Keep customers longer' }, origin)
    createGroup(doc, { id: 'g2', x: 0, y: 0, title: 'Fast product' }, origin)
    const texts: [string, string, string][] = [
      ['n1', 'Reduce churn from 8% to 5%', 'g1'],
      ['n2', 'Launch a renewal playbook', 'g1'],
      ['n3', 'Customers love us', 'g1'],
      ['n4', 'Cut p95 latency to under 300 ms', 'g2'],
    ]
    texts.forEach(([id, text, groupId], i) =>
      createNote(doc, { id, text, groupId, x: 0, y: 0, author: 'ann', createdAt: at(i) }, origin),
    )
    castVote(doc, { voterId: 'ann', targetId: 'g1', count: 2 }, origin)
    castVote(doc, { voterId: 'bob', targetId: 'n4' }, origin)

    const result = convertBoard(readBoard(doc))
    applyConversion(doc, result, origin)
    const once = readBoard(doc)
    expect(once.objectives.map((o) => o.id).sort()).toEqual(['obj:g1', 'obj:g2'])
    expect(once.keyResults.map((k) => k.id).sort()).toEqual(['kr:n1', 'kr:n3', 'kr:n4'])
    expect(once.initiatives.map((i) => i.id)).toEqual(['ini:n2'])

    applyConversion(doc, convertBoard(readBoard(doc)), origin)
    const twice = readBoard(doc)
    expect(twice.objectives).toHaveLength(2)
    expect(twice.keyResults).toHaveLength(3)
    expect(twice.initiatives).toHaveLength(1)
  })
})
