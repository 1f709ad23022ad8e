import { describe, expect, it } from 'vitest'
import type { BoardSnapshot } from '../../../../core/board/board-model'
import {
  createCheckIn,
  createKeyResult,
  createObjective,
  stretchKeyResult,
  updateKeyResult,
  updateObjective,
} from '../../../../core/board/commands/index'
import { readBoard } from '../../../../core/board/read'
import { exportOkrs } from '../../../../core/export/export-model'
import type { EpochMs } from '../../../../core/okr/okr-model'
import {
  CONFIDENT_AT,
  ambitionModel,
  countCheck,
} from '../../../../client/facilitation/step-help/ambition-model'
import { NOW, ORIGIN, garbled, settingBoard, settingSnapshot } from './fixture'

const model = (snapshot: BoardSnapshot) =>
  ambitionModel(snapshot, exportOkrs(snapshot, { now: NOW }))

describe('amp up ambition', () => {
  it('lists the key results marked confident with their stretched targets', () => {
    const { confident, others } = ambitionModel(
      settingSnapshot(),
      exportOkrs(settingSnapshot(), { now: NOW }),
    )
    expect(confident.map((i) => [i.kr.id, i.confidence])).toEqual([['kr1', 0.9]])
    expect(confident[0]?.offer).toEqual({
      target: 224,
      label: 'Stretch target by 30 % (200 → 224)',
      title: 'Grow weekly active teams from 120 to 224',
      note: null,
    })
    // kr5 (confidence 0.5) can still be stretched; kr3's NPS target is past 100 and cannot.
    expect(others.map((i) => i.kr.id)).toEqual(['kr5'])
  })

  it('shows a stretched key result as stretched, with nothing more on offer', () => {
    const doc = settingBoard()
    stretchKeyResult(doc, { id: 'kr1' }, ORIGIN)
    const [item] = model(readBoard(doc)).confident
    expect(item?.offer).toBeNull()
    expect(item?.stretchedFrom).toBe('stretched from 200')
    expect(item?.record.target).toBe(224)
  })

  it('takes the latest check-in’s confidence: a later doubt unmarks a key result', () => {
    const doc = settingBoard()
    createCheckIn(
      doc,
      { id: 'c5', keyResultId: 'kr1', at: (NOW - 1000) as EpochMs, value: 160, confidence: 0.6 },
      ORIGIN,
    )
    expect(model(readBoard(doc)).confident).toEqual([])
    createCheckIn(
      doc,
      { id: 'c6', keyResultId: 'kr5', at: NOW, value: 42000, confidence: CONFIDENT_AT },
      ORIGIN,
    )
    expect(model(readBoard(doc)).confident.map((i) => i.kr.id)).toEqual(['kr5'])
  })

  it('lists a key result the team marked a sure bet, before any check-in, and unlists it when unmarked', () => {
    const doc = settingBoard()
    updateKeyResult(doc, { id: 'kr5', confident: true }, ORIGIN)
    const marked = model(readBoard(doc)).confident
    expect(marked.map((i) => [i.kr.id, i.marked])).toEqual([
      ['kr1', false],
      ['kr5', true],
    ])
    // kr5 lowers a cost: its stretch is a lower target.
    expect(marked[1]?.offer?.target).toBeLessThan(marked[1]?.record.target ?? -Infinity)
    updateKeyResult(doc, { id: 'kr5', confident: false }, ORIGIN)
    expect(model(readBoard(doc)).confident.map((i) => i.kr.id)).toEqual(['kr1'])
    expect(() => updateKeyResult(doc, { id: 'kr5', confident: 'yes' as never }, ORIGIN)).toThrow(
      /confident/,
    )
  })

  it('ignores confidences that are not numbers and survives a garbled snapshot', () => {
    const snapshot = garbled()
    const okrs = exportOkrs(settingSnapshot(), { now: NOW })
    const broken = {
      ...okrs,
      objectives: okrs.objectives.map((o) => ({
        ...o,
        keyResults: o.keyResults.map((kr) => ({ ...kr, confidence: 'high' })),
      })),
    } as never
    expect(ambitionModel(snapshot, broken).confident).toEqual([])
    expect(() => ambitionModel(snapshot, { objectives: null } as never)).not.toThrow()
  })
})

describe('count check', () => {
  it('compares the board with three objectives of two or three key results each', () => {
    const check = countCheck(settingSnapshot())
    expect(check.objectives).toBe(2)
    expect(check.perObjective).toEqual([
      { title: 'Delight new customers', keyResults: 4 },
      { title: 'Run lean', keyResults: 1 },
    ])
    expect(check.fits).toBe(false)
    expect(check.verdict).toBe(
      '2 objectives (3 suggested); “Delight new customers” has 4 key results (2–3 suggested); “Run lean” has 1 key result (2–3 suggested). For a team of 7–9: 3 objectives with 2–3 key results each.',
    )
  })

  it('fits a board of three objectives with two or three key results each', () => {
    const doc = settingBoard()
    updateObjective(doc, { id: 'o3', status: 'active' }, ORIGIN)
    createObjective(doc, { id: 'o4', title: 'Later', status: 'cancelled' }, ORIGIN)
    createKeyResult(doc, { id: 'x1', objectiveId: 'o2', title: 'A 1', start: 0, target: 1 }, ORIGIN)
    createKeyResult(doc, { id: 'x2', objectiveId: 'o3', title: 'B 1', start: 0, target: 1 }, ORIGIN)
    const snapshot = readBoard(doc)
    const trimmed = {
      ...snapshot,
      keyResults: snapshot.keyResults.filter((kr) => kr.id !== 'kr4'),
    }
    const check = countCheck(trimmed)
    expect(check.perObjective.map((o) => o.keyResults)).toEqual([3, 2, 2])
    expect(check.fits).toBe(true)
    expect(check.verdict).toBe('3 objectives with 2–3 key results each: right for a team of 7–9.')
  })

  it('counts a garbled board as best it can', () => {
    const check = countCheck(garbled())
    expect(check.objectives).toBe(4)
    expect(check.perObjective.at(-2)?.title).toBe('Untitled objective')
    expect(countCheck({ objectives: 'x', keyResults: null } as never).objectives).toBe(0)
  })
})
