/**
 * The conversion decisions in the document: `meta.conversionDecisions`, a Y.Map from a draft's
 * source key (`group:<groupId>`, `note:<noteId>`) to a plain `{ state, draftId, title }`
 * (core/convert/decisions.ts). An old board without the map has no decisions; nothing to migrate.
 *
 * Each source is its own key, so two peers deciding about different drafts at once both keep
 * their decision; about the same draft, the last write wins, as for any field.
 */
import * as Y from 'yjs'
import type { ConversionResult } from '../../convert/drafts'
import {
  decisionTitle,
  groupKey,
  MAX_DECISIONS,
  noteKey,
  readDecision,
  readDecisions,
  type ConversionDecisions,
  type DecisionRecord,
  type DecisionState,
} from '../../convert/decisions'
import { isRecord, sameJson } from '../coerce'
import { BoardCommandError } from '../errors'
import { getEntity, getMeta } from '../schema'
import { materializeMap } from '../text-materialize'
import { checkArgs, checkEnum, checkIds, checkLine } from '../validate'

const DECISIONS_KEY = 'conversionDecisions'

function decisionsMap(doc: Y.Doc, create: boolean): Y.Map<unknown> | null {
  const meta = getMeta(doc)
  if (!meta) return null
  const current = meta.get(DECISIONS_KEY)
  if (current instanceof Y.Map) return current as Y.Map<unknown>
  if (!create) return null
  // Created the same way on every peer (text-materialize.ts), so two people recording the
  // board's first decisions offline share one map instead of one map replacing the other.
  // Whatever else a peer stored under the key is not ours to read: the well-formed entries of
  // a plain object written by another tool are carried over, the rest is replaced.
  const carried = readDecisions(isRecord(current) ? Object.entries(current) : [])
  const map = materializeMap(meta, DECISIONS_KEY)
  for (const [key, record] of carried) map.set(key, { ...record })
  return map
}

/**
 * Creates the board's (empty) decisions map when it has none; `migrate` calls it, with the
 * setup origin, so the map is nobody's undo step: undoing the first untick must not delete
 * the map, and with it every later decision, for everyone.
 */
export function ensureConversionDecisions(doc: Y.Doc): void {
  decisionsMap(doc, true)
}

/**
 * The recorded decisions, malformed entries left out. Pass them to `convertBoard` so that
 * converting again honours them.
 *
 * @example
 * convertBoard(readBoard(doc), { decisions: readConversionDecisions(doc) })
 */
export function readConversionDecisions(doc: Y.Doc): ConversionDecisions {
  const stored = getMeta(doc)?.get(DECISIONS_KEY)
  if (stored instanceof Y.Map) return readDecisions(stored.entries())
  return readDecisions(isRecord(stored) ? Object.entries(stored) : [])
}

function onBoard(doc: Y.Doc, draftId: string): boolean {
  return (['objectives', 'keyResults', 'initiatives'] as const).some(
    (name) => getEntity(doc, name, draftId) !== null,
  )
}

function put(map: Y.Map<unknown>, key: string, record: DecisionRecord): void {
  const current = map.get(key)
  if (current instanceof Y.AbstractType || !sameJson(current, record)) map.set(key, { ...record })
}

/** Only well-formed records count: a peer's junk cannot stop the team recording decisions. */
function checkRoom(map: Y.Map<unknown> | null, key: string): void {
  if (map && !map.has(key) && readDecisions(map.entries()).size >= MAX_DECISIONS) {
    throw new BoardCommandError(
      'invalid-argument',
      `key: the board already holds ${MAX_DECISIONS} conversion decisions`,
      'key',
    )
  }
}

/**
 * Records a decision on one draft: `unticked` (an objective left out of the conversion),
 * `removed` (a draft the team does not want) or `initiative` (a key result draft the team made
 * an initiative). Later conversions honour it until it is withdrawn.
 *
 * @example
 * recordConversionDecision(doc, { key: 'group:g1', state: 'unticked', draftId: 'obj:g1',
 *   title: 'Delight new customers' }, origin)
 */
