/**
 * Commands on the OKR set: objectives, key results, check-ins and initiatives. Every argument is
 * validated before the transaction; updates are partial (only the keys passed are written).
 */
import * as Y from 'yjs'
import type { EntityRoot } from '../schema'
import { checkArgs, checkId } from '../validate'
import { collection } from './internal'

import {
  CHECK_IN,
  checkEntityArgs,
  checkParent,
  create,
  INITIATIVE,
  KEY_RESULT,
  OBJECTIVE,
  requireRef,
  update,
} from './okr-fields'

import type {
  CheckInFields,
  InitiativeFields,
  KeyResultFields,
  ObjectiveFields,
} from './okr-fields'

export type { CheckInFields, InitiativeFields, KeyResultFields, ObjectiveFields }

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
  update(doc, 'objectives', id, fields, origin)
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
  update(doc, 'keyResults', id, fields, origin)
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
