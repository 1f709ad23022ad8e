/**
 * The OKR entities' fields as commands accept them: one spec per entity (what each key must
 * be, and its default), the checks behind them, and the generic create / update writers the
 * commands in okr.ts share. Every argument is validated before any transaction writes.
 */
import type * as Y from 'yjs'
import type {
  Calculation,
  Direction,
  EpochMs,
  Frequency,
  GradingPoint,
  ObjectiveStatus,
  ObjectiveType,
  Rollup,
  Timeframe,
  Unit,
  Visibility,
} from '../../okr/okr-model'
import {
  CALCULATIONS,
  DIRECTIONS,
  FREQUENCIES,
  OBJECTIVE_STATUSES,
  OBJECTIVE_TYPES,
  ROLLUPS,
  VISIBILITIES,
} from '../../okr/okr-model'
import { isRecord } from '../coerce'
import { BoardCommandError } from '../errors'
import { restoreTimeframe } from '../restore'
import type { EntityRoot } from '../schema'
import { getEntity, isTextKey, TEXT_KEYS } from '../schema'
import { materializeText } from '../text-materialize'
import {
  checkArgs,
  checkBoolean,
  checkEnum,
  checkId,
  checkIds,
  checkLine,
  checkNullableId,
  checkNullableNumber,
  checkNullableText,
  checkNumber,
  checkText,
  checkUnit,
  MAX_ID_LENGTH,
} from '../validate'
import {
  collection,
  newEntity,
  replaceText,
  requireAbsent,
  requireEntity,
  setIfChanged,
} from './internal'

export interface ObjectiveFields {
  readonly title: string
  readonly description?: string
  readonly owner?: string | null
  readonly status?: ObjectiveStatus
  readonly type?: ObjectiveType
  readonly timeframe?: Timeframe | null
  readonly parentId?: string | null
  readonly tags?: readonly string[]
  readonly visibility?: Visibility
  readonly sourceGroupId?: string | null
  readonly order?: number
}

export interface KeyResultFields {
  readonly objectiveId: string
  readonly title: string
  readonly metric?: string
  readonly unit?: Unit
  /** Null while the KR is not measurable yet. */
  readonly start?: number | null
  readonly target?: number | null
  readonly direction?: Direction
  readonly calculation?: Calculation
  readonly rollup?: Rollup
  readonly frequency?: Frequency
  readonly owner?: string | null
  readonly weight?: number
  readonly grading?: readonly GradingPoint[] | null
  readonly sourceNoteIds?: readonly string[]
  readonly order?: number
  /** Marked as a sure bet during "amp up ambition". */
  readonly confident?: boolean
}

export interface CheckInFields {
  readonly keyResultId: string
  readonly at: EpochMs
  readonly value: number
  readonly note?: string
  readonly predictedScore?: number | null
  readonly confidence?: number | null
  readonly author?: string
}

export interface InitiativeFields {
  readonly title: string
  readonly keyResultId?: string | null
  readonly objectiveId?: string | null
  readonly sourceNoteIds?: readonly string[]
}

type Checker = (value: unknown, field: string) => unknown
type Spec = Readonly<Record<string, { check: Checker; fallback?: unknown }>>

const unitInterval = (v: unknown, f: string) => checkNullableNumber(v, f, 0, 1)

export function checkTimeframe(value: unknown, field: string): Timeframe | null {
  if (value === null) return null
  const timeframe = isRecord(value) ? restoreTimeframe(value) : null
  if (!timeframe) {
    throw new BoardCommandError(
      'invalid-argument',
      `${field}: must be a quarter, year or custom timeframe with start ≤ end`,
      field,
    )
  }
  return timeframe
}

export function checkTags(value: unknown, field: string): string[] {
  return checkIds(value, field).map((tag, i) => checkLine(tag, `${field}[${i}]`, 100))
}

export function checkGrading(value: unknown, field: string): GradingPoint[] | null {
  if (value === null) return null
  if (!Array.isArray(value) || value.length < 2) {
    throw new BoardCommandError(
      'invalid-argument',
      `${field}: needs at least 2 points or null`,
      field,
    )
  }
  return value.map((p: unknown, i) => {
    const point = checkArgs(p, `${field}[${i}]`)
    return {
      value: checkNumber(point.value, `${field}[${i}].value`),
      score: checkNumber(point.score, `${field}[${i}].score`, 0, 1),
    }
  })
}

export const OBJECTIVE: Spec = {
  title: { check: (v, f) => checkLine(v, f, 1000) },
  description: { check: checkText, fallback: '' },
  owner: { check: checkNullableText, fallback: null },
  status: { check: (v, f) => checkEnum(v, OBJECTIVE_STATUSES, f), fallback: 'draft' },
  type: { check: (v, f) => checkEnum(v, OBJECTIVE_TYPES, f), fallback: 'committed' },
  timeframe: { check: checkTimeframe, fallback: null },
  parentId: { check: checkNullableId, fallback: null },
  tags: { check: checkTags, fallback: [] },
  visibility: { check: (v, f) => checkEnum(v, VISIBILITIES, f), fallback: 'public' },
  sourceGroupId: { check: checkNullableId, fallback: null },
  order: { check: checkNumber, fallback: 0 },
}

