/**
 * Commands on the OKR set: objectives, key results, check-ins and initiatives. Every argument is
 * validated before the transaction; updates are partial (only the keys passed are written).
 */
import * as Y from 'yjs'
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
} from '../../okr/model'
import {
  CALCULATIONS,
  DIRECTIONS,
  FREQUENCIES,
  OBJECTIVE_STATUSES,
  OBJECTIVE_TYPES,
  ROLLUPS,
  VISIBILITIES,
} from '../../okr/model'
import { isRecord } from '../coerce'
import { BoardCommandError } from '../errors'
import { restoreTimeframe } from '../restore'
import type { EntityRoot, TextRoot } from '../schema'
import { getEntity } from '../schema'
import {
  checkArgs,
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
  textOf,
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

function checkTimeframe(value: unknown, field: string): Timeframe | null {
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

function checkTags(value: unknown, field: string): string[] {
  return checkIds(value, field).map((tag, i) => checkLine(tag, `${field}[${i}]`, 100))
}

function checkGrading(value: unknown, field: string): GradingPoint[] | null {
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

const OBJECTIVE: Spec = {
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

const KEY_RESULT: Spec = {
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
}

const CHECK_IN: Spec = {
  keyResultId: { check: checkId },
  at: { check: (v, f) => checkNumber(v, f, 0) },
  value: { check: checkNumber },
  note: { check: checkText, fallback: '' },
  predictedScore: { check: unitInterval, fallback: null },
  confidence: { check: unitInterval, fallback: null },
  author: { check: (v, f) => checkLine(v, f, MAX_ID_LENGTH), fallback: '' },
}

const INITIATIVE: Spec = {
  title: { check: (v, f) => checkLine(v, f, 1000) },
  keyResultId: { check: checkNullableId, fallback: null },
  objectiveId: { check: checkNullableId, fallback: null },
  sourceNoteIds: { check: checkIds, fallback: [] },
}

/** Checks the keys present; on create, absent keys take their fallback or are required. */
function checkFields(
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
function checkEntityArgs(
  args: unknown,
  command: string,
  spec: Spec,
  mode: 'create' | 'update',
): { id: string; fields: Record<string, unknown> } {
  const a = checkArgs(args, command)
  return { id: checkId(a.id, 'id'), fields: checkFields(a, spec, mode) }
}

function requireRef(doc: Y.Doc, name: EntityRoot, id: unknown, field: string): void {
  if (typeof id === 'string' && !getEntity(doc, name, id)) {
    throw new BoardCommandError('not-found', `${field}: no ${name} entry "${id}"`, field)
  }
}

function create(
  doc: Y.Doc,
  name: EntityRoot,
  id: string,
  fields: Record<string, unknown>,
  origin: unknown,
  textField?: string,
): void {
  requireAbsent(doc, name, id)
  doc.transact(() => collection(doc, name).set(id, newEntity(fields, textField)), origin)
}

function update(
  doc: Y.Doc,
  name: EntityRoot,
  id: string,
  fields: Record<string, unknown>,
  origin: unknown,
  textRoot?: TextRoot,
): void {
  const entity = requireEntity(doc, name, id)
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) {
      if (textRoot && key === 'title') replaceText(textOf(entity, textRoot), value as string)
      else setIfChanged(entity, key, value)
    }
  }, origin)
}

function checkParent(doc: Y.Doc, id: string, parentId: unknown): void {
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
export function createObjective(
  doc: Y.Doc,
  args: ObjectiveFields & { readonly id: string },
  origin: unknown,
): void {
  const { id, fields } = checkEntityArgs(args, 'createObjective', OBJECTIVE, 'create')
  checkParent(doc, id, fields.parentId)
  create(doc, 'objectives', id, fields, origin, 'title')
}

/**
 * Changes the fields passed; others stay as they are.
 *
 * @example
 * updateObjective(doc, { id: 'o1', status: 'active' }, origin)
 */
export function updateObjective(
  doc: Y.Doc,
  args: Partial<ObjectiveFields> & { readonly id: string },
  origin: unknown,
): void {
  const { id, fields } = checkEntityArgs(args, 'updateObjective', OBJECTIVE, 'update')
  checkParent(doc, id, fields.parentId)
  update(doc, 'objectives', id, fields, origin, 'objectives')
}

/**
 * Deletes an objective with its key results, their check-ins, and its initiatives; child
 * objectives lose their `parentId`. Returns false if it was missing.
 *
 * @example
 * deleteObjective(doc, { id: 'o1' }, origin)
 */
export function deleteObjective(
  doc: Y.Doc,
  args: { readonly id: string },
  origin: unknown,
): boolean {
  const a = checkArgs(args, 'deleteObjective')
  const id = checkId(a.id, 'id')
  const objectives = collection(doc, 'objectives')
  if (!objectives.has(id)) return false
  doc.transact(() => {
    objectives.delete(id)
    for (const child of objectives.values()) {
      if (child instanceof Y.Map && child.get('parentId') === id) child.set('parentId', null)
    }
    const keyResults = collection(doc, 'keyResults')
    const krIds = new Set<string>()
    for (const [krId, kr] of keyResults.entries()) {
      if (kr instanceof Y.Map && kr.get('objectiveId') === id) krIds.add(krId)
    }
    for (const krId of krIds) deleteKeyResultIn(doc, krId)
    const initiatives = collection(doc, 'initiatives')
    for (const [initiativeId, initiative] of [...initiatives.entries()]) {
      if (initiative instanceof Y.Map && initiative.get('objectiveId') === id) {
        initiatives.delete(initiativeId)
      }
    }
  }, origin)
  return true
}

/**
 * Creates a key result under an existing objective. `start`/`target` may be null until the
 * KR is measurable.
 *
 * @example
 * createKeyResult(doc, { id: 'kr1', objectiveId: 'o1', title: 'NPS 30 → 45', start: 30, target: 45 }, origin)
 */
export function createKeyResult(
  doc: Y.Doc,
  args: KeyResultFields & { readonly id: string },
  origin: unknown,
): void {
  const { id, fields } = checkEntityArgs(args, 'createKeyResult', KEY_RESULT, 'create')
  requireRef(doc, 'objectives', fields.objectiveId, 'objectiveId')
  create(doc, 'keyResults', id, fields, origin, 'title')
}

/**
 * Changes the fields passed (e.g. move a KR to another objective, set its target).
 *
 * @example
 * updateKeyResult(doc, { id: 'kr1', target: 50, owner: 'bo' }, origin)
 */
export function updateKeyResult(
  doc: Y.Doc,
  args: Partial<KeyResultFields> & { readonly id: string },
  origin: unknown,
): void {
  const { id, fields } = checkEntityArgs(args, 'updateKeyResult', KEY_RESULT, 'update')
  requireRef(doc, 'objectives', fields.objectiveId, 'objectiveId')
  update(doc, 'keyResults', id, fields, origin, 'keyResults')
}

/**
 * Deletes a key result and its check-ins; its initiatives stay with the objective.
 * Returns false if it was missing.
 *
 * @example
 * deleteKeyResult(doc, { id: 'kr1' }, origin)
 */
export function deleteKeyResult(
  doc: Y.Doc,
  args: { readonly id: string },
  origin: unknown,
): boolean {
  const a = checkArgs(args, 'deleteKeyResult')
  const id = checkId(a.id, 'id')
  if (!collection(doc, 'keyResults').has(id)) return false
  doc.transact(() => deleteKeyResultIn(doc, id), origin)
  return true
}

function deleteKeyResultIn(doc: Y.Doc, id: string): void {
  const keyResults = collection(doc, 'keyResults')
  const kr = keyResults.get(id)
  const objectiveId = kr instanceof Y.Map ? kr.get('objectiveId') : null
  keyResults.delete(id)
  const checkIns = collection(doc, 'checkIns')
  for (const [checkInId, checkIn] of [...checkIns.entries()]) {
    if (checkIn instanceof Y.Map && checkIn.get('keyResultId') === id) checkIns.delete(checkInId)
  }
  for (const initiative of collection(doc, 'initiatives').values()) {
    if (!(initiative instanceof Y.Map) || initiative.get('keyResultId') !== id) continue
    initiative.set('keyResultId', null)
    if (typeof initiative.get('objectiveId') !== 'string' && typeof objectiveId === 'string') {
      initiative.set('objectiveId', objectiveId)
    }
  }
}

/**
 * Records a measurement of a key result. `at` comes from the caller's clock.
 *
 * @example
 * createCheckIn(doc, { id: 'c1', keyResultId: 'kr1', at: now(), value: 38, confidence: 0.6 }, origin)
 */
export function createCheckIn(
  doc: Y.Doc,
  args: CheckInFields & { readonly id: string },
  origin: unknown,
): void {
  const { id, fields } = checkEntityArgs(args, 'createCheckIn', CHECK_IN, 'create')
  requireRef(doc, 'keyResults', fields.keyResultId, 'keyResultId')
  create(doc, 'checkIns', id, fields, origin)
}

/**
 * Corrects a check-in.
 *
 * @example
 * updateCheckIn(doc, { id: 'c1', value: 40 }, origin)
 */
export function updateCheckIn(
  doc: Y.Doc,
  args: Partial<CheckInFields> & { readonly id: string },
  origin: unknown,
): void {
  const { id, fields } = checkEntityArgs(args, 'updateCheckIn', CHECK_IN, 'update')
  requireRef(doc, 'keyResults', fields.keyResultId, 'keyResultId')
  update(doc, 'checkIns', id, fields, origin)
}

/**
 * Removes a check-in. Returns false if it was missing.
 *
 * @example
 * deleteCheckIn(doc, { id: 'c1' }, origin)
 */
export function deleteCheckIn(doc: Y.Doc, args: { readonly id: string }, origin: unknown): boolean {
  return deleteSimple(doc, 'checkIns', args, origin)
}

/**
 * Creates an initiative under a key result and/or an objective.
 *
 * @example
 * createInitiative(doc, { id: 'i1', title: 'Ship the onboarding tour', keyResultId: 'kr1' }, origin)
 */
export function createInitiative(
  doc: Y.Doc,
  args: InitiativeFields & { readonly id: string },
  origin: unknown,
): void {
  const { id, fields } = checkEntityArgs(args, 'createInitiative', INITIATIVE, 'create')
  requireRef(doc, 'keyResults', fields.keyResultId, 'keyResultId')
  requireRef(doc, 'objectives', fields.objectiveId, 'objectiveId')
  create(doc, 'initiatives', id, fields, origin)
}

/**
 * Changes the fields passed.
 *
 * @example
 * updateInitiative(doc, { id: 'i1', keyResultId: null }, origin)
 */
export function updateInitiative(
  doc: Y.Doc,
  args: Partial<InitiativeFields> & { readonly id: string },
  origin: unknown,
): void {
  const { id, fields } = checkEntityArgs(args, 'updateInitiative', INITIATIVE, 'update')
  requireRef(doc, 'keyResults', fields.keyResultId, 'keyResultId')
  requireRef(doc, 'objectives', fields.objectiveId, 'objectiveId')
  update(doc, 'initiatives', id, fields, origin)
}

/**
 * Removes an initiative. Returns false if it was missing.
 *
 * @example
 * deleteInitiative(doc, { id: 'i1' }, origin)
 */
export function deleteInitiative(
  doc: Y.Doc,
  args: { readonly id: string },
  origin: unknown,
): boolean {
  return deleteSimple(doc, 'initiatives', args, origin)
}

function deleteSimple(doc: Y.Doc, name: EntityRoot, args: unknown, origin: unknown): boolean {
  const a = checkArgs(args, `delete ${name}`)
  const id = checkId(a.id, 'id')
  const map = collection(doc, name)
  if (!map.has(id)) return false
  doc.transact(() => map.delete(id), origin)
  return true
}
