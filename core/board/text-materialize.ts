/**
 * Turning a plain string (a v1 free-text field, or a title written by another tool) into the
 * Y.Text that editors bind, the same way on every peer.
 *
 * Why it is not a plain `map.set(key, new Y.Text(value))`: a Y.Map key holds one value, so
 * when two peers convert the same field before they have seen each other's conversion (two
 * offline laptops opening a v1 board, or two tabs migrating in the same second), one Y.Text
 * wins and everything typed into the other is silently dropped on merge. Inserting into one
 * shared text instead would keep both copies of the old string ("abcabc").
 *
 * Instead the conversion is written under a client id derived from the id of the item it
 * replaces (the stored string's Yjs item, or for a missing field the entity's own item and the
 * key). Two peers converting the same stored value therefore write byte-identical items — same
 * ids, same origin, same content — and Yjs keeps one copy: no conflict, nothing duplicated, and
 * whatever either peer typed afterwards lands in the one shared Y.Text and merges.
 *
 * The derived ids lie in [2^32, 2^53): Yjs picks real client ids with `random.uint32`, so they
 * can never meet one, and lib0 encodes and decodes ids up to 2^53 exactly. If the derived id
 * has been used already (a hash collision; never seen in practice), the conversion falls back
 * to the session's own id, which is the old last-writer-wins behaviour, not a corrupted doc.
 */
import * as Y from 'yjs'

const TWO_32 = 2 ** 32
const SPAN = Number.MAX_SAFE_INTEGER - TWO_32

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain). */
function hash53(input: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

interface WithItem {
  readonly _item: { readonly id: { readonly client: number; readonly clock: number } } | null
  readonly _map: Map<string, { readonly id: { readonly client: number; readonly clock: number } }>
}

/**
 * What identifies the value being replaced on every peer: the stored item's id, or, for a
 * missing key, the parent's own item and the key. Null for a map that is not in a document.
 */
function seedOf(parent: Y.Map<unknown>, key: string): string | null {
  const internals = parent as unknown as WithItem
  const current = internals._map.get(key)
  if (current) return `v:${current.id.client}:${current.id.clock}:${key}`
  const own = internals._item
  if (own) return `k:${own.id.client}:${own.id.clock}:${key}`
  // A root type has no item; its name identifies it on every peer.
  const doc = parent.doc
  if (doc === null) return null
  for (const [name, type] of doc.share) if ((type as unknown) === parent) return `r:${name}:${key}`
  return null
}

/**
 * The client id under which a peer converts `parent[key]`; null when the map is not in a
 * document yet (a prelim map: its conversion is part of the write that adds it).
 *
 * @example
 * conversionClient(objective, 'description') // e.g. 6521848297718823
 */
export function conversionClient(parent: Y.Map<unknown>, key: string): number | null {
  const seed = seedOf(parent, key)
  return seed === null ? null : TWO_32 + (hash53(seed) % SPAN)
}

/** The text a stored non-text value converts to: strings and finite numbers keep their text. */
function contentOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return ''
}

/**
 * Writes `value` (a fresh, empty-or-filled shared type) at `parent[key]` under the conversion
 * client, so the same write on another peer coincides with this one.
 */
function setConverging(parent: Y.Map<unknown>, key: string, value: Y.Text | Y.Map<unknown>): void {
  const doc = parent.doc
  const client = conversionClient(parent, key)
  if (doc === null || client === null || Y.getState(doc.store, client) !== 0) {
    parent.set(key, value)
    return
  }
  const own = doc.clientID
  doc.clientID = client
  try {
    parent.set(key, value)
  } finally {
    doc.clientID = own
  }
}

/**
 * The Y.Text at `parent[key]`; a plain string (or nothing) there is replaced by a Y.Text with
 * the same content, written so that concurrent conversions on other peers coincide (see the
 * file comment). Call it inside the transaction of the command or migration that needs it.
 *
 * @example
 * doc.transact(() => materializeText(objective, 'description').insert(0, 'Why: '), origin)
 */
export function materializeText(parent: Y.Map<unknown>, key: string): Y.Text {
  const current = parent.get(key)
  if (current instanceof Y.Text) return current
  const text = new Y.Text(contentOf(current))
  setConverging(parent, key, text)
  return text
}

/**
 * The Y.Map at `parent[key]`, created (empty) the same way on every peer when missing or
 * mistyped, so two people opening the same retrospective at once share one map of answers.
 *
 * @example
 * materializeMap(meta, 'retrospective')
 */
export function materializeMap(parent: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const current = parent.get(key)
  if (current instanceof Y.Map) return current as Y.Map<unknown>
  const map = new Y.Map<unknown>()
  setConverging(parent, key, map)
  return map
}
