/**
 * Recovering from a damaged change (docs/client.md). When a transaction throws inside Yjs (the
 * stack overflow of deleting a deeply nested type is the known case), Yjs leaves the failed
 * transaction queued and the doc never emits 'update' again: later edits would stay in memory,
 * never reach IndexedDB or the server, and vanish on reload. Such a doc is unsafe; the board is
 * reopened instead: a fresh doc from this device's IndexedDB copy (which holds everything the
 * old doc emitted, unsent edits included), pruned, then synced with the server again.
 *
 * The watch is on the doc, not on the places that write to it: commands, undo, the canvas, the
 * inline editor, IndexedDB and the socket all end in a Yjs transaction, and every transaction
 * is followed by a check once the call stack has unwound. Two states give a throw inside Yjs
 * away: the doc is wedged (the throw hit its cleanup), or a deletion stopped halfway (the throw
 * hit Item.delete's recursion and the cleanup then succeeded, as it does when the undo manager
 * keeps the deleted items: the doc emits a delete that wedges whoever replays it later).
 */
import * as Y from 'yjs'
import * as idb from 'lib0/indexeddb'
import { storeState, type IndexeddbPersistence } from 'y-indexeddb'
import { messageSync, type WebsocketProvider } from 'y-websocket'
import {
  checkUpdate,
  DEFAULT_SCAN_LIMITS,
  docIsWedged,
  pruneDeepTypes,
  scanUpdate,
  UpdateRejectedError,
} from '../../core/sync/index'

export const RECOVERED_NOTICE =
  'The board was reloaded after a damaged change; nothing you saved was lost.'

/** Replaying and pruning the device copy is nobody's edit: not undoable, not counted as local. */
const RECOVERY_ORIGIN = 'stretchboard:recovery'

/** The IndexedDB database holding one board on this device (y-indexeddb's layout inside). */
export function deviceCopyName(boardId: string): string {
  return `stretchboard:${boardId}`
}

type SyncHandler = WebsocketProvider['messageHandlers'][number]

/**
 * Calls `onUnsafe` once if `doc` becomes unsafe: a transaction, local or from the server, that
 * never finished. A throw that leaves the doc able to emit (an observer's error, say) is not
 * damage: the doc has emitted what it holds, so IndexedDB and the server agree with it.
 * Returns the function that stops watching and restores the provider's handler.
 */
export function guardDoc(
  doc: Y.Doc,
  provider: WebsocketProvider,
  onUnsafe: (reason: string) => void,
): () => void {
  let reported = false
  let disposed = false
  const report = (reason: string) => {
    if (reported || disposed) return
    reported = true
    // Not from inside the provider's message handler: the listener tears the provider down.
    queueMicrotask(() => {
      if (!disposed) onUnsafe(reason)
    })
  }
  let checkQueued = false
  let begun: Y.Transaction[] = []
  const check = () => {
    checkQueued = false
    const transactions = begun
    begun = []
    if (docIsWedged(doc)) report('a change failed inside Yjs and the board stopped saving')
    else if (transactions.some(stoppedHalfway)) report('a deletion stopped halfway inside Yjs')
  }
  // Collected when they begin: listeners of later events are skipped when an earlier one throws.
  const onBegin = (transaction: Y.Transaction) => {
    begun.push(transaction)
    if (checkQueued) return
    checkQueued = true
    // Transactions are synchronous: once the stack has unwound, none can still be open.
    queueMicrotask(check)
  }
  doc.on('beforeTransaction', onBegin)

  const original = provider.messageHandlers[messageSync]
  const guarded: SyncHandler = (encoder, decoder, p, emitSynced, type) => {
    let applied = false
    const onApply = () => {
      applied = true
    }
    doc.on('beforeTransaction', onApply)
    try {
      original?.(encoder, decoder, p, emitSynced, type)
    } finally {
      doc.off('beforeTransaction', onApply)
      // y-protocols catches and logs what Yjs throws while applying; the wedge is what tells.
      if (applied && docIsWedged(doc)) report('a change from the server could not be applied')
    }
  }
  provider.messageHandlers[messageSync] = guarded
  return () => {
    disposed = true
    doc.off('beforeTransaction', onBegin)
    if (provider.messageHandlers[messageSync] === guarded) {
      provider.messageHandlers[messageSync] = original as SyncHandler
    }
  }
}

