// Builders for plain OKR data: each test states only the fields it is about.
import type { CheckIn, EpochMs, KeyResult, Objective } from '../../../core/okr/okr-model'
import { quarterTimeframe } from '../../../core/okr/timeframe'

export const DAY = 86_400_000

export const q4 = quarterTimeframe(2026, 4)

/** A time `days` after the start of Q4 2026. */
export function day(days: number): EpochMs {
  return (q4.start + days * DAY) as EpochMs
}

export function keyResult(fields: Partial<KeyResult> = {}): KeyResult {
  return {
    id: 'kr-1',
    objectiveId: 'obj-1',
    title: 'Reach 1000 followers',
    metric: 'followers',
    unit: { kind: 'count' },
    start: 0,
    target: 1000,
    direction: 'increase',
    calculation: 'absolute-target',
    rollup: 'last',
    frequency: 'weekly',
    owner: 'ana',
    weight: 1,
    grading: null,
    ...fields,
  }
}

export function objective(fields: Partial<Objective> = {}): Objective {
  return {
    id: 'obj-1',
    title: 'Build an audience that cares',
    description: '',
    owner: 'ana',
    status: 'active',
    type: 'aspirational',
    timeframe: q4,
    parentId: null,
    tags: [],
    visibility: 'public',
    ...fields,
  }
}

let sequence = 0

export function checkIn(fields: Partial<CheckIn> & { value: number }): CheckIn {
  sequence++
  return {
    id: `ci-${String(sequence).padStart(6, '0')}`,
    keyResultId: 'kr-1',
    at: day(sequence),
    note: '',
    predictedScore: null,
    confidence: null,
    author: 'ana',
    ...fields,
  }
}

/** Breaks the types on purpose: inbound data is untrusted. */
export function untrusted<T>(value: unknown): T {
  return value as T
}
