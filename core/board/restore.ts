/**
 * Repair stored entities into typed read models. Missing or mistyped fields take the documented
 * defaults (docs/document-schema.md); nothing here writes to the document or throws.
 */
import {
  CALCULATIONS,
  DIRECTIONS,
  FREQUENCIES,
  OBJECTIVE_STATUSES,
  OBJECTIVE_TYPES,
  ROLLUPS,
  VISIBILITIES,
} from '../okr/okr-model'
import type { CheckIn, EpochMs, GradingPoint, Timeframe, Unit } from '../okr/okr-model'
import {
  asBoolean,
  asEnum,
  asNullableNumber,
  asNullableString,
  asNumber,
  asString,
  asStringList,
  clamp,
  fieldsOf,
  isRecord,
  plain,
} from './coerce'
import { colorOr } from './colors'
import type {
  BoardMeta,
  Group,
  InitiativeRecord,
  KeyResultRecord,
  Note,
  ObjectiveRecord,
  TimerState,
} from './board-model'
import { PHASES } from './board-model'
import {
  DEFAULT_GROUP_COLOR,
  DEFAULT_GROUP_SIZE,
  DEFAULT_NOTE_COLOR,
  DEFAULT_VOTE_BUDGET,
  MAX_VOTE_BUDGET,
} from './schema'

const NO_FIELDS = (_key: string): unknown => undefined

const epoch = (value: unknown): EpochMs => asNumber(value, 0) as EpochMs

/**
 * The board's settings with defaults for anything missing or mistyped.
 *
 * @example
 * restoreMeta(undefined).voteBudget // 5
 */
export function restoreMeta(value: unknown): BoardMeta {
  const get = fieldsOf(value) ?? NO_FIELDS
  return {
    schemaVersion: Math.max(0, Math.trunc(asNumber(get('schemaVersion'), 0))),
    title: asString(get('title'), ''),
    phase: asEnum(get('phase'), PHASES, 'brainstorm'),
    voteBudget: restoreBudget(get('voteBudget')),
    votesRevealed: asBoolean(get('votesRevealed'), false),
    notesRevealed: asBoolean(get('notesRevealed'), false),
    timer: restoreTimer(get('timer')),
    timeframe: restoreRange(get('timeframe')),
  }
}

function restoreBudget(value: unknown): number {
  return clamp(Math.trunc(asNumber(value, DEFAULT_VOTE_BUDGET)), 0, MAX_VOTE_BUDGET)
}

function restoreTimer(value: unknown): TimerState | null {
  const v = plain(value)
  if (!isRecord(v)) return null
  const startedAt = asNullableNumber(v.startedAt)
  const durationMs = asNullableNumber(v.durationMs)
  if (startedAt === null || durationMs === null || durationMs < 0) return null
  const pausedAt = asNullableNumber(v.pausedAt)
  return {
    startedAt: startedAt as EpochMs,
    durationMs,
    pausedAt: pausedAt === null || pausedAt < 0 ? null : (pausedAt as EpochMs),
  }
}

function restoreRange(value: unknown): { start: EpochMs; end: EpochMs } | null {
  const v = plain(value)
  if (!isRecord(v)) return null
  const start = asNullableNumber(v.start)
  const end = asNullableNumber(v.end)
  if (start === null || end === null || end < start) return null
  return { start: start as EpochMs, end: end as EpochMs }
}

/**
 * A note read model; null when the stored value is not an object at all.
 *
 * @example
 * restoreNote('n1', { text: 'Ship v2', x: '10' })?.x // 10
 */
export function restoreNote(id: string, value: unknown): Note | null {
  const get = fieldsOf(value)
  if (!get) return null
  return {
    id,
    text: asString(get('text'), ''),
    x: asNumber(get('x'), 0),
    y: asNumber(get('y'), 0),
    // The colour reaches CSS: anything but a colour we accept (say `url(…)`) reads as default.
    color: colorOr(get('color'), DEFAULT_NOTE_COLOR),
    author: asString(get('author'), ''),
    groupId: asNullableString(get('groupId')),
    createdAt: epoch(get('createdAt')),
  }
}

