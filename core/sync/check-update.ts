/**
 * Judges a scanned update against the document it is about to be applied to, before Yjs sees
 * it. Three kinds of update are refused because Yjs would accept them and then misbehave:
 *
 * - **Incomplete**: a struct whose origin, right origin or parent the doc does not have, a gap
 *   in a client's clocks, or references that wait on each other. Yjs parks these as pending,
 *   in memory only, and retries them on every later update; the sender believes them applied.
 * - **Unknown deletes**: delete ranges for content the doc has never had. Yjs keeps them as a
 *   pending delete set and re-applies it on every later update (a stall that grows with it).
 * - **Too deep**: shared types nested past a bound. Deleting a deep chain makes Yjs recurse
 *   once per level (Item.delete, ContentType.gc) and overflow the stack mid-transaction, after
 *   which the doc never emits an update again.
 *
 * It also counts the doc's items the update would split: a delete-only update of a few bytes
 * can cut thousands of items in two, and each cut is a new struct in the stored state. The
 * relay charges updates for those (board-size cap) instead of for their frame size.
 */
import * as Y from 'yjs'
import type { ScannedStruct, ScannedUpdate, StructId } from './scan-update'
import { runSteps, STEP_SIZE, type Steps } from './steps'
import { UpdateRejectedError } from './update-errors'

/**
 * The schema nests up to 4 levels (root → entity map → Y.Text; the retrospective one more);
 * the rest is headroom for the schema to grow. Yjs needs thousands to overflow.
 */
export const MAX_TYPE_DEPTH = 8

export interface UpdateVerdict {
  /** Structs the doc does not have yet. */
  readonly newStructs: number
  /** Delete ranges that touch content the doc has. */
  readonly deletes: number
  /** Items of the doc this update would cut in two (each becomes a stored struct). */
  readonly splits: number
  /**
   * The structs the doc lacks, in an order in which each comes after everything it depends
   * on: applied in pieces in this order, nothing is ever pending (the relay slices big
   * updates this way).
   */
  readonly placement: readonly ScannedStruct[]
}

interface ClientRun {
  readonly client: number
  /** The client's structs the doc lacks, in clock order. */
  readonly fresh: ScannedStruct[]
  /** Index of the next fresh struct to place in causal order. */
  next: number
  /** Clock up to which the doc plus the placed structs have this client's content. */
  out: number
}

/**
 * @example
 * const verdict = checkUpdate(doc, scanUpdate(bytes)) // throws UpdateRejectedError, or
 * Y.applyUpdate(doc, bytes, origin)                      // is safe to run
 */
export function checkUpdate(
  doc: Y.Doc,
  shape: ScannedUpdate,
  maxTypeDepth = MAX_TYPE_DEPTH,
): UpdateVerdict {
  return runSteps(checkUpdateSteps(doc, shape, maxTypeDepth))
}

/**
 * The same check in steps (steps.ts), for a caller that shares its event loop. The doc must
 * not lose content between steps; gaining some (another node's update) only helps.
 */
export function* checkUpdateSteps(
  doc: Y.Doc,
  shape: ScannedUpdate,
  maxTypeDepth = MAX_TYPE_DEPTH,
): Steps<UpdateVerdict> {
  const runs = yield* freshRuns(doc, shape)
  const placement = yield* placeInCausalOrder(doc, runs, maxTypeDepth)
  const known = (client: number) => {
    const run = runs.get(client)
    return run !== undefined ? run.out : Y.getState(doc.store, client)
  }
  // A cut is a position inside a live item; one position cut twice is one new struct.
  const cuts = new Map<number, Set<number>>()
  let splits = 0
  const cut = (client: number, clock: number) => {
    if (!cutsItem(doc, client, clock)) return
    let clocks = cuts.get(client)
    if (clocks === undefined) cuts.set(client, (clocks = new Set()))
    if (!clocks.has(clock)) {
      clocks.add(clock)
      splits++
    }
  }
  let deletes = 0
  for (const [at, range] of shape.deletes.entries()) {
    if (at % STEP_SIZE === STEP_SIZE - 1) yield
    const has = known(range.client)
    if (has === 0) {
      throw new UpdateRejectedError(
        'unknown-deletes',
        `update deletes content of client ${range.client}, which this board has never seen`,
      )
    }
    if (range.clock + range.len > has) {
      throw new UpdateRejectedError(
        'unknown-deletes',
        `update deletes content of client ${range.client} up to clock ${range.clock + range.len}; ` +
          `this board has it only up to ${has}`,
      )
    }
    if (range.clock >= Y.getState(doc.store, range.client)) continue
    deletes++
    cut(range.client, range.clock)
    cut(range.client, range.clock + range.len)
  }
  let newStructs = 0
  for (const run of runs.values()) {
    newStructs += run.fresh.length
    for (const struct of run.fresh) {
      // Inserting after an origin, or before a right origin, in the middle of an item cuts it.
      if (struct.origin !== null) cut(struct.origin.client, struct.origin.clock + 1)
      if (struct.rightOrigin !== null) cut(struct.rightOrigin.client, struct.rightOrigin.clock)
    }
  }
  return { newStructs, deletes, splits, placement }
}

