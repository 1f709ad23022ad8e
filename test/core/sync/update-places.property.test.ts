// For random boards edited by two peers at once (notes with text, meta keys, votes, deletes,
// collected garbage), the places updatePlaces reads from an update before it is applied are the
// places Yjs then writes and deletes: checked against the doc as the transaction leaves it,
// before its garbage is collected.
import fc from 'fast-check'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { updatePlaces } from '../../../core/sync/update-places'

type Op =
  | { kind: 'meta'; key: number; value: number }
  | { kind: 'note'; id: number; text: string }
  | { kind: 'type'; id: number; at: number; text: string }
  | { kind: 'erase'; id: number; at: number }
  | { kind: 'field'; id: number; value: number }
  | { kind: 'drop'; id: number }
  | { kind: 'vote'; voter: number; target: number }

const id = fc.nat(3)
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('meta' as const), key: fc.nat(2), value: fc.nat(3) }),
  fc.record({ kind: fc.constant('note' as const), id, text: fc.string({ maxLength: 4 }) }),
  fc.record({
    kind: fc.constant('type' as const),
    id,
    at: fc.nat(8),
    text: fc.string({ minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('erase' as const), id, at: fc.nat(8) }),
  fc.record({ kind: fc.constant('field' as const), id, value: fc.nat(9) }),
  fc.record({ kind: fc.constant('drop' as const), id }),
  fc.record({ kind: fc.constant('vote' as const), voter: fc.nat(1), target: id }),
)

const META_KEYS = ['phase', 'notesRevealed', 'title']

function apply(doc: Y.Doc, o: Op): void {
  const notes = doc.getMap<unknown>('notes')
  const note = 'id' in o ? notes.get(`n${o.id}`) : undefined
  const text = note instanceof Y.Map ? note.get('text') : undefined
  switch (o.kind) {
    case 'meta':
      doc.getMap('meta').set(META_KEYS[o.key]!, o.value)
      return
    case 'note': {
      const map = new Y.Map<unknown>()
      notes.set(`n${o.id}`, map)
      map.set('text', new Y.Text(o.text))
      map.set('author', 'ann')
      return
    }
    case 'type':
      if (text instanceof Y.Text) text.insert(Math.min(o.at, text.length), o.text)
      return
    case 'erase':
      if (text instanceof Y.Text && text.length > 0) text.delete(Math.min(o.at, text.length - 1), 1)
      return
    case 'field':
      if (note instanceof Y.Map) note.set('x', o.value)
      return
    case 'drop':
      notes.delete(`n${o.id}`)
      return
    case 'vote': {
      const votes = doc.getMap<unknown>('votes')
      let dots = votes.get(`v${o.voter}`)
      if (!(dots instanceof Y.Map)) votes.set(`v${o.voter}`, (dots = new Y.Map<unknown>()))
      ;(dots as Y.Map<unknown>).set(`n${o.target}`, o.target)
    }
  }
}

/** The item's path as the applied doc has it (an independent walk, by Yjs' own links). */
function pathOf(doc: Y.Doc, item: Y.Item): string {
  const keys: string[] = []
  if (item.parentSub !== null) keys.push(item.parentSub)
  let type = item.parent as Y.AbstractType<unknown>
  while (type._item !== null) {
    if (type._item.parentSub !== null) keys.push(type._item.parentSub)
    type = type._item.parent as Y.AbstractType<unknown>
  }
  for (const [name, root] of doc.share) if ((root as unknown) === type) keys.push(name)
  return keys.reverse().join('.')
}

interface Truth {
  writes: Set<string>
  deletes: Set<string>
}

/** Applies `update` and reads what it wrote and deleted before garbage collection runs. */
function applied(doc: Y.Doc, update: Uint8Array): Truth {
  const before = Y.decodeStateVector(Y.encodeStateVector(doc))
  const deletedBefore = Y.createDeleteSetFromStructStore(doc.store)
  const truth: Truth = { writes: new Set(), deletes: new Set() }
  const watch = (tr: Y.Transaction) => {
    for (const [client, structs] of doc.store.clients) {
      for (const struct of structs) {
        if (struct.id.clock < (before.get(client) ?? 0) || !(struct instanceof Y.Item)) continue
        const type = struct.content instanceof Y.ContentType ? ' (type)' : ''
        truth.writes.add(`${pathOf(doc, struct)}${type}`)
      }
    }
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (struct.id.clock >= (before.get(struct.id.client) ?? 0) || !(struct instanceof Y.Item))
        return
      if (Y.isDeleted(deletedBefore, struct.id)) return
      const type = struct.content instanceof Y.ContentType ? ' (type)' : ''
      truth.deletes.add(`${pathOf(doc, struct)}${type}`)
    })
  }
  doc.on('beforeObserverCalls', watch)
  Y.applyUpdate(doc, update)
  doc.off('beforeObserverCalls', watch)
  return truth
}

describe('updatePlaces on random boards', () => {
  it('names exactly the places Yjs writes, and the deletes it applies', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 12 }),
        fc.array(op, { maxLength: 8 }),
        fc.array(op, { maxLength: 8 }),
        fc.boolean(),
        (shared, onBase, onPeer, resend) => {
          const base = new Y.Doc()
          for (const o of shared) apply(base, o)
          const peer = new Y.Doc()
          Y.applyUpdate(peer, Y.encodeStateAsUpdate(base))
          const synced = Y.encodeStateVector(base)
          for (const o of onBase) apply(base, o)
          // Half the peer's edits reach the base first; the update resends them (a reconnect).
          const half = Math.floor(onPeer.length / 2)
          for (const o of onPeer.slice(0, half)) apply(peer, o)
          Y.applyUpdate(base, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(base)))
          for (const o of onPeer.slice(half)) apply(peer, o)
          const update = Y.encodeStateAsUpdate(peer, resend ? synced : Y.encodeStateVector(base))
          const found = updatePlaces(base, update)
          const writes = new Set<string>()
          const deletes = new Set<string>()
          for (const place of found.places) {
            const key = `${place.path.join('.')}${place.isType ? ' (type)' : ''}`
            ;(place.kind === 'write' ? writes : deletes).add(key)
          }
          const truth = applied(base, update)
          expect(found.unresolved).toEqual([])
          expect([...writes].sort()).toEqual([...truth.writes].sort())
          for (const key of deletes) expect(truth.deletes).toContain(key)
          // Yjs also deletes what the update did not list: the children of a deleted type
          // that the sender never saw, and the value a map write replaces, with its children.
          const writtenKeys = [...writes].map((w) => w.replace(' (type)', ''))
          const typeDeletes = [...deletes].filter((d) => d.endsWith(' (type)'))
          for (const key of truth.deletes) {
            if (deletes.has(key)) continue
            const path = key.replace(' (type)', '')
            const explained =
              writtenKeys.some((w) => path === w || path.startsWith(`${w}.`)) ||
              typeDeletes.some((d) => path.startsWith(`${d.replace(' (type)', '')}.`))
            expect(explained, `unexplained delete of ${key}`).toBe(true)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