/**
 * A group read model; null when the stored value is not an object.
 *
 * @example
 * restoreGroup('g1', {})?.w // 320
 */
export function restoreGroup(id: string, value: unknown): Group | null {
  const get = fieldsOf(value)
  if (!get) return null
  return {
    id,
    title: asString(get('title'), ''),
    x: asNumber(get('x'), 0),
    y: asNumber(get('y'), 0),
    w: Math.max(0, asNumber(get('w'), DEFAULT_GROUP_SIZE.w)),
    h: Math.max(0, asNumber(get('h'), DEFAULT_GROUP_SIZE.h)),
    color: colorOr(get('color'), DEFAULT_GROUP_COLOR),
  }
}

/**
 * An objective read model; null when the stored value is not an object.
 *
 * @example
 * restoreObjective('o1', { title: 'Delight', status: 'bogus' })?.status // 'draft'
 */
export function restoreObjective(id: string, value: unknown): ObjectiveRecord | null {
  const get = fieldsOf(value)
  if (!get) return null
  return {
    id,
    title: asString(get('title'), ''),
    description: asString(get('description'), ''),
    owner: asNullableString(get('owner')),
    status: asEnum(get('status'), OBJECTIVE_STATUSES, 'draft'),
    type: asEnum(get('type'), OBJECTIVE_TYPES, 'committed'),
    timeframe: restoreTimeframe(get('timeframe')),
    parentId: asNullableString(get('parentId')),
    tags: asStringList(get('tags')),
    visibility: asEnum(get('visibility'), VISIBILITIES, 'public'),
    sourceGroupId: asNullableString(get('sourceGroupId')),
    order: asNumber(get('order'), 0),
  }
}

/**
 * A quarter, year or custom timeframe; null unless its kind and bounds are coherent.
 *
 * @example
 * restoreTimeframe({ kind: 'custom', start: 0, end: 10 })?.end // 10
 */
export function restoreTimeframe(value: unknown): Timeframe | null {
  const v = plain(value)
  if (!isRecord(v)) return null
  const range = restoreRange(v)
  if (!range) return null
  const year = asNullableNumber(v.year)
  if (v.kind === 'custom') return { kind: 'custom', ...range }
  if (v.kind === 'year' && year !== null && Number.isInteger(year)) {
    return { kind: 'year', year, ...range }
  }
  const quarter = asNullableNumber(v.quarter)
  if (
    v.kind === 'quarter' &&
    year !== null &&
    Number.isInteger(year) &&
    (quarter === 1 || quarter === 2 || quarter === 3 || quarter === 4)
  ) {
    return { kind: 'quarter', year, quarter, ...range }
  }
  return null
}

/**
 * A unit of measure; unknown shapes become `count`.
 *
 * @example
 * restoreUnit({ kind: 'currency', code: 'EUR' }) // { kind: 'currency', code: 'EUR' }
 */
export function restoreUnit(value: unknown): Unit {
  const v = plain(value)
  if (typeof v === 'string' && v !== '') {
    if (v === '%' || v === 'percent') return { kind: 'percent' }
    if (v === 'count') return { kind: 'count' }
    return { kind: 'text', label: v }
  }
  if (!isRecord(v)) return { kind: 'count' }
  switch (v.kind) {
    case 'percent':
      return { kind: 'percent' }
    case 'currency':
      return typeof v.code === 'string' && v.code !== ''
        ? { kind: 'currency', code: v.code }
        : { kind: 'currency' }
    case 'text':
      return typeof v.label === 'string' && v.label !== ''
        ? { kind: 'text', label: v.label }
        : { kind: 'count' }
    default:
      return { kind: 'count' }
  }
}

