/**
 * Reading a board from storage into a fresh Y.Doc without stalling the other boards on the
 * node (docs/server.md, "Loading big boards"): refuse it past the size cap before decoding
 * anything, hand the stored rows to joiners waiting for it, have the loader (a worker thread)
 * cut big boards into causal pieces, and apply those with a yield between them.
 */
import { storedParts, type BoardStore } from '../storage/store'
import * as Y from 'yjs'
import type { Logger } from '../log'
import type { StateLoader } from '../storage/off-thread-load'
import { docIsWedged } from '../../core/sync/index'
import { loadMode } from './board-size'
import { encodeSyncStep2FromUpdate, encodeUpdate } from './protocol'

export interface LoadedBoard {
  readonly doc: Y.Doc
  /** Update rows after the snapshot, and their bytes (they drive compaction). */
  readonly rows: number
  readonly rowBytes: number
  /** Snapshot + rows: the size the cap applies to. */
  readonly totalBytes: number
  /** The whole state as one update when the loader built it (for first-time joiners). */
  readonly full: Uint8Array | undefined
  /** Stored parts that could not be applied (logged, skipped). */
  readonly failed: number
  /** Set when the board is over its cap and opens read-only (board-size.ts loadMode). */
  readonly readOnlyReason: string | null
  /** False when the worker checked the whole board and found no type nested too deep. */
  readonly mayBeDeep: boolean
}

export interface LoadBoardOptions {
  readonly store: BoardStore
  readonly logger: Logger
  readonly maxBoardBytes: number
  readonly loader?: StateLoader | undefined
  /** Called as soon as the rows are read, before anything is decoded. */
  readonly onStoredState?: ((reply: StoredReply) => void) | undefined
}

/**
 * The stored rows as sync messages for a first-time joiner, encoded on first call (most loads
 * have nobody to answer): the later rows as plain updates, then the first one (the snapshot)
 * as the sync step 2, so the stock provider's `synced` fires only once it has all of them
 * (Yjs holds the early rows as pending until the snapshot they build on arrives). Stored bytes
 * are what our own doc emitted or compacted, never raw client bytes.
 */
export type StoredReply = () => readonly Uint8Array[]

function storedReply(first: Uint8Array, rest: readonly Uint8Array[]): StoredReply {
  let messages: readonly Uint8Array[] | null = null
  return () => (messages ??= [...rest.map(encodeUpdate), encodeSyncStep2FromUpdate(first)])
}

/** Pieces are small (≈10–20 ms each); other boards run between them once this much passed. */
const YIELD_AFTER_MS = 8

export async function loadBoard(boardId: string, options: LoadBoardOptions): Promise<LoadedBoard> {
  const stored = await options.store.loadDoc(boardId)
  const parts = storedParts(stored)
  let totalBytes = 0
  for (const part of parts) totalBytes += part.byteLength
  // Checked before any decoding: refusing a huge board costs a read, not a stall.
  const readOnlyReason = loadMode(totalBytes, options.maxBoardBytes)

  const log = options.logger.child({ boardId })
  const [first, ...rest] = parts
  if (first !== undefined && options.onStoredState) {
    options.onStoredState(storedReply(first, rest))
  }
  let pieces: readonly Uint8Array[] = parts
  let full: Uint8Array | undefined
  let failed = 0
  let deep: boolean | undefined
  if (options.loader) {
    try {
      const loaded = await options.loader.pieces(parts)
      pieces = loaded.pieces
      full = loaded.full
      failed = loaded.skipped
      deep = loaded.deep
      if (failed > 0) log.error({ skipped: failed }, 'stored updates could not be applied; skipped')
    } catch (error) {
      log.warn({ err: error }, 'board could not be cut into pieces; applying it whole')
    }
  }
  const skipped = new Set<number>()
  let doc = await applyPieces(pieces, skipped, log)
  while (doc === null) {
    // A piece threw and left the doc unusable (a stack overflow mid-transaction): start again
    // without it. Each pass skips one more piece, so this ends.
    doc = await applyPieces(pieces, skipped, log)
  }
  failed += skipped.size
  return {
    doc,
    rows: stored.updates.length,
    rowBytes: totalBytes - (stored.snapshot?.byteLength ?? 0),
    totalBytes,
    full,
    failed,
    readOnlyReason,
    // The worker's copy is the doc built here only if no piece failed on either side.
    mayBeDeep: deep !== false || failed > 0,
  }
}

/**
 * Applies the pieces in order, skipping those in `skipped`. A piece that throws is logged and
 * added to `skipped`; if the throw left the doc in a transaction that never ended, the doc is
 * useless (it would never emit another update) and null is returned so the caller rebuilds.
 */
async function applyPieces(
  pieces: readonly Uint8Array[],
  skipped: Set<number>,
  log: Logger,
): Promise<Y.Doc | null> {
  const doc = new Y.Doc()
  let lastYield = performance.now()
  for (let index = 0; index < pieces.length; index++) {
    if (skipped.has(index)) continue
    try {
      Y.applyUpdate(doc, pieces[index]!, 'load')
    } catch (error) {
      skipped.add(index)
      log.error({ err: error, piece: index }, 'stored update could not be applied; skipped')
      if (docIsWedged(doc)) {
        doc.destroy()
        return null
      }
    }
    if (performance.now() - lastYield > YIELD_AFTER_MS) {
      await new Promise((resume) => setImmediate(resume))
      lastYield = performance.now()
    }
  }
  return doc
}
