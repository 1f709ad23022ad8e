/** A board in the middle of setting OKRs, with one of every loose end the step help looks for. */
import * as Y from 'yjs'
import {
  createCheckIn,
  createKeyResult,
  createObjective,
  setBoardTimeframe,
  setBoardTitle,
} from '../../../../core/board/commands/index'
import { migrate } from '../../../../core/board/migrate'
import { readBoard } from '../../../../core/board/read'
import type { BoardSnapshot } from '../../../../core/board/board-model'
import type { EpochMs } from '../../../../core/okr/okr-model'
import { quarterTimeframe } from '../../../../core/okr/timeframe'

export const ORIGIN = { user: 'test' }
export const Q4 = quarterTimeframe(2026, 4)
export const DAY = 86_400_000
/** 16 November 2026, 09:20 UTC: mid-quarter, a Monday. */
export const NOW = Date.UTC(2026, 10, 16, 9, 20) as EpochMs

export function settingBoard(): Y.Doc {
  const doc = new Y.Doc()
  migrate(doc, ORIGIN)
  setBoardTitle(doc, { title: 'Growth team' }, ORIGIN)
  setBoardTimeframe(doc, { timeframe: { start: Q4.start, end: Q4.end } }, ORIGIN)
  createObjective(doc, { id: 'o1', title: 'Delight new customers', owner: 'Ann' }, ORIGIN)
  createObjective(doc, { id: 'o2', title: 'Run lean', owner: null, order: 1 }, ORIGIN)
  createObjective(
    doc,
    { id: 'o3', title: 'Dropped idea', owner: null, status: 'cancelled', order: 2 },
    ORIGIN,
  )
  const kr = (id: string, fields: Record<string, unknown>) =>
    createKeyResult(doc, { id, objectiveId: 'o1', owner: 'Bo', ...fields } as never, ORIGIN)
  kr('kr1', {
    title: 'Grow weekly active teams from 120 to 200',
    metric: 'weekly active teams',
    start: 120,
    target: 200,
    order: 0,
  })
  kr('kr2', { title: 'Launch the new onboarding', owner: null, start: 0, target: null, order: 1 })
  kr('kr3', { title: 'Raise NPS to TBD', metric: 'NPS', start: 30, target: 999, order: 2 })
  kr('kr4', { title: 'Keep uptime high', start: 0, target: 0, order: 3 })
  createKeyResult(
    doc,
    {
      id: 'kr5',
      objectiveId: 'o2',
      title: 'Cloud cost below $40k',
      metric: 'cloud cost',
      start: null,
      target: 40000,
      direction: 'decrease',
      owner: 'Cy',
    } as never,
    ORIGIN,
  )
  createKeyResult(
    doc,
    { id: 'kr6', objectiveId: 'o3', title: 'Whatever', owner: null, start: 0, target: 0 } as never,
    ORIGIN,
  )
  createCheckIn(
    doc,
    {
      id: 'c1',
      keyResultId: 'kr1',
      at: (NOW - 2 * DAY) as EpochMs,
      value: 150,
      confidence: 0.9,
      predictedScore: 0.8,
    },
    ORIGIN,
  )
  createCheckIn(
    doc,
    {
      id: 'c2',
      keyResultId: 'kr5',
      at: (Q4.start + 10 * DAY) as EpochMs,
      value: 45000,
      confidence: 0.5,
    },
    ORIGIN,
  )
  return doc
}

export function settingSnapshot(): BoardSnapshot {
  return readBoard(settingBoard())
}

/** A snapshot as an old file or a hand-built test might hand over: anything in any field. */
export function garbled(): BoardSnapshot {
  const snapshot = settingSnapshot()
  return {
    ...snapshot,
    objectives: [
      ...snapshot.objectives,
      { id: 7, title: null, status: 'weird', owner: 12 } as never,
      { id: 'o9', title: { x: 1 }, status: 'active', owner: ['x'] } as never,
    ],
    keyResults: [
      ...snapshot.keyResults,
      { id: 'g1', objectiveId: 'o9', title: 42, owner: {}, start: 'a', target: NaN } as never,
      { id: 'g2', objectiveId: 'o9', title: 'Ship TBD', order: 'x', target: Infinity } as never,
      { id: null, objectiveId: 'o1' } as never,
    ],
  }
}
