/**
 * Whether a Y.Doc can still be trusted after a throw inside Yjs.
 *
 * Yjs ends a transaction in `cleanupTransactions`, which fires observers, collects garbage and
 * emits 'update'. When that throws (a stack overflow deleting a deeply nested type, say), the
 * failed transaction stays at the head of `_transactionCleanups`; every later transaction then
 * sees that it is not the first one to end and never cleans up, so the doc never emits
 * 'update' again: edits are applied in memory and never stored, sent or persisted.
 */
import type * as Y from 'yjs'

interface TransactionInternals {
  readonly _transaction: unknown
  readonly _transactionCleanups: readonly unknown[]
}

/**
 * @example
 * try { Y.applyUpdate(doc, bytes) } catch { if (docIsWedged(doc)) reload() }
 */
export function docIsWedged(doc: Y.Doc): boolean {
  const internals = doc as unknown as TransactionInternals
  return internals._transaction === null && internals._transactionCleanups.length > 0
}
