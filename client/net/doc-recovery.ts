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
 * is followed by a check once the call stack has unwound.
 */
import * as Y from 'yjs'
import * as idb from 'lib0/indexeddb'
import { storeState, type IndexeddbPersistence } from 'y-indexeddb'
import { messageSync, type WebsocketProvider } from 'y-websocket'
import { docIsWedged, pruneDeepTypes } from '../../core/sync/index'

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
  const onTransaction = () => {
    if (checkQueued) return
    checkQueued = true
    // Transactions are synchronous: once the stack has unwound, none can still be open.
    queueMicrotask(() => {
      checkQueued = false
      if (docIsWedged(doc)) report('a change failed inside Yjs and the board stopped saving')
    })
  }
  doc.on('beforeTransaction', onTransaction)

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
    doc.off('beforeTransaction', onTransaction)
    if (provider.messageHandlers[messageSync] === guarded) {
      provider.messageHandlers[messageSync] = original as SyncHandler
    }
  }
}

/**
 * Applies the stored updates one transaction each, then prunes. y-indexeddb replays them all in
 * one transaction, which is exactly what a pruned deep chain cannot survive: its inserts and its
 * bottom-up deletes meet in one delete set, and collecting that garbage recurses once per level.
 * One at a time, each update is the transaction that once emitted it, and succeeded then.
 */
export function replayDeviceUpdates(doc: Y.Doc, updates: readonly Uint8Array[]): Y.Doc {
  for (const update of updates) {
    Y.applyUpdate(doc, update, RECOVERY_ORIGIN)
    if (docIsWedged(doc)) throw new Error('the copy of this board on this device is damaged')
  }
  pruneDeepTypes(doc, RECOVERY_ORIGIN)
  return doc
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
