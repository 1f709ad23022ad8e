/**
 * `applyConversion`: writes a ConversionResult (core/convert) into the document as draft OKRs.
 *
 * Idempotent, and careful with user edits — the rule (docs/document-schema.md, "Conversion"):
 * every entity a conversion writes remembers, in `draftBase`, the values that conversion wrote
 * for the fields it drives. Re-applying overwrites a field only while it still equals its
 * `draftBase` value, i.e. nobody edited it since; an edited field is kept. `sourceNoteIds` is
 * provenance and always follows the latest conversion. Drafts that disappeared from the result
 * (their note was deleted or regrouped) are removed only if unedited and without check-ins.
 * In the same transaction it records the decisions the conversion implies
 * (conversion-decisions.ts): what it wrote, which objectives were left unticked.
 */
import * as Y from 'yjs'
import { CALCULATIONS, DIRECTIONS } from '../../okr/okr-model'
import type { ConversionResult } from '../../convert/drafts'
import { isRecord, plain, sameJson } from '../coerce'
import { BoardCommandError } from '../errors'
import type { EntityMap, EntityRoot } from '../schema'
import { getCollection, getEntity, TEXT_FIELDS } from '../schema'
import {
  checkArgs,
  checkEnum,
  checkId,
  checkIds,
  checkLine,
  checkNullableId,
  checkNullableNumber,
  checkNumber,
  checkUnit,
} from '../validate'
import { groupKey, noteKey, recordAppliedDecisions } from './conversion-decisions'
import { collection, newEntity } from './internal'

/** Which objective drafts to apply (default: all of them, with their KRs and initiatives). */
export interface ConversionSelection {
  readonly objectiveIds?: readonly string[]
}

/** What `applyConversion` did, by entity id. */
export interface ApplyConversionReport {
  readonly created: readonly string[]
  readonly updated: readonly string[]
  /** Entities where at least one user-edited field was kept instead of the draft's value. */
  readonly keptEdits: readonly string[]
  readonly removed: readonly string[]
}

type Fields = Record<string, unknown>
interface Draft {
  readonly id: string
  readonly driven: Fields
  readonly sourceNoteIds: readonly string[] | null
}

const OBJECTIVE_DEFAULTS: Fields = {
  description: '',
  owner: null,
  status: 'draft',
  type: 'committed',
  timeframe: null,
  parentId: null,
  tags: [],
  visibility: 'public',
}

const KEY_RESULT_DEFAULTS: Fields = {
  rollup: 'last',
  frequency: 'weekly',
  owner: null,
  weight: 1,
  grading: null,
}

function list(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new BoardCommandError('invalid-argument', `${field}: must be an array`, field)
  }
  return value
}

/** Validates the whole result (it may come from a server or a file) before any write. */
function checkResult(result: unknown): {
  objectives: Draft[]
  keyResults: Draft[]
  initiatives: Draft[]
} {
  const r = checkArgs(result, 'result')
  const objectives = list(r.objectives, 'result.objectives').map((value, i): Draft => {
    const f = `result.objectives[${i}]`
    const o = checkArgs(value, f)
    return {
      id: checkId(o.id, `${f}.id`),
      driven: {
        title: checkLine(o.title, `${f}.title`, 1000),
        sourceGroupId: checkId(o.sourceGroupId, `${f}.sourceGroupId`),
        order: checkNumber(o.order, `${f}.order`),
      },
      sourceNoteIds: null,
    }
  })
  const objectiveIds = new Set(objectives.map((o) => o.id))
  const checkParent = (value: unknown, field: string): string => {
    const id = checkId(value, field)
    if (!objectiveIds.has(id)) {
      throw new BoardCommandError(
        'invalid-argument',
        `${field}: "${id}" is not an objective of this result`,
        field,
      )
    }
    return id
  }
  const keyResults = list(r.keyResults, 'result.keyResults').map((value, i): Draft => {
    const f = `result.keyResults[${i}]`
    const k = checkArgs(value, f)
    return {
      id: checkId(k.id, `${f}.id`),
      driven: {
        objectiveId: checkParent(k.objectiveId, `${f}.objectiveId`),
        title: checkLine(k.title, `${f}.title`, 1000),
        metric: checkLine(k.metric, `${f}.metric`, 500),
        unit: checkUnit(k.unit, `${f}.unit`),
        start: checkNullableNumber(k.start, `${f}.start`),
        target: checkNullableNumber(k.target, `${f}.target`),
        direction: checkEnum(k.direction, DIRECTIONS, `${f}.direction`),
        calculation: checkEnum(k.calculation, CALCULATIONS, `${f}.calculation`),
        order: checkNumber(k.order, `${f}.order`),
      },
      sourceNoteIds: checkIds(k.sourceNoteIds, `${f}.sourceNoteIds`),
    }
  })
  const krParents = new Map(keyResults.map((k) => [k.id, k.driven.objectiveId]))
  const initiatives = list(r.initiatives, 'result.initiatives').map((value, i): Draft => {
    const f = `result.initiatives[${i}]`
    const d = checkArgs(value, f)
    const objectiveId = checkParent(d.objectiveId, `${f}.objectiveId`)
    const keyResultId = checkNullableId(d.keyResultId ?? null, `${f}.keyResultId`)
    if (keyResultId !== null && krParents.get(keyResultId) !== objectiveId) {
      throw new BoardCommandError(
        'invalid-argument',
        `${f}.keyResultId: "${keyResultId}" is not a key result of "${objectiveId}" in this result`,
        `${f}.keyResultId`,
      )
    }
    return {
      id: checkId(d.id, `${f}.id`),
      driven: { objectiveId, keyResultId, title: checkLine(d.title, `${f}.title`, 1000) },
      sourceNoteIds: checkIds(d.sourceNoteIds, `${f}.sourceNoteIds`),
    }
  })
  const seen = new Set<string>()
  for (const { id } of [...objectives, ...keyResults, ...initiatives]) {
    if (seen.has(id))
      throw new BoardCommandError('invalid-argument', `result: id "${id}" is used twice`, 'result')
    seen.add(id)
  }
  return { objectives, keyResults, initiatives }
}

