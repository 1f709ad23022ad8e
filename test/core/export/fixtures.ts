/** A small, scored OKR board shared by the export tests. */
import * as Y from 'yjs'
import {
  createCheckIn,
  createInitiative,
  createKeyResult,
  createObjective,
  setBoardTitle,
} from '../../../core/board/commands/index'
import { migrate } from '../../../core/board/migrate'
import { quarterTimeframe } from '../../../core/okr/timeframe'
import { readBoard } from '../../../core/board/read'
import type { BoardSnapshot } from '../../../core/board/board-model'
import type { EpochMs } from '../../../core/okr/okr-model'

export const ORIGIN = { user: 'test' }
export const Q4 = quarterTimeframe(2026, 4)
const DAY = 86_400_000
/** Mid-November: about half of Q4 has elapsed. */
export const NOW = (Q4.start + 46 * DAY) as EpochMs

export function okrBoard(): Y.Doc {
  const doc = new Y.Doc()
  migrate(doc, ORIGIN)
  setBoardTitle(doc, { title: 'Growth team, Q4' }, ORIGIN)
  createObjective(
    doc,
    { id: 'o1', title: 'Delight new customers', owner: 'Ann', status: 'active', timeframe: Q4 },
    ORIGIN,
  )
  createObjective(
    doc,
    { id: 'o2', title: '=Reach, | pipes, "quotes"', owner: null, timeframe: Q4, order: 1 },
    ORIGIN,
  )
  createKeyResult(
    doc,
    {
      id: 'kr1',
      objectiveId: 'o1',
      title: 'Grow weekly active teams from 120 to 200',
      start: 120,
      target: 200,
      owner: 'Bo',
      frequency: 'weekly',
    },
    ORIGIN,
  )
  createKeyResult(
    doc,
    {
      id: 'kr2',
      objectiveId: 'o1',
      title: 'Cut churn',
      start: 8,
      target: 4,
      direction: 'decrease',
      unit: { kind: 'percent' },
      owner: 'Ann',
      frequency: 'monthly',
      order: 1,
    },
    ORIGIN,
  )
  createCheckIn(
    doc,
    { id: 'c1', keyResultId: 'kr1', at: (Q4.start + 20 * DAY) as EpochMs, value: 150 },
    ORIGIN,
  )
  createCheckIn(
    doc,
    { id: 'c2', keyResultId: 'kr1', at: (Q4.start + 40 * DAY) as EpochMs, value: 176 },
    ORIGIN,
  )
  createCheckIn(
    doc,
    { id: 'c3', keyResultId: 'kr2', at: (Q4.start + 30 * DAY) as EpochMs, value: 7 },
    ORIGIN,
  )
  createInitiative(doc, { id: 'i1', title: 'Onboarding tour', keyResultId: 'kr1' }, ORIGIN)
  return doc
}

export function okrSnapshot(): BoardSnapshot {
  return readBoard(okrBoard())
}
