/**
 * Where in the document an untrusted update writes and deletes, resolved on the receiver's doc
 * before Yjs sees it, so a policy (core/board/permissions.ts) can refuse it whole. A place is a
 * key path from a root: `['meta', 'phase']`, `['notes', noteId]`, `['notes', noteId, 'text']`
 * (a character of the note's text), `['votes', voterId, targetId]`.
 *
 * A struct's parent is found the way Yjs finds it when integrating (yjs: Item.getMissing): a
 * root by name, a type item by id, or else the origin's parent and key, or the right origin's;
 * an origin or parent that is garbage, or a parent item that holds no type, makes Yjs store the
 * struct as garbage, so it writes nowhere ("discarded"). Only structs the doc lacks count (a
 * reconnecting client resends what others wrote), and only deletes of live items.
 *
 * Bounded: one binary search and a memoised walk of at most MAX_PATH_DEPTH levels per struct,
 * and each of the doc's items visited at most once per update's delete set.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { ScannedStruct, ScannedUpdate, StructId } from './scan-update'
import { scanUpdateSteps } from './scan-update'
import { checkUpdateSteps } from './check-update'
import { runSteps, STEP_SIZE, type Steps } from './steps'

export interface Place {
  /** A struct the doc lacks writes here, or a live item here is deleted. */
  readonly kind: 'write' | 'delete'
  /** Root name first, then map keys; a text's or array's content has its parent's path. */
  readonly path: readonly string[]
  /** The written or deleted item holds a shared type (a Y.Map entity, a Y.Text …). */
  readonly isType: boolean
}

export interface UpdatePlaces {
  /** Distinct places, writes before deletes, each in first-seen order. */
  readonly places: readonly Place[]
  /** Structs Yjs will store as garbage (their origin or parent is garbage or no type). */
  readonly discarded: number
  /** Structs or items whose place could not be found: what, in words. */
  readonly unresolved: readonly string[]
}

/** Deeper than the relay lets a board nest (MAX_TYPE_DEPTH): a walk past it stops. */
export const MAX_PATH_DEPTH = 16

const BIT6 = 32
const BIT7 = 64
const BIT8 = 128

/** A placed struct's parent (for structs that take it as origin) and own path (for children). */
type Resolved =
  { readonly parent: Parent; readonly path: readonly string[] } | 'discarded' | 'unresolved'

/**
 * @example
 * updatePlaces(doc, bytes).places // [{ kind: 'write', path: ['meta', 'phase'], isType: false }]
 */
export function updatePlaces(doc: Y.Doc, update: Uint8Array): UpdatePlaces {
  return runSteps(
    (function* () {
      const shape = yield* scanUpdateSteps(update)
      const verdict = yield* checkUpdateSteps(doc, shape)
      return yield* updatePlacesSteps(doc, update, shape, verdict.placement)
    })(),
  )
}

/**
 * The same from an update already scanned and checked (update-gate.ts): `placement` is
 * checkUpdate's, the structs the doc lacks with each after what it depends on.
 */
export function* updatePlacesSteps(
  doc: Y.Doc,
  update: Uint8Array,
  shape: ScannedUpdate,
  placement: readonly ScannedStruct[],
): Steps<UpdatePlaces> {
  const out = new PlaceList()
  const paths = new PathFinder(doc)
  const fresh = new FreshIndex(shape, doc)
  const own = new Map<ScannedStruct, Resolved>()
  let discarded = 0
  for (const [at, struct] of placement.entries()) {
    if (at % STEP_SIZE === STEP_SIZE - 1) yield
    if (struct.kind !== 'item') continue
    const parent = parentOf(struct, update, fresh, own, paths)
    if (parent === 'discarded' || parent === 'unresolved') {
      own.set(struct, parent)
      if (parent === 'discarded') discarded++
      else out.unresolved.push(`struct ${struct.client}:${struct.clock} has no known parent`)
      continue
    }
    const path = parent.key === null ? parent.path : [...parent.path, parent.key]
    own.set(struct, { parent, path })
    out.add('write', path, struct.isType)
  }
  yield* deletedPlaces(doc, shape, paths, out)
  return { places: out.places, discarded, unresolved: out.unresolved }
}

interface Parent {
  readonly path: readonly string[]
  /** The map key the struct is written under, or null inside a text or array. */
  readonly key: string | null
}