/** Whether `clock` falls strictly inside one of the doc's live items (a boundary that is new). */
function cutsItem(doc: Y.Doc, client: number, clock: number): boolean {
  const structs = doc.store.clients.get(client)
  if (structs === undefined || clock >= Y.getState(doc.store, client)) return false
  const struct = structs[Y.findIndexSS(structs, clock)]
  return struct instanceof Y.Item && !struct.deleted && struct.id.clock < clock
}

/** Per client, the structs the doc lacks; refuses gaps and a client written twice. */
function* freshRuns(doc: Y.Doc, shape: ScannedUpdate): Steps<Map<number, ClientRun>> {
  const runs = new Map<number, ClientRun>()
  let previous: number | null = null
  const seen = new Set<number>()
  for (const struct of shape.structs) {
    if (struct.index % STEP_SIZE === STEP_SIZE - 1) yield
    if (struct.client !== previous) {
      // Yjs keeps only the last section of a client written twice; we refuse the ambiguity.
      if (seen.has(struct.client)) {
        throw new UpdateRejectedError('malformed', `client ${struct.client} appears twice`)
      }
      seen.add(struct.client)
      previous = struct.client
    }
    const state = Y.getState(doc.store, struct.client)
    if (struct.clock + struct.length <= state || struct.kind === 'skip') continue
    let run = runs.get(struct.client)
    if (run === undefined) {
      run = { client: struct.client, fresh: [], next: 0, out: state }
      runs.set(struct.client, run)
    }
    const last = run.fresh[run.fresh.length - 1]
    const expected = last !== undefined ? last.clock + last.length : state
    if (struct.clock > expected) {
      throw new UpdateRejectedError(
        'incomplete',
        `update is missing history of client ${struct.client}: it starts at clock ` +
          `${struct.clock}, this board has that client only up to ${expected}`,
      )
    }
    run.fresh.push(struct)
  }
  return runs
}

/**
 * What placing a struct takes: whether an id is already out (in the doc or placed), the depth
 * of each struct's parent type (refused past `maxTypeDepth`), and the placement so far.
 */
function causalPlacer(doc: Y.Doc, runs: Map<number, ClientRun>, maxTypeDepth: number) {
  const placement: ScannedStruct[] = []
  const parentDepth = new Map<ScannedStruct, number>()
  const isOut = (id: StructId | null) => {
    if (id === null) return true
    const run = runs.get(id.client)
    return id.clock < (run !== undefined ? run.out : Y.getState(doc.store, id.client))
  }
  const lookup = (id: StructId) => findFresh(runs.get(id.client), id.clock)
  const depthOfParent = (struct: ScannedStruct): number => {
    if (struct.parentRoot !== null) return 1
    if (struct.parentId !== null)
      return depthOfTypeAt(doc, struct.parentId, lookup, parentDepth, maxTypeDepth)
    // The parent is the origin's (or else the right origin's), as Item.getMissing decides.
    for (const id of [struct.origin, struct.rightOrigin]) {
      if (id === null) continue
      const fresh = lookup(id)
      if (fresh !== undefined) {
        if (fresh.kind === 'item') return parentDepth.get(fresh) ?? 0
        continue
      }
      const item = docItem(doc, id)
      if (item !== null && item.parent instanceof Y.AbstractType) {
        return typeDepth(item.parent, maxTypeDepth)
      }
    }
    return 0
  }
  const place = (run: ClientRun, struct: ScannedStruct) => {
    if (struct.kind === 'item') {
      const depth = depthOfParent(struct)
      parentDepth.set(struct, depth)
      if (struct.isType && depth + 1 > maxTypeDepth) {
        throw new UpdateRejectedError(
          'too-deep',
          `update nests shared types ${depth + 1} levels deep; a board needs at most ${maxTypeDepth}`,
        )
      }
    }
    run.out = struct.clock + struct.length
    run.next++
    placement.push(struct)
  }
  const blocker = (struct: ScannedStruct): StructId | null => {
    for (const id of [struct.origin, struct.rightOrigin, struct.parentId]) {
      if (!isOut(id)) return id
    }
    return null
  }
  return { placement, place, blocker }
}

/**
 * Places every fresh struct after the structs it depends on, computing each struct's parent
 * depth on the way, in O(n log n) however its references are arranged. A dependency that is
 * neither in the doc nor placeable, or a cycle, makes the update incomplete.
 */
