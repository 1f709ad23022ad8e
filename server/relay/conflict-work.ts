/**
 * How many existing items Yjs' conflict loop (`Item.integrate`) would walk past to place an
 * update's structs, estimated before Yjs sees it. Integrating an item scans every item between
 * its left origin and its right origin: one for a keystroke, a few when two people type at the
 * same spot. Two runs of one-character inserts at one position make every item of the second
 * run scan the whole first run: 2 × 4,000 items held the event loop 2–4 s, 2 × 100k for
 * minutes. Struct counts and slicing cannot bound that; this count can.
 *
 * For a struct whose origins are both in the doc (or absent) it runs Yjs' loop over the doc's
 * list, stopping once the update's allowance is spent, so judging costs at most the bound. A
 * struct whose right origin is an earlier struct of the same update with the same left origin
 * (the next insert at the same position) walks past what ended up left of that one: the
 * attack's second run is counted in full without walking it. A struct whose left origin is in
 * the update follows that struct, and Yjs finds the gap right there (typing, pasting): it
 * counts nothing.
 */
import * as Y from 'yjs'
import { STEP_SIZE, type ScannedStruct, type Steps, type StructId } from '../../core/sync/index'

/**
 * Items one update may make Yjs walk past. Honest patterns (typing, pasting, creating notes,
 * two people typing at one spot, a day of offline typing merged at a spot another typed at)
 * stay in the thousands (test/server/conflict-work.test.ts); 100k walks take ≈ 30 ms here.
 */
export const MAX_CONFLICT_SCANS = 100_000

/** Structs between two yields: a quarter of the gate's other steps, as each may walk. */
const CONFLICT_STEP = STEP_SIZE / 4

interface Placed {
  readonly struct: ScannedStruct
  /** Doc items left of it between its origin and where it was placed. */
  readonly before: number
}

/** The update's structs placed so far, by client, in clock order (for right-origin lookups). */
class PlacedStructs {
  readonly #byClient = new Map<number, Placed[]>()

  add(placed: Placed): void {
    const list = this.#byClient.get(placed.struct.client)
    if (list === undefined) this.#byClient.set(placed.struct.client, [placed])
    else list.push(placed)
  }

  /** The placed struct holding `id`, if the update carries it. */
  find(id: StructId): Placed | undefined {
    const list = this.#byClient.get(id.client)
    if (list === undefined) return undefined
    // Most lookups are for the struct placed just before (the previous insert of a run).
    const last = list[list.length - 1]!.struct
    if (id.clock >= last.clock && id.clock < last.clock + last.length) return list[list.length - 1]
    let low = 0
    let high = list.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const { clock, length } = list[mid]!.struct
      if (id.clock < clock) high = mid - 1
      else if (id.clock >= clock + length) low = mid + 1
      else return list[mid]
    }
    return undefined
  }
}

const sameId = (a: StructId | null, b: StructId | null) =>
  a === b || (a !== null && b !== null && a.client === b.client && a.clock === b.clock)

/** The doc's item holding `id`, or null (not there, or garbage-collected). */
function docItem(doc: Y.Doc, id: StructId): Y.Item | null {
  const structs = doc.store.clients.get(id.client)
  if (structs === undefined || Y.getState(doc.store, id.client) <= id.clock) return null
  const struct = structs[Y.findIndexSS(structs, id.clock)]
  return struct instanceof Y.Item ? struct : null
}

/** The first item of the list a struct with no left origin is placed in, or null. */
function listStart(doc: Y.Doc, struct: ScannedStruct): Y.Item | null {
  if (struct.parentRoot !== null) return doc.share.get(struct.parentRoot)?._start ?? null
  if (struct.parentId !== null) {
    const content = docItem(doc, struct.parentId)?.content
    return content instanceof Y.ContentType ? content.type._start : null
  }
  const right = struct.rightOrigin === null ? null : docItem(doc, struct.rightOrigin)
  return right?.parent instanceof Y.AbstractType ? right.parent._start : null
}

/** Whether `item` is the one holding `id` (the struct's right neighbour: the walk's end). */
const holds = (item: Y.Item, id: StructId | null) =>
  id !== null &&
  item.id.client === id.client &&
  item.id.clock <= id.clock &&
  id.clock < item.id.clock + item.length

/**
 * Yjs' conflict loop (Item.integrate) over the doc, at most `bound` items: how many it walks
 * past, and how many of them end up left of the struct (what the next insert at the same
 * position walks past before reaching it).
 */
function conflictLoop(
  doc: Y.Doc,
  from: Y.Item | null,
  struct: ScannedStruct,
  bound: number,
): { scanned: number; before: number } {
  const seen = new Set<Y.Item>()
  const conflicting = new Set<Y.Item>()
  let scanned = 0
  let before = 0
  for (let o = from; o !== null && !holds(o, struct.rightOrigin); o = o.right) {
    if (scanned >= bound) break
    scanned++
    seen.add(o)
    conflicting.add(o)
    if (sameId(o.origin, struct.origin)) {
      if (o.id.client < struct.client) {
        before = scanned
        conflicting.clear()
      } else if (sameId(o.rightOrigin, struct.rightOrigin)) break
    } else {
      const originItem = o.origin === null ? null : Y.getItem(doc.store, o.origin)
      if (!(originItem instanceof Y.Item) || !seen.has(originItem)) break
      if (!conflicting.has(originItem)) {
        before = scanned
        conflicting.clear()
      }
    }
  }
  return { scanned, before }
}

const NOTHING = { scanned: 0, before: 0 }

function scansOf(
  doc: Y.Doc,
  struct: ScannedStruct,
  placed: PlacedStructs,
  left: number,
): { scanned: number; before: number } {
  if (struct.kind !== 'item') return NOTHING
  const { origin, rightOrigin } = struct
  const rightInUpdate = rightOrigin === null ? undefined : placed.find(rightOrigin)
  if (rightInUpdate !== undefined) {
    // The next insert at the same position walks past what ended up left of the previous one.
    if (!sameId(rightInUpdate.struct.origin, origin)) return NOTHING
    const { before } = rightInUpdate
    return { scanned: Math.min(before, left), before }
  }
  // Yjs garbage-collects an item next to a collected one instead of placing it.
  if (rightOrigin !== null && docItem(doc, rightOrigin) === null) return NOTHING
  if (origin === null) return conflictLoop(doc, listStart(doc, struct), struct, left)
  if (placed.find(origin) !== undefined) return NOTHING
  const leftItem = docItem(doc, origin)
  return leftItem === null ? NOTHING : conflictLoop(doc, leftItem.right, struct, left)
}

/**
 * The items Yjs would walk past to place `placement` (checkUpdate's causal order), counted up
 * to just past `bound`; a result above `bound` means refuse.
 */
export function* conflictScanSteps(
  doc: Y.Doc,
  placement: readonly ScannedStruct[],
  bound = MAX_CONFLICT_SCANS,
): Steps<number> {
  const placed = new PlacedStructs()
  let total = 0
  for (let at = 0; at < placement.length; at++) {
    if (at % CONFLICT_STEP === CONFLICT_STEP - 1) yield
    const struct = placement[at]!
    const { scanned, before } = scansOf(doc, struct, placed, bound + 1 - total)
    total += scanned
    if (total > bound) return total
    placed.add({ struct, before })
  }
  return total
}
