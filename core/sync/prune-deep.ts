/**
 * Removes shared types nested past the schema's bound from a document that already holds them
 * (a board poisoned before the relay refused such updates, or a file from elsewhere).
 *
 * Deleting the top of a deep chain is exactly what overflows Yjs' stack (Item.delete and the
 * garbage collector recurse once per level), so the chain is taken apart from the bottom up:
 * each item is deleted after everything under it, in transactions of bounded size, and every
 * delete then recurses at most one level.
 */
import * as Y from 'yjs'
import { MAX_TYPE_DEPTH } from './check-update'

/** Any shared type; the event type parameter does not matter for walking items. */
type Shared = Y.AbstractType<unknown>

/** Deletions per transaction: small enough that the garbage collector's work stays flat. */
const PER_TRANSACTION = 256

/**
 * Returns how many items were deleted (0 when the doc is within the bound: nothing is written).
 *
 * @example
 * pruneDeepTypes(doc, 'repair') // 0 for any board the schema describes
 */
export function pruneDeepTypes(doc: Y.Doc, origin: unknown, maxDepth = MAX_TYPE_DEPTH): number {
  const doomed = tooDeep(doc, maxDepth)
  if (doomed.length === 0) return 0
  // Deepest first: a child is always listed after its parent, so walk the list backwards.
  for (let end = doomed.length; end > 0; end -= PER_TRANSACTION) {
    const batch = doomed.slice(Math.max(0, end - PER_TRANSACTION), end).reverse()
    doc.transact((transaction) => {
      for (const item of batch) if (!item.deleted) item.delete(transaction)
    }, origin)
  }
  return doomed.length
}

/** Live items at or under the first level past `maxDepth`, parents before their children. */
function tooDeep(doc: Y.Doc, maxDepth: number): Y.Item[] {
  const doomed: Y.Item[] = []
  const stack: { type: Shared; depth: number; doomed: boolean }[] = []
  for (const type of doc.share.values() as Iterable<Shared>)
    stack.push({ type, depth: 1, doomed: false })
  while (stack.length > 0) {
    const { type, depth, doomed: under } = stack.pop()!
    for (const item of childItems(type)) {
      if (item.deleted) continue
      const doom = under || (item.content instanceof Y.ContentType && depth + 1 > maxDepth)
      if (doom) doomed.push(item)
      if (item.content instanceof Y.ContentType) {
        stack.push({ type: item.content.type, depth: depth + 1, doomed: doom })
      }
    }
  }
  return doomed
}

function* childItems(type: Shared): Generator<Y.Item> {
  for (let item = type._start; item !== null; item = item.right) yield item
  for (const last of type._map.values()) {
    // A map key's history is a list of items; only the last can be live.
    yield last
  }
}
