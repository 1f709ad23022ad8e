import { describe, expect, it } from 'vitest'
import {
  createCheckIn,
  createInitiative,
  createKeyResult,
  createObjective,
  deleteCheckIn,
  deleteInitiative,
  deleteKeyResult,
  deleteObjective,
  updateCheckIn,
  updateInitiative,
  updateKeyResult,
  updateObjective,
} from '../../../core/board/commands/index'
import { getKeyResultTitle } from '../../../core/board/schema'
import { readBoard } from '../../../core/board/read'
import { at, codeOf, newBoard, ORIGIN, recordUpdates } from './fixtures'

function boardWithOkr() {
  const doc = newBoard()
  createObjective(doc, { id: 'o1', title: 'Delight new customers', owner: 'ann' }, ORIGIN)
  createKeyResult(
    doc,
    {
      id: 'kr1',
      objectiveId: 'o1',
      title: 'NPS 30 → 45',
      start: 30,
      target: 45,
      unit: { kind: 'count' },
    },
    ORIGIN,
  )
  createCheckIn(
    doc,
    { id: 'c1', keyResultId: 'kr1', at: at(100), value: 33, confidence: 0.6 },
    ORIGIN,
  )
  createInitiative(
    doc,
    { id: 'i1', title: 'Onboarding tour', keyResultId: 'kr1', objectiveId: 'o1' },
    ORIGIN,
  )
  return doc
}

describe('objectives', () => {
  it('creates with defaults and updates only the fields passed', () => {
    const doc = boardWithOkr()
    updateObjective(
      doc,
      {
        id: 'o1',
        status: 'active',
        tags: ['growth', 'growth', 'cx'],
        visibility: 'team',
        timeframe: { kind: 'quarter', year: 2026, quarter: 3, start: at(1), end: at(2) },
      },
      ORIGIN,
    )
    expect(readBoard(doc).objectives).toEqual([
      {
        id: 'o1',
        title: 'Delight new customers',
        description: '',
        owner: 'ann',
        status: 'active',
        type: 'committed',
        timeframe: { kind: 'quarter', year: 2026, quarter: 3, start: 1, end: 2 },
        parentId: null,
        tags: ['growth', 'cx'],
        visibility: 'team',
        sourceGroupId: null,
        order: 0,
      },
    ])
  })

  it('validates enums, timeframes and alignment cycles before writing', () => {
    const doc = boardWithOkr()
    createObjective(doc, { id: 'o2', title: 'Child', parentId: 'o1' }, ORIGIN)
    const updates = recordUpdates(doc)
    expect(codeOf(() => updateObjective(doc, { id: 'o1', status: 'done' as never }, ORIGIN))).toBe(
      'invalid-argument:status',
    )
    expect(
      codeOf(() =>
        updateObjective(
          doc,
          { id: 'o1', timeframe: { kind: 'custom', start: at(5), end: at(1) } },
          ORIGIN,
        ),
      ),
    ).toBe('invalid-argument:timeframe')
    expect(codeOf(() => updateObjective(doc, { id: 'o1', parentId: 'o2' }, ORIGIN))).toBe(
      'invalid-argument:parentId',
    )
    expect(codeOf(() => updateObjective(doc, { id: 'o1', parentId: 'zz' }, ORIGIN))).toBe(
      'not-found:parentId',
    )
    expect(codeOf(() => createObjective(doc, { id: 'o3' } as never, ORIGIN))).toBe(
      'invalid-argument:title',
    )
    expect(codeOf(() => updateObjective(doc, { id: 'nope', title: 'x' }, ORIGIN))).toBe(
      'not-found:id',
    )
    expect(updates.count()).toBe(0)
  })

  it('deleting cascades to KRs, check-ins and initiatives and unlinks children', () => {
    const doc = boardWithOkr()
    createObjective(doc, { id: 'o2', title: 'Child', parentId: 'o1' }, ORIGIN)
    expect(deleteObjective(doc, { id: 'o1' }, ORIGIN)).toBe(true)
    const board = readBoard(doc)
    expect(board.objectives.map((o) => [o.id, o.parentId])).toEqual([['o2', null]])
    expect([board.keyResults, board.checkIns, board.initiatives]).toEqual([[], [], []])
    expect(
      doc.getMap('keyResults').size + doc.getMap('checkIns').size + doc.getMap('initiatives').size,
    ).toBe(0)
    expect(deleteObjective(doc, { id: 'o1' }, ORIGIN)).toBe(false)
  })
})