export function recordConversionDecision(
  doc: Y.Doc,
  args: {
    readonly key: string
    readonly state: Exclude<DecisionState, 'applied'>
    readonly draftId: string
    readonly title: string
  },
  origin: unknown,
): void {
  const a = checkArgs(args, 'recordConversionDecision')
  const state = checkEnum(a.state, ['unticked', 'removed', 'initiative'] as const, 'state')
  const title = decisionTitle(checkLine(a.title, 'title', 1000))
  const record = readDecision(a.key, { state, draftId: a.draftId, title })
  if (record === null) {
    throw new BoardCommandError(
      'invalid-argument',
      'key/draftId: not a decision this draft can take (group:<id> with obj:<id>, ' +
        'note:<id> with kr:<id> or ini:<id>)',
      'key',
    )
  }
  const key = a.key as string
  checkRoom(decisionsMap(doc, false), key)
  doc.transact(() => {
    const map = decisionsMap(doc, true)
    if (map) put(map, key, record)
  }, origin)
}

/**
 * Withdraws decisions (ticking an objective again, bringing a removed draft back): a draft still
 * on the board goes back to being an applied draft, any other is offered afresh. One step.
 *
 * @example
 * withdrawConversionDecisions(doc, { keys: ['group:g1', 'note:n4'] }, origin)
 */
export function withdrawConversionDecisions(
  doc: Y.Doc,
  args: { readonly keys: readonly string[] },
  origin: unknown,
): void {
  const keys = checkIds(checkArgs(args, 'withdrawConversionDecisions').keys, 'keys')
  const map = decisionsMap(doc, false)
  if (!map) return
  const records = readDecisions(map.entries())
  doc.transact(() => {
    for (const key of keys) {
      const record = records.get(key)
      if (record === undefined) {
        if (map.has(key)) map.delete(key)
      } else if (onBoard(doc, record.draftId)) {
        put(map, key, { ...record, state: 'applied' })
      } else map.delete(key)
    }
  }, origin)
}

type Written = ReadonlyMap<string, { readonly draftId: string; readonly title: string }>

/**
 * The decisions an applied conversion implies, recorded inside applyConversion's transaction:
 * the objectives it wrote and their drafts are `applied` (so deleting one later is seen as a
 * removal), the objectives left out `unticked`, the key results made initiatives stay
 * `initiative`, removals the result honoured stay `removed`, and drafts the conversion itself
 * deleted lose their record (the note moved on; nobody decided anything).
 */
export function recordAppliedDecisions(
  doc: Y.Doc,
  result: ConversionResult,
  written: Written,
  leftOut: Written,
  deletedIds: readonly string[],
): void {
  // Created on the first decision only: a result with no draft of ours leaves meta alone.
  let map = decisionsMap(doc, false)
  const summary: Record<string, unknown> = isRecord(result.decisions) ? result.decisions : {}
  const madeInitiatives = isRecord(summary.initiatives) ? summary.initiatives : {}
  const set = (key: string, state: DecisionState, draftId: string, title: string) => {
    const record = readDecision(key, { state, draftId, title: decisionTitle(title) })
    if (record === null) return
    map ??= decisionsMap(doc, true)
    // No limit here: a conversion writes one record per draft, and drafts are bounded by the board.
    if (map) put(map, key, record)
  }
  for (const [key, { draftId, title }] of written) {
    const krId = madeInitiatives[draftId]
    // Only an initiative draft stands for a key result made an initiative, of its own note.
    const isInitiative = !draftId.startsWith('kr:') && typeof krId === 'string'
    if (isInitiative && key === noteKey(krId.slice(3))) {
      set(key, 'initiative', krId, title)
    } else set(key, 'applied', draftId, title)
  }
  for (const [key, { draftId, title }] of leftOut) set(key, 'unticked', draftId, title)
  for (const removed of Array.isArray(summary.removed) ? summary.removed : []) {
    if (!isRecord(removed) || typeof removed.draftId !== 'string') continue
    if (typeof removed.key !== 'string' || onBoard(doc, removed.draftId)) continue
    set(
      removed.key,
      'removed',
      removed.draftId,
      typeof removed.title === 'string' ? removed.title : '',
    )
  }
  const deleted = new Set(deletedIds)
  for (const [key, record] of readDecisions(map?.entries() ?? [])) {
    if (record.state === 'applied' && deleted.has(record.draftId)) map?.delete(key)
  }
}

export { groupKey, noteKey }
