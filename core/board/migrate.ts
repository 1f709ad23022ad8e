/**
 * `migrate`: the one command that repairs the stored document itself (readers repair only
 * their output). Run it once a board is loaded (after the first sync or the IndexedDB load); it
 * writes nothing when there is nothing to fix, and concurrent runs write equal values.
 *
 * It deliberately does NOT fill missing fields with defaults: readers already default them, and
 * a default written by a peer that has not synced yet would race — and could win against — the
 * real value set elsewhere. Only values that are present but wrong are rewritten.
 */
import * as Y from 'yjs'
import { pruneDeepTypes } from '../sync/prune-deep'
import { asNumber, describeValue, fieldsOf, isRecord, plain, sameJson } from './coerce'
import {
  restoreCheckIn,
  restoreGroup,
  restoreInitiative,
  restoreKeyResult,
  restoreMeta,
  restoreNote,
  restoreObjective,
} from './restore'
import type { EntityRoot } from './schema'
import { ensureConversionDecisions } from './commands/conversion-decisions'
import { ENTITY_ROOTS, getCollection, getMeta, getVotes, isTextKey, SCHEMA_VERSION } from './schema'
import { materializeText } from './text-materialize'

export interface MigrationReport {
  readonly fromVersion: number
  readonly toVersion: number
  /** One line per repair, e.g. `notes/n1: x was "12"`. Empty when nothing was wrong. */
  readonly repairs: readonly string[]
  /** Entries that are not objects at all; left untouched (they read as absent). */
  readonly unreadable: readonly string[]
  /** The doc was written by a newer schema: nothing is written, reading stays best-effort. */
  readonly newer: boolean
  /** Items removed because they nested shared types past `MAX_TYPE_DEPTH` (0 on a sane board). */
  readonly pruned: number
}

const RESTORERS: Record<EntityRoot, (id: string, value: unknown) => object | null> = {
  notes: restoreNote,
  groups: restoreGroup,
  objectives: restoreObjective,
  keyResults: restoreKeyResult,
  checkIns: restoreCheckIn,
  initiatives: restoreInitiative,
}

/** Read-model keys that are derived, not stored. */
const DERIVED = new Set(['id', 'measurable'])

/**
 * Brings the document to the current schema: sets `schemaVersion`, rewrites mistyped fields
 * (`"12"` → 12), turns plain-object entities into Y.Maps and missing or plain-string text fields
 * (titles, and since version 2 descriptions, check-in notes and initiative titles) into Y.Text
 * so editors can bind them. The text conversion is deterministic (text-materialize.ts): two
 * peers migrating the same v1 board offline end with one Y.Text per field, not two. Never
 * throws on odd data and never deletes an entry; it does delete shared types nested past
 * `MAX_TYPE_DEPTH`, which no schema version holds.
 *
 * @example
 * const report = migrate(doc, 'migration')
 * if (report.repairs.length) log.info(report.repairs)
 */
export function migrate(doc: Y.Doc, origin: unknown): MigrationReport {
  // First, and even on a newer board: the relay refuses such nesting for every version, so no
  // real board holds it, and everything below (reading a field, overwriting a mistyped one)
  // would recurse through a deep chain and overflow the stack inside Yjs.
  const pruned = pruneDeepTypes(doc, origin)
  const meta = getMeta(doc)
  const stored = restoreMeta(meta)
  const fromVersion = stored.schemaVersion
  const repairs: string[] = []
  const unreadable: string[] = []
  if (fromVersion > SCHEMA_VERSION) {
    return { fromVersion, toVersion: fromVersion, repairs, unreadable, newer: true, pruned }
  }
  doc.transact(() => {
    if (meta) {
      const repaired: Record<string, unknown> = { ...stored, schemaVersion: SCHEMA_VERSION }
      for (const [key, value] of Object.entries(repaired)) {
        const current = meta.get(key)
        if (current === undefined ? key !== 'schemaVersion' : sameMeta(current, value)) continue
        repairs.push(`meta: ${key} was ${describeValue(current)}`)
        meta.set(key, value)
      }
    }
    for (const name of ENTITY_ROOTS) migrateCollection(doc, name, repairs, unreadable)
    migrateVotes(doc, repairs)
    if (meta) ensureConversionDecisions(doc)
  }, origin)
  return { fromVersion, toVersion: SCHEMA_VERSION, repairs, unreadable, newer: false, pruned }
}