/** Yjs's order (Item.getMissing): garbage origins first, then explicit parent, then origins. */
function parentOf(
  struct: ScannedStruct,
  update: Uint8Array,
  fresh: FreshIndex,
  own: Map<ScannedStruct, Resolved>,
  paths: PathFinder,
): Parent | 'discarded' | 'unresolved' {
  if (struct.parentRoot !== null) {
    return { path: [struct.parentRoot], key: writtenKey(update, struct) }
  }
  if (struct.parentId !== null) {
    const inUpdate = fresh.find(struct.parentId)
    if (inUpdate !== undefined) {
      if (inUpdate.kind !== 'item' || !inUpdate.isType) return 'discarded'
      const resolved = own.get(inUpdate) ?? 'unresolved'
      if (typeof resolved === 'string') return resolved
      return { path: resolved.path, key: writtenKey(update, struct) }
    }
    const item = paths.struct(struct.parentId)
    if (item === null) return 'unresolved'
    if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentType)) return 'discarded'
    const path = paths.ofType(item.content.type)
    return path === null ? 'unresolved' : { path, key: writtenKey(update, struct) }
  }
  const sides = [struct.origin, struct.rightOrigin].map((id) => side(id, fresh, own, paths))
  if (sides.some((s) => s === 'discarded')) return 'discarded'
  for (const s of sides) if (s !== null) return s
  return 'unresolved'
}

/** The parent and key an origin gives (null when there is no such origin). */
function side(
  id: StructId | null,
  fresh: FreshIndex,
  own: Map<ScannedStruct, Resolved>,
  paths: PathFinder,
): Parent | 'discarded' | 'unresolved' | null {
  if (id === null) return null
  const inUpdate = fresh.find(id)
  if (inUpdate !== undefined) {
    // A discarded struct is garbage by the time the next one integrates, as in Yjs.
    if (inUpdate.kind !== 'item') return 'discarded'
    const resolved = own.get(inUpdate) ?? 'unresolved'
    return typeof resolved === 'string' ? resolved : resolved.parent
  }
  const item = paths.struct(id)
  if (item === null) return 'unresolved'
  if (!(item instanceof Y.Item)) return 'discarded'
  const path = item.parent instanceof Y.AbstractType ? paths.ofType(item.parent) : null
  return path === null ? 'unresolved' : { path, key: item.parentSub }
}

/** The map key a struct with an explicit parent carries (V1 writes it after the parent). */
function writtenKey(update: Uint8Array, struct: ScannedStruct): string | null {
  const decoder = decoding.createDecoder(update)
  decoder.pos = struct.start
  const info = decoding.readUint8(decoder)
  if ((info & (BIT7 | BIT8)) !== 0 || (info & BIT6) === 0) return null
  if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder)
  else {
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
  }
  return decoding.readVarString(decoder)
}

/**
 * The update's structs by id (per client in clock order, as scanned), for the clocks the doc
 * lacks: a resent struct the doc has already is looked up in the doc, where Yjs finds it.
 */
class FreshIndex {
  readonly #byClient = new Map<number, readonly ScannedStruct[]>()

  constructor(
    shape: ScannedUpdate,
    private readonly doc: Y.Doc,
  ) {
    let start = 0
    const { structs } = shape
    for (let i = 1; i <= structs.length; i++) {
      if (i === structs.length || structs[i]!.client !== structs[start]!.client) {
        this.#byClient.set(structs[start]!.client, structs.slice(start, i))
        start = i
      }
    }
  }

  find(id: StructId): ScannedStruct | undefined {
    const run = this.#byClient.get(id.client)
    if (run === undefined || id.clock < Y.getState(this.doc.store, id.client)) return undefined
    let low = 0
    let high = run.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const struct = run[mid]!
      if (id.clock < struct.clock) high = mid - 1
      else if (id.clock >= struct.clock + struct.length) low = mid + 1
      else return struct.kind === 'skip' ? undefined : struct
    }
    return undefined
  }
}

/** Paths of the doc's types and items, memoised per type. */
class PathFinder {
  readonly #roots = new Map<Y.AbstractType<unknown>, string>()
  readonly #types = new Map<Y.AbstractType<unknown>, readonly string[] | null>()

  constructor(private readonly doc: Y.Doc) {
    this.#readRoots()
  }