describe('key results', () => {
  it('updates fields and the shared title; null target reads as not measurable', () => {
    const doc = boardWithOkr()
    updateKeyResult(
      doc,
      {
        id: 'kr1',
        title: 'NPS from 30 to 50',
        target: 50,
        grading: [
          { value: 30, score: 0 },
          { value: 50, score: 1 },
        ],
        weight: 2,
      },
      ORIGIN,
    )
    expect(getKeyResultTitle(doc, 'kr1')?.toString()).toBe('NPS from 30 to 50')
    expect(readBoard(doc).keyResults[0]).toMatchObject({ target: 50, weight: 2, measurable: true })
    updateKeyResult(doc, { id: 'kr1', target: null }, ORIGIN)
    expect(readBoard(doc).keyResults[0]).toMatchObject({ target: 0, measurable: false })
  })

  it('rejects a missing objective, a one-point grading and a negative weight', () => {
    const doc = boardWithOkr()
    expect(
      codeOf(() => createKeyResult(doc, { id: 'kr2', objectiveId: 'zz', title: 'x' }, ORIGIN)),
    ).toBe('not-found:objectiveId')
    expect(
      codeOf(() => updateKeyResult(doc, { id: 'kr1', grading: [{ value: 1, score: 1 }] }, ORIGIN)),
    ).toBe('invalid-argument:grading')
    expect(codeOf(() => updateKeyResult(doc, { id: 'kr1', weight: -1 }, ORIGIN))).toBe(
      'invalid-argument:weight',
    )
    expect(
      codeOf(() =>
        updateKeyResult(doc, { id: 'kr1', unit: { kind: 'furlongs' } as never }, ORIGIN),
      ),
    ).toBe('invalid-argument:unit.kind')
  })

  it('deleting removes its check-ins and keeps its initiatives on the objective', () => {
    const doc = boardWithOkr()
    expect(deleteKeyResult(doc, { id: 'kr1' }, ORIGIN)).toBe(true)
    const board = readBoard(doc)
    expect(board.checkIns).toEqual([])
    expect(board.initiatives).toEqual([
      {
        id: 'i1',
        title: 'Onboarding tour',
        keyResultId: null,
        objectiveId: 'o1',
        sourceNoteIds: [],
      },
    ])
  })
})

describe('check-ins and initiatives', () => {
  it('create, update and delete', () => {
    const doc = boardWithOkr()
    updateCheckIn(doc, { id: 'c1', value: 35, predictedScore: 0.7 }, ORIGIN)
    expect(readBoard(doc).checkIns).toEqual([
      {
        id: 'c1',
        keyResultId: 'kr1',
        at: 100,
        value: 35,
        note: '',
        predictedScore: 0.7,
        confidence: 0.6,
        author: '',
      },
    ])
    expect(codeOf(() => updateCheckIn(doc, { id: 'c1', confidence: 2 }, ORIGIN))).toBe(
      'invalid-argument:confidence',
    )
    expect(deleteCheckIn(doc, { id: 'c1' }, ORIGIN)).toBe(true)
    updateInitiative(doc, { id: 'i1', title: 'Guided tour', keyResultId: null }, ORIGIN)
    expect(readBoard(doc).initiatives[0]).toMatchObject({ title: 'Guided tour', keyResultId: null })
    expect(
      codeOf(() => createInitiative(doc, { id: 'i2', title: 'x', keyResultId: 'zz' }, ORIGIN)),
    ).toBe('not-found:keyResultId')
    expect(deleteInitiative(doc, { id: 'i1' }, ORIGIN)).toBe(true)
    expect(deleteInitiative(doc, { id: 'i1' }, ORIGIN)).toBe(false)
  })
})