function checkSelection(selection: unknown, objectiveIds: ReadonlySet<string>): Set<string> {
  if (selection === undefined) return new Set(objectiveIds)
  const s = checkArgs(selection, 'selection')
  if (s.objectiveIds === undefined) return new Set(objectiveIds)
  const ids = checkIds(s.objectiveIds, 'selection.objectiveIds')
  for (const id of ids) {
    if (!objectiveIds.has(id)) {
      throw new BoardCommandError(
        'not-found',
        `selection.objectiveIds: no draft objective "${id}"`,
        'selection.objectiveIds',
      )
    }
  }
  return new Set(ids)
}

/**
 * Applies the selected objective drafts (all by default) with their key results and
 * initiatives, in one transaction. Safe to call again with a newer result from the same board:
 * ids are deterministic per source group, so drafts are updated in place, never duplicated,
 * and fields users edited since the last conversion are kept (see the module comment).
 *
 * @example
 * const result = convertBoard(readBoard(doc))
 * applyConversion(doc, result, origin, { objectiveIds: [result.objectives[0].id] })
 */
export function applyConversion(
  doc: Y.Doc,
  result: ConversionResult,
  origin: unknown,
  selection?: ConversionSelection,
): ApplyConversionReport {
  const drafts = checkResult(result)
  const chosen = checkSelection(selection, new Set(drafts.objectives.map((o) => o.id)))
  const notes = getCollection(doc, 'notes')
  const report = {
    created: [] as string[],
    updated: [] as string[],
    keptEdits: [] as string[],
    removed: [] as string[],
  }
  const existingNotes = (ids: readonly string[]) =>
    ids.filter((id) => notes?.get(id) instanceof Y.Map)

  doc.transact(() => {
    const apply = (name: EntityRoot, draft: Draft, defaults: Fields) => {
      const sourceNoteIds = draft.sourceNoteIds && existingNotes(draft.sourceNoteIds)
      const outcome = upsert(doc, name, draft, defaults, sourceNoteIds)
      report[outcome.created ? 'created' : 'updated'].push(draft.id)
      if (outcome.keptEdits) report.keptEdits.push(draft.id)
    }
    for (const o of drafts.objectives)
      if (chosen.has(o.id)) apply('objectives', o, OBJECTIVE_DEFAULTS)
    const keyResults = drafts.keyResults.filter((k) => chosen.has(k.driven.objectiveId as string))
    for (const k of keyResults) apply('keyResults', k, KEY_RESULT_DEFAULTS)
    const initiatives = drafts.initiatives.filter((d) => chosen.has(d.driven.objectiveId as string))
    for (const d of initiatives) apply('initiatives', d, {})
    report.removed.push(
      ...removeStale(doc, 'initiatives', chosen, new Set(initiatives.map((d) => d.id)), {}),
    )
    const removedKeyResults = removeStale(
      doc,
      'keyResults',
      chosen,
      new Set(keyResults.map((k) => k.id)),
      KEY_RESULT_DEFAULTS,
    )
    report.removed.push(...removedKeyResults)
    for (const initiative of collection(doc, 'initiatives').values()) {
      if (
        initiative instanceof Y.Map &&
        removedKeyResults.includes(initiative.get('keyResultId'))
      ) {
        initiative.set('keyResultId', null)
      }
    }
    const { written, leftOut } = decisionSources(drafts, chosen, [...keyResults, ...initiatives])
    recordAppliedDecisions(doc, result, written, leftOut, report.removed)
  }, origin)
  return report
}

type Sources = Map<string, { draftId: string; title: string }>