function restoreGrading(value: unknown): GradingPoint[] | null {
  const v = plain(value)
  if (!Array.isArray(v)) return null
  const points: GradingPoint[] = []
  for (const item of v) {
    if (!isRecord(item)) continue
    const pointValue = asNullableNumber(item.value)
    const score = asNullableNumber(item.score)
    if (pointValue !== null && score !== null) {
      points.push({ value: pointValue, score: clamp(score, 0, 1) })
    }
  }
  return points.length >= 2 ? points : null
}

/**
 * A key result read model; null when the stored value is not an object. A stored `start` or
 * `target` of null reads as 0; a null `target` (an unmeasurable note) gives `measurable: false`,
 * a null `start` (no baseline yet) `startKnown: false`.
 *
 * @example
 * restoreKeyResult('kr1', { objectiveId: 'o1', target: null })?.measurable // false
 */
export function restoreKeyResult(id: string, value: unknown): KeyResultRecord | null {
  const get = fieldsOf(value)
  if (!get) return null
  const start = asNullableNumber(get('start'))
  const target = asNullableNumber(get('target'))
  const weight = asNumber(get('weight'), 1)
  const originalTarget = asNullableNumber(get('originalTarget'))
  return {
    id,
    objectiveId: asString(get('objectiveId'), ''),
    title: asString(get('title'), ''),
    metric: asString(get('metric'), ''),
    unit: restoreUnit(get('unit')),
    start: start ?? 0,
    target: target ?? 0,
    direction: asEnum(get('direction'), DIRECTIONS, 'increase'),
    calculation: asEnum(get('calculation'), CALCULATIONS, 'absolute-target'),
    rollup: asEnum(get('rollup'), ROLLUPS, 'last'),
    frequency: asEnum(get('frequency'), FREQUENCIES, 'weekly'),
    owner: asNullableString(get('owner')),
    weight: weight >= 0 ? weight : 1,
    grading: restoreGrading(get('grading')),
    sourceNoteIds: asStringList(get('sourceNoteIds')),
    order: asNumber(get('order'), 0),
    measurable: target !== null,
    // Only a key result without a baseline carries it, so the others read as before.
    ...(start === null ? { startKnown: false } : {}),
    // Only a stretched key result carries it, so records of the others read as before.
    ...(originalTarget === null ? {} : { originalTarget }),
    ...(get('confident') === true ? { confident: true } : {}),
  }
}

/**
 * A check-in read model; null when the stored value is not an object.
 *
 * @example
 * restoreCheckIn('c1', { keyResultId: 'kr1', value: '42' })?.value // 42
 */
export function restoreCheckIn(id: string, value: unknown): CheckIn | null {
  const get = fieldsOf(value)
  if (!get) return null
  const predicted = asNullableNumber(get('predictedScore'))
  const confidence = asNullableNumber(get('confidence'))
  return {
    id,
    keyResultId: asString(get('keyResultId'), ''),
    at: epoch(get('at')),
    value: asNumber(get('value'), 0),
    note: asString(get('note'), ''),
    predictedScore: predicted === null ? null : clamp(predicted, 0, 1),
    confidence: confidence === null ? null : clamp(confidence, 0, 1),
    author: asString(get('author'), ''),
  }
}

/**
 * An initiative read model; null when the stored value is not an object.
 *
 * @example
 * restoreInitiative('i1', { title: 'Ship onboarding', keyResultId: 'kr1' })?.objectiveId // null
 */
export function restoreInitiative(id: string, value: unknown): InitiativeRecord | null {
  const get = fieldsOf(value)
  if (!get) return null
  return {
    id,
    keyResultId: asNullableString(get('keyResultId')),
    objectiveId: asNullableString(get('objectiveId')),
    title: asString(get('title'), ''),
    sourceNoteIds: asStringList(get('sourceNoteIds')),
  }
}