/**
 * A stored meta value that reads the same as its repaired form. A field the reader fills with
 * null when it is missing (a timer stored before `pausedAt`) is not worth a write: meta keys
 * are mostly facilitator-only, and a participant's app rewriting one on opening the board is
 * refused by the relay, which closes their socket.
 */
function sameMeta(current: unknown, value: unknown): boolean {
  if (sameJson(current, value)) return true
  if (!isRecord(current) || !isRecord(value)) return false
  const keys = new Set([...Object.keys(current), ...Object.keys(value)])
  return [...keys].every((k) =>
    Object.hasOwn(current, k) ? sameJson(current[k], value[k]) : value[k] === null,
  )
}

function migrateCollection(
  doc: Y.Doc,
  name: EntityRoot,
  repairs: string[],
  unreadable: string[],
): void {
  const map = getCollection(doc, name)
  if (!map) {
    unreadable.push(`${name}: root is not a Y.Map`)
    return
  }
  for (const [id, value] of [...map.entries()]) {
    const record = RESTORERS[name](id, value)
    if (!record || id === '') {
      unreadable.push(`${name}/${id}`)
      continue
    }
    let entity: Y.Map<unknown>
    if (value instanceof Y.Map) {
      entity = value as Y.Map<unknown>
    } else {
      // A plain object from another tool: keep every key it had, as a proper Y.Map.
      entity = new Y.Map<unknown>()
      const get = fieldsOf(value)
      if (isRecord(value)) for (const key of Object.keys(value)) entity.set(key, get?.(key))
      map.set(id, entity)
      repairs.push(`${name}/${id}: was a plain object`)
    }
    for (const [key, repaired] of Object.entries(record)) {
      if (DERIVED.has(key)) continue
      const current = entity.get(key)
      if (isTextKey(name, key)) {
        if (current instanceof Y.Text) continue
        // Not `set(key, new Y.Text(…))`: peers migrating the same field at once would each
        // make their own Y.Text and the merge would keep one, dropping what was typed into
        // the other. materializeText writes the identical item on every peer instead.
        materializeText(entity, key)
        repairs.push(`${name}/${id}: ${key} was ${describeValue(current)}`)
        continue
      }
      // null start/target marks an unmeasurable KR; the read model's 0 is not to be stored.
      if (name === 'keyResults' && (key === 'start' || key === 'target') && current === null)
        continue
      if (current === undefined || sameJson(current, repaired)) continue
      entity.set(key, repaired)
      repairs.push(`${name}/${id}: ${key} was ${describeValue(current)}`)
    }
  }
}

function migrateVotes(doc: Y.Doc, repairs: string[]): void {
  const votes = getVotes(doc)
  if (!votes) return
  for (const [voterId, value] of [...votes.entries()]) {
    if (value instanceof Y.Map) {
      for (const [targetId, count] of [...(value as Y.Map<unknown>).entries()]) {
        if (typeof count === 'number' && Number.isInteger(count) && count >= 0) continue
        const repaired = Math.max(0, Math.trunc(asNumber(plain(count), 0)))
        value.set(targetId, repaired)
        repairs.push(`votes/${voterId}/${targetId}: was ${describeValue(count)}`)
      }
    } else if (isRecord(value)) {
      const dots = new Y.Map<unknown>()
      for (const [targetId, count] of Object.entries(value)) {
        dots.set(targetId, Math.max(0, Math.trunc(asNumber(count, 0))))
      }
      votes.set(voterId, dots)
      repairs.push(`votes/${voterId}: was a plain object`)
    }
  }
}