/**
 * Whether the transaction deleted a shared type but not everything in it. A completed delete
 * always takes the whole subtree (Yjs' ContentType.delete), so a live child under a deleted
 * type means the recursion was cut short. Reads the store only: nothing is split or merged.
 */
function stoppedHalfway(transaction: Y.Transaction): boolean {
  const store = transaction.doc.store
  for (const [client, ranges] of transaction.deleteSet.clients) {
    const structs = store.clients.get(client)
    if (structs === undefined) continue
    for (const { clock, len } of ranges) {
      if (clock >= Y.getState(store, client)) continue
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!
        if (struct.id.clock >= clock + len) break
        if (struct instanceof Y.Item && struct.deleted && hasLiveDescendant(struct, 2)) return true
      }
    }
  }
  return false
}

/**
 * Two levels, because the throw can land between marking an item deleted and recording it in
 * the transaction's delete set: that child is deleted, and only its own children are live.
 */
function hasLiveDescendant(item: Y.Item, levels: number): boolean {
  if (!(item.content instanceof Y.ContentType)) return false
  const type = item.content.type
  const children: Y.Item[] = [...type._map.values()]
  for (let child = type._start; child !== null; child = child.right) children.push(child)
  return children.some(
    (child) => !child.deleted || (levels > 1 && hasLiveDescendant(child, levels - 1)),
  )
}

/**
 * Applies the stored updates one transaction each, pruning as soon as one nests too deep. A
 * history can hold a deep chain and then a delete of it, top-down, that an older client or a
 * cut-short deletion emitted: applied to the live chain, that delete recurses once per level
 * and overflows, so the chain is taken apart bottom-up first and the delete then finds it gone.
 * y-indexeddb replays everything in one transaction, where even a bottom-up prune of the chain
 * meets its inserts in one delete set, and collecting that garbage recurses once per level too.
 */
export function replayDeviceUpdates(doc: Y.Doc, updates: readonly Uint8Array[]): Y.Doc {
  for (const update of updates) {
    const deep = nestsTooDeep(doc, update)
    Y.applyUpdate(doc, update, RECOVERY_ORIGIN)
    if (docIsWedged(doc)) throw new Error('the copy of this board on this device is damaged')
    if (deep) pruneDeepTypes(doc, RECOVERY_ORIGIN)
  }
  pruneDeepTypes(doc, RECOVERY_ORIGIN)
  return doc
}

/** Our own history, so only nesting is judged: size bounds and gaps are not this check's job. */
const HISTORY_LIMITS = {
  ...DEFAULT_SCAN_LIMITS,
  maxStructs: Number.MAX_SAFE_INTEGER,
  maxDeleteRanges: Number.MAX_SAFE_INTEGER,
}

function nestsTooDeep(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    checkUpdate(doc, scanUpdate(update, HISTORY_LIMITS))
    return false
  } catch (error) {
    return error instanceof UpdateRejectedError && error.problem === 'too-deep'
  }
}

/** A fresh doc holding this device's copy of the board, safe to hand to y-indexeddb. */
export async function loadDeviceCopy(boardId: string): Promise<Y.Doc> {
  const db = await idb.openDB(deviceCopyName(boardId), (created) =>
    idb.createStores(created, [['updates', { autoIncrement: true }], ['custom']]),
  )
  try {
    const [updates] = idb.transact(db, ['updates'], 'readonly')
    const stored = (await idb.getAll(updates!)) as Uint8Array[]
    return replayDeviceUpdates(new Y.Doc(), stored)
  } finally {
    db.close()
  }
}

/**
 * Rewrites the device copy as one snapshot of the doc, so the next page load replays no deep
 * chain and no prune of one (see `replayDeviceUpdates`).
 */
export function compactDeviceCopy(persistence: IndexeddbPersistence): void {
  void persistence.whenSynced
    .then(() => (persistence._destroyed ? undefined : storeState(persistence, true)))
    .catch((error: unknown) => console.warn('could not compact the board on this device', error))
}

/** Stops reopening a board that keeps breaking (a bug, not a damaged change, would loop). */
export class RecoveryBudget {
  readonly #times: number[] = []

  constructor(
    readonly max = 3,
    readonly windowMs = 60_000,
  ) {}

  /** Records an attempt at `now` and says whether it is within the budget. */
  allow(now: number): boolean {
    while (this.#times.length > 0 && now - this.#times[0]! > this.windowMs) this.#times.shift()
    if (this.#times.length >= this.max) return false
    this.#times.push(now)
    return true
  }
}