function* placeInCausalOrder(
  doc: Y.Doc,
  runs: Map<number, ClientRun>,
  maxTypeDepth: number,
): Steps<ScannedStruct[]> {
  const { placement, place, blocker } = causalPlacer(doc, runs, maxTypeDepth)
  // Kahn's order over clients: a run blocked on another client's clock waits in that
  // client's heap and is woken once that clock is placed, so each struct is looked at a
  // bounded number of times however the references are arranged (a cycle is simply never
  // woken and is found at the end).
  const waiting = new Map<number, ClockHeap>()
  const ready: ClientRun[] = [...runs.values()]
  for (let run = ready.pop(); run !== undefined; run = ready.pop()) {
    const before = run.next
    for (let struct = run.fresh[run.next]; struct !== undefined; struct = run.fresh[run.next]) {
      const missing = blocker(struct)
      if (missing === null) {
        place(run, struct)
        if (placement.length % STEP_SIZE === 0) yield
        continue
      }
      const needed = runs.get(missing.client)
      if (needed === undefined || lastClock(needed) <= missing.clock) throw incomplete(missing)
      let heap = waiting.get(missing.client)
      if (heap === undefined) waiting.set(missing.client, (heap = new ClockHeap()))
      heap.push(missing.clock, run)
      break
    }
    if (run.next === before) continue
    const heap = waiting.get(run.client)
    for (let woken = heap?.popBelow(run.out); woken !== undefined; woken = heap?.popBelow(run.out))
      ready.push(woken)
  }
  for (const run of runs.values()) {
    const stuck = run.fresh[run.next]
    if (stuck !== undefined) throw incomplete(blocker(stuck) ?? stuck)
  }
  return placement
}

function incomplete(missing: StructId): UpdateRejectedError {
  return new UpdateRejectedError(
    'incomplete',
    `update refers to content this board does not have (client ${missing.client}, ` +
      `clock ${missing.clock})`,
  )
}

/** Runs waiting for a client's clock, smallest clock first (a binary min-heap). */
class ClockHeap {
  readonly #clocks: number[] = []
  readonly #runs: ClientRun[] = []

  push(clock: number, run: ClientRun): void {
    let at = this.#clocks.length
    this.#clocks.push(clock)
    this.#runs.push(run)
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (this.#clocks[parent]! <= clock) break
      this.#swap(at, parent)
      at = parent
    }
  }

  /** Removes and returns a run waiting for a clock below `out`, if any. */
  popBelow(out: number): ClientRun | undefined {
    if (this.#clocks.length === 0 || this.#clocks[0]! >= out) return undefined
    const run = this.#runs[0]!
    const lastClock = this.#clocks.pop()!
    const lastRun = this.#runs.pop()!
    if (this.#clocks.length > 0) {
      this.#clocks[0] = lastClock
      this.#runs[0] = lastRun
      let at = 0
      for (;;) {
        const left = 2 * at + 1
        const right = left + 1
        let least = at
        if (left < this.#clocks.length && this.#clocks[left]! < this.#clocks[least]!) least = left
        if (right < this.#clocks.length && this.#clocks[right]! < this.#clocks[least]!)
          least = right
        if (least === at) break
        this.#swap(at, least)
        at = least
      }
    }
    return run
  }

  #swap(a: number, b: number): void {
    ;[this.#clocks[a], this.#clocks[b]] = [this.#clocks[b]!, this.#clocks[a]!]
    ;[this.#runs[a], this.#runs[b]] = [this.#runs[b]!, this.#runs[a]!]
  }
}

function lastClock(run: ClientRun): number {
  const last = run.fresh[run.fresh.length - 1]
  return last === undefined ? run.out : last.clock + last.length
}

/** The fresh struct holding `clock`, by binary search (fresh structs are in clock order). */
function findFresh(run: ClientRun | undefined, clock: number): ScannedStruct | undefined {
  if (run === undefined) return undefined
  let low = 0
  let high = run.fresh.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const struct = run.fresh[mid]!
    if (clock < struct.clock) high = mid - 1
    else if (clock >= struct.clock + struct.length) low = mid + 1
    else return struct
  }
  return undefined
}

function docItem(doc: Y.Doc, id: StructId): Y.Item | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock))
  return struct instanceof Y.Item ? struct : null
}

function depthOfTypeAt(
  doc: Y.Doc,
  id: StructId,
  lookup: (id: StructId) => ScannedStruct | undefined,
  parentDepth: Map<ScannedStruct, number>,
  bound: number,
): number {
  const fresh = lookup(id)
  if (fresh !== undefined) {
    // Not a type item: Yjs finds no parent and turns the child into garbage (no nesting).
    return fresh.isType ? (parentDepth.get(fresh) ?? 0) + 1 : 0
  }
  const item = docItem(doc, id)
  if (item === null || !(item.content instanceof Y.ContentType)) return 0
  return typeDepth(item.content.type, bound)
}

/** How deep `type` sits (a root is 1); stops counting past `bound`, which is already too deep. */
export function typeDepth(type: Y.AbstractType<unknown>, bound: number): number {
  let depth = 1
  let item = type._item
  while (item !== null && depth <= bound) {
    depth++
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) break
    item = parent._item
  }
  return depth
}