export const KEY_RESULT: Spec = {
  objectiveId: { check: checkId },
  title: { check: (v, f) => checkLine(v, f, 1000) },
  metric: { check: (v, f) => checkLine(v, f, 500), fallback: '' },
  unit: { check: checkUnit, fallback: { kind: 'count' } },
  start: { check: checkNullableNumber, fallback: null },
  target: { check: checkNullableNumber, fallback: null },
  direction: { check: (v, f) => checkEnum(v, DIRECTIONS, f), fallback: 'increase' },
  calculation: { check: (v, f) => checkEnum(v, CALCULATIONS, f), fallback: 'absolute-target' },
  rollup: { check: (v, f) => checkEnum(v, ROLLUPS, f), fallback: 'last' },
  frequency: { check: (v, f) => checkEnum(v, FREQUENCIES, f), fallback: 'weekly' },
  owner: { check: checkNullableText, fallback: null },
  weight: { check: (v, f) => checkNumber(v, f, 0, 1000), fallback: 1 },
  grading: { check: checkGrading, fallback: null },
  sourceNoteIds: { check: checkIds, fallback: [] },
  order: { check: checkNumber, fallback: 0 },
  confident: { check: checkBoolean, fallback: false },
}

export const CHECK_IN: Spec = {
  keyResultId: { check: checkId },
  at: { check: (v, f) => checkNumber(v, f, 0) },
  value: { check: checkNumber },
  note: { check: checkText, fallback: '' },
  predictedScore: { check: unitInterval, fallback: null },
  confidence: { check: unitInterval, fallback: null },
  author: { check: (v, f) => checkLine(v, f, MAX_ID_LENGTH), fallback: '' },
}

export const INITIATIVE: Spec = {
  title: { check: (v, f) => checkLine(v, f, 1000) },
  keyResultId: { check: checkNullableId, fallback: null },
  objectiveId: { check: checkNullableId, fallback: null },
  sourceNoteIds: { check: checkIds, fallback: [] },
}

/** Checks the keys present; on create, absent keys take their fallback or are required. */
export function checkFields(
  a: Record<string, unknown>,
  spec: Spec,
  mode: 'create' | 'update',
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, { check, fallback }] of Object.entries(spec)) {
    if (a[key] !== undefined) out[key] = check(a[key], key)
    else if (mode === 'create') {
      if (!Object.hasOwn(spec[key] ?? {}, 'fallback')) {
        throw new BoardCommandError('invalid-argument', `${key}: is required`, key)
      }
      out[key] = fallback
    }
  }
  return out
}

/** Validates a create/update command's arguments: the object, its `id`, then the spec's fields. */
export function checkEntityArgs(
  args: unknown,
  command: string,
  spec: Spec,
  mode: 'create' | 'update',
): { id: string; fields: Record<string, unknown> } {
  const a = checkArgs(args, command)
  return { id: checkId(a.id, 'id'), fields: checkFields(a, spec, mode) }
}

export function requireRef(doc: Y.Doc, name: EntityRoot, id: unknown, field: string): void {
  if (typeof id === 'string' && !getEntity(doc, name, id)) {
    throw new BoardCommandError('not-found', `${field}: no ${name} entry "${id}"`, field)
  }
}

export function create(
  doc: Y.Doc,
  name: EntityRoot,
  id: string,
  fields: Record<string, unknown>,
  origin: unknown,
  textField?: string,
): void {
  requireAbsent(doc, name, id)
  // Every text field of the collection is written as a Y.Text (schema 2), so editors can bind it.
  const entity = newEntity(fields, textField ?? TEXT_KEYS[name][0])
  doc.transact(() => collection(doc, name).set(id, entity), origin)
}

/**
 * Writes the fields passed. A text field (TEXT_KEYS) gets only its changed middle, so someone
 * typing elsewhere in it keeps their words. A key result whose target is edited by hand is no
 * longer "stretched from" its old target: the kept `originalTarget` goes with the edit.
 */
export function update(
  doc: Y.Doc,
  name: EntityRoot,
  id: string,
  fields: Record<string, unknown>,
  origin: unknown,
): void {
  const entity = requireEntity(doc, name, id)
  const retargeted =
    name === 'keyResults' &&
    fields.target !== undefined &&
    entity.get('target') !== fields.target &&
    entity.has('originalTarget')
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) {
      if (isTextKey(name, key)) replaceText(materializeText(entity, key), value as string)
      else setIfChanged(entity, key, value)
    }
    if (retargeted) entity.delete('originalTarget')
  }, origin)
}

export function checkParent(doc: Y.Doc, id: string, parentId: unknown): void {
  if (typeof parentId !== 'string') return
  requireRef(doc, 'objectives', parentId, 'parentId')
  // Alignment is a tree: refuse a parent whose own ancestors include this objective.
  const seen = new Set<string>()
  for (let at: unknown = parentId; typeof at === 'string' && !seen.has(at);) {
    if (at === id)
      throw new BoardCommandError('invalid-argument', 'parentId: would form a cycle', 'parentId')
    seen.add(at)
    at = getEntity(doc, 'objectives', at)?.get('parentId')
  }
}

/**
 * Creates an objective; fields left out take the documented defaults (status `draft`, …).
 *
 * @example
 * createObjective(doc, { id: 'o1', title: 'Delight new customers', owner: 'ann' }, origin)
 */
