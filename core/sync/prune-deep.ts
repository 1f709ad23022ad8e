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

/**
 * Live type items past `maxDepth`, parents before their children. Found by one pass over the
 * store's structs with each type's depth remembered (a walk from the roots would visit every
 * character of every text: 30–85 ms on a 12k-note board, at every load). Their other
 * children go with them: deleting a type whose child types are already gone recurses one level.
 */
function tooDeep(doc: Y.Doc, maxDepth: number): Y.Item[] {
  const depths = new Map<Shared, number>()
  const doomed: { item: Y.Item; depth: number }[] = []
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || struct.deleted) continue
      if (!(struct.content instanceof Y.ContentType)) continue
      const depth = depthOf(struct.content.type as Shared, depths)
      if (depth > maxDepth) doomed.push({ item: struct, depth })
    }
  }
  doomed.sort((a, b) => a.depth - b.depth)
  return doomed.map(({ item }) => item)
}

/** A root is 1; iterative, remembering every type on the way, so a chain costs its length once. */
function depthOf(type: Shared, depths: Map<Shared, number>): number {
  const path: Shared[] = []
  let current: Shared | null = type
  let base = 0
  while (current !== null) {
    const known = depths.get(current)
    if (known !== undefined) {
      base = known
      break
    }
    path.push(current)
    const parent: unknown = current._item?.parent ?? null
    current = parent instanceof Y.AbstractType ? (parent as Shared) : null
  }
  for (let i = path.length - 1; i >= 0; i--) depths.set(path[i]!, base + (path.length - i))
  return depths.get(type)!
}