/** The source keys of what this conversion wrote and of the objectives it left out. */
function decisionSources(
  drafts: { readonly objectives: readonly Draft[] },
  chosen: ReadonlySet<string>,
  children: readonly Draft[],
): { written: Sources; leftOut: Sources } {
  const written: Sources = new Map()
  const leftOut: Sources = new Map()
  for (const o of drafts.objectives) {
    const entry = { draftId: o.id, title: o.driven.title as string }
    ;(chosen.has(o.id) ? written : leftOut).set(groupKey(o.driven.sourceGroupId as string), entry)
  }
  for (const d of children) {
    const noteId = d.sourceNoteIds?.[0]
    if (noteId !== undefined)
      written.set(noteKey(noteId), { draftId: d.id, title: d.driven.title as string })
  }
  return { written, leftOut }
}

/** A field's current value as plain JSON (a Y.Text reads as its string). */
function current(entity: EntityMap, key: string): unknown {
  return plain(entity.get(key))
}

function isTextField(name: EntityRoot, key: string): boolean {
  return (TEXT_FIELDS as Record<string, string>)[name] === key
}

function write(entity: EntityMap, name: EntityRoot, key: string, value: unknown): void {
  // A whole new Y.Text rather than an in-place edit: two peers converting concurrently would
  // otherwise both insert the new title into one Y.Text and merge it twice.
  entity.set(key, isTextField(name, key) ? new Y.Text(value as string) : value)
}

function upsert(
  doc: Y.Doc,
  name: EntityRoot,
  draft: Draft,
  defaults: Fields,
  sourceNoteIds: readonly string[] | null,
): { created: boolean; keptEdits: boolean } {
  const existing = getEntity(doc, name, draft.id) ?? adoptPlainEntity(doc, name, draft.id)
  if (!existing) {
    const fields = { ...defaults, ...draft.driven, draftBase: draft.driven }
    if (sourceNoteIds) Object.assign(fields, { sourceNoteIds })
    const textField = (TEXT_FIELDS as Record<string, string>)[name]
    collection(doc, name).set(draft.id, newEntity(fields, textField))
    return { created: true, keptEdits: false }
  }
  const storedBase = existing.get('draftBase')
  const base = isRecord(storedBase) ? storedBase : null
  let keptEdits = false
  for (const [key, value] of Object.entries(draft.driven)) {
    const now = current(existing, key)
    if (sameJson(now, value)) continue
    // Without a base the entity was not made by a conversion: only fill what is missing.
    const untouched = base ? sameJson(now, base[key]) : now === undefined
    if (untouched) write(existing, name, key, value)
    else keptEdits = true
  }
  if (!sameJson(base, draft.driven)) existing.set('draftBase', draft.driven)
  if (sourceNoteIds && !sameJson(current(existing, 'sourceNoteIds'), sourceNoteIds)) {
    existing.set('sourceNoteIds', sourceNoteIds)
  }
  return { created: false, keptEdits }
}

/**
 * An entity another tool stored as a plain object becomes a Y.Map with the same fields, so a
 * conversion updates it (as user-owned, without a base) instead of overwriting its data.
 */
function adoptPlainEntity(doc: Y.Doc, name: EntityRoot, id: string): EntityMap | null {
  const map = collection(doc, name)
  const value = map.get(id)
  if (!isRecord(value)) return null
  const entity = new Y.Map<unknown>()
  for (const [key, field] of Object.entries(value)) {
    const text = isTextField(name, key) && typeof field === 'string'
    entity.set(key, text ? new Y.Text(field) : field)
  }
  map.set(id, entity)
  return entity
}

/**
 * Converted drafts of the applied objectives that the new result no longer has, removed only
 * when nobody touched them: driven fields still at their base, other fields at their defaults,
 * no check-ins.
 */
function removeStale(
  doc: Y.Doc,
  name: 'keyResults' | 'initiatives',
  objectiveIds: ReadonlySet<string>,
  keep: ReadonlySet<string>,
  defaults: Fields,
): string[] {
  const map = collection(doc, name)
  const withCheckIns = new Set<unknown>()
  for (const c of getCollection(doc, 'checkIns')?.values() ?? []) {
    if (c instanceof Y.Map) withCheckIns.add(c.get('keyResultId'))
  }
  const removed: string[] = []
  for (const [id, entity] of [...map.entries()]) {
    if (keep.has(id) || !(entity instanceof Y.Map)) continue
    const e = entity as EntityMap
    const base = e.get('draftBase')
    if (!isRecord(base) || !objectiveIds.has(e.get('objectiveId') as string)) continue
    if (withCheckIns.has(id)) continue
    const edited = Object.entries({ ...defaults, ...base }).some(
      ([key, value]) => !sameJson(current(e, key), value),
    )
    if (edited) continue
    map.delete(id)
    removed.push(id)
  }
  return removed
}
