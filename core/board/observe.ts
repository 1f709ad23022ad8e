/**
 * Subscriptions for UI controllers: one callback per transaction that touched the board (or
 * one collection), with the ids that changed, so a controller can re-read only what it shows.
 */
import type * as Y from 'yjs'
import type { EntityRoot } from './schema'
import { boardRoots, getCollection } from './schema'

/**
 * Calls `onChange` once per transaction that changed anything on the board. Returns the
 * unsubscribe function (call it in `hostDisconnected`).
 *
 * @example
 * const stop = observeBoard(doc, () => host.requestUpdate())
 */
export function observeBoard(
  doc: Y.Doc,
  onChange: (transaction: Y.Transaction) => void,
): () => void {
  const roots = boardRoots(doc)
  let last: Y.Transaction | null = null
  const handler = (_events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    // Each root reports separately; report a transaction that touched several roots once.
    if (transaction === last) return
    last = transaction
    onChange(transaction)
  }
  for (const root of roots) root.observeDeep(handler)
  return () => {
    for (const root of roots) root.unobserveDeep(handler)
  }
}

/**
 * Calls `onChange` with the ids of the entities in one collection that were added, removed or
 * edited (including their text) by a transaction.
 *
 * @example
 * const stop = observeCollection(doc, 'notes', (ids) => ids.forEach(redrawNote))
 */
export function observeCollection(
  doc: Y.Doc,
  name: EntityRoot,
  onChange: (changedIds: ReadonlySet<string>, transaction: Y.Transaction) => void,
): () => void {
  const map = getCollection(doc, name)
  if (!map) return () => {}
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    const ids = new Set<string>()
    for (const event of events) {
      const [first] = event.path
      if (typeof first === 'string') ids.add(first)
      else for (const key of event.keys.keys()) ids.add(key)
    }
    if (ids.size > 0) onChange(ids, transaction)
  }
  map.observeDeep(handler)
  return () => map.unobserveDeep(handler)
}
