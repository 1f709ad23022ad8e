/**
 * Background compaction: fold a board's update rows into its snapshot so loading stays fast
 * and the row count and size stay bounded.
 *
 * The merge applies the stored V1 updates to a scratch Y.Doc and re-encodes its state, which
 * also drops the content of deleted items (Y.mergeUpdates cannot). Pending structs whose
 * dependencies are missing are kept by encodeStateAsUpdate, so nothing stored is lost. Only V1
 * decoders run: the V2 decoder is unsafe on untrusted bytes (yjs issue #687).
 */
import { storedParts } from './store'
import * as Y from 'yjs'
import type { BoardStore } from './store'
import { InvalidStoreInputError } from './errors'

export interface CompactionPolicy {
  /** Compact once this many update rows wait behind the snapshot. */
  readonly maxUpdates: number
  /** …or once they hold this many bytes. */
  readonly maxBytes: number
}

/**
 * 500 small keystroke-sized updates load in well under a millisecond-per-row budget, and
 * 2 MiB keeps a burst of pasted images or imports from lingering as raw rows.
 */
export const DEFAULT_COMPACTION_POLICY: CompactionPolicy = { maxUpdates: 500, maxBytes: 2 << 20 }

/** Merges overrides onto the defaults, rejecting thresholds that would disable or spin it. */
export function compactionPolicy(overrides: Partial<CompactionPolicy> = {}): CompactionPolicy {
  const policy = { ...DEFAULT_COMPACTION_POLICY, ...overrides }
  for (const [key, value] of Object.entries(policy)) {
    if (!Number.isSafeInteger(value) || value < 2) {
      throw new InvalidStoreInputError(`compaction ${key} must be an integer ≥ 2, got ${value}`)
    }
  }
  return policy
}

/** Whether a board's pending updates (from `store.pendingUpdates`) are worth compacting now. */
export function shouldCompact(
  pending: { readonly count: number; readonly bytes: number },
  policy: CompactionPolicy = DEFAULT_COMPACTION_POLICY,
): boolean {
  // A single row over the byte limit gains nothing from being rewritten as a snapshot.
  return (
    pending.count >= policy.maxUpdates || (pending.count >= 2 && pending.bytes >= policy.maxBytes)
  )
}

export interface CompactionResult {
  readonly compacted: boolean
  /** Update rows folded into the snapshot. */
  readonly updatesMerged: number
  readonly upToSeq: number
  /** Bytes of snapshot + merged updates before, and of the new snapshot after. */
  readonly bytesBefore: number
  readonly bytesAfter: number
}

/**
 * Loads the board, merges snapshot and updates, and stores the result with `compact`. Updates
 * appended while this runs have higher seqs and are kept; if another node compacted further
 * meanwhile, the store ignores this older snapshot. A corrupt stored update makes Yjs throw
 * here, before `compact`, so the rows stay untouched for an operator to inspect.
 */
export async function compactBoard(
  store: BoardStore,
  boardId: string,
  merge: (parts: readonly Uint8Array[]) => Promise<Uint8Array> = mergeInThread,
): Promise<CompactionResult> {
  const stored = await store.loadDoc(boardId)
  const parts = storedParts(stored)
  const bytesBefore = parts.reduce((n, p) => n + p.byteLength, 0)
  if (stored.updates.length === 0) {
    return {
      compacted: false,
      updatesMerged: 0,
      upToSeq: stored.lastSeq,
      bytesBefore,
      bytesAfter: bytesBefore,
    }
  }
  const snapshot = await merge(parts)
  await store.compact(boardId, snapshot, stored.lastSeq)
  return {
    compacted: true,
    updatesMerged: stored.updates.length,
    upToSeq: stored.lastSeq,
    bytesBefore,
    bytesAfter: snapshot.byteLength,
  }
}

/** The merge on this thread (the relay hands big boards to a worker: off-thread-load.ts). */
export function mergeInThread(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const doc = new Y.Doc({ gc: true })
  try {
    for (const part of parts) Y.applyUpdate(doc, part)
    return Promise.resolve(Y.encodeStateAsUpdate(doc))
  } finally {
    doc.destroy()
  }
}

/**
 * Stored parts as one update with everything kept (`Y.mergeUpdates`: no doc, no GC), for the
 * backup download and a big board's first full-state reply. One part is already that.
 */
export function mergeParts(parts: readonly Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : Y.mergeUpdates([...parts])
}