  #readRoots(): void {
    for (const [name, type] of this.doc.share)
      this.#roots.set(type as Y.AbstractType<unknown>, name)
  }

  /**
   * A root's name. Read again on a miss: `doc.getMap(name)` replaces an untyped root (how the
   * relay's doc starts) with a new Y.Map, possibly between two steps of a judgement.
   */
  #rootName(type: Y.AbstractType<unknown>): string | undefined {
    if (!this.#roots.has(type)) this.#readRoots()
    return this.#roots.get(type)
  }

  /** The doc's struct holding `id`, or null when the doc has no such clock. */
  struct(id: StructId): Y.Item | Y.GC | null {
    const structs = this.doc.store.clients.get(id.client)
    if (structs === undefined || id.clock >= Y.getState(this.doc.store, id.client)) return null
    const struct = structs[Y.findIndexSS(structs, id.clock)]
    return struct instanceof Y.Item || struct instanceof Y.GC ? struct : null
  }

  /** An item's own place: its parent type's path and its key, if it has one. */
  ofItem(item: Y.Item): readonly string[] | null {
    const parent = item.parent instanceof Y.AbstractType ? this.ofType(item.parent) : null
    if (parent === null) return null
    return item.parentSub === null ? parent : [...parent, item.parentSub]
  }

  ofType(type: Y.AbstractType<unknown>): readonly string[] | null {
    const known = this.#types.get(type)
    if (known !== undefined) return known
    // Walk up to a known type or a root, then fill the memo on the way down.
    const chain: Y.AbstractType<unknown>[] = []
    let at: Y.AbstractType<unknown> | null = type
    let base: readonly string[] | null = null
    while (at !== null && chain.length <= MAX_PATH_DEPTH) {
      const memo = this.#types.get(at)
      if (memo !== undefined) {
        base = memo
        break
      }
      const item: Y.Item | null = at._item
      if (item === null) {
        const name = this.#rootName(at)
        base = name === undefined ? null : [name]
        this.#types.set(at, base)
        break
      }
      chain.push(at)
      at = item.parent instanceof Y.AbstractType ? item.parent : null
    }
    if (at === null || chain.length > MAX_PATH_DEPTH) base = null
    for (let i = chain.length - 1; i >= 0; i--) {
      const sub = chain[i]!._item!.parentSub
      base = base === null ? null : sub === null ? base : [...base, sub]
      this.#types.set(chain[i]!, base)
    }
    return this.#types.get(type) ?? null
  }
}

/** One key of a path in PlaceList's trie: the kinds seen ending here, and the keys below. */
interface PathNode {
  kinds: number
  /** Made when a first key goes below: most nodes are leaves. */
  below: Map<string, PathNode> | null
}

/**
 * The places, each kept once: a trie over path keys (no joined strings to build and hash),
 * and the arrays already seen (the structs of one edit share their parent's path array).
 */
class PlaceList {
  readonly places: Place[] = []
  readonly unresolved: string[] = []
  readonly #root: PathNode = { kinds: 0, below: null }
  readonly #byArray = new WeakMap<readonly string[], number>()

  add(kind: Place['kind'], path: readonly string[], isType: boolean): void {
    const bit = 1 << ((kind === 'write' ? 0 : 2) + (isType ? 1 : 0))
    const seen = this.#byArray.get(path) ?? 0
    if ((seen & bit) !== 0) return
    this.#byArray.set(path, seen | bit)
    let node = this.#root
    for (const key of path) {
      node.below ??= new Map()
      let next = node.below.get(key)
      if (next === undefined) node.below.set(key, (next = { kinds: 0, below: null }))
      node = next
    }
    if ((node.kinds & bit) !== 0) return
    node.kinds |= bit
    this.places.push({ kind, path, isType })
  }
}

/**
 * Live items of the doc the delete set covers. Ranges are merged per client first, so a
 * hostile update listing one range many times still visits each item once.
 */
function* deletedPlaces(
  doc: Y.Doc,
  shape: ScannedUpdate,
  paths: PathFinder,
  out: PlaceList,
): Steps<void> {
  let visited = 0
  for (const [client, ranges] of mergedRanges(shape)) {
    const structs = doc.store.clients.get(client)
    if (structs === undefined) continue
    const state = Y.getState(doc.store, client)
    for (const [from, to] of ranges) {
      const end = Math.min(to, state)
      if (from >= end) continue
      for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
        const struct = structs[i]!
        if (struct.id.clock >= end) break
        if (++visited % STEP_SIZE === 0) yield
        if (!(struct instanceof Y.Item) || struct.deleted) continue
        const path = paths.ofItem(struct)
        if (path === null) {
          out.unresolved.push(`item ${client}:${struct.id.clock} has no known place`)
          continue
        }
        out.add('delete', path, struct.content instanceof Y.ContentType)
      }
    }
  }
}

/** Per client, its delete ranges as sorted, disjoint [from, to) pairs. */
function mergedRanges(shape: ScannedUpdate): Map<number, [number, number][]> {
  const byClient = new Map<number, [number, number][]>()
  for (const range of shape.deletes) {
    let list = byClient.get(range.client)
    if (list === undefined) byClient.set(range.client, (list = []))
    list.push([range.clock, range.clock + range.len])
  }
  for (const [client, list] of byClient) {
    list.sort((a, b) => a[0] - b[0])
    const merged: [number, number][] = []
    for (const range of list) {
      const last = merged[merged.length - 1]
      if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
      else merged.push(range)
    }
    byClient.set(client, merged)
  }
  return byClient
}
