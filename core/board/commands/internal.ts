/** Helpers shared by the command modules; not part of the public API. */
import * as Y from 'yjs'
import { sameJson } from '../coerce'
import { BoardCommandError } from '../errors'
import type { EntityMap, EntityRoot, TextRoot } from '../schema'
import { getCollection, getEntity, getMeta, getVotes, TEXT_FIELDS } from '../schema'
import { materializeMap, materializeText } from '../text-materialize'

/** The `meta` map; a root taken by another Y type cannot be written. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  const meta = getMeta(doc)
  if (!meta) {
    throw new BoardCommandError('invalid-argument', 'the document\'s "meta" root is not a Y.Map')
  }
  return meta
}

/**
 * Writes `meta` fields in one transaction, each only when its value changed: the facilitator's
 * commands (phase, reveals, timer, agenda, settings) all write through here.
 */
export function writeMeta(doc: Y.Doc, origin: unknown, fields: Record<string, unknown>): void {
  const meta = metaMap(doc)
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) setIfChanged(meta, key, value)
  }, origin)
}

/** The collection, created on first use; a root taken by another Y type cannot be written. */
export function collection(doc: Y.Doc, name: EntityRoot): Y.Map<unknown> {
  const map = getCollection(doc, name)
  if (!map) {
    throw new BoardCommandError(
      'invalid-argument',
      `the document's "${name}" root is not a Y.Map; it cannot be written`,
    )
  }
  return map
}

export function requireEntity(doc: Y.Doc, name: EntityRoot, id: string, field = 'id'): EntityMap {
  const entity = getEntity(doc, name, id)
  if (!entity) throw new BoardCommandError('not-found', `${name}: no entity "${id}"`, field)
  return entity
}

export function requireAbsent(doc: Y.Doc, name: EntityRoot, id: string, field = 'id'): void {
  if (collection(doc, name).has(id)) {
    throw new BoardCommandError('already-exists', `${name}: "${id}" already exists`, field)
  }
}

/**
 * A new entity map with its fields set; `textField` and the free-text fields (schema 2:
 * descriptions, check-in notes) become a Y.Text.
 */
export function newEntity(fields: Record<string, unknown>, textField?: string): EntityMap {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    const text = key === textField || (FREE_TEXT.has(key) && typeof value === 'string')
    map.set(key, text ? new Y.Text(String(value)) : value)
  }
  return map
}

/** Multi-line fields that are a Y.Text in whichever entity holds them. */
const FREE_TEXT = new Set(['description', 'note'])

/** The entity's Y.Text field, replacing a plain string written by an old or foreign writer. */
export function textOf(entity: EntityMap, name: TextRoot): Y.Text {
  return materializeText(entity, TEXT_FIELDS[name])
}

/** The Y.Text at `key`; a plain string there (old or foreign writer) becomes its content. */
export function childText(parent: Y.Map<unknown>, key: string): Y.Text {
  // Written the same way on every peer (text-materialize.ts): two first edits at once share it.
  return materializeText(parent, key)
}

/** The Y.Map at `key`, created on first use; replacing a foreign-shaped value keeps it writable. */
export function childMap(parent: Y.Map<unknown>, key: string): Y.Map<unknown> {
  return materializeMap(parent, key)
}

/** The current length of a text field, without repairing it (safe outside a transaction). */
export function textLength(entity: EntityMap, name: TextRoot): number {
  return fieldLength(entity, TEXT_FIELDS[name])
}

/** The current length of the text at `key` (Y.Text or plain string), without converting it. */
export function fieldLength(entity: EntityMap, key: string): number {
  const current = entity.get(key)
  return current instanceof Y.Text || typeof current === 'string' ? current.length : 0
}

/**
 * Replaces the text by editing only the changed middle, so a concurrent edit elsewhere in the
 * same text survives the merge (a delete-all + insert would drop it).
 */
export function replaceText(text: Y.Text, next: string): void {
  const current = text.toString()
  if (current === next) return
  let prefix = 0
  const max = Math.min(current.length, next.length)
  while (prefix < max && current[prefix] === next[prefix]) prefix++
  let suffix = 0
  while (
    suffix < max - prefix &&
    current[current.length - 1 - suffix] === next[next.length - 1 - suffix]
  ) {
    suffix++
  }
  // Never cut a surrogate pair in half: Yjs would store a lone surrogate.
  if (prefix > 0 && isHighSurrogate(current.charCodeAt(prefix - 1))) prefix--
  if (suffix > 0 && isLowSurrogate(current.charCodeAt(current.length - suffix))) suffix--
  const removed = current.length - prefix - suffix
  if (removed > 0) text.delete(prefix, removed)
  const inserted = next.slice(prefix, next.length - suffix)
  if (inserted !== '') text.insert(prefix, inserted)
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** Sets the value only when it differs, so a no-op command does not emit an update. */
export function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  const current = map.get(key)
  if (current === value) return
  if (
    typeof value === 'object' &&
    !(current instanceof Y.AbstractType) &&
    sameJson(current, value)
  ) {
    return
  }
  map.set(key, value)
}

/** Removes note ids from a stored `sourceNoteIds` list, keeping the stored kind (array / Y.Array). */
export function removeSourceIds(entity: EntityMap, ids: ReadonlySet<string>): void {
  const value = entity.get('sourceNoteIds')
  if (value instanceof Y.Array) {
    const list = value.toArray() as unknown[]
    for (let i = list.length - 1; i >= 0; i--) if (ids.has(list[i] as string)) value.delete(i, 1)
  } else if (Array.isArray(value) && value.some((id) => ids.has(id as string))) {
    entity.set(
      'sourceNoteIds',
      value.filter((id) => !ids.has(id as string)),
    )
  }
}

/** Drops dots on the targets and the targets' ids from `sourceNoteIds`. */
export function removeReferences(doc: Y.Doc, targetIds: ReadonlySet<string>): void {
  if (targetIds.size === 0) return
  for (const dots of getVotes(doc)?.values() ?? []) {
    if (!(dots instanceof Y.Map)) continue
    for (const id of targetIds) if (dots.has(id)) dots.delete(id)
  }
  for (const name of ['keyResults', 'initiatives'] as const) {
    for (const entity of collection(doc, name).values()) {
      if (entity instanceof Y.Map) removeSourceIds(entity as Y.Map<unknown>, targetIds)
    }
  }
}
